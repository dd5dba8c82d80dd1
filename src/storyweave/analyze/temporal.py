"""Temporal expressions: what dates an action in a sentence, and the day it points to.

A sentence is searched for explicit dates ("15 August 2016", "ngày 15/8", "le 15 août"),
weekday names ("said Monday", "thứ Hai", "el lunes") and relative days ("yesterday", "hôm qua",
"hier", "gestern"). Rules cover en, vi, fr, es and de (see :mod:`.temporal_words`); sentences in
other languages go through dateparser's search, whose matches are kept only when they are a
weekday, a relative day or a date written with digits.

An expression is resolved against an *anchor* day: the text's own publication day or, when it
has none, another day the caller knows it to be near:

- a weekday is the most recent such day on or before the anchor (news reports past events);
  "last Monday" is strictly before it, "thứ Hai tuần trước" in the week before;
- a relative day ("yesterday") needs the text's own publication day and is left unresolved
  otherwise: how far back it points depends on exactly when the text was written;
- a date without a year takes the year that puts it nearest to the anchor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

from .date_patterns import (
    WEEKDAY_KEYS,
    base_language,
    date_patterns,
    locale_info,
    month_key,
    name_pattern,
)
from .dates import find_dates
from .sentences import split_sentences
from .temporal_words import (
    GERMAN_DAYTIME,
    VIETNAMESE_DAY_NUMBER,
    VIETNAMESE_WEEKDAY,
    TemporalWords,
    fold,
    has_temporal_words,
    temporal_words,
    words_pattern,
)

Kind = Literal["date", "weekday", "relative", "period"]
#: What an expression was resolved against: nothing (``explicit``), the text's own publication
#: day (``published``), a day from elsewhere (``reference``), or no day at all (``none``).
Basis = Literal["explicit", "published", "reference", "none"]
#: ``said`` when the expression dates a speech verb, ``plan`` when it dates the future.
Role = Literal["said", "plan", ""]
Modifier = Literal["", "last", "previous week", "next"]

#: Sentences of a text in a language without rules that :func:`read_dates` asks dateparser
#: about: its search is slow and less sure, so only where news tells its event.
SEARCHED_SENTENCES = 6

_TIGHT = 12  # characters between a speech verb and the expression that bind them
_LOOSE = 30
# A day and month in numbers without a year: only after a word that makes it a date.
_NUMERIC_DAY_MONTH = re.compile(
    r"(?:(?<!\w)(?:ngày|hôm|sáng|trưa|chiều|tối|đêm|le|el|am|on|du|del)\s+|\()"
    r"(?P<first>[0-3]?\d)[/.](?P<second>[0-3]?\d)(?![\d/]|\.\d)",
    re.IGNORECASE,
)
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_NUMERIC_DAY = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}(?!\d)")
_DAY_NUMBER = re.compile(r"(?<!\d)[0-3]?\d(?!\d)")


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression at ``start:end`` of a sentence before it is resolved: ``value`` is the
    weekday (0 is Monday), the days back of a relative day, ``(year, month, day)`` or
    ``(month, day)``."""

    start: int
    end: int
    kind: Kind
    value: int | tuple[int, ...] | None
    modifier: Modifier = ""
    searched: bool = False  # found by dateparser's search, not by the language's rules


def read_dates(text: str, lang: str, published: str | None) -> list[tuple[str, str | None]]:
    """Every date expression in ``text`` with the ISO day it points to, given ``published``.

    >>> read_dates("Le ministre a déclaré lundi que l'accord était proche.", "fr", "2016-08-17")
    [('lundi', '2016-08-15')]
    >>> read_dates("Moscow hôm qua tuyên bố Nga và Mỹ đang trên đà.", "vi", "2016-08-16")
    [('hôm qua', '2016-08-15')]
    """
    anchor = publication_day(published)
    basis: Basis = "published" if anchor else "none"
    language = base_language(lang)
    read: list[tuple[str, str | None]] = []
    for number, sentence in enumerate(split_sentences(text, lang)):
        search = number < SEARCHED_SENTENCES
        for expression in find_expressions(sentence, language, anchor, use_dateparser=search):
            day, _, _ = resolve_expression(expression, anchor, basis)
            expression_text = sentence[expression.start : expression.end]
            read.append((expression_text, day.isoformat() if day else None))
    return read


