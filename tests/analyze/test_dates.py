"""Publication dates: given strings, datelines, and stamps near the start of the text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storyweave.analyze import parse_date, resolve_published

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
SAMPLES = DATA / "samples" / "aleppo-2016"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("2016-08-15", None, "2016-08-15"),
        ("20160815", None, "2016-08-15"),
        ("2016-08-15T13:45:53Z", None, "2016-08-15T13:45:53+00:00"),
        ("2016-08-15 13:45", None, "2016-08-15T13:45:00"),
        ("2016-08-15T13:45:53+07:00", None, "2016-08-15T13:45:53+07:00"),
        ("Mon, 15 Aug 2016 13:45:53 +0300", None, "2016-08-15T13:45:53+03:00"),
        ("Mon, 15 Aug 2016 13:45:53 GMT", None, "2016-08-15T13:45:53+00:00"),
        ("15 August 2016", None, "2016-08-15"),
        ("August 15, 2016", "en", "2016-08-15"),
        ("Aug. 15, 2016", "en", "2016-08-15"),
        ("Monday 15th August 2016 at 1:45 pm", "en", "2016-08-15T13:45:00"),
        ("1471268753", None, "2016-08-15T13:45:53+00:00"),
    ],
)
def test_given_strings_in_common_formats(value: str, lang: str | None, expected: str) -> None:
    assert parse_date(value, lang) == expected


@pytest.mark.parametrize(
    ("value", "lang"),
    [
        ("15/08/2016", "vi"),
        ("15.08.2016", "de"),
        ("08/15/2016", "en"),
        ("15. August 2016", "de"),
        ("Montag, 15. August 2016", "de"),
        ("15 de agosto de 2016", "es"),
        ("15 août 2016", "fr"),
        ("15 sierpnia 2016", "pl"),
        ("15 Ağustos 2016", "tr"),
        ("15 августа 2016 года", "ru"),
        ("15 أغسطس 2016", "ar"),
        ("15 آب 2016", "ar"),
        ("ngày 15 tháng 8 năm 2016", "vi"),
        ("15 tháng 08, 2016", "vi"),
        ("2016年8月15日", "zh"),
        ("2016年8月15日", "ja"),
        ("2016년 8월 15일", "ko"),
        ("15 สิงหาคม 2559", "th"),
    ],
)
def test_dates_in_many_languages(value: str, lang: str) -> None:
    assert parse_date(value, lang) == "2016-08-15"


def test_time_and_offset_beside_a_date_are_kept() -> None:
    assert parse_date("Thứ Hai, 15/08/2016, 13:45 (GMT+7)", "vi") == "2016-08-15T13:45:00+07:00"
    assert parse_date("le 15 août 2016 à 13h45", "fr") == "2016-08-15T13:45:00"


@pytest.mark.parametrize(
    "value",
    ["", "not a date", "August 2016", "15 August", "yesterday", "2016-02-30", "1850-01-01"],
)
def test_partial_relative_and_impossible_dates_are_refused(value: str) -> None:
    assert parse_date(value, "en") is None


def test_dates_in_the_future_are_refused() -> None:
    in_a_week = (datetime.now(UTC) + timedelta(days=7)).date().isoformat()
    today = datetime.now(UTC).date().isoformat()
    assert parse_date(in_a_week) is None
    assert parse_date(today) == today


def test_given_wins_over_dateline_and_text() -> None:
    assert resolve_published(
        "2016-08-14", "Published: 15 August 2016", "Posted 16 August 2016", "en"
    ) == ("2016-08-14", "given")


def test_unparsable_given_falls_through_to_the_dateline() -> None:
    assert resolve_published("soon", "Published: Monday, 15 August 2016", "", "en") == (
        "2016-08-15",
        "dateline",
    )


@pytest.mark.parametrize(
    ("dateline", "lang", "expected"),
    [
        ("By The News · 15 of August 2016 13:45:53", "en", "2016-08-15T13:45:53"),
        ("Cập nhật: 15/08/2016 13:45", "vi", "2016-08-15T13:45:00"),
        ("Published: Monday, 15 August 2016", "en", "2016-08-15"),
        ("Veröffentlicht am 15.08.16 um 13:45 Uhr", "de", "2016-08-15T13:45:00"),
    ],
)
def test_datelines(dateline: str, lang: str, expected: str) -> None:
    assert resolve_published(None, dateline, "", lang) == (expected, "dateline")


def test_text_stamp_is_preferred_to_a_page_header_date() -> None:
    text = (
        "Wednesday 18, September 2019\nMenu\nNews\n\nHeadline of the story\n\n"
        "By The Paper · 15 of August 2016 13:45:53\nThe minister said on Monday that talks go on."
    )
    assert resolve_published(None, None, text, "en") == ("2016-08-15T13:45:53", "text")


def test_text_date_opening_the_article() -> None:
    text = "Ngày 15/8/2016, Bộ trưởng Quốc phòng Nga cho biết hai bên sắp đạt thỏa thuận."
    assert resolve_published(None, None, text, "vi") == ("2016-08-15", "text")


def test_event_dates_inside_prose_are_not_publication_dates() -> None:
    text = (
        "The first paragraph says little about dates at all, only that the talks go on.\n"
        "The second paragraph recalls the declaration that was read on 2 September 1945 in a "
        "square before a large crowd, and other events long before this article was written."
    )
    assert resolve_published(None, None, text, "en") == (None, "unknown")


def test_partial_dates_and_dates_beyond_the_opening_are_ignored() -> None:
    assert resolve_published(None, None, "Published: 15 August\nNothing else.", "en") == (
        None,
        "unknown",
    )
    late = "x " * 400 + "\nPublished: 15 August 2016"
    assert resolve_published(None, None, late, "en") == (None, "unknown")


def test_sample_003_dateline() -> None:
    path = SAMPLES / "003_f6b2834bf645b2c9.txt"
    if not path.exists():
        pytest.skip(f"development data not found: {path}")
    text = path.read_text(encoding="utf-8")
    dateline = next(line for line in text.splitlines() if line.startswith("By The News"))
    published, source = resolve_published(None, dateline, text, "en")
    assert source == "dateline"
    assert published is not None and published.startswith("2016-08-15")
