"""Quantities written in digits, read in the digit style of each language.

``700.000`` is seven hundred thousand in Vietnamese, German, Spanish, Turkish or Polish;
``700,000`` in English; ``700 000`` in French or Polish. Scale words that follow are folded
into the value (``2,2 triệu`` → 2 200 000, ``300 nghìn`` → 300 000, ``1,5 nghìn tỷ`` →
1.5e12, ``3万`` → 30 000), and so are scale letters glued to the digits before a noun or
after a currency symbol (``12M acres``, ``3B people``, ``$40B``; ``100m`` stays metres);
percentages are marked. Years (1900-2100 standing alone), dates (``15 August``, ``3 de
julio``, ``15 ene``: the month names of the language), clock times, phone-like numbers,
ordinals and codes (``COVID-19``, ``A320``, ``5G``, ``Long March 5B``) are skipped. Numbers
written as words ("three", "hai") are not read.

How one separator between digits is read:

- two separators of one kind (``1.234.567``), or grouping plus a different last mark
  (``1.234,5``, ``1,234.5``): grouping, the different last mark being the decimal one;
- a single separator followed by other than three digits (``2.2``, ``2,25``): decimal;
- a single separator followed by exactly three digits (``700.000``, ``700,000``): thousands
  in every language. Grouping is how such numbers are written; a decimal with three places is
  rare in news, and machine translation into English often keeps the source's dots, so
  ``700.000 people`` in English text reads as 700 000. Two exceptions read it as a decimal:
  a leading ``0`` (``0.125``), and, before a scale word, the language's own decimal mark
  (``1.234 million`` in English, ``2,125 tỷ`` in Vietnamese).

>>> [q.value for q in numbers("Khoảng 700.000 người, tăng 2,5% so với năm 2015", "vi")]
[700000.0, 2.5]
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from storyweave.represent.names import NOUN_CAPITALISING

from .number_words import (
    CJK_SCALES,
    COMMA_DECIMAL_LANGUAGES,
    CURRENCIES,
    DATE_OR_RANK_BEFORE,
    EN_SCALES,
    GLUED_MONEY_SCALES,
    GLUED_SCALE_LETTERS,
    GLUED_SCALES,
    GRADE_BEFORE_K,
    MONTHS,
    ORDINAL_SUFFIXES,
    PERCENT_SIGNS,
    PERCENT_WORDS,
    SCALES,
    SPACE_GROUPING_LANGUAGES,
    TIME_WORDS,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a text.

    ``text`` is the number as written with the scale words and percent sign after it;
    ``start``/``end`` are its offsets in the text. ``unit`` is ``"%"`` for percentages, else
    a currency symbol written just before the number, else the word right after it
    (case-folded: "people", "người", "usd"), else ``None``. ``scaled`` tells that a scale
    word ("million", "triệu") was folded into ``value``.
    """

    value: float
    text: str
    start: int
    end: int
    unit: str | None = None
    scaled: bool = False

    @property
    def is_percent(self) -> bool:
        """Whether this quantity is a percentage."""
        return self.unit == "%"


#: Whole numbers below this, with no scale word or percent, are too common to match
#: articles on (counts of two or three, list items).
SIGNIFICANT_MINIMUM = 10


