"""The per-article work on Ray (a local cluster): the same stories as one process."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyweave import Engine
from storyweave.config import Settings

from .conftest import DATA, SAMPLES, need, read_records

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'storyweave[ray]')")
from storyweave.distributed import RayWorkers  # noqa: E402


@pytest.fixture(scope="module")
def workers() -> Iterator[RayWorkers]:
    with RayWorkers(Settings(), workers=2) as started:
        yield started


def stream() -> list[dict[str, object]]:
    """The sample, then the first VLSP clusters: two languages, several stories."""
    articles = read_records(need(SAMPLES) / "articles.jsonl")
    articles += read_records(need(DATA / "vlsp-abmusu") / "articles.jsonl")[:40]
    return [{k: v for k, v in a.items() if k not in ("lang", "published")} for a in articles]


def test_ray_gives_the_stories_of_one_process(workers: RayWorkers, tmp_path: Path) -> None:
    articles = stream()
    settings = Settings(batch_size=25)
    with Engine(db=tmp_path / "one.db", settings=settings) as engine:
        alone = [(a.article_id, a.story_id) for a in engine.add(articles)]
    with Engine(
        db=tmp_path / "ray.db", settings=settings, preparer=workers, encoder=workers.encoder
    ) as engine:
        spread = [(a.article_id, a.story_id) for a in engine.add(articles)]
        stages = engine.stage_seconds
    assert spread == alone
    assert len({story for _, story in alone}) > 5
    assert stages["encode"] > 0 and stages["cluster"] > 0


def test_cluster_run_writes_the_outputs_of_run(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storyweave.cli import app

    result = CliRunner().invoke(
        app,
        [
            "cluster-run",
            str(need(SAMPLES)),
            "--workers",
            "1",
            "--db",
            str(tmp_path / "s.db"),
            "--out",
            str(tmp_path / "out"),
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    stories = [json.loads(line) for line in (tmp_path / "out" / "stories.jsonl").open()]
    assert sorted(len(s["article_ids"]) for s in stories) == [1, 4]
