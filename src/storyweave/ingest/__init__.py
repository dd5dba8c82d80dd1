"""Readers for every input format: articles in, as :class:`~storyweave.model.RawDocument`.

``read_inputs`` takes what the user named (files, directories, URLs, ``-`` for stdin) and lazily
yields one document per article, or an :class:`~storyweave.model.InputProblem` for whatever it
cannot read, then goes on with the rest. Formats: plain text, HTML, JSON Lines / JSON, CSV/TSV,
RSS/Atom, WARC, each optionally gzip-compressed; see :data:`READERS`.

The same article read twice in one call (same id, same text; e.g. a dataset folder holding both
the article files and an ``articles.jsonl`` of them) is yielded once; one notice per source says
how many repeats were skipped. Directories follow the rule in :mod:`storyweave.ingest.sources`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..config import Settings
from ..model import InputProblem, RawDocument
from .dispatch import read_source
from .registry import EXTENSIONS, READERS, Reader, sniff
from .sources import Notice, Source, discover

__all__ = [
    "EXTENSIONS",
    "READERS",
    "Notice",
    "Reader",
    "Source",
    "discover",
    "read_inputs",
    "sniff",
]

logger = logging.getLogger(__name__)


def read_inputs(
    inputs: Iterable[str],
    settings: Settings,
    stdin: BinaryIO | None = None,
    on_notice: Notice | None = None,
) -> Iterator[RawDocument | InputProblem]:
    """Documents and problems from every input, in order, one at a time.

    ``stdin`` is read for ``-`` (default: the process's standard input). ``on_notice`` receives
    one-line notices about inputs skipped on purpose (documentation, label files, repeats);
    by default they are logged at INFO level.
    """
    notify = on_notice or logger.info
    repeats = _Repeats()
    for source in discover(inputs, notify):
        skipped = 0
        for item in read_source(source, settings, stdin, notify):
            if isinstance(item, RawDocument) and repeats.seen(item):
                skipped += 1
                continue
            yield item
        if skipped:
            notify(
                f"{source.origin}: skipped {skipped} article(s) already read from another input"
                " (same id and text)"
            )


class _Repeats:
    """Remembers the id and text digest of every article with an id."""

    def __init__(self) -> None:
        self._digests: dict[str, bytes] = {}

    def seen(self, document: RawDocument) -> bool:
        """Whether an article with the same id and the same text was already read."""
        if document.id is None:
            return False
        digest = _text_digest(document.text)
        known = self._digests.get(document.id)
        if known is None:
            self._digests[document.id] = digest
            return False
        return known == digest


def _text_digest(text: str) -> bytes:
    # Copies of an article differ in line ends and trailing spaces; compare the words only.
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=16).digest()
