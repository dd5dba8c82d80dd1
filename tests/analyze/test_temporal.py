"""Temporal expressions: weekdays, relative days and dates in each language, and their days."""

from __future__ import annotations

import pytest

from storyweave.analyze.temporal import read_dates

#: A Wednesday: weekdays before it in the same week and in the week before are told apart.
WEDNESDAY = "2016-08-17T10:00:00"


# Weekdays and relative days, per language, against a Wednesday ------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The minister said on Monday that talks were close.", ("on Monday", "2016-08-15")),
        (
            "en",
            "Russia's defense minister said Tuesday that a deal was near.",
            ("Tuesday", "2016-08-16"),
        ),
        (
            "en",
            "The talks collapsed last Wednesday, officials said.",
            ("last Wednesday", "2016-08-10"),
        ),
        (
            "en",
            "The minister said on Wednesday that talks were close.",
            ("on Wednesday", "2016-08-17"),
        ),
        (
            "vi",
            "Hôm thứ Hai, Bộ trưởng Shoigu cho biết Nga sẵn sàng.",
            ("Hôm thứ Hai", "2016-08-15"),
        ),
        ("vi", "Bộ trưởng Shoigu hôm thứ 3 tuyên bố.", ("hôm thứ 3", "2016-08-16")),
        ("vi", "Ông nói vào thứ Hai tuần trước.", ("vào thứ Hai tuần trước", "2016-08-08")),
        ("vi", "Chủ nhật, quân đội Syria tấn công.", ("Chủ nhật", "2016-08-14")),
        ("vi", "Ngày thứ 3, 16/8, Nga tuyên bố.", ("Ngày thứ 3", "2016-08-16")),
        ("fr", "Le ministre a déclaré lundi que l'accord était proche.", ("lundi", "2016-08-15")),
        ("fr", "Le ministre a parlé mardi dernier.", ("mardi dernier", "2016-08-16")),
        (
            "es",
            "El ministro dijo el lunes que el acuerdo estaba cerca.",
            ("el lunes", "2016-08-15"),
        ),
        ("es", "El ataque ocurrió el sábado en Alepo.", ("el sábado", "2016-08-13")),
        ("de", "Der Minister sagte am Montag, eine Einigung sei nah.", ("am Montag", "2016-08-15")),
        ("de", "Am Dienstagabend sagte er.", ("Am Dienstagabend", "2016-08-16")),
        ("de", "Am vergangenen Mittwoch sagte er.", ("Am vergangenen Mittwoch", "2016-08-10")),
    ],
)
def test_weekdays(lang: str, text: str, expected: tuple[str, str]) -> None:
    assert read_dates(text, lang, WEDNESDAY) == [expected]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Officials said yesterday that the deal was off.", ("yesterday", "2016-08-16")),
        ("en", "He spoke today in Geneva.", ("today", "2016-08-17")),
        ("en", "Rebels attacked the city last night.", ("last night", "2016-08-16")),
        ("en", "The city fell 3 days ago.", ("3 days ago", "2016-08-14")),
        ("vi", "Moscow hôm qua tuyên bố Nga và Mỹ đang trên đà.", ("hôm qua", "2016-08-16")),
        ("vi", "Hôm nay, ông Shoigu tuyên bố.", ("Hôm nay", "2016-08-17")),
        ("vi", "Tối qua, phe đối lập tấn công.", ("Tối qua", "2016-08-16")),
        ("fr", "Hier, le ministre a annoncé un accord.", ("Hier", "2016-08-16")),
        ("fr", "Le ministre a parlé aujourd'hui.", ("aujourd'hui", "2016-08-17")),
        ("fr", "L'armée a attaqué avant-hier.", ("avant-hier", "2016-08-15")),
        ("es", "Ayer, el ministro anunció un acuerdo.", ("Ayer", "2016-08-16")),
        ("es", "El ministro habló hoy en Ginebra.", ("hoy", "2016-08-17")),
        ("de", "Gestern erklärte der Minister, man sei nah.", ("Gestern", "2016-08-16")),
        ("de", "Der Minister sprach heute in Genf.", ("heute", "2016-08-17")),
        ("de", "Vorgestern sagte er das.", ("Vorgestern", "2016-08-15")),
    ],
)
def test_relative_days(lang: str, text: str, expected: tuple[str, str]) -> None:
    assert read_dates(text, lang, WEDNESDAY) == [expected]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Last month the US proposed a military alliance to Russia."),
        ("vi", "Mỹ được cho là tháng trước đã đề nghị Nga thành lập liên minh."),
        ("fr", "La semaine dernière, les rebelles ont brisé le siège."),
        ("es", "El mes pasado, Estados Unidos propuso una alianza."),
        ("de", "Letzte Woche durchbrachen die Rebellen die Belagerung."),
    ],
)
def test_periods_are_found_but_point_to_no_day(lang: str, text: str) -> None:
    [(_, day)] = read_dates(text, lang, WEDNESDAY)
    assert day is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("vi", "Đây là lần thứ hai ông nói điều này."),  # "the second time", not Monday
        ("vi", "Đội bóng vươn lên vị trí thứ 4 trên bảng xếp hạng."),  # "4th place"
        ("vi", "Phải đến ngày thứ 4, ông mới biết chẩn đoán."),  # "the 4th day"
        ("vi", "Thứ hai, chính phủ cần minh bạch hơn."),  # "Second, …" in a list
        ("es", "El tenor Plácido Domingo cantó en Viena."),  # a name, not Sunday
        ("fr", "Le carnaval de Rio rappelle un peu Mardi Gras."),
        ("en", "Before the war in 2011 there were 2.2 million people in Aleppo."),
    ],
)
def test_no_date_where_there_is_none(lang: str, text: str) -> None:
    assert read_dates(text, lang, WEDNESDAY) == []


