"""How alike two sentences of a story are, within and across languages: the names and numbers
they share (which translation keeps), and dense vectors of the best candidates; and how much
the other articles say a sentence again (its coverage across sources).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import numpy as np

from ..represent.encoders import Encoder
from ..represent.names import name_keys
from ..represent.numbers import number_keys
from .summary_sentences import StorySentence, written_keys

#: Weighted share of names and numbers from which two sentences report the same fact …
KEY_OVERLAP = 0.5
#: … provided the names and numbers they share weigh this much (a rare name weighs about 2,
#: a name in every other sentence of the story about 0.7).
MIN_SHARED_KEY_WEIGHT = 3.0
#: Cross-language: dense cosine (each language centred) from which two sentences match.
CROSS_DENSE_COSINE = 0.3
#: At most this many sentences of a story go to the dense encoder, in one call.
DENSE_CANDIDATES = 30
#: Weight of the coverage the dense vectors find (only the encoded candidates have it).
DENSE_COVERAGE_WEIGHT = 1.0


def attach_keys(sentences: list[StorySentence], multilingual: bool) -> None:
    """Names and numbers of every sentence, weighted by how rare they are in the story.

    Across languages they must be keys that survive translation (:func:`name_keys`); within
    one language, capitalised words and digits do, at a hundredth of the cost.
    """
    if multilingual:
        found = [
            set(name_keys(s.text, s.lang)) | {f"#{n}" for n in number_keys(s.text, s.lang)}
            for s in sentences
        ]
    else:
        found = [written_keys(s.text) for s in sentences]
    frequency = Counter(key for keys in found for key in keys)
    for sentence, keys in zip(sentences, found, strict=True):
        sentence.keys = {k: math.log((1 + len(sentences)) / frequency[k]) for k in keys}


def key_overlap(a: StorySentence, b: StorySentence) -> float:
    """Weighted share of the names and numbers of two sentences that they have in common;
    0.0 unless what they share weighs :data:`MIN_SHARED_KEY_WEIGHT`."""
    if not a.keys or not b.keys:
        return 0.0
    common = sum(weight for key, weight in a.keys.items() if key in b.keys)
    if common < MIN_SHARED_KEY_WEIGHT:
        return 0.0
    return 2 * common / (sum(a.keys.values()) + sum(b.keys.values()))


def cross_similarity(a: StorySentence, b: StorySentence) -> float:
    """How surely two sentences in different languages say the same thing (0..1)."""
    overlap = key_overlap(a, b)
    if a.dense is None or b.dense is None or not (a.keys or {}).keys() & (b.keys or {}).keys():
        return overlap
    # The dense vectors count only with a name or number in common: alone they match topics.
    dense = float(a.dense @ b.dense)
    if dense < CROSS_DENSE_COSINE:
        return overlap
    return max(overlap, KEY_OVERLAP + (1 - KEY_OVERLAP) * dense)


def add_cross_language_coverage(
    article_count: int, sentences: list[StorySentence], weight: float
) -> None:
    """Add to each candidate's score ``weight`` times the share of the other-language
    articles that report its names and numbers."""
    others = max(1, article_count - 1)
    by_article: dict[int, list[StorySentence]] = defaultdict(list)
    for sentence in sentences:
        by_article[sentence.article].append(sentence)
    for sentence in sentences:
        if not sentence.candidate or not sentence.keys:
            continue
        for theirs in by_article.values():
            if theirs[0].lang != sentence.lang:
                best = max(key_overlap(sentence, other) for other in theirs)
                sentence.score += weight * best / others


def attach_dense(sentences: list[StorySentence], article_count: int, encoder: Encoder) -> None:
    """Dense vectors for the best few candidates of every article, in one call, centred per
    language so that what is left is what sets a sentence apart within the story, not its
    language; a candidate that other articles' candidates say again gains coverage."""
    by_article: dict[int, list[StorySentence]] = defaultdict(list)
    for sentence in sorted(sentences, key=lambda s: -s.score):
        if sentence.candidate:
            by_article[sentence.article].append(sentence)
    chosen: list[StorySentence] = []
    for rank in range(max((len(group) for group in by_article.values()), default=0)):
        chosen += [group[rank] for group in by_article.values() if rank < len(group)]
    chosen = chosen[:DENSE_CANDIDATES]
    if len({s.article for s in chosen}) < 2:
        return
    vectors = np.asarray(encoder.encode([s.text for s in chosen]), dtype=np.float32)
    for lang in {s.lang for s in chosen}:
        mask = [i for i, s in enumerate(chosen) if s.lang == lang]
        vectors[mask] -= vectors[mask].mean(axis=0)
    vectors = unit_rows(vectors)
    similar = vectors @ vectors.T
    owner_of = np.array([s.article for s in chosen])
    others = max(1, article_count - 1)
    for row, sentence in enumerate(chosen):
        sentence.dense = vectors[row]
        coverage = sum(
            max(0.0, float(similar[row, owner_of == owner].max()))
            for owner in set(owner_of.tolist())
            if owner != sentence.article
        )
        sentence.score += DENSE_COVERAGE_WEIGHT * coverage / others


def unit_rows(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    unit: np.ndarray = np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
    return unit
