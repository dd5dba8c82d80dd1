"""Repairing sentences glued together without a space ("lại.Tuy nhiên" → "lại. Tuy nhiên").

A space goes in only where a sentence end is certain: a lower-case word (or a number of two or
more digits, or a closing bracket or quote after a word) ends with ``.``, ``!`` or ``?``, and an
upper-case letter followed by a lower-case one starts the next word. So decimals (3.5, 250.000),
abbreviations and initials (U.S., S.T.), domains (site.vn), times (13:45) and ellipses stay.
"""

# Typographic quotes, dashes and letters of many scripts are what these rules look for.
# ruff: noqa: RUF001

from __future__ import annotations

import regex

_GLUED = regex.compile(
    r"(?<=\p{Ll}\p{Ll}|\d\d|[\p{L}\p{N}][)\]\"”’»])"
    r"(?P<mark>\.|[!?]{1,3})"
    r"(?P<close>[\"”’»]?)"
    r"(?P<open>[\"“„«]?)"
    r"(?=\p{Lu}\p{Ll})"
)
_ADDRESS_HINTS = ("/", "@", "www.", "://")


def repair_glued_sentences(text: str) -> str:
    """Insert the missing space between sentences of ``text``; returns the repaired text."""
    pieces: list[str] = []
    position = 0
    for match in _GLUED.finditer(text):
        token_start = text.rfind(" ", 0, match.start()) + 1
        token_end = text.find(" ", match.end())
        token = text[token_start : token_end if token_end >= 0 else len(text)]
        if any(hint in token for hint in _ADDRESS_HINTS):
            continue
        close, opening = match.group("close"), match.group("open")
        if close == '"' and not opening and text.count('"', 0, match.start("close")) % 2 == 0:
            # An even number of straight quotes before it: this one opens the next sentence.
            close, opening = "", '"'
        pieces.append(text[position : match.end("mark")])
        pieces.append(f"{close} {opening}")
        position = match.end()
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)