def test_without_publication_date_weekdays_cannot_be_placed() -> None:
    assert read_dates("He said on Monday that talks were close.", "en", None) == [
        ("on Monday", None)
    ]


# Explicit dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("vi", "Ngày 15/8, Bộ trưởng Shoigu cho biết Nga sẵn sàng.", ("Ngày 15/8", "2016-08-15")),
        ("vi", "Sáng 15/8/2016, ông Shoigu tuyên bố.", ("15/8/2016", "2016-08-15")),
        (
            "vi",
            "Ngày 15 tháng 8 năm 2016, ông Shoigu tuyên bố.",
            ("15 tháng 8 năm 2016", "2016-08-15"),
        ),
        ("vi", "Ông Shoigu tuyên bố hôm 15 tháng 8.", ("15 tháng 8", "2016-08-15")),
        ("fr", "L'attaque a eu lieu le 15 août près d'Alep.", ("15 août", "2016-08-15")),
        ("fr", "Le ministre a parlé le 15 août 2016.", ("15 août 2016", "2016-08-15")),
        ("de", "Der Angriff fand am 15. August statt.", ("15. August", "2016-08-15")),
        ("de", "Der Angriff fand am 15. August 2016 statt.", ("15. August 2016", "2016-08-15")),
        ("de", "Am 15.8. sagte er das.", ("Am 15.8", "2016-08-15")),
        ("es", "El ataque ocurrió el 15 de agosto cerca de Alepo.", ("15 de agosto", "2016-08-15")),
        ("en", "The attack took place on August 15 near Aleppo.", ("August 15", "2016-08-15")),
        (
            "en",
            "The attack took place on 15 August 2016 near Aleppo.",
            ("15 August 2016", "2016-08-15"),
        ),
    ],
)
def test_explicit_dates(lang: str, text: str, expected: tuple[str, str]) -> None:
    assert read_dates(text, lang, WEDNESDAY) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks resumed on 2016 August 15.", ("2016 August 15", "2016-08-15")),
        ("Talks resumed on 2016-08-15 14:30 in Geneva.", ("2016-08-15", "2016-08-15")),
    ],
)
def test_a_full_date_spans_exactly_what_was_matched(text: str, expected: tuple[str, str]) -> None:
    assert read_dates(text, "en", WEDNESDAY) == [expected]


def test_a_date_without_year_is_in_the_past() -> None:
    # 4 February is nearer after 17 August 2016 (2017) than before it, but news reports the past.
    assert read_dates("Vào ngày 4/2, Bộ Ngoại giao Nga cho biết.", "vi", WEDNESDAY) == [
        ("ngày 4/2", "2016-02-04")
    ]


def test_languages_without_rules_go_through_dateparser_search() -> None:
    text = "Il ministro ha detto lunedì che Mosca e Washington sono vicine."
    assert read_dates(text, "it", WEDNESDAY) == [("lunedì", "2016-08-15")]
    assert read_dates("Ieri il ministro ha parlato.", "it", WEDNESDAY) == [("Ieri", "2016-08-16")]
