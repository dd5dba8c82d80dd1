"""Bytes to text."""

from __future__ import annotations

from storyweave.ingest.decode import decode, looks_binary, split_content_type, stream_encoding
from storyweave.model import InputProblem


def test_declared_charset_is_used() -> None:
    assert decode("Łódź".encode("iso-8859-2"), "x", "iso-8859-2") == "Łódź"


def test_utf8_declared_as_latin1_is_read_as_utf8() -> None:
    assert decode("Zürich".encode(), "x", "iso-8859-1") == "Zürich"


def test_utf32_bom() -> None:
    assert decode("Huế\r\n".encode("utf-32"), "x") == "Huế\n"


def test_control_bytes_are_binary() -> None:
    assert looks_binary(bytes([1, 2, 3, 4, 5]) * 100 + b"text") is not None
    assert looks_binary(b"plain text\n\tindented\f") is None
    result = decode(b"\x01\x02\x03\x04" * 50, "x")
    assert isinstance(result, InputProblem) and result.code == "E102"


def test_content_type_and_stream_encoding() -> None:
    assert split_content_type('text/html; Charset="UTF-8"') == ("text/html", "utf-8")
    assert split_content_type(None) == (None, None)
    # A head cut inside a multi-byte character is still UTF-8.
    assert stream_encoding("日本語".encode()[:-1]) == "utf-8"
