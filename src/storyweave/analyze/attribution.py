"""Who said a quote: the attribution phrase around it, read by rules, and the person it
points at.

An attribution is a name ("said Pavel Orlov", "Orlov sagte", "ông Novak nói"), a short
role phrase ("the defence minister told Radio 24") or a pronoun ("he added", "ông nói").
:func:`resolve_speaker` turns a surname into the fullest form the article gives, a role into
the person the article named with it ("Defence Minister Pavel Orlov"), and a pronoun into
the latest speaker or person named since. The people a text names are found by
:mod:`storyweave.analyze.person_names`.

>>> attribute_after(', said Russian Defence Minister Pavel Orlov on Monday.', "en")
Attribution(kind='name', surface='Pavel Orlov')
>>> attribute_before('Ông Hansen nói rằng: ', "vi")
Attribution(kind='name', surface='Hansen')
>>> attribute_after(', the defence minister told Radio 24 television.', "en")
Attribution(kind='role', surface='defence minister')
"""

# Quote marks and letters of many scripts are what these rules look for.
# ruff: noqa: RUF001

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import regex

from storyweave.analyze.person_names import (
    PersonMention,
    ends_with_person,
    full_names,
    name_runs,
    person_name,
    words_of,
)
from storyweave.analyze.speech_words import (
    DETERMINERS,
    FILLERS,
    HONORIFICS,
    IMPERSONAL_SUBJECTS,
    ORGANISATION_WORDS,
    PREPOSITIONS,
    VIETNAMESE_ROLES,
    VerbKind,
    has_role_head,
    is_pronoun,
    is_role_word,
    role_heads,
    verb_pattern,
)
from storyweave.represent.gazetteer import normalize_name

__all__ = [
    "Attribution",
    "SpeakerKind",
    "attribute_after",
    "attribute_before",
    "resolve_speaker",
    "sentence_speaker",
]

SpeakerKind = Literal["name", "role"]

#: How far back a pronoun looks for a person named since the latest speaker, in characters.
PRONOUN_REACH = 600
#: Most words of a role phrase taken for a speaker.
MAX_ROLE_WORDS = 6
#: A sentence whose verb of saying has at most this many words after it names the speaker
#: there ("…, said Defence Minister Pavel Orlov on Monday.").
SENTENCE_END_SUBJECT_WORDS = 8

_PARENTHESES = regex.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_CLAUSE_BREAK = regex.compile(r"[,;:()—–!?¡¿]")
_POSSESSIVE = regex.compile(r"['’]s$")
_CLOSING_MARKS = ('"', "”", "’", "»", "“")
_INVERTED_PRONOUN = regex.compile(r"(?:-t)?-(?:il|elle)\b", regex.IGNORECASE)
_DETERMINER_KEYS = frozenset(normalize_name(w) for w in DETERMINERS)


@dataclass(frozen=True, slots=True)
class Attribution:
    """What an attribution phrase names: a person, a role, a pronoun to resolve, or nobody
    that can be named ("it said", "they said")."""

    kind: Literal["name", "role", "pronoun", "nobody"]
    surface: str = ""


_PRONOUN = Attribution("pronoun")
_NOBODY = Attribution("nobody")


# ---------------------------------------------------------------------------------------------
# Attribution phrases


def _pronoun_at(words: list[str], lang: str, *, last: bool) -> bool:
    if not words:
        return False
    edge = words[-2:] if last else words[:2]
    one = words[-1] if last else words[0]
    return is_pronoun(" ".join(edge), lang) or is_pronoun(one, lang)


def _role_phrase(words: list[str], lang: str) -> str | None:
    """The role phrase in ``words``, from its first role word to an auxiliary or the end
    ("defence minister", "quan chức ngoại giao Mỹ"), or ``None``."""
    keys = [normalize_name(w) for w in words]
    for start in range(len(words)):
        opening = " ".join(keys[start : start + 3])
        if is_role_word(keys[start], lang) or any(
            f"{opening} ".startswith(f"{role} ") for role in VIETNAMESE_ROLES
        ):
            # "Tổng thống Iran đã không ngần ngại …": the subject ends where the verb starts.
            end = next(
                (k for k in range(start + 1, len(words)) if words[k].casefold() in FILLERS),
                len(words),
            )
            phrase = " ".join(words[start:end]).rstrip(".")
            fits = end - start <= MAX_ROLE_WORDS * _word_scale(lang)
            return phrase if fits and has_role_head(phrase, lang) else None
    return None


def _word_scale(lang: str) -> int:
    # Vietnamese words are syllables, written apart: a phrase takes about twice as many.
    return 2 if lang == "vi" else 1


