"""Shared fixtures: paths to the development data that lives beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyweave.evaluate.runner import read_records
from storyweave.ingest.jsonl import document_from_record
from storyweave.model import Article, InputProblem
from storyweave.pipeline import prepare_article

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
SAMPLES = DATA / "samples" / "aleppo-2016"


def need(path: Path) -> Path:
    """``path`` if the development data is present, else skip the test that needs it."""
    if not path.exists():
        pytest.skip(f"development data not found: {path}")
    return path


@pytest.fixture(scope="session")
def sample_articles() -> list[Article]:
    """The five sample articles cleaned and analysed as the engine does, from the raw texts
    (no language or date given), in file order."""
    articles = []
    for number, record in enumerate(read_records(need(SAMPLES) / "articles.jsonl"), 1):
        record = {k: v for k, v in record.items() if k not in ("lang", "published")}
        document = document_from_record(record, f"articles.jsonl:{number}")
        assert not isinstance(document, InputProblem)
        article = prepare_article(document)
        assert isinstance(article, Article)
        articles.append(article)
    return articles


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store holding the five sample articles, clustered, stories built (do not
    write to it: copy it)."""
    from storyweave import Engine

    path = tmp_path_factory.mktemp("sample-store") / "storyweave.db"
    with Engine(db=path) as engine:
        report = engine.ingest([str(need(SAMPLES))])
        assert report.stored == 5
        engine.build_stories()
    return path
