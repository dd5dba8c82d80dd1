"""What a number counts: the category of a fact, its unit, and where its words end.

The categories: ``people`` (people living or staying somewhere), the events ``dead``,
``injured``, ``displaced``, ``arrested``, ``missing`` and ``casualties`` (``dead:children``
when the counted group is not people at large), ``money:USD`` (any currency, by ISO code),
``percent``, ``distance`` (in km), and ``count:NOUN`` for any other counted noun (English for
the nouns of the lexicons, the word as written otherwise: the general fallback).
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from storyweave.analyze.fact_sentence import (
    FactSentence,
    PhraseHit,
    Token,
    is_joined,
    phrase_at,
    phrases_in,
    token_index_at,
    tokens_before,
)
from storyweave.analyze.quantity_words import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    FILLER_WORDS,
    PERSON_NOUNS,
)
from storyweave.represent.names import NOUN_CAPITALISING
from storyweave.represent.numbers import Quantity

_APOSTROPHE_BEFORE = regex.compile(r"['’ʼ]")  # noqa: RUF001

#: Tokens after a number searched for what it counts ("300 innocent Syrian civilians").
NOUN_WINDOW = 3
#: Words that open a noun phrase of their own after a number: what follows is not counted.
INDEFINITE_ARTICLES = {"en": frozenset({"a", "an"})}
#: Most words between a bare number and its event cue ("the death toll rose to 30").
BARE_CUE_TOKENS = 4


class Counted(NamedTuple):
    """What a quantity counts: its category, its unit, its value in that unit, and the offset
    where its written words end ("30 morts", "21.879 USD")."""

    category: str
    unit: str | None
    value: float
    end: int


def counted_category(
    sentence: FactSentence, quantity: Quantity, clause: tuple[int, int]
) -> Counted | None:
    """What ``quantity`` counts, or ``None`` where nothing in its sentence tells."""
    if quantity.is_percent:
        return Counted("percent", "%", quantity.value, quantity.end)
    lexicon, tokens, text = sentence.lexicon, sentence.tokens, sentence.text
    code = CURRENCY_SYMBOLS.get(quantity.unit or "")
    index = token_index_at(tokens, quantity.end)
    following = _following(sentence, index, quantity.end)
    hit: PhraseHit | None = None
    for position in following:
        hit = phrase_at(lexicon.after, tokens, text, position)
        if hit is not None:
            break
    kind, _, label = hit.label.partition(":") if hit is not None else ("", "", "")
    if code is None and kind == "money" and hit is not None and _adjacent(hit, following, sentence):
        code = label
    if code is None:
        code = _currency_before(sentence, quantity)
    if code is not None:
        end = hit.end if hit is not None and kind == "money" else quantity.end
        return Counted("money:" + code, code, quantity.value, end)
    if kind == "length" and hit is not None and _adjacent(hit, following, sentence):
        return Counted("distance", "km", quantity.value * float(label), hit.end)
    noun = label if kind == "noun" else None
    end = hit.end if noun is not None and hit is not None else quantity.end
    if noun is None:
        # A bare number is told by an event word of its own ("killing 30", "30 killed",
        # "50 resultaron heridas"), else by the noun after it that no lexicon knows ("19
        # parks"); never by a cue farther off.
        own = _cue_spans(sentence, quantity, clause, end)[0]
        events = [
            e for e in phrases_in(lexicon.events, sentence, *own)
            if _bare_cue(sentence, quantity, e) and not _number_between(sentence, quantity, e)
        ]  # fmt: skip
        event = _nearest(events, quantity.start, end)
        if event is not None and event.label != "rate":
            if event.first in following:
                end = max(end, event.end)
            return Counted(event.label, "people", quantity.value, end)
        word = _fallback_noun(sentence, following)
        if word is not None:
            return Counted("count:" + word.word, word.word, quantity.value, word.end)
        return None
    if noun in PERSON_NOUNS:
        group = "" if noun == "people" else ":" + noun
        for span in _cue_spans(sentence, quantity, clause, end):
            # A cue past another number is that number's ("11 deaths and 382 people who have
            # recovered"); a bare number is told only by a cue of its own ("killing 30").
            events = [
                e for e in phrases_in(lexicon.events, sentence, *span)
                if not _number_between(sentence, quantity, e)
                and not _claimed(sentence, quantity, clause, e)
            ]  # fmt: skip
            event = _nearest(events, quantity.start, end)
            if event is not None and event.label == "rate":
                break  # "a death rate of 3.48": a ratio, not a count
            if event is not None:
                if event.first in following:  # "30 morts": the event word is the counted word
                    end = max(end, event.end)
                return Counted(event.label + group, noun, quantity.value, end)
            states = phrases_in(lexicon.population, sentence, *span)
            if any(not _claimed(sentence, quantity, clause, h) for h in states):
                return Counted("people" + group, noun, quantity.value, end)
    return Counted("count:" + noun, noun, quantity.value, end)


def _cue_spans(
    sentence: FactSentence, quantity: Quantity, clause: tuple[int, int], end: int
) -> list[tuple[int, int]]:
    """Where to look for the event or state a number counts, nearest first: its part of a
    coordination, its clause, then the clause after an aside that holds or follows it."""
    coordinations = phrases_in(sentence.lexicon.coordination, sentence, *clause)
    own = (
        max([h.end for h in coordinations if h.end <= quantity.start], default=clause[0]),
        min([h.start for h in coordinations if h.start >= end], default=clause[1]),
    )
    spans = [own, clause]
    clauses = sentence.clauses
    if clause not in clauses:
        return spans
    index = clauses.index(clause)
    following = index + 1
    # "30 people, including 10 children, were killed": from the number's clause or from the
    # aside itself, the cue is in the clause after the aside.
    if following < len(clauses) and _is_aside(sentence, clauses[following]):
        following += 1
    if following < len(clauses) and (following > index + 1 or _is_aside(sentence, clause)):
        spans.append(clauses[following])
    return spans


def _is_aside(sentence: FactSentence, clause: tuple[int, int]) -> bool:
    if sentence.text[max(0, clause[0] - 1) : clause[0]] == "(":
        return True
    index = token_index_at(sentence.tokens, clause[0])
    hit = phrase_at(sentence.lexicon.asides, sentence.tokens, sentence.text, index)
    return hit is not None and hit.start < clause[1]


def _fallback_noun(sentence: FactSentence, following: list[int]) -> Token | None:
    """The word right after a number when it is a noun no lexicon knows."""
    if not following:
        return None
    index = following[0]
    token = sentence.tokens[index]
    lexicon = sentence.lexicon
    cue = any(
        phrase_at(table, sentence.tokens, sentence.text, index) is not None
        for table in (lexicon.events, lexicon.population, lexicon.hedges)
    )
    # An ending after an apostrophe is grammar, not a noun: a Turkish case ("670'e", to
    # 670), a possessive or plural ("the 1990's").
    if _APOSTROPHE_BEFORE.match(sentence.text, token.start - 1):
        return None
    # Nouns are capitalised in German; elsewhere a capital is a name ("737 Max"), unless it is
    # a unit glued to the digits ("24K gold").
    glued = index > 0 and sentence.tokens[index - 1].end == token.start
    capital_noun = sentence.lang in NOUN_CAPITALISING or not token.capital or glued
    stop = token.word in lexicon.stopwords
    return token if token.word.isalpha() and capital_noun and not stop and not cue else None


def _bare_cue(sentence: FactSentence, quantity: Quantity, hit: PhraseHit) -> bool:
    index = token_index_at(sentence.tokens, quantity.start)
    gap = hit.first - index - 1 if hit.first > index else index - hit.stop
    return gap <= BARE_CUE_TOKENS


def _following(sentence: FactSentence, index: int, end: int) -> list[int]:
    """Indices of up to :data:`NOUN_WINDOW` tokens after a number, up to a punctuation mark
    or an indefinite article, which opens a phrase of its own ("1.2 million a few years
    ago", "5 million a year")."""
    found: list[int] = []
    previous_end = end
    for position in range(index, min(index + NOUN_WINDOW, len(sentence.tokens))):
        token = sentence.tokens[position]
        if not is_joined(sentence.text, previous_end, token.start):
            break
        if token.word in INDEFINITE_ARTICLES.get(sentence.lang, ()):
            break
        found.append(position)
        previous_end = token.end
    return found


def _currency_before(sentence: FactSentence, quantity: Quantity) -> str | None:
    """An ISO code written before the number ("USD 5 million")."""
    before = tokens_before(sentence, quantity.start, 1)
    if not before or sentence.text[before[0].end : quantity.start].strip():
        return None
    code = before[0].word.upper()
    return code if code in CURRENCY_WORDS else None


def _adjacent(hit: PhraseHit, following: list[int], sentence: FactSentence) -> bool:
    """Whether ``hit`` follows the number with at most filler words between ("millions DE")."""
    if hit.first not in following:
        return False
    between = following[: following.index(hit.first)]
    return all(sentence.tokens[i].word in FILLER_WORDS for i in between)


def _claimed(
    sentence: FactSentence, quantity: Quantity, clause: tuple[int, int], hit: PhraseHit
) -> bool:
    """Whether ``hit`` stands in another part of a coordination that holds another number
    ("11 deaths AND 382 people who have recovered": "deaths" is the 11's)."""
    coordinations = phrases_in(sentence.lexicon.coordination, sentence, *clause)
    start = max([h.end for h in coordinations if h.end <= hit.start], default=clause[0])
    end = min([h.start for h in coordinations if h.start >= hit.end], default=clause[1])
    if start <= quantity.start < end:
        return False
    return any(start <= s < end for s, _ in sentence.quantities if s != quantity.start)


def _number_between(sentence: FactSentence, quantity: Quantity, hit: PhraseHit) -> bool:
    """Whether another number stands between ``quantity`` and ``hit``, outside any aside."""
    low, high = sorted((quantity.start, hit.start))
    asides = [c for c in sentence.clauses if _is_aside(sentence, c)]
    return any(
        low < start < high and not any(a <= start < b for a, b in asides)
        for start, _ in sentence.quantities
        if start != quantity.start
    )


def _nearest(hits: list[PhraseHit], start: int, end: int) -> PhraseHit | None:
    def distance(hit: PhraseHit) -> int:
        return max(hit.start - end, start - hit.end, 0)

    return min(hits, key=distance, default=None)
