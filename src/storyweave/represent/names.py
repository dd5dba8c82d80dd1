"""Name keys that survive translation: the names in a text as language-independent keys.

Candidates are capitalised spans ("Olaf Scholz", "Mohammed bin Salman"), acronyms ("NATO") and,
in scripts without case, country names. Keys are folded to ASCII (:func:`normalize_name`), so
``Горбачёв`` and ``Gorbachev`` meet, and every country name in every language becomes one key
(``Nga``, ``Russia``, ``Rusya'nın`` and ``Rosji`` all give ``country:RU``).

>>> sorted(name_keys("Russian Finance Minister Anton Siluanov met Erdogan in Ankara.", "en"))
['ankara', 'anton', 'country:RU', 'erdogan', 'finance', 'minister', 'siluanov']
"""

# Quote marks, apostrophes and letters of many scripts are what these rules look for.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import regex

from storyweave.represent.gazetteer import (
    COUNTRY_PREFIX,
    INFLECTING_LANGUAGES,
    MAX_NAME_TOKENS,
    country_key,
    inflection_stem,
    lookup_arabic_adjective,
    lookup_country,
    normalize_name,
)
from storyweave.represent.name_words import (
    calendar_words,
    own_stop_words,
    stop_words_and_english,
)

__all__ = ["key_weights", "name_keys", "name_similarity", "normalize_name"]

_CANDIDATE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])(?:(?:\p{Lu}{1,2}\.){2,}"  # dotted abbreviations: U.S., EE.UU.
    r"|(?:\p{Ll}{1,4}['’ʼ])?[\p{Lu}\p{Lt}\p{Lo}][\p{L}\p{M}\p{N}]*(?:['’ʼ][\p{L}\p{M}\p{N}]+)*)"
)
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Ll}[\p{L}\p{M}]*")
_LONG_WORD = regex.compile(r"[\p{L}\p{M}]{4,}")
_LINE = regex.compile(r"[^\n]+")
# What between two words makes the second one start a sentence (or a quotation).
_SENTENCE_GAP = regex.compile(r'[.!?…:;\n"“”„«»‹›「」]')
_GLUED = regex.compile(r"(?<=\p{Ll}{4})(?=\p{Lu}\p{Ll}{3})")
_APOSTROPHE = regex.compile(r"['’ʼ]")
_VIETNAMESE_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)

#: Lower-case words that may sit inside a name ("Ludwig van Beethoven", "Bashar al-Assad").
CONNECTORS = (
    "al",
    "el",
    "ad",
    "as",
    "ash",
    "ar",
    "ul",
    "bin",
    "ibn",
    "bint",
    "abu",
    "de",
    "del",
    "della",
    "der",
    "den",
    "des",
    "di",
    "da",
    "do",
    "dos",
    "das",
    "du",
    "la",
    "le",
    "van",
    "von",
    "ten",
    "ter",
    "of",
    "y",
    "zu",
)
_JOINING_GAP = regex.compile(
    r"[ \t\u00a0]*(?:[-‐][ \t\u00a0]*)?"
    r"|[ \t\u00a0]+(?:" + "|".join(CONNECTORS) + r")(?:[ \t\u00a0]+|[-‐])"
)

#: Languages that capitalise every noun, where a capital letter alone does not mark a name.
NOUN_CAPITALISING = frozenset({"de", "lb"})
_DETERMINED_NOUN = regex.compile(
    r"(?<![\p{L}\p{M}])(?i:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|kein|"
    r"keine|keinen|keinem|keiner|dieser|diese|dieses|diesen|diesem|jeder|jede|jedes|jeden|"
    r"jedem|zum|zur|im|am|vom|beim|ins|ans|sein|seine|seinen|seiner|ihr|ihre|ihren|ihrer|"
    r"unser|unsere|alle|viele)[ \t]+(?:\p{Ll}+[ \t]+)?(\p{Lu}[\p{L}\p{M}]*)"
)
_NOUN_ENDINGS = (
    "ung",
    "ungen",
    "heit",
    "heiten",
    "keit",
    "keiten",
    "schaft",
    "schaften",
    "tion",
    "tionen",
    "tät",
    "täten",
    "ismus",
    "chen",
    "nis",
    "nisse",
    "tum",
    "ling",
    "linge",
    "ment",
    "ments",
    "anz",
    "enz",
    "sten",
    "ern",
    "eln",
)
#: Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "prof",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "sgt",
        "jr",
        "sr",
        "nr",
        "hr",
        "fr",
        "no",
        "vs",
        "ca",
        "bzw",
        "z",
        "b",
        "u",
        "ks",
        "pt",
        "ing",
        "mgr",
        "sra",
        "dña",
        "av",
        "m",
        "mme",
        "mlle",
    }
)
#: Case endings that begin with a consonant, stripped from names in inflecting languages.
_CASE_ENDINGS = ("owi", "iem", "em", "ego", "emu", "ami", "ach")
# Single-letter proclitics of Arabic script ("و", "ب", "ل", "ف", "ك") glued to the next word.
_PROCLITICS = "وبلفك"


