"""Datelines: bylines with a date, "Published: …" lines, bare dates, and agency datelines.

Only recognition lives here; parsing the date itself is the analysis stage's job.
"""

# Typographic quotes, dashes and letters of many scripts are what these rules look for.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import regex

from .lexicon import BYLINE_WORDS, DATE_GLUE, DATELINE_LABELS, MONTHS, WEEKDAYS, phrase_pattern

DATELINE_MAX_TOKENS = 25
DATELINE_MAX_CHARS = 200
DATE_ONLY_MAX_TOKENS = 10
#: Letters a dateline's place has at least, unless a region follows it ("NY, N.Y.").
MIN_PLACE_LETTERS = 4
#: Words of a place in capitals that stands alone before the dash ("PORT SAINT LUCIE —").
BARE_PLACE_MAX_WORDS = 3

_NUMERIC_DATE = regex.compile(r"(?<!\d)\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?(?!\d)")
_TIME = regex.compile(r"(?<!\d)\d{1,2}[:h]\d{2}(?::\d{2})?(?!\d)")
_DATE_TOKEN = regex.compile(
    r"(?i)\(?(?:\d{1,4}(?:st|nd|rd|th|\.|r\.)?|\d{1,4}(?:[/.:\-]\d{1,4}){1,2}"
    r"|\d{1,2}[:h]\d{2}|(?:gmt|utc)[+\-−]?\d{0,2}(?::?\d{2})?)\)?[,.]?"
)
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_LABEL = regex.compile(
    r"(?i)^\W{0,3}" + phrase_pattern(DATELINE_LABELS) + r"(?:\s+(?:on|am|le|el|il|lúc|vào))?\s*:?"
)
_BYLINE = regex.compile(
    r"^\W{0,3}(?:"
    + "|".join(regex.escape(word) for word in sorted(BYLINE_WORDS, key=len, reverse=True))
    + r")\b",
    regex.IGNORECASE,
)
_SEPARATOR = regex.compile(r"[·•|]")
# "PARIS (Reuters) -", "JUNEAU, Alaska —", "TAMPA, Fla. (AP) --", "HÀ NỘI, 12/3 (TTXVN) –",
# "BERLÍN.-": a place in capitals, an optional region (abbreviated, too) or date, an optional
# agency in brackets, then a dash (or two hyphens), or the full stop and hyphen of
# Spanish-language datelines.
_AGENCY_DATELINE = regex.compile(
    r"^(?P<place>\p{Lu}[\p{Lu}\p{M}'’.\- ]{2,40}?)"
    r"(?P<region>,\s[^,!?()\n]{1,30}?)?"
    r"(?P<agency>\s?\([^()\n]{2,30}\))?"
    r"(?:(?P<stop_dash>\.-)|\s?(?:--|[-–—]))\s"
)
# "(Bloomberg) --": an agency in brackets and a dash, with no place.
_AGENCY_ONLY = regex.compile(r"^\(\p{Lu}[^()\n]{1,29}\)\s?(?:--|[-–—])\s")


def has_date(text: str) -> bool:
    """Whether ``text`` holds something date-like: 12/3, 2016-08-15, 13:45, "15 August 2016"."""
    if _NUMERIC_DATE.search(text) or _TIME.search(text):
        return True
    words = {word.casefold() for word in _WORD.findall(text)}
    return bool(words & MONTHS) and bool(regex.search(r"\d", text))


def is_date_only(text: str) -> bool:
    """Whether a line is nothing but a date or time ("Wednesday 18, September 2019")."""
    tokens = text.split()
    if not tokens or len(tokens) > DATE_ONLY_MAX_TOKENS or not regex.search(r"\d", text):
        return False
    for token in tokens:
        word = token.strip(",.;()").casefold()
        if not word or word in MONTHS or word in WEEKDAYS or word in DATE_GLUE:
            continue
        if _DATE_TOKEN.fullmatch(token):
            continue
        return False
    return True


def is_byline(text: str) -> bool:
    """Whether a line opens with a byline word ("By …", "Por …") followed by a capitalised name."""
    match = _BYLINE.match(text)
    if not match:
        return False
    rest = text[match.end() :].lstrip(" :")
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit())


def is_dateline_line(text: str) -> bool:
    """Whether a whole line is a dateline: a byline or "Published:" label with a date."""
    if len(text) > DATELINE_MAX_CHARS or len(text.split()) > DATELINE_MAX_TOKENS:
        return False
    if not has_date(text):
        return False
    if is_byline(text) or _labelled_date(text):
        return True
    # "City Post · 3 of May 2019": a short label, a separator, then a date.
    return bool(_SEPARATOR.search(text)) and not text.rstrip(' "”’»)').endswith(".")


def _labelled_date(text: str) -> bool:
    """Whether a label ("Updated:", "Cập nhật") is followed by a colon or directly by a date."""
    match = _LABEL.match(text)
    if not match:
        return False
    if ":" in match.group():
        return True
    rest = text[match.end() :].split()
    first = rest[0].strip(",.").casefold() if rest else ""
    return bool(first) and (first[0].isdigit() or first in WEEKDAYS or first in MONTHS)


def agency_dateline(text: str, *, bare: bool = False) -> str | None:
    """The agency dateline that opens ``text`` ("PARIS (Reuters) -"), or ``None``. With
    ``bare``, a place in capitals and a dash alone is one too ("SYDNEY - A memorial …"):
    after a title, where an acronym rarely stands."""
    match = _AGENCY_DATELINE.match(text)
    if not match:
        agency_only = _AGENCY_ONLY.match(text)
        return str(agency_only.group()).rstrip() if agency_only else None
    place = match.group("place").strip()
    letters = [char for char in place if char.isalpha()]
    if any(char.islower() for char in letters):
        return None
    if len(letters) < (3 if match.group("region") else MIN_PLACE_LETTERS):
        # Three capitals and an agency are as often an acronym ending a title run into the
        # dateline: "… if His Party Exits EPP (Bloomberg) --".
        return None
    bare = bare and len(place.split()) <= BARE_PLACE_MAX_WORDS
    if not (bare or match.group("region") or match.group("agency") or match.group("stop_dash")):
        # A bare capitalised word and a dash is as often an acronym opening a sentence; a
        # full stop glued to the hyphen ("BERLÍN.-") is a dateline's own mark.
        return None
    return str(match.group()).rstrip()
