"""The canonical sample forms exactly its two stories whatever order the articles arrive in."""

from __future__ import annotations

import copy
import itertools

import pytest

from storyweave.cluster import StoryClusterer, load_background, load_scorer
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


@pytest.mark.xfail(
    strict=True,
    reason="known shortfall: the model cannot yet tell the two Vietnamese articles of different "
    "events apart by more than it tells the Vietnamese and English reports of one event apart, "
    "so most orders give a wrong split",
)
def test_two_stories_in_all_120_orders(sample_signals: list[ArticleSignals]) -> None:
    scorer, background = load_scorer(), load_background()
    wrong = []
    for order in itertools.permutations(sample_signals):
        clusterer = StoryClusterer(scorer, dim=DIM, background=background)
        stories: dict[str, set[str]] = {}
        for item in order:
            story = clusterer.assign(copy.copy(item)).assignment.story_id
            stories.setdefault(story, set()).add(item.article_id)
        found = {frozenset(members) for members in stories.values()}
        if found != EXPECTED:
            wrong.append(([s.article_id[:3] for s in order], sorted(map(sorted, found))))
    assert not wrong, f"{len(wrong)} of 120 orders wrong, e.g. {wrong[:3]}"
