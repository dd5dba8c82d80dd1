"""Month and weekday names of a language, and the date patterns built from them.

Names come from dateparser's locale data, plus Levantine and Iraqi Arabic month names that it
lacks; each language's patterns are built once and also read English dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Levantine and Iraqi Arabic month names, used by much of the Arabic press and missing from
# dateparser's data.
_EXTRA_MONTHS: dict[str, dict[str, int]] = {
    "ar": {
        "كانون الثاني": 1,
        "شباط": 2,
        "آذار": 3,
        "نيسان": 4,
        "أيار": 5,
        "حزيران": 6,
        "تموز": 7,
        "آب": 8,
        "أيلول": 9,
        "تشرين الأول": 10,
        "تشرين الثاني": 11,
        "كانون الأول": 12,
    },
}
# Words that join a date's parts ("15 de agosto de 2016", "15 tháng 8 năm 2016").
_DATE_CONNECTORS = frozenset({"de", "del", "of", "năm"})
_MONTH_KEYS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: dateparser's keys for the weekday names of a locale, Monday first.
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True, slots=True)
class DatePatterns:
    """Month-name patterns, month and weekday names, and day order for one language."""

    named: tuple[re.Pattern[str], ...]
    months: dict[str, int]
    weekday: re.Pattern[str] | None
    date_order: str


def base_language(lang: str) -> str:
    """The base code of a language tag, lower case: ``"pt_BR"`` gives ``"pt"``."""
    return (lang or "").strip().lower().replace("_", "-").split("-", 1)[0]


def month_key(name: str) -> str:
    """A month name as :attr:`DatePatterns.months` holds it: lower case, no final dot."""
    return " ".join(name.lower().rstrip(".").split())


@lru_cache(maxsize=64)
def date_patterns(language: str) -> DatePatterns:
    """Patterns for ``language`` plus English, built once per language from dateparser's data."""
    months: dict[str, int] = {}
    weekdays: set[str] = set()
    date_order = "DMY"
    for code in dict.fromkeys((language, "en")):
        info = locale_info(code)
        if info is None:
            continue
        if code == language:
            date_order = str(info.get("date_order", "DMY"))
        for number, key in enumerate(_MONTH_KEYS, start=1):
            for name in info.get(key, []):
                key_name = month_key(name)
                # "Tháng năm" (May) also reads "month, year": never a name next to a year.
                if key_name.rsplit(None, 1)[-1] not in _DATE_CONNECTORS:
                    months.setdefault(key_name, number)
        for key in WEEKDAY_KEYS:
            weekdays.update(w for w in info.get(key, []) if len(w) >= 3)
        months.update(_EXTRA_MONTHS.get(code, {}))
    if language == "" or locale_info(language) is None:
        date_order = "DMY"
    names = sorted(months, key=len, reverse=True)
    month = "(?P<month>" + "|".join(name_pattern(n) for n in names) + r")\.?"
    day = r"(?P<day>[0-3]?\d)"
    year = r"(?P<year>\d{4})(?!\d)"
    named = (
        re.compile(
            rf"(?<!\d){day}(?:st|nd|rd|th|er|e|º|°|\.)?\s*,?\s*(?:of\s+|de\s+|del\s+)?"
            rf"{month}\s*,?\s*(?:de\s+|del\s+|năm\s+)?{year}",
            re.IGNORECASE,
        ),
        re.compile(
            rf"{month}\s+{day}(?:st|nd|rd|th)?(?!\d)\s*,?\s*{year}",
            re.IGNORECASE,
        ),
        re.compile(rf"(?<!\d){year}\.?\s+{month}\s+{day}(?!\d)", re.IGNORECASE),
    )
    weekday = (
        re.compile(
            "(?:" + "|".join(map(re.escape, sorted(weekdays, key=len, reverse=True))) + ")"
            r"(?![^\W\d_])[\s,.(]*(?:ngày|le|the|den|der|el|il|am|on)?\s*$",
            re.IGNORECASE,
        )
        if weekdays
        else None
    )
    return DatePatterns(named, months, weekday, date_order)


def name_pattern(name: str) -> str:
    """A regular expression for ``name``, any run of spaces between its words, as a whole word."""
    escaped = r"\s+".join(re.escape(part) for part in name.split())
    # A name must not run into a longer word ("mar" in "market") or number ("tháng 1" in 10).
    return escaped + (r"(?!\d)" if name[-1].isdigit() else r"(?![^\W\d_])")


@lru_cache(maxsize=256)
def locale_info(code: str) -> dict[str, Any] | None:
    """dateparser's locale data for a base language code, or ``None`` when it has none."""
    if not code:
        return None
    from dateparser.languages import default_loader

    try:
        info: dict[str, Any] = default_loader.get_locale(code).info
    except (ValueError, KeyError):
        return None
    return info
