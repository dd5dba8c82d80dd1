"""Finding the title: a short first line, one past a menu block, or one run into the body.

The head of a text is the run of lines before its first line of running text. Menu blocks,
credits and datelines in the head are dropped; the title is the headline-shaped line among the
rest. A text whose first line is already running text has no title unless one is glued onto it
("… tại Hà NộiSáng nay …"), runs into an advert label ("… seine Macht Anzeige Berlin. …"),
an agency dateline ("… fight JUNEAU, Alaska — …") or a sentence that opens with an article
("… ties to nationalist group The leadership …"), or opens it twice ("Floods close schools
Floods close schools Heavy rain …").
"""

from __future__ import annotations

import re

import regex

from .boilerplate import AD_LABEL, is_name, line_reason
from .dateline import agency_dateline, is_date_only
from .edits import Removals
from .lexicon import HEADLINE_NON_FINAL_WORDS
from .shape import (
    TITLE_MAX_CHARS,
    TITLE_MAX_TOKENS,
    Line,
    is_body_like,
    is_menu_like,
    is_title_worthy,
    token_count,
)

# A menu block is at least this many menu-like lines in a row.
MENU_BLOCK_MIN_LINES = 3
# Lines looked at for a title after any menu block.
HEAD_MAX_LINES = 8
GLUED_TITLE_MIN_TOKENS = 3
GLUED_WORD_MIN_LETTERS = 3
#: How far into the text copies of a title are looked for.
REPEATED_TITLE_MAX_CHARS = 4 * TITLE_MAX_CHARS
#: A title run into a sentence that opens with an article has at least this many words.
ARTICLE_TITLE_MIN_TOKENS = 4

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
# The standard library engine is faster for this simple split, run on every line.
_KEY_WORD = re.compile(r"[^\W_]+")
_LOWER_TO_UPPER = regex.compile(r"(?<=\p{Ll})(?=\p{Lu}\p{Ll})")
_LETTERS_BEFORE = regex.compile(r"[\p{L}\p{M}]+$")
_LETTERS_AFTER = regex.compile(r"^[\p{L}\p{M}]+")
_SENTENCE_BREAK = regex.compile(r"[.!?…。؟](?:\s|$)")
_CAPITALS_AFTER_SPACE = regex.compile(r"(?<=\S )(?=\p{Lu}{2}|\(\p{Lu})")
_AD_LABELS_AFTER_TITLE = regex.compile(rf"(?<=\S ){AD_LABEL}(?: {AD_LABEL})*(?= \p{{Lu}})")
_ARTICLE_AFTER_LOWER = regex.compile(
    r"(?<=[\p{Ll}\p{N}]) (?=(?:The|An?|El|La|Los|Las|Una?|Le|Les|Une|Il|Lo|Gli|Der|Die|Das"
    r"|Eine?|O|Os|As) \p{Ll})"
)


def title_key(text: str) -> str:
    """``text`` reduced to its case-folded words, for comparing titles."""
    return " ".join(_KEY_WORD.findall(text.casefold()))


def find_title(lines: list[Line], given: str | None, removals: Removals) -> str | None:
    """Drop the head furniture of ``lines`` and the title line; returns the title found.

    With ``given`` (a title from metadata), a leading line equal to it, or the same words run
    into the first line, is dropped and ``given`` is returned.
    """
    start = _drop_menu_block(lines, removals)
    if given is not None:
        _drop_given_title(lines, start, given, removals)
        return given
    title = _title_from_head(lines, start, removals)
    if title is not None:
        return title
    first = next((line for line in lines[start:] if line.kept), None)
    if first is None:
        return None
    repeated = repeated_title_end(first.text)
    if repeated is not None:
        title_end, copy_end = repeated
        title = first.text[:title_end]
        removals.cut_head(first, copy_end, "title")
        return title
    labelled = ad_label_title_end(first.text)
    if labelled is not None:
        title_end, label_start, label_end = labelled
        title = removals.cut_head(first, title_end, "title")
        removals.cut_head(first, label_end - label_start, "advert-label")
        return title
    end = glued_title_end(first.text)
    if end is None:
        end = dateline_title_end(first.text)
    if end is None:
        end = article_title_end(first.text)
    if end is None:
        return None
    return removals.cut_head(first, end, "title")


