"""LanguageCentroids: running means, correction with and without enough data, state."""

from __future__ import annotations

import json

import numpy as np
import pytest

from storyweave.represent import MIN_LANGUAGE_COUNT, LanguageCentroids, normalize_rows


def _vectors(seed: int, count: int, offset: float, dim: int = 8) -> np.ndarray:
    rng = np.random.default_rng(seed)
    rows = rng.normal(size=(count, dim))
    rows[:, 0] += offset  # the language's shared direction
    return normalize_rows(rows)


@pytest.fixture
def centroids() -> LanguageCentroids:
    built = LanguageCentroids(dim=8, min_count=20)
    built.update("en", _vectors(1, 30, 3.0))
    built.update("vi", _vectors(2, 25, -3.0))
    built.update("fr", _vectors(3, 5, 1.0))
    return built


def test_default_minimum_is_documented() -> None:
    assert LanguageCentroids(dim=4).min_count == MIN_LANGUAGE_COUNT == 20


def test_correct_subtracts_the_languages_own_mean(centroids: LanguageCentroids) -> None:
    rows = _vectors(4, 3, 3.0)
    mean = _vectors(1, 30, 3.0).astype(np.float64).mean(axis=0)
    expected = normalize_rows(rows - mean)
    np.testing.assert_allclose(centroids.correct("en", rows), expected, atol=1e-6)
    assert centroids.correct("en", rows).dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(centroids.correct("en", rows), axis=1), 1.0)


def test_running_mean_equals_batch_mean() -> None:
    rows = _vectors(5, 40, 1.0)
    one = LanguageCentroids(dim=8, min_count=1)
    one.update("de", rows)
    many = LanguageCentroids(dim=8, min_count=1)
    for row in rows:
        many.update("de", row)
    assert many.count("de") == 40
    np.testing.assert_allclose(one.mean("de"), many.mean("de"), atol=1e-12)  # type: ignore[arg-type]


def test_rare_language_uses_the_mean_over_trusted_languages(
    centroids: LanguageCentroids,
) -> None:
    en, vi = centroids.mean("en"), centroids.mean("vi")
    assert en is not None and vi is not None
    rows = _vectors(6, 2, 1.0)
    expected = normalize_rows(rows - (en + vi) / 2)
    np.testing.assert_allclose(centroids.correct("fr", rows), expected, atol=1e-6)
    np.testing.assert_allclose(centroids.correct("unseen", rows), expected, atol=1e-6)


def test_rare_language_left_alone_without_global_fallback() -> None:
    centroids = LanguageCentroids(dim=8, min_count=20, fallback="none")
    centroids.update("en", _vectors(1, 30, 3.0))
    centroids.update("fr", _vectors(3, 5, 1.0))
    rows = _vectors(6, 2, 1.0)
    np.testing.assert_allclose(centroids.correct("fr", rows), rows, atol=1e-6)


def test_before_any_language_is_trusted_the_mean_of_everything_is_used() -> None:
    centroids = LanguageCentroids(dim=8, min_count=20)
    rows = _vectors(7, 2, 0.0)
    np.testing.assert_allclose(centroids.correct("en", rows), rows, atol=1e-6)
    seen = _vectors(8, 6, 2.0)
    centroids.update("en", seen[:4])
    centroids.update("de", seen[4:])
    expected = normalize_rows(rows - seen.astype(np.float64).mean(axis=0))
    np.testing.assert_allclose(centroids.correct("en", rows), expected, atol=1e-6)


def test_correction_separates_topic_from_language() -> None:
    centroids = LanguageCentroids(dim=8, min_count=20)
    centroids.update("en", _vectors(1, 50, 3.0))
    centroids.update("vi", _vectors(2, 50, -3.0))
    english_event = normalize_rows(np.r_[3.0, 0, 0, 1.5, 0, 0, 0, 0])[0]
    vietnamese_event = normalize_rows(np.r_[-3.0, 0, 0, 1.5, 0, 0, 0, 0])[0]
    vietnamese_other = normalize_rows(np.r_[-3.0, 0, 1.5, 0, 0, 0, 0, 0])[0]
    assert vietnamese_event @ vietnamese_other > english_event @ vietnamese_event
    en = centroids.correct("en", english_event)[0]
    vi_event = centroids.correct("vi", vietnamese_event)[0]
    vi_other = centroids.correct("vi", vietnamese_other)[0]
    assert en @ vi_event > en @ vi_other


def test_state_round_trips_through_json_and_bytes(centroids: LanguageCentroids) -> None:
    rows = _vectors(9, 4, 0.5)
    from_json = LanguageCentroids.from_state(json.loads(json.dumps(centroids.to_state())))
    from_bytes = LanguageCentroids.from_bytes(centroids.to_bytes())
    for restored in (from_json, from_bytes):
        assert restored.languages() == ["en", "fr", "vi"]
        assert restored.count("fr") == 5
        assert (restored.min_count, restored.fallback) == (20, "global")
        for lang in ("en", "fr", "vi", "xx"):
            np.testing.assert_array_equal(
                restored.correct(lang, rows), centroids.correct(lang, rows)
            )
    assert from_bytes.to_bytes() == centroids.to_bytes()


def test_same_updates_give_identical_state() -> None:
    first, second = LanguageCentroids(dim=8), LanguageCentroids(dim=8)
    for built in (first, second):
        built.update("en", _vectors(1, 30, 1.0))
        built.update("de", _vectors(2, 10, 2.0))
    assert first.to_bytes() == second.to_bytes()
    assert first.to_state() == second.to_state()


def test_wrong_dimension_and_bad_options_are_refused() -> None:
    centroids = LanguageCentroids(dim=8)
    with pytest.raises(ValueError, match="dimension 8"):
        centroids.update("en", np.zeros((2, 5)))
    with pytest.raises(ValueError, match="fallback"):
        LanguageCentroids(dim=8, fallback="nearest")  # type: ignore[arg-type]
