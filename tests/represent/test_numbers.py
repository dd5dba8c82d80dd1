"""Quantities in the digit styles of each language, and keys that match across languages."""

from __future__ import annotations

import pytest

from storyweave.represent.numbers import Quantity, number_keys, numbers, quantity_key


def values(text: str, lang: str) -> list[float]:
    return [q.value for q in numbers(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Khoảng 700.000 người dân", "vi", 700_000),
        ("rund 700.000 Menschen", "de", 700_000),
        ("unas 700.000 personas", "es", 700_000),
        ("yaklaşık 700.000 kişi", "tr", 700_000),  # noqa: RUF001
        ("około 700.000 osób", "pl", 700_000),
        ("about 700,000 people", "en", 700_000),
        ("environ 700 000 habitants", "fr", 700_000),
        ("environ 700\u00a0000 habitants", "fr", 700_000),
        ("około 700 000 osób", "pl", 700_000),
        ("2.2 million people", "en", 2_200_000),
        ("2,2 triệu người", "vi", 2_200_000),
        ("2,2 Millionen Menschen", "de", 2_200_000),
        ("300 nghìn người", "vi", 300_000),
        ("300 ngàn người", "vi", 300_000),
        ("1,5 tỷ đồng", "vi", 1_500_000_000),
        ("1,5 nghìn tỷ đồng", "vi", 1_500_000_000_000),
        ("3 mln zł", "pl", 3_000_000),
        ("300 bin kişi", "tr", 300_000),
        ("1.234.567,89 Euro", "de", 1_234_567.89),
        ("1,234,567.89 dollars", "en", 1_234_567.89),
        ("3万人", "zh", 30_000),
        ("١٥٠ ألف شخص", "ar", 150_000),  # noqa: RUF001
        ("a $5bn deal", "en", 5_000_000_000),
    ],
)
def test_digit_styles_of_each_language(text: str, lang: str, expected: float) -> None:
    assert values(text, lang) == [pytest.approx(expected)]


def test_dot_grouped_number_in_english_reads_as_thousands() -> None:
    # Machine translation into English keeps the source's thousands dots.
    assert values("Some 700.000 people remain in Aleppo.", "en") == [700_000]
    assert values("growth of 2.2 points", "en") == [2.2]
    assert values("a share of 0.125", "en") == [0.125]


def test_decimal_mark_before_a_scale_word_reads_as_decimal() -> None:
    assert values("1.234 million", "en") == [1_234_000]
    assert values("2,125 tỷ đồng", "vi") == [2_125_000_000]


def test_quantity_records_text_offsets_and_unit() -> None:
    text = "Có 2,2 triệu người sơ tán."
    (quantity,) = numbers(text, "vi")
    assert quantity.text == "2,2 triệu"
    assert text[quantity.start : quantity.end] == "2,2 triệu"
    assert quantity.unit == "người"
    assert quantity.scaled