def _drop_menu_block(lines: list[Line], removals: Removals) -> int:
    """Drop a leading block of menu lines; returns the index of the first line after it.

    When running text follows the block directly, its last line is the title, not a menu entry.
    """
    end = 0
    while end < len(lines) and (is_menu_like(lines[end].text) or is_date_only(lines[end].text)):
        end += 1
    if (
        0 < end < len(lines)
        and is_body_like(lines[end].text)
        and is_title_worthy(lines[end - 1].text)
        and not is_date_only(lines[end - 1].text)
    ):
        end -= 1
    if end < MENU_BLOCK_MIN_LINES:
        return 0
    for line in lines[:end]:
        removals.drop(line, "navigation")
    return end


def _drop_given_title(lines: list[Line], start: int, given: str, removals: Removals) -> None:
    key = title_key(given)
    if not key:
        return
    for line in lines[start : start + HEAD_MAX_LINES]:
        if title_key(line.text) == key:
            removals.drop(line, "title")
            return
        prefix_end = _prefix_end(line.text, key)
        if prefix_end is not None:
            removals.cut_head(line, prefix_end, "title")
            return
        if is_body_like(line.text):
            return
        reason = line_reason(line.text, near_top=True)
        if reason is None:
            return
        removals.drop(line, reason)


def _prefix_end(text: str, key: str) -> int | None:
    """Where the words of ``key`` end if ``text`` opens with them and goes on; else ``None``."""
    words = key.split()
    matches = list(_WORD.finditer(text))
    if len(matches) <= len(words):
        return None
    if [match.group().casefold() for match in matches[: len(words)]] != words:
        return None
    # Keep punctuation that closes the title ("?", a quote) with it.
    return _with_closing_marks(text, int(matches[len(words) - 1].end()))


def _title_from_head(lines: list[Line], start: int, removals: Removals) -> str | None:
    """Pick the title among the head lines from ``start``; drop furniture around it."""
    head: list[Line] = []
    for index in range(start, min(len(lines), start + HEAD_MAX_LINES)):
        line = lines[index]
        if is_body_like(line.text) or _continues(lines, index):
            break
        reason = line_reason(line.text, near_top=True)
        if reason is not None:
            removals.drop(line, reason)
        else:
            head.append(line)
    else:
        return None
    if not head:
        return None
    candidates = [line for line in head if is_title_worthy(line.text)]
    if not candidates:
        for line in head:
            if is_menu_like(line.text):
                removals.drop(line, "navigation")
        return None
    # Section labels are shorter than headlines: prefer the first candidate of a few words.
    fuller = [line for line in candidates if token_count(line.text) >= GLUED_TITLE_MIN_TOKENS]
    title_line = (fuller or candidates)[0]
    for line in head:
        if line is not title_line and is_menu_like(line.text):
            after_title = line.start > title_line.start
            removals.drop(line, "credit" if after_title and is_name(line.text) else "navigation")
    removals.drop(title_line, "title")
    return title_line.text


def _continues(lines: list[Line], index: int) -> bool:
    """Whether the line at ``index`` runs on into the next one (a wrapped sentence)."""
    if index + 1 >= len(lines):
        return False
    following = lines[index + 1]
    return not following.blank_before and following.text[:1].islower()


