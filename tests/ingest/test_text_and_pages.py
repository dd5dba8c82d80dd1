"""Single-article files: plain text and HTML pages, plain or gzip-compressed."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

from .helpers import ARTICLE_HTML, read_all


def test_text_file_gives_whole_text_and_id_from_name(tmp_path: Path) -> None:
    path = tmp_path / "004_eb640161b00f142c.txt"
    path.write_bytes(b"Title line\r\n\r\nFirst paragraph.\rSecond line.\r\n")
    (document,) = read_all([str(path)]).documents
    assert document.id == "004_eb640161b00f142c"
    assert document.text == "Title line\n\nFirst paragraph.\nSecond line.\n"
    assert (document.origin, document.format, document.title) == (str(path), "text", None)


def test_ids_keep_inner_dots(tmp_path: Path) -> None:
    path = tmp_path / "report.v2.txt"
    path.write_text("Some text.")
    assert read_all([str(path)]).ids == ["report.v2"]


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Đà Nẵng\r\n".encode())
    assert read_all([str(path)]).documents[0].text == "Đà Nẵng\n"


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Привет, мир\r\n".encode("utf-16"))
    assert read_all([str(path)]).documents[0].text == "Привет, мир\n"


def test_legacy_encoding_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = "Le café est très bon, la forêt est belle et l'été arrive à grands pas."
    path.write_bytes(text.encode("cp1252"))
    assert read_all([str(path)]).documents[0].text == text


def test_gzipped_text_and_html(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"Packed article.\n"))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(ARTICLE_HTML.encode()))
    batch = read_all([str(tmp_path / "a.txt.gz"), str(tmp_path / "b.html.gz")])
    assert batch.problems == []
    assert batch.ids == ["a", "b"]
    assert batch.documents[0].text == "Packed article.\n"
    assert batch.documents[1].format == "html"


def test_gz_without_inner_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.gz").write_bytes(gzip.compress(ARTICLE_HTML.encode()))
    (document,) = read_all([str(tmp_path / "page.gz")]).documents
    assert document.format == "html"
    assert document.title == "Ceasefire agreed in Aleppo"


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "aleppo.htm"
    path.write_text(ARTICLE_HTML)
    (document,) = read_all([str(path)]).documents
    assert document.id == "aleppo"
    assert document.format == "html"
    assert document.title == "Ceasefire agreed in Aleppo"
    assert document.text.startswith("Russia and the United States agreed")
    assert "Home" not in document.text
    assert document.published is not None and document.published.startswith("2016-08-12")


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = ARTICLE_HTML.replace("<head>", '<head><meta charset="windows-1251">').replace(
        "Aid agencies welcomed", "Агентства приветствовали"
    )
    path = tmp_path / "cyrillic.html"
    path.write_bytes(page.encode("cp1251"))
    (document,) = read_all([str(path)]).documents
    assert "Агентства приветствовали" in document.text
