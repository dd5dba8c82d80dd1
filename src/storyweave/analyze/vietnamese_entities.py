"""Names in Vietnamese text: pyvi's words, Vietnamese capitalisation, gazetteer and cue words.

underthesea's recogniser would type names itself but takes seconds per article (about 4.5 s
for 4,500 characters on 2 cores), a hundred times the budget; pyvi's tagger doubles the cost
of its word segmenter for little gain. So only the segmenter runs (about 17 ms for 3,000
characters), and Vietnamese orthography does the rest: a proper name capitalises every
syllable ("Nguyễn Văn An", "Hà Nội", "Liên Hợp Quốc"), while titles and common nouns
capitalise only their first ("Bộ trưởng Quốc phòng", "Hôm qua" at a sentence start). A name is
a run of words capitalised throughout, or foreign ("Bashar al-Assad"); an organisation is a
head word ("Bộ", "Mặt trận") with the capitalised words after it ("Bộ Ngoại giao Nga").

Types come from the place gazetteer, from the word before the name
(:data:`~storyweave.analyze.entity_cues.VIETNAMESE_PERSON_CUES`,
:data:`~storyweave.analyze.entity_cues.VIETNAMESE_PLACE_CUES`, a role:
:data:`~storyweave.analyze.entity_cues.VIETNAMESE_ROLE_NOUNS`), from the head word of an
organisation, from a common family name or middle name, and from a surname used alone
("Pavel Orlov … ông Orlov").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex
from pyvi import ViTokenizer

from storyweave.analyze.entity_cues import (
    VIETNAMESE_FAMILY_NAMES,
    VIETNAMESE_MIDDLE_NAMES,
    VIETNAMESE_NOT_NAME_CUES,
    VIETNAMESE_PERSON_CUES,
    VIETNAMESE_PLACE_CUES,
    VIETNAMESE_ROLE_NOUNS,
    fold_word,
    has_organisation_word,
)
from storyweave.analyze.mention import (
    Mention,
    lower_case_words,
    person_by_surname,
    place_by_gazetteer,
    tidy_span,
)
from storyweave.analyze.place_names import place_key
from storyweave.model import EntityType
from storyweave.represent.gazetteer import MAX_NAME_TOKENS, normalize_name
from storyweave.represent.name_words import stop_words_and_english

__all__ = ["vietnamese_mentions"]

_VIETNAMESE_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
_HYPHENS = frozenset({"-", "‐"})  # noqa: RUF001
# What may stand between two words of one name: spaces, or a hyphen ("al-Assad").
_JOINING_GAP = regex.compile(r"[ \t\u00a0]*(?:[-‐][ \t\u00a0]*)?")  # noqa: RUF001
_SENTENCE_END = regex.compile(r'[.!?…:;"“”«»()\[\]\n]')
_ACRONYM = regex.compile(r"[A-ZĐ][A-ZĐ0-9]+")
#: Arabic articles written onto a name with a hyphen ("al-Qaeda", "el-Sisi").
_GLUED_ARTICLES = frozenset({"al", "el", "ad", "as", "ash", "ar", "an", "at", "az"})
_CUES = VIETNAMESE_PERSON_CUES | VIETNAMESE_PLACE_CUES | VIETNAMESE_NOT_NAME_CUES


@dataclass(slots=True)
class _Token:
    surface: str  # as in the text, syllables separated as there
    start: int
    end: int
    initial: bool  # first word of a sentence, capitalised by grammar

    @property
    def syllables(self) -> list[str]:
        return self.surface.split()

    @property
    def capitalised(self) -> bool:
        return self.surface[:1].isupper()

    @property
    def acronym(self) -> bool:
        return _ACRONYM.fullmatch(self.surface) is not None


def vietnamese_mentions(text: str) -> list[Mention]:
    """The names in Vietnamese ``text``, typed person, place, organisation or other."""
    tokens = list(_tokens(text))
    lower_seen = lower_case_words(text)
    mentions: list[Mention] = []
    index = 0
    while index < len(tokens):
        end = _name_end(tokens, index, text)
        if end == index:
            if _is_acronym_name(tokens, index, lower_seen):
                token = tokens[index]
                mentions += _mention(text, token.start, token.end, "other")
            index += 1
            continue
        mentions.extend(
            _mentions_of_run(tokens, _glued_start(tokens, index), end, text, lower_seen)
        )
        index = end
    return person_by_surname(place_by_gazetteer(mentions, "vi", trust_people=True), "vi")


def _glued_start(tokens: list[_Token], start: int) -> int:
    """Where a name starting at ``tokens[start]`` starts with the article glued to it by a
    hyphen ("al-Qaeda", which pyvi cuts into "al", "-", "Qaeda"): the article's token."""
    if start < 2 or tokens[start - 1].surface not in _HYPHENS:
        return start
    article = tokens[start - 2]
    glued = article.end == tokens[start - 1].start and tokens[start - 1].end == tokens[start].start
    return start - 2 if glued and article.surface.casefold() in _GLUED_ARTICLES else start


