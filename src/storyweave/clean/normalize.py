"""Whitespace and Unicode normalisation that remembers where each character came from.

Cleaning rules work on the normalised text, but :class:`~storyweave.model.RemovedSpan` offsets
point into the text as received, so every normalised character keeps its input offset.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import regex

# Spaces other than U+0020 (tab, no-break, thin, ideographic, …).
_ODD_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Invisible characters that only break word matching. Joiners U+200C/U+200D are kept: in
# Persian, Indic scripts and emoji they change spelling or rendering.
_INVISIBLE = "\u200b\u200e\u200f\u2060\ufeff\u00ad"
_BREAK = r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]"
_BREAK_CHARS = "\r\n\x0b\x0c\x85\u2028\u2029"
# A run of two or more blanks or breaks, or one character that is never kept as it is. Runs
# start with a required character class so that the engine skips plain text quickly.
_WHITESPACE_RUN = re.compile(
    f"[ {_ODD_SPACES}{_INVISIBLE}{_BREAK_CHARS}]{{2,}}"
    f"|[{_ODD_SPACES}{_INVISIBLE}{_BREAK_CHARS.replace(chr(10), '')}]"
)
_HAS_SPACE = re.compile(f"[ {_ODD_SPACES}]")
_LINE_BREAK = re.compile(_BREAK)
_CLUSTER = regex.compile(r"\P{M}\p{M}*|\p{M}+")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised ``text`` and, for each of its characters, the offset in the original.

    ``origin`` has one more entry than ``text``: the input offset just past the last character.
    """

    text: str
    origin: list[int]

    def input_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text to the input text."""
        return self.origin[start], self.origin[end]


def normalize(text: str) -> NormalizedText:
    """Normalise line breaks, spaces, invisible characters and composition (NFC).

    Takes raw text; returns one line break per break, one space per run of spaces, no spaces at
    line ends, no leading or trailing whitespace, NFC form, and the input offset of each char.
    """
    pieces: list[str] = []
    origin: list[int] = []
    position = 0
    for match in _WHITESPACE_RUN.finditer(text):
        start, end = match.span()
        if start > position:
            pieces.append(text[position:start])
            origin.extend(range(position, start))
        run = match.group()
        breaks = [start + found.start() for found in _LINE_BREAK.finditer(run)]
        if breaks:
            pieces.append("\n" * len(breaks))
            origin.extend(breaks)
        elif _HAS_SPACE.search(run):
            pieces.append(" ")
            origin.append(start)
        position = end
    if position < len(text):
        pieces.append(text[position:])
        origin.extend(range(position, len(text)))
    origin.append(len(text))
    joined = "".join(pieces)
    # Runs at the very start or end of the text become one space or break; drop them.
    lead = len(joined) - len(joined.lstrip())
    stripped = joined.strip()
    origin = origin[lead : lead + len(stripped) + 1]
    if not unicodedata.is_normalized("NFC", stripped):
        stripped, origin = _compose(stripped, origin)
    return NormalizedText(stripped, origin)


def _compose(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """NFC-compose ``text`` one base character (with its marks) at a time, keeping offsets."""
    pieces: list[str] = []
    composed_origin: list[int] = []
    for match in _CLUSTER.finditer(text):
        cluster = unicodedata.normalize("NFC", match.group())
        pieces.append(cluster)
        composed_origin.extend([origin[match.start()]] * len(cluster))
    composed_origin.append(origin[len(text)])
    return "".join(pieces), composed_origin
