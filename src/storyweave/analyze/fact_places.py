"""The place a number is about: the subject of a fact, as a name key.

A place is a country (``country:KE``), a city known in many languages by its time zone
(``city:nairobi``, from the CLDR city names of the language), or, after a locative word, a
name the name finder sees, folded and stemmed (``odes`` for Odessa, Odesa; ``mariupol`` for
Mariupol, Mariúpol). The subject of a number is, in order:

1. the nearest place after a locative word ("in", "ở", "à", "en", "in") in the number's clause;
2. "the city" in that clause, read as the last place named after a locative word before;
3. the same two in the rest of the sentence;
4. the nearest country named in the clause.

A place beside the country found ("Ukraine's Odessa", "Odessa, Ukraine") is the more precise.
A part word before a place ("northern Odessa", "phía bắc", "Mossoul-Nord") marks it a part.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from storyweave.analyze.fact_sentence import (
    CLAUSE_MARK,
    FactSentence,
    Lexicon,
    phrases_in,
)
from storyweave.analyze.quantity_words import BARE_LOCATIVES, FILLER_WORDS, GERMAN_NOUN_ENDINGS
from storyweave.represent.gazetteer import (
    country_key,
    inflection_stem,
    lookup_country,
    normalize_name,
)
from storyweave.represent.names import NOUN_CAPITALISING, name_keys
from storyweave.represent.numbers import Quantity

#: Share of capitalised long words from which a sentence is a title-case headline.
TITLE_SHARE = 0.8
#: Most characters between a country and a place named beside it ("Ukraine's Odessa").
BESIDE = 4
#: Tokens after a locative word in which a capitalised name is taken as a place.
PLACE_WINDOW = 6


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in a sentence: its key and offsets."""

    key: str
    start: int
    end: int
    marked: bool  # after a locative word
    country: bool
    part: bool


def subject_of(
    sentence: FactSentence,
    quantity: Quantity,
    clause: tuple[int, int],
    places: list[Place],
    last_place: Place | None,
) -> Place | None:
    """The place ``quantity`` is about, searched in the order the module's docstring gives."""

    def nearest(candidates: list[Place]) -> Place | None:
        def distance(place: Place) -> int:
            return max(place.start - quantity.end, quantity.start - place.end, 0)

        found = min(candidates, key=distance, default=None)
        if found is not None and found.country:
            # A named place beside the country is the more precise ("Ukraine's Odessa",
            # "Odessa, Ukraine").
            beside = [
                p for p in candidates
                if not p.country and max(p.start - found.end, found.start - p.end) <= BESIDE
            ]  # fmt: skip
            found = min(beside, key=distance, default=found)
        return found

    def within(place: Place) -> bool:
        return clause[0] <= place.start and place.end <= clause[1]

    marked = [p for p in places if p.marked]
    anaphors = _anaphors(sentence, last_place)
    return (
        nearest([p for p in marked if within(p)])
        or nearest([p for p in anaphors if within(p)])
        or nearest(marked)
        or nearest(anaphors)
        or nearest([p for p in places if p.country and within(p)])
    )


def _anaphors(sentence: FactSentence, last_place: Place | None) -> list[Place]:
    """ "The city" as the last place named before, where no name follows ("the city of X")."""
    if last_place is None:
        return []
    found: list[Place] = []
    tokens = sentence.tokens
    for hit in phrases_in(sentence.lexicon.anaphors, sentence):
        after = hit.stop
        while after < len(tokens) and tokens[after].word in FILLER_WORDS:
            after += 1
        if after == len(tokens) or not tokens[after].capital:
            part = _part_before(sentence, hit.first)
            found.append(Place(last_place.key, hit.start, hit.end, True, False, part))
    return found


def sentence_places(sentence: FactSentence) -> list[Place]:
    """Places of a sentence: countries and known cities anywhere, other names after locatives."""
    tokens, text, lexicon = sentence.tokens, sentence.text, sentence.lexicon
    marked: set[int] = set()
    for hit in phrases_in(lexicon.markers, sentence):
        previous = tokens[hit.stop - 1]
        for index in range(hit.stop, min(hit.stop + PLACE_WINDOW, len(tokens))):
            if CLAUSE_MARK.search(text, previous.end, tokens[index].start):
                break
            marked.add(index)
            previous = tokens[index]
    names: list[set[str]] = []  # the name finder's keys, found once and only when needed
    places: list[Place] = []
    long_words = [t for t in tokens if len(t.word) >= 4 and not t.word.isdigit()]
    title_case = len(long_words) >= 4 and sum(t.capital for t in long_words) >= TITLE_SHARE * len(
        long_words
    )

    def add_name(indices: list[int], part: bool) -> None:
        # Other names count as places only after a locative word, and only where the name
        # finder sees a name in them (not "in July", not a noun of a German sentence).
        if not indices or indices[0] not in marked or not _plausible_name(sentence, indices):
            return
        if title_case:
            return  # every capital of a title-case headline is grammar's
        if not names:
            names.append(set(name_keys(text, sentence.lang)))
        surface = text[tokens[indices[0]].start : tokens[indices[-1]].end]
        key = normalize_name(surface)
        if key in names[0] or any(word in names[0] for word in key.split()):
            start, end = tokens[indices[0]].start, tokens[indices[-1]].end
            places.append(Place(_name_key(surface, sentence.lang), start, end, True, False, part))

    for run in _capital_runs(sentence):
        part = _part_before(sentence, run[0])
        pending: list[int] = []
        position = 0
        while position < len(run):
            known = _known_place(sentence, run, position)
            if known is not None:
                add_name(pending, part)
                pending = []
                key, length = known
                first, last = tokens[run[position]], tokens[run[position + length - 1]]
                country = key.startswith("country:")
                places.append(Place(key, first.start, last.end, run[position] in marked,
                                     country, part))  # fmt: skip
                position += length
                continue
            word = tokens[run[position]].word
            if (word,) in lexicon.parts or _is_common(word, lexicon):
                # A part word after a name is of that name ("Mossoul-Est"), before it of the next.
                part = part or (word,) in lexicon.parts
                add_name(pending, part)
                pending = []
            else:
                pending.append(run[position])
            position += 1
        add_name(pending, part)
    return places


