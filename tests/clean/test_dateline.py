"""Dateline recognition: bylines with dates, labelled dates, bare dates, agency datelines."""

# Turkish dotless i and typographic dashes are part of the examples.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from storyweave.clean.dateline import agency_dateline, is_date_only, is_dateline_line


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe, Reuters | Updated: 12 March 2020",
        "By City Post · 3 of May 2019 10:15:00",
        "Published: 2020-03-12 08:15",
        "Cập nhật: 10:30 12/03/2020",
        "Veröffentlicht am 10. Februar 2020, 14:54 Uhr",
        "Publié le 3 mai 2019 à 10h15",
        "Por Ana Gómez | 5 de mayo de 2019",
        "27.02.2020 23:40 | Son Güncelleme: 27.02.2020 23:41",
    ],
)
def test_dateline_lines_are_recognised(line: str) -> None:
    assert is_dateline_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Cập nhật giá vàng hôm nay: thế giới và trong nước giảm",
        "By the end of 2019, prices had doubled.",
        "The meeting on 12 March 2020 ended without a deal.",
        "Published reports say the talks failed.",
    ],
)
def test_sentences_and_headlines_are_not_datelines(line: str) -> None:
    assert not is_dateline_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Wednesday 18, September 2019",
        "15 of August 2016 13:45:53",
        "Thứ Tư, 18/9/2019 10:30 (GMT+7)",
        "10. Februar 2020, 14:54 Uhr",
        "03:55 Uhr",
    ],
)
def test_bare_dates(line: str) -> None:
    assert is_date_only(line)


@pytest.mark.parametrize("line", ["Route 66 reopened", "Top 10 films", "Chapter 3"])
def test_short_lines_with_numbers_are_not_bare_dates(line: str) -> None:
    assert not is_date_only(line)


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("PARIS (Reuters) - The French government said", "PARIS (Reuters) -"),
        ("JUNEAU, Alaska — During her first year", "JUNEAU, Alaska —"),
        ("HÀ NỘI, 12/3 (TTXVN) – Bộ Y tế cho biết", "HÀ NỘI, 12/3 (TTXVN) –"),
        ("BERLÍN.- Un incendio en un zoológico", "BERLÍN.-"),
        ("CELAYA, GTO.- Celaya fue sitiada", "CELAYA, GTO.-"),
        ("OCEAN CITY, Md. (AP) — A man was sentenced", "OCEAN CITY, Md. (AP) —"),
        ("BUFFALO, N.Y. (WIVB) — A hospital welcomed", "BUFFALO, N.Y. (WIVB) —"),
        ("DETROIT (WWJ) -- Police are investigating", "DETROIT (WWJ) --"),
        ("(Bloomberg) -- The prime minister said", "(Bloomberg) --"),
    ],
)
def test_agency_datelines_opening_a_paragraph(text: str, dateline: str) -> None:
    assert agency_dateline(text) == dateline


@pytest.mark.parametrize(
    "text",
    [
        "NATO — the alliance said",
        "Paris (AFP) said nothing",
        "The CEO - a man of few words",
        "U.S.- China talks resumed",
        "EPP (Bloomberg) -- The prime minister said",
        "(this is an aside) - and more",
    ],
)
def test_no_agency_dateline(text: str) -> None:
    assert agency_dateline(text) is None


def test_a_bare_place_is_a_dateline_only_where_asked() -> None:
    assert agency_dateline("SYDNEY - A memorial was cancelled") is None
    assert agency_dateline("SYDNEY - A memorial was cancelled", bare=True) == "SYDNEY -"
    assert agency_dateline("ONE TWO THREE FOUR - Words", bare=True) is None
