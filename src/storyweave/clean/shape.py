"""Lines of normalised text and the shape features rules judge them by (length, ending, case)."""

# Typographic quotes, dashes and letters of many scripts are what these rules look for.
# ruff: noqa: RUF001

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

#: Marks that end a sentence, in several scripts.
SENTENCE_END = ".!?…。！？؟"
#: Characters that may follow a sentence end: closing quotes and brackets.
CLOSERS = "\"'”’»)]}」』›"
# Longer than this, a line is running text whatever its punctuation.
BODY_MIN_CHARS = 250
BODY_MIN_TOKENS = 35
# A question or exclamation this long is a sentence, not a headline.
QUESTION_TITLE_MAX_TOKENS = 20
MENU_MAX_TOKENS = 4
MENU_MAX_CHARS = 32
TITLE_MAX_TOKENS = 30
# A line this long holding a sentence end runs on as text ("… ended.Then …").
INNER_BREAK_MIN_TOKENS = 8
TITLE_MAX_CHARS = 250

# Labels each with its dot, then the top-level domain: written so that it cannot backtrack (a
# line of "a.a.a.…" took quadratic time in the form "label(.label)*.tld").
_URL_LINE = regex.compile(
    r"(?i)(?:https?://\S+|www\.\S+|(?:[\p{L}\p{N}-]+\.)++\p{L}{2,6}(?:/\S*)?)"
)
_SCRIPT_WITHOUT_SPACES = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")
_LETTER = regex.compile(r"\p{L}")
# A full stop after a lower-case word, then a capital: a sentence ends inside the line.
_INNER_SENTENCE_BREAK = regex.compile(r"\p{Ll}\p{Ll}[.!?]\s?[\"“„«]?\p{Lu}")
_TRAILING_REMARK = regex.compile(r"(?<=[.!?…。])\s*[(\[][^()\[\]]{1,40}[)\]]$")
_SHORT_CAPITALISED = regex.compile(r"\p{Lu}[\p{L}\p{M}]{0,3}\.")


@dataclass(slots=True)
class Line:
    """One non-empty line of the normalised text, ``[start, end)``; ``reason`` once dropped."""

    start: int
    end: int
    text: str
    blank_before: bool
    reason: str | None = None

    @property
    def kept(self) -> bool:
        """Whether no rule has dropped this line."""
        return self.reason is None


def split_lines(text: str) -> list[Line]:
    """Split normalised ``text`` into its non-empty lines, noting blank lines before each."""
    lines: list[Line] = []
    position = 0
    blank_before = False
    for raw in text.split("\n"):
        if raw:
            lines.append(Line(position, position + len(raw), raw, blank_before))
            blank_before = False
        else:
            blank_before = True
        position += len(raw) + 1
    return lines


@lru_cache(maxsize=4096)
def token_count(text: str) -> int:
    """Words in ``text``; for scripts written without spaces, about one word per two chars."""
    tokens = len(text.split())
    if _SCRIPT_WITHOUT_SPACES.search(text):
        return max(tokens, len(text) // 2)
    return tokens


def final_mark(text: str) -> str:
    """The last character of ``text`` that is not a closing quote or bracket ('' if none).

    A short bracketed remark after a sentence end ("… protocols. (FILE)") is looked through.
    """
    stripped = _TRAILING_REMARK.sub("", text).rstrip(CLOSERS + " ")
    return stripped[-1] if stripped else ""


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with sentence-final punctuation (before any closing quotes)."""
    return final_mark(text) in SENTENCE_END and final_mark(text) != ""


def _ends_with_abbreviation(text: str) -> bool:
    last = text.split()[-1] if text.split() else ""
    return bool(_SHORT_CAPITALISED.fullmatch(last))


def is_body_like(text: str) -> bool:
    """Whether a line reads as running text: long, or a finished sentence."""
    tokens = token_count(text)
    if len(text) > BODY_MIN_CHARS or tokens > BODY_MIN_TOKENS:
        return True
    if tokens > INNER_BREAK_MIN_TOKENS and _INNER_SENTENCE_BREAK.search(text):
        return True
    mark = final_mark(text)
    if mark in ".…。" and mark:
        # "Sección Edo. de Ver." is a menu entry ending in an abbreviation, not a sentence.
        return not (tokens <= MENU_MAX_TOKENS and _ends_with_abbreviation(text))
    if mark in "!?！？؟" and mark:
        return tokens > QUESTION_TITLE_MAX_TOKENS
    return False


def is_url_line(text: str) -> bool:
    """Whether the whole line is a web address or domain (``WWW.SITE.COM``, ``site.vn``)."""
    return bool(_URL_LINE.fullmatch(text.strip("<>()[] ")))


def is_menu_like(text: str) -> bool:
    """Whether a line looks like a menu entry: a few words, no sentence, or a bare address."""
    if is_url_line(text):
        return True
    return (
        token_count(text) <= MENU_MAX_TOKENS
        and len(text) <= MENU_MAX_CHARS
        and not is_body_like(text)
        and not text.endswith(":")
    )


def is_title_worthy(text: str) -> bool:
    """Whether a line could be a headline: a few words to a long line, no full stop or colon."""
    if not _LETTER.search(text) or is_url_line(text):
        return False
    tokens = token_count(text)
    if tokens < 2 or tokens > TITLE_MAX_TOKENS or len(text) > TITLE_MAX_CHARS:
        return False
    mark = final_mark(text)
    if mark in ".。:;,،" and mark:
        return False
    return not is_body_like(text)
