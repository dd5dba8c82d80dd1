"""Text as the full-text index sees it, in every script.

SQLite's ``unicode61`` tokenizer splits on spaces and punctuation, which fits Vietnamese (one
token per syllable) and the alphabetic scripts, but would keep a whole Chinese or Japanese
sentence as one token. Characters of the scripts written without spaces are therefore indexed
one by one, and a query word in them becomes a phrase of its characters: a substring search.

>>> index_text("Hội nghị ở 北京大学")
'Hội nghị ở  北  京  大  学 '
>>> match_expression('北京 "Hoa Kỳ" U.S.')
'"北 京" "Hoa" "Kỳ" "U S"'
>>> match_expression("  ?! ") is None
True
"""

from __future__ import annotations

import regex

#: Scripts written without spaces between words.
_UNSPACED = regex.compile(r"([\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}])")
_TOKEN = regex.compile(r"[\p{L}\p{N}\p{M}]+")

#: The tokenizer of both full-text tables (diacritics folded, so "Ha Noi" finds "Hà Nội").
TOKENIZER = "unicode61 remove_diacritics 2"


def index_text(text: str | None) -> str:
    """``text`` with each character of an unspaced script set apart as its own token."""
    return _UNSPACED.sub(r" \1 ", text) if text else ""


def match_expression(query: str) -> str | None:
    """An FTS5 query matching every word of ``query`` (each word a quoted phrase of its
    tokens), or ``None`` when it has no word characters."""
    phrases = []
    for word in query.split():
        tokens = _TOKEN.findall(index_text(word))
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"')
    return " ".join(phrases) or None


def column_phrase(column: str, phrase: str) -> str | None:
    """An FTS5 query matching ``phrase`` as consecutive tokens in one column, or ``None``."""
    tokens = _TOKEN.findall(index_text(phrase))
    return f'{column} : "{" ".join(tokens)}"' if tokens else None
