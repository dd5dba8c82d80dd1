"""The same-story model: the shipped trees weigh evidence as evidence; model files are checked."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from storyweave.cluster.features import EVIDENCE_DIRECTION, FEATURES
from storyweave.cluster.scorer import LinearScorer, TreeScorer, load_scorer, scorer_from_json


def realistic_rows(count: int, seed: int) -> np.ndarray:
    """Feature vectors spread over the ranges the features take (similarities and shares in
    [0, 1], a log time gap up to a year, a log story size up to 1,000 articles)."""
    rng = np.random.default_rng(seed)
    rows = rng.uniform(0.0, 1.0, size=(count, len(FEATURES)))
    rows[:, FEATURES.index("time_gap")] = rng.uniform(0.0, np.log1p(365), count)
    rows[:, FEATURES.index("time_known")] = rng.integers(0, 2, count)
    rows[:, FEATURES.index("log_size")] = rng.uniform(0.0, np.log(1000), count)
    return rows


@pytest.mark.parametrize("name", sorted(EVIDENCE_DIRECTION))
def test_more_evidence_never_makes_the_shipped_model_less_sure(name: str) -> None:
    scorer = load_scorer()
    rows = realistic_rows(2000, seed=len(name))
    column = FEATURES.index(name)
    more = rows.copy()
    more[:, column] += np.random.default_rng(1).uniform(0.01, 0.5, len(rows))
    change = (scorer.probabilities(more) - scorer.probabilities(rows)) * EVIDENCE_DIRECTION[name]
    assert change.min() >= -1e-12


def test_shipped_model_is_sure_of_an_article_against_itself() -> None:
    """Everything in common and nothing apart: well above the threshold."""
    scorer = load_scorer()
    same = {name: 1.0 for name in FEATURES}
    same.update(dense_cross_language=0.0, time_gap=0.0, time_known=1.0, log_size=0.0)
    assert scorer.probability(np.array([same[name] for name in FEATURES])) > scorer.threshold + 0.2


def test_trees_walk_to_the_right_leaf_and_read_back_from_their_file(tmp_path: Path) -> None:
    # One tree: dense <= 0.5 → leaf 1 (-2.0); else names_article <= 0.2 → leaf 3 (0.0),
    # else leaf 4 (+3.0).
    dense, names = FEATURES.index("dense"), FEATURES.index("names_article")
    tree = TreeScorer(
        baseline=0.0,
        feature=np.array([[dense, 0, names, 0, 0]]),
        split=np.array([[0.5, 0.0, 0.2, 0.0, 0.0]]),
        left=np.array([[1, 1, 3, 3, 4]]),
        right=np.array([[2, 1, 4, 3, 4]]),
        value=np.array([[0.0, -2.0, 0.0, 0.0, 3.0]]),
        depth=2,
        threshold=0.5,
        info={},
    )
    rows = np.zeros((3, len(FEATURES)))
    rows[1, dense] = 0.9
    rows[2, [dense, names]] = 0.9
    expected = 1.0 / (1.0 + np.exp(-np.array([-2.0, 0.0, 3.0])))
    assert np.allclose(tree.probabilities(rows), expected)
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps(tree.to_json()), encoding="utf-8")
    again = load_scorer(path)
    assert isinstance(again, TreeScorer)
    assert np.allclose(again.probabilities(rows), expected)


def test_a_linear_model_file_still_loads() -> None:
    n = len(FEATURES)
    linear = LinearScorer(np.ones(n), -1.0, np.zeros(n), np.ones(n), 0.4, {"note": "hand-set"})
    data = linear.to_json()
    del data["kind"]  # files written before trees existed have no kind
    again = scorer_from_json(data)
    assert isinstance(again, LinearScorer) and again.threshold == 0.4
    row = np.full(n, 0.1)
    assert again.probability(row) == pytest.approx(1.0 / (1.0 + np.exp(-(0.1 * n - 1.0))))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"features": ["dense"]}, "trained on features"),
        ({"kind": "forest"}, "unknown scorer kind"),
        (
            {"trees": [{"feature": [99], "split": [0], "left": [0], "right": [0], "value": [0]}]},
            "feature index",
        ),
        (
            {"trees": [{"feature": [0], "split": [0], "left": [5], "right": [0], "value": [0]}]},
            "outside",
        ),
        (
            {
                "depth": 1,  # the tree below takes two steps to its leaves 3 and 4
                "trees": [
                    {
                        "feature": [0, 0, 0, 0, 0],
                        "split": [0.5, 0, 0.7, 0, 0],
                        "left": [1, 1, 3, 3, 4],
                        "right": [2, 1, 4, 3, 4],
                        "value": [0, -1, 0, 1, 2],
                    }
                ],
            },
            "deeper",
        ),
    ],
)
def test_a_broken_model_file_is_refused_with_its_reason(
    change: dict[str, object], message: str
) -> None:
    data = load_scorer().to_json()
    data.update(change)
    with pytest.raises(ValueError, match=message):
        scorer_from_json(data)
