"""Shared fixtures: paths to the development data that lives beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
SAMPLES = DATA / "samples" / "aleppo-2016"


def need(path: Path) -> Path:
    """``path`` if the development data is present, else skip the test that needs it."""
    if not path.exists():
        pytest.skip(f"development data not found: {path}")
    return path
