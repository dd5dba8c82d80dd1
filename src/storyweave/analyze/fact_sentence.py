"""A sentence as facts are read from it: word tokens, clauses and the phrase tables of its
language, with the look-ups of phrases among the tokens.

>>> sentence = FactSentence("Sadly, 30 people died.", word_tokens("Sadly, 30 people died."),
...                         language_lexicon("en"), "en")
>>> [sentence.text[a:b] for a, b in clause_spans(sentence)]
['Sadly', ' 30 people died.']
>>> phrases_in(language_lexicon("en").events, sentence)[0].label
'dead'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import regex
import stopwordsiso

from storyweave.analyze.quantity_words import (
    AGE_AFTER_WORDS,
    AGE_BEFORE_WORDS,
    ASIDE_WORDS,
    CLAUSE_WORDS,
    COORDINATION_WORDS,
    COUNTED_NOUNS,
    CURRENCY_WORDS,
    EVENT_WORDS,
    HEDGES,
    LENGTH_WORDS,
    LOCATIVE_WORDS,
    PART_WORDS,
    PAST_WORDS,
    PLACE_ANAPHORS,
    POPULATION_WORDS,
    RANK_BEFORE_WORDS,
    THEN_WORDS,
)
from storyweave.represent.numbers import Quantity

#: Digits and letters are tokens of their own, so that "12M acres" and "5km" show their unit.
WORD_TOKEN = regex.compile(r"\p{N}+|[\p{L}\p{M}]+")
#: Marks that end a clause (a comma between digits groups them instead); quotes do not.
CLAUSE_MARK = regex.compile(r"[;:()\[\]!?—–]|,(?!\d)")  # noqa: RUF001
# What may stand between the words of one phrase or one name.
_JOINER = regex.compile(r"[ \u00a0'’\-‐]*")  # noqa: RUF001

#: Phrases as tuples of case-folded words, each with its label.
Phrases = dict[tuple[str, ...], str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every phrase table of one language."""

    after: Phrases  # what follows a number: "noun:people", "money:USD", "length:1"
    events: Phrases
    population: Phrases
    markers: Phrases  # locative words
    anaphors: Phrases
    parts: Phrases
    past: Phrases
    then: Phrases
    clause: Phrases
    coordination: Phrases
    asides: Phrases
    age_before: Phrases
    age_after: Phrases
    rank_before: Phrases
    hedges: Phrases
    stopwords: frozenset[str]


@dataclass(frozen=True, slots=True)
class Token:
    """A run of digits or of letters, case-folded, with its offsets."""

    word: str
    start: int
    end: int
    capital: bool


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """A phrase of a table found among the tokens of a sentence."""

    label: str
    first: int  # index of its first token
    stop: int  # index after its last token
    start: int
    end: int


@dataclass(slots=True)
class FactSentence:
    """One sentence with what every quantity in it is looked up against."""

    text: str
    tokens: list[Token]
    lexicon: Lexicon
    lang: str
    clauses: list[tuple[int, int]] = field(default_factory=list)
    quantities: list[tuple[int, int]] = field(default_factory=list)
    #: The time of the sentence before, where this one opens with "at the time".
    inherited_time: str | None = None


def phrase_table(entries: Mapping[str, str]) -> Phrases:
    """The phrases of ``entries`` (label -> ``|``-separated phrases) as word tuples."""
    table: Phrases = {}
    for label, listed in entries.items():
        for phrase in listed.split("|"):
            words = tuple(WORD_TOKEN.findall(phrase.casefold()))
            if words:
                table.setdefault(words, label)
    return table


