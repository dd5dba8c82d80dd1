"""A story's headline: the title that best represents its articles, in the reader's language.

Each title is scored by how much of it the story's other articles report in their titles and
leads — the names and numbers it holds (compared across languages) and its words (within its
language) —, by how much of the story it carries (a title that others echo but that says
little, such as a clipped machine translation, loses to one that says more of what they say),
and by whether it reads as a headline: a few words to a line, not shouted in capitals, not a
question, not a site name (a trailing " - Site" or " | Site" naming the source is cut). Titles in
``lang_out`` come first; without one, the best title in any language is taken with its
language. A story whose articles have no title is headed by the opening sentence of its most
central article, cut at a word boundary.

>>> from storyweave.model import Article
>>> def article(id, title, text, lang="en"):
...     return Article(id=id, text=text, clean_text=text, title=title, lang=lang, published=None,
...                    published_source="unknown", content_hash=id)
>>> story = [
...     article("a", "BREAKING NEWS", "Floods hit Riverton after heavy rain on Sunday."),
...     article("b", "Riverton flooded after heavy Sunday rain", "Heavy rain flooded Riverton."),
...     article("c", "Hochwasser in Riverton", "Starker Regen überflutete Riverton.", "de"),
... ]
>>> choose_headline(story, "en")
('Riverton flooded after heavy Sunday rain', 'en')
>>> choose_headline(story[2:], "en")
('Hochwasser in Riverton', 'de')
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import regex

from ..analyze.sentences import split_sentences
from ..model import Article
from ..represent.names import name_keys
from ..represent.numbers import number_keys
from .summary_sentences import is_summary_sentence, sentence_terms, word_count

#: Titles shorter than this (in words) say too little; longer than the maximum, too much.
MIN_HEADLINE_WORDS = 4
MAX_HEADLINE_WORDS = 25
#: A headline made from an article's first sentence keeps about this many words.
FALLBACK_HEADLINE_WORDS = 15
#: Characters read from the top of each article to know what it reports.
PROFILE_CHARS = 1200
#: A title that carries the story holds about this many names and words that other articles'
#: titles and leads hold too; one holding fewer says less of the story …
INFORMATIVE_ITEMS = 8
#: … and keeps this share of its score when it holds none.
UNINFORMATIVE_FACTOR = 0.5
#: How much a title's form counts against its centrality (multipliers of its score).
SHORT_OR_LONG = 0.6
ALL_CAPS = 0.4
QUESTION = 0.8

_SEPARATOR = regex.compile(r"\s+[|\-\u2013\u2014:\u00b7\u2022]+\s+")
_DOMAIN = regex.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}]")


@dataclass(slots=True)
class _Profile:
    """What one article reports in its title and at its top: its names and numbers, and its
    words; ``body_keys`` are the names and numbers of its top alone."""

    lang: str
    keys: set[str]
    terms: dict[str, float]
    body_keys: set[str]


def choose_headline(articles: Sequence[Article], lang_out: str) -> tuple[str | None, str | None]:
    """The story's headline and its language; ``(None, None)`` when the story has no text."""
    if not articles:
        return None, None
    profiles = [_profile(a) for a in articles]
    titles = {i: _strip_site_name(a) for i, a in enumerate(articles)}
    usable = {i: t for i, t in titles.items() if t and not _is_site_name(t, articles[i])}
    wanted = _base(lang_out)
    in_output = [i for i in usable if _base(articles[i].lang) == wanted]
    candidates = in_output or list(usable)
    if candidates:
        shares = Counter(_base(a.lang) for a in articles)

        def score(index: int) -> float:
            # Out of the reader's language, the story's main language is the likelier read.
            share = shares[_base(articles[index].lang)] / len(articles)
            return _title_score(usable[index], index, articles, profiles) * (0.8 + 0.2 * share)

        best = max(candidates, key=lambda i: (score(i), -i))
        return usable[best], _base(articles[best].lang) or None
    return _opening_headline(articles, profiles, wanted)


def _title_score(
    title: str, index: int, articles: Sequence[Article], profiles: list[_Profile]
) -> float:
    lang = _base(articles[index].lang)
    others = [p for j, p in enumerate(profiles) if j != index]
    known = profiles[index].body_keys
    centrality = _centrality(title, lang, others, known)
    informative = min(1.0, _echoed(title, lang, others, known) / INFORMATIVE_ITEMS)
    words = word_count(title)
    form = 1.0
    if words < MIN_HEADLINE_WORDS or words > MAX_HEADLINE_WORDS:
        form *= SHORT_OR_LONG
    if title.upper() == title and title.lower() != title:
        form *= ALL_CAPS
    if title.rstrip().endswith(("?", "\uff1f", "\u061f")):
        form *= QUESTION
    # Every title starts from a little, so that form decides among titles nobody echoes.
    return (
        (0.2 + centrality)
        * form
        * (UNINFORMATIVE_FACTOR + (1 - UNINFORMATIVE_FACTOR) * informative)
    )


