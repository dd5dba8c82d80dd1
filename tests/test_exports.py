"""Exports of stories: JSON Lines, CSV, Markdown and one self-contained HTML page."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyweave import Engine
from storyweave.exports import CSV_COLUMNS, UnknownStories, export_stories


@pytest.fixture()
def engine(sample_db: Path, tmp_path: Path) -> Iterator[Engine]:
    db = tmp_path / "store.db"
    shutil.copyfile(sample_db, db)
    with Engine(db=db) as opened:
        yield opened


def aleppo(engine: Engine) -> str:
    return next(s.id for s in engine.stories() if len(s.article_ids) == 4)


def test_jsonl_holds_every_story_biggest_first(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "stories.jsonl"
    assert export_stories(engine, "jsonl", path) == 2
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [len(r["article_ids"]) for r in records] == [4, 1]
    assert records[0]["headline"] and records[0]["discrepancies"]


def test_selected_stories_come_in_the_order_asked(engine: Engine, tmp_path: Path) -> None:
    ids = [s.id for s in engine.stories()]
    path = tmp_path / "two.jsonl"
    export_stories(engine, "jsonl", path, story_ids=[ids[1], ids[0], ids[1]])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [ids[1], ids[0]]


def test_csv_is_one_row_per_story_with_the_disagreements(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "stories.csv"
    export_stories(engine, "csv", path, story_ids=[aleppo(engine)])
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(rows) == 1 and tuple(rows[0]) == CSV_COLUMNS
    row = rows[0]
    assert row["article_count"] == "4" and row["languages"] == "en | vi"
    assert "700,000" in row["discrepancies"] and "300,000" in row["discrepancies"]
    assert "Shoigu" in row["entities"]


@pytest.mark.parametrize(("fmt", "marker"), [("md", "# Stories"), ("html", "<!DOCTYPE html>")])
def test_reports_hold_the_selected_story_only(
    engine: Engine, tmp_path: Path, fmt: str, marker: str
) -> None:
    story_id = aleppo(engine)
    path = tmp_path / f"report.{fmt}"
    export_stories(engine, fmt, path, story_ids=[story_id])  # type: ignore[arg-type]
    text = path.read_text(encoding="utf-8")
    assert text.startswith(marker)
    headline = engine.story(story_id).headline  # type: ignore[union-attr]
    assert headline and headline.split()[0] in text
    other = next(s for s in engine.stories() if s.id != story_id)
    assert other.id not in text


def test_an_unknown_story_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "stories.jsonl"
    path.write_text("kept\n", encoding="utf-8")
    with pytest.raises(UnknownStories, match="nope"):
        export_stories(engine, "jsonl", path, story_ids=[aleppo(engine), "nope"])
    assert path.read_text(encoding="utf-8") == "kept\n"
