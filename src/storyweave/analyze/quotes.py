"""Direct quotes in an article and who said them.

Quote marks of every style pair up ("…", “…”, „…“, «…», « … », »…«, ‹…›, 「…」, 『…』, ‚…‘,
‘…’ and '…'), also over paragraphs where a quotation goes on; scare quotes (a name or a term
of one to three words) and titles are skipped. Speakers come from
:mod:`storyweave.analyze.attribution`; a quote with no attribution of its own takes the one
of the quote it shares a sentence with, or, standing alone as a sentence, the speaker of the
quote just before it (a speaker's words going on).

>>> text = '"We are in a very early stage of talks," said Pavel Orlov. "Step by step we near a plan," he added.'
>>> [(q.text, q.speaker) for q in extract_quotes(text, "en")]
[('We are in a very early stage of talks', 'Pavel Orlov'), ('Step by step we near a plan', 'Pavel Orlov')]
"""

# Quote marks and letters of many scripts are what these rules look for.
# ruff: noqa: RUF001, RUF002, E501

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from storyweave.analyze.attribution import (
    Attribution,
    SpeakerKind,
    attribute_after,
    attribute_before,
    resolve_speaker,
)
from storyweave.analyze.person_names import PersonMention, person_mentions, words_of
from storyweave.represent.gazetteer import normalize_name

__all__ = ["QuoteMention", "SpeakerKind", "extract_quotes"]

