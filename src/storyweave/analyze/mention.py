"""A mention: a name as one article writes it, and the rules every extractor applies to one.

Extractors (spaCy, pyvi, capitalised spans) find candidate spans; the rules here make them
comparable: what is trimmed from a span's edges (articles, possessives, elided prepositions),
which single words are ordinary words capitalised ("Defence"), and the typing that does not
depend on the extractor (places from the gazetteer, people from a surname used alone).
"""

# Apostrophes of many scripts are what these rules look for.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import regex
from babel import Locale, UnknownLocaleError

from storyweave.analyze.entity_cues import has_organisation_word
from storyweave.analyze.place_names import COUNTRY_PREFIX, place_key, place_type
from storyweave.model import EntityType
from storyweave.represent.name_words import stop_words_and_english
from storyweave.represent.names import CONNECTORS, NOUN_CAPITALISING

#: Endings of German adjectives, capitalised at a sentence start or in a name ("Bayerischer").
GERMAN_ADJECTIVE = regex.compile(r"(?:isch|lich|ig)(?:e|er|es|en|em)$")
#: Endings of German nouns that no surname has (abstract nouns and their plurals).
GERMAN_NOUN_ENDINGS = (
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion",
    "tionen", "tät", "täten", "ismus", "nis", "nisse", "tum", "tümer", "ling", "linge",
)  # fmt: skip

__all__ = [
    "Mention",
    "could_be_personal_name",
    "lower_case_words",
    "name_words",
    "person_by_surname",
    "place_by_gazetteer",
    "tidy_span",
    "with_repeats",
]

_APOSTROPHES = "'’ʼ`´"
_AND = "y"  # the one connector that is a conjunction
_EDGE_JUNK = '"“”„«»‹›「」()[]{}<>.,;:!?·•*_|/\\-–—‐&+#@ \t\n\u00a0' + _APOSTROPHES
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Ll}[\p{L}\p{M}]*")
# An elided article or preposition before a name: "l'Iran", "d'Odessa", "qu'Almagro", "dell'Italia".
_ELIDED_HEAD = regex.compile(r"^\p{Ll}{1,4}[" + _APOSTROPHES + r"](?=\p{Lu})")
# A possessive or case ending after a name: "Putin's", "Rusya'nın", "ABD'nin".
_SUFFIX_TAIL = regex.compile(r"[" + _APOSTROPHES + r"]\p{Ll}{0,6}$")
_DOTTED = regex.compile(r"(?:\p{Lu}{1,2}\.)+\p{Lu}{1,2}")


@dataclass(frozen=True, slots=True)
class Mention:
    """One name in one article: ``text`` is ``article_text[start:end]``, ``type`` its kind."""

    text: str
    type: EntityType
    start: int
    end: int


def tidy_span(text: str, start: int, end: int, lang: str) -> tuple[int, int] | None:
    """``text[start:end]`` without what does not belong to a name at its edges, or ``None``.

    Strips quotes and punctuation, leading lower-case function words ("the United States"),
    elided prepositions ("l'Iran") and possessive or case endings ("Russia's").
    """
    while True:
        before = (start, end)
        while start < end and text[start] in _EDGE_JUNK:
            start += 1
        while end > start and text[end - 1] in _EDGE_JUNK:
            end -= 1
        if end < len(text) and text[end] == "." and _DOTTED.fullmatch(text, start, end):
            end += 1  # a dotted abbreviation keeps its last stop ("U.S.")
        elided = _ELIDED_HEAD.match(text, start, end)
        if elided is not None:
            start = elided.end()
        tail = _SUFFIX_TAIL.search(text, start, end)
        if tail is not None and tail.start() > start:
            end = tail.start()
        first = _WORD.match(text, start, end)
        if (
            first is not None
            and first.end() < end
            and first.group().islower()
            and first.group() in stop_words_and_english(lang)
            and first.group() not in CONNECTORS
        ):
            start = first.end()
        if (start, end) == before:
            break
    if end - start < 2 or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return start, end


def name_words(surface: str) -> list[str]:
    """The words of a name, without punctuation ("Bashar al-Assad" -> Bashar, al, Assad)."""
    return [str(word) for word in _WORD.findall(surface)]


