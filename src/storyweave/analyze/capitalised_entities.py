"""Names in any language without a model: capitalised spans, typed by gazetteer and cues.

A name is a run of capitalised words (joined by spaces, hyphens or a connector such as "de",
"al", "von": :data:`~storyweave.represent.names.CONNECTORS`), or an acronym. The rules of
:mod:`storyweave.represent.names` decide which capitals are grammar's rather than a name's: a
word at a sentence start or in a title-case headline, or leading a run, that the text also
writes in lower case ("President", "Minister") or that is a stop word, and day and month
names. A word alone at a sentence start is kept only when the text also capitalises it
elsewhere, or uses it as a surname. In languages that capitalise every noun (German), a lone
word is kept only as a place or a surname. Scripts without case (Arabic, Hebrew …) give only the
places the gazetteer knows in that script.

Places (countries, major cities) come from :mod:`storyweave.analyze.place_names`, which also
cuts them out of longer runs ("Ankara Erdoğan"); organisations from head words
(:mod:`storyweave.analyze.entity_cues`); people from a surname used alone; the rest is ``other``.
"""

# Quote marks and apostrophes of many scripts are what these rules look for.
# ruff: noqa: RUF001

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

import regex

from storyweave.analyze.entity_cues import has_organisation_word
from storyweave.analyze.mention import (
    Mention,
    could_be_personal_name,
    lower_case_words,
    name_words,
    person_by_surname,
    tidy_span,
)
from storyweave.analyze.place_names import place_key, place_type
from storyweave.model import EntityType
from storyweave.represent.gazetteer import MAX_NAME_TOKENS, normalize_name
from storyweave.represent.name_words import (
    calendar_words,
    own_stop_words,
    stop_words_and_english,
)
from storyweave.represent.names import CONNECTORS, NOUN_CAPITALISING

__all__ = ["capitalised_mentions"]

_TOKEN = regex.compile(
    r"(?:\p{Lu}{1,2}\.){2,}"  # dotted abbreviations: U.S., EE.UU.
    r"|[\p{L}\p{M}\p{N}]+(?:['’ʼ][\p{L}\p{M}\p{N}]+)*"
)
_ELIDED = regex.compile(r"\p{Ll}{1,4}['’ʼ](?=\p{Lu})")  # "l'Iran", "d'Alep"
_SUFFIX = regex.compile(r"['’ʼ]\p{Ll}{1,6}$")
_SENTENCE_GAP = regex.compile(r'[.!?…:;\n"“”„«»‹›「」]')
_JOINING_GAP = regex.compile(r"[ \t\u00a0]|[ \t\u00a0]?[-‐][ \t\u00a0]?")
_LINE = regex.compile(r"[^\n]+")
_LONG_WORD = regex.compile(r"[\p{L}\p{M}]{4,}")
# A short capitalised word before a full stop is a title's abbreviation ("Mr.", "Dr.", "Gen.").
_ABBREVIATED_TITLE = regex.compile(r"\p{Lu}\p{Ll}{0,2}")
#: Determiners after which a capitalised word is a common noun, in noun-capitalising languages.
DETERMINERS = {
    "de": (
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
        "eines", "kein", "keine", "keinen", "keinem", "keiner", "dieser", "diese", "dieses",
        "diesen", "diesem", "jeder", "jede", "jedes", "jeden", "zum", "zur", "im", "am", "vom",
        "beim", "ins", "sein", "seine", "seinen", "seiner", "ihr", "ihre", "ihren", "ihrer",
        "unser", "unsere", "alle", "viele",
    ),
    "lb": ("den", "dem", "der", "des", "eng", "engem", "enger", "een", "dës", "dëse"),
}  # fmt: skip
# An Arabic adjective of origin: the article, and the nisba ending of the masculine or of the
# plural ("الليبي", "السوريين"); the feminine ("السعودية") also names countries, so it stays.
_ARABIC_ADJECTIVE = regex.compile(r"(?:[وبفك]?ال|[وف]?لل)\p{Arabic}+(?:ي|يين|يون)")
_ARABIC_PROCLITICS = "وبلفك"  # "and", "with", "for", "so", "as" glued to the next word


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    surface: str
    kind: str  # "cap", "acronym", "lower", "caseless" or "other"
    initial: bool  # capitalised by grammar: a sentence start or a title-case headline
    sentence_start: bool


