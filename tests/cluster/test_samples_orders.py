"""The canonical sample forms exactly its two stories whatever order the articles arrive in."""

from __future__ import annotations

import copy
import itertools

import pytest

from storyweave.cluster import StoryClusterer, follow, load_background, load_scorer
from storyweave.config import Settings
from storyweave.ingest import read_inputs
from storyweave.model import RawDocument
from storyweave.pipeline import Prepared, prepare
from storyweave.represent.encoders import get_encoder
from storyweave.represent.signals import ArticleSignals

from ..conftest import SAMPLES, need

DIM = 384
EXPECTED = {
    frozenset(
        {
            "000_2e16bb06e3f35591",
            "001_936fe0c19f821e17",
            "003_f6b2834bf645b2c9",
            "004_eb640161b00f142c",
        }
    ),
    frozenset({"002_b129aac04b4d7bd7"}),
}


@pytest.fixture(scope="module")
def sample_signals() -> list[ArticleSignals]:
    """The five raw texts (no dates or languages given), prepared as the engine does."""
    settings = Settings()
    files = sorted(str(path) for path in need(SAMPLES).glob("*.txt"))
    documents = [d for d in read_inputs(files, settings) if isinstance(d, RawDocument)]
    prepared = [prepare(d, settings.embedding_chars) for d in documents]
    assert all(isinstance(p, Prepared) for p in prepared)
    signals = [p.clustering_signals() for p in prepared if isinstance(p, Prepared)]
    vectors = get_encoder(settings.encoder).encode([s.embedding_text for s in signals])
    for item, vector in zip(signals, vectors, strict=True):
        item.vector = vector
    return signals


def stories_of(order: tuple[ArticleSignals, ...] | list[ArticleSignals]) -> set[frozenset[str]]:
    """The stories a fresh clusterer forms from ``order`` (moves and merges followed)."""
    clusterer = StoryClusterer(load_scorer(), dim=DIM, background=load_background())
    story_of: dict[str, str] = {}
    for item in order:
        decision = clusterer.assign(copy.copy(item))
        follow(story_of, decision, clusterer.take_changes()[1])
    members: dict[str, set[str]] = {}
    for article_id, story in story_of.items():
        members.setdefault(story, set()).add(article_id)
    return {frozenset(m) for m in members.values()}


def test_two_stories_in_file_order(sample_signals: list[ArticleSignals]) -> None:
    assert stories_of(sample_signals) == EXPECTED


def test_two_stories_in_all_120_orders(sample_signals: list[ArticleSignals]) -> None:
    wrong = []
    for order in itertools.permutations(sample_signals):
        found = stories_of(order)
        if found != EXPECTED:
            wrong.append(([s.article_id[:3] for s in order], sorted(map(sorted, found))))
    assert not wrong, f"{len(wrong)} of 120 orders wrong, e.g. {wrong[:3]}"
