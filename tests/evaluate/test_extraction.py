"""Word-shingle precision, recall and F1 of extracted article bodies."""

from __future__ import annotations

import pytest

from storyweave.evaluate.extraction import ExtractionScore, mean, shingle_f1, shingles


def test_identical_texts_score_one() -> None:
    text = "The quick brown fox jumps over the lazy dog."
    assert shingle_f1(text, text) == ExtractionScore(1.0, 1.0, 1.0)


def test_extra_text_lowers_precision_only() -> None:
    # Reference: 6 words -> 3 shingles; extraction adds 2 words -> 5 shingles, 3 shared.
    score = shingle_f1("a b c d e f", "a b c d e f g h")
    assert score.precision == pytest.approx(3 / 5)
    assert score.recall == 1.0
    assert score.f1 == pytest.approx(2 * 0.6 / 1.6)


def test_missing_text_lowers_recall_only() -> None:
    score = shingle_f1("a b c d e", "a b c d")
    assert (score.precision, score.recall) == (1.0, 0.5)
    assert score.f1 == pytest.approx(2 / 3)


def test_tokens_ignore_punctuation_and_whitespace_but_keep_case() -> None:
    assert shingle_f1("One, two; three\n\nfour!", "one two three four").f1 == 0.0
    assert shingle_f1("One, two; three\n\nfour!", "One two three four").f1 == 1.0


def test_repeated_shingles_count_as_often_as_they_occur() -> None:
    score = shingle_f1("w x y z", "w x y z. w x y z")
    # Extraction has 5 shingles, one of which matches the reference's single shingle.
    assert score.precision == pytest.approx(1 / 5)
    assert score.recall == 1.0


def test_short_texts_form_one_shingle() -> None:
    assert shingles("just two", n=4) == {("just", "two"): 1}
    assert shingle_f1("just two", "just two").f1 == 1.0
    assert shingle_f1("just two", "two just").f1 == 0.0


def test_unicode_words() -> None:
    assert shingle_f1("Привет мир как дела сегодня", "Привет мир как дела").recall == 0.5


def test_empty_texts() -> None:
    assert shingle_f1("", "") == ExtractionScore(1.0, 1.0, 1.0)
    nothing_found = shingle_f1("some words of the body", "")
    assert (nothing_found.recall, nothing_found.f1) == (0.0, 0.0)
    assert not nothing_found.has_prediction
    nothing_expected = shingle_f1("  ", "menu text here")
    assert (nothing_expected.precision, nothing_expected.f1) == (0.0, 0.0)
    assert not nothing_expected.has_reference


def test_mean_is_f1_of_mean_precision_and_recall() -> None:
    scores = [ExtractionScore(1.0, 0.5, 2 / 3), ExtractionScore(0.5, 1.0, 2 / 3)]
    overall = mean(scores)
    assert (overall.precision, overall.recall) == (0.75, 0.75)
    assert overall.f1 == pytest.approx(0.75)


def test_mean_leaves_undefined_sides_out() -> None:
    overall = mean([shingle_f1("a b c d e", "a b c d"), shingle_f1("a b c d", "")])
    assert overall.precision == 1.0  # the empty extraction has no precision to average
    assert overall.recall == pytest.approx(0.25)


def test_mean_of_nothing_is_zero() -> None:
    assert mean([]).f1 == 0.0


def test_shingle_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        shingles("a b", n=0)
