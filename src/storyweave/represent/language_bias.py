"""Language-bias correction for multilingual vectors: subtract each language's mean vector.

Raw multilingual cosine is dominated by language: two unrelated articles in one language sit
closer than two reports of one event in different languages. Each language's running mean holds
that shared direction; removing it and re-normalising leaves what the article is about.
"""

from __future__ import annotations

import io
from typing import Any, Literal, cast

import numpy as np

from .encoders import normalize_rows

#: Articles a language needs before its own mean is trusted; fewer give a noisy mean that
#: would pull an article towards its few neighbours.
MIN_LANGUAGE_COUNT = 20

Fallback = Literal["global", "none"]


class LanguageCentroids:
    """Per-language running mean vectors (count and float64 sum), updated as articles arrive.

    ``correct`` subtracts the language's mean and re-normalises. A language seen fewer than
    ``min_count`` times is corrected with the global mean (the unweighted average of the
    means of languages that have reached ``min_count``; the mean of everything seen while
    none has) when ``fallback="global"``, or left as it is when ``fallback="none"``.

    >>> centroids = LanguageCentroids(dim=2, min_count=1)
    >>> centroids.update("en", np.array([[1.0, 0.0], [0.0, 1.0]]))
    >>> [round(float(x), 3) for x in centroids.correct("en", np.array([1.0, 0.0]))[0]]
    [0.707, -0.707]
    """

    def __init__(
        self, dim: int, min_count: int = MIN_LANGUAGE_COUNT, fallback: Fallback = "global"
    ) -> None:
        if dim < 1:
            raise ValueError("dim must be at least 1")
        if fallback not in ("global", "none"):
            raise ValueError(f"fallback must be 'global' or 'none', not {fallback!r}")
        self.dim = dim
        self.min_count = min_count
        self.fallback: Fallback = fallback
        self._counts: dict[str, int] = {}
        self._sums: dict[str, np.ndarray] = {}

    def languages(self) -> list[str]:
        """Languages seen so far, sorted."""
        return sorted(self._counts)

    def count(self, lang: str) -> int:
        """Vectors seen for ``lang``."""
        return self._counts.get(lang, 0)

    def update(self, lang: str, vectors: np.ndarray) -> None:
        """Add ``vectors`` (one row each, or a single vector) to ``lang``'s running mean."""
        rows = self._rows(vectors)
        if not len(rows):
            return
        total = self._sums.get(lang)
        if total is None:
            total = np.zeros(self.dim, dtype=np.float64)
            self._sums[lang] = total
        total += rows.astype(np.float64).sum(axis=0)
        self._counts[lang] = self._counts.get(lang, 0) + len(rows)

    def mean(self, lang: str) -> np.ndarray | None:
        """The mean vector ``correct`` subtracts for ``lang``, or ``None`` for no correction."""
        count = self._counts.get(lang, 0)
        if count >= self.min_count and count > 0:
            return self._sums[lang] / count
        if self.fallback == "none":
            return None
        return self.global_mean()

    def global_mean(self) -> np.ndarray | None:
        """The unweighted average of the trusted languages' means (see the class docstring)."""
        trusted = [lang for lang in sorted(self._counts) if self._counts[lang] >= self.min_count]
        if trusted:
            means = np.array([self._sums[lang] / self._counts[lang] for lang in trusted])
            average: np.ndarray = means.mean(axis=0)
            return average
        seen = sum(self._counts.values())
        if seen == 0:
            return None
        total = np.zeros(self.dim, dtype=np.float64)
        for lang in sorted(self._sums):
            total += self._sums[lang]
        return total / seen

    def correct(self, lang: str, vectors: np.ndarray) -> np.ndarray:
        """``vectors`` minus ``lang``'s mean, re-normalised to unit rows (float32)."""
        rows = self._rows(vectors)
        mean = self.mean(lang)
        if mean is None:
            return normalize_rows(rows)
        return normalize_rows(rows.astype(np.float64) - mean)

    def to_state(self) -> dict[str, Any]:
        """Plain data (JSON-ready lists) that :meth:`from_state` turns back into an equal object."""
        return {
            "dim": self.dim,
            "min_count": self.min_count,
            "fallback": self.fallback,
            "languages": {
                lang: {"count": self._counts[lang], "sum": self._sums[lang].tolist()}
                for lang in sorted(self._counts)
            },
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> LanguageCentroids:
        """Rebuild from :meth:`to_state` output."""
        centroids = cls(int(state["dim"]), int(state["min_count"]), state["fallback"])
        for lang, entry in state["languages"].items():
            total = np.asarray(entry["sum"], dtype=np.float64)
            if total.shape != (centroids.dim,):
                raise ValueError(f"language {lang!r}: sum has shape {total.shape}")
            centroids._sums[lang] = total.copy()
            centroids._counts[lang] = int(entry["count"])
        return centroids

    def to_bytes(self) -> bytes:
        """A compact, exact binary form (NumPy ``.npz``) for a store's blob column."""
        langs = sorted(self._counts)
        buffer = io.BytesIO()
        np.savez(
            buffer,
            header=np.array([self.dim, self.min_count], dtype=np.int64),
            fallback=np.array(self.fallback),
            languages=np.array(langs, dtype=np.str_),
            counts=np.array([self._counts[lang] for lang in langs], dtype=np.int64),
            sums=np.array([self._sums[lang] for lang in langs], dtype=np.float64).reshape(
                len(langs), self.dim
            ),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LanguageCentroids:
        """Rebuild from :meth:`to_bytes` output."""
        with np.load(io.BytesIO(data), allow_pickle=False) as blob:
            dim, min_count = (int(v) for v in blob["header"])
            centroids = cls(dim, min_count, cast(Fallback, str(blob["fallback"])))
            for lang, count, total in zip(
                blob["languages"], blob["counts"], blob["sums"], strict=True
            ):
                centroids._counts[str(lang)] = int(count)
                centroids._sums[str(lang)] = np.array(total, dtype=np.float64)
        return centroids

    def _rows(self, vectors: np.ndarray) -> np.ndarray:
        rows = np.asarray(vectors)
        if rows.ndim == 1:
            rows = rows[None, :]
        if rows.ndim != 2 or rows.shape[1] != self.dim:
            raise ValueError(f"expected vectors of dimension {self.dim}, got shape {rows.shape}")
        return rows