def repeated_title_end(text: str) -> tuple[int, int] | None:
    """Where a title ends that ``text`` opens with twice or more, and where its last copy
    ends ("Floods close Riverton schools Floods close Riverton schools Heavy rain …": a page's
    title run into its heading); else ``None``. A last copy that runs on in lower case ("…
    schools in the north") starts a longer heading, and stays."""
    found = list(_WORD.finditer(text, 0, REPEATED_TITLE_MAX_CHARS))
    words = [word.group() for word in found]
    ends = [word.end() for word in found]
    most = min(TITLE_MAX_TOKENS, (len(words) - 1) // 2)
    for count in range(GLUED_TITLE_MIN_TOKENS, most + 1):
        copies = 1
        while words[copies * count : (copies + 1) * count] == words[:count]:
            copies += 1
        end = _with_closing_marks(text, ends[count - 1])
        if copies < 2 or not is_title_worthy(text[:end]):
            continue
        last = _with_closing_marks(text, ends[copies * count - 1])
        if text[last:].lstrip()[:1].islower():
            last = _with_closing_marks(text, ends[(copies - 1) * count - 1])
        return end, last
    return None


def _with_closing_marks(text: str, end: int) -> int:
    """``end`` moved past the marks that close a title there ("?", a quote)."""
    while end < len(text) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    return end


def glued_title_end(text: str) -> int | None:
    """Where the body starts if a title is glued to it ("… tại Hà NộiSáng nay"); else None.

    The glue is a lower-case letter directly followed by a capitalised word, after a
    headline-shaped prefix with no sentence end. Camel-case names ("YouTube") are told apart
    because the joined word recurs in the text, or neither half stands alone elsewhere.
    """
    for match in _LOWER_TO_UPPER.finditer(text, 0, TITLE_MAX_CHARS):
        end = int(match.start())
        prefix, rest = text[:end], text[end:]
        if not _title_prefix(prefix) or not is_body_like(rest):
            continue
        left = _LETTERS_BEFORE.search(prefix)
        right = _LETTERS_AFTER.search(rest)
        if left is None or right is None or len(left.group()) < GLUED_WORD_MIN_LETTERS:
            continue
        if left.group()[0].islower() or _halves_stand_alone(text, left.group(), right.group()):
            return end
    return None


def _title_prefix(prefix: str) -> bool:
    tokens = token_count(prefix)
    return (
        GLUED_TITLE_MIN_TOKENS <= tokens <= TITLE_MAX_TOKENS
        and not _SENTENCE_BREAK.search(prefix)
        and is_title_worthy(prefix)
    )


def _ends_on_function_word(prefix: str) -> bool:
    """Whether a would-be title ends on an article, preposition or conjunction ("… al Senado
    de"): a headline does not, so the body cannot start right after it."""
    return prefix.rsplit(None, 1)[-1].casefold() in HEADLINE_NON_FINAL_WORDS


def _halves_stand_alone(text: str, left: str, right: str) -> bool:
    words = _WORD.findall(text)
    if words.count(left + right) > 1:
        return False
    return left in words or right in words


def article_title_end(text: str) -> int | None:
    """Where the body starts if a title runs into a first sentence that opens with an article
    ("… for concealing ties to nationalist group The leadership of the party …"); else
    ``None``.

    Nothing but a sentence start puts a capitalised article between two words in lower case;
    a name that begins with one goes on capitalised ("by The Washington Post"). The title is
    a headline-shaped run of at least :data:`ARTICLE_TITLE_MIN_TOKENS` words that does not end
    on a function word.
    """
    # Only the first such sentence start is looked at.
    match = _ARTICLE_AFTER_LOWER.search(text, 0, TITLE_MAX_CHARS)
    if match is None:
        return None
    end = int(match.start())
    prefix = text[:end]
    if (
        token_count(prefix) >= ARTICLE_TITLE_MIN_TOKENS
        and _title_prefix(prefix)
        and not _ends_on_function_word(prefix)
        and is_body_like(text[end:])
    ):
        return end
    return None


def ad_label_title_end(text: str) -> tuple[int, int, int] | None:
    """Where a title ends that runs into an advert label, and where the label starts and
    ends ("… demonstriert in Bagdad seine Macht Anzeige Anzeige Berlin. Mit Wucht …": the
    title ends before the first "Anzeige"); else ``None``."""
    match = _AD_LABELS_AFTER_TITLE.search(text, 0, TITLE_MAX_CHARS)
    if match is None:
        return None
    prefix = text[: match.start()].rstrip()
    if not _title_prefix(prefix) or not is_body_like(text[match.end() :]):
        return None
    return len(prefix), match.start(), match.end()


def dateline_title_end(text: str) -> int | None:
    """Where the body starts if a title runs into an agency dateline; else ``None``.

    "Senate president in spotlight JUNEAU, Alaska — During …" → the title ends before "JUNEAU";
    so it does before "SYDNEY - A memorial …" (after a title, a place in capitals needs no
    region or agency) and before "(Bloomberg) -- …". The title must not end on a function word
    or a number.
    """
    for match in _CAPITALS_AFTER_SPACE.finditer(text, 0, TITLE_MAX_CHARS):
        end = int(match.start())
        prefix = text[:end].rstrip()
        # After a title in capitals, capitals mark no place.
        bare = prefix.upper() != prefix
        if (
            agency_dateline(text[end:], bare=bare)
            and _title_prefix(prefix)
            and not prefix[-1].isdigit()  # "UPDATED 12:57 PM PT —" is a time
            and not _ends_on_function_word(prefix)
        ):
            return end
    return None
