"""The learned same-story model, from a shipped file: P(same event) from :data:`FEATURES`.

Two kinds of model serve one interface (:class:`Scorer`):

- :class:`TreeScorer`, the shipped one: gradient-boosted decision trees, kept monotone in the
  evidence (more meaning, word or name overlap never lowers the probability, a longer time gap
  never raises it), so that it can weigh one signal differently depending on another (word
  overlap across languages is zero by construction, not evidence against; a large story asks
  more of an article than a single one does) without rewarding less evidence.
- :class:`LinearScorer`: logistic regression, for hand-set models whose behaviour is easy to
  reason about.

The weights come from ``training/train_scorer.py`` on the development data; the file also
carries the decision threshold and, for the record, the figures measured when it was trained.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .features import FEATURES

MODEL_FILE = "scorer.json"


class Scorer(Protocol):
    """What the clusterer needs of a model: probabilities and the threshold that opens a story."""

    @property
    def threshold(self) -> float: ...

    @property
    def info(self) -> dict[str, Any]: ...

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P(same event) for each row of a matrix of feature vectors ordered as :data:`FEATURES`."""
        ...

    def probability(self, features: np.ndarray) -> float:
        """P(same event) for one feature vector."""
        ...

    def to_json(self) -> dict[str, Any]: ...


def _logistic(margin: np.ndarray) -> np.ndarray:
    result: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(margin, -40.0, 40.0)))
    return result


@dataclass(frozen=True, slots=True)
class LinearScorer:
    """Logistic regression over standardised features."""

    coefficients: np.ndarray
    intercept: float
    means: np.ndarray
    scales: np.ndarray
    threshold: float
    info: dict[str, Any]

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        margin = ((np.atleast_2d(rows) - self.means) / self.scales) @ self.coefficients
        return _logistic(margin + self.intercept)

    def probability(self, features: np.ndarray) -> float:
        return float(self.probabilities(features)[0])

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "linear",
            "features": list(FEATURES),
            "coefficients": self.coefficients.tolist(),
            "intercept": self.intercept,
            "means": self.means.tolist(),
            "scales": self.scales.tolist(),
            "threshold": self.threshold,
            "info": self.info,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearScorer:
        return cls(
            coefficients=np.array(data["coefficients"], dtype=np.float64),
            intercept=float(data["intercept"]),
            means=np.array(data["means"], dtype=np.float64),
            scales=np.array(data["scales"], dtype=np.float64),
            threshold=float(data["threshold"]),
            info=dict(data.get("info", {})),
        )


@dataclass(frozen=True, slots=True)
class TreeScorer:
    """Boosted decision trees: the logistic function of ``baseline`` plus one leaf value per tree.

    The trees are flat arrays, one row per tree, padded to the same number of nodes. At node
    ``k`` of tree ``t`` a row goes to ``left[t, k]`` when its feature ``feature[t, k]`` is at
    most ``split[t, k]``, else to ``right[t, k]``; a leaf points to itself, so ``depth`` steps
    bring every row to its leaf in every tree at once, whose ``value`` it adds.
    """

    baseline: float
    feature: np.ndarray
    split: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int
    threshold: float
    info: dict[str, Any]

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        rows = np.atleast_2d(rows)
        trees = np.arange(self.feature.shape[0])[None, :]
        row = np.arange(rows.shape[0])[:, None]
        node = np.zeros((rows.shape[0], self.feature.shape[0]), dtype=np.intp)
        for _step in range(self.depth):
            go_left = rows[row, self.feature[trees, node]] <= self.split[trees, node]
            node = np.where(go_left, self.left[trees, node], self.right[trees, node])
        return _logistic(self.baseline + self.value[trees, node].sum(axis=1))

    def probability(self, features: np.ndarray) -> float:
        return float(self.probabilities(features)[0])

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "trees",
            "features": list(FEATURES),
            "baseline": self.baseline,
            "depth": self.depth,
            "trees": [
                {
                    "feature": self.feature[t].tolist(),
                    "split": self.split[t].tolist(),
                    "left": self.left[t].tolist(),
                    "right": self.right[t].tolist(),
                    "value": self.value[t].tolist(),
                }
                for t in range(self.feature.shape[0])
            ],
            "threshold": self.threshold,
            "info": self.info,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TreeScorer:
        trees = data["trees"]
        width = max(len(tree["value"]) for tree in trees)

        def column(name: str, dtype: type) -> np.ndarray:
            table: np.ndarray = np.zeros((len(trees), width), dtype=dtype)
            for t, tree in enumerate(trees):
                table[t, : len(tree[name])] = tree[name]
            return table

        feature, left, right = (column(name, np.intp) for name in ("feature", "left", "right"))
        if feature.size and (feature.min() < 0 or feature.max() >= len(FEATURES)):
            raise ValueError("scorer trees use a feature index outside the feature list")
        if left.size and (
            min(left.min(), right.min()) < 0 or max(left.max(), right.max()) >= width
        ):
            raise ValueError("scorer trees point outside themselves")
        depth = int(data["depth"])
        _check_depth(left, right, depth)
        return cls(
            baseline=float(data["baseline"]),
            feature=feature,
            split=column("split", np.float64),
            left=left,
            right=right,
            value=column("value", np.float64),
            depth=depth,
            threshold=float(data["threshold"]),
            info=dict(data.get("info", {})),
        )


def _check_depth(left: np.ndarray, right: np.ndarray, depth: int) -> None:
    """Refuse trees in which ``depth`` steps from the root can end on an inner node (a leaf
    points to itself): a row would stop there and read a value that is not a leaf's."""
    for t in range(left.shape[0]):
        reached = {0}
        for _step in range(depth):
            reached = {int(left[t, k]) for k in reached} | {int(right[t, k]) for k in reached}
        if any(left[t, k] != k or right[t, k] != k for k in reached):
            raise ValueError(f"scorer tree {t} is deeper than the depth of {depth} its file gives")


def scorer_from_json(data: dict[str, Any]) -> LinearScorer | TreeScorer:
    """The model a scorer file describes (a file without ``kind`` holds a linear model)."""
    if list(data["features"]) != list(FEATURES):
        raise ValueError(
            f"scorer was trained on features {data['features']}, expected {list(FEATURES)}"
        )
    kind = data.get("kind", "linear")
    if kind == "trees":
        return TreeScorer.from_json(data)
    if kind == "linear":
        return LinearScorer.from_json(data)
    raise ValueError(f"unknown scorer kind {kind!r} (known: linear, trees)")


def load_scorer(path: Path | None = None) -> LinearScorer | TreeScorer:
    """The scorer at ``path``, or the one shipped with the package."""
    if path is not None:
        return scorer_from_json(json.loads(path.read_text(encoding="utf-8")))
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return scorer_from_json(json.loads(text))
