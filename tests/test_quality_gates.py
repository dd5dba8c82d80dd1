"""Quality floors on the development data, through the engine as users run it.

The floors sit just under what the current model measures (see the closing figures of the
clustering work), so that a change that makes the stories worse fails here; they are not the
targets, which are higher.
"""

from __future__ import annotations

import pytest

from storyweave.config import Settings
from storyweave.evaluate.runner import Measure, evaluate_folder

from .conftest import DATA, need

VLSP_BCUBED_F1_FLOOR = 0.88
SEMEVAL_PEARSON_FLOOR = 0.77
SEMEVAL_DE_EN_PEARSON_FLOOR = 0.77


def measure(measures: list[Measure], metric: str) -> float:
    (found,) = [m.value for m in measures if m.metric == metric]
    return found


@pytest.mark.slow
def test_vietnamese_stories_streamed_in_file_order() -> None:
    measures = evaluate_folder(need(DATA / "vlsp-abmusu"), Settings())
    assert measure(measures, "input problems") == 0
    assert measure(measures, "BCubed F1") >= VLSP_BCUBED_F1_FLOOR


@pytest.mark.slow
def test_similarity_follows_human_ratings_across_languages() -> None:
    measures = evaluate_folder(need(DATA / "semeval2022-dev"), Settings())
    assert measure(measures, "Pearson all") >= SEMEVAL_PEARSON_FLOOR
    assert measure(measures, "Pearson de-en") >= SEMEVAL_DE_EN_PEARSON_FLOOR