def publication_day(published: str | None) -> date | None:
    """The calendar day of an ISO timestamp as written: the day "yesterday" is relative to."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def find_expressions(
    sentence: str, language: str, anchor: date | None, *, use_dateparser: bool = True
) -> list[DateExpression]:
    """The date expressions of one sentence in ``language`` (a base code), left to right.

    A language without rules is read by dateparser's search against ``anchor``, unless
    ``use_dateparser`` is false: then it has none.
    """
    if has_temporal_words(language):
        return _ruled_expressions(sentence, language)
    return _searched(sentence, language, anchor) if use_dateparser else []


def resolve_expression(
    expression: DateExpression, anchor: date | None, basis: Basis
) -> tuple[date | None, Basis, str]:
    """The day an expression points to, what it was read against, and why not when it is not.

    ``basis`` says what ``anchor`` is: the text's own day (``published``) or another.
    """
    value = expression.value
    if expression.kind == "period":
        return None, basis, "a period, not a day"
    if expression.kind == "date" and isinstance(value, tuple) and len(value) == 3:
        return date(*value), "explicit", ""
    if anchor is None:
        return None, "none", "no publication date in the story"
    if expression.kind == "date" and isinstance(value, tuple):
        return _nearest_year(value[0], value[1], anchor), basis, "year from the publication date"
    if not isinstance(value, int):
        return None, basis, ""
    if expression.kind == "relative":
        if basis != "published":
            return None, basis, "needs the article's own date"
        return anchor - timedelta(days=value), basis, ""
    back = (anchor.weekday() - value) % 7
    if expression.modifier == "next":
        return anchor + timedelta(days=(value - anchor.weekday()) % 7 or 7), basis, ""
    if expression.modifier == "previous week":
        back = anchor.weekday() + 7 - value
    elif expression.modifier == "last" and back == 0:
        back = 7
    return anchor - timedelta(days=back), basis, ""


def expression_role(sentence: str, expression: DateExpression, language: str) -> Role:
    """``"said"`` when the expression dates a speech verb, ``"plan"`` when the future, or ``""``."""
    # "next Monday" is announced, whatever verb stands beside it.
    if expression.modifier == "next":
        return "plan"
    if not has_temporal_words(language):
        return ""
    words = temporal_words(language)
    before = sentence[max(0, expression.start - _LOOSE) : expression.start]
    after = sentence[expression.end : expression.end + _LOOSE]

    def near(pattern: re.Pattern[str], reach_before: int, reach_after: int) -> bool:
        close_before = any(m.end() >= len(before) - reach_before for m in pattern.finditer(before))
        close_after = any(m.start() <= reach_after for m in pattern.finditer(after))
        return close_before or close_after

    if near(words.said, _TIGHT, _TIGHT):
        return "said"
    if near(words.future, 25, 15):
        return "plan"
    return "said" if near(words.said, _LOOSE, _LOOSE) else ""


def _ruled_expressions(sentence: str, language: str) -> list[DateExpression]:
    """The date expressions of one sentence by the language's rules, left to right."""
    found: list[DateExpression] = []

    def add(expression: DateExpression) -> None:
        if not any(expression.start < f.end and f.start < expression.end for f in found):
            found.append(expression)

    for full in find_dates(sentence, language):
        when = (full.day.year, full.day.month, full.day.day)
        add(DateExpression(full.start, full.end, "date", when))
    months = date_patterns(language).months
    for pattern in _day_month_patterns(language):
        for match in pattern.finditer(sentence):
            # English and German months have capitals: "troops march 5 miles" is no date.
            if language in ("en", "de") and match["month"][0].islower():
                continue
            month = months.get(month_key(match["month"]))
            if month is not None:
                add(DateExpression(match.start(), match.end(), "date", (month, int(match["day"]))))
    month_first = date_patterns(language).date_order == "MDY"
    for match in _NUMERIC_DAY_MONTH.finditer(sentence):
        day, month = int(match["first"]), int(match["second"])
        if month_first or month > 12:
            day, month = month, day
        if 1 <= month <= 12:
            start = match.start("first") if match[0].startswith("(") else match.start()
            add(DateExpression(start, match.end(), "date", (month, day)))
    words = temporal_words(language)
    for start, end, weekday in _weekdays(sentence, language):
        add(_qualified(sentence, start, end, weekday, words))
    for match in words.relative.finditer(sentence):
        add(DateExpression(match.start(), match.end(), "relative", words.days[fold(match[0])]))
    for match in words.days_ago.finditer(sentence):
        add(DateExpression(match.start(), match.end(), "relative", int(match[1])))
    for match in words.periods.finditer(sentence):
        add(DateExpression(match.start(), match.end(), "period", None))
    return sorted(found, key=lambda f: f.start)


def _weekdays(sentence: str, language: str) -> Iterator[tuple[int, int, int]]:
    """Spans of weekday names in ``sentence`` and their numbers (0 is Monday)."""
    words = temporal_words(language)
    for match in words.weekday.finditer(sentence):
        name = match[0]
        # French and Spanish write weekdays in lower case: a capital inside a sentence is a
        # name ("Plácido Domingo", "Mardi Gras").
        if language in ("fr", "es") and name[0].isupper() and sentence[: match.start()].strip():
            continue
        yield match.start(), match.end(), words.days[fold(GERMAN_DAYTIME.sub("", name))]
    if language == "vi":
        for match in VIETNAMESE_WEEKDAY.finditer(sentence):
            word = match["day"]
            # "lần thứ hai", "vị trí thứ 4", "ngày thứ 4" are ordinals ("the second time", …):
            # a weekday has its capital ("thứ Hai"), a cue ("hôm thứ 2") or a date after it.
            if not (word[0].isupper() or match["cue"] or match["dated"]):
                continue
            number = int(word) - 2 if word.isdigit() else VIETNAMESE_DAY_NUMBER[word.lower()]
            yield match.start(), match.end("day"), number


