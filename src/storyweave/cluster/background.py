"""Background knowledge a fresh store starts from: how common each term and name is, and each
language's mean vector — statistics of a large mixed collection of news, shipped with the
package (``background.json``, written by ``training/train_scorer.py``).

Without it, the first articles of a stream would weigh "Russia" like a rarely named minister
and could not correct for language bias. As articles arrive, the stream's own counts are added
to these.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..represent.lexical import DocumentFrequencies

BACKGROUND_FILE = "background.json"


@dataclass(slots=True)
class Background:
    """Prior document frequencies (terms per language; names) and per-language mean vectors."""

    terms: DocumentFrequencies = field(default_factory=DocumentFrequencies)
    names: DocumentFrequencies = field(default_factory=DocumentFrequencies)
    language_means: dict[str, np.ndarray] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "terms": self.terms.to_state(),
            "names": self.names.to_state(),
            "language_means": {k: v.round(6).tolist() for k, v in self.language_means.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Background:
        return cls(
            terms=DocumentFrequencies.from_state(data["terms"]),
            names=DocumentFrequencies.from_state(data["names"]),
            language_means={
                k: np.array(v, dtype=np.float64) for k, v in data["language_means"].items()
            },
        )


def load_background(path: Path | None = None) -> Background:
    """The background at ``path``, or the one shipped with the package (empty if none)."""
    if path is not None:
        return Background.from_json(json.loads(path.read_text(encoding="utf-8")))
    shipped = resources.files(__package__).joinpath(BACKGROUND_FILE)
    if not shipped.is_file():
        return Background()
    return Background.from_json(json.loads(shipped.read_text(encoding="utf-8")))