@lru_cache(maxsize=64)
def language_lexicon(lang: str) -> Lexicon:
    """The phrase tables of ``lang``; hedges, currencies and lengths are in every language's."""

    def own(table: Mapping[str, str], label: str) -> Phrases:
        return phrase_table({label: table.get(lang, "")})

    after: Phrases = {}
    after.update(phrase_table({"money:" + code: w for code, w in CURRENCY_WORDS.items()}))
    after.update(phrase_table({"length:" + factor: w for factor, w in LENGTH_WORDS.items()}))
    after.update(
        phrase_table({"noun:" + noun: w for noun, w in COUNTED_NOUNS.get(lang, {}).items()})
    )
    stop = stopwordsiso.stopwords(lang) if stopwordsiso.has_lang(lang) else set()
    return Lexicon(
        after=after,
        events=phrase_table(EVENT_WORDS.get(lang, {})),
        population=own(POPULATION_WORDS, "people"),
        markers=own(LOCATIVE_WORDS, "at"),
        anaphors=own(PLACE_ANAPHORS, "city"),
        parts=own(PART_WORDS, "part"),
        past=own(PAST_WORDS, "before"),
        then=own(THEN_WORDS, "then"),
        clause=own(CLAUSE_WORDS, "clause"),
        coordination=own(COORDINATION_WORDS, "and"),
        asides=own(ASIDE_WORDS, "aside"),
        age_before=own(AGE_BEFORE_WORDS, "age"),
        age_after=own(AGE_AFTER_WORDS, "age"),
        rank_before=own(RANK_BEFORE_WORDS, "rank"),
        hedges=phrase_table(HEDGES),
        stopwords=frozenset(stop),
    )


def word_tokens(text: str) -> list[Token]:
    """The tokens of ``text``: runs of digits and runs of letters."""
    return [
        Token(m.group().casefold(), m.start(), m.end(), m.group()[0].isupper())
        for m in WORD_TOKEN.finditer(text)
    ]


def is_joined(text: str, start: int, end: int) -> bool:
    """Whether only spaces, hyphens and apostrophes stand between ``start`` and ``end``."""
    return _JOINER.fullmatch(text, start, end) is not None


def phrase_at(table: Phrases, tokens: list[Token], text: str, index: int) -> PhraseHit | None:
    """The longest phrase of ``table`` that starts at token ``index``."""
    for length in range(min(4, len(tokens) - index), 0, -1):
        words = tuple(t.word for t in tokens[index : index + length])
        if words in table and all(
            is_joined(text, tokens[i].end, tokens[i + 1].start)
            for i in range(index, index + length - 1)
        ):
            last = tokens[index + length - 1]
            return PhraseHit(table[words], index, index + length, tokens[index].start, last.end)
    return None


def phrases_in(
    table: Phrases, sentence: FactSentence, start: int = 0, end: int | None = None
) -> list[PhraseHit]:
    """Every phrase of ``table`` within characters ``start``..``end``, not overlapping."""
    end = len(sentence.text) if end is None else end
    found: list[PhraseHit] = []
    index = 0
    tokens = sentence.tokens
    while index < len(tokens):
        token = tokens[index]
        if start <= token.start and token.end <= end:
            hit = phrase_at(table, tokens, sentence.text, index)
            if hit is not None and hit.end <= end:
                found.append(hit)
                index = hit.stop
                continue
        index += 1
    return found


def token_index_at(tokens: list[Token], position: int) -> int:
    """Index of the first token that starts at or after ``position``."""
    for index, token in enumerate(tokens):
        if token.start >= position:
            return index
    return len(tokens)


def tokens_before(sentence: FactSentence, position: int, count: int) -> list[Token]:
    """Up to ``count`` tokens right before ``position``, nearest last."""
    index = token_index_at(sentence.tokens, position)
    return sentence.tokens[max(0, index - count) : index]


def clause_spans(sentence: FactSentence) -> list[tuple[int, int]]:
    """Character spans of the clauses of a sentence, in order; a clause word opens its clause."""
    text = sentence.text
    bounds = [(m.start(), m.end()) for m in CLAUSE_MARK.finditer(text)]
    bounds += [(h.start, h.start) for h in phrases_in(sentence.lexicon.clause, sentence)]
    spans: list[tuple[int, int]] = []
    start = 0
    for bound_start, bound_end in sorted(bounds):
        if bound_start >= start:
            spans.append((start, bound_start))
            start = bound_end
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()] or [(0, len(text))]


def clause_of(sentence: FactSentence, quantity: Quantity) -> tuple[int, int]:
    """Character span of the clause that holds ``quantity``."""
    for span in sentence.clauses:
        if span[0] <= quantity.start < span[1]:
            return span
    return 0, len(sentence.text)
