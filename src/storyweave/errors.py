"""Error codes and their words, in one place, so that users can look a code up.

Every message a user sees about bad input names the file (and line), the reason, and carries
one of these codes; see :class:`storyweave.model.InputProblem`.
"""

from __future__ import annotations

from .model import InputProblem


class Errors:
    """Codes for input that cannot be read. ``E0xx``: paths and sources; ``E1xx``: content."""

    E001 = "no such file or directory"
    E002 = (
        "unknown file type {detail}; expected .txt, .html, .htm, .jsonl, .json, .csv,"
        " .xml/.rss/.atom, .warc (optionally .gz)"
    )
    E003 = "cannot read: {detail}"
    E004 = "refused URL: {detail}"
    E005 = "fetch failed: {detail}"
    E101 = "empty file"
    E102 = "binary content, not text ({detail})"
    E103 = "cannot decode text: {detail}"
    E104 = "too large: {detail}"
    E105 = "malformed JSON: {detail}"
    E106 = "record has no text: {detail}"
    E107 = "HTML page has no article body"
    E108 = "malformed or unsafe XML feed: {detail}"
    E109 = "malformed CSV: {detail}"
    E110 = "malformed WARC: {detail}"
    E111 = "record is not a JSON object"
    E112 = "gzip data is corrupt: {detail}"
    E120 = "cannot clean or analyse: {detail}"
    E201 = "could not store: {detail}"


def problem(origin: str, code: str, detail: str = "") -> InputProblem:
    """Build an :class:`InputProblem` from a code of :class:`Errors` and its detail."""
    template: str = getattr(Errors, code)
    return InputProblem(origin=origin, code=code, reason=template.format(detail=detail).strip())