def capitalised_mentions(text: str, lang: str) -> list[Mention]:
    """The names in ``text`` (language ``lang``) found by capitalisation, typed."""
    words = _words(text)
    context = _Context.of(text, lang)
    spans: list[list[_Word]] = []
    mentions: list[Mention] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word.kind == "acronym":
            mentions += _acronym(text, word, context)
            index += 1
        elif word.kind == "cap" or (word.kind == "lower" and _starts_name(words, index, text)):
            end = _run_end(words, index, text)
            spans += _name_spans(words[index:end], context)
            index = end
        elif word.kind == "caseless":
            found, index = _caseless_place(words, index, text, lang)
            mentions += found
        else:
            index += 1
    mentions += _typed(spans, text, lang, context)
    mentions.sort(key=lambda mention: mention.start)
    return person_by_surname(mentions, lang)


@dataclass(frozen=True, slots=True)
class _Context:
    lang: str
    stop: frozenset[str]
    lower_seen: frozenset[str]
    common_nouns: frozenset[str]
    calendar: frozenset[str]
    own_stop: frozenset[str]

    @staticmethod
    def of(text: str, lang: str) -> _Context:
        common: frozenset[str] = frozenset()
        if lang in NOUN_CAPITALISING:
            common = frozenset(_determined_noun(lang).findall(text))
        return _Context(
            lang,
            stop_words_and_english(lang),
            lower_case_words(text),
            common,
            calendar_words(lang),
            own_stop_words(lang),
        )


def _words(text: str) -> list[_Word]:
    headlines = [line.span() for line in _LINE.finditer(text) if _is_title_case(line.group())]
    words: list[_Word] = []
    previous_end = 0
    for match in _TOKEN.finditer(text):
        start, surface = match.start(), match.group()
        elided = _ELIDED.match(surface)
        if elided is not None:
            start, surface = start + elided.end(), surface[elided.end() :]
        suffix = _SUFFIX.search(surface)
        if suffix is not None and suffix.start() > 0:
            surface = surface[: suffix.start()]  # "Türkiye'nin", "Putin's": the name alone
        gap = text[previous_end:start]
        sentence_start = not words or _SENTENCE_GAP.search(gap) is not None
        initial = sentence_start or any(low <= start < high for low, high in headlines)
        previous_end = match.end()
        following = text[match.end() : match.end() + 1]
        if following == "." and _ABBREVIATED_TITLE.fullmatch(surface):
            continue
        end = start + len(surface)
        words.append(_Word(start, end, surface, _kind(surface), initial, sentence_start))
    return words


def _kind(surface: str) -> str:
    first = surface[0]
    if "." in surface or (surface.isupper() and len(surface) >= 2 and surface.isalpha()):
        return "acronym"
    if first.isupper() or first.istitle():
        return "cap"
    if first.islower():
        return "lower"
    return "caseless" if first.isalpha() else "other"


def _is_title_case(line: str) -> bool:
    # In a title-case headline ("Russia Says It Is Edging Closer") every capital is grammar's.
    if len(line) > 300:
        return False
    long_words = _LONG_WORD.findall(line)
    capitalised = sum(1 for word in long_words if word[0].isupper())
    return len(long_words) >= 4 and capitalised >= 0.8 * len(long_words)


def _joined(words: list[_Word], index: int, text: str) -> bool:
    """Whether ``words[index]`` continues the name of the word before it."""
    word = words[index]
    return not word.sentence_start and bool(
        _JOINING_GAP.fullmatch(text, words[index - 1].end, word.start)
    )


