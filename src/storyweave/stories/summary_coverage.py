"""What a story's summary should cover: pairs of adjacent words, each weighted by how likely a
summary of the story is to contain it, and the sentences that cover most of that weight.

A pair that many of the story's articles use, often, early on, and in their titles is what
the story is about; a pair one article uses once, deep in its text, is a detail. The weight of
a pair is a logistic model over those counts (:data:`SPREAD`, :data:`FIRST_SENTENCE`, …),
fitted on the pairs of vlsp-abmusu's reference summaries and kept only where it held up on
stories it was not fitted on. Pairs are compared within one language, so every language of a
story has its own counts.

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

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

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

#: Logit terms of the model. SPREAD[share bin][count bin]: how widely and often it is said.
SPREAD = (
    (-1.36, -0.59, -0.26, 0.10, 0.66, 0.31),
    (-0.90, -0.58, -0.12, 0.13, 0.54, 0.63),
    (0.00, -0.70, -0.31, -0.14, 0.31, 0.88),
    (0.00, 0.00, -0.59, -0.25, 0.27, 0.82),
    (0.00, -0.38, -0.25, 0.08, 0.41, 0.89),
)
#: FIRST_SENTENCE[position bin][coarse share bin]: how early any article says it.
FIRST_SENTENCE = (
    (0.70, 1.17, 1.66),
    (0.32, 0.45, 0.67),
    (0.22, 0.25, 0.24),
    (-0.12, 0.01, -0.02),
    (-0.30, -0.08, -0.34),
    (-0.62, -0.38, -0.95),
    (-0.77, -0.60, -0.56),
    (-0.87, -0.53, 0.04),
)
#: IN_EARLIEST[position bin], the last entry for a pair the earliest article does not use.
IN_EARLIEST = (-0.02, 0.44, 0.17, 0.04, -0.13, -0.11, -0.20, -0.33, -0.26)
#: FIRST_PARAGRAPH[paragraph bin]: the paragraph it first occurs in.
FIRST_PARAGRAPH = (-0.94, 0.21, 0.14, 0.13, 0.01, 0.04)
IN_TITLE = 0.87
#: STOP_WORDS[how many of the two words are stop words].
STOP_WORDS = (-0.09, -0.11, -0.21)
HAS_NUMBER = -0.05
BIAS = -0.42

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
) -> dict[Pair, float]:
    """Every pair of the story's sentences with its weight (0..1), counted per language.

    ``titles`` are the articles' titles by index; ``earliest`` the first article to read in
    each language (by default the lowest index).
    """
    return {
        pair: 1.0 / (1.0 + math.exp(-_logit(bins)))
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
                in_earliest=len(IN_EARLIEST) - 1
                if found.in_earliest is None
                else bisect_right(POSITION_EDGES, found.in_earliest),
                first_paragraph=bisect_right(PARAGRAPH_EDGES, found.first_paragraph),
                in_title=pair in titled,
                stop_words=(pair[0] in stop) + (pair[1] in stop),
                has_number=_DIGIT.search(pair[0] + pair[1]) is not None,
            )
    return binned


def _logit(bins: PairBins) -> float:
    return (
        BIAS
        + SPREAD[bins.share][bins.occurrences]
        + FIRST_SENTENCE[bins.first_sentence][bins.coarse_share]
        + IN_EARLIEST[bins.in_earliest]
        + FIRST_PARAGRAPH[bins.first_paragraph]
        + (IN_TITLE if bins.in_title else 0.0)
        + STOP_WORDS[bins.stop_words]
        + (HAS_NUMBER if bins.has_number else 0.0)
    )


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