@dataclass(slots=True)
class _Word:
    surface: str
    key: str
    initial: bool  # capitalised by grammar: a sentence start or a title-case headline
    joined: bool  # continues a name with the word before (only spaces or a connector between)
    kind: str  # "cap", "acronym" or "caseless"


def name_keys(text: str, lang: str) -> Counter[str]:
    """The names in ``text`` (in language ``lang``) as folded keys with their counts.

    A multi-word name gives its whole key and, as a surname key, its last word's key.
    """
    lang = (lang or "").split("-")[0].split("_")[0].lower()
    words = _candidates(text)
    keys: Counter[str] = Counter()
    context = _Context(
        lang=lang,
        stop=stop_words_and_english(lang),
        own_stop=own_stop_words(lang),
        lower_seen=frozenset(_LOWER_WORD.findall(text)),
        common_nouns=(
            frozenset(_DETERMINED_NOUN.findall(text)) if lang in NOUN_CAPITALISING else frozenset()
        ),
    )
    index = 0
    while index < len(words):
        word = words[index]
        if word.kind == "acronym":
            code = lookup_country(word.key, lang)
            if code is not None:
                keys[country_key(code)] += 1
            elif not _is_shouting(words, index, context.stop) and len(word.key) > 1:
                keys[word.key] += 1
            index += 1
        elif word.kind == "cap":
            end = index + 1
            while end < len(words) and words[end].joined and words[end].kind == "cap":
                end += 1
            _emit_run(words[index:end], context, keys)
            index = end
        else:
            index += _emit_caseless(words, index, lang, keys)
    return keys


@dataclass(frozen=True, slots=True)
class _Context:
    lang: str
    stop: frozenset[str]
    own_stop: frozenset[str]
    lower_seen: frozenset[str]
    common_nouns: frozenset[str]


def _candidates(text: str) -> list[_Word]:
    headlines = _title_case_lines(text)
    words: list[_Word] = []
    previous_end = 0
    previous = ""
    for match in _CANDIDATE.finditer(text):
        gap = text[previous_end : match.start()]
        joined = bool(words) and (
            gap == " "
            or (len(gap) < 9 and _JOINING_GAP.fullmatch(gap) is not None)
            or (len(previous) == 1 and gap.rstrip() == ".")  # an initial: "George W. Bush"
        )
        initial = not joined and _starts_sentence(gap, previous, not words)
        if not initial and headlines:
            initial = any(start <= match.start() < end for start, end in headlines)
        surface = match.group()
        glued = len(surface) >= 8 and not surface[1:].islower()
        pieces = _GLUED.split(surface) if glued else [surface]
        for number, piece in enumerate(pieces):
            # A word glued to the next sentence ("…in SyriaMoscow said…") starts that sentence.
            word = _classify(piece, initial or number > 0, joined and number == 0)
            if word is not None:
                words.append(word)
        previous_end = match.end()
        previous = pieces[-1]
    return words


def _starts_sentence(gap: str, previous: str, first: bool) -> bool:
    end = len(gap)
    while end and not gap[end - 1].isalnum():
        end -= 1
    tail = gap[end:]
    if end == 0 and first:
        return True
    if tail.lstrip().startswith("."):
        start = end
        while start and gap[start - 1].isalnum():
            start -= 1
        if (gap[start:end] if end else previous).lower() in _ABBREVIATIONS:
            return False
    return _SENTENCE_GAP.search(tail) is not None


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    # In a title-case headline ("Russia Says It Is Edging Closer to Deal") every capital is
    # grammar's, as at a sentence start.
    spans = []
    for line in _LINE.finditer(text):
        if len(line.group()) > 300:
            continue
        long_words = _LONG_WORD.findall(line.group())
        capitalised = sum(1 for word in long_words if word[0].isupper())
        if len(long_words) >= 4 and capitalised >= 0.8 * len(long_words):
            spans.append(line.span())
    return spans


