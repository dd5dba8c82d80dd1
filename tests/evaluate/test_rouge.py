"""ROUGE-1/2/L F1 on cases computed by hand."""

from __future__ import annotations

import random

import pytest

from storyweave.evaluate.rouge import (
    RougeScore,
    lcs_f1,
    lcs_length,
    mean_rouge,
    ngram_f1,
    rouge,
    rouge_tokens,
)


def test_tokens_are_lower_cased_words_split_on_punctuation() -> None:
    assert rouge_tokens("Hà Nội, 2.5 TRIỆU-người!") == ["hà", "nội", "2", "5", "triệu", "người"]
    assert rouge_tokens("quân_sự (Nga)") == ["quân", "sự", "nga"]
    assert rouge_tokens("  ...  ") == []


def test_one_word_changed() -> None:
    # 6 tokens each; unigrams: the x2, cat, on, mat shared -> 5/6 either way. Bigrams (5 each):
    # "the cat", "on the", "the mat" shared -> 3/5. LCS "the cat on the mat" = 5.
    score = rouge("The cat sat on the mat.", ["the cat lay on the mat"])
    assert score.rouge1 == pytest.approx(5 / 6)
    assert score.rouge2 == pytest.approx(3 / 5)
    assert score.rougeL == pytest.approx(5 / 6)


def test_different_lengths() -> None:
    # candidate a b c d, reference a c e: unigrams a, c shared: P = 2/4, R = 2/3, F = 4/7;
    # no shared bigram; LCS "a c" = 2 gives the same F as ROUGE-1.
    score = rouge("a b c d", ["a c e"])
    assert score.rouge1 == pytest.approx(4 / 7)
    assert score.rouge2 == 0.0
    assert score.rougeL == pytest.approx(4 / 7)


def test_vietnamese_is_scored_on_syllables() -> None:
    # hà nội mưa to / mưa to ở hà nội: 4 shared syllables, P = 1, R = 4/5, F = 8/9;
    # bigrams "hà nội", "mưa to" shared: P = 2/3, R = 2/4, F = 4/7; LCS = 2: P 2/4, R 2/5.
    score = rouge("Hà Nội mưa to", ["Mưa to ở Hà Nội."])
    assert score.rouge1 == pytest.approx(8 / 9)
    assert score.rouge2 == pytest.approx(4 / 7)
    assert score.rougeL == pytest.approx(2 * (1 / 2) * (2 / 5) / (1 / 2 + 2 / 5))


def test_counts_are_clipped() -> None:
    # "the" three times against once: overlap 1, P = 1/3, R = 1/2, F = 2/5.
    assert ngram_f1(["the", "the", "the"], ["the", "cat"], 1) == pytest.approx(0.4)


def test_best_over_references_per_measure() -> None:
    score = rouge("a b c", ["a b x", "x b c"])
    assert score.rouge1 == pytest.approx(2 / 3)
    assert score.rouge2 == pytest.approx(1 / 2)
    assert rouge("a b", ["x y", "a b"]) == RougeScore(1.0, 1.0, 1.0)


def test_empty_texts_score_zero() -> None:
    assert rouge("", ["a b"]) == RougeScore(0.0, 0.0, 0.0)
    assert rouge("a b", [""]) == RougeScore(0.0, 0.0, 0.0)
    assert rouge("a b", []) == RougeScore(0.0, 0.0, 0.0)
    assert ngram_f1(["a"], ["a"], 2) == 0.0


def _lcs_table(a: list[str], b: list[str]) -> int:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = (
                table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
            )
    return table[-1][-1]


def test_bit_parallel_lcs_agrees_with_the_table() -> None:
    assert lcs_length(list("ABCBDAB"), list("BDCABA")) == 4
    generator = random.Random(7)
    for _ in range(300):
        a = [generator.choice("abcde") for _ in range(generator.randint(0, 70))]
        b = [generator.choice("abcde") for _ in range(generator.randint(0, 70))]
        assert lcs_length(a, b) == _lcs_table(a, b)


def test_lcs_f1() -> None:
    assert lcs_f1(["a", "b", "c", "d"], ["a", "c", "d"]) == pytest.approx(6 / 7)
    assert lcs_f1([], ["a"]) == 0.0


def test_mean() -> None:
    assert mean_rouge([RougeScore(1.0, 0.5, 1.0), RougeScore(0.0, 0.0, 0.5)]) == RougeScore(
        0.5, 0.25, 0.75
    )
    assert mean_rouge([]) == RougeScore(0.0, 0.0, 0.0)
