"""The sentences a story's summary can be made of: read from each article, filtered, and
reduced to the terms and written names that compare them.

Each article is read paragraph by paragraph (up to :data:`SENTENCE_WINDOW` sentences), a
quotation that the splitter cut over several sentences is joined again, and every sentence is
marked as a candidate or not: a statement of 6-80 words, not a question, a heading, a byline,
a caption or a bare quotation. A candidate that opens with a reference it cannot resolve on
its own ("He added …", "However, …", "Tuy nhiên, …") is marked as leaning on the sentence
before it.

>>> from storyweave.model import Article
>>> text = "Heavy rain flooded Riverton on Sunday night. However, the old bridge held firm."
>>> article = Article(id="a", text=text, clean_text=text, title=None, lang="en",
...                   published=None, published_source="unknown", content_hash="a")
>>> [(s.text, s.candidate, s.leans_back) for s in read_sentences([article])]
[('Heavy rain flooded Riverton on Sunday night.', True, False), \
('However, the old bridge held firm.', True, True)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import regex

from ..analyze.sentences import split_sentences
from ..model import Article
from ..represent.lexical import stop_words, tokens

#: Sentences shorter or longer than this (in words) make poor summary sentences.
MIN_SENTENCE_WORDS = 6
MAX_SENTENCE_WORDS = 80
#: Sentences of an article read: what matters comes first, and reading costs time.
SENTENCE_WINDOW = 40
#: At most this many sentences are joined when a quotation runs over several of them.
MAX_QUOTATION_SENTENCES = 3

_TERMINATORS = ".!?…\u3002\uff01\uff1f\u0964\u0965\u061f\u06d4\u0589\u1362\u104b\u17d4"
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]}\u300d\u300f\uff09"
_OPENING_QUOTES = "\"'\u201c\u2018\u201e\u00ab\u2039\u300c\u300e"
_CLOSING_QUOTES = "\"'\u201d\u2019\u00bb\u203a\u300d\u300f"
_DOUBLE_QUOTES = '"\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d\u300e\u300f'
_QUESTION_MARKS = "?\uff1f\u061f"
# Languages written without sentence punctuation: an unpunctuated line is no heading there.
_UNPUNCTUATED = frozenset({"th", "lo"})
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}]")
_CAPTION = regex.compile(
    r"^[(\[]?\s*(?:photo|image|picture|video|graphic|source|credit|by|reporting by|editing by"
    r"|writing by|ảnh|nguồn|clip|đồ họa|foto|bild|quelle|fuente|crédit|fonte|zdjęcie"
    r"|fotoğraf|фото|источник)\b[^.!?]{0,60}?[:|/\-\u2013\u2014]",
    regex.IGNORECASE,
)
# "By John Smith, …": a byline names someone (two capitalised words at least) after "by".
_BYLINE = regex.compile(
    r"^(?i:by|von|par|por|door|di)\s+\p{Lu}[\p{L}'\u2019.-]*(?:\s+\p{Lu}[\p{L}'\u2019.-]*){1,3}"
    r"\s*(?:,|\band\b|$)"
)
_CREDIT = regex.compile(r"©|\bhttps?://|\bwww\.|\S+@\S+\.\w+|\((?:ảnh|photo|foto)\b", regex.I)
_LIST_BULLET = regex.compile(r"^[-\u2013\u2014\u2022*+\u00b7]\s+")
# A single quote mark opening or closing a quotation, not an apostrophe inside a word.
_SINGLE_OPEN = regex.compile(r"(?<![\p{L}\p{N}])['\u2018](?=\p{L})")
_SINGLE_CLOSE = regex.compile(r"(?<=[\p{L}\p{N}.,!?])['\u2019](?![\p{L}\p{N}])")
_LETTER = regex.compile(r"\p{L}")
# What is stripped from a word before it is read as a name or a number.
_WORD_PUNCTUATION = "\"'()[]{}.,;:!?/-" + _OPENING_QUOTES + _CLOSING_QUOTES + "\u2026\u2013\u2014"
_NUMBER_LIKE = regex.compile(r"[\p{N}.,:/%_-]+")

# Openings that point back at the sentence before: a pronoun subject, a demonstrative or a
# connective. Only words that are (nearly) never anything else at the head of a sentence.
_LEANING_OPENINGS: dict[str, str] = {
    "en": r"(?:he|she|they|it|his|her|their|its|however|but|yet|still|also|moreover"
    r"|furthermore|nevertheless|nonetheless|besides|therefore|thus|hence|instead|otherwise"
    r"|in addition|even so|that said|as a result|on the other hand|by contrast|in contrast"
    r"|similarly|likewise)\b"
    r"|(?:this|these)\b(?!\s+(?:year|week|month|morning|afternoon|evening|night"
    r"|spring|summer|autumn|fall|winter|time|weekend)\b)",
    "fr": r"(?:il|elle|ils|elles|cela|ceci|cependant|pourtant|mais|toutefois|néanmoins"
    r"|en revanche|par ailleurs|de plus|en outre|donc)\b(?!\s+(?:y a|faut)\b)",
    "es": r"(?:él|ella|ellos|ellas|esto|sin embargo|pero|no obstante|además|por lo tanto"
    r"|por eso)\b",
    "de": r"(?:er|sie|dies|aber|doch|jedoch|allerdings|trotzdem|außerdem|deshalb|daher)\b",
    # "Ông"/"Bà" before a lower-case word is "he"/"she" ("Ông nói"); before a name, a title.
    "vi": r"(?:(?:ông|bà|anh|chị|cô) (?:ấy|ta)|họ|tuy nhiên|nhưng|song(?-i:(?=,|\s\p{Ll}))"
    r"|ngoài ra|bên cạnh đó|do đó|do vậy|vì vậy|vì thế|trong khi đó|mặt khác|theo đó"
    r"|đồng thời|hơn nữa"
    r"|thêm vào đó|cùng với đó|sau đó|trước đó|khi đó|lúc đó|từ đó)\b"
    r"|(?-i:(?:Ông|Bà) \p{Ll})"
    # "<noun> này" is "this <noun>", a reference back, but for times ("tuần này": this week).
    r"|(?:\p{L}+ )?\p{L}+(?<!\b(?:sau|lúc|tuần|tháng|năm|ngày|sáng|chiều|tối|đêm|điểm|hiện))"
    r" này\b",
}


@dataclass(slots=True)
class StorySentence:
    """One sentence of one article, with what scoring and matching need.

    ``article`` is the article's index in the story, ``position`` the sentence's index in the
    article, ``paragraph`` and ``in_paragraph`` where it stands; ``leans_back`` says that it
    opens with a reference to the sentence before it; ``speaker`` (the folded last word of a
    name or role) whom it reports as speaking, when known.
    """

    text: str
    lang: str
    article: int
    position: int
    paragraph: int
    in_paragraph: int
    words: int
    candidate: bool
    leans_back: bool = False
    speaker: str | None = None
    row: int = -1
    score: float = 0.0
    keys: dict[str, float] | None = None
    dense: np.ndarray | None = None
    reporters: set[int] = field(default_factory=set)


def read_sentences(articles: Sequence[Article]) -> list[StorySentence]:
    """The sentences of every article, in order, each marked as a candidate or not."""
    found: list[StorySentence] = []
    for index, article in enumerate(articles):
        lang = base_language(article.lang)
        position = 0
        paragraphs = [line for line in article.clean_text.splitlines() if line.strip()]
        for paragraph, line in enumerate(paragraphs):
            if position >= SENTENCE_WINDOW:
                break
            pieces = join_quotations(split_sentences(line, lang))
            for in_paragraph, piece in enumerate(pieces[: SENTENCE_WINDOW - position]):
                text = _LIST_BULLET.sub("", piece)
                words = word_count(text)
                candidate = is_summary_sentence(text, lang, words)
                sentence = StorySentence(
                    text, lang, index, position, paragraph, in_paragraph, words, candidate
                )
                sentence.leans_back = candidate and leans_back(text, lang)
                found.append(sentence)
                position += 1
    return found


def word_count(text: str) -> int:
    """Words in ``text``: white-space separated, a word per two characters in unspaced scripts.

    >>> word_count("Nga và Mỹ đàm phán"), word_count("北京今天下雨")
    (5, 3)
    """
    words = text.split()
    if not _UNSPACED.search(text):
        return len(words)
    total = 0
    for token in words:
        unspaced = len(_UNSPACED.findall(token))
        total += max(1, (unspaced + 1) // 2) if unspaced else 1
    return total


def is_summary_sentence(text: str, lang: str, words: int | None = None) -> bool:
    """Whether a sentence can stand in a summary: a statement of 6-80 words, not a question,
    a bare quotation or a piece of one, a heading, a byline or a caption.

    >>> is_summary_sentence("The two governments are near an agreement on the new border.", "en")
    True
    >>> is_summary_sentence('"No one and nowhere is safe, not even hospitals," he told us.', "en")
    True
    >>> is_summary_sentence('"No one and nowhere is safe, not even the hospitals here."', "en")
    False
    >>> is_summary_sentence("Photo: Reuters / John Smith, taken in Oslo on Monday.", "en")
    False
    """
    words = word_count(text) if words is None else words
    if words < MIN_SENTENCE_WORDS or words > MAX_SENTENCE_WORDS:
        return False
    stripped = text.rstrip().rstrip(_CLOSERS + " ")
    if not stripped or stripped[-1] in _QUESTION_MARKS:
        return False
    if stripped[-1] not in _TERMINATORS and base_language(lang) not in _UNPUNCTUATED:
        return False  # a heading, a caption or a line cut off
    if _CAPTION.match(text) or _BYLINE.match(text) or _CREDIT.search(text):
        return False
    if text.upper() == text and text.lower() != text:
        return False  # an all-caps banner
    return not _quotation_only(text)


def leans_back(text: str, lang: str) -> bool:
    """Whether a sentence opens with a pronoun, demonstrative or connective that needs the
    sentence before it to be understood (languages without a list: never).

    >>> leans_back("He added that the talks were going well.", "en")
    True
    >>> leans_back("Helsinki hosted the talks on Monday.", "en")
    False
    >>> leans_back("Tuy nhiên, giới chức Mỹ tỏ ra thờ ơ.", "vi")
    True
    >>> leans_back("Ông Minh nói.", "vi"), leans_back("Ông nói thêm.", "vi")
    (False, True)
    """
    pattern = _leaning_opening(base_language(lang))
    return pattern is not None and pattern.match(text.lstrip()) is not None


@lru_cache(maxsize=16)
def _leaning_opening(lang: str) -> regex.Pattern[str] | None:
    words = _LEANING_OPENINGS.get(lang)
    return regex.compile(words, regex.IGNORECASE) if words else None


def _quotation_only(text: str) -> bool:
    """A quotation with no one saying it, or a piece of a quotation cut by the splitter."""
    if _unbalanced_quotes(text):
        return True
    head = text.lstrip()
    tail = head.rstrip().rstrip(_TERMINATORS + " ")
    if not tail or head[0] not in _OPENING_QUOTES or tail[-1] not in _CLOSING_QUOTES:
        return False
    # '"We have seen the reports", an official said, "and have nothing to announce".' opens
    # and closes with a quote mark, but someone says it in between.
    return not any(mark in _DOUBLE_QUOTES for mark in tail[1:-1])


def _unbalanced_quotes(text: str) -> bool:
    curly_open = sum(text.count(q) for q in "\u201c\u201e\u00ab\u300c")
    curly_close = sum(text.count(q) for q in "\u201d\u00bb\u300d")
    if text.count('"') % 2 or curly_open != curly_close:
        return True
    return len(_SINGLE_OPEN.findall(text)) != len(_SINGLE_CLOSE.findall(text))


def join_quotations(pieces: list[str]) -> list[str]:
    """Sentences with a quotation that runs over several of them joined into one, so that
    what was said stays with who said it.

    >>> join_quotations(['"We are close.', 'It is about the border," he said.', "Talks go on."])
    ['"We are close. It is about the border," he said.', 'Talks go on.']
    """
    joined: list[str] = []
    index = 0
    while index < len(pieces):
        end = index + 1
        if _unbalanced_quotes(pieces[index]):
            for stop in range(index + 2, min(len(pieces), index + MAX_QUOTATION_SENTENCES) + 1):
                if not _unbalanced_quotes(" ".join(pieces[index:stop])):
                    end = stop
                    break
        joined.append(" ".join(pieces[index:end]))
        index = end
    return joined


def sentence_terms(text: str, lang: str) -> Counter[str]:
    """Content words of a sentence and its pairs of adjacent words, for comparing sentences.

    Pairs stand in for word segmentation (Vietnamese words are pairs of syllables) and for
    phrases elsewhere, at a fifth of the cost of segmenting; stop words and numbers are dropped.

    >>> sorted(sentence_terms("Mỹ và Nga đàm phán", "vi"))
    ['mỹ', 'mỹ và', 'nga', 'nga đàm', 'phán', 'và nga', 'đàm', 'đàm phán']
    """
    stop = single_stop_words(base_language(lang))
    found = tokens(text)
    worded = [bool(_LETTER.search(t)) for t in found]
    content = [w and t not in stop and _is_content(t) for t, w in zip(found, worded, strict=True)]
    counts = Counter(t for t, keep in zip(found, content, strict=True) if keep)
    counts.update(
        f"{found[i]} {found[i + 1]}"
        for i in range(len(found) - 1)
        if (content[i] or content[i + 1]) and worded[i] and worded[i + 1]
    )
    return counts


def written_keys(text: str) -> set[str]:
    """Capitalised words (but the first) and numbers, as written: names within one language.

    >>> sorted(written_keys("The talks in Ankara with Erdogan lasted 3 hours."))
    ['#3', 'ankara', 'erdogan']
    """
    words = text.split()
    keys = set()
    for position, word in enumerate(words):
        core = word.strip(_WORD_PUNCTUATION)
        if not core:
            continue
        if any(c.isdigit() for c in core):
            keys.add("#" + "".join(c for c in core if c.isdigit()))
        elif position > 0 and core[0].isupper():
            keys.add(core.casefold())
    return keys


def _is_content(token: str) -> bool:
    return len(token) > 1 and not _NUMBER_LIKE.fullmatch(token)


@lru_cache(maxsize=64)
def single_stop_words(lang: str) -> frozenset[str]:
    """The stop words of ``lang`` that are single words (lists join some with "_")."""
    return frozenset(w for w in stop_words(lang) if "_" not in w and " " not in w)


def base_language(lang: str) -> str:
    """The language subtag of a language tag: ``"en-GB"`` → ``"en"``."""
    return lang.lower().split("-", 1)[0].split("_", 1)[0] if lang else ""
