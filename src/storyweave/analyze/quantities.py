"""What the numbers of an article count, and of what: its quantities read as facts.

Every quantity that :func:`~storyweave.represent.numbers.numbers` reads (in the digit style of
the language: ``450.000``, ``450,000``, ``450 000``, ``450 nghìn``, ``1,8 triệu``) gets a key,
``what``, equal across languages and wordings, built from three parts:

- a *category* (:mod:`~storyweave.analyze.fact_categories`): ``people``, an event such as
  ``dead`` or ``dead:children``, ``money:USD``, ``percent``, ``distance``, or ``count:NOUN``;
- a *subject* after ``@`` (:mod:`~storyweave.analyze.fact_places`): the place the sentence
  ties the number to, as a name key: a country (``country:IQ``), a well-known city
  (``city:Asia/Baghdad``), or the folded and stemmed name (``mosul`` for Mosul).
  A number with no place has no subject (and no discrepancy);
- *qualifiers* after ``/``: ``part`` (of the place: "northern Mosul", "phía bắc", "Lille-Sud"),
  and the time: a year written in the number's clause or in the sentence's opening clause
  (``2019``), the time of the sentence before for "at the time" / "khi đó", or ``before``
  ("before the flood", "trước đây"). A number of another time or of a part is another quantity.

Lexicons (:mod:`~storyweave.analyze.quantity_words`) cover en, vi, fr, es and de; other
languages get symbols, codes and the fallback. Skipped: years, dates, clock times and
ordinals (already by ``numbers``), ages ("aged 25", "25 tuổi": they describe one person, not a
count), ranks and list numbers ("No. 1", "top 10"), numbers inside names ("Channel 4",
"Highway 61"), compound adjectives ("25-year-old", "10-day") and numbers that neither a counted
word nor an event word explains. Numbers in quotations are kept: a quoted official is a source
like any other.

>>> [(f.what, f.value) for f in extract_facts("a1", "About 450.000 people live in Mosul.", "en")]
[('people@mosul', 450000.0)]
>>> extract_facts("a2", "Khoảng 450 nghìn người sống ở Mosul.", "vi")[0].what
'people@mosul'
"""

from __future__ import annotations

import regex

from storyweave.analyze.fact_categories import counted_category
from storyweave.analyze.fact_places import Place, sentence_places, subject_of
from storyweave.analyze.fact_sentence import (
    FactSentence,
    PhraseHit,
    Phrases,
    Token,
    clause_of,
    clause_spans,
    language_lexicon,
    phrase_at,
    phrases_in,
    token_index_at,
    tokens_before,
    word_tokens,
)
from storyweave.analyze.sentences import split_sentences
from storyweave.model import Fact
from storyweave.represent.numbers import Quantity, numbers

__all__ = ["DISPUTABLE", "extract_facts", "hedge_of", "is_disputable"]

#: Categories whose different values in different articles are a discrepancy (with a subject).
#: Bare counts, percentages, distances and money are too often of different things to
#: compare: one story names an aid package, its first tranche and last year's budget.
DISPUTABLE = frozenset(
    {"people", "dead", "injured", "displaced", "arrested", "missing", "casualties"}
)

_YEAR = regex.compile(r"(?:19|20)\d\d")
# A hyphen of either kind after the digits: "25-year-old", "10-day".
_COMPOUND_AFTER = regex.compile(r"[-‐]\p{L}")  # noqa: RUF001
_GAP_BEFORE = regex.compile(r"[\s.#°º:]*")  # between "No." and "1", "about" and "30"


def extract_facts(article_id: str, text: str, lang: str) -> list[Fact]:
    """The facts of one article: each counted quantity with its ``what`` key, in text order.

    A quantity repeated with the same key and value (title, then body) is given once.

    >>> fact, = extract_facts("b", "Les frappes ont fait 30 morts à Homs.", "fr")
    >>> fact.what, fact.value, fact.unit, fact.text
    ('dead@homs', 30.0, 'people', '30 morts')
    """
    language = (lang or "").lower().replace("_", "-").split("-", 1)[0]
    lexicon = language_lexicon(language)
    facts: list[Fact] = []
    seen: set[tuple[str, float]] = set()
    last_place: Place | None = None
    previous_time: str | None = None
    for raw in split_sentences(text, language):
        sentence = FactSentence(raw, word_tokens(raw), lexicon, language)
        sentence.clauses = clause_spans(sentence)
        if phrase_at(lexicon.then, sentence.tokens, raw, 0) is not None:
            sentence.inherited_time = previous_time or "before"
        year = next((t.word for t in sentence.tokens if _YEAR.fullmatch(t.word)), None)
        previous_time = year or sentence.inherited_time
        quantities = numbers(raw, language)
        sentence.quantities = [(q.start, q.end) for q in quantities]
        places = sentence_places(sentence)
        for quantity in quantities:
            fact = _fact(article_id, sentence, quantity, places, last_place)
            if fact is not None and (fact.what, fact.value) not in seen:
                seen.add((fact.what, fact.value))
                facts.append(fact)
        named = [p for p in places if p.marked and not p.country]
        if named:
            last_place = named[-1]
    return facts


