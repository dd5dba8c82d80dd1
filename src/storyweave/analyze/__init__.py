"""Analysis of cleaned text: language, sentences and publication dates."""

from .dates import parse_date, resolve_published
from .language import detect_language
from .sentences import split_sentences

__all__ = ["detect_language", "parse_date", "resolve_published", "split_sentences"]
