"""Recognising lines that are page furniture rather than article text.

Each predicate takes one normalised line and judges it by its shape and by general
multilingual vocabulary (:mod:`storyweave.clean.lexicon`), never by the words of a site.
"""

# Typographic quotes, dashes and letters of many scripts are what these rules look for.
# ruff: noqa: RUF001

from __future__ import annotations

import re

import regex

from .dateline import is_byline, is_date_only, is_dateline_line
from .lexicon import (
    AD_LABELS,
    AGENCIES,
    CAPTION_LABELS,
    CAPTION_PHRASES,
    CONSENT_TOPICS,
    CREDIT_WORDS,
    LINK_MARKERS,
    MONTHS,
    PAGE_FURNITURE,
    READER_WORDS,
    SITE_WORDS,
    TAG_LABELS,
    WEEKDAYS,
    phrase_pattern,
)
from .shape import ends_sentence, token_count

CREDIT_MAX_TOKENS = 8
CREDIT_MAX_CHARS = 70
CAPTION_MAX_TOKENS = 60
# A line opening with "Photo: …" is a credit line only when this short; longer, text follows it.
CAPTION_LEAD_LABEL_MAX_TOKENS = 20
# A caption label ("Ảnh: …") this close to the end of a line credits the photo it describes.
CAPTION_LABEL_TAIL = 60
LINK_LINE_MAX_TOKENS = 30
# A link marker inside a line starts a tail to cut only this close to the end of the text.
LINK_TAIL_MAX_CHARS = 300
JUNK_MAX_TOKENS = 5
JUNK_MAX_CHARS = 40
# A consent notice names at least this many of its topics (privacy policy, cookies, personal
# data, consent, terms) …
CONSENT_MIN_TOPICS = 2
# … at least one in this many words: a notice is dense with them, while an article paragraph
# that mentions a privacy policy among other things is not.
CONSENT_WORDS_PER_TOPIC = 30

_CONNECTORS = frozenset(
    {
        "and",
        "und",
        "et",
        "y",
        "e",
        "i",
        "và",
        "ve",
        "и",
        "و",
        "of",
        "de",
        "di",
        "&",
        "/",
        "-",
        "–",
        "|",
        "+",
        ",",
    }
)
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}&'’.\-]+")
_MARKER = phrase_pattern(LINK_MARKERS)
_LINK_AFTER = r"(?=\s*(?:[:：>»|\-–—…]|\.{2,}|$))"
_LINK_AT_START = regex.compile(r"(?i)^[\W_]{0,3}" + _MARKER + _LINK_AFTER)
_LINK_ANYWHERE = regex.compile(r"(?i)(?<![\p{L}\p{M}])" + _MARKER + r"(?![\p{L}\p{M}])")
# A marker right after a sentence end (glued or spaced) and followed by a colon, an arrow or a
# capitalised headline: the start of a "Read more" tail.
_LINK_TAIL = regex.compile(r"(?i)" + _MARKER + r"(?=\s*[:：>»|\-–—]|\s+(?-i:\p{Lu}))")
# Where a tail may start: just after a sentence end, with or without a space.
_AFTER_SENTENCE_END = re.compile(r"[.!?…\"”’»)] ?(?=\w)")
_CAPTION_LABEL = regex.compile(
    r"(?i)(?<![\p{L}\p{M}])" + phrase_pattern(CAPTION_LABELS) + r"\s*:\s*\S"
)
_CAPTION_PHRASE = regex.compile(
    r"(?i)(?<![\p{L}\p{M}])" + phrase_pattern(CAPTION_PHRASES) + r"(?![\p{L}\p{M}])"
)
_CREDIT_LABEL = regex.compile(
    r"(?i)^\W{0,2}(?:" + phrase_pattern(CAPTION_LABELS) + r"|source|sources|nguồn|quelle|fuente"
    r"|fonte|źródło|kaynak|источник|credit|crédito|crédit)\s*:"
)
_INNER_SENTENCE_END = regex.compile(r"\p{Ll}\p{Ll}[.!?…]+[\"”’»)]?\s+(?=[\"“„«(]?\p{Lu})")
_COPYRIGHT = regex.compile(r"(?i)^\W{0,2}(?:©|\(c\)|copyright\b)")
_TAG_LINE = regex.compile(r"(?i)^\W{0,2}" + phrase_pattern(TAG_LABELS) + r"\s*:")
# "… France May 3, 2019." or "… Lyon, 3 May 2019": a place then a date, no preposition.
_PLACE_DATE_END = regex.compile(
    r"(?P<place>\p{Lu}[\p{L}\p{M}]+),?\s+(?:(?P<m1>[\p{L}]+)\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\.?\s+(?P<m2>[\p{L}]+)\.?\s+\d{4})\.?$"
)