def _starts_name(words: list[_Word], index: int, text: str) -> bool:
    # A connector glued to a capitalised word opens a name: "al-Qaeda", "el-Sisi".
    return (
        words[index].surface in CONNECTORS
        and index + 1 < len(words)
        and words[index + 1].kind == "cap"
        and text[words[index].end : words[index + 1].start] in ("-", "‐")
    )


def _run_end(words: list[_Word], start: int, text: str) -> int:
    end = start + 1
    while end < len(words):
        word = words[end]
        if word.kind == "cap" and _joined(words, end, text):
            end += 1
        elif (
            word.kind == "lower"
            and word.surface in CONNECTORS
            and _joined(words, end, text)
            and end + 1 < len(words)
            and words[end + 1].kind == "cap"
            and _joined(words, end + 1, text)
        ):
            end += 2
        else:
            break
    return end


def _is_name_word(word: _Word, context: _Context, leading: bool) -> bool:
    folded = word.surface.casefold()
    if word.kind == "lower":
        return not leading  # a connector inside a name ("Bank of America")
    key = normalize_name(word.surface)
    if len(key) < 2 or (leading and key in context.calendar):
        return False
    if word.surface in context.common_nouns and not has_organisation_word(
        [word.surface], context.lang
    ):
        return False  # "die Regierung", but "das Bundesministerium" is a name
    if word.initial or leading:
        if folded in context.stop:
            return False
        # A title the text also writes in lower case ("President", "Minister") leads no
        # name, but an organisation's head does ("Agencia Nacional de …").
        return folded not in context.lower_seen or (
            leading and has_organisation_word([word.surface], context.lang)
        )
    return True


def _name_spans(run: list[_Word], context: _Context) -> list[list[_Word]]:
    spans: list[list[_Word]] = []
    span: list[_Word] = []
    for number, word in enumerate(run):
        # A run opens with a connector only when glued to the name ("al-Qaeda").
        glued = number == 0 and word.kind == "lower"
        if glued or _is_name_word(word, context, leading=not span):
            span.append(word)
        else:
            if span:
                spans.append(span)
            span = []
    if span:
        spans.append(span)
    return spans


def _without_loose_connectors(
    piece: list[_Word], text: str, own_stop: frozenset[str]
) -> list[_Word]:
    # A connector or a stop word never ends a name ("Orquesta de" once "Córdoba" is cut out,
    # "Comalapa El …"), nor does a connector start one unless glued to it ("al-Qaeda", not
    # "de Ocosingo").
    while piece and (piece[-1].kind == "lower" or piece[-1].surface.casefold() in own_stop):
        piece = piece[:-1]
    while piece and piece[0].kind == "lower" and text[piece[0].end : piece[0].end + 1] not in "-‐":
        piece = piece[1:]
    return piece


def _typed(spans: list[list[_Word]], text: str, lang: str, context: _Context) -> list[Mention]:
    """Mentions of the name spans: places cut out, organisations by head word, the rest
    ``other``; lone words at sentence starts (and, in German, all lone words) kept only with
    evidence that they are names."""
    pieces: list[tuple[list[_Word], EntityType]] = []
    for span in spans:
        cut: list[tuple[list[_Word], EntityType]]
        if has_organisation_word([w.surface for w in span], lang):
            cut = [(span, "organisation")]
        else:
            cut = _cut_places(span, lang)
        for piece, kind in cut:
            piece = _without_loose_connectors(piece, text, context.own_stop)
            if piece:
                pieces.append((piece, kind))
    surnames = {
        piece[-1].surface.casefold()
        for piece, kind in pieces
        if kind == "other" and could_be_personal_name(text[piece[0].start : piece[-1].end], lang)
    }
    capitalised_inside = {w.surface for piece, _ in pieces for w in piece if not w.initial}
    mentions = []
    for piece, kind in pieces:
        if len(piece) == 1 and kind == "other":
            word = piece[0]
            evidence = word.surface.casefold() in surnames
            if not evidence and context.lang not in NOUN_CAPITALISING:
                evidence = not word.initial or word.surface in capitalised_inside
            if not evidence:
                continue
        bounds = tidy_span(text, piece[0].start, piece[-1].end, lang)
        if bounds is not None and name_words(text[bounds[0] : bounds[1]]):
            mentions.append(Mention(text[bounds[0] : bounds[1]], kind, *bounds))
    return mentions