#: Quotes longer than this are taken for unmatched marks, not statements.
MAX_QUOTE_CHARS = 3000
#: Paragraphs one quote may run over ("…\n\n"…"), the opening one included.
MAX_QUOTE_PARAGRAPHS = 4
#: How far before and after a quote its attribution is looked for, in characters.
CONTEXT_CHARS = 300


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One direct quote in one article.

    ``text`` is the quoted words (white space folded, paragraphs joined by a newline, a
    trailing comma dropped); ``start``/``end`` are offsets of the quoted words in the input
    text, marks excluded. ``speaker`` is a person's name or a role phrase (``speaker_kind``
    tells which), or ``None`` where the text names nobody.
    """

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_kind: SpeakerKind | None = None


# ---------------------------------------------------------------------------------------------
# Quote marks

# Each opening mark and the marks that close it.
_CLOSERS: dict[str, str] = {
    '"': '"',
    "“": "”",
    "„": "“”",
    "”": "”",  # Swedish and Finnish ”…”
    "«": "»",
    "»": "«",  # German and Danish »…«
    "‹": "›",
    "›": "‹",
    "「": "」",
    "『": "』",
    "‚": "‘’",
    "‘": "’",
    "'": "'",
}
# Marks that also serve as apostrophes or as either end: they open only where a quotation can
# start (after a space, before a word) and close only where one can end.
_FLANKED = frozenset("\"'‘’”»›")
_SINGLE = frozenset("'‘‚")
_ALL_MARKS = frozenset("".join(_CLOSERS) + "".join(_CLOSERS.values()))
_MARK_OR_BREAK = regex.compile("[" + regex.escape("".join(sorted(_ALL_MARKS))) + r"]|\n")
_OPENING_CONTEXT = frozenset("([{—–-/:;,.!?…") | _ALL_MARKS

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*")
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}]")
_SPACES = regex.compile(r"\s+")


@dataclass(slots=True)
class _Open:
    mark: str
    position: int
    pieces: list[tuple[int, int]] = field(default_factory=list)
    piece_start: int = 0


@dataclass(frozen=True, slots=True)
class _Span:
    """A quotation found by the marks: its pieces (one per paragraph), outer bounds, mark."""

    pieces: tuple[tuple[int, int], ...]
    outer_start: int  # the opening mark
    outer_end: int  # after the closing mark
    mark: str


def _can_open(text: str, position: int, mark: str) -> bool:
    after = text[position + 1] if position + 1 < len(text) else ""
    if not after or after == "\n":
        return False
    if mark not in _FLANKED:
        return mark != "‚" or not after.isspace()
    before = text[position - 1] if position else " "
    if not (before.isspace() or before in _OPENING_CONTEXT):
        return False
    if mark in "'‘":
        return after.isalpha()  # not '90s, not a spaced apostrophe
    # A quotation starts with a word, a bracket, an ellipsis or an inner quote, never with a
    # comma or a full stop: such a mark closes a quotation whose opening mark was lost.
    return after.isalnum() or after in "¿¡([{…'‘“«-—–"


def _can_close(text: str, position: int, mark: str) -> bool:
    if mark not in _FLANKED:
        return True
    before = text[position - 1] if position else "\n"
    after = text[position + 1] if position + 1 < len(text) else ""
    if mark in "'’":
        # An apostrophe sits between letters ("Russia's") or after a plural ("officials' ").
        return not before.isspace() and not (after.isalnum())
    return not (before.isspace() or before == "\n") or not (after.isalnum())


def _opener_only(text: str, position: int, mark: str) -> bool:
    """A mark that can only open here: a space or start before it, a word after it."""
    before = text[position - 1] if position else " "
    after = text[position + 1] if position + 1 < len(text) else ""
    return (before.isspace() or before in "([{—–-") and after.isalnum()


def _quote_spans(text: str) -> list[_Span]:
    """The outermost quotations of ``text``, in order."""
    spans: list[_Span] = []
    stack: list[_Open] = []
    skip: int | None = None  # a mark that reopens a quote continued from the paragraph before
    for match in _MARK_OR_BREAK.finditer(text):
        position = match.start()
        mark = match.group()
        if mark == "\n":
            # Blank lines before the paragraph that goes on with a quotation are passed over.
            if stack and position >= stack[0].piece_start:
                skip = _continue_quote(text, position, stack)
            continue
        if position == skip:
            stack[0].piece_start = position + 1
            skip = None
            continue
        depth = _closing_depth(text, position, mark, stack)
        if depth is not None:
            if mark == '"' and _opener_only(text, position, mark) and stack[depth].mark == '"':
                # A straight quote that can only open: the one before it was never closed.
                del stack[depth:]
                stack.append(_Open(mark, position, piece_start=position + 1))
                continue
            opened = stack[depth]
            del stack[depth:]
            if not stack:
                pieces = (*opened.pieces, (opened.piece_start, position))
                spans.append(_Span(pieces, opened.position, position + 1, opened.mark))
        elif mark in _CLOSERS and _can_open(text, position, mark):
            stack.append(_Open(mark, position, piece_start=position + 1))
    return spans


def _closing_depth(text: str, position: int, mark: str, stack: list[_Open]) -> int | None:
    """Index in ``stack`` of the quotation ``mark`` closes, or ``None``."""
    if not stack or not _can_close(text, position, mark):
        return None
    for depth in range(len(stack) - 1, -1, -1):
        if mark in _CLOSERS[stack[depth].mark]:
            return depth
        if stack[depth].mark in _FLANKED and mark in _FLANKED:
            return None  # ambiguous marks close only the innermost quotation
    return None


def _continue_quote(text: str, newline: int, stack: list[_Open]) -> int | None:
    """At a paragraph break inside a quotation: keep it open when the next paragraph goes on
    with it (reopens with the same mark, or first closes it), else drop it. Returns the
    position of a reopening mark to skip."""
    outer = stack[0]
    next_start = newline + 1
    while next_start < len(text) and text[next_start].isspace():
        next_start += 1
    del stack[1:]
    if len(outer.pieces) + 1 >= MAX_QUOTE_PARAGRAPHS or next_start >= len(text):
        stack.clear()
        return None
    closing = _CLOSERS[outer.mark]
    following = _MARK_OR_BREAK.search(text, next_start)
    reopens = text[next_start] == outer.mark and _can_open(text, next_start, outer.mark)
    closes = (
        following is not None
        and following.group() in closing
        and not _opener_only(text, following.start(), following.group())
        and _can_close(text, following.start(), following.group())
    )
    if not (reopens or closes):
        stack.clear()
        return None
    outer.pieces.append((outer.piece_start, newline))
    outer.piece_start = next_start
    return next_start if reopens else None


def _quote_text(text: str, span: _Span) -> str:
    paragraphs = [_SPACES.sub(" ", text[start:end]).strip() for start, end in span.pieces]
    return "\n".join(p for p in paragraphs if p).strip().rstrip(",;:").rstrip()


def _is_statement(quoted: str, mark: str, lang: str) -> bool:
    """Whether a quotation is a statement, not a scare quote (a name or a term)."""
    if not quoted or len(quoted) > MAX_QUOTE_CHARS:
        return False
    if _UNSPACED.search(quoted):
        return len(regex.findall(r"[\p{L}\p{N}]", quoted)) >= 8
    words = len(_WORD.findall(quoted))
    # Vietnamese words are syllables: four of them are often one or two words.
    minimum = 5 if lang == "vi" else 4
    if words >= minimum:
        return not _is_title(quoted, lang)
    if mark in _SINGLE or words < 2 or lang == "vi":
        return False
    # A short clause stands apart from a term by its own punctuation ("Yes, we can", "Why
    # not?"); a final full stop does not, being put inside the marks by house style.
    return quoted[-1] in "!?" or "," in quoted


def _is_title(quoted: str, lang: str) -> bool:
    """A title in quotes ("Dick Clark's New Year's Rocking Eve"): most long words capitalised,
    no sentence punctuation. Not judged where every noun is capitalised."""
    if lang in ("de", "lb") or regex.search(r"[.!?,;]", quoted):
        return False
    words = _WORD.findall(quoted)
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 3 and capitalised >= 0.7 * len(words)


# ---------------------------------------------------------------------------------------------
# Sentences around a quote

_SENTENCE_END = regex.compile(
    r"(?<!(?:^|[\s.])\p{Lu})(?<!\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Col|Lt|Sgt|Jr|Sr|Prof|No|vs))"
    r"[.!?…]+(?=\s)|\n"
)


def _sentence_start(text: str, position: int, floor: int) -> int:
    start = max(floor, position - CONTEXT_CHARS)
    ends = list(_SENTENCE_END.finditer(text, start, position))
    return ends[-1].end() if ends else start


def _sentence_end(text: str, position: int, ceiling: int) -> int:
    end = min(ceiling, position + CONTEXT_CHARS, len(text))
    found = _SENTENCE_END.search(text, position, end)
    return found.start() if found else end


# ---------------------------------------------------------------------------------------------
# Quotes with their speakers


def extract_quotes(text: str, lang: str) -> list[QuoteMention]:
    """The direct quotes of ``text`` (language ``lang``) with their speakers, in order.

    >>> [(q.text, q.speaker) for q in extract_quotes('Ông Hansen nói rằng: "Chúng tôi sẽ không chấp nhận điều đó".', "vi")]
    [('Chúng tôi sẽ không chấp nhận điều đó', 'Hansen')]
    >>> extract_quotes('He called it a "witch hunt".', "en")
    []
    """
    language = (lang or "").lower().replace("_", "-").split("-", 1)[0]
    spans = [
        (span, quoted)
        for span in _quote_spans(text)
        if _is_statement(quoted := _quote_text(text, span), span.mark, language)
    ]
    outer = [(span.outer_start, span.outer_end) for span, _ in spans]
    people = person_mentions(text, language, outer)
    closed = [quoted.endswith((".", "…")) for _, quoted in spans]
    found = [
        _attribution(text, outer, index, closed[index], language) for index in range(len(outer))
    ]
    _share_within_sentences(text, outer, found)
    mentions: list[QuoteMention] = []
    history: list[tuple[int, str, SpeakerKind]] = []
    for index, (span, quoted) in enumerate(spans):
        start, end = outer[index]
        speaker = resolve_speaker(found[index], start, text, people, history)
        if (
            speaker is None
            and index
            and _goes_on(text, outer, index, closed[index], people, mentions[-1])
        ):
            previous = mentions[-1]
            if previous.speaker and previous.speaker_kind:
                speaker = previous.speaker, previous.speaker_kind
        if speaker is not None:
            history.append((end, *speaker))
        mentions.append(
            QuoteMention(
                text=quoted,
                start=span.pieces[0][0],
                end=span.pieces[-1][1],
                speaker=speaker[0] if speaker else None,
                speaker_kind=speaker[1] if speaker else None,
            )
        )
    return mentions


def _attribution(
    text: str, outer: list[tuple[int, int]], index: int, closed: bool, lang: str
) -> Attribution | None:
    """The attribution phrase of quote ``index``: right after it, else leading into it.

    A quote that ends with its own full stop ends its sentence: what follows is another.
    """
    start, end = outer[index]
    previous_end = outer[index - 1][1] if index else 0
    next_start = outer[index + 1][0] if index + 1 < len(outer) else len(text)
    after = "" if closed else text[end : _sentence_end(text, end, next_start)]
    found = attribute_after(after, lang) if words_of(after) else None
    if found is None:
        before = text[_sentence_start(text, start, previous_end) : start]
        found = attribute_before(before, lang) if words_of(before) else None
    return found


def _share_within_sentences(
    text: str, outer: list[tuple[int, int]], found: list[Attribution | None]
) -> None:
    """A quote without an attribution takes that of another quote of its sentence
    ('"A," he said, "B."' and '"A" and "B," he said')."""
    for index in range(len(found)):
        if found[index] is not None:
            continue
        for neighbour in (index - 1, index + 1):
            if 0 <= neighbour < len(outer) and found[neighbour] is not None:
                low, high = sorted((outer[neighbour], outer[index]))
                if not _SENTENCE_END.search(text, low[1], high[0]):
                    found[index] = found[neighbour]
                    break


def _goes_on(
    text: str,
    outer: list[tuple[int, int]],
    index: int,
    closed: bool,
    people: list[PersonMention],
    previous: QuoteMention,
) -> bool:
    """Whether quote ``index``, a sentence of its own, goes on with the quote before: in the
    same or the next paragraph, with no other person named between them."""
    start, end = outer[index]
    previous_end = outer[index - 1][1]
    next_start = outer[index + 1][0] if index + 1 < len(outer) else len(text)
    if words_of(text[_sentence_start(text, start, previous_end) : start]):
        return False
    if not closed and words_of(text[end : _sentence_end(text, end, next_start)]):
        return False
    gap = text[previous_end:start]
    if "\n" in gap and words_of(gap[gap.find("\n") : gap.rfind("\n")]):
        return False  # a paragraph between them
    speaker = normalize_name(previous.speaker or "").split()[-1:]
    return not any(
        previous_end <= person.start < start
        and len(person.name.split()) > 1
        and normalize_name(person.name).split()[-1:] != speaker
        for person in people
    )