class _Vocabulary:
    """Where the entries of a word list occur in a text, case-blind: whole words, words that
    go on ("cookie*" finds "Cookies"), and phrases of several words, as written."""

    def __init__(self, entries: tuple[str, ...]) -> None:
        words: set[str] = set()
        prefixes: list[str] = []
        phrases: list[str] = []
        for entry in entries:
            stem = entry.rstrip("*")
            if not _LETTERS.fullmatch(stem):
                phrases.append(stem)
            elif entry.endswith("*"):
                prefixes.append(stem)
            else:
                words.add(stem)
        self.words = frozenset(words)
        self.prefixes = tuple(prefixes)
        self.phrases = tuple(phrases)
        # Most lines hold none of the entries: a plain substring test says so fastest.
        self.stems = (*self.words, *self.prefixes, *self.phrases)

    def count(self, text: str) -> int:
        """How many times the entries occur in ``text``."""
        lowered = text.lower()
        if not any(stem in lowered for stem in self.stems):
            return 0
        found = sum(lowered.count(phrase) for phrase in self.phrases)
        return found + sum(
            1
            for word in _LETTERS.findall(lowered)
            if word in self.words or word.startswith(self.prefixes)
        )


_LETTERS = regex.compile(r"[\p{L}\p{M}]+")
_QUOTED = regex.compile(r'["“„«»]([^"“”„«»]+)["”“»«]')
_CONSENT_TOPICS = _Vocabulary(CONSENT_TOPICS)
_SITE_VOICE = _Vocabulary(SITE_WORDS)


def _words(text: str) -> list[str]:
    return [word.casefold().strip(".'’-") for word in _WORD.findall(text)]


def is_page_furniture(text: str) -> bool:
    """Whether a line is only sharing, printing or advertising words ("Share", "Tweet")."""
    if token_count(text) > CREDIT_MAX_TOKENS:
        return False
    words = [word for word in _words(text) if word]
    return bool(words) and all(word in PAGE_FURNITURE for word in words)


def is_consent_notice(text: str) -> bool:
    """Whether ``text`` is a site's privacy or cookie notice: dense with its topics (privacy
    policy, cookies, personal data, consent, terms), speaking to the reader ("you", "Sie",
    "Państwo") and of the site itself ("our", "unsere", "nasz"). A report on privacy rules
    rarely does all three.

    A line mostly inside quote marks is someone quoted in a report, not the site's notice.

    >>> is_consent_notice("By registering you agree to our privacy policy and terms of use.")
    True
    >>> is_consent_notice("Sites must ask for consent before they set cookies, a judge ruled.")
    False
    >>> is_consent_notice('"We never sell your personal data or share cookies," it said.')
    False
    """
    topics = _CONSENT_TOPICS.count(text)
    return _may_hold_consent_notice(text, topics) and _goes_on_as_notice(text, topics)


def continues_consent_notice(text: str) -> bool:
    """Whether a line right after a consent notice goes on with it: it names one of its topics
    densely enough and speaks to the reader ("Withdraw your consent at any time.")."""
    return _goes_on_as_notice(text, _CONSENT_TOPICS.count(text))