# Digits of other scripts read as ASCII, one character for one so that offsets hold.
_DIGITS = str.maketrans(
    {
        **{chr(base + i): str(i) for base in (0x0660, 0x06F0, 0x0966, 0xFF10) for i in range(10)},
        "\u066b": ".",
        "\u066c": ",",
    }
)
_SPACES = " \u00a0\u202f\u2009"
_NUMBER_PATTERN = (
    r"(?<![\d.,])(?:"
    r"(?P<lead>\d{{1,3}})(?P<sep>[.,'\u2019\u00a0\u202f\u2009{space}])\d{{3}}(?:(?P=sep)\d{{3}})*"
    r"(?:(?P<mark>[.,])(?P<fraction>\d+))?"
    r"|(?P<plain>\d+)(?:[.,](?P<decimals>\d+))?"
    r")(?![\d])"
)
_DATE_OR_TIME = re.compile(
    r"(?<!\d)(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}/\d{1,2}|\d{1,2}[:h]\d{2})(?!\d)"
)
_WORD = re.compile(r"[^\W\d_]+(?:\.(?=[\s,;)]|$))?")
_GLUED = re.compile(r"[^\W\d_]+")
# What may stand between a day and its month: "15 August", "15. August", "15, tháng".
_DATE_GAP = re.compile(r"\.?[ \u00a0]?")
# A day linked to its month by "de" (Spanish, Portuguese, Catalan): "3 de julio de 2006".
_DE_MONTH = re.compile(r"[ \u00a0]de[ \u00a0]+([^\W\d_]+)", re.IGNORECASE)
# The word right before a number, without the quote or bracket that opens it ("(Jan 1)").
_LAST_WORD = re.compile(r"[^\W\d_]+$")
# A noun after a glued scale letter: a space, then a word ("12M acres").
_NOUN_AFTER = re.compile(r"[ \u00a0]([^\W\d_])")


def numbers(text: str, lang: str) -> list[Quantity]:
    """Return the quantities written in digits in ``text`` (language ``lang``), in order.

    >>> [(q.value, q.unit) for q in numbers("2.2 million people fled on 15 August", "en")]
    [(2200000.0, 'people')]
    """
    language = lang.lower().split("-", 1)[0] if lang else ""
    readable = text.translate(_DIGITS)
    # Dates and times found apart, in order and not overlapping: a number inside one is skipped.
    skipped = [m.span() for m in _DATE_OR_TIME.finditer(readable)]
    starts = [span[0] for span in skipped]
    found: list[Quantity] = []
    for match in _number_pattern(language in SPACE_GROUPING_LANGUAGES).finditer(readable):
        start = match.start()
        inside = bisect.bisect_right(starts, start) - 1
        if inside >= 0 and start < skipped[inside][1]:
            continue
        quantity = _read(text, readable, match, language)
        if quantity is not None:
            found.append(quantity)
    return found


def number_keys(text: str, lang: str) -> set[str]:
    """Return one key per significant quantity, equal across languages and digit styles.

    >>> number_keys("300,000 people", "en") == number_keys("300 nghìn người", "vi")
    True
    """
    return {quantity_key(q) for q in numbers(text, lang) if is_significant(q)}


def quantity_key(quantity: Quantity) -> str:
    """Return the value rounded to two significant digits, ``%`` after a percentage.

    >>> quantity_key(Quantity(2_240_000.0, "2,24 triệu", 0, 10, None, True))
    '2200000'
    """
    rounded = float(f"{quantity.value:.2g}")
    written = str(int(rounded)) if rounded.is_integer() else repr(rounded)
    return written + "%" if quantity.is_percent else written


def is_significant(quantity: Quantity) -> bool:
    """Whether a quantity is specific enough to match articles on."""
    if quantity.is_percent or quantity.scaled or not quantity.value.is_integer():
        return True
    return quantity.value >= SIGNIFICANT_MINIMUM


@lru_cache(maxsize=2)
def _number_pattern(space_grouping: bool) -> re.Pattern[str]:
    return re.compile(_NUMBER_PATTERN.format(space=" " if space_grouping else ""))


def _read(text: str, readable: str, match: re.Match[str], language: str) -> Quantity | None:
    start, end = match.span()
    if _is_code(readable, start, end, language):
        return None
    scale, after = _scale_after(readable, start, end, language)
    value = _value(match, language, scaled=scale != 1.0)
    # A run of hundreds of digits is no quantity (and reads as infinity).
    if value is None or not math.isfinite(value * scale):
        return None
    percent_end = _percent_after(readable, after)
    percent = percent_end is not None or _percent_before(readable, start)
    if percent_end is not None:
        after = percent_end
    if scale == 1.0 and not percent and _is_date_time_or_rank(readable, match, language):
        return None
    unit = "%" if percent else _currency_before(readable, start) or _word_after(readable, after)
    return Quantity(value * scale, text[start:after], start, after, unit, scale != 1.0)


