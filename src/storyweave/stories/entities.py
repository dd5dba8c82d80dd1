"""The entities of a story: the mentions of its articles merged into one entity per real thing.

Mentions meet when they name the same thing across articles, languages and scripts:

- places by their gazetteer key: ``Nga``, ``Russia`` and ``Russie`` are ``country:RU``;
  ``Mỹ``, ``Hoa Kỳ``, ``U.S.`` and ``United States`` are ``country:US``;
- other names by their folded key (:func:`~storyweave.represent.gazetteer.normalize_name`:
  ASCII, lower case, ``Путин`` is ``putin``), without connectors ("Bashar al Assad" and
  "Bashar al-Assad" meet), and in case-inflecting languages by stem ("Putina" meets "Putin");
- a person's name with a title before it merges into the name (``Prime Minister Maria
  Costa`` into ``Maria Costa``); a single word that ends a person's name merges into it
  when that person is the only one it can be, within the story (``Costa``); ``Silva``
  stays apart when both ``Ana Silva`` and ``Rui Silva`` are in the story; a first name
  alone (``Maria``) merges into nobody;
- an acronym merges into the one name of the story whose initials spell it (``ICRC`` into
  ``International Committee of the Red Cross``).

Nationality adjectives ("Syrian") are not merged into their country: no data says precisely,
in every language, which words are demonyms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import regex

from storyweave.analyze.mention import Mention, could_be_personal_name, name_words
from storyweave.analyze.place_names import (
    COUNTRY_PREFIX,
    is_place_key,
    place_key,
    place_name,
    place_type,
)
from storyweave.model import Entity, EntityType
from storyweave.represent.gazetteer import INFLECTING_LANGUAGES, inflection_stem, normalize_name
from storyweave.represent.names import CONNECTORS

__all__ = ["ArticleMentions", "merge_entities"]

#: One article's mentions: its id, its language and what
#: :func:`~storyweave.analyze.entities.extract_mentions` found in it.
ArticleMentions = tuple[str, str, Sequence[Mention]]

_CONNECTORS = frozenset(CONNECTORS)
_ACRONYM = regex.compile(r"\p{Lu}[\p{Lu}\p{Ll}]*\p{Lu}")
# Case endings that begin with a consonant, of Slavic names as folded ("Putinem", "Putinowi",
# "Путиным"); the vowel endings ("Putina", "Putinu") go with the vowel tail.
_CASE_ENDINGS = ("owi", "iem", "em", "ego", "emu", "ami", "ach", "im")
# Which type wins a tie of votes: the narrower claim first.
_TYPE_ORDER: tuple[EntityType, ...] = ("person", "place", "organisation", "other")


@dataclass(slots=True)
class _Seen:
    article_id: str
    lang: str
    text: str
    type: EntityType


@dataclass(slots=True)
class _Group:
    key: str
    seen: list[_Seen] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return self.key.split()

    @property
    def stems(self) -> list[str]:
        return [_stem(word) for word in self.words]

    def kind(self) -> EntityType:
        if is_place_key(self.key):
            return place_type(self.key)
        return _majority(s.type for s in self.seen)


def merge_entities(
    articles: Sequence[ArticleMentions], lang_out: str = "en", limit: int = 30
) -> list[Entity]:
    """The entities of a story whose ``articles`` are given as (id, language, mentions).

    Ranked by mentions, then by the number of articles; at most ``limit``. A place is named
    in ``lang_out`` (CLDR's name); anything else by its full name's most frequent form in
    ``lang_out``, else its most frequent form.
    """
    groups = _groups(articles)
    groups = _merge_inflections(groups)
    groups = _merge_short_forms(groups)
    groups = _merge_acronyms(groups)
    entities = [_entity(group, lang_out) for group in groups]
    entities.sort(key=lambda e: (-e.mentions, -len(e.article_ids), e.name.casefold()))
    return entities[: max(limit, 0)]


def _groups(articles: Iterable[ArticleMentions]) -> list[_Group]:
    listed = [
        (article_id, (lang or "").split("-")[0].lower(), mention)
        for article_id, lang, mentions in articles
        for mention in mentions
    ]
    surnames = {
        _name_key(mention.text).split()[-1]
        for _, _, mention in listed
        if mention.type in ("person", "other") and len(_name_key(mention.text).split()) >= 2
    }
    by_key: dict[str, _Group] = {}
    for article_id, lang, mention in listed:
        key = _key(mention, lang, surnames)
        if key:
            group = by_key.setdefault(key, _Group(key))
            group.seen.append(_Seen(article_id, lang, mention.text, mention.type))
    return list(by_key.values())


def _key(mention: Mention, lang: str, surnames: set[str]) -> str:
    """A place's gazetteer key, or a name's folded words without connectors.

    Places from the gazetteer win over a person type ("Nga" tagged a person is Russia),
    except for a person's name used alone that ends a longer name in the story ("ông Đức"
    after "Nguyễn Minh Đức"), and for cities, which are surnames too ("Stanley").
    """
    name = _name_key(mention.text)
    place = place_key(mention.text, lang)
    if place is None:
        return name
    if mention.type != "person" or (place.startswith(COUNTRY_PREFIX) and name not in surnames):
        return place
    return name


def _name_key(surface: str) -> str:
    return " ".join(word for word in normalize_name(surface).split() if word not in _CONNECTORS)


def _merge_inflections(groups: list[_Group]) -> list[_Group]:
    # "Putina" (Polish) meets "Putin": keys whose words share stems merge when one of them
    # was written in a case-inflecting language.
    by_stem: dict[str, _Group] = {}
    merged: list[_Group] = []
    for group in sorted(groups, key=lambda g: -len(g.seen)):
        if is_place_key(group.key):
            merged.append(group)
            continue
        stem = " ".join(group.stems)
        inflected = any(s.lang in INFLECTING_LANGUAGES for s in group.seen)
        into = by_stem.get(stem)
        if into is not None and (
            inflected or any(s.lang in INFLECTING_LANGUAGES for s in into.seen)
        ):
            into.seen.extend(group.seen)
            continue
        by_stem.setdefault(stem, group)
        merged.append(group)
    return merged


def _merge_short_forms(groups: list[_Group]) -> list[_Group]:
    """Names that end a person's longer name merged with that person.

    A name of two words or more that ends longer names is the person's name and those are
    it with a title ("Bundeskanzlerin Angela Merkel", "Prime Minister Maria Costa"): they
    merge into it. A single word ("Costa") merges into the one person whose name it ends, and
    into nobody when several people's names end with it; a model that typed it otherwise
    (a surname alone read as a place) is overruled, but a place the gazetteer knows is not.
    """
    absorbed: set[int] = set()
    for short in sorted(groups, key=lambda g: -len(g.words)):
        if id(short) in absorbed or is_place_key(short.key):
            continue
        if short.kind() == "place" and len(short.words) >= 2:
            continue
        longer = [
            long
            for long in groups
            if id(long) not in absorbed
            and len(long.words) > len(short.words)
            and long.stems[-len(short.words) :] == short.stems
            and long.kind() == "person"
        ]
        if len(short.words) >= 2 and longer:
            keys = {group.key for group in groups if id(group) not in absorbed}
            for titled in longer:
                # "Arlene Foster Simon Coveney" is two people run together, not a title.
                prefix = titled.words[: -len(short.words)]
                if not any(" ".join(prefix[i:]) in keys for i in range(len(prefix))):
                    short.seen.extend(titled.seen)
                    absorbed.add(id(titled))
            continue
        targets = _shortest_distinct(longer)
        if len(targets) == 1:
            # It is that person, whatever a model typed it: the small models often take a
            # surname alone for a place ("Gaines is shown on a cellphone").
            targets[0].seen.extend(replace(seen, type="person") for seen in short.seen)
            absorbed.add(id(short))
    return [group for group in groups if id(group) not in absorbed]


def _merge_acronyms(groups: list[_Group]) -> list[_Group]:
    """Acronyms merged with the one name of the story they abbreviate.

    "ICRC" is "International Committee of the Red Cross" (the initials of its capitalised
    words), "AfD" is "Alternative für Deutschland" (of all its words), "U.N." is "United
    Nations". An acronym that several names spell stays apart, and so does a place the
    gazetteer knows ("US"); people, and names that could be a person's, are not abbreviated.
    """
    spelled: dict[str, list[_Group]] = {}
    for group in groups:
        if group.kind() == "person":
            continue
        spellings: set[str] = set()
        for seen in group.seen:
            words = name_words(seen.text)
            if len(words) < 2 or all(len(word) == 1 for word in words):
                continue  # one word, or an acronym written with stops ("U.N.")
            if not is_place_key(group.key) and could_be_personal_name(seen.text, seen.lang):
                continue  # "Dick Clark" is not "D.C."
            spellings.add("".join(word[0] for word in words).upper())
            spellings.add("".join(word[0] for word in words if word[0].isupper()).upper())
        for initials in spellings:
            spelled.setdefault(initials, []).append(group)
    absorbed: set[int] = set()
    for group in groups:
        acronym = _acronym(group)
        if acronym is None or is_place_key(group.key):
            continue
        targets = [t for t in spelled.get(acronym, []) if t is not group]
        if len(targets) == 1 and id(targets[0]) not in absorbed:
            targets[0].seen.extend(group.seen)
            absorbed.add(id(group))
    return [group for group in groups if id(group) not in absorbed]


def _acronym(group: _Group) -> str | None:
    """The letters of the acronym a group is written as ("NATO", "AfD", "U.N."), or ``None``."""
    surface = Counter(seen.text for seen in group.seen).most_common(1)[0][0]
    letters = surface.replace(".", "")
    if not _ACRONYM.fullmatch(letters):
        return None
    capitals = sum(letter.isupper() for letter in letters)
    return letters.upper() if capitals >= 2 and capitals > len(letters) - capitals else None


def _shortest_distinct(candidates: list[_Group]) -> list[_Group]:
    # "Maria Costa" and "Prime Minister Maria Costa" are one person to a short form
    # ("Costa"): a candidate that ends with another candidate is that candidate.
    return [
        group
        for group in candidates
        if not any(
            other is not group
            and len(other.words) < len(group.words)
            and group.stems[-len(other.words) :] == other.stems
            for other in candidates
        )
    ]


def _entity(group: _Group, lang_out: str) -> Entity:
    forms = Counter(s.text for s in group.seen)
    name = place_name(group.key, lang_out) if is_place_key(group.key) else None
    if name is None:
        # The full name, not a short form, in the output language where an article has it.
        full = [s for s in group.seen if _key_stems(s) == group.stems] or group.seen
        in_lang_out = [s for s in full if s.lang == lang_out]
        name = _name_form(in_lang_out or full)
    return Entity(
        name=name,
        type=group.kind(),
        mentions=len(group.seen),
        key=group.key,
        forms=[form for form, _ in forms.most_common()],
        article_ids=sorted({s.article_id for s in group.seen}),
    )


def _name_form(seen: list[_Seen]) -> str:
    """The form to show a name by: the most frequent, but in a case-inflecting language the
    shortest, which is mostly the name's own (nominative) form: "Andrzej Duda", not
    "Andrzeja Dudy" or "Andrzejem Dudą", however often the articles use those."""
    counts = Counter(s.text for s in seen)
    if any(s.lang in INFLECTING_LANGUAGES for s in seen):
        return min(counts, key=lambda form: (len(form), -counts[form]))
    return counts.most_common(1)[0][0]


def _stem(word: str) -> str:
    """A name's word without its case ending: "putinem", "putina", "putinim" -> "putin"."""
    for ending in _CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    return inflection_stem(word)


def _key_stems(seen: _Seen) -> list[str]:
    return [_stem(word) for word in _name_key(seen.text).split()]


def _majority(types: Iterable[EntityType]) -> EntityType:
    """The type most mentions give; ``other`` only when no mention says more."""
    votes: Counter[EntityType] = Counter(kind for kind in types if kind != "other")
    if not votes:
        return "other"
    best = max(votes.values())
    return next(kind for kind in _TYPE_ORDER if votes[kind] == best)