def consent_notice_start(text: str) -> int | None:
    """Where a consent notice running to the end of a line starts, at the first sentence that
    names one of its topics; ``None`` when the line holds none. The site may speak of itself
    before that sentence, in the same line ("To improve our site, we collect …").

    >>> text = "Storm hits coast. We use cookies; see our privacy policy. You may opt out."
    >>> text[consent_notice_start(text):]
    'We use cookies; see our privacy policy. You may opt out.'
    """
    if not _may_hold_consent_notice(text, _CONSENT_TOPICS.count(text)):
        return None
    starts = [0, *(boundary.end() for boundary in _AFTER_SENTENCE_END.finditer(text))]
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        if not _CONSENT_TOPICS.count(text[start:end]):
            continue
        tail = text[start:]
        topics = _CONSENT_TOPICS.count(tail)
        if topics >= CONSENT_MIN_TOPICS and _goes_on_as_notice(tail, topics):
            return start
    return None


def _may_hold_consent_notice(text: str, topics: int) -> bool:
    """Whether a line that names ``topics`` topics of a notice names them twice and the site
    speaks in it, not mostly inside quote marks."""
    return (
        topics >= CONSENT_MIN_TOPICS
        and _SITE_VOICE.count(text) > 0
        and 2 * _quoted_words(text) <= token_count(text)
    )


def _goes_on_as_notice(text: str, topics: int) -> bool:
    """Whether a line that names ``topics`` topics of a notice names them densely enough and
    speaks to the reader."""
    return (
        topics > 0
        and topics * CONSENT_WORDS_PER_TOPIC >= token_count(text)
        and not READER_WORDS.isdisjoint(_words(text))
    )


def _quoted_words(text: str) -> int:
    return sum(token_count(quoted) for quoted in _QUOTED.findall(text))


def is_link_line(text: str) -> bool:
    """Whether a line is a link to another page ("Read more: …", "Mời xem thêm video:")."""
    if token_count(text) > LINK_LINE_MAX_TOKENS:
        return False
    if _LINK_AT_START.search(text):
        return True
    # A short line that mentions a marker and points onward with a colon or an arrow.
    return (
        token_count(text) <= 10
        and text.rstrip().endswith((":", ">", "»", "…", "..."))
        and bool(_LINK_ANYWHERE.search(text))
    )


def link_tail_start(text: str, distance_to_end: int) -> int | None:
    """Where a "Read more" tail glued onto the end of a line starts, or ``None``.

    ``distance_to_end`` is the count of characters of text that follow this line; a marker
    only starts a tail when little text follows it.
    """
    window = LINK_TAIL_MAX_CHARS - distance_to_end
    if window <= 0:
        return None
    offset = max(0, len(text) - window)
    for boundary in _AFTER_SENTENCE_END.finditer(text, offset):
        if _LINK_TAIL.match(text, boundary.end()):
            return boundary.end()
    return None


def is_name(text: str) -> bool:
    """Whether a short line is a name: every word capitalised, no digits ("Minh Anh")."""
    return _is_name_list(text) and not any(char.isdigit() for char in text)


def _is_name_list(text: str) -> bool:
    """Whether every word is capitalised or a connector: "Daily Wire and Agencies"."""
    for token in text.split():
        bare = token.strip(",.;:()[]")
        if not bare or bare.casefold() in _CONNECTORS:
            continue
        if not (bare[0].isupper() or bare[0].isdigit() or bare in {"©"}):
            return False
    return True


def is_credit(text: str) -> bool:
    """Whether a line only credits an agency, a photographer or a source."""
    if token_count(text) > CREDIT_MAX_TOKENS or len(text) > CREDIT_MAX_CHARS:
        return False
    if ends_sentence(text) and not text.rstrip().endswith(")") and len(text.split()) > 2:
        return False
    if _CREDIT_LABEL.match(text) or _COPYRIGHT.match(text):
        return True
    inner = text.strip()
    if inner.startswith(("(", "[")) and inner.endswith((")", "]")) and token_count(text) <= 6:
        return True
    bare = inner.strip("()[]—–-. ").casefold()
    if bare in AGENCIES:
        return True
    words = [word for word in _words(text) if word and word not in _CONNECTORS]
    if words and all(word in AGENCIES for word in words):
        return True
    if any(word in CREDIT_WORDS for word in words) and _is_name_list(text):
        return True
    return is_byline(text) and token_count(text) <= 6 and _is_name_list(text)