def _value(match: re.Match[str], language: str, scaled: bool) -> float | None:
    plain = match.group("plain")
    if plain is not None:
        decimals = match.group("decimals")
        if decimals is None:
            # Zero-padded digits are phone prefixes, codes or identifiers, not amounts.
            return None if len(plain) > 1 and plain.startswith("0") else float(plain)
        return float(f"{plain}.{decimals}")
    separator = match.group("sep")
    mark = match.group("mark")
    grouped = match.group(0)
    whole = grouped[: match.start("mark") - match.start()] if mark else grouped
    digits = re.sub(r"\D", "", whole)
    if mark is not None:
        if mark == separator:
            return None  # "1.234.5": no reading is safe
        return float(f"{digits}.{match.group('fraction')}")
    single = whole.count(separator) == 1
    if (
        single
        and separator in ".,"
        and _reads_as_decimal(match.group("lead"), separator, language, scaled)
    ):
        return float(whole.replace(separator, "."))
    return float(digits)


def _reads_as_decimal(lead: str, separator: str, language: str, scaled: bool) -> bool:
    if lead.startswith("0"):
        return True
    decimal_mark = "," if language in COMMA_DECIMAL_LANGUAGES else "."
    return scaled and separator == decimal_mark


def _is_code(readable: str, start: int, end: int, language: str) -> bool:
    """Digits glued to letters, chained by hyphens and slashes or by single spaces."""
    if _digit_beside(readable, start, end):
        return True  # 0912 345 678, "in 2015 200": a phone number or a bare list
    before = readable[max(0, start - 2) : start]
    if before[-1:].isalpha() or (before[-1:] in ("-", "/") and before[:1].isalnum()):
        return True  # A320, COVID-19, F-16
    following = readable[end : end + 2]
    if following[:1] in ("-", "/") and following[1:2].isdigit():
        return True  # 0912-345-678, 3/4
    glued = _GLUED.match(readable, end)
    if glued is None:
        return False
    word = glued.group()
    lowered = word.casefold()
    if lowered in GLUED_SCALES or lowered in GLUED_MONEY_SCALES or word[0] in CJK_SCALES:
        return False
    if _glued_letter_scale(readable, start, end, glued, language) is not None:
        return False  # "3B people", "$40B"
    # Upper case after digits is a code ("5G", "3D"); known endings are ordinals ("3rd").
    return word[0].isupper() or lowered in ORDINAL_SUFFIXES


def _digit_beside(readable: str, start: int, end: int) -> bool:
    before = readable[max(0, start - 2) : start]
    after = readable[end : end + 2]
    return (len(before) == 2 and before[1] in _SPACES and before[0].isdigit()) or (
        len(after) == 2 and after[0] in _SPACES and after[1].isdigit()
    )


def _scale_after(readable: str, start: int, end: int, language: str) -> tuple[float, int]:
    """Multiply the scale marks and words after the number; return it and where they end."""
    scale = 1.0
    position = end
    while readable[position : position + 1] in CJK_SCALES and position < len(readable):
        scale *= CJK_SCALES[readable[position]]
        position += 1
    glued = _GLUED.match(readable, position) if position == end else None
    if glued is not None:
        word = glued.group().casefold()
        factor = GLUED_SCALES.get(word)
        if factor is None and _currency_before(readable, start):
            factor = GLUED_MONEY_SCALES.get(word)
        if factor is None:
            factor = _glued_letter_scale(readable, start, end, glued, language)
        if factor is not None:
            scale, position = factor, glued.end()
    words = _scale_words(language)
    while readable[position : position + 1] in _SPACES and position < len(readable):
        match = _WORD.match(readable, position + 1)
        if match is None:
            break
        factor = words.get(match.group().casefold().rstrip("."))
        if factor is None:
            break
        scale *= factor
        position = match.end()
    return scale, position


def _glued_letter_scale(
    readable: str, start: int, end: int, glued: re.Match[str], language: str
) -> float | None:
    """The scale of a letter glued to the digits ("12M acres", "$3B"), or ``None``."""
    factor = GLUED_SCALE_LETTERS.get(glued.group())
    if factor is None or _currency_before(readable, start):
        return factor
    noun = _NOUN_AFTER.match(readable, glued.end())
    if noun is None or (noun.group(1).isupper() and language not in NOUN_CAPITALISING):
        return None  # "Apartment 3B.", "8M Lanzarote": a code or a name
    digits = readable[start:end]
    if factor == 1e3 and digits.isdigit() and int(digits) <= GRADE_BEFORE_K:
        return None
    return None if _name_before(readable, start) else factor


