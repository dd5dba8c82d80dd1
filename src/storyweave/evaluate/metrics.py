"""Clustering and similarity metrics: BCubed and pairwise precision/recall/F1, Pearson.

>>> gold = {"a": 1, "b": 1, "c": 2}
>>> bcubed({"a": "x", "b": "x", "c": "x"}, gold).recall
1.0
>>> round(pearson([1, 2, 3], [2, 4, 7]), 3)
0.993
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and their harmonic mean, each in 0..1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> Scores:
    """BCubed precision and recall of ``predicted`` clusters against ``gold``, over the items
    both label. Each item's precision is the share of its predicted cluster that shares its gold
    cluster; recall the share of its gold cluster found in its predicted cluster."""
    items = [item for item in gold if item in predicted]
    if not items:
        return Scores(0.0, 0.0)
    joint = Counter((predicted[i], gold[i]) for i in items)
    predicted_sizes = Counter(predicted[i] for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    precision = recall = 0.0
    for item in items:
        together = joint[(predicted[item], gold[item])]
        precision += together / predicted_sizes[predicted[item]]
        recall += together / gold_sizes[gold[item]]
    return Scores(precision / len(items), recall / len(items))


def pairwise(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> Scores:
    """Precision and recall over item pairs: a pair is positive when both share a cluster."""
    items = [item for item in gold if item in predicted]
    joint = Counter((predicted[i], gold[i]) for i in items)
    true_pairs = sum(_pairs(n) for n in joint.values())
    predicted_pairs = sum(_pairs(n) for n in Counter(predicted[i] for i in items).values())
    gold_pairs = sum(_pairs(n) for n in Counter(gold[i] for i in items).values())
    precision = true_pairs / predicted_pairs if predicted_pairs else 1.0
    recall = true_pairs / gold_pairs if gold_pairs else 1.0
    return Scores(precision, recall)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson correlation of two equally long sequences (0.0 when either is constant)."""
    if len(xs) != len(ys):
        raise ValueError(f"sequences differ in length: {len(xs)} != {len(ys)}")
    n = len(xs)
    if n < 2:
        return 0.0
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    spread_x = math.sqrt(sum((x - mean_x) ** 2 for x in xs))
    spread_y = math.sqrt(sum((y - mean_y) ** 2 for y in ys))
    if spread_x == 0 or spread_y == 0:
        return 0.0
    return covariance / (spread_x * spread_y)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2
