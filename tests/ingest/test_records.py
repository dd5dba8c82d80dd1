"""Multi-record files: JSON Lines, JSON arrays, CSV and TSV."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from storyweave.config import Settings
from storyweave.ingest.jsonl import document_from_record
from storyweave.model import InputProblem, RawDocument

from .helpers import read_all


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


def test_jsonl_contract_fields_and_metadata(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "in.jsonl",
        [
            {
                "id": 17,
                "title": "Kerry on Syria",
                "text": "Body\r\ntext.",
                "published": "2016-02-22",
                "source": "VnExpress",
                "url": "https://example.org/a",
                "lang": "vi",
                "section": "world",
                "tags": ["syria"],
            }
        ],
    )
    (document,) = read_all([str(path)]).documents
    assert document.id == "17"
    assert (document.title, document.published, document.source) == (
        "Kerry on Syria",
        "2016-02-22",
        "VnExpress",
    )
    assert (document.url, document.lang, document.format) == (
        "https://example.org/a",
        "vi",
        "jsonl",
    )
    assert document.text == "Body\ntext."
    assert document.metadata == {"section": "world", "tags": ["syria"]}
    assert document.origin == f"{path}:1"


def test_jsonl_records_without_text_and_non_objects(tmp_path: Path) -> None:
    path = tmp_path / "in.ndjson"
    path.write_text(
        '{"id": "a", "text": "One."}\n\n{"id": "b", "text": "  "}\n[1, 2]\n{"id": "c"}\n'
    )
    batch = read_all([str(path)])
    assert batch.ids == ["a"]
    assert [(p.origin, p.code) for p in batch.problems] == [
        (f"{path}:3", "E106"),
        (f"{path}:4", "E111"),
        (f"{path}:5", "E106"),
    ]
    assert batch.problems[0].reason == "record has no text: id b: 'text' is empty"


def test_jsonl_line_over_the_limit(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "big.jsonl",
        [{"id": "a", "text": "ok"}, {"id": "b", "text": "x" * 5000}, {"id": "c", "text": "ok"}],
    )
    batch = read_all([str(path)], Settings(max_article_bytes=1000))
    assert batch.ids == ["a", "c"]
    assert [(p.origin, p.code) for p in batch.problems] == [(f"{path}:2", "E104")]


def test_jsonl_gz_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(gzip.compress(b'\xef\xbb\xbf{"id": "a", "text": "Gzipped."}\n'))
    assert read_all([str(path)]).ids == ["a"]


def test_jsonl_utf16(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes(
        '{"id": "a", "text": "Hà Nội"}\r\n{"id": "b", "text": "Huế"}\r\n'.encode("utf-16")
    )
    batch = read_all([str(path)])
    assert [d.text for d in batch.documents] == ["Hà Nội", "Huế"]


def test_labels_file_named_explicitly_is_one_problem(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", [{"id": "a", "story": "s1"}] * 50)
    problem = read_all([str(path)]).only_problem()
    assert (problem.origin, problem.code) == (str(path), "E106")
    assert "fields: id, story" in problem.reason


def test_json_array(tmp_path: Path) -> None:
    records = [{"id": f"r{i}", "text": f"Article {i}.\n" * 3, "extra": i} for i in range(300)]
    path = tmp_path / "all.json"
    path.write_text(json.dumps(records, indent=2))
    batch = read_all([str(path)])
    assert batch.problems == []
    assert batch.ids == [f"r{i}" for i in range(300)]
    assert batch.documents[5].metadata == {"extra": 5}
    assert batch.documents[0].origin == f"{path}:2"


def test_json_array_with_large_records_and_a_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "all.json"
    body = json.dumps([{"id": "big", "text": "word " * 40_000}, {"id": "ok", "text": "fine"}])
    path.write_text(body[:-1] + ', {"id": oops}]')
    batch = read_all([str(path)])
    assert batch.ids == ["big", "ok"]
    assert [p.code for p in batch.problems] == ["E105"]


def test_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "lines.json", [{"id": "a", "text": "A."}, {"id": "b", "text": "B."}]
    )
    assert read_all([str(path)]).ids == ["a", "b"]


def test_csv_with_body_column_and_extra_columns(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text(
        "ID,Title,Body,Published,Section\r\n"
        '1,Storm,"First line.\r\nSecond line, with a comma.",2021-01-02,weather\r\n'
        "2,Empty,,2021-01-03,misc\r\n"
        "3,Calm,Quiet day.,,weather\r\n",
        encoding="utf-8",
    )
    batch = read_all([str(path)])
    assert batch.ids == ["1", "3"]
    first = batch.documents[0]
    assert first.text == "First line.\nSecond line, with a comma."
    assert (first.title, first.published, first.format) == ("Storm", "2021-01-02", "csv")
    assert first.metadata == {"section": "weather"}
    assert first.origin == f"{path}:2"
    assert batch.documents[1].origin == f"{path}:5"
    assert [(p.origin, p.code) for p in batch.problems] == [(f"{path}:4", "E106")]


def test_tsv_and_semicolon_csv(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("id\ttext\nx\tTab separated.\n")
    (tmp_path / "b.csv").write_text("id;text;lang\ny;Semicolon separated, really.;en\n")
    batch = read_all([str(tmp_path / "a.tsv"), str(tmp_path / "b.csv")])
    assert [(d.id, d.text) for d in batch.documents] == [
        ("x", "Tab separated."),
        ("y", "Semicolon separated, really."),
    ]
    assert batch.documents[1].lang == "en"


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("id,story\na,s1\n")
    problem = read_all([str(path)]).only_problem()
    assert (problem.origin, problem.code) == (str(path), "E109")
    assert "columns: id, story" in problem.reason


def test_csv_field_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(f"id,text\na,short\nb,{'x' * 5000}\nc,fine\n")
    batch = read_all([str(path)], Settings(max_article_bytes=1000))
    assert [(p.origin, p.code) for p in batch.problems] == [(f"{path}:3", "E104")]
    assert batch.problems[0].reason == "too large: over the 1000 bytes limit for one field"
    assert batch.ids == ["a", "c"]


def test_labels_array_in_a_directory_is_skipped_with_a_notice(tmp_path: Path) -> None:
    (tmp_path / "labels.json").write_text(json.dumps([{"id": "a", "story": "s"}] * 3))
    (tmp_path / "a.txt").write_text("Article.")
    batch = read_all([str(tmp_path)])
    assert (batch.ids, batch.problems) == (["a"], [])
    assert "no 'text' field" in batch.notices[0]


def test_document_from_record() -> None:
    document = document_from_record({"id": 3, "text": "Hi.", "x": 1}, "<api>[0]")
    assert isinstance(document, RawDocument)
    assert (document.id, document.metadata, document.origin) == ("3", {"x": 1}, "<api>[0]")
    refused = document_from_record(["not", "a", "dict"], "<api>[1]")
    assert isinstance(refused, InputProblem) and refused.code == "E111"
