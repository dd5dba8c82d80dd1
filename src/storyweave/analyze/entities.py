"""Entity mentions of one article: the people, places and organisations it names.

Which extractor runs depends on the language:

- English and French: spaCy's small models (:mod:`storyweave.analyze.spacy_entities`), or
  the language-general rules where the model is not installed;
- Vietnamese: pyvi's proper-noun tags with cue words (:mod:`.vietnamese_entities`);
- every other language: capitalised spans (:mod:`.capitalised_entities`).

All three type countries and major cities from the CLDR gazetteer, whatever the extractor
said (a model that tags "Nga", Russia, as a person is overruled), and skip nationality
adjectives ("Russian", "Kenyan"): they name no entity of their own.

>>> [(m.text, m.type) for m in extract_mentions("Ông Orlov đến Nga.", "vi")]
[('Orlov', 'person'), ('Nga', 'place')]
"""

from __future__ import annotations

from storyweave.analyze.capitalised_entities import capitalised_mentions
from storyweave.analyze.mention import Mention
from storyweave.analyze.spacy_entities import has_spacy_model, spacy_mentions
from storyweave.analyze.vietnamese_entities import vietnamese_mentions
from storyweave.model import Article

__all__ = ["Mention", "article_mentions", "entity_text", "extract_mentions"]


def extract_mentions(article_text: str, lang: str) -> list[Mention]:
    """The names in ``article_text`` (written in ``lang``, an ISO 639-1 code), in text order.

    Offsets index ``article_text``. An unknown or empty language, or one whose spaCy model is
    not installed, gets the language-general extractor.
    """
    base = (lang or "").replace("_", "-").split("-")[0].lower()
    if has_spacy_model(base):
        return spacy_mentions(article_text, base)
    if base == "vi":
        return vietnamese_mentions(article_text)
    return capitalised_mentions(article_text, base)


def entity_text(article: Article) -> str:
    """The text of ``article`` that entities are taken from: its title and its clean text."""
    title = (article.title or "").strip()
    if not title or article.clean_text.lstrip().startswith(title):
        return article.clean_text
    return f"{title}\n\n{article.clean_text}"


def article_mentions(article: Article) -> list[Mention]:
    """The names in ``article``'s title and clean text; offsets index :func:`entity_text`."""
    return extract_mentions(entity_text(article), article.lang)
