"""Reading an input that holds one article (or one feed) whole, within a size limit."""

from __future__ import annotations

from ..errors import problem
from ..model import InputProblem
from .streams import Opened

__all__ = ["read_whole", "too_large"]

_MB = 1024 * 1024


def too_large(size: int | None, limit: int, what: str = "one article") -> str:
    """The E104 detail, e.g. ``200.0 MB > 5.0 MB limit for one article``."""
    if size is None:
        return f"over the {_shown(limit)} limit for {what}"
    return f"{_shown(size)} > {_shown(limit)} limit for {what}"


def _shown(size: int) -> str:
    if size >= _MB:
        return f"{size / _MB:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"


def read_whole(opened: Opened, limit: int, what: str = "one article") -> bytes | InputProblem:
    """All the bytes of ``opened``, or E104 past ``limit`` (E101 if there are none).

    The size on disk is checked first, so an oversized plain file is refused unread; a
    compressed one is read only up to the limit.
    """
    if opened.size is not None and not opened.compressed and opened.size > limit:
        return problem(opened.origin, "E104", too_large(opened.size, limit, what))
    data = opened.read_all(limit)
    if data is None:
        detail = too_large(None, limit, what)
        if opened.compressed:
            detail += " (decompressed)"
        return problem(opened.origin, "E104", detail)
    if not data.strip():
        return problem(opened.origin, "E101")
    return data
