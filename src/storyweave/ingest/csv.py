"""CSV and TSV files: a header row, then one article per row.

The text column is ``text`` (or else ``body``, ``content`` or ``article``); the other contract
columns are taken by name, any other column is kept in ``metadata``. Header names are matched
without regard to case or surrounding spaces. A ``.csv`` file may use ``,``, ``;`` or ``|``
(sniffed from its first lines); ``.tsv`` uses tabs. The origin of a row is ``path:LINE``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..config import Settings
from ..errors import problem
from ..model import InputProblem, RawDocument
from .decode import stream_encoding
from .records import to_document
from .streams import Opened
from .whole import too_large

__all__ = ["TEXT_COLUMNS", "read_csv", "read_tsv"]

#: Column names accepted for the article text, in order of preference.
TEXT_COLUMNS = ("text", "body", "content", "article")
_DELIMITERS = ",;|\t"


def read_csv(opened: Opened, settings: Settings) -> Iterator[RawDocument | InputProblem]:
    """Rows of a comma- (or semicolon-, pipe-) separated file."""
    yield from _read(opened, settings, delimiter=None)


def read_tsv(opened: Opened, settings: Settings) -> Iterator[RawDocument | InputProblem]:
    """Rows of a tab-separated file."""
    yield from _read(opened, settings, delimiter="\t")


def _read(
    opened: Opened, settings: Settings, delimiter: str | None
) -> Iterator[RawDocument | InputProblem]:
    encoding = stream_encoding(opened.head)
    text = io.TextIOWrapper(opened.stream, encoding=encoding, newline="")
    # The limit is process-wide in the csv module: set for this file, given back after.
    previous = csv.field_size_limit(settings.max_article_bytes)
    try:
        yield from _rows(opened, text, delimiter or _sniff(opened.head, encoding))
    except UnicodeDecodeError as error:
        yield problem(opened.origin, "E103", f"invalid {encoding}: {error.reason}")
    finally:
        csv.field_size_limit(previous)
        text.detach()


def _rows(
    opened: Opened, text: io.TextIOWrapper, delimiter: str
) -> Iterator[RawDocument | InputProblem]:
    rows = csv.reader(text, delimiter=delimiter)
    try:
        header = next(rows)
    except StopIteration:
        yield problem(opened.origin, "E101")
        return
    except csv.Error as error:
        yield problem(f"{opened.origin}:1", "E109", str(error))
        return
    names = [name.strip().lower().lstrip("\ufeff") for name in header]
    text_column = next((name for name in TEXT_COLUMNS if name in names), None)
    if text_column is None:
        shown = ", ".join(name for name in names if name) or "none"
        expected = ", ".join(TEXT_COLUMNS)
        yield problem(opened.origin, "E109", f"no text column ({expected}); columns: {shown}")
        return
    line = rows.line_num
    while True:
        start = line + 1
        origin = f"{opened.origin}:{start}"
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            line = rows.line_num
            message = str(error)
            if "field larger than field limit" in message:
                limit = csv.field_size_limit()
                yield problem(origin, "E104", too_large(None, limit, "one field"))
            else:
                yield problem(origin, "E109", message)
            continue
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        record: dict[str, object] = {}
        for index, cell in enumerate(row):
            key = names[index] if index < len(names) and names[index] else f"column_{index + 1}"
            record.setdefault(key, cell if cell != "" else None)
        yield to_document(record, origin, "csv", text_field=text_column)


def _sniff(head: bytes, encoding: str) -> str:
    sample = head.decode(encoding, errors="ignore")[:16384]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return ","