def _tokens(text: str) -> Iterator[_Token]:
    # pyvi joins the syllables of a word with "_" and separates punctuation; the words are
    # found back in the text to give offsets.
    position = 0
    initial = True
    for word in ViTokenizer.tokenize(text).split():
        syllables = word.split("_")
        start = text.find(syllables[0], position)
        if start < 0:
            continue
        end = start + len(syllables[0])
        for syllable in syllables[1:]:
            gap = len(text[end:]) - len(text[end:].lstrip())
            if not text.startswith(syllable, end + gap):
                break
            end += gap + len(syllable)
        else:
            if _SENTENCE_END.search(text, position, start) is not None:
                initial = True
            yield _Token(text[start:end], start, end, initial)
            initial = _SENTENCE_END.fullmatch(text[start:end]) is not None
            position = end


def _is_foreign(token: _Token) -> bool:
    return any(
        _VIETNAMESE_SYLLABLE.fullmatch(normalize_name(s).replace(" ", "")) is None
        for s in token.syllables
    )


def _is_name_part(token: _Token) -> bool:
    """A word of a name: capitalised in every syllable, or foreign and capitalised (not in
    capitals throughout: acronyms and headings)."""
    if (
        not token.capitalised
        or token.acronym
        or (token.surface.isupper() and len(token.surface) > 1)
    ):
        return False
    if all(s[:1].isupper() for s in token.syllables):
        return True
    return _is_foreign(token)


def _is_acronym_name(tokens: list[_Token], index: int, lower_seen: frozenset[str]) -> bool:
    # Acronyms name organisations ("NATO", "UBND") or things ("COVID"), but also stand for
    # titles before a name ("TS Trịnh Thu Tuyết") and for cue words ("TP"); words in capitals
    # with Vietnamese marks, or beside other words in capitals, are a heading ("DỄ TRƯỚC").
    token = tokens[index]
    if not token.acronym or fold_word(token.surface, "vi") in _CUES | lower_seen:
        return False
    neighbours = tokens[max(index - 1, 0) : index] + tokens[index + 1 : index + 2]
    if any(n.surface.isupper() and len(n.surface) >= 2 for n in neighbours):
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return following is None or not _is_name_part(following)


def _name_end(tokens: list[_Token], start: int, text: str) -> int:
    """The end of the name that starts at ``tokens[start]`` (``start`` itself if none does).

    An organisation head ("Bộ", "Mặt trận") takes the capitalised words after it.
    """
    first = tokens[start]
    organisation = first.capitalised and has_organisation_word([first.surface], "vi")
    if not (_is_name_part(first) or organisation):
        return start
    end = start + 1
    while end < len(tokens):
        # pyvi makes a hyphen a word of its own: "Bashar_al", "-", "Assad".
        step = 2 if tokens[end].surface in _HYPHENS and end + 1 < len(tokens) else 1
        token = tokens[end + step - 1]
        if _JOINING_GAP.fullmatch(text, tokens[end - 1].end, token.start) is None:
            break
        if not (_is_name_part(token) or (organisation and token.capitalised)):
            break
        end += step
    if organisation and end == start + 1 and not _is_name_part(first):
        return start  # a head alone is a common noun at a sentence start ("Hội", "Bộ")
    return end