def _is_appositive(part: str, lang: str) -> bool:
    """A noun phrase set off by commas that describes the name before it ("president of the
    Red Cross", "a pillar in Toronto's east end"), not a subject of its own."""
    words = words_of(part)
    if (
        not words
        or not part[:1].islower()
        or any(person_name(r[2], lang)[0] for r in name_runs(part, lang))
    ):
        return False
    return has_role_head(part, lang) or normalize_name(words[0]) in _DETERMINER_KEYS


def _possessor(run: list[str], after: str, lang: str) -> bool:
    """Whether a run of capitalised words owns the words after it ("Germany's health
    minister") or qualifies the role that follows it ("Kremlin spokesman Dmitry …"): it is
    then not the subject itself."""
    following = words_of(after)
    if not following:
        return False
    return _POSSESSIVE.search(run[-1]) is not None or is_role_word(
        normalize_name(following[0]), lang
    )


def _subject_before(phrase: str, lang: str) -> Attribution | None:
    """Who the words before a verb of saying name ("Peter Maurer, president of …, said")."""
    phrase = _PARENTHESES.sub(" ", phrase)
    parts = [p.strip() for p in phrase.split(",") if words_of(p)]
    if not parts:
        return None
    part = parts[-1]
    if len(parts) > 1 and _is_appositive(part, lang) and ends_with_person(parts[-2], lang):
        part = parts[-2]  # "Peter Maurer, president of the Red Cross, said"
    part = regex.split(r"[;:—–]", part)[-1]
    words = words_of(part)
    while words and words[-1].casefold() in FILLERS:
        words.pop()
    if _pronoun_at(words, lang, last=True) or _INVERTED_PRONOUN.search(part):
        return _PRONOUN
    if words and words[-1].casefold() in IMPERSONAL_SUBJECTS:
        return _NOBODY  # "as it says", "they said": someone, but no one to name
    for _, end, run in reversed(name_runs(part, lang)):
        if len(words_of(part[end:])) > 4 * _word_scale(lang):
            break
        if _possessor(run, part[end:], lang):
            continue
        name, _ = person_name(run, lang)
        if name is not None:
            return Attribution("name", name)
    role = _role_phrase(words, lang)
    return Attribution("role", role) if role else None


def _subject_after(phrase: str, lang: str) -> Attribution | None:
    """Who the words after a verb of saying name ("said Russian Defense Minister Pavel Orlov")."""
    clause = _CLAUSE_BREAK.split(_PARENTHESES.sub(" ", phrase), maxsplit=1)[0]
    words = words_of(clause)
    if _pronoun_at(words, lang, last=False):
        return _PRONOUN
    for start, end, run in name_runs(clause, lang):
        if len(words_of(clause[:start])) > 4:
            break
        if _possessor(run, clause[end:], lang):
            continue
        name, _ = person_name(run, lang)
        if name is not None:
            return Attribution("name", name)
    for index, word in enumerate(words):
        if index and word.casefold() in PREPOSITIONS:
            words = words[:index]
            break
    role = _role_phrase(words, lang)
    return Attribution("role", role) if role else None


def attribute_after(window: str, lang: str) -> Attribution | None:
    """The attribution in the words right after a quote, up to the sentence end
    (', said X', '" X said', '", ông X nói', '", dijo.')."""
    stripped = window.lstrip(" \t,:;—–-")
    first: tuple[int, VerbKind, regex.Match[str]] | None = None
    kinds: tuple[VerbKind, ...] = ("after", "according", "say")
    for kind in kinds:
        verb = verb_pattern(lang, kind).search(stripped)
        if (
            verb is not None
            and (kind != "after" or verb.start() == 0)
            and (first is None or verb.start() < first[0])
        ):
            first = (verb.start(), kind, verb)
    if first is None:
        return None
    _, kind, verb = first
    head, rest = stripped[: verb.start()], stripped[verb.end() :]
    if all(word.casefold() in FILLERS for word in words_of(head)):
        head = ""  # '», a déclaré Emmanuel Macron'
    if kind != "say" or not head.strip():
        found = _subject_after(rest, lang)
        if found is None and kind == "say" and not words_of(_CLAUSE_BREAK.split(rest, 1)[0]):
            return _PRONOUN  # '"…", dijo.' — the subject is in the verb
        return found
    if len(words_of(_PARENTHESES.sub(" ", head))) > 14:
        return None  # too far from the quote to be its attribution
    return _subject_before(head, lang)