def _centrality(
    text: str, lang: str, others: list[_Profile], known: set[str] | None = None
) -> float:
    """How much of ``text`` the other articles report, on average (0..1): the share of its
    names and numbers they hold, and (in the same language) the cosine of their words.

    ``known`` are the names of the text's own article: a title-case headline capitalises
    every word, and only those its article also writes as names are names.
    """
    if not others:
        return 0.0
    keys = _keys(text, lang)
    if known is not None and keys & known:
        keys &= known
    words = _weights(sentence_terms(text, lang))
    total = 0.0
    for other in others:
        named = len(keys & other.keys) / len(keys) if keys else 0.0
        said = _cosine(words, other.terms) if other.lang == lang else 0.0
        # Names say who and where; only the words say what happened, and they cannot be
        # compared across languages, so a title is best echoed by its own language.
        total += (named + said) / 2
    return total / len(others)


def _echoed(text: str, lang: str, others: list[_Profile], known: set[str]) -> int:
    """How many of the names and numbers of ``text`` (in any language) and of its content
    words (in its own) the other articles hold too."""
    keys = _keys(text, lang)
    if keys & known:
        keys &= known
    echoed = sum(any(key in other.keys for other in others) for key in keys)
    words = [term for term in sentence_terms(text, lang) if " " not in term]
    same_language = [other for other in others if other.lang == lang]
    return echoed + sum(any(w in other.terms for other in same_language) for w in words)


def _opening_headline(
    articles: Sequence[Article], profiles: list[_Profile], wanted: str
) -> tuple[str | None, str | None]:
    """The first sentence of the most central article (in ``wanted`` if any), cut short."""
    indices = [i for i, a in enumerate(articles) if _base(a.lang) == wanted and a.clean_text]
    indices = indices or [i for i, a in enumerate(articles) if a.clean_text.strip()]
    if not indices:
        return None, None

    def centrality(index: int) -> float:
        opening = articles[index].clean_text[:PROFILE_CHARS]
        others = [p for j, p in enumerate(profiles) if j != index]
        return _centrality(opening, _base(articles[index].lang), others)

    best = max(indices, key=lambda i: (centrality(i), -i))
    article = articles[best]
    lang = _base(article.lang)
    sentences = split_sentences(article.clean_text[: PROFILE_CHARS * 2], lang)
    # A long opening sentence still heads well once cut: only its form is checked.
    opening = next(
        (s for s in sentences if is_summary_sentence(s, lang, min(word_count(s), 60))), None
    )
    if opening is None:
        opening = sentences[0] if sentences else article.clean_text.strip()
    return cut_at_word(opening, FALLBACK_HEADLINE_WORDS), lang or None


def cut_at_word(text: str, words: int) -> str:
    """``text`` cut to about ``words`` words at a word boundary, with "…" when cut.

    >>> cut_at_word("One two three four five", 3)
    'One two three…'
    >>> cut_at_word("北京今天下雨明天会放晴", 3)
    '北京今天下雨…'
    """
    parts = text.split()
    if len(parts) > 1 and not _UNSPACED.search(text):
        if len(parts) <= words:
            return text.strip()
        return " ".join(parts[:words]).rstrip(",;:-\u2013\u2014") + "\u2026"
    # Scripts without spaces: a word is about two characters.
    limit = 2 * words
    stripped = text.strip()
    return stripped if len(stripped) <= limit else stripped[:limit] + "\u2026"


def _profile(article: Article) -> _Profile:
    lang = _base(article.lang)
    top = article.clean_text[:PROFILE_CHARS]
    titled = f"{article.title}\n{top}" if article.title else top
    body_keys = _keys(top, lang)
    keys = _keys(titled, lang) if article.title else body_keys
    return _Profile(lang, keys, _weights(sentence_terms(titled, lang)), body_keys)


def _keys(text: str, lang: str) -> set[str]:
    return set(name_keys(text, lang)) | {f"#{n}" for n in number_keys(text, lang)}


def _strip_site_name(article: Article) -> str | None:
    """The title less a leading or trailing part that names the site it comes from."""
    title = " ".join((article.title or "").split())
    if not title:
        return None
    parts = _SEPARATOR.split(title)
    if len(parts) > 1:
        if _is_site_name(parts[-1], article, part=True):
            title = title[: title.rfind(parts[-1])].rstrip(" |-\u2013\u2014:\u00b7\u2022")
        elif _is_site_name(parts[0], article, part=True):
            title = title[len(parts[0]) :].lstrip(" |-\u2013\u2014:\u00b7\u2022")
    return title or None


def _is_site_name(text: str, article: Article, part: bool = False) -> bool:
    """A domain ("bbc.co.uk"), or the article's source or site name; a ``part`` of a title
    may also add to it ("BBC News" for the source "BBC")."""
    folded = _fold(text)
    if not folded or _DOMAIN.match(text.strip()):
        return True
    names = {_fold(article.source or "")}
    host = urlsplit(article.url or "").hostname or ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "amp")]
    if labels:
        names.add(_fold(labels[0]))
        names.add(_fold("".join(labels)))
    names.discard("")
    return any(
        folded == name or (part and len(name) >= 3 and folded.startswith(name)) for name in names
    )


def _fold(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _weights(counts: dict[str, int]) -> dict[str, float]:
    return {term: 1.0 + math.log(count) for term, count in counts.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(value * b.get(term, 0.0) for term, value in a.items())
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _base(lang: str) -> str:
    return lang.lower().split("-", 1)[0].split("_", 1)[0] if lang else ""