def _mentions_of_run(
    tokens: list[_Token], start: int, end: int, text: str, lower_seen: frozenset[str]
) -> list[Mention]:
    cue = _cue(tokens[start - 1]) if start > 0 else None
    role = start > 0 and fold_word(tokens[start - 1].surface, "vi") in VIETNAMESE_ROLE_NOUNS
    # A sentence's first word is capitalised by grammar: a cue ("Ông Orlov") or a common
    # word ("Theo Nguyễn Văn An") before the name.
    while start < end and tokens[start].initial and not _is_foreign(tokens[start]):
        word = fold_word(tokens[start].surface, "vi")
        if word in _CUES:
            cue = word
        elif not (word in stop_words_and_english("vi") or word in lower_seen):
            break
        start += 1
    if start < end and fold_word(tokens[start].surface, "vi") in VIETNAMESE_NOT_NAME_CUES:
        return []  # "Tiếng Anh": the English language
    run = tokens[start:end]
    if not run or cue in VIETNAMESE_NOT_NAME_CUES:
        return []
    if has_organisation_word([run[0].surface], "vi"):
        if len(run) == 1:
            return []  # a head alone is a common noun ("Bộ", "Hội")
        return _mention(text, run[0].start, run[-1].end, "organisation")
    mentions: list[Mention] = []
    # Countries and cities inside a run of foreign names are names of their own ("Tổng thống
    # Syria Bashar al-Assad"); a run of Vietnamese syllables is one name ("Nguyễn Thị Nga")
    # unless it is made of places only.
    vietnamese = not any(_is_foreign(token) for token in run)
    pieces = _split_places(run)
    if vietnamese and len(pieces) == 2 and run[0].initial and pieces[1][1]:
        pieces = pieces[1:]  # "Phía Nga …": a common word at a sentence start, then a place
    if vietnamese and len(pieces) > 1 and not all(is_place for _, is_place in pieces):
        pieces = [(run, False)]
    for number, (piece, is_place) in enumerate(pieces):
        kind = _piece_type(piece, is_place, cue if number == 0 else None)
        if kind == "other" and role and all(place for _, place in pieces[:number]):
            kind = "person"  # "Tổng thống Obama", "Tổng thống Syria Bashar al-Assad"
        if kind is not None:
            mentions += _mention(text, piece[0].start, piece[-1].end, kind)
    return mentions


def _piece_type(piece: list[_Token], is_place: bool, cue: str | None) -> EntityType | None:
    """The type of one name, or ``None`` for a capitalised common word."""
    if cue in VIETNAMESE_PERSON_CUES:
        return "person"  # "ông Đức" is Mr Đức, whatever the gazetteer says
    if is_place or cue in VIETNAMESE_PLACE_CUES:
        return "place"
    syllables = [s for token in piece for s in token.syllables]
    if len(syllables) == 1 and not _is_foreign(piece[0]):
        # A lone Vietnamese syllable with no cue is a sentence's first word ("Nhóm", "Phe")
        # more often than a name.
        return None
    if 2 <= len(syllables) <= 4 and (
        syllables[0] in VIETNAMESE_FAMILY_NAMES or syllables[1] in VIETNAMESE_MIDDLE_NAMES
    ):
        return "person"
    return "other"


def _split_places(run: list[_Token]) -> list[tuple[list[_Token], bool]]:
    """``run`` cut into places the gazetteer knows and the stretches between them."""
    pieces: list[tuple[list[_Token], bool]] = []
    rest: list[_Token] = []
    position = 0
    while position < len(run):
        for length in range(min(MAX_NAME_TOKENS, len(run) - position), 0, -1):
            words = " ".join(token.surface for token in run[position : position + length])
            if place_key(words, "vi") is not None:
                if rest:
                    pieces.append((rest, False))
                    rest = []
                pieces.append((run[position : position + length], True))
                position += length
                break
        else:
            rest.append(run[position])
            position += 1
    if rest:
        pieces.append((rest, False))
    return pieces


def _cue(token: _Token) -> str | None:
    word = fold_word(token.surface, "vi")
    return word if word in _CUES else None


def _mention(text: str, start: int, end: int, kind: EntityType) -> list[Mention]:
    span = tidy_span(text, start, end, "vi")
    if span is None:
        return []
    return [Mention(text[span[0] : span[1]], kind, span[0], span[1])]