def _classify(surface: str, initial: bool, joined: bool) -> _Word | None:
    surface = _strip_affixes(surface)
    if not surface:
        return None
    if "." in surface:
        surface = surface.replace(".", "")
        return _Word(surface, normalize_name(surface), initial, joined, "acronym")
    if not surface[0].isupper():
        kind = "caseless" if surface[0].isalpha() and surface.lower() == surface else "other"
        if kind == "other":
            return None
    elif surface.isupper() and len(surface) >= 2:
        kind = "acronym"
    else:
        kind = "cap"
    return _Word(surface, normalize_name(surface), initial, joined, kind)


def _strip_affixes(surface: str) -> str:
    if "'" not in surface and "’" not in surface and "ʼ" not in surface:
        return surface
    parts = _APOSTROPHE.split(surface)
    if len(parts) != 2 or not parts[0] or not parts[1]:
        return surface
    head, tail = str(parts[0]), str(parts[1])
    if tail[0].islower() and len(tail) <= 6:
        return head  # possessive or case suffix: "Putin's", "Rusya'nın", "ABD'nin"
    if head.islower() and len(head) <= 4 and tail[0].isupper():
        return tail  # elided article or preposition: "l'Iran", "d'Alep", "dell'Italia"
    return surface


def _is_shouting(words: list[_Word], index: int, stop: frozenset[str]) -> bool:
    # A headline in capitals ("NIE UWIERZYCIE co robi") is not a row of acronyms.
    word = words[index]
    if len(word.surface) > 6:
        return True
    neighbours = []
    if word.joined:
        neighbours.append(words[index - 1])
    if index + 1 < len(words) and words[index + 1].joined:
        neighbours.append(words[index + 1])
    return word.surface.casefold() in stop and any(n.kind == "acronym" for n in neighbours)


def _is_name_word(word: _Word, context: _Context, leading: bool) -> bool:
    folded = word.surface.lower()
    if len(word.key) < 2:
        return False
    if word.surface in context.common_nouns or (
        context.lang in NOUN_CAPITALISING and folded.endswith(_NOUN_ENDINGS)
    ):
        return False
    if folded in context.own_stop:
        return False  # formal pronouns and the like ("Sie", "Ihre")
    if word.initial or (leading and folded in context.lower_seen):
        # Capitals that grammar put there (sentence starts, title-case headlines) and
        # titles that the text also writes in lower case ("President", "Minister").
        return folded not in context.stop and folded not in context.lower_seen
    return True


def _emit_run(run: list[_Word], context: _Context, keys: Counter[str]) -> None:
    lang = context.lang
    if lang == "vi" and len(run) > 1 and all(_is_vietnamese(w) for w in run):
        # A run of Vietnamese syllables is one name ("Nguyễn Thị Nga") unless it is wholly
        # made of country names ("Trung Quốc", "Nhật Bản").
        countries = _segment_countries(run, lang)
        if countries is None and run[0].initial:
            # "Phía Nga …" at a sentence start: a common word, then a country.
            countries = _segment_countries(run[1:], lang)
        if countries is not None:
            keys.update(countries)
            return
        folded = run[0].surface.lower()
        if run[0].initial and (folded in context.stop or folded in context.lower_seen):
            run = run[1:]
        # Vietnamese syllables are names only together ("Liên Hợp Quốc", "Nguyễn Văn An").
        _emit_name(run, lang, keys, tokenwise=False)
        return
    span: list[_Word] = []
    position = 0
    while position < len(run):
        word = run[position]
        matched = _country_at(run, position, lang)
        if matched is not None and not _pronoun_at_start(word, context):
            _emit_name(span, lang, keys)
            span = []
            keys[country_key(matched[0])] += 1
            position += matched[1]
            continue
        if _is_name_word(word, context, leading=not span):
            span.append(word)
        elif span:
            _emit_name(span, lang, keys)
            span = []
        position += 1
    _emit_name(span, lang, keys)


def _strip_case_ending(key: str) -> str:
    # Consonant-initial case endings ("Putinem", "Putinowi"); vowel endings ("Putina") are
    # folded when keys are compared.
    for ending in _CASE_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 4:
            return key[: -len(ending)]
    return key


def _pronoun_at_start(word: _Word, context: _Context) -> bool:
    # Short country names can be pronouns or particles at a sentence start ("Anh ấy…").
    return word.initial and len(word.surface) <= 3 and word.surface.lower() in context.stop


def _is_vietnamese(word: _Word) -> bool:
    return _VIETNAMESE_SYLLABLE.fullmatch(word.key.replace("đ", "d")) is not None


