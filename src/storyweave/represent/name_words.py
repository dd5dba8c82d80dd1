"""Capitalised words that name nobody: stop words and day and month names, per language.

News in every language quotes English, so the English words count everywhere.

>>> "thu hai" in calendar_words("vi"), "august" in calendar_words("vi")   # Thứ Hai: Monday
(True, True)
"""

from __future__ import annotations

from functools import lru_cache

import stopwordsiso
from babel import Locale, UnknownLocaleError

from .gazetteer import normalize_name


@lru_cache(maxsize=128)
def stop_words_and_english(lang: str) -> frozenset[str]:
    """Stop words of ``lang`` and of English, as listed (not folded)."""
    words: set[str] = set()
    for code in {lang, "en"}:
        if code and stopwordsiso.has_lang(code):
            words.update(stopwordsiso.stopwords(code))
    return frozenset(words)


@lru_cache(maxsize=128)
def own_stop_words(lang: str) -> frozenset[str]:
    """Stop words of ``lang`` alone: English's include "May" and "Will", names elsewhere."""
    if not lang or not stopwordsiso.has_lang(lang):
        return frozenset()
    return frozenset(stopwordsiso.stopwords(lang))


@lru_cache(maxsize=128)
def calendar_words(lang: str) -> frozenset[str]:
    """Folded day and month names of ``lang`` and English: capitalised, naming nobody."""
    words: set[str] = set()
    for code in {lang, "en"}:
        try:
            locale = Locale.parse(code)
            # Babel parses some codes it holds no calendar for (a KeyError or a missing file).
            tables = (locale.days, locale.months)
        except (ValueError, LookupError, UnknownLocaleError, OSError):
            continue
        for table in tables:
            for context in ("format", "stand-alone"):
                for name in table.get(context, {}).get("wide", {}).values():
                    words.add(normalize_name(name))
    return frozenset(words)