def _qualified(
    sentence: str, start: int, end: int, weekday: int, words: TemporalWords
) -> DateExpression:
    """The weekday at ``start:end`` with the "last"/"next" words around it in its span."""
    modifiers: tuple[tuple[Modifier, re.Pattern[str] | None, re.Pattern[str] | None], ...] = (
        ("last", words.last_before, words.last_after),
        ("next", words.next_before, words.next_after),
    )
    for modifier, before, after in modifiers:
        preceding = before.search(sentence, 0, start) if before else None
        if preceding is not None:
            return DateExpression(preceding.start(), end, "weekday", weekday, modifier)
        following = after.match(sentence, end) if after else None
        if following is not None:
            # Vietnamese "thứ Hai tuần trước" is the Monday of the week before.
            if "tuần" in following[0]:
                modifier = "previous week"
            return DateExpression(start, following.end(), "weekday", weekday, modifier)
    preposition = words.preposition.search(sentence, 0, start) if words.preposition else None
    start = preposition.start() if preposition else start
    return DateExpression(start, end, "weekday", weekday)


def _searched(sentence: str, language: str, anchor: date | None) -> list[DateExpression]:
    """dateparser's finds in a sentence of a language without rules, where they are reliable:
    a weekday name, "yesterday"-like words, or a date written with digits and a month."""
    info = locale_info(language)
    if info is None:
        return []
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    try:
        results = search_dates(sentence, languages=[language], settings=settings) or []
    except Exception:  # dateparser raises assorted errors on odd input; a missed date is fine
        return []
    weekdays = _searched_words(language, "weekdays")
    relative = _searched_words(language, "relative")
    found: list[DateExpression] = []
    position = 0
    for fragment, moment in results:
        start = sentence.find(fragment, position)
        if start < 0:
            continue
        position = end = start + len(fragment)
        words = fold(fragment)
        weekday = next((n for w, n in weekdays.items() if re.search(words_pattern(w), words)), None)
        if weekday is not None:
            found.append(DateExpression(start, end, "weekday", weekday, searched=True))
        elif words in relative:
            found.append(DateExpression(start, end, "relative", relative[words], searched=True))
        elif _names_a_day(fragment, language):
            when = (moment.month, moment.day)
            full = (moment.year, *when) if _FOUR_DIGITS.search(fragment) else when
            found.append(DateExpression(start, end, "date", full, searched=True))
    return found


def _names_a_day(fragment: str, language: str) -> bool:
    """Whether dateparser's find is a day written out ("15 sierpnia", "15.08"), not a year or
    an age ("2020 rok", "39 lat temu")."""
    if _NUMERIC_DAY.search(fragment):
        return True
    words = fold(fragment)
    months = date_patterns(language).months
    return bool(_DAY_NUMBER.search(words)) and any(
        re.search(words_pattern(name), words) for name in months if len(name) >= 3
    )


@lru_cache(maxsize=64)
def _searched_words(language: str, which: str) -> dict[str, int]:
    """Weekday names or relative days ("yesterday") of ``language`` from dateparser's data."""
    info = locale_info(language) or {}
    if which == "weekdays":
        # Only the full name: short forms are often words ("segunda" is also "second").
        return {
            fold(max(info[key], key=len)): number
            for number, key in enumerate(WEEKDAY_KEYS)
            if info.get(key)
        }
    relative: dict[str, list[str]] = info.get("relative-type", {})
    return {
        fold(phrase): days
        for days, key in enumerate(("0 day ago", "1 day ago", "2 day ago"))
        for phrase in relative.get(key, [])
    }


def _nearest_year(month: int, day: int, anchor: date) -> date | None:
    """The latest such day up to a week after ``anchor``: news reports past events."""
    for year in (anchor.year + 1, anchor.year, anchor.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= anchor + timedelta(days=7):
            return candidate
    return None


@lru_cache(maxsize=64)
def _day_month_patterns(language: str) -> tuple[re.Pattern[str], ...]:
    """A day and a month name without a year ("15 août", "August 15", "am 15. August")."""
    months = date_patterns(language).months
    names = sorted((n for n in months if len(n) >= 3), key=len, reverse=True)
    # The dot of "Aug. 15", not the full stop of "… on 15 Aug."
    month = "(?P<month>" + "|".join(name_pattern(n) for n in names) + r")(?:\.(?=\s+\d))?"
    no_year = r"(?!\s*,?\s*(?:de\s+|del\s+|năm\s+)?\d{4})"
    return (
        re.compile(
            rf"(?<![\d/.])(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?\s*(?:of\s+|de\s+)?"
            rf"{month}{no_year}",
            re.IGNORECASE,
        ),
        re.compile(rf"{month}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d/]|\.\d){no_year}", re.I),
    )
