"""Directories: recursive, sorted, hidden files skipped, dataset folders read as their articles."""

from __future__ import annotations

import json
from pathlib import Path

from storyweave.ingest import discover

from .helpers import read_all

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "samples" / "aleppo-2016"


def test_recursive_sorted_and_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Two.")
    (tmp_path / "b" / "1.txt").write_text("One.")
    (tmp_path / "a.txt").write_text("A.")
    (tmp_path / "c.txt").write_text("C.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "c.txt~").write_text("backup")
    batch = read_all([str(tmp_path)])
    assert batch.problems == []
    assert batch.ids == ["a", "1", "2", "c"]
    assert [s.origin for s in discover([str(tmp_path)])] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "1.txt"),
        str(tmp_path / "b" / "2.txt"),
        str(tmp_path / "c.txt"),
    ]


def test_unknown_files_in_a_directory_are_reported_documentation_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A.")
    (tmp_path / "data.bin").write_bytes(b"\x00\x01")
    (tmp_path / "Makefile").write_text("all:")
    (tmp_path / "README.md").write_text("# About")
    (tmp_path / "LICENSE.txt").write_text("Apache")
    batch = read_all([str(tmp_path)])
    assert batch.ids == ["a"]
    assert [(p.origin, p.code) for p in batch.problems] == [
        (str(tmp_path / "Makefile"), "E002"),
        (str(tmp_path / "data.bin"), "E002"),
    ]
    assert len(batch.notices) == 2
    assert all("documentation" in notice for notice in batch.notices)


def test_dataset_folder_gives_each_article_once(tmp_path: Path) -> None:
    texts = {"001": "First article\r\nbody.  \r\n", "002": "Second article\nbody."}
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_bytes(text.encode())
    records = [{"id": k, "text": v.replace("\r\n", "\n").strip()} for k, v in texts.items()]
    records.append({"id": "003", "text": "Only in the JSONL."})
    (tmp_path / "articles.jsonl").write_text("\n".join(json.dumps(r) for r in records))
    (tmp_path / "gold.jsonl").write_text('{"id": "001", "story": "s"}\n')
    (tmp_path / "README.md").write_text("# A dataset")
    batch = read_all([str(tmp_path)])
    assert batch.problems == []
    assert batch.ids == ["001", "002", "003"]
    assert sorted(n.split(": ", 1)[0] for n in batch.notices) == [
        str(tmp_path / "README.md"),
        str(tmp_path / "articles.jsonl"),
        str(tmp_path / "gold.jsonl"),
    ]


def test_same_id_with_other_text_is_kept(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("One text.")
    (tmp_path / "y.jsonl").write_text('{"id": "x", "text": "Another text."}\n')
    assert read_all([str(tmp_path)]).ids == ["x", "x"]


def test_bundled_sample_gives_exactly_its_five_articles() -> None:
    if not SAMPLE.exists():
        return
    batch = read_all([str(SAMPLE)])
    assert batch.problems == []
    assert batch.ids == sorted(p.stem for p in SAMPLE.glob("*.txt"))
    assert len(batch.ids) == 5
