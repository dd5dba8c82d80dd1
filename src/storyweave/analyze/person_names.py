"""The people a text names, read as quote speakers are: runs of capitalised words cut down to a
person's name, with the role words written before it.

"Russian Finance Minister Anton Siluanov" is the person "Anton Siluanov" with the role words
"russian finance minister"; countries, organisations ("Red Cross", "Bộ Công an"), shouting
and abbreviations name nobody. :func:`full_names` maps a surname to the fullest form of it the
text gives, so that a later "Siluanov" can be read as "Anton Siluanov".

>>> [mention] = person_mentions("Finance Minister Anton Siluanov spoke.", "en")
>>> mention.name, sorted(mention.prefix)
('Anton Siluanov', ['finance', 'minister'])
>>> full_names(person_mentions("Anton Siluanov met Yellen. Siluanov said so.", "en"))["siluanov"]
'Anton Siluanov'
"""

# Letters and apostrophes of many scripts are what these rules look for.
# ruff: noqa: RUF001

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from storyweave.analyze.speech_words import (
    CONNECTORS,
    DETERMINERS,
    HONORIFICS,
    ORGANISATION_WORDS,
    VIETNAMESE_ORGANISATION_HEADS,
    VIETNAMESE_ROLES,
    function_words,
    is_role_word,
)
from storyweave.represent.gazetteer import lookup_country, normalize_name
from storyweave.represent.name_words import calendar_words

__all__ = [
    "PersonMention",
    "ends_with_person",
    "full_names",
    "name_runs",
    "person_mentions",
    "person_name",
    "words_of",
]

#: Most words a speaker's name keeps ("Mohammed bin Salman bin Abdulaziz").
MAX_NAME_WORDS = 5

_NAME_WORD = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])(?:(?:\p{Lu}\.){2,}"  # dotted abbreviations: U.S., EE.UU.
    r"|(?:(?:al|el|ad|ash|as|ar|d|l|o)['’\-‐])?"  # al-Assad, d'Estaing, O'Brien
    r"[\p{Lu}\p{Lt}][\p{L}\p{M}]*(?:['’\-‐][\p{L}\p{M}]+)*)"
)
_NAME_GAP = regex.compile(
    r"[ \t\u00a0]{1,2}(?:(?:" + "|".join(sorted(CONNECTORS)) + r")[ \t\u00a0]+)?"
)
_GERMAN_ARTICLE_BEFORE = regex.compile(
    r"(?i)(?<![\p{L}])(?:der|die|das|den|dem|des|ein|eine|einen|einem|eines|einer)[ \t]+$"
)
_VIETNAMESE_ORGANISATION_BEFORE = regex.compile(
    r"(?i)(?<![\p{L}])(?:công ty|tập đoàn|ngân hàng|bộ|sở|ủy ban|uỷ ban|bệnh viện|trường|viện|"
    r"hội|cơ quan|tổ chức|báo|đài|hãng|tờ|đảng)[ \t]+$"
)
_VIETNAMESE_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
_POSSESSIVE = regex.compile(r"['’]s?$")
# An article elided onto a capitalised word opens a noun phrase ("ministre de l'Intérieur").
_ELIDED_ARTICLE = regex.compile(r"(?i:l)['’]\p{Lu}")
#: Languages that write a name's case ending after an apostrophe ("Erdoğan'a", "Ankara'da").
APOSTROPHE_CASE_LANGUAGES = frozenset({"tr", "az"})
_CASE_SUFFIX = regex.compile(r"['’]\p{Ll}{1,6}$")
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*")
_DETERMINER_KEYS = frozenset(normalize_name(w) for w in DETERMINERS)


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person's name in running text, with the folded role words written before it."""

    name: str
    start: int
    end: int
    prefix: frozenset[str]


def words_of(phrase: str) -> list[str]:
    """The words of ``phrase``, punctuation dropped."""
    return list(_TOKEN.findall(phrase))