def attribute_before(window: str, lang: str) -> Attribution | None:
    """The attribution in the words that lead into a quote, from the sentence start
    ('Orlov said: "', 'Selon le ministre, « ', 'Laurence Picard : « ')."""
    according = verb_pattern(lang, "according").search(window)
    for verb in verb_pattern(lang, "say").finditer(window):
        if according is not None and according.start() < verb.start():
            break
        found = _subject_before(window[: verb.start()], lang)
        if found is not None:
            return found
    if according is not None:
        return _subject_after(window[according.end() :], lang)
    # A name and a colon lead straight into the quote.
    head, colon, tail = window.rstrip().rpartition(":")
    if colon and not tail.strip():
        clause = _CLAUSE_BREAK.split(head)[-1]
        name = ends_with_person(clause, lang) if len(words_of(clause)) <= 5 else None
        return Attribution("name", name) if name else None
    return None


def sentence_speaker(sentence: str, lang: str) -> Attribution | None:
    """Whom a sentence reports as saying what it says, from its first verb of saying: the
    subject after the verb when a comma or quote leads into it ('"…," said Defence Minister
    Pavel Orlov'), else the one before it ("A U.S. official said, however, …"), else the one
    after it when the sentence ends soon after, else ``None``.

    >>> sentence_speaker("The talks go well, said Foreign Minister Anna Berg on Monday.", "en")
    Attribution(kind='name', surface='Anna Berg')
    >>> sentence_speaker("Norway's health minister said the wards will open.", "en")
    Attribution(kind='role', surface='health minister')
    """
    verb = verb_pattern(lang, "say").search(sentence)
    if verb is None:
        according = verb_pattern(lang, "according").search(sentence)
        return _subject_after(sentence[according.end() :], lang) if according else None
    head, rest = sentence[: verb.start()].rstrip(), sentence[verb.end() :]
    near_end = len(words_of(rest)) <= SENTENCE_END_SUBJECT_WORDS * _word_scale(lang)
    if head.endswith((",", *_CLOSING_MARKS)):
        found = _subject_after(rest, lang)  # '"…," said X.' and "…, said X."
        if found is not None:
            return found
    found = _subject_before(head, lang)
    if found is None and near_end:
        found = _subject_after(rest, lang)
    return found


# ---------------------------------------------------------------------------------------------
# Resolution


def resolve_speaker(
    found: Attribution | None,
    position: int,
    text: str,
    mentions: Sequence[PersonMention],
    history: Sequence[tuple[int, str, SpeakerKind]],
) -> tuple[str, SpeakerKind] | None:
    """The speaker an attribution at ``position`` points at, given the people the text
    names (``mentions``) and the speakers resolved before (``history``: end, speaker, kind).

    A surname becomes the fullest form of the name; a role the person named with it before;
    a pronoun the latest speaker, or a person named since (within :data:`PRONOUN_REACH`).
    """
    if found is None or found.kind == "nobody":
        return None
    if found.kind == "name":
        words = found.surface.split()
        if len(words) == 1:
            return full_names(mentions).get(normalize_name(words[0]), found.surface), "name"
        return found.surface, "name"
    if found.kind == "role":
        holder = _role_holder(found.surface, position, mentions)
        return (holder, "name") if holder else (found.surface, "role")
    latest = history[-1] if history else None
    floor = latest[0] if latest else max(0, position - PRONOUN_REACH)
    people = [m for m in mentions if floor <= m.start < position and _is_person_like(m, text)]
    if people:
        return people[-1].name, "name"
    if latest is not None:
        return latest[1], latest[2]
    return None


def _role_holder(role: str, position: int, mentions: Sequence[PersonMention]) -> str | None:
    """The person named with this role before ``position`` (most role words shared, then the
    latest), if any."""
    keys = set(normalize_name(role).split())
    heads = role_heads(role)
    best: tuple[int, int, str] | None = None
    for mention in mentions:
        if mention.start >= position or not heads & mention.prefix:
            continue
        candidate = (len(keys & mention.prefix), mention.start, mention.name)
        if best is None or candidate > best:
            best = candidate
    return best[2] if best else None


def _is_person_like(mention: PersonMention, text: str) -> bool:
    """Two words or more or a title before ("Ivan Sokolov", "ông Orlov"), no digits, no
    organisation ("Nusra Front")."""
    words = mention.name.split()
    titled = bool(role_heads(" ".join(mention.prefix))) or any(
        normalize_name(h) in mention.prefix for h in HONORIFICS
    )
    if (len(words) < 2 and not titled) or regex.search(r"\d", mention.name):
        return False
    if normalize_name(words[-1]) in ORGANISATION_WORDS:
        return False
    before = text[max(0, mention.start - 5) : mention.start]
    return not regex.search(r"(?i)\b(?:the|le|la|el|der|die|das)\s+$", before)
