"""Candidate retrieval: nearest centroids and shared keys, bounded and forgetful."""

from __future__ import annotations

import numpy as np

from storyweave.cluster.index import CandidateIndex


def basis(i: int, dim: int = 8) -> np.ndarray:
    vector = np.zeros(dim, dtype=np.float32)
    vector[i] = 1.0
    return vector


def test_candidates_come_from_vectors_and_from_keys() -> None:
    index = CandidateIndex(dim=8)
    index.upsert("near", basis(0), ["n:shoigu"])
    index.upsert("named", basis(5), ["n:kerry"])
    found = index.candidates(basis(0), ["n:kerry"])
    assert found[0] == "near"
    assert "named" in found


def test_reindexing_replaces_keys_and_vector() -> None:
    index = CandidateIndex(dim=8)
    index.upsert("s", basis(0), ["n:old"])
    index.upsert("s", basis(3), ["n:new"])
    assert index.candidates(None, ["n:old"]) == []
    assert index.candidates(None, ["n:new"]) == ["s"]
    assert index.candidates(basis(3), []) == ["s"]


def test_capacity_evicts_the_least_recently_active_story() -> None:
    index = CandidateIndex(dim=8, capacity=2)
    index.upsert("a", basis(0), ["n:x"])
    index.upsert("b", basis(1), ["n:x"])
    index.upsert("a", basis(0), ["n:x"])  # a is active again
    evicted = index.upsert("c", basis(2), ["n:x"])
    assert evicted == ["b"]
    assert "b" not in index and len(index) == 2
    assert sorted(index.candidates(None, ["n:x"])) == ["a", "c"]
    # A removed story's vector slot is reused without confusion.
    index.upsert("d", basis(1), [])
    assert index.candidates(basis(1), [])[0] == "d"
