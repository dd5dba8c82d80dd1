"""Sparse lexical vectors: content terms per language, running document frequencies, cosine.

Terms are tokenised by script: Vietnamese is segmented into words with pyvi ("quân_sự");
Chinese, Japanese and Korean runs become character bigrams and Thai, Lao, Khmer and Burmese
runs character trigrams, since none of them marks word boundaries with spaces; every other
script gives Unicode word tokens, NFKC-normalised, case-folded and, where snowballstemmer
has the language, stemmed. Stop words (stopwordsiso lists), pure numbers (see
:mod:`storyweave.represent.numbers`), one-letter tokens and punctuation are dropped.

>>> sorted(terms("The Turkish army said the talks in Ankara were active.", "en"))
['activ', 'ankara', 'armi', 'talk', 'turkish']
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import regex
import snowballstemmer
import stopwordsiso
from pyvi import ViTokenizer

#: Character n-gram length for scripts written without spaces between words.
CJK_NGRAM = 2
SOUTHEAST_ASIAN_NGRAM = 3
#: Tokens shorter than this (in characters) carry no topic in space-separated scripts.
MINIMUM_TOKEN_CHARS = 2

# ISO 639-1 codes of the languages snowballstemmer has a stemmer for.
_SNOWBALL_LANGUAGES = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "fa": "persian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "st": "sesotho", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip

_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u30fc\u3005"
_SOUTHEAST_ASIAN = r"\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
_TOKEN = regex.compile(
    rf"(?P<cjk>[{_CJK}]+)"
    rf"|(?P<sea>[{_SOUTHEAST_ASIAN}]+)"
    rf"|(?P<word>[[\p{{L}}\p{{M}}\p{{N}}]--[{_CJK}{_SOUTHEAST_ASIAN}]]+)",
    regex.V1,
)
_PLAIN_WORD = regex.compile(r"\p{L}+")
_NUMBER_LIKE = regex.compile(r"[\p{N}.,:/%_-]+")
_LETTER = regex.compile(r"\p{L}")
# Optional vowel marks and the elongation stroke change no meaning in Arabic-script text;
# hamza-carrying alef forms are written interchangeably in news.
_ARABIC_MARKS = regex.compile(r"[\u064b-\u065f\u0670\u0640]")
_ARABIC = regex.compile(r"[\u0600-\u06ff]")
_ARABIC_FOLD = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627"})


def terms(text: str, lang: str, *, stem: bool = True) -> Counter[str]:
    """Return the content terms of ``text`` (language ``lang``) with their counts.

    With ``stem``, words of languages that have a Snowball stemmer are stemmed ("talks" →
    "talk"), which lifts the correlation of TF-IDF cosine with human similarity ratings.

    >>> terms("Quân đội Nga tuyên bố ngừng bắn ở Donetsk", "vi")["quân_đội"]
    1
    """
    return Counter(term_sequence(text, lang, stem=stem))


def term_sequence(text: str, lang: str, *, stem: bool = True) -> list[str]:
    """Return the content terms of ``text`` in reading order (for n-grams of terms)."""
    language = _base_language(lang)
    stop = stop_words(language)
    if language == "vi":
        return _vietnamese_terms(text, stop)
    found = [token for token in tokens(text) if _is_content(token, stop)]
    if stem and language in _SNOWBALL_LANGUAGES:
        return [_stem(language, token) for token in found]
    return found


def tokens(text: str) -> list[str]:
    """Return the normalised tokens of ``text`` for any script except segmented Vietnamese.

    Character n-grams stand for tokens in scripts written without spaces.

    >>> tokens("Tokyo 東京都")
    ['tokyo', '東京', '京都']
    """
    found: list[str] = []
    for match in _TOKEN.finditer(_normalise(text)):
        piece = match.group()
        if match.lastgroup == "cjk":
            found.extend(_ngrams(piece, CJK_NGRAM))
        elif match.lastgroup == "sea":
            found.extend(_ngrams(piece, SOUTHEAST_ASIAN_NGRAM))
        else:
            found.append(piece)
    return found


@lru_cache(maxsize=128)
def stop_words(lang: str) -> frozenset[str]:
    """Return the stop words of ``lang`` normalised like terms (empty when none are known)."""
    language = _base_language(lang)
    if not language or not stopwordsiso.has_lang(language):
        return frozenset()
    words = stopwordsiso.stopwords(language)
    if language == "vi":
        # Lists write multi-syllable words with spaces; segmented terms join them with "_".
        return frozenset(_normalise(word).replace(" ", "_") for word in words)
    return frozenset(_normalise(word) for word in words)


def _vietnamese_terms(text: str, stop: frozenset[str]) -> list[str]:
    found: list[str] = []
    for piece in _normalise(ViTokenizer.tokenize(text)).split():
        if "_" in piece:
            if piece not in stop:
                found.append(piece)
        elif _PLAIN_WORD.fullmatch(piece):
            if _is_content(piece, stop):
                found.append(piece)
        else:
            # Punctuation, numbers and other scripts that pyvi passes through.
            found.extend(token for token in tokens(piece) if _is_content(token, stop))
    return found


@lru_cache(maxsize=64)
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer(_SNOWBALL_LANGUAGES[language])


# Word frequencies are Zipfian: a bounded cache answers most lookups, and Snowball in pure
# Python costs some microseconds a word.
@lru_cache(maxsize=200_000)
def _stem(language: str, word: str) -> str:
    return str(_stemmer(language).stemWord(word))


def _is_content(token: str, stop: frozenset[str]) -> bool:
    if token in stop or not _LETTER.search(token):
        return False
    if _NUMBER_LIKE.fullmatch(token):
        return False
    return len(token) >= MINIMUM_TOKEN_CHARS or not token.isascii()


def _ngrams(run: str, size: int) -> list[str]:
    if len(run) <= size:
        return [run]
    return [run[i : i + size] for i in range(len(run) - size + 1)]


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    if _ARABIC.search(text):
        text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_FOLD)
    return text


def _base_language(lang: str) -> str:
    return lang.lower().split("-", 1)[0].split("_", 1)[0] if lang else ""


class DocumentFrequencies:
    """Running document frequencies per language, and the TF-IDF weights they give.

    ``idf`` is smoothed, ``log((1 + N) / (1 + df)) + 1``: with no history every term weighs
    1 (plain term frequency), and a term never seen weighs as much as the rarest one.

    >>> frequencies = DocumentFrequencies()
    >>> frequencies.add("en", {"aleppo", "talks"})
    >>> frequencies.add("en", {"talks", "vote"})
    >>> frequencies.idf("en", "aleppo") > frequencies.idf("en", "talks")
    True
    """

    __slots__ = ("_documents", "_frequencies")

    def __init__(self) -> None:
        self._documents: dict[str, int] = {}
        self._frequencies: dict[str, dict[str, int]] = {}

    def add(self, lang: str, document_terms: Iterable[str]) -> None:
        """Count one document of language ``lang`` holding ``document_terms`` (each once)."""
        language = _base_language(lang)
        table = self._frequencies.setdefault(language, {})
        for term in set(document_terms):
            table[term] = table.get(term, 0) + 1
        self._documents[language] = self._documents.get(language, 0) + 1

    def documents(self, lang: str) -> int:
        """Return how many documents of ``lang`` have been counted."""
        return self._documents.get(_base_language(lang), 0)

    def frequency(self, lang: str, term: str) -> int:
        """Return in how many counted documents of ``lang`` ``term`` occurs."""
        return self._frequencies.get(_base_language(lang), {}).get(term, 0)

    def idf(self, lang: str, term: str) -> float:
        """Return the smoothed inverse document frequency of ``term`` in ``lang`` (≥ 1)."""
        language = _base_language(lang)
        documents = self._documents.get(language, 0)
        frequency = self._frequencies.get(language, {}).get(term, 0)
        return math.log((1 + documents) / (1 + frequency)) + 1.0

    def weights(self, lang: str, counts: Mapping[str, int]) -> dict[str, float]:
        """Return L2-normalised TF-IDF weights, tf sublinear (``1 + log tf``), for ``counts``."""
        language = _base_language(lang)
        documents = self._documents.get(language, 0)
        table = self._frequencies.get(language, {})
        raw: dict[str, float] = {}
        for term, count in counts.items():
            if count <= 0:
                continue
            idf = math.log((1 + documents) / (1 + table.get(term, 0))) + 1.0
            raw[term] = (1.0 + math.log(count)) * idf
        norm = math.sqrt(sum(value * value for value in raw.values()))
        if norm == 0.0:
            return {}
        return {term: value / norm for term, value in raw.items()}

    def to_state(self) -> dict[str, Any]:
        """Return a JSON-serialisable snapshot (keys sorted, so equal counts give equal JSON)."""
        return {
            "version": 1,
            "languages": {
                language: {
                    "documents": self._documents.get(language, 0),
                    "frequencies": dict(sorted(self._frequencies.get(language, {}).items())),
                }
                for language in sorted(set(self._documents) | set(self._frequencies))
            },
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> DocumentFrequencies:
        """Rebuild the frequencies saved by :meth:`to_state`."""
        version = state.get("version")
        if version != 1:
            raise ValueError(f"unknown document-frequency state version: {version!r}")
        restored = cls()
        for language, entry in state["languages"].items():
            restored._documents[language] = int(entry["documents"])
            restored._frequencies[language] = {
                str(term): int(count) for term, count in entry["frequencies"].items()
            }
        return restored


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Return the cosine of two sparse vectors; 0.0 when either is empty or all zero.

    >>> round(cosine({"a": 1.0, "b": 1.0}, {"a": 2.0}), 3)
    0.707
    """
    if len(a) > len(b):
        a, b = b, a
    dot = sum(value * b.get(term, 0.0) for term, value in a.items())
    if dot == 0.0:
        return 0.0
    norm_a = math.sqrt(sum(value * value for value in a.values()))
    norm_b = math.sqrt(sum(value * value for value in b.values()))
    return max(-1.0, min(1.0, dot / (norm_a * norm_b)))
