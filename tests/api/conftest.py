"""Servers over copies of the sample store (``sample_db``, in the top conftest)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyweave.api import create_app
from storyweave.config import Settings
from tests.api.live_server import live_server


def copy_store(source: Path, folder: Path) -> Path:
    """A copy of a (closed) store file to write to."""
    target = folder / source.name
    shutil.copyfile(source, target)
    return target


@pytest.fixture(scope="module")
def sample_server(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a server over a copy of the sample store (for reads)."""
    db = copy_store(sample_db, tmp_path_factory.mktemp("served"))
    with live_server(create_app(Settings(db=db))) as url:
        yield url
