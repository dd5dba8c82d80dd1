"""Bad input: one clear problem naming the file (and line), and the good inputs still read."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

from storyweave.config import Settings

from .helpers import read_all

GOOD_TEXT = "Floods in the valley\n\nThe river burst its banks on Tuesday night.\n"


def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def test_binary_file(tmp_path: Path) -> None:
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    batch = read_all([str(bad), str(good_file(tmp_path))])
    found = batch.only_problem()
    assert (found.origin, found.code) == (str(bad), "E102")
    assert "NUL byte" in found.reason
    assert batch.ids == ["good"]


def test_empty_file(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    blank = tmp_path / "blank.html"
    blank.write_bytes(b" \n\t\n")
    batch = read_all([str(bad), str(blank), str(good_file(tmp_path))])
    assert [(p.origin, p.code) for p in batch.problems] == [
        (str(bad), "E101"),
        (str(blank), "E101"),
    ]
    assert str(batch.problems[0]) == f"{bad}: empty file [E101]"
    assert batch.ids == ["good"]


def test_invalid_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "broken.txt"
    valid = "Xin chào thế giới. Hà Nội hôm nay trời mưa.".encode()
    bad.write_bytes(valid + b" \xc3\x28 " + valid)
    batch = read_all([str(bad), str(good_file(tmp_path))])
    found = batch.only_problem()
    assert (found.origin, found.code) == (str(bad), "E103")
    assert f"invalid UTF-8 at byte {len(valid) + 1}" in found.reason
    assert batch.ids == ["good"]


def test_file_of_200_mb_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    started = time.monotonic()
    batch = read_all([str(huge), str(good_file(tmp_path))])
    assert time.monotonic() - started < 2
    found = batch.only_problem()
    assert (found.origin, found.code) == (str(huge), "E104")
    assert found.reason == "too large: 200.0 MB > 5.0 MB limit for one article"
    assert batch.ids == ["good"]


def test_gzip_bomb_is_cut_at_the_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as handle:
        for _ in range(50):
            handle.write(b"a" * 1_000_000)
    assert bomb.stat().st_size < 1_000_000
    batch = read_all([str(bomb), str(good_file(tmp_path))], Settings(max_article_bytes=1_000_000))
    found = batch.only_problem()
    assert (found.origin, found.code) == (str(bomb), "E104")
    assert "(decompressed)" in found.reason
    assert batch.ids == ["good"]


def test_corrupt_gzip(tmp_path: Path) -> None:
    bad = tmp_path / "cut.txt.gz"
    bad.write_bytes(gzip.compress(GOOD_TEXT.encode() * 100)[:60])
    batch = read_all([str(bad), str(good_file(tmp_path))])
    found = batch.only_problem()
    assert (found.origin, found.code) == (str(bad), "E112")
    assert batch.ids == ["good"]


def test_malformed_json_line_keeps_the_other_lines(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "First article."}),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c", "text": "Third article."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batch = read_all([str(path), str(good_file(tmp_path))])
    found = batch.only_problem()
    assert (found.origin, found.code) == (f"{path}:2", "E105")
    assert "Unterminated string" in found.reason
    assert batch.ids == ["a", "c", "good"]


def test_html_without_body(tmp_path: Path) -> None:
    bad = tmp_path / "empty-page.html"
    bad.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    batch = read_all([str(bad), str(good_file(tmp_path))])
    found = batch.only_problem()
    assert (found.origin, found.code) == (str(bad), "E107")
    assert batch.ids == ["good"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><description>&lol9;</description></item>
</channel></rss>
"""


def test_xml_bomb_in_a_feed_is_refused_quickly(tmp_path: Path) -> None:
    bomb = tmp_path / "lolz.rss"
    bomb.write_text(BILLION_LAUGHS)
    started = time.monotonic()
    batch = read_all([str(bomb), str(good_file(tmp_path))])
    assert time.monotonic() - started < 2
    found = batch.only_problem()
    assert (found.origin, found.code) == (str(bomb), "E108")
    assert "entity" in found.reason
    assert batch.ids == ["good"]


def test_unknown_extension(tmp_path: Path) -> None:
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"%PDF-1.4 ...")
    batch = read_all([str(bad), str(good_file(tmp_path))])
    found = batch.only_problem()
    assert (found.origin, found.code) == (str(bad), "E002")
    assert "'.pdf'" in found.reason
    assert batch.ids == ["good"]


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    batch = read_all([str(missing), str(good_file(tmp_path))])
    found = batch.only_problem()
    assert str(found) == f"{missing}: no such file or directory [E001]"
    assert batch.ids == ["good"]


def test_directory_named_like_a_file_is_walked(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    (folder / "inner.txt").write_text(GOOD_TEXT)
    batch = read_all([str(folder)])
    assert batch.ids == ["inner"]
