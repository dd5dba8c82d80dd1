"""One fuzz input through a reader, ``clean_text`` or ``prepare``, and the contract checked.

A reader must yield documents and/or problems that name the input, and never raise; cleaning
and preparation must never raise (``prepare`` turns a bug into an E120 problem, which counts as
a crash here). Each run is bounded by a time limit (:func:`time_limit`) and may not open a
network connection or read the file that hostile XML points at.

Shared by ``tests/fuzz`` and ``benchmarks/fuzz.py``: :data:`TARGETS` names every target with
its strategy and its check.
"""

from __future__ import annotations

import io
import os
import signal
import socket
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import strategies as st

from storyweave.clean import clean_text
from storyweave.config import Settings
from storyweave.errors import Errors
from storyweave.ingest import read_inputs
from storyweave.model import InputProblem, RawDocument
from storyweave.pipeline import prepare

from . import strategies as s

__all__ = [
    "FUZZ_SETTINGS",
    "KNOWN_ISSUES",
    "TARGETS",
    "Hang",
    "KnownIssue",
    "Target",
    "guard_network",
    "time_limit",
]

#: Small limits, so that inputs past them are cheap to draw and to read.
FUZZ_SETTINGS = Settings(max_article_bytes=s.LIMIT, max_fetch_bytes=s.FEED_LIMIT, workers=1)
#: Longest text a reader may hand on: nothing it reads may grow past the largest limit.
MAX_TEXT_CHARS = max(s.LIMIT, s.FEED_LIMIT)


#: Crashes found by fuzzing in code outside the readers and cleaning, reported to its owners
#: and not fixed yet; each has an ``xfail(strict=True)`` regression test in ``tests/fuzz``, so
#: that its entry here is removed once it is fixed.
KNOWN_ISSUES: tuple[str, ...] = ()


class Hang(BaseException):
    """An input ran past its time limit (a BaseException, so that code under test that turns
    any ``Exception`` into a problem cannot swallow it)."""


class KnownIssue(Exception):
    """An input met one of :data:`KNOWN_ISSUES`: counted apart, not as a new crash."""


class NetworkAttempt(AssertionError):
    """Something tried to open a network connection while reading a local input."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` in the main thread if the block runs longer than ``seconds``."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_real_connect = socket.socket.connect


def _refuse_connect(self: socket.socket, address: Any) -> None:
    raise NetworkAttempt(f"network connection attempted to {address!r}")


@contextmanager
def guard_network() -> Iterator[None]:
    """Make every socket connection attempt fail loudly (a local input must not reach out)."""
    socket.socket.connect = _refuse_connect  # type: ignore[method-assign]
    try:
        yield
    finally:
        socket.socket.connect = _real_connect  # type: ignore[method-assign]


def _workspace() -> Path:
    folder = Path(tempfile.gettempdir()) / f"storyweave-fuzz-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    Path(s.SECRET_PATH).write_text(s.SECRET_MARKER + "\n", encoding="utf-8")
    return folder


def read_file(data: bytes, name: str) -> list[RawDocument | InputProblem]:
    """What ``read_inputs`` gives for ``data`` saved as ``name``, checked against the contract."""
    path = _workspace() / name
    path.write_bytes(data)
    try:
        items = list(read_inputs([str(path)], FUZZ_SETTINGS, on_notice=_ignore))
    finally:
        path.unlink(missing_ok=True)
    check_items(items, str(path))
    return items


def read_stdin(data: bytes) -> list[RawDocument | InputProblem]:
    """What ``read_inputs`` gives for ``data`` on standard input, checked against the contract."""
    _workspace()
    items = list(read_inputs(["-"], FUZZ_SETTINGS, stdin=io.BytesIO(data), on_notice=_ignore))
    check_items(items, "<stdin>")
    return items


def _ignore(message: str) -> None:
    assert isinstance(message, str)


def check_items(items: list[RawDocument | InputProblem], origin: str) -> None:
    """Every item is a document or a problem naming ``origin``, with bounded plain text."""
    for item in items:
        if isinstance(item, InputProblem):
            assert item.origin.startswith(origin), item
            assert hasattr(Errors, item.code), item
            assert item.reason.strip(), item
        else:
            assert isinstance(item, RawDocument), item
            assert item.origin.startswith(origin), item
            assert isinstance(item.text, str) and item.text.strip(), item.origin
            assert len(item.text) <= MAX_TEXT_CHARS, (item.origin, len(item.text))
            assert s.SECRET_MARKER not in repr(item), "an external entity was read"
            item.text.encode("utf-8")  # storable: no lone surrogates


def run_clean(case: tuple[str, str | None]) -> None:
    """``clean_text`` on a text and a title; its offsets must point into the text."""
    text, title = case
    cleaned = clean_text(text, title=title)
    assert isinstance(cleaned.body, str)
    for span in cleaned.removed:
        assert 0 <= span.start <= span.end <= len(text), span


def run_prepare(fields: dict[str, str | None]) -> None:
    """``prepare`` (clean, language, dates, signals) on one document; E120 is a crash."""
    text = fields["text"] or ""
    raw = RawDocument(
        origin="fuzz",
        text=text,
        title=fields["title"],
        published=fields["published"],
        lang=fields["lang"],
        lead=fields["lead"],
    )
    result = prepare(raw, FUZZ_SETTINGS.embedding_chars)
    if isinstance(result, InputProblem):
        if any(known in result.reason for known in KNOWN_ISSUES):
            raise KnownIssue(str(result))
        raise AssertionError(f"prepare failed: {result}")
    assert result.article.lang, result.article


@dataclass(frozen=True, slots=True)
class Target:
    """One thing to fuzz: what its inputs are drawn from, and how one input is run and checked."""

    name: str
    strategy: Callable[[], st.SearchStrategy[Any]]
    run: Callable[[Any], object]
    #: Share of the benchmark's inputs per target this one gets (huge inputs are slow).
    share: float = 1.0


def _file_target(
    name: str, extension: str, strategy: Callable[[], st.SearchStrategy[bytes]]
) -> Target:
    return Target(name, strategy, lambda data: read_file(data, "fuzz" + extension))


def _read_gz(case: tuple[str, bytes]) -> object:
    extension, data = case
    return read_file(data, f"fuzz{extension}.gz")


TARGETS: dict[str, Target] = {
    target.name: target
    for target in [
        _file_target("text", ".txt", s.text_files),
        _file_target("html", ".html", s.html_files),
        _file_target("jsonl", ".jsonl", s.jsonl_files),
        _file_target("json", ".json", s.json_files),
        _file_target("csv", ".csv", s.csv_files),
        _file_target("tsv", ".tsv", s.tsv_files),
        _file_target("feed", ".xml", s.feed_files),
        _file_target("warc", ".warc", s.warc_files),
        Target("gz", s.gz_files, _read_gz),
        Target("stdin", s.stdin_inputs, read_stdin),
        Target("clean_text", s.clean_inputs, run_clean),
        Target("prepare", s.prepare_inputs, run_prepare),
        Target("clean_text_huge", s.huge_clean_inputs, run_clean, share=0.1),
        Target("prepare_huge", s.huge_prepare_inputs, run_prepare, share=0.02),
    ]
}