def lower_case_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case: capitalised, they are grammar's, not a name's."""
    return frozenset(_LOWER_WORD.findall(text))


def with_repeats(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """``mentions`` and every other occurrence in ``text`` of a name among them.

    A statistical model does not tag every occurrence of a name it knows ("Odessa" tagged in
    one sentence, missed in the next); one name is one thing throughout an article, typed as
    most of its tagged occurrences are.
    """
    votes: dict[str, Counter[EntityType]] = defaultdict(Counter)
    for mention in mentions:
        votes[mention.text][mention.type] += 1
    if not votes:
        return []
    kinds = {surface: counts.most_common(1)[0][0] for surface, counts in votes.items()}
    # One pattern for all names, longest first, so that "Olaf Scholz" wins over "Scholz".
    names = "|".join(regex.escape(surface) for surface in sorted(kinds, key=len, reverse=True))
    pattern = r"(?<![\p{L}\p{M}\p{N}])(?:" + names + r")(?![\p{L}\p{M}\p{N}])"
    taken = sorted((m.start, m.end) for m in mentions)
    found = list(mentions)
    for match in regex.finditer(pattern, text):
        if not _overlaps(taken, match.start(), match.end()):
            found.append(Mention(match.group(), kinds[match.group()], match.start(), match.end()))
            bisect.insort(taken, (match.start(), match.end()))
    found.sort(key=lambda mention: mention.start)
    return found


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_left(spans, (start, start))
    neighbours = spans[max(index - 1, 0) : index + 1]
    return any(low < end and start < high for low, high in neighbours)


def place_by_gazetteer(
    mentions: Iterable[Mention], lang: str, trust_people: bool = False
) -> list[Mention]:
    """``mentions`` with every country typed a place, and every major city unless the
    extractor saw a person ("Stanley", "Darwin" are cities and surnames); a union of countries
    ("European Union") is an organisation. With ``trust_people`` the extractor's people stay
    people even when named like a country (it had a cue: "ông Đức" is Mr Đức)."""
    typed = []
    for mention in mentions:
        key = place_key(mention.text, lang)
        if key is not None and (
            mention.type != "person" or (key.startswith(COUNTRY_PREFIX) and not trust_people)
        ):
            mention = replace(mention, type=place_type(key))
        typed.append(mention)
    return typed


def person_by_surname(mentions: Sequence[Mention], lang: str) -> list[Mention]:
    """``mentions`` with people found by how news names them: in full first, then by the last
    name alone ("Olaf Scholz … Scholz said", "Pavel Orlov … ông Orlov"). A name of two to
    four words that could be a person's (:func:`could_be_personal_name`), whose last word also
    stands alone in the text, and that lone word, are people, unless either is already an
    organisation or a place."""
    lone = {
        mention.text.casefold()
        for mention in mentions
        if len(name_words(mention.text)) == 1 and mention.type in ("other", "person")
    }
    full_names: set[str] = set()
    surnames: set[str] = set()
    for mention in mentions:
        words = name_words(mention.text)
        if mention.type not in ("other", "person") or not could_be_personal_name(
            mention.text, lang
        ):
            continue
        last = words[-1].casefold()
        if last in lone and place_key(words[-1], lang) is None:
            surnames.add(last)
            full_names.add(mention.text)
    typed = []
    for mention in mentions:
        if mention.type == "other" and (
            mention.text in full_names or mention.text.casefold() in surnames
        ):
            mention = replace(mention, type="person")
        typed.append(mention)
    return typed


def could_be_personal_name(surface: str, lang: str) -> bool:
    """Whether ``surface`` can be a person's full name: two to four capitalised words (besides
    connectors such as "al", "de"; "Kujawsko-Pomorskie" is one word), no acronym, no
    organisation head, not ending in a currency ("Millionen Euro"), and in languages that
    capitalise nouns no word with a noun's or an adjective's ending ("Veranstaltungen"). "y"
    joins names in organisations ("Ministerio de Agricultura y Pesca") but between people's
    names it means "and" ("Julián y Brayan LeBarón" are two)."""
    words = surface.split()
    if _AND in words:
        return False
    names = [word for word in words if word not in CONNECTORS]
    if not 2 <= len(names) <= 4:
        return False
    if any(not word[0].isupper() or (word.isupper() and len(word) > 1) for word in names):
        return False
    if has_organisation_word(names, lang) or names[-1].casefold() in _currency_words(lang):
        return False
    return lang not in NOUN_CAPITALISING or not any(
        word.casefold().endswith(GERMAN_NOUN_ENDINGS)
        or GERMAN_ADJECTIVE.search(word.casefold()) is not None
        for word in names
    )


@lru_cache(maxsize=64)
def _currency_words(lang: str) -> frozenset[str]:
    # The last word of every currency's name in CLDR ("Euro", "Dollar", "Złoty", "Lira").
    words: set[str] = set()
    for code in {lang, "en"}:
        try:
            names = Locale.parse(code).currencies.values()
        except (ValueError, LookupError, UnknownLocaleError):
            continue
        for name in names:
            parts = _WORD.findall(name)
            if parts:
                words.add(str(parts[-1]).casefold())
    return frozenset(words)
