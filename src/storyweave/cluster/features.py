"""The evidence for "this article belongs to that story", as numbers a scorer can weigh.

The same comparison serves article-vs-story (clustering) and article-vs-article
(``Engine.similarity``: the second article is a one-article story).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from ..represent.gazetteer import COUNTRY_PREFIX
from ..represent.lexical import cosine
from ..represent.names import name_similarity
from .profile import StoryProfile

FEATURES = (
    "dense",
    "dense_mean",
    "dense_cross_language",
    "lexical",
    "lexical_mean",
    "same_language",
    "names_article",
    "names_story",
    "names_cosine",
    "names_salient",
    "numbers",
    "time_gap",
    "time_known",
    "log_size",
)
#: How each feature bears on "same event": +1, more of it never makes it less likely; -1, never
#: more likely; absent, either (it changes how the rest weighs). Learned models keep to it.
EVIDENCE_DIRECTION = {
    "dense": 1,
    "dense_mean": 1,
    "dense_cross_language": 1,
    "lexical": 1,
    "lexical_mean": 1,
    "names_article": 1,
    "names_story": 1,
    "names_cosine": 1,
    "names_salient": 1,
    "numbers": 1,
    "time_gap": -1,
}
#: Shared numbers beyond this add no more evidence.
NUMBERS_CAP = 3
#: The most prominent names of each side that :func:`_salient_overlap` looks for in the other.
SALIENT_NAMES = 4
#: Name keys shown as evidence.
EVIDENCE_NAMES = 8


@dataclass(frozen=True, slots=True)
class Comparison:
    """The feature vector of one article-story comparison, with what explains it."""

    values: np.ndarray
    shared_names: list[str]
    shared_terms: list[str]

    def named(self) -> dict[str, float]:
        return {name: round(float(v), 4) for name, v in zip(FEATURES, self.values, strict=True)}


def compare(
    lang: str,
    vector: np.ndarray | None,
    weights: Mapping[str, float],
    names: Mapping[str, int],
    name_idf: Callable[[str], float],
    numbers: frozenset[str],
    day: int | None,
    story: StoryProfile,
) -> Comparison:
    """Compare an article (its corrected vector, term weights, names …) with ``story``;
    ``name_idf`` says how rare a name key is (common names are weak evidence)."""
    centroid = story.centroid()
    dense = dense_mean = 0.0
    if vector is not None and centroid is not None and story.vector_sum is not None:
        dense = float(vector @ centroid)
        # The mean similarity to the story's articles (average link), from the running sum.
        dense_mean = float(vector @ story.vector_sum) / story.size
    same_language = story.languages.get(lang, 0) / story.size if story.size else 0.0

    story_terms = story.terms.get(lang)
    lexical = lexical_mean = 0.0
    shared_terms: list[str] = []
    if story_terms and weights:
        lexical = cosine(weights, story_terms)
        in_language = story.languages.get(lang, 0)
        lexical_mean = sum(w * story_terms.get(t, 0.0) for t, w in weights.items()) / in_language
        shared_terms = sorted(
            (t for t in weights if t in story_terms),
            key=lambda t: (-weights[t] * story_terms[t], t),
        )[:EVIDENCE_NAMES]

    name_weights = {key: name_idf(key) for key in {*names, *story.names}}
    names_article, names_story, shared_names = _name_overlap(names, name_weights, story)
    shared_numbers = sum(1 for n in numbers if n in story.numbers)
    gap, known = _time_gap(day, story)
    values = np.array(
        [
            dense,
            dense_mean,
            dense * (1.0 - same_language),
            lexical,
            lexical_mean,
            same_language,
            names_article,
            names_story,
            name_similarity(names, story.names, name_weights) if names and story.names else 0.0,
            _salient_overlap(names, story.mentions, name_weights),
            min(shared_numbers, NUMBERS_CAP) / NUMBERS_CAP,
            math.log1p(gap),
            known,
            math.log(story.size) if story.size else 0.0,
        ],
        dtype=np.float64,
    )
    return Comparison(values, shared_names, shared_terms)


def _name_overlap(
    names: Mapping[str, int], name_weights: Mapping[str, float], story: StoryProfile
) -> tuple[float, float, list[str]]:
    """Weighted share of the article's names found in the story, and of the story's names
    (weighted by how many of its articles mention them) found in the article."""
    if not names or not story.names:
        return 0.0, 0.0, []
    article_total = sum(name_weights.get(k, 1.0) for k in names)
    shared = [k for k in names if k in story.names]
    article_share = sum(name_weights.get(k, 1.0) for k in shared) / article_total
    story_total = sum(name_weights.get(k, 1.0) * c for k, c in story.names.items())
    story_share = sum(name_weights.get(k, 1.0) * story.names[k] for k in shared) / story_total
    shared.sort(key=lambda k: (-name_weights.get(k, 1.0), k))
    return article_share, story_share, shared[:EVIDENCE_NAMES]


def _salient_overlap(
    names: Mapping[str, int], story_mentions: Mapping[str, int], name_weights: Mapping[str, float]
) -> float:
    """How far each side's most prominent names (mentions x rarity; countries left out, they
    name the setting rather than the event) are found on the other side: the smaller share.

    Two reports of one event name its main actors on both sides; two events between the same
    countries usually have different protagonists."""
    shares = []
    for mine, theirs in ((names, story_mentions), (story_mentions, names)):
        ranked = sorted(
            (
                (count * name_weights.get(key, 1.0), key)
                for key, count in mine.items()
                if not key.startswith(COUNTRY_PREFIX)
            ),
            key=lambda item: (-item[0], item[1]),
        )[:SALIENT_NAMES]
        total = sum(weight for weight, _key in ranked)
        if total <= 0:
            return 0.0
        shares.append(sum(weight for weight, key in ranked if key in theirs) / total)
    return min(shares)


def _time_gap(day: int | None, story: StoryProfile) -> tuple[float, float]:
    """Days between the article and the story's span (0 inside it), and whether known."""
    if day is None or story.first_day is None or story.last_day is None:
        return 0.0, 0.0
    if day < story.first_day:
        return float(story.first_day - day), 1.0
    if day > story.last_day:
        return float(day - story.last_day), 1.0
    return 0.0, 1.0