def hedge_of(text: str) -> str:
    """How a written number bounds its value: ``exact``, ``about``, ``at_least``, ``at_most``.

    >>> hedge_of("more than 120 people"), hedge_of("khoảng 450 nghìn người"), hedge_of("30")
    ('at_least', 'about', 'exact')
    """
    tokens = word_tokens(text)
    hit = phrase_at(language_lexicon("").hedges, tokens, text, 0)
    return hit.label if hit is not None else "exact"


def is_disputable(what: str) -> bool:
    """Whether different values of ``what`` in different articles are a discrepancy.

    >>> is_disputable("people@mosul"), is_disputable("percent@mosul"), is_disputable("dead")
    (True, False, False)
    """
    category = what.split("@", 1)[0].split("/", 1)[0]
    return "@" in what and category.split(":", 1)[0] in DISPUTABLE


def _fact(
    article_id: str,
    sentence: FactSentence,
    quantity: Quantity,
    places: list[Place],
    last_place: Place | None,
) -> Fact | None:
    if _is_skipped(sentence, quantity):
        return None
    clause = clause_of(sentence, quantity)
    counted = counted_category(sentence, quantity, clause)
    if counted is None:
        return None
    category, unit, value, end = counted
    start = _hedge_start(sentence, quantity)
    # The number's own words ("21.879 USD") are not the place it is about.
    places = [p for p in places if p.end <= start or p.start >= end]
    place = subject_of(sentence, quantity, clause, places, last_place)
    what = category
    qualifiers: list[str] = []
    if place is not None:
        what += "@" + place.key
        if place.part:
            qualifiers.append("part")
    qualifiers.extend(_time(sentence, quantity, clause))
    what += "".join("/" + q for q in qualifiers)
    return Fact(what, value, unit, [article_id], text=sentence.text[start:end].strip())


def _is_skipped(sentence: FactSentence, quantity: Quantity) -> bool:
    text, lexicon = sentence.text, sentence.lexicon
    if _COMPOUND_AFTER.match(text, quantity.end):
        return True
    if text[quantity.start - 1 : quantity.start] == "(" and text[quantity.end :].startswith(")"):
        return True  # "Radler (12)": an age, a count already given, a reference
    index = token_index_at(sentence.tokens, quantity.end)
    if phrase_at(lexicon.age_after, sentence.tokens, text, index) is not None:
        return True
    before = tokens_before(sentence, quantity.start, 3)
    if _phrase_ending(lexicon.age_before | lexicon.rank_before, sentence, before, quantity):
        return True
    if before and quantity.unit != "%" and text[before[-1].end : quantity.start] == " ":
        # A capital right before the digits makes them part of a name ("Channel 4"), unless
        # grammar put it there ("About 120 …") or the name is a place ("In Mosul 120 …").
        previous = before[-1]
        if not previous.capital or previous.word.isdigit():
            return False
        grammar = (previous.word,) in lexicon.hedges or previous.word in lexicon.stopwords
        place = len(before) > 1 and (before[-2].word,) in lexicon.markers
        return not grammar and not place
    return False


def _hedge_start(sentence: FactSentence, quantity: Quantity) -> int:
    before = tokens_before(sentence, quantity.start, 3)
    hit = _phrase_ending(sentence.lexicon.hedges, sentence, before, quantity)
    return hit.start if hit is not None else quantity.start


def _phrase_ending(
    table: Phrases, sentence: FactSentence, before: list[Token], quantity: Quantity
) -> PhraseHit | None:
    """The phrase of ``table`` that ends right before ``quantity`` ("No. 1", "at least 30")."""
    if not before or _GAP_BEFORE.fullmatch(sentence.text, before[-1].end, quantity.start) is None:
        return None
    for first in range(len(before)):
        hit = phrase_at(table, before, sentence.text, first)
        if hit is not None and hit.stop == len(before):
            return hit
    return None


def _time(sentence: FactSentence, quantity: Quantity, clause: tuple[int, int]) -> list[str]:
    """A year written in the clause, else the time an "at the time" refers to, else ``before``
    for words of an earlier time. A sentence's opening clause without a number of its own
    ("Before the flood, …", "In 2019, …") sets the time of the whole sentence."""
    spans = [clause]
    opening = sentence.clauses[0]
    if opening != clause and not any(opening[0] <= s < opening[1] for s, _ in sentence.quantities):
        spans.append(opening)
    for start, end in spans:
        for token in sentence.tokens:
            inside = start <= token.start and token.end <= end
            own = quantity.start <= token.start < quantity.end
            if inside and not own and _YEAR.fullmatch(token.word):
                return [token.word]
    if sentence.inherited_time is not None:
        return [sentence.inherited_time]
    return ["before"] if any(phrases_in(sentence.lexicon.past, sentence, *s) for s in spans) else []
