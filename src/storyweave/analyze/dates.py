"""Publication dates: parse the date an article was given, or find it in its dateline or text.

Dates are found by fast regular expressions (numeric forms, ISO, month names of the article's
language and English taken from dateparser's data, CJK ``年月日``); dateparser itself is only
asked about short strings none of them can read. Results are ISO-8601: ``2016-08-15`` when
only the day is known, ``2016-08-15T13:45:53`` (with ``+07:00`` when the offset is known) when
the time is too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from ..model import PublishedSource
from .date_patterns import DatePatterns, base_language, date_patterns, locale_info, month_key

#: The text is searched for a publication date only this far in: bylines and first paragraphs.
TEXT_WINDOW_CHARS = 600
#: A date more than this far in the future is an error, not a publication date.
FUTURE_TOLERANCE = timedelta(days=1)
EARLIEST_YEAR = 1900
#: Thai writes Buddhist-era years (2559 = 2016).
_BUDDHIST_ERA_OFFSET = 543

# Words before a date that mark it as the article's own stamp rather than an event it reports.
_STAMP_CUES = re.compile(
    r"(?:published|\bupdated?\b|posted|modified|\bdated?\b|\bby\b|[·|•]|cập nhật|ngày đăng|"
    r"đăng lúc|xuất bản|veröffentlicht|aktualisiert|\bstand:|publié|mis à jour|publicado|"
    r"actualizado|pubblicato|aggiornato|opublikowano|aktualizacja|yay\u0131nlanma|güncelleme|gepubliceerd|"
    r"bijgewerkt|опубликовано|обновлено|نشر|تحديث|发布|更新|公開|입력|수정)",
    re.IGNORECASE,
)
_STAMP_CUE_REACH = 50
_SHORT_LINE_CHARS = 80
# A date this close to the start of one of the first two paragraphs opens the article
# ("Ngày 15/8/2016, ...").
_LEADING_CHARS = 30
#: Least stamp score a date found in running text needs: one signal at least (a time, a cue
#: word, a line of its own, a weekday, the opening of a paragraph). A date in the middle of
#: prose with none of these is an event the article reports, often years before it.
MIN_TEXT_SCORE = 1

_TIME = (
    r"(?P<hour>[0-2]?\d)[:h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?(?:[.,]\d+)?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\.?(?![^\W\d_]))?"
    r"(?:\s*\(?(?P<zone>(?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|(?:Z|UTC|GMT)(?![^\W\d_]))\)?)?"
)
_TIME_AFTER = re.compile(
    r"\s*(?:[,|·\-\u2013\u2014T]|at|à|um|alle|a las|às|lúc|kl\.?)?\s*" + _TIME + r"(?!\d)",
    re.IGNORECASE,
)
_TIME_BEFORE = re.compile(
    r"(?<![\d:])" + _TIME + r"\s*(?:[,|·\-\u2013\u2014]|ngày)?\s*$", re.IGNORECASE
)
_ZONE_PARTS = re.compile(r"([+-])\s?(\d{1,2})(?::?(\d{2}))?")

_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)")
_YEAR_FIRST = re.compile(
    r"(?<![\d.])(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})(?![\d/])"
)
_NUMERIC = re.compile(
    r"(?<![\d/.])(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\d/])"
)
_NUMERIC_SHORT_YEAR = re.compile(
    r"(?<![\d/.])(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{2})(?![\d/.])"
)
_CJK = re.compile(
    r"(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日号일]?"
)
_VIETNAMESE = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\s+th(?:án)?g\s+(?P<month>\d{1,2})\s*(?:,|năm)?\s*(?P<year>\d{4})(?!\d)",
    re.IGNORECASE,
)
_RFC_2822 = re.compile(r"(?:[A-Za-z]{3},?\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
# How far from its year a date's day and month may stand ("Wednesday 15th of September, 2016",
# "2016年8月15日").
_BEFORE_YEAR = 45
_AFTER_YEAR = 25
_EPOCH = re.compile(r"\d{9,10}|\d{12,13}")
_HAS_TIME = re.compile(r"\d{1,2}[:h]\d{2}")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in a string: its span, the day and time it names, and how much it looks
    like a publication stamp."""

    start: int
    end: int
    day: date
    time: tuple[int, int, int] | None
    offset: timedelta | None
    score: int

    def iso(self) -> str:
        """The date as ISO-8601, with its time and offset where they are known."""
        if self.time is None:
            return self.day.isoformat()
        hour, minute, second = self.time
        moment = datetime(self.day.year, self.day.month, self.day.day, hour, minute, second)
        if self.offset is not None:
            moment = moment.replace(tzinfo=timezone(self.offset))
        return moment.isoformat()


