"""What the inputs name: files, directories walked recursively, URLs and stdin.

Directory rule: a directory is read recursively in sorted order (by path, case-sensitive), and
it is taken for a dataset folder, so that pointing storyweave at one gives its articles and
nothing else:

* hidden files and folders (``.name``) and editor backups (``name~``) are skipped silently;
* documentation is skipped with a notice: ``.md``/``.markdown``/``.rst`` files, and files named
  README, LICENSE, COPYING, NOTICE, CHANGELOG or AUTHORS whatever their extension;
* JSON Lines files whose first record has no ``text`` field (labels such as ``gold.jsonl``) are
  skipped with a notice by the JSONL reader;
* a file with any other extension the readers do not know is reported (E002).

A file named explicitly is always read (or reported), whatever its name.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = ["STDIN", "Notice", "Source", "discover", "is_documentation", "name_id", "split_name"]

STDIN = "-"
STDIN_ORIGIN = "<stdin>"

#: Called with a one-line notice about an input skipped on purpose (not an error).
Notice = Callable[[str], None]

SourceKind = Literal["file", "url", "stdin", "missing"]

_DOC_EXTENSIONS = frozenset({".md", ".markdown", ".rst"})
_DOC_NAMES = frozenset(
    {"readme", "license", "licence", "copying", "notice", "changelog", "authors"}
)
#: Extensions stripped from a file name to give the id of the article it holds.
_FORMAT_EXTENSIONS = frozenset(
    [
        ".txt",
        ".text",
        ".html",
        ".htm",
        ".xhtml",
        ".jsonl",
        ".ndjson",
        ".json",
        ".csv",
        ".tsv",
        ".xml",
        ".rss",
        ".atom",
        ".warc",
    ]
)


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file (perhaps found in a directory), a URL, stdin, or a missing path."""

    origin: str
    kind: SourceKind
    path: Path | None = None
    in_directory: bool = False


def discover(inputs: Iterable[str], on_notice: Notice | None = None) -> list[Source]:
    """The sources ``inputs`` name, directories expanded (see the module's directory rule).

    Only names are listed here; nothing is read.
    """
    sources: list[Source] = []
    for item in inputs:
        if item == STDIN:
            sources.append(Source(STDIN_ORIGIN, "stdin"))
        elif item.lower().startswith(("http://", "https://")) or "://" in item:
            sources.append(Source(item, "url"))
        elif os.path.isdir(item):
            sources.extend(_walk(Path(item), on_notice))
        elif os.path.exists(item):
            sources.append(Source(item, "file", Path(item)))
        else:
            sources.append(Source(item, "missing", Path(item)))
    return sources


def split_name(name: str) -> tuple[str, list[str]]:
    """A file name's id part and its known extensions, outermost last.

    >>> split_name("a.html.gz"), split_name("report.v2.txt"), split_name("notes")
    (('a', ['.html', '.gz']), ('report.v2', ['.txt']), ('notes', []))
    """
    stem, suffixes = name, []
    base, dot, extension = stem.rpartition(".")
    if dot and base and extension.lower() == "gz":
        suffixes.append(".gz")
        stem = base
        base, dot, extension = stem.rpartition(".")
    if dot and base and "." + extension.lower() in _FORMAT_EXTENSIONS:
        suffixes.insert(0, "." + extension.lower())
        stem = base
    return stem, suffixes


def name_id(path: Path) -> str:
    """The id of the one article a file holds: its name without its extensions.

    >>> name_id(Path("data/017_c3d9a1e2.txt")), name_id(Path("a.html.gz"))
    ('017_c3d9a1e2', 'a')
    """
    return split_name(path.name)[0]


def is_documentation(path: Path) -> bool:
    """Whether a file found in a directory is documentation rather than articles."""
    stem = path.name.split(".", 1)[0].lower()
    return path.suffix.lower() in _DOC_EXTENSIONS or stem in _DOC_NAMES


def _walk(root: Path, on_notice: Notice | None) -> list[Source]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if not name.startswith(".") and not name.endswith("~"):
                found.append(Path(folder, name))
    sources: list[Source] = []
    for path in sorted(found, key=lambda p: p.relative_to(root).parts):
        if is_documentation(path):
            if on_notice is not None:
                on_notice(f"{path}: skipped, documentation rather than articles")
            continue
        sources.append(Source(str(path), "file", path, in_directory=True))
    return sources
