"""Country and territory names in every language, mapped to one ISO 3166 key.

Names come from the CLDR territory names of every locale that ``babel`` ships, plus a short
documented table of everyday forms CLDR leaves out (``Mỹ``, ``USA``, ``Turkey``, ``Russian``).
A text is matched against the names of its own language first, then against the names that
many languages agree on, so that ``Rusya``, ``Россия`` and ``Nga`` each give ``country:RU``
while a first name that is a country in one small locale ("Angela") stays a name.
"""

# Country names are written in many scripts, with their own apostrophes and hyphens.
# ruff: noqa: RUF001

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping
from functools import lru_cache

import regex
import stopwordsiso
from anyascii import anyascii
from babel import Locale, UnknownLocaleError, localedata
from babel.localedata import locale_identifiers

COUNTRY_PREFIX = "country:"

#: Longest country name, in words, that a lookup tries.
MAX_NAME_TOKENS = 5

#: Everyday names CLDR lacks, by language ("*": any language). CLDR's standard names are
#: formal ("Türkiye", "Hoa Kỳ", "Vereinigte Staaten") and babel drops its "short" and
#: "variant" forms; Vietnamese uses Sino-Vietnamese short names; English demonyms are
#: capitalised and mostly irregular (the regular "-a" + "n" ones are derived).
EXTRA_NAMES: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "*": {
        "US": ("US", "USA", "U.S.", "U.S.A."),
        "GB": ("UK", "U.K."),
        "AE": ("UAE",),
    },
    "en": {
        "US": ("America", "American", "Americans"),
        "GB": ("Britain", "Great Britain", "British", "Briton", "Britons"),
        "TR": ("Turkey", "Turkish", "Turk", "Turks"),
        "RU": ("Russians",),
        "DE": ("German", "Germans"),
        "CN": ("Chinese",),
        "JP": ("Japanese",),
        "KR": ("South Korean",),
        "KP": ("North Korean",),
        "FR": ("French",),
        "ES": ("Spanish",),
        "NL": ("Dutch", "Holland"),
        "PL": ("Polish", "Poles"),
        "SE": ("Swedish",),
        "IL": ("Israeli", "Israelis"),
        "IQ": ("Iraqi", "Iraqis"),
        "IR": ("Iranian", "Iranians", "Persia"),
        "AF": ("Afghan", "Afghans"),
        "PK": ("Pakistani",),
        "SA": ("Saudi", "Saudis"),
        "YE": ("Yemeni",),
        "LB": ("Lebanese",),
        "VN": ("Vietnamese",),
        "PH": ("Filipino",),
        "TH": ("Thai",),
        "CH": ("Swiss",),
        "DK": ("Danish",),
        "FI": ("Finnish",),
        "IE": ("Irish",),
        "PT": ("Portuguese",),
        "GR": ("Greek", "Greeks"),
        "UA": ("Ukrainian", "Ukrainians"),
        "BY": ("Belarusian",),
        "CZ": ("Czech Republic", "Czech"),
        "CI": ("Ivory Coast",),
        "MM": ("Burma",),
        "PS": ("Palestine", "Palestinian", "Palestinians"),
        "EG": ("Egyptian", "Egyptians"),
        "QA": ("Qatari",),
        "KW": ("Kuwaiti",),
        "AE": ("Emirati",),
        "VA": ("Vatican",),
    },
    "vi": {
        "US": ("Mỹ",),
        "GB": ("Anh",),
        "TR": ("Thổ",),
        "JP": ("Nhật",),
        "KR": ("Hàn", "Nam Hàn"),
        "KP": ("Bắc Hàn", "Bắc Triều Tiên"),
    },
    "de": {"US": ("Amerika",), "GB": ("Großbritannien", "Briten"), "TR": ("Türkei",)},
    "es": {
        "US": ("EEUU", "EE.UU.", "EE. UU.", "Norteamérica"),
        "GB": ("Gran Bretaña",),
        "TR": ("Turquía",),
    },
    "fr": {"US": ("Amérique",), "GB": ("Grande-Bretagne",), "TR": ("Turquie",)},
    "pt": {"US": ("EUA",)},
    # Case forms that the ending rule (see ``inflection_stem``) cannot reach: plural names
    # ("Niemcy": "w Niemczech", "z Niemiec") and a changed stem ("Polska": "w Polsce").
    "pl": {
        "US": (
            "Ameryka",
            "Stanach Zjednoczonych",
            "Stanów Zjednoczonych",
            "Stanom Zjednoczonym",
            "Stanami Zjednoczonymi",
        ),
        "GB": ("Brytania", "Wielka Brytania", "Wielkiej Brytanii", "Wielką Brytanię"),
        "TR": ("Turcja",),
        "PL": ("Polsce",),
        "DE": ("Niemczech", "Niemiec", "Niemcom", "Niemcami"),
        "IT": ("Włoszech", "Włochami"),
        "CN": ("Chinach", "Chin", "Chinom", "Chinami"),
        "HU": ("Węgrzech", "Węgier", "Węgrom", "Węgrami"),
        "CZ": ("Czechach", "Czechami"),
        "IN": ("Indiach", "Indiami"),
    },
    "tr": {"US": ("ABD", "Amerika"), "GB": ("İngiltere",)},
    "ru": {"US": ("США", "Америка"), "GB": ("Британия",)},
    "ar": {"US": ("أمريكا", "امريكا"), "GB": ("بريطانيا",)},
}

