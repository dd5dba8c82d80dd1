"""The feeds file of ``storyweave watch``: one feed URL per line, ``#`` comments, blank lines."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["FeedsFileError", "read_feeds_file"]

_FEED_URL = re.compile(r"https?://[^\s/?#]+\S*", re.IGNORECASE)


class FeedsFileError(ValueError):
    """A feeds file that cannot be read or holds a line that is not a feed URL."""


def read_feeds_file(path: Path) -> list[str]:
    """The feed URLs in ``path``, one per line, each once; blank lines and ``#`` comments are
    skipped. Raises :class:`FeedsFileError` naming the file and line of what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise FeedsFileError(f"{path}: cannot read ({error.strerror or error})") from None
    except UnicodeDecodeError as error:
        raise FeedsFileError(f"{path}: not UTF-8 text ({error.reason})") from None
    urls: dict[str, None] = {}
    for number, line in enumerate(text.splitlines(), 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if not _FEED_URL.fullmatch(entry):
            raise FeedsFileError(f"{path}:{number}: not an http(s) feed URL: {entry!r}")
        urls[entry] = None
    if not urls:
        raise FeedsFileError(f"{path}: no feed URLs (expected one http(s) URL per line)")
    return list(urls)
