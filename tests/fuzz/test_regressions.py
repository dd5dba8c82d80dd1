"""Inputs fuzzing found to crash a reader, kept as plain tests: each now gives a clear problem
(or a document) and the rest of the input is still read."""

from __future__ import annotations

import gzip
import time

import pytest

from storyweave.clean import clean_text
from storyweave.clean.shape import is_url_line
from storyweave.model import InputProblem, RawDocument
from storyweave.represent.numbers import number_keys, numbers

from .harness import TARGETS, read_file, time_limit

Items = list[RawDocument | InputProblem]


def codes(items: Items) -> list[str | None]:
    return [item.code if isinstance(item, InputProblem) else None for item in items]


def test_deeply_nested_jsonl_line_is_a_problem_and_the_next_line_is_read() -> None:
    # Was: RecursionError out of json.loads.
    data = b"[" * 3000 + b"]" * 3000 + b'\n{"id": "a", "text": "Still read."}\n'
    items = read_file(data, "fuzz.jsonl")
    assert codes(items) == ["E105", None]
    assert isinstance(items[0], InputProblem) and "nested too deeply" in items[0].reason
    assert items[0].origin.endswith("fuzz.jsonl:1")


def test_deeply_nested_json_array_is_a_problem() -> None:
    items = read_file(b"[" * 100_000, "fuzz.json")
    assert codes(items) == ["E105"]


def test_integer_too_long_to_convert_is_a_problem() -> None:
    # Was: ValueError (Python's 4,300-digit limit), which is not a JSONDecodeError.
    line = b'{"text": "ok", "id": ' + b"9" * 5000 + b"}"
    items = read_file(line + b'\n{"id": "b", "text": "Next."}\n', "fuzz.jsonl")
    assert codes(items) == ["E105", None]
    assert codes(read_file(b"[" + line + b"]", "fuzz.json")) == ["E105"]


def test_lone_surrogate_escapes_become_replacement_characters() -> None:
    # Was: UnicodeEncodeError when the text was hashed (and it could not have been stored).
    data = rb'{"text": "\ud800 lone", "id": "\udfff", "extra": {"\ud801": ["\udc00"]}}'
    [document] = read_file(data, "fuzz.jsonl")
    assert isinstance(document, RawDocument)
    assert (document.text, document.id) == ("\ufffd lone", "\ufffd")
    assert document.metadata == {"extra": {"\ufffd": ["\ufffd"]}}


def test_feed_declaring_an_unknown_encoding_is_still_read() -> None:
    # Was: LookupError out of the safety check (expat does not know the encoding).
    data = (
        b'<?xml version="1.0" encoding="x-bogus"?><rss version="2.0"><channel><item>'
        b"<title>t</title><description>Text.</description></item></channel></rss>"
    )
    [document] = read_file(data, "fuzz.xml")
    assert isinstance(document, RawDocument) and document.text == "Text."


def test_feed_declaring_an_unknown_encoding_cannot_hide_entities() -> None:
    data = (
        b'<?xml version="1.0" encoding="x-bogus"?><!DOCTYPE r [<!ENTITY a "b">]>'
        b'<rss version="2.0"><channel><item><description>&a;</description></item></channel></rss>'
    )
    assert codes(read_file(data, "fuzz.xml")) == ["E108"]


def test_entity_declaration_in_utf16_after_an_error_is_refused() -> None:
    feed = (
        '<?xml version="1.0"?><!-- a -- b --><!DOCTYPE rss [<!ENTITY a "AAAA">]>'
        '<rss version="2.0"><channel><item><description>&a;</description></item></channel></rss>'
    )
    assert codes(read_file(feed.encode("utf-16"), "fuzz.xml")) == ["E108"]


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_response_without_target_uri_is_a_problem(compressed: bool) -> None:
    # Was: AttributeError inside warcio (it calls .startswith on the missing URI).
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 19\r\n\r\n"
        b"HTTP/1.1 200 OK\r\n\r\n\r\n\r\n"
    )
    name = "fuzz.warc.gz" if compressed else "fuzz.warc"
    items = read_file(gzip.compress(record) if compressed else record, name)
    assert codes(items) == ["E110"]


def test_json_array_whose_head_ends_inside_a_character_is_a_problem() -> None:
    # Was: UnicodeDecodeError from the first read, outside the reader's error handling.
    items = read_file(b'[{"source": [{}, {}], "": "\xe1\xba\x9e", "\xf3\xb3', "fuzz.json")
    assert codes(items) == ["E103"]


def test_line_of_many_dotted_labels_is_cleaned_in_linear_time() -> None:
    # Was: the web-address rule backtracked, quadratic in the line: "a." * 50,000 took 3 s,
    # a 5 MiB article of it would have run for hours.
    with time_limit(5.0):
        cleaned = clean_text("a." * 500_000)
    assert cleaned.body


@pytest.mark.parametrize(
    ("line", "is_address"),
    [
        ("site.vn", True),
        ("WWW.SITE.COM", True),
        ("bbc.co.uk", True),
        ("sub-domain.example.co.uk/path?x", True),
        ("xn--p1ai.рф", True),
        ("x.abcdef", True),
        ("a.b", False),
        ("a..bc", False),
        ("a.bc.", False),
        ("1.2.3.45", False),
        ("x.abcdefg", False),
        ("a." * 1000, False),
    ],
)
def test_web_address_lines_are_recognised_as_before(line: str, is_address: bool) -> None:
    assert is_url_line(line) is is_address


def test_prepare_text_with_a_long_run_of_digits() -> None:
    fields: dict[str, str | None] = {
        "text": "\u0967" * 7000,
        "title": None,
        "published": None,
        "lang": "ar",
        "lead": None,
    }
    TARGETS["prepare"].run(fields)


def test_numbers_in_a_text_full_of_dates_take_linear_time() -> None:
    started = time.perf_counter()
    found = numbers("15/08/2016 " * 20_000, "en")
    assert found == [] and time.perf_counter() - started < 2.0


def test_a_run_of_digits_too_long_for_a_number_is_no_quantity() -> None:
    assert number_keys("9" * 7000 + " people", "en") == set()
