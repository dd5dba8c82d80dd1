"""Quality of article-body extraction: word-shingle precision, recall and F1.

The measure follows the article-extraction benchmark of scrapinghub: both texts are cut into
word tokens (runs of Unicode word characters, case kept), tokens are joined into overlapping
n-grams ("shingles"), and the two multisets of shingles are compared. A text shorter than ``n``
words forms one short shingle, so that short texts still count.

Empty texts: when both texts are empty the extraction is perfect (1, 1, 1). An empty
prediction has no precision to speak of and an empty reference no recall; such a score says so
(``has_prediction`` / ``has_reference``) and :func:`mean` leaves it out of that average, as the
benchmark does. On its own such a page scores 0 on the undefined side.

>>> shingle_f1("a b c d e", "a b c d").f1
0.6666666666666666
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ExtractionScore:
    """Precision, recall and F1 of one extracted body (or the mean over many), each in 0..1."""

    precision: float
    recall: float
    f1: float
    #: False when the extracted text had no words: its precision is then undefined.
    has_prediction: bool = True
    #: False when the reference had no words: recall is then undefined.
    has_reference: bool = True


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of word ``n``-grams of ``text``; a text under ``n`` words is one shingle."""
    if n < 1:
        raise ValueError("shingle size must be at least 1")
    tokens = _WORD.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) <= n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_f1(reference: str, extracted: str, n: int = 4) -> ExtractionScore:
    """Score ``extracted`` against ``reference`` by their shared word ``n``-grams."""
    truth = shingles(reference, n)
    predicted = shingles(extracted, n)
    if not truth and not predicted:
        return ExtractionScore(1.0, 1.0, 1.0)
    true_positive = sum((truth & predicted).values())
    precision = true_positive / sum(predicted.values()) if predicted else 0.0
    recall = true_positive / sum(truth.values()) if truth else 0.0
    return ExtractionScore(
        precision=precision,
        recall=recall,
        f1=_harmonic(precision, recall),
        has_prediction=bool(predicted),
        has_reference=bool(truth),
    )


def mean(scores: Iterable[ExtractionScore]) -> ExtractionScore:
    """The benchmark's aggregate: mean precision, mean recall, and the F1 of those two means.

    Pages without a prediction are left out of the precision mean and pages without a
    reference out of the recall mean; an empty input gives zeros.
    """
    items = list(scores)
    precisions = [s.precision for s in items if s.has_prediction]
    recalls = [s.recall for s in items if s.has_reference]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    return ExtractionScore(
        precision=precision,
        recall=recall,
        f1=_harmonic(precision, recall),
        has_prediction=bool(precisions),
        has_reference=bool(recalls),
    )


def _harmonic(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total > 0 else 0.0
