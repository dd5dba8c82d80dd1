"""What clustering compares: the signals of one article (names, terms, numbers, time, text to
embed). Computed in worker processes; the dense vector is added later, in batches."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ..model import Article
from .encoders import embedding_text
from .lexical import terms
from .names import name_keys
from .numbers import number_keys

#: Characters of title + lead given to the dense encoder (its cost grows with length).
EMBEDDING_CHARS = 200


@dataclass(slots=True)
class ArticleSignals:
    """One article as the clusterer sees it."""

    article_id: str
    lang: str
    day: int | None
    terms: Counter[str]
    names: Counter[str]
    numbers: frozenset[str]
    embedding_text: str
    vector: np.ndarray | None = field(default=None, repr=False)


def extract_signals(article: Article, embedding_chars: int = EMBEDDING_CHARS) -> ArticleSignals:
    """The signals of a cleaned, analysed article (everything but the dense vector)."""
    text = f"{article.title}\n\n{article.clean_text}" if article.title else article.clean_text
    return ArticleSignals(
        article_id=article.id,
        lang=article.lang,
        day=published_day(article.published),
        terms=terms(text, article.lang),
        names=name_keys(text, article.lang),
        numbers=frozenset(number_keys(text, article.lang)),
        embedding_text=embedding_text(article.title, article.clean_text, embedding_chars),
    )


def published_day(published: str | None) -> int | None:
    """The proleptic day number of an ISO date or datetime, or ``None``."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None
