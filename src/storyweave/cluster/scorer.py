"""The learned same-story model: logistic regression over :data:`FEATURES`, from a shipped file.

The weights come from ``training/train_scorer.py`` on the development data; the file also
carries the decision threshold and, for the record, the figures measured when it was trained.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .features import FEATURES

MODEL_FILE = "scorer.json"


@dataclass(frozen=True, slots=True)
class Scorer:
    """Probability that an article reports the same event as a story (or another article)."""

    coefficients: np.ndarray
    intercept: float
    means: np.ndarray
    scales: np.ndarray
    threshold: float
    info: dict[str, Any]

    def probability(self, features: np.ndarray) -> float:
        """P(same event) for one feature vector ordered as :data:`FEATURES`."""
        z = float(((features - self.means) / self.scales) @ self.coefficients) + self.intercept
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "coefficients": self.coefficients.tolist(),
            "intercept": self.intercept,
            "means": self.means.tolist(),
            "scales": self.scales.tolist(),
            "threshold": self.threshold,
            "info": self.info,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scorer:
        if list(data["features"]) != list(FEATURES):
            raise ValueError(
                f"scorer was trained on features {data['features']}, expected {list(FEATURES)}"
            )
        return cls(
            coefficients=np.array(data["coefficients"], dtype=np.float64),
            intercept=float(data["intercept"]),
            means=np.array(data["means"], dtype=np.float64),
            scales=np.array(data["scales"], dtype=np.float64),
            threshold=float(data["threshold"]),
            info=dict(data.get("info", {})),
        )


def load_scorer(path: Path | None = None) -> Scorer:
    """The scorer at ``path``, or the one shipped with the package."""
    if path is not None:
        return Scorer.from_json(json.loads(path.read_text(encoding="utf-8")))
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return Scorer.from_json(json.loads(text))