def _name_before(readable: str, start: int) -> bool:
    """Whether a capitalised word that does not open its sentence stands right before
    ``start`` ("Long March 5B"; not "About 12M acres")."""
    head = readable[max(0, start - 60) : start]
    if not head.endswith(tuple(_SPACES)):
        return False
    words = head.split()
    if len(words) < 2 or not words[-1][:1].isupper():
        return False
    return not words[-2].endswith((".", "!", "?", ":", '"', "”"))


@lru_cache(maxsize=64)
def _scale_words(language: str) -> dict[str, float]:
    return {**EN_SCALES, **SCALES.get(language, {})}


def _percent_after(readable: str, end: int) -> int | None:
    gap = 1 if readable[end : end + 1] in _SPACES and end < len(readable) else 0
    position = end + gap
    if readable[position : position + 1] in PERCENT_SIGNS:
        return position + 1
    if not gap:
        return None
    following = readable[position : position + 12].casefold()
    for word in PERCENT_WORDS:
        if following.startswith(word):
            tail = _GLUED.match(readable, position + len(word))
            return tail.end() if tail is not None else position + len(word)
    return None


def _percent_before(readable: str, start: int) -> bool:
    before = readable[max(0, start - 7) : start]
    # "%15" is written without a space (Turkish); "yüzde 15" with one.
    return before.endswith(PERCENT_SIGNS) or before.rstrip(_SPACES).casefold().endswith(
        ("yüzde", "yuzde")
    )


def _is_date_time_or_rank(readable: str, match: re.Match[str], language: str) -> bool:
    plain = match.group("plain")
    # Years have four digits and days two: a longer run is neither (nor turned into an int).
    if plain is None or match.group("decimals") is not None or len(plain) > 4:
        return False
    value = int(plain)
    if len(plain) == 4 and 1900 <= value <= 2100:
        return True
    if value > 31:
        return False
    start, end = match.span()
    gap = _DATE_GAP.match(readable, end)
    following = readable[gap.end() if gap else end : end + 16].casefold()
    if following.startswith(("a.m", "p.m")):
        return value <= 12
    months = _month_words(language)
    next_word = _WORD.match(following)
    if next_word is not None:
        word = next_word.group().rstrip(".")
        if word in months or (value <= 24 and word in TIME_WORDS):
            return True
    linked = _DE_MONTH.match(readable, end)
    if linked is not None and linked.group(1).casefold() in months:
        return True
    previous = readable[max(0, start - 12) : start].rstrip(_SPACES + ".").casefold()
    last_word = _LAST_WORD.search(previous)
    return last_word is not None and (
        last_word.group() in months or last_word.group() in DATE_OR_RANK_BEFORE
    )


@lru_cache(maxsize=64)
def _month_words(language: str) -> frozenset[str]:
    """Month names of many languages, and those of ``language`` in full and abbreviated, as
    case-folded words of three letters or more ("julio", "ene", "tháng")."""
    try:
        months = Locale.parse(language).months if language else {}
    except (ValueError, LookupError, UnknownLocaleError):
        return MONTHS
    names: set[str] = set(MONTHS)
    for widths in months.values():
        for width in ("wide", "abbreviated"):
            for name in widths.get(width, {}).values():
                names.update(re.findall(r"[^\W\d_]{3,}", name.casefold()))
    return frozenset(names)


def _currency_before(readable: str, start: int) -> str | None:
    before = readable[max(0, start - 2) : start].rstrip(_SPACES)
    return before[-1] if before[-1:] and before[-1] in CURRENCIES else None


def _word_after(readable: str, end: int) -> str | None:
    position = end + 1 if readable[end : end + 1] in _SPACES and end < len(readable) else end
    match = _WORD.match(readable, position)
    return match.group().rstrip(".").casefold() if match is not None else None