#: Languages whose nouns inflect for case, so a name's ending varies ("Rosji", "Rosję").
INFLECTING_LANGUAGES = frozenset(
    {
        "pl",
        "cs",
        "sk",
        "sl",
        "hr",
        "sr",
        "bs",
        "ru",
        "uk",
        "be",
        "bg",
        "lt",
        "lv",
        "fi",
        "et",
        "hu",
        "ro",
        "el",
        "is",
    }
)

# Codes that are not places a story is about.
_SKIPPED_CODES = frozenset({"ZZ", "XA", "XB", "QO", "EZ", "UN"})
_STRIP_MARKS = regex.compile(r"\p{Mn}+")
_NON_KEY = regex.compile(r"[^a-z0-9]+")
_ELISION = regex.compile(r"^(?:al|el|ad|as|an|ar|at|ash|az|ul)[-‐](?=\w)", regex.IGNORECASE)
_DOUBLE = regex.compile(r"([a-z])\1+")
_VOWEL_TAIL = regex.compile(r"[aeiou]+$")
_PLAIN_FORM = regex.compile(r"\s*(?:\(.*?\)|SAR China|S\.A\.R\.)\s*")


@lru_cache(maxsize=65536)
def normalize_name(surface: str) -> str:
    """Fold a name to its key: ASCII, lower case, Arabic article and doubled letters removed.

    >>> normalize_name("Шойгу"), normalize_name("al-Assad"), normalize_name("Thổ Nhĩ Kỳ")
    ('shoigu', 'asad', 'tho nhi ki')
    """
    text = unicodedata.normalize("NFKC", surface).casefold()
    text = _STRIP_MARKS.sub("", unicodedata.normalize("NFD", text))
    words: list[str] = []
    for word in text.split():
        word = _ELISION.sub("", word)
        word = _NON_KEY.sub(" ", anyascii(word).lower()).strip()
        words.extend(_fold_spelling(part) for part in word.split())
    return " ".join(words)


def _fold_spelling(word: str) -> str:
    # Transliteration schemes disagree on y/i ("Dostoyevsky"/"Dostoievsky") and on doubled letters
    # ("Hussein"/"Husein", "Mecca"/"Meca"); both are folded so that the variants meet. Short
    # words keep their doubles: they are mostly acronyms ("EEUU" is not "EU").
    if len(word) > 1:
        word = word[0] + word[1:].replace("y", "i")
    return _DOUBLE.sub(r"\1", word) if len(word) >= 5 else word


def inflection_stem(key: str) -> str:
    """Strip a final vowel run so that case forms of one name meet ("rosja", "rosji" -> "rosj")."""
    stem = _VOWEL_TAIL.sub("", key)
    return stem if len(stem) >= 3 else key


def country_key(code: str) -> str:
    """The name key of a country: ``country:`` and its ISO 3166 code."""
    return COUNTRY_PREFIX + code


def lookup_country(key: str, lang: str | None = None) -> str | None:
    """The ISO code that the folded name ``key`` denotes, or ``None``.

    The names of ``lang`` come first (in case-inflecting languages also their oblique forms:
    "rosji"), then the names that several languages share.
    """
    if lang:
        table, stems = _language_tables(lang)
        code = table.get(key)
        if code is None and stems and " " not in key:
            code = stems.get(inflection_stem(key))
        if code is not None:
            return code
    return _shared_table().get(key)