def _cut_places(span: list[_Word], lang: str) -> list[tuple[list[_Word], EntityType]]:
    pieces: list[tuple[list[_Word], EntityType]] = []
    rest: list[_Word] = []
    position = 0
    while position < len(span):
        for length in range(min(MAX_NAME_TOKENS, len(span) - position), 0, -1):
            words = span[position : position + length]
            key = place_key(" ".join(w.surface for w in words), lang)
            if key is not None:
                if rest:
                    pieces.append((rest, "other"))
                    rest = []
                pieces.append((words, place_type(key)))
                position += length
                break
        else:
            rest.append(span[position])
            position += 1
    if rest:
        pieces.append((rest, "other"))
    return pieces


def _acronym(text: str, word: _Word, context: _Context) -> list[Mention]:
    lang = context.lang
    key = place_key(word.surface, lang)
    if key is not None:
        return [Mention(word.surface, place_type(key), word.start, word.end)]
    folded = word.surface.casefold()
    if len(word.surface.replace(".", "")) < 2 or len(word.surface) > 6:
        return []  # longer words in capitals are shouting, not acronyms
    if folded in context.lower_seen or folded in context.stop:
        return []  # a word of a heading in capitals ("NIE UWIERZYCIE")
    kind: EntityType = "organisation" if has_organisation_word([word.surface], lang) else "other"
    span = tidy_span(text, word.start, word.end, lang)
    return [Mention(text[span[0] : span[1]], kind, *span)] if span is not None else []


def _caseless_place(
    words: list[_Word], start: int, text: str, lang: str
) -> tuple[list[Mention], int]:
    """The place a run of uncased words at ``start`` names (up to three words), and where to go
    on; Arabic conjunctions and prepositions glued to a name ("وروسيا") are cut off."""
    for length in range(min(3, len(words) - start), 0, -1):
        part = words[start : start + length]
        if any(w.kind != "caseless" for w in part):
            continue
        if any(text[a.end : b.start] != " " for a, b in itertools.pairwise(part)):
            continue
        begin, end = part[0].start, part[-1].end
        key = place_key(text[begin:end], lang)
        if key is None and length == 1 and text[begin] in _ARABIC_PROCLITICS and end - begin > 4:
            begin += 1
            key = place_key(text[begin:end], lang)
        if key is not None and _is_arabic_adjective(text[part[0].start : end], lang):
            return [], start + length  # "الليبي", Libyan: an adjective, not Libya
        if key is not None:
            return [Mention(text[begin:end], place_type(key), begin, end)], start + length
    return [], start + 1


def _is_arabic_adjective(surface: str, lang: str) -> bool:
    # With the article ("الليبي"), or a country's name in "-يا" with "-ي" for it ("إيطالي"
    # beside "إيطاليا"; "مالي", Mali, has no "مالا" and stays a country).
    if _ARABIC_ADJECTIVE.fullmatch(surface):
        return True
    return surface.endswith("ي") and place_key(surface[:-1] + "يا", lang) == place_key(
        surface, lang
    )


@lru_cache(maxsize=8)
def _determined_noun(lang: str) -> regex.Pattern[str]:
    determiners = "|".join(regex.escape(d) for d in DETERMINERS.get(lang, ()))
    return regex.compile(
        r"(?<![\p{L}\p{M}])(?i:" + determiners + r")[ \t]+(?:\p{Ll}+[ \t]+)?(\p{Lu}[\p{L}\p{M}]*)"
    )