def _plausible_name(sentence: FactSentence, indices: list[int]) -> bool:
    """In languages that capitalise nouns, a place name stands right after its locative word
    ("in Odessa", not "in der Kollision", "im Tierheim") and does not end like a noun."""
    if sentence.lang not in NOUN_CAPITALISING:
        return True
    position = indices[0] - 1
    parted = False  # "im Osten Odessas": after a part word, any locative will do
    while position >= 0 and (sentence.tokens[position].word,) in sentence.lexicon.parts:
        position, parted = position - 1, True
    previous = sentence.tokens[position].word if position >= 0 else ""
    locative = previous in BARE_LOCATIVES or (parted and (previous,) in sentence.lexicon.markers)
    return locative and not sentence.tokens[indices[-1]].word.endswith(GERMAN_NOUN_ENDINGS)


def _capital_runs(sentence: FactSentence) -> list[list[int]]:
    """Runs of capitalised tokens (with hyphenated pieces: "Mát-xcơ-va") as token indices."""
    tokens, text = sentence.tokens, sentence.text
    runs: list[list[int]] = []
    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index else token
        gap = text[previous.end : token.start]
        joined = bool(runs) and runs[-1][-1] == index - 1
        if joined and (
            (token.capital and gap in (" ", "-", "‐"))  # noqa: RUF001
            or (gap in ("-", "‐"))  # noqa: RUF001
            or (gap == "." and len(previous.word) == 1 and token.capital)  # "U.S"
        ):
            runs[-1].append(index)
        elif token.capital and not token.word.isdigit():
            runs.append([index])
    return runs


def _known_place(sentence: FactSentence, run: list[int], position: int) -> tuple[str, int] | None:
    """A country or well-known city starting at ``run[position]``: its key and length."""
    tokens, text = sentence.tokens, sentence.text
    for length in range(min(5, len(run) - position), 0, -1):
        surface = text[tokens[run[position]].start : tokens[run[position + length - 1]].end]
        forms = [surface]
        if sentence.lang == "de" and surface.endswith("s"):
            forms.append(surface[:-1])  # genitive: "Kenias", "Odessas"
        for form in forms:
            key = normalize_name(form)
            code = lookup_country(key, sentence.lang)
            if code is not None:
                return country_key(code), length
            city = _cities(sentence.lang).get(key)
            if city is not None:
                return city, length
    return None


def _is_common(word: str, lexicon: Lexicon) -> bool:
    return (
        word in lexicon.stopwords
        or (word,) in lexicon.anaphors
        or (word,) in lexicon.markers
        or word in FILLER_WORDS
    )


def _name_key(surface: str, lang: str) -> str:
    """The key of a place name with no entry in the gazetteers: folded, stemmed words."""
    words = normalize_name(surface).split()
    if lang == "de" and words and words[-1].endswith("s") and words[-1][-2:-1] in "aeiou":
        words[-1] = words[-1][:-1]  # genitive: "Odessas"
    return "-".join(inflection_stem(word) for word in words)


def _part_before(sentence: FactSentence, index: int) -> bool:
    """Whether a part word stands right before token ``index`` ("eastern part of the city")."""
    position = index - 1
    skipped = 0
    while position >= 0 and skipped <= 3:
        word = sentence.tokens[position].word
        if (word,) in sentence.lexicon.parts:
            return True
        if word not in FILLER_WORDS:
            return False
        position -= 1
        skipped += 1
    return False


@lru_cache(maxsize=64)
def _cities(lang: str) -> dict[str, str]:
    """Cities that name a time zone, by their English name and their name in ``lang``."""
    table: dict[str, str] = {}
    keys: dict[str, str] = {}
    for zone in get_global("zone_territories"):
        english = normalize_name(zone.rsplit("/", 1)[-1].replace("_", " "))
        keys[zone] = "city:" + english.replace(" ", "-")
        table.setdefault(english, keys[zone])
    try:
        zones = Locale.parse(lang).time_zones if lang else {}
    except (ValueError, LookupError, UnknownLocaleError):
        zones = {}
    for zone, names in zones.items():
        city = names.get("city") if isinstance(names, Mapping) else None
        if isinstance(city, str) and zone in keys:
            table.setdefault(normalize_name(city), keys[zone])
    return table