def _country_at(run: list[_Word], start: int, lang: str) -> tuple[str, int] | None:
    for length in range(min(MAX_NAME_TOKENS, len(run) - start), 0, -1):
        code = lookup_country(" ".join(w.key for w in run[start : start + length]), lang)
        if code is not None:
            return code, length
    return None


def _segment_countries(run: list[_Word], lang: str) -> list[str] | None:
    found = []
    position = 0
    while position < len(run):
        matched = _country_at(run, position, lang)
        if matched is None:
            return None
        found.append(country_key(matched[0]))
        position += matched[1]
    return found or None


def _emit_name(span: list[_Word], lang: str, keys: Counter[str], tokenwise: bool = True) -> None:
    parts = [w.key for w in span if len(w.key) > 1]
    if lang in INFLECTING_LANGUAGES:
        parts = [_strip_case_ending(part) for part in parts]
    if not parts:
        return
    if lang == "vi" and len(parts) == 1 and _is_vietnamese(span[0]):
        # Mid-sentence capitals in Vietnamese also start titles and offices ("Bộ trưởng",
        # "Tổng thống"); a lone Vietnamese syllable counts only as a country ("Nga", "Mỹ").
        return
    calendar = calendar_words(lang)
    if len(parts) == 1 or not tokenwise:
        whole = " ".join(parts)
        if whole not in calendar:
            keys[whole] += 1
        return
    # Each word of a longer name is a key of its own: "Anton Siluanov", "Finance Minister
    # Siluanov" and "Силуанов" then meet on "siluanov", whatever titles and first names come.
    keys.update(part for part in parts if len(part) >= 3 and part not in calendar)


def _emit_caseless(words: list[_Word], start: int, lang: str, keys: Counter[str]) -> int:
    # Scripts without case (Arabic, Hebrew) give no capitals to go by: only country names,
    # which the gazetteer knows in every script, are taken.
    for length in range(min(3, len(words) - start), 0, -1):
        part = words[start : start + length]
        if any(w.kind != "caseless" for w in part):
            continue
        if length > 1 and any(not w.joined for w in part[1:]):
            continue
        code = lookup_country(" ".join(w.key for w in part), lang)
        if code is None and length == 1:
            code = _arabic_country(part[0].surface)
        if code is not None:
            keys[country_key(code)] += 1
            return length
    return 1


def _arabic_country(surface: str) -> str | None:
    # Arabic glues conjunctions and prepositions to the word ("وروسيا", "and Russia") and
    # says "Russian" with an ending ("الروسية"); both are undone before giving up.
    candidates = [surface]
    if surface[0] in _PROCLITICS and len(surface) > 4:
        candidates.append(surface[1:])
    for candidate in candidates:
        code = lookup_country(normalize_name(candidate), "ar") if candidate != surface else None
        code = code or lookup_arabic_adjective(candidate)
        if code is not None:
            return code
    return None


def _match_form(key: str) -> str:
    if key.startswith(COUNTRY_PREFIX):
        return key
    return " ".join(inflection_stem(part) for part in key.split())


def key_weights(documents: Iterable[Counter[str]]) -> dict[str, float]:
    """Inverse document frequency of every key over ``documents``: rare names weigh more."""
    frequency: Counter[str] = Counter()
    total = 0
    for keys in documents:
        total += 1
        frequency.update(set(keys))
    return {key: math.log((1 + total) / (1 + count)) + 1.0 for key, count in frequency.items()}


def name_similarity(
    a: Mapping[str, int], b: Mapping[str, int], weights: Mapping[str, float] | None = None
) -> float:
    """Cosine of two key counters, 0..1 (1: the same names in the same proportions).

    Counts are damped (``log1p``) and keys compared with case endings folded ("putina" meets
    "putin"); ``weights`` (e.g. :func:`key_weights`) makes common keys count less, a key it
    lacks weighing as much as its rarest one.
    """
    default = max(weights.values(), default=1.0) if weights else 1.0
    left, right = (_weighted(keys, weights, default) for keys in (a, b))
    shared = sum(value * right[form] for form, value in left.items() if form in right)
    norm = math.sqrt(sum(v * v for v in left.values()) * sum(v * v for v in right.values()))
    return shared / norm if norm > 0 else 0.0


def _weighted(
    keys: Mapping[str, int], weights: Mapping[str, float] | None, default: float
) -> dict[str, float]:
    vector: dict[str, float] = {}
    for key, count in keys.items():
        weight = weights.get(key, default) if weights else 1.0
        form = _match_form(key)
        vector[form] = vector.get(form, 0.0) + weight * math.log1p(count)
    return vector
