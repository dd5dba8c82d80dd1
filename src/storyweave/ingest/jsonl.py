"""JSON Lines (``.jsonl``, ``.ndjson``) and ``.json`` files holding a JSON array or JSON Lines.

Both stream: one line (or one array element) at a time, each at most ``max_article_bytes``.
The origin of a record is ``path:LINE``. A malformed line is reported (E105) and the next lines
are still read; a malformed array cannot be resynchronised, so reading stops there.

A file whose first record has no ``text`` field is not an article file (labels such as
``gold.jsonl``): inside a directory it is skipped with a notice, named explicitly it is one
E106 problem for the whole file.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from ..config import Settings
from ..errors import problem
from ..model import InputProblem, RawDocument
from .decode import stream_encoding
from .records import to_document
from .streams import HEAD_BYTES, Opened
from .whole import too_large

__all__ = ["document_from_record", "read_json", "read_jsonl"]

_Line = tuple[int, str | InputProblem]


def read_jsonl(opened: Opened, settings: Settings) -> Iterator[RawDocument | InputProblem]:
    """One document per line; blank lines are ignored."""
    first = True
    for number, line in _lines(opened, settings.max_article_bytes):
        if isinstance(line, InputProblem):
            yield line
            continue
        if not line.strip():
            continue
        origin = f"{opened.origin}:{number}"
        try:
            record = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as error:
            yield problem(origin, "E105", f"{error.msg} (column {error.colno})")
            continue
        except (RecursionError, ValueError) as error:
            yield problem(origin, "E105", _unparsable(error))
            continue
        if first and isinstance(record, dict) and "text" not in record:
            yield from _not_articles(opened, number, record)
            return
        first = False
        yield document_from_record(record, origin, "jsonl")


def read_json(opened: Opened, settings: Settings) -> Iterator[RawDocument | InputProblem]:
    """A ``.json`` file: a JSON array of records, or else JSON Lines."""
    start = opened.head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"["):
        yield from _read_array(opened, settings.max_article_bytes)
    else:
        yield from read_jsonl(opened, settings)


def document_from_record(
    record: Any, origin: str, format: str = "jsonl"
) -> RawDocument | InputProblem:
    """The document one parsed record of the JSON contract describes (E111, E106 if none)."""
    if not isinstance(record, dict):
        return problem(origin, "E111")
    return to_document(record, origin, format)


def _not_articles(opened: Opened, number: int, record: dict[str, Any]) -> Iterator[InputProblem]:
    fields = ", ".join(sorted(record)) or "none"
    if opened.in_directory:
        opened.notice(
            f"{opened.origin}: skipped, its records have no 'text' field (fields: {fields}),"
            " so it holds no articles"
        )
        return
    yield problem(
        opened.origin,
        "E106",
        f"the first record (line {number}) has no 'text' field (fields: {fields});"
        " the file holds no articles",
    )


def _lines(opened: Opened, limit: int) -> Iterator[_Line]:
    """Numbered lines, decoded; a line over ``limit`` bytes or undecodable gives a problem."""
    encoding = stream_encoding(opened.head)
    if encoding in ("utf-8", "utf-8-sig"):
        yield from _utf8_lines(opened, limit)
    else:
        yield from _text_lines(opened, limit, encoding)


def _utf8_lines(opened: Opened, limit: int) -> Iterator[_Line]:
    stream = opened.stream
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        origin = f"{opened.origin}:{number}"
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield number, problem(origin, "E104", too_large(None, limit, "one record"))
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        try:
            yield number, line.decode("utf-8")
        except UnicodeDecodeError as error:
            yield (
                number,
                problem(origin, "E103", f"invalid UTF-8 at byte {error.start} of the line"),
            )


def _text_lines(opened: Opened, limit: int, encoding: str) -> Iterator[_Line]:
    text = io.TextIOWrapper(opened.stream, encoding=encoding, newline=None)
    number = 0
    try:
        while line := text.readline(limit + 1):
            number += 1
            if len(line.encode("utf-8")) > limit and not line.endswith("\n"):
                while (rest := text.readline(HEAD_BYTES)) and not rest.endswith("\n"):
                    pass
                origin = f"{opened.origin}:{number}"
                yield number, problem(origin, "E104", too_large(None, limit, "one record"))
                continue
            yield number, line.lstrip("\ufeff") if number == 1 else line
    except UnicodeDecodeError as error:
        origin = f"{opened.origin}:{number + 1}"
        yield number + 1, problem(origin, "E103", f"invalid {encoding}: {error.reason}")
    finally:
        text.detach()


def _unparsable(error: RecursionError | ValueError) -> str:
    """Why valid-looking JSON was not parsed: nested too deeply, or a number too long."""
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error).split(";")[0]


def _skip_rest_of_line(stream: io.BufferedReader) -> None:
    while (chunk := stream.readline(HEAD_BYTES)) and not chunk.endswith(b"\n"):
        pass


def _read_array(opened: Opened, limit: int) -> Iterator[RawDocument | InputProblem]:
    """The elements of a top-level JSON array, parsed one at a time from a growing buffer."""
    text = io.TextIOWrapper(opened.stream, encoding=stream_encoding(opened.head))
    decoder = json.JSONDecoder()
    line = 1
    at_end = False
    first = True
    try:
        buffer = text.read(HEAD_BYTES).lstrip("\ufeff")
        # The bytes start with "[", but a guessed encoding may read them otherwise.
        position = buffer.find("[") + 1
        if not position:
            yield problem(f"{opened.origin}:1", "E105", "no array found")
            return
        line += buffer.count("\n", 0, position)
        while True:
            # Skip whitespace and the comma between elements, reading more when needed.
            while True:
                while position < len(buffer) and buffer[position] in " \t\r\n,":
                    line += buffer[position] == "\n"
                    position += 1
                if position < len(buffer) or at_end:
                    break
                buffer, position = buffer[position:], 0
                more = text.read(HEAD_BYTES)
                at_end = not more
                buffer += more
            origin = f"{opened.origin}:{line}"
            if position >= len(buffer):
                yield problem(origin, "E105", "the array is not closed")
                return
            if buffer[position] == "]":
                return
            try:
                record, end = decoder.raw_decode(buffer, position)
            except (RecursionError, ValueError) as error:
                if not isinstance(error, json.JSONDecodeError):
                    yield problem(origin, "E105", _unparsable(error))
                    return
                pending = len(buffer) - position
                incomplete = error.pos >= len(buffer) - 1 or error.msg.startswith("Unterminated")
                if not incomplete:
                    yield problem(origin, "E105", f"{error.msg} (line {error.lineno})")
                    return
                if pending > limit:
                    yield problem(origin, "E104", too_large(None, limit, "one record"))
                    return
                if at_end:
                    yield problem(origin, "E105", f"{error.msg} (line {error.lineno})")
                    return
                # Read as much again as is pending, so that re-parsing stays linear overall.
                more = text.read(max(HEAD_BYTES, pending))
                at_end = not more
                buffer, position = buffer[position:] + more, 0
                continue
            if first and isinstance(record, dict) and "text" not in record:
                yield from _not_articles(opened, line, record)
                return
            first = False
            yield document_from_record(record, origin, "json")
            line += buffer.count("\n", position, end)
            position = end
    except UnicodeDecodeError as error:
        yield problem(f"{opened.origin}:{line}", "E103", f"cannot decode: {error.reason}")
    finally:
        text.detach()
