"""What a story's summary should cover: pairs of adjacent words, each weighted by how likely a
summary of the story is to contain it, and the sentences that cover most of that weight.

A pair that many of the story's articles use, often, early on, and in their titles is what
the story is about; a pair one article uses once, deep in its text, is a detail. The weight of
a pair is a logistic model over those counts (:class:`PairModel`), fitted on the pairs of
vlsp-abmusu's reference summaries by ``training/fit_summary_pairs.py`` and shipped as
``summary_pairs.json``. Pairs are compared within one language, so every language of a story
has its own counts.

Sentences are then chosen to cover the most weight per word (Gillick & Favre's concept
coverage, greedily): a pair counts once however many sentences repeat it, so a sentence
that says again what the summary holds gains nothing, and one that adds what several sources
say gains most.

>>> from storyweave.stories.summary_sentences import StorySentence
>>> def sentence(article, position, text):
...     return StorySentence(text, "en", article, position, position, 0, len(text.split()), True)
>>> story = [sentence(0, 0, "Floods hit Riverton on Sunday."), sentence(0, 1, "A dog barked."),
...          sentence(1, 0, "Riverton was hit by floods on Sunday.")]
>>> weights = pair_weights(story, {0: "Floods hit Riverton"})
>>> weights[("on", "sunday")] > weights[("dog", "barked")]
True
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import regex

from ..represent.lexical import tokens
from .summary_sentences import StorySentence, single_stop_words

Pair = tuple[str, str]

_DIGIT = regex.compile(r"\p{N}")

#: Bins: share of the language's articles using a pair, times it occurs in the story, the
#: sentence and paragraph it first occurs in (in any article and in the earliest one).
SHARE_EDGES = (0.34, 0.51, 0.7, 0.99)
COUNT_EDGES = (2, 3, 4, 6, 9)
POSITION_EDGES = (1, 2, 3, 4, 6, 9, 15)
COARSE_SHARE_EDGES = (0.51, 0.99)
PARAGRAPH_EDGES = (1, 2, 3, 5, 8)
#: How many bins each of those edges makes.
SHARES = len(SHARE_EDGES) + 1
COUNTS = len(COUNT_EDGES) + 1
POSITIONS = len(POSITION_EDGES) + 1
COARSE_SHARES = len(COARSE_SHARE_EDGES) + 1
#: The ``in_earliest`` bin of a pair the earliest article does not use.
NOT_IN_EARLIEST = len(POSITION_EDGES) + 1
#: The shipped model, next to this module.
MODEL_FILE = "summary_pairs.json"

#: Selection: a sentence's new weight over this power of its number of pairs. Below 1, longer
#: sentences that add much are preferred to short ones that add a little more per word.
LENGTH_POWER = 0.7


class PairBins(NamedTuple):
    """Where a pair falls in each term of the model (indexes into its tables)."""

    share: int
    occurrences: int
    first_sentence: int
    coarse_share: int
    in_earliest: int
    first_paragraph: int
    in_title: bool
    stop_words: int
    has_number: bool


@dataclass(frozen=True, slots=True)
class PairModel:
    """The logit of "a summary of the story holds this pair", term by term over its bins.

    ``spread[share bin][occurrence bin]`` is how widely and often the story says it;
    ``first_sentence[position bin][coarse share bin]`` how early any article says it;
    ``in_earliest[position bin]`` where the earliest article says it (the last entry: not at
    all); ``first_paragraph[paragraph bin]`` the paragraph it first comes in; ``stop_words``
    is indexed by how many of the two words are stop words.
    """

    bias: float
    spread: tuple[tuple[float, ...], ...]
    first_sentence: tuple[tuple[float, ...], ...]
    in_earliest: tuple[float, ...]
    first_paragraph: tuple[float, ...]
    in_title: float
    stop_words: tuple[float, ...]
    has_number: float
    info: dict[str, Any] = field(default_factory=dict, compare=False)

    def logit(self, bins: PairBins) -> float:
        return (
            self.bias
            + self.spread[bins.share][bins.occurrences]
            + self.first_sentence[bins.first_sentence][bins.coarse_share]
            + self.in_earliest[bins.in_earliest]
            + self.first_paragraph[bins.first_paragraph]
            + (self.in_title if bins.in_title else 0.0)
            + self.stop_words[bins.stop_words]
            + (self.has_number if bins.has_number else 0.0)
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "edges": _edges(),
            "bias": self.bias,
            "spread": self.spread,
            "first_sentence": self.first_sentence,
            "in_earliest": self.in_earliest,
            "first_paragraph": self.first_paragraph,
            "in_title": self.in_title,
            "stop_words": self.stop_words,
            "has_number": self.has_number,
            "info": self.info,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PairModel:
        """The model a file holds; ``ValueError`` saying what is wrong if it does not fit
        the bins this code makes."""
        edges = data.get("edges")
        if edges != _edges():
            raise ValueError(f"the model's bin edges {edges} are not this code's {_edges()}")
        return cls(
            bias=_number(data.get("bias"), "bias"),
            spread=_table(data.get("spread"), (SHARES, COUNTS), "spread"),
            first_sentence=_table(
                data.get("first_sentence"), (POSITIONS, COARSE_SHARES), "first_sentence"
            ),
            in_earliest=_table(data.get("in_earliest"), (NOT_IN_EARLIEST + 1,), "in_earliest"),
            first_paragraph=_table(
                data.get("first_paragraph"), (len(PARAGRAPH_EDGES) + 1,), "first_paragraph"
            ),
            in_title=_number(data.get("in_title"), "in_title"),
            stop_words=_table(data.get("stop_words"), (3,), "stop_words"),
            has_number=_number(data.get("has_number"), "has_number"),
            info=dict(data.get("info") or {}),
        )


def load_pair_model(path: Path | None = None) -> PairModel:
    """The model in ``path``, or the shipped one."""
    if path is not None:
        return PairModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    return _shipped_model()


@cache
def _shipped_model() -> PairModel:
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return PairModel.from_json(json.loads(text))


def _edges() -> dict[str, list[float]]:
    return {
        "share": list(SHARE_EDGES),
        "count": list(COUNT_EDGES),
        "position": list(POSITION_EDGES),
        "coarse_share": list(COARSE_SHARE_EDGES),
        "paragraph": list(PARAGRAPH_EDGES),
    }


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, not {value!r}")
    return float(value)


def _table(value: Any, shape: tuple[int, ...], name: str) -> Any:
    """``value`` as nested tuples of numbers of ``shape``."""
    if not isinstance(value, list) or len(value) != shape[0]:
        raise ValueError(f"{name} must be a list of {shape[0]}, not {value!r}")
    if len(shape) == 1:
        return tuple(_number(v, name) for v in value)
    return tuple(_table(row, shape[1:], name) for row in value)


@dataclass(slots=True)
class _PairCounts:
    articles: set[int] = field(default_factory=set)
    count: int = 0
    first_position: int = 1 << 30
    first_paragraph: int = 1 << 30
    in_earliest: int | None = None


def sentence_pairs(text: str) -> list[Pair]:
    """The pairs of adjacent tokens of a sentence, in order (repeats kept).

    >>> sentence_pairs("Heavy rain, Riverton.")
    [('heavy', 'rain'), ('rain', 'riverton')]
    """
    found = tokens(text)
    return list(pairwise(found))


def pair_weights(
    sentences: Sequence[StorySentence],
    titles: Mapping[int, str],
    earliest: Mapping[str, int] | None = None,
    model: PairModel | None = None,
) -> dict[Pair, float]:
    """Every pair of the story's sentences with its weight (0..1), counted per language.

    ``titles`` are the articles' titles by index; ``earliest`` the first article to read in
    each language (by default the lowest index); ``model`` by default the shipped one.
    """
    model = model or load_pair_model()
    return {
        pair: 1.0 / (1.0 + math.exp(-model.logit(bins)))
        for pair, bins in pair_bins(sentences, titles, earliest).items()
    }


def pair_bins(
    sentences: Sequence[StorySentence],
    titles: Mapping[int, str],
    earliest: Mapping[str, int] | None = None,
) -> dict[Pair, PairBins]:
    """Every pair of the story's sentences with the bins of the model it falls in."""
    counts: dict[str, dict[Pair, _PairCounts]] = defaultdict(lambda: defaultdict(_PairCounts))
    articles: dict[str, set[int]] = defaultdict(set)
    first: dict[str, int] = dict(earliest or {})
    for sentence in sentences:
        articles[sentence.lang].add(sentence.article)
        # Sentences come in article order: the first seen in a language is its earliest.
        first.setdefault(sentence.lang, sentence.article)
        for pair in sentence_pairs(sentence.text):
            found = counts[sentence.lang][pair]
            found.articles.add(sentence.article)
            found.count += 1
            found.first_position = min(found.first_position, sentence.position)
            found.first_paragraph = min(found.first_paragraph, sentence.paragraph)
            if sentence.article == first[sentence.lang] and found.in_earliest is None:
                found.in_earliest = sentence.position
    binned: dict[Pair, PairBins] = {}
    for lang, pairs in counts.items():
        stop = single_stop_words(lang)
        titled = {
            pair
            for index, title in titles.items()
            if index in articles[lang]
            for pair in sentence_pairs(title)
        }
        total = len(articles[lang])
        for pair, found in pairs.items():
            share = len(found.articles) / total
            binned[pair] = PairBins(
                share=bisect_right(SHARE_EDGES, share),
                occurrences=bisect_right(COUNT_EDGES, found.count),
                first_sentence=bisect_right(POSITION_EDGES, found.first_position),
                coarse_share=bisect_right(COARSE_SHARE_EDGES, share),
                in_earliest=NOT_IN_EARLIEST
                if found.in_earliest is None
                else bisect_right(POSITION_EDGES, found.in_earliest),
                first_paragraph=bisect_right(PARAGRAPH_EDGES, found.first_paragraph),
                in_title=pair in titled,
                stop_words=(pair[0] in stop) + (pair[1] in stop),
                has_number=_DIGIT.search(pair[0] + pair[1]) is not None,
            )
    return binned


def coverage_gain(
    pairs: Iterable[Pair], weights: Mapping[Pair, float], covered: set[Pair]
) -> float:
    """The weight of the distinct pairs not yet covered, over the pairs' number to the
    :data:`LENGTH_POWER` (0.0 for a sentence without pairs)."""
    listed = list(pairs)
    if not listed:
        return 0.0
    new = {pair for pair in listed if pair not in covered}
    gained = sum(weights.get(pair, 0.0) for pair in new)
    return gained / math.pow(len(listed), LENGTH_POWER)
