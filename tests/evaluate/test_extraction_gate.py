"""Quality gate: the stored body of real web pages stays close to the reference article text."""

from __future__ import annotations

from storyweave.evaluate.extraction import mean, shingle_f1
from storyweave.evaluate.extraction_set import run_extraction_set

from ..conftest import DATA, need

# Measured 0.9676 (benchmarks/extraction.py); trafilatura alone scores about 0.958.
F1_FLOOR = 0.96


def test_stored_bodies_of_the_extraction_set_reach_the_f1_floor() -> None:
    pages = list(run_extraction_set(need(DATA / "extraction-dev")))
    assert len(pages) == 102
    overall = mean(shingle_f1(page.reference, page.stored) for page in pages)
    assert overall.f1 >= F1_FLOOR, f"word-4-gram F1 {overall.f1:.4f} < {F1_FLOOR}"
    assert all(page.stored for page in pages), "every page has an article body"
