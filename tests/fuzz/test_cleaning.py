"""``clean_text`` and ``prepare`` (cleaning, language, dates, clustering signals) on any text:
they never raise and finish within the time limit."""

from __future__ import annotations

from hypothesis import given

from . import strategies as s
from .conftest import EXAMPLES, bounded, fuzz_settings
from .harness import TARGETS


@fuzz_settings()
@given(s.clean_inputs())
def test_clean_text(case: tuple[str, str | None]) -> None:
    bounded(TARGETS["clean_text"].run, case)


@fuzz_settings()
@given(s.prepare_inputs())
def test_prepare(fields: dict[str, str | None]) -> None:
    bounded(TARGETS["prepare"].run, fields)


@fuzz_settings(max(5, EXAMPLES // 10))
@given(s.huge_clean_inputs())
def test_clean_text_on_huge_repetitive_text(case: tuple[str, str | None]) -> None:
    # A rule that backtracks or compares every line with every other takes seconds here.
    bounded(TARGETS["clean_text_huge"].run, case)
