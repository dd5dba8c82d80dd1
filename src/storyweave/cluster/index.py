"""Candidate retrieval: which stories could an article belong to, without scanning them all.

Two indexes, queried together: an approximate nearest-neighbour index (HNSW) over story
centroids, and an inverted index from name keys and salient terms to stories. Only a bounded
number of recently active stories is indexed; older ones stay in the store.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterable

import hnswlib
import numpy as np

#: Nearest centroids asked of the vector index.
DENSE_CANDIDATES = 12
#: Stories taken from the inverted index (those sharing the most keys).
KEY_CANDIDATES = 12
#: A key found in more indexed stories than this is too common to point at a story.
MAX_POSTINGS = 200
_SEED = 7


class CandidateIndex:
    """Stories reachable by vector similarity or shared keys, most recently active first."""

    def __init__(self, dim: int, capacity: int = 20_000) -> None:
        self.dim = dim
        self.capacity = capacity
        self._vectors = hnswlib.Index(space="ip", dim=dim)
        self._size = 1024
        self._vectors.init_index(
            max_elements=self._size, ef_construction=100, M=16, random_seed=_SEED
        )
        self._vectors.set_num_threads(1)  # deterministic insertion order
        self._vectors.set_ef(64)
        self._labels: dict[str, int] = {}
        self._stories: dict[int, str] = {}
        self._next_label = 0
        self._free: list[int] = []
        self._postings: dict[str, set[str]] = {}
        self._keys: dict[str, frozenset[str]] = {}
        self._recency: OrderedDict[str, None] = OrderedDict()

    def __len__(self) -> int:
        return len(self._recency)

    def __contains__(self, story_id: str) -> bool:
        return story_id in self._recency

    def upsert(self, story_id: str, centroid: np.ndarray | None, keys: Iterable[str]) -> list[str]:
        """Index or re-index a story; return the stories evicted to stay within capacity."""
        if centroid is not None:
            self._put_vector(story_id, centroid)
        new_keys = frozenset(keys)
        old_keys = self._keys.get(story_id, frozenset())
        for key in old_keys - new_keys:
            self._unpost(key, story_id)
        for key in new_keys - old_keys:
            self._postings.setdefault(key, set()).add(story_id)
        self._keys[story_id] = new_keys
        self._recency[story_id] = None
        self._recency.move_to_end(story_id)
        evicted = []
        while len(self._recency) > self.capacity:
            oldest = next(iter(self._recency))
            self.remove(oldest)
            evicted.append(oldest)
        return evicted

    def remove(self, story_id: str) -> None:
        """Forget a story (merged away, or too old to be active)."""
        label = self._labels.pop(story_id, None)
        if label is not None:
            self._vectors.mark_deleted(label)
            del self._stories[label]
            self._free.append(label)
        for key in self._keys.pop(story_id, frozenset()):
            self._unpost(key, story_id)
        self._recency.pop(story_id, None)

    def candidates(self, vector: np.ndarray | None, keys: Iterable[str]) -> list[str]:
        """Stories near ``vector`` or sharing ``keys``, in a deterministic order."""
        found: list[str] = []
        if vector is not None and self._labels:
            k = min(DENSE_CANDIDATES, len(self._labels))
            labels, _distances = self._vectors.knn_query(vector.astype(np.float32), k=k)
            found.extend(self._stories[int(label)] for label in labels[0])
        shared: Counter[str] = Counter()
        for key in set(keys):
            posting = self._postings.get(key)
            if posting and len(posting) <= MAX_POSTINGS:
                shared.update(posting)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        found.extend(story for story, _count in ranked[:KEY_CANDIDATES])
        return list(dict.fromkeys(found))

    def _put_vector(self, story_id: str, centroid: np.ndarray) -> None:
        label = self._labels.get(story_id)
        if label is None:
            # Re-adding a deleted label revives it with the new vector.
            label = self._free.pop() if self._free else self._new_label()
            self._labels[story_id] = label
            self._stories[label] = story_id
        self._vectors.add_items(centroid.astype(np.float32).reshape(1, -1), [label])

    def _new_label(self) -> int:
        label = self._next_label
        self._next_label += 1
        if label >= self._size:
            self._size *= 2
            self._vectors.resize_index(self._size)
        return label

    def _unpost(self, key: str, story_id: str) -> None:
        posting = self._postings.get(key)
        if posting is not None:
            posting.discard(story_id)
            if not posting:
                del self._postings[key]