def resolve_published(
    given: str | None, dateline: str | None, text: str, lang: str
) -> tuple[str | None, PublishedSource]:
    """Return the article's publication date as ISO-8601 and where it came from.

    Tries ``given`` (any parsable date string), then the ``dateline``, then a full date near
    the start of ``text``; ``(None, "unknown")`` when none has one.

    >>> resolve_published(None, "By The News · 15 of August 2016 13:45:53", "", "en")
    ('2016-08-15T13:45:53', 'dateline')
    """
    if given:
        parsed = parse_date(given, lang)
        if parsed is not None:
            return parsed, "given"
    if dateline:
        found = _best(find_dates(dateline, lang, short_years=True))
        parsed = found.iso() if found else _dateparser_search(dateline, lang)
        if parsed is not None:
            return parsed, "dateline"
    found = _best(find_dates(text[: TEXT_WINDOW_CHARS + 100], lang), before=TEXT_WINDOW_CHARS)
    if found is not None and found.score >= MIN_TEXT_SCORE:
        return found.iso(), "text"
    return None, "unknown"


def parse_date(value: str, lang: str | None = None) -> str | None:
    """Return ``value`` (ISO-8601, RFC 2822, "15 August 2016", epoch seconds …) as ISO-8601.

    ``None`` when it holds no full, plausible date (a year from 1900 up to tomorrow).

    >>> parse_date("Mon, 15 Aug 2016 13:45:53 +0300")
    '2016-08-15T13:45:53+03:00'
    >>> parse_date("15 tháng 8 năm 2016", "vi")
    '2016-08-15'
    """
    value = value.strip()
    if not value:
        return None
    if _EPOCH.fullmatch(value):
        seconds = int(value) / (1000 if len(value) > 10 else 1)
        return _checked_datetime(datetime.fromtimestamp(seconds, UTC), with_time=True)
    iso = _parse_iso(value)
    if iso is not None:
        return iso
    if _RFC_2822.match(value):
        try:
            rfc = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            rfc = None
        if rfc is not None:
            return _checked_datetime(rfc, with_time=True)
    found = _best(find_dates(value, lang or "", short_years=True), prefer_first=True)
    if found is not None:
        return found.iso()
    return _dateparser_parse(value, lang)


def _parse_iso(value: str) -> str | None:
    if not re.match(r"\d{4}-?\d{2}-?\d{2}(?:$|[T ])", value):
        return None
    try:
        moment = datetime.fromisoformat(value.replace(" ", "T", 1) if len(value) > 10 else value)
    except ValueError:
        return None
    return _checked_datetime(moment, with_time=len(value) > 10)


def _checked_datetime(moment: datetime, *, with_time: bool) -> str | None:
    if not _plausible(moment.date()):
        return None
    if not with_time:
        return moment.date().isoformat()
    if moment.tzinfo is not None and moment.utcoffset() == timedelta(0):
        moment = moment.astimezone(UTC)
    return moment.replace(microsecond=0).isoformat()


def _plausible(day: date) -> bool:
    latest = (datetime.now(UTC) + FUTURE_TOLERANCE).date()
    return day.year >= EARLIEST_YEAR and day <= latest


def _best(
    found: list[FoundDate], before: int | None = None, prefer_first: bool = False
) -> FoundDate | None:
    candidates = [f for f in found if before is None or f.start < before]
    if not candidates:
        return None
    if prefer_first:
        return min(candidates, key=lambda f: f.start)
    return max(candidates, key=lambda f: (f.score, -f.start))


def find_dates(text: str, lang: str, *, short_years: bool = False) -> list[FoundDate]:
    """Every full date (day, month and year) in ``text``, scored as a publication stamp."""
    if not text or not re.search(r"\d", text):
        return []
    language = base_language(lang)
    patterns = date_patterns(language)
    order = patterns.date_order
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], year: int, month: int, day: int) -> None:
        start, end = match.span()
        if any(start < e and s < end for s, e in taken):
            return
        if language == "th" and year > 2400:
            year -= _BUDDHIST_ERA_OFFSET
        try:
            when = date(year, month, day)
        except ValueError:
            return
        if not _plausible(when):
            return
        taken.append((start, end))
        found.append(_stamp(text, start, end, when, patterns))

    numeric = [(_NUMERIC, 0)] + ([(_NUMERIC_SHORT_YEAR, 2000)] if short_years else [])
    for low, high in _year_regions(text, whole=short_years):
        for pattern in (_ISO, _YEAR_FIRST, _CJK, _VIETNAMESE):
            for match in pattern.finditer(text, low, high):
                add(match, int(match["year"]), int(match["month"]), int(match["day"]))
        for pattern in patterns.named:
            for match in pattern.finditer(text, low, high):
                month = patterns.months.get(month_key(match["month"]))
                if month is not None:
                    add(match, int(match["year"]), month, int(match["day"]))
        for pattern, century in numeric:
            for match in pattern.finditer(text, low, high):
                first, second = int(match["first"]), int(match["second"])
                day, month = (second, first) if order == "MDY" else (first, second)
                if month > 12 and day <= 12:
                    day, month = month, day
                add(match, century + int(match["year"]), month, day)
    return found


