"""Duplicate detection: exact (normalised-content hash) and near (MinHash + LSH on word shingles).

A syndicated copy is still stored, but linked to the article it copies (``duplicate_of``).
"""

from __future__ import annotations

import hashlib
import unicodedata

import numpy as np
import regex
from datasketch import LeanMinHash, MinHash, MinHashLSH

_WORD = regex.compile(r"[\p{L}\p{N}]+")
NUM_PERM = 64
_SEED = 1
# Pinned so that signatures stored by one version stay comparable with the next.
_SCHEME = "affine32"
SHINGLE_WORDS = 3
# Fewer shingles than this and two texts share too little to call them copies.
MIN_SHINGLES = 8


def normalised_words(text: str) -> list[str]:
    """Case-folded, NFC-normalised words: what stays the same when a copy is re-typeset."""
    words: list[str] = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    return words


def content_hash(text: str) -> str:
    """A stable hash of the words of ``text``, blind to case, spacing and punctuation."""
    joined = " ".join(normalised_words(text))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


def minhash_signature(text: str) -> bytes | None:
    """The MinHash signature of ``text``'s word shingles, or ``None`` if it is too short."""
    words = normalised_words(text)
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    if len(shingles) < MIN_SHINGLES:
        return None
    sketch = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    sketch.update_batch(sorted(shingles))
    signature: bytes = sketch.hashvalues.astype("<u8").tobytes()
    return signature


class NearDuplicateIndex:
    """Finds, for a new signature, an earlier article whose shingles overlap above a threshold."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sketches: dict[str, LeanMinHash] = {}

    def __len__(self) -> int:
        return len(self._sketches)

    def add(self, article_id: str, signature: bytes) -> None:
        """Index ``article_id`` as an original others may copy."""
        sketch = _sketch(signature)
        self._lsh.insert(article_id, sketch)
        self._sketches[article_id] = sketch

    def find_original(self, signature: bytes) -> str | None:
        """The indexed article most similar to ``signature`` above the threshold, if any."""
        sketch = _sketch(signature)
        best_id, best = None, self.threshold
        for candidate in sorted(self._lsh.query(sketch)):
            similarity = float(sketch.jaccard(self._sketches[candidate]))
            if similarity >= best:
                best_id, best = candidate, similarity
        return best_id


def _sketch(signature: bytes) -> LeanMinHash:
    values = np.frombuffer(signature, dtype="<u8").astype(np.uint64)
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)