def is_caption(text: str) -> bool:
    """Whether a line reads as a photo caption ("… in this picture …", "Ảnh: …").

    A caption describes one picture in a sentence or so; a longer paragraph that merely ends
    with a photo credit is text (see :func:`credit_tail_start`).
    """
    tokens = token_count(text)
    if tokens > CAPTION_MAX_TOKENS:
        return False
    if _CAPTION_PHRASE.search(text) and _sentence_breaks(text) <= 1:
        return True
    for match in _CAPTION_LABEL.finditer(text):
        if match.start() == 0:
            return tokens <= CAPTION_LEAD_LABEL_MAX_TOKENS
        if len(text) - match.start() <= CAPTION_LABEL_TAIL:
            return _sentence_breaks(text[: match.start()].rstrip(" (")) == 0
    return False


def credit_tail_start(text: str) -> int | None:
    """Where a photo credit closing a paragraph of text starts ("… Ảnh: Vogue."), or ``None``."""
    for match in _CAPTION_LABEL.finditer(text):
        if match.start() > 0 and len(text) - match.start() <= CAPTION_LABEL_TAIL:
            start = int(match.start())
            if text[start - 1] == "(":
                start -= 1
            return start
    return None


def _sentence_breaks(text: str) -> int:
    """Sentence ends inside ``text`` (a final one does not count), seen after lower-case words."""
    return len(_INNER_SENTENCE_END.findall(text))


def ends_with_place_and_date(text: str) -> bool:
    """Whether a line ends the way wire captions do: "… in Lyon, France May 3, 2019."."""
    match = _PLACE_DATE_END.search(text)
    if not match:
        return False
    month = (match.group("m1") or match.group("m2") or "").casefold()
    return month in MONTHS and match.group("place").casefold() not in WEEKDAYS


def is_dateline(text: str, near_top: bool) -> bool:
    """Whether a line is a dateline; a bare date counts only near the top of the text."""
    if is_dateline_line(text):
        return True
    return near_top and is_date_only(text)


def is_tag_line(text: str) -> bool:
    """Whether a line lists tags or keywords ("Tags: …", "Từ khóa: …")."""
    return bool(_TAG_LINE.match(text))


def is_trailing_junk(text: str) -> bool:
    """Whether a last line is leftover furniture: very short and not a sentence, or tags."""
    if is_tag_line(text):
        return True
    return (
        token_count(text) <= JUNK_MAX_TOKENS
        and len(text) <= JUNK_MAX_CHARS
        and not ends_sentence(text)
        and not text.rstrip().endswith(":")
    )


#: One advert label, as a pattern (case counts: "Anzeige" is a label, "anzeige" a word).
AD_LABEL = "(?:" + "|".join(regex.escape(label) for label in AD_LABELS) + ")"
# An advert label between the end of one sentence and the capitalised start of the next.
_INLINE_AD_LABEL = regex.compile(r"(?<=[.!?…\"'”’»)\]] )" + AD_LABEL + r" (?=[\p{Lu}\"“„«])")


def inline_ad_labels(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` spans (with the space after) of advert labels standing between
    two sentences of ``text``.

    >>> text = "The road was closed. Advertisement A new bridge opens in May."
    >>> [text[start:end] for start, end in inline_ad_labels(text)]
    ['Advertisement ']
    """
    return [match.span() for match in _INLINE_AD_LABEL.finditer(text)]


def line_reason(text: str, near_top: bool) -> str | None:
    """Why a line of the body is dropped wherever it stands, or ``None`` to keep it."""
    if is_page_furniture(text):
        return "navigation"
    if is_consent_notice(text):
        return "consent-notice"
    if is_link_line(text):
        return "link-line"
    if is_dateline(text, near_top):
        return "dateline"
    if is_credit(text):
        return "credit"
    if is_caption(text):
        return "caption"
    return None
