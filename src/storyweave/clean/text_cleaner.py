"""The cleaning stage: plain text in, title, clean body, dateline and an audit of drops out.

>>> cleaned = clean_text("Storm hits coast\\n\\nThe storm hit the coast.Homes lost.\\nJane Doe")
>>> cleaned.title, cleaned.body
('Storm hits coast', 'The storm hit the coast. Homes lost.')
>>> [span.reason for span in cleaned.removed]
['title', 'trailing-junk']
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ..model import RemovedSpan
from .boilerplate import (
    CAPTION_MAX_TOKENS,
    LINK_TAIL_MAX_CHARS,
    consent_notice_start,
    continues_consent_notice,
    credit_tail_start,
    ends_with_place_and_date,
    inline_ad_labels,
    is_caption,
    is_credit,
    is_trailing_junk,
    line_reason,
    link_tail_start,
)
from .dateline import agency_dateline
from .edits import Removals
from .glued import repair_glued_sentences
from .normalize import normalize
from .shape import (
    SENTENCE_END,
    Line,
    ends_sentence,
    final_mark,
    is_body_like,
    is_menu_like,
    is_title_worthy,
    split_lines,
    token_count,
)
from .title import MENU_BLOCK_MIN_LINES, find_title, title_key

# The first lines of the body, where a bare date is the article's date rather than a timestamp.
NEAR_TOP_LINES = 3
# Repeated lines shorter than this (in words) may be legitimate (short labels, list items).
DUPLICATE_MIN_WORDS = 3
# A repeated line this long that ends a sentence is a repeated paragraph, not a list item.
DUPLICATE_PARAGRAPH_MIN_WORDS = 12
# Short lines after a "Read more" line are the headlines it links to.
LINKED_HEADLINE_MAX_TOKENS = 20
TRAILING_JUNK_MAX_LINES = 2
# Lines apart within which a repeated line is a caption shown twice.
NEAR_REPEAT_LINES = 3


@dataclass(frozen=True, slots=True)
class CleanedText:
    """What cleaning found in a text: its title, clean body, dateline and every dropped piece.

    ``body`` holds paragraphs separated by a blank line; ``removed`` offsets point into the
    text as received.
    """

    title: str | None
    body: str
    removed: list[RemovedSpan] = field(default_factory=list)
    dateline: str | None = None


def clean_text(text: str, title: str | None = None) -> CleanedText:
    """Split ``text`` into title and body and drop its boilerplate.

    ``title`` is a title known from metadata: it is kept, and a leading line repeating it is
    dropped. Returns the :class:`CleanedText`.
    """
    normalized = normalize(text)
    lines = split_lines(normalized.text)
    removals = Removals()
    # Compared with the text, which normalisation has put in NFC.
    given = unicodedata.normalize("NFC", " ".join(title.split())) if title else None
    found_title = find_title(lines, given or None, removals)
    if given:
        found_title = title
    _drop_repeats(lines, found_title, removals)
    _drop_furniture(lines, found_title, removals)
    _drop_captions_beside_credits(lines, removals)
    _drop_link_tail(lines, removals)
    _drop_trailing_junk(lines, removals)
    _drop_inline_ad_labels(lines, removals)
    removed = []
    for start, end, reason in sorted(removals.spans):
        in_start, in_end = normalized.input_span(start, end)
        removed.append(RemovedSpan(in_start, in_end, reason, text[in_start:in_end]))
    return CleanedText(
        title=found_title,
        body="\n\n".join(repair_glued_sentences(p) for p in _paragraphs(lines)),
        removed=removed,
        dateline=_dateline(normalized.text, lines, removals),
    )


def _drop_repeats(lines: list[Line], title: str | None, removals: Removals) -> None:
    """Drop lines repeating the title or an earlier line; repeated captions are named so."""
    seen: dict[str, int] = {}
    if title:
        lines = [Line(0, 0, title, False, "title"), *lines]
    for index, line in enumerate(lines):
        key = title_key(line.text)
        if len(key.split()) < DUPLICATE_MIN_WORDS:
            continue
        first_index = seen.get(key)
        if first_index is None:
            seen[key] = index
            continue
        if not line.kept:
            continue
        first = lines[first_index]
        if first.reason == "title":
            removals.drop(line, "title")
        elif _is_caption_pair(lines, first_index, index):
            removals.drop(line, "duplicate-caption")
        elif _is_repeatable_prose(line.text):
            removals.drop(line, "duplicate-paragraph")


def _is_repeatable_prose(text: str) -> bool:
    """Whether a repeated line is a paragraph shown twice (a standfirst repeated in the body),
    not a short item that legitimately recurs (table headers, list entries, interview
    questions, recipe steps)."""
    return token_count(text) >= DUPLICATE_PARAGRAPH_MIN_WORDS and ends_sentence(text)


def _is_caption_pair(lines: list[Line], first: int, second: int) -> bool:
    """Whether two equal lines are a photo caption shown twice: near each other, and
    caption-like or next to a credit."""
    if is_caption(lines[first].text):
        return True
    if second - first > NEAR_REPEAT_LINES:
        return False
    around = lines[max(0, first - 1) : second + 2]
    return any(is_credit(line.text) for line in around)


def _drop_furniture(lines: list[Line], title: str | None, removals: Removals) -> None:
    """Drop credits, captions, datelines, link lines, consent notices and page furniture
    anywhere in the body. Without a ``title``, the first line may hold the headline run into
    a notice: only the notice is cut from it."""
    body_index = 0
    after_link = after_notice = False
    for line in lines:
        if not line.kept:
            if line.reason == "consent-notice":
                after_notice = True
            continue
        if after_link and _is_linked_headline(line.text):
            removals.drop(line, "link-line")
            continue
        if after_notice and continues_consent_notice(line.text):
            removals.drop(line, "consent-notice")
            continue
        reason = line_reason(line.text, near_top=body_index < NEAR_TOP_LINES)
        if reason == "consent-notice" and title is None and body_index == 0:
            reason = None
        after_link = reason == "link-line"
        after_notice = reason == "consent-notice"
        if reason is not None:
            removals.drop(line, reason)
            continue
        body_index += 1
        notice_start = consent_notice_start(line.text)
        if notice_start is not None:
            removals.cut_tail(line, notice_start, "consent-notice")
            after_notice = True
            if not line.kept:
                continue
        credit_start = credit_tail_start(line.text)
        if credit_start is not None:
            removals.cut_tail(line, credit_start, "credit")


def _is_linked_headline(text: str) -> bool:
    return (
        token_count(text) <= LINKED_HEADLINE_MAX_TOKENS
        and not is_body_like(text)
        and (is_title_worthy(text) or is_menu_like(text))
    )


def _drop_captions_beside_credits(lines: list[Line], removals: Removals) -> None:
    """Drop a line next to a photo credit when it reads as a wire caption.

    Beside a credit, a line that ends in a place and a date ("… Lyon, France May 3, 2019.") or
    that also appears elsewhere in the text is the caption of the credited photo.
    """
    if not any(line.reason == "credit" for line in lines):
        return
    keys = [title_key(line.text) for line in lines]
    for index, line in enumerate(lines):
        if line.reason != "credit":
            continue
        for neighbour_index in (index - 1, index + 1):
            if not 0 <= neighbour_index < len(lines):
                continue
            neighbour = lines[neighbour_index]
            if not neighbour.kept or token_count(neighbour.text) > CAPTION_MAX_TOKENS:
                continue
            low = max(0, neighbour_index - NEAR_REPEAT_LINES)
            nearby = keys[low : neighbour_index + NEAR_REPEAT_LINES + 1]
            repeated = nearby.count(keys[neighbour_index]) > 1
            if repeated or ends_with_place_and_date(neighbour.text):
                removals.drop(neighbour, "caption")


def _drop_link_tail(lines: list[Line], removals: Removals) -> None:
    """Cut a "Read more" tail glued onto the last lines, and everything after it."""
    kept = [line for line in lines if line.kept]
    following = 0
    for position in range(len(kept) - 1, -1, -1):
        line = kept[position]
        start = link_tail_start(line.text, following)
        if start is not None and start > 0:
            removals.cut_tail(line, start, "link-line")
            for later in kept[position + 1 :]:
                removals.drop(later, "link-line")
            return
        following += len(line.text)
        if following >= LINK_TAIL_MAX_CHARS:
            return


def _drop_trailing_junk(lines: list[Line], removals: Removals) -> None:
    """Drop a closing menu block, then a last line or two that are short and not sentences."""
    kept = [line for line in lines if line.kept]
    block = 0
    while block < len(kept) - 1 and is_menu_like(kept[len(kept) - 1 - block].text):
        block += 1
    introduced = block < len(kept) and kept[len(kept) - 1 - block].text.endswith(":")
    # A block of short lines that the text introduces with a colon is a list, not a menu.
    if introduced:
        return
    if block >= MENU_BLOCK_MIN_LINES:
        for line in kept[len(kept) - block :]:
            removals.drop(line, "navigation")
        kept = kept[: len(kept) - block]
    for _ in range(TRAILING_JUNK_MAX_LINES):
        if len(kept) < 2 or not is_trailing_junk(kept[-1].text):
            return
        removals.drop(kept.pop(), "trailing-junk")


def _drop_inline_ad_labels(lines: list[Line], removals: Removals) -> None:
    """Cut advert labels that stand between two sentences of a kept line (the last cut)."""
    for line in lines:
        spans = inline_ad_labels(line.text) if line.kept else []
        if spans:
            removals.cut_inside(line, spans, "advert-label")


def _paragraphs(lines: list[Line]) -> list[str]:
    """Kept lines as paragraphs; a line broken mid-sentence is joined to the next."""
    paragraphs: list[str] = []
    previous: Line | None = None
    for index, line in enumerate(lines):
        if not line.kept:
            previous = None
            continue
        if (
            previous is not None
            and not line.blank_before
            and lines[index - 1] is previous
            and final_mark(previous.text) not in SENTENCE_END + ":"
            and line.text[0].islower()
        ):
            paragraphs[-1] += " " + line.text
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs


def _dateline(text: str, lines: list[Line], removals: Removals) -> str | None:
    """The first dateline dropped, else an agency dateline opening the body, else ``None``."""
    dropped = [(start, end) for start, end, reason in removals.spans if reason == "dateline"]
    if dropped:
        start, end = min(dropped)
        return text[start:end]
    first = next((line for line in lines if line.kept), None)
    return agency_dateline(first.text) if first is not None else None