def arabic_stem(surface: str) -> str:
    """Strip the article and adjective endings of an Arabic word ("السورية" -> "سور")."""
    word = surface.removeprefix("ال")
    for ending in ("يين", "يون", "ية", "يا", "ي", "ة", "ا"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def lookup_arabic_adjective(surface: str) -> str | None:
    """The country an Arabic adjective of origin names ("الروسية": Russian), or ``None``."""
    return _arabic_stems().get(arabic_stem(surface))


@lru_cache(maxsize=1)
def _arabic_stems() -> dict[str, str]:
    stems: dict[str, str] = {}
    for name, code in _names_of("ar", inherited=True).items():
        if " " not in name:
            stems.setdefault(arabic_stem(name), code)
    for code, names in EXTRA_NAMES["ar"].items():
        for name in names:
            stems.setdefault(arabic_stem(name), code)
    return stems


def plain_name(name: str) -> str:
    """A CLDR territory name without its qualifiers, as news writes it.

    >>> plain_name("Hong Kong SAR China"), plain_name("Myanmar (Burma)"), plain_name("Iraq")
    ('Hong Kong', 'Myanmar', 'Iraq')
    """
    if "(" not in name and "SAR" not in name:
        return name
    return _PLAIN_FORM.sub(" ", name).strip() or name


def _plain_forms(name: str) -> list[str]:
    # "Myanmar (Burma)" is also "Myanmar" and "Burma"; "Hong Kong SAR China" is "Hong Kong".
    forms = [name]
    plain = plain_name(name)
    if plain != name:
        forms.append(plain)
    forms.extend(regex.findall(r"\((.*?)\)", name))
    return forms


def _territories(identifier: str, inherited: bool) -> Mapping[str, str]:
    if inherited:
        try:
            return Locale.parse(identifier).territories
        except (ValueError, LookupError, UnknownLocaleError):
            return {}
    # Unmerged data: inheritance would only repeat the parent's names at ten times the cost.
    names: Mapping[str, str] = localedata.load(identifier, merge_inherited=False).get(
        "territories", {}
    )
    return names


def _names_of(identifier: str, inherited: bool = False) -> dict[str, str]:
    found: dict[str, str] = {}
    for code, name in _territories(identifier, inherited).items():
        if len(code) != 2 or not code.isalpha() or code in _SKIPPED_CODES:
            continue
        forms = _plain_forms(name)
        if identifier == "en":
            # English demonyms mostly add "n" to a name in "-a" (Russian, Syrian, Korean).
            forms += [form + "n" for form in forms if form.endswith("a")]
        for form in forms:
            found.setdefault(form, code)
    return found


@lru_cache(maxsize=1)
def _shared_table() -> dict[str, str]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for identifier in (ident for ident in locale_identifiers() if "_" not in ident):
        for name, code in _names_of(identifier).items():
            key = normalize_name(name)
            votes[key][code] += 1
    table: dict[str, str] = {}
    for key, counts in votes.items():
        (code, best), *rest = [*counts.most_common(2), ("", 0)]
        # A name several territories claim ("Congo", "Guinea") is left out unless one
        # dominates; a name few locales use is more often a word or a first name elsewhere
        # ("Alan", "Angela", "Mark") than the country.
        if best >= 4 * rest[0][1] and best >= 3 and len(key) >= 4:
            table[key] = code
    table.update(_extra_table("*"))
    return table


def _stopwords(lang: str) -> frozenset[str]:
    return frozenset(stopwordsiso.stopwords(lang)) if stopwordsiso.has_lang(lang) else frozenset()


def _extra_table(lang: str) -> dict[str, str]:
    return {
        normalize_name(name): code
        for code, names in EXTRA_NAMES.get(lang, {}).items()
        for name in names
    }


@lru_cache(maxsize=64)
def _language_tables(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    # Short names can be ordinary words of the language once folded (Arabic "عُمان" -> "mn",
    # the spelling of "من", "from"): those are left out.
    words = {normalize_name(word) for word in _stopwords(lang)}
    table: dict[str, str] = {}
    for name, code in _names_of(lang, inherited=True).items():
        key = normalize_name(name)
        if len(key) >= (2 if name.isascii() else 3) and (len(key) > 3 or key not in words):
            table.setdefault(key, code)
    table.update(_extra_table(lang))
    stems: dict[str, str] = {}
    if lang in INFLECTING_LANGUAGES:
        for key, code in table.items():
            if " " not in key and len(key) >= 4:
                stems.setdefault(inflection_stem(key), code)
    return table, stems
