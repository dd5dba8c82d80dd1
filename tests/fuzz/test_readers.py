"""Every reader on random, truncated, huge, mixed-encoding and hostile input: it yields
documents and problems naming the input, never raises, and finishes within the time limit.

``FUZZ_EXAMPLES`` sets the number of inputs per reader (default 200); benchmarks/fuzz.py runs
10,000 per reader and prints the table.
"""

from __future__ import annotations

from hypothesis import given

from . import strategies as s
from .conftest import bounded, fuzz_settings
from .harness import TARGETS


@fuzz_settings()
@given(s.text_files())
def test_text_reader(data: bytes) -> None:
    bounded(TARGETS["text"].run, data)


@fuzz_settings()
@given(s.html_files())
def test_html_reader(data: bytes) -> None:
    bounded(TARGETS["html"].run, data)


@fuzz_settings()
@given(s.jsonl_files())
def test_jsonl_reader(data: bytes) -> None:
    bounded(TARGETS["jsonl"].run, data)


@fuzz_settings()
@given(s.json_files())
def test_json_reader(data: bytes) -> None:
    bounded(TARGETS["json"].run, data)


@fuzz_settings()
@given(s.csv_files())
def test_csv_reader(data: bytes) -> None:
    bounded(TARGETS["csv"].run, data)


@fuzz_settings()
@given(s.tsv_files())
def test_tsv_reader(data: bytes) -> None:
    bounded(TARGETS["tsv"].run, data)


@fuzz_settings()
@given(s.feed_files())
def test_feed_reader(data: bytes) -> None:
    bounded(TARGETS["feed"].run, data)


@fuzz_settings()
@given(s.warc_files())
def test_warc_reader(data: bytes) -> None:
    bounded(TARGETS["warc"].run, data)


@fuzz_settings()
@given(s.gz_files())
def test_gzip_inputs(case: tuple[str, bytes]) -> None:
    bounded(TARGETS["gz"].run, case)


@fuzz_settings()
@given(s.stdin_inputs())
def test_stdin_sniffing(data: bytes) -> None:
    bounded(TARGETS["stdin"].run, data)