def _year_regions(text: str, *, whole: bool) -> list[tuple[int, int]]:
    """Spans around each four-digit number: every full date has its year within them.

    Searching only there keeps the month-name patterns off most of the text.
    """
    if whole:
        return [(0, len(text))]
    regions: list[tuple[int, int]] = []
    for match in _FOUR_DIGITS.finditer(text):
        low = max(0, match.start() - _BEFORE_YEAR)
        high = min(len(text), match.end() + _AFTER_YEAR)
        if regions and low <= regions[-1][1]:
            regions[-1] = (regions[-1][0], high)
        else:
            regions.append((low, high))
    return regions


def _stamp(text: str, start: int, end: int, when: date, patterns: DatePatterns) -> FoundDate:
    """Attach the time written beside a date and score how much it looks like a stamp."""
    time_match = _TIME_AFTER.match(text, end) or _TIME_BEFORE.search(
        text, max(0, start - 30), start
    )
    time: tuple[int, int, int] | None = None
    offset: timedelta | None = None
    if time_match is not None:
        time, offset = _read_time(time_match)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    lead = text[max(line_start, start - _STAMP_CUE_REACH) : start]
    score = 2 * (time is not None) + 2 * bool(_STAMP_CUES.search(lead))
    score += line_end - line_start <= _SHORT_LINE_CHARS
    opens_text = sum(1 for line in text[:line_start].splitlines() if line.strip()) < 2
    score += opens_text and start - line_start <= _LEADING_CHARS
    score += bool(patterns.weekday and patterns.weekday.search(lead))
    return FoundDate(start, end, when, time, offset, score)


def _read_time(match: re.Match[str]) -> tuple[tuple[int, int, int] | None, timedelta | None]:
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    ampm = (match["ampm"] or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > 23:
        return None, None
    zone = (match["zone"] or "").upper().replace(" ", "")
    offset: timedelta | None = None
    if zone in {"Z", "UTC", "GMT"}:
        offset = timedelta(0)
    elif zone:
        parts = _ZONE_PARTS.search(zone)
        if parts is not None:
            hours, minutes = int(parts[2]), int(parts[3] or 0)
            if hours <= 14 and minutes < 60:
                sign = -1 if parts[1] == "-" else 1
                offset = sign * timedelta(hours=hours, minutes=minutes)
    return (hour, minute, second), offset


def _dateparser_languages(lang: str | None) -> list[str] | None:
    if not lang:
        return None
    code = base_language(lang)
    return [code, "en"] if code != "en" and locale_info(code) is not None else ["en"]


def _dateparser_settings(lang: str | None) -> dict[str, Any]:
    info = locale_info(base_language(lang or ""))
    order = str(info.get("date_order", "DMY")) if info else "DMY"
    return {
        "DATE_ORDER": order,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
        # "2 days ago" depends on when it was read, not on the article: not a date it carries.
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    }


def _dateparser_parse(value: str, lang: str | None) -> str | None:
    """dateparser's reading of a short string that the fast patterns could not read."""
    if len(value) > 200 or not re.search(r"\d", value):
        return None
    import dateparser

    try:
        moment = dateparser.parse(
            value, languages=_dateparser_languages(lang), settings=_dateparser_settings(lang)
        )
    except Exception:  # dateparser raises assorted errors on odd input; it is a last resort
        return None
    if moment is None:
        return None
    return _checked_datetime(moment, with_time=bool(_HAS_TIME.search(value)))


def _dateparser_search(value: str, lang: str) -> str | None:
    """The first full date dateparser finds inside a short string (a dateline)."""
    if len(value) > 200 or not re.search(r"\d", value):
        return None
    from dateparser.search import search_dates

    try:
        results = search_dates(
            value, languages=_dateparser_languages(lang), settings=_dateparser_settings(lang)
        )
    except Exception:  # as above: a last resort that must not sink the article
        return None
    for fragment, moment in results or []:
        parsed = _checked_datetime(moment, with_time=bool(_HAS_TIME.search(fragment)))
        if parsed is not None:
            return parsed
    return None