def test_currency_before_is_the_unit() -> None:
    (quantity,) = numbers("Washington pledged $3 million to the city", "en")
    assert quantity.unit == "$"
    assert quantity.value == 3_000_000


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("up 2.5% on the year", "en", 2.5),
        ("rose 3 per cent", "en", 3),
        ("tăng 15 phần trăm", "vi", 15),
        ("tăng 2,5%", "vi", 2.5),
        ("yüzde 15 arttı", "tr", 15),  # noqa: RUF001
        ("%20 oranında", "tr", 20),  # noqa: RUF001
        ("um 12 Prozent", "de", 12),
    ],
)
def test_percentages(text: str, lang: str, expected: float) -> None:
    (quantity,) = numbers(text, lang)
    assert quantity.is_percent
    assert quantity.value == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Năm 2016, ông ấy đến", "vi"),
        ("in 1999 and 2024", "en"),
        ("ngày 15/8/2016", "vi"),
        ("ngày 15 tháng 8", "vi"),
        ("on 15 August", "en"),
        ("on August 15", "en"),
        ("am 15. August", "de"),
        ("on 2016-08-15", "en"),
        ("at 14:30", "en"),
        ("lúc 14h30", "vi"),
        ("at 10 a.m.", "en"),
        ("call 0912-345-678", "en"),
        ("call 0912 345 678", "en"),
        ("the 3rd time", "en"),
        ("lần thứ 3", "vi"),
        ("COVID-19 and the A320", "en"),
        ("5G networks", "en"),
    ],
)
def test_years_dates_times_phones_ordinals_and_codes_are_ignored(text: str, lang: str) -> None:
    assert numbers(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("el 3 de julio de 2006", "es"),
        ("em 3 de julho de 2006", "pt"),
        ("el 31 de diciembre", "es"),
        ("el 3 de jul. de 2006", "es"),
        ("Washington, 15 ene (EFE)", "es"),
        ("on Monday (Dec 30) in Paris", "en"),
    ],
)
def test_a_day_before_its_month_is_a_date_in_every_wording(text: str, lang: str) -> None:
    assert numbers(text, lang) == []


def test_de_before_another_word_than_a_month_keeps_the_count() -> None:
    assert values("murieron 3 de ellos", "es") == [3]
    assert values("30 de los heridos", "es") == [30]


@pytest.mark.parametrize(
    ("text", "lang", "expected", "unit"),
    [
        ("bushfires have scorched 12M acres", "en", 12_000_000, "acres"),
        ("some 3B people", "en", 3_000_000_000, "people"),
        ("deals totaled over $40B in 2019", "en", 40_000_000_000, "$"),
        ("a $5bn deal", "en", 5_000_000_000, "$"),
        ("a $5M grant", "en", 5_000_000, "$"),
        ("50k people marched", "en", 50_000, "people"),
        ("thu về gần 80K lượt thả tim", "vi", 80_000, "lượt"),
        ("12M Menschen", "de", 12_000_000, "menschen"),
    ],
)
def test_a_scale_letter_glued_to_the_digits_is_a_scale(
    text: str, lang: str, expected: float, unit: str
) -> None:
    (quantity,) = numbers(text, lang)
    assert (quantity.value, quantity.unit, quantity.scaled) == (expected, unit, True)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("a 100m sprint", "en"),  # metres
        ("the Long March 5B rocket", "en"),  # a name
        ("Apartment 3B.", "en"),  # a code
        ("quay video 8K thay vì 4K", "vi"),  # a resolution
        ("la plataforma 8M Lanzarote", "es"),  # a name after it
    ],
)
def test_a_glued_letter_that_is_no_scale_is_not_read_as_one(text: str, lang: str) -> None:
    assert not any(q.scaled for q in numbers(text, lang))


def test_number_keys_match_across_languages_and_digit_styles() -> None:
    english = number_keys("about 300,000 people", "en")
    assert english == {"300000"}
    assert number_keys("khoảng 300.000 người", "vi") == english
    assert number_keys("khoảng 300 nghìn người", "vi") == english
    assert number_keys("environ 300 000 personnes", "fr") == english
    assert number_keys("rund 300.000 Menschen", "de") == english


def test_number_keys_round_to_two_significant_digits() -> None:
    assert number_keys("2.24 million", "en") == number_keys("2,2 triệu", "vi") == {"2200000"}
    assert number_keys("rose 2.5%", "en") == {"2.5%"}


def test_number_keys_skip_small_counts_and_keep_scaled_or_percent() -> None:
    assert number_keys("2 people and 3 cars", "en") == set()
    assert number_keys("3 million people, 5%", "en") == {"3000000", "5%"}


def test_quantity_key_formats() -> None:
    assert quantity_key(Quantity(0.125, "0.125", 0, 5)) == "0.12"
    assert quantity_key(Quantity(17.0, "17", 0, 2)) == "17"