def name_runs(text: str, lang: str) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised words ("Russian Finance Minister Anton Siluanov"), with offsets."""
    runs: list[tuple[int, int, list[str]]] = []
    for match in _NAME_WORD.finditer(text):
        if runs and _NAME_GAP.fullmatch(text, runs[-1][1], match.start()):
            start, _, words = runs[-1]
            runs[-1] = (start, match.end(), [*words, match.group()])
        else:
            runs.append((match.start(), match.end(), [match.group()]))
    if lang == "vi":
        runs = [_drop_vietnamese_role(text, run) for run in runs]
    elif lang in ("de", "lb"):
        # Every noun is capitalised: one after an article is a noun ("der Tierarzt …").
        runs = [
            (start, end, words[1:])
            if _GERMAN_ARTICLE_BEFORE.search(text, 0, start)
            else (start, end, words)
            for start, end, words in runs
        ]
    return [run for run in runs if run[2]]


def _drop_vietnamese_role(text: str, run: tuple[int, int, list[str]]) -> tuple[int, int, list[str]]:
    # "Ngoại trưởng", "Bộ trưởng": a capitalised syllable that opens a lower-case role;
    # "Công ty TNHH Denso": a name after an organisation noun.
    start, end, words = run
    if _VIETNAMESE_ORGANISATION_BEFORE.search(text, max(0, start - 20), start):
        return (start, end, [])
    following = regex.match(r"[ \t]+([\p{Ll}\p{M}]+)", text[end : end + 20])
    if following is None:
        return run
    joined = normalize_name(f"{words[-1]} {following.group(1)}")
    if any(role.startswith(joined) for role in VIETNAMESE_ROLES):
        return (start, end, words[:-1])
    return run


def person_name(words: list[str], lang: str) -> tuple[str | None, frozenset[str]]:
    """The person's name in a run of capitalised words, and the role words stripped from it.

    Role words, countries and nationalities before the name, honorifics, calendar words and
    a leading function word go; what follows the last of them is the name ("Russian Finance
    Minister Anton Siluanov" → "Anton Siluanov"). Function words and honorifics are compared
    with their accents, which Vietnamese names need ("Ánh" is no "anh", "Lê" no "le"); a
    country's name last in the run stays, being a given name as often ("Nguyễn Thị Nga").
    """
    if lookup_country(normalize_name(_POSSESSIVE.sub("", " ".join(words))), lang) is not None:
        return None, frozenset()  # "Haiti's" is no one
    if (
        lang == "vi"
        and len(words) > 1
        and normalize_name(words[0]) in VIETNAMESE_ORGANISATION_HEADS
    ):
        return None, frozenset()  # "Cục Hàng không", "Bộ Công an", "Nhà Trắng"
    stop = function_words(lang)
    calendar = calendar_words(lang)
    cut = 0
    prefix: set[str] = set()
    for index, word in enumerate(words):
        bare = _POSSESSIVE.sub("", word).casefold().rstrip(".")
        key = normalize_name(bare)
        nationality = (
            index < len(words) - 1
            and lookup_country(key, lang) is not None
            # Vietnamese country names are given names too ("Lê Thị Ánh Tuyết"): only one
            # before a foreign name is a nationality ("Nga Anton Siluanov").
            and not (
                lang == "vi" and _VIETNAMESE_SYLLABLE.fullmatch(normalize_name(words[index + 1]))
            )
        )
        if (
            not key
            or is_role_word(key, lang)
            or bare in HONORIFICS
            or key in calendar
            or nationality
            or (index == cut and (bare in stop or _ELIDED_ARTICLE.match(word) is not None))
        ):
            cut = index + 1
            prefix.update(key.split())
    kept = [w for w in words[cut:] if normalize_name(w) not in calendar]
    while kept and kept[0].casefold() in CONNECTORS:
        kept = kept[1:]
    while kept and normalize_name(kept[-1]) in _DETERMINER_KEYS:
        kept.pop()  # a sentence's first word glued on ("… Cuentas El concejal")
    if not kept or len(kept) > MAX_NAME_WORDS:
        return None, frozenset(prefix)
    # Shouting ("ENCANTA"), dotted abbreviations and organisations ("Red Cross", "Nusra
    # Front") name no person.
    if any(len(w) > 5 and w.isupper() for w in kept) or kept[-1].endswith("."):
        return None, frozenset(prefix)
    if normalize_name(kept[-1]) in ORGANISATION_WORDS:
        return None, frozenset(prefix)
    kept[-1] = _POSSESSIVE.sub("", kept[-1])
    if lang in APOSTROPHE_CASE_LANGUAGES:
        kept[-1] = _CASE_SUFFIX.sub("", kept[-1])  # "Çavuşoğlu'nun" is Çavuşoğlu
    return " ".join(kept), frozenset(prefix)


def ends_with_person(phrase: str, lang: str) -> str | None:
    """The person named at the very end of ``phrase``, if any."""
    runs = name_runs(phrase, lang)
    if not runs or words_of(phrase[runs[-1][1] :]):
        return None
    return person_name(runs[-1][2], lang)[0]


def person_mentions(
    text: str, lang: str, skip: Sequence[tuple[int, int]] = ()
) -> list[PersonMention]:
    """The names of ``text`` outside the ``skip`` spans, with the role words before each."""
    mentions: list[PersonMention] = []
    for start, end, words in name_runs(text, lang):
        if any(low <= start < high for low, high in skip):
            continue
        name, prefix = person_name(words, lang)
        if name is None:
            continue
        offset = start + text[start:end].find(name.split()[0])
        before = normalize_name(text[max(0, start - 40) : start]).split()[-3:]
        mentions.append(PersonMention(name, offset, end, prefix | frozenset(before)))
    return mentions


def full_names(mentions: Sequence[PersonMention]) -> dict[str, str]:
    """Folded surname → the fullest form of that name in the text ("siluanov" → "Anton
    Siluanov")."""
    fullest: dict[str, str] = {}
    for mention in mentions:
        words = mention.name.split()
        key = normalize_name(words[-1])
        if len(words) > len(fullest.get(key, "").split()):
            fullest[key] = mention.name
    return fullest
