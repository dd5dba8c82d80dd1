"""Ingest speed: read + clean + language + dates + duplicates into SQLite, end to end.

    python benchmarks/ingest.py [ARTICLES_JSONL ...] [--workers 1 2]

Default input: all of ../shared/data/vlsp-abmusu/articles.jsonl (925 Vietnamese articles).
Prints one table: one row per worker count, each on a fresh store, with story clustering off
(the ingest stages alone) and then on (see also benchmarks/throughput.py).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from storyweave import Engine
from storyweave.config import Settings

REPO = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = REPO.parent / "shared" / "data" / "vlsp-abmusu" / "articles.jsonl"


def measure(inputs: list[str], workers: int, cluster: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings().replace(
            db=Path(folder) / "bench.db", workers=workers, cluster=cluster
        )
        started = time.perf_counter()
        with Engine(settings=settings) as engine:
            report = engine.ingest(inputs)
            stored = engine.count_articles()
        seconds = time.perf_counter() - started
    return {
        "clustering": "on" if cluster else "off",
        "workers": workers,
        "articles": stored,
        "problems": len(report.problems),
        "seconds": round(seconds, 2),
        "articles_per_s": round(stored / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(DEFAULT_INPUT)])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()

    rows = [
        measure(args.inputs, workers, cluster)
        for cluster in (False, True)
        for workers in args.workers
    ]
    if args.json:
        print(json.dumps(rows))
        return
    print(f"ingest benchmark: {', '.join(args.inputs)}")
    print(
        f"{'clustering':>10} {'workers':>7} {'articles':>8} {'problems':>8} {'seconds':>8}"
        f" {'articles/s':>10}"
    )
    for row in rows:
        print(
            f"{row['clustering']:>10} {row['workers']:>7} {row['articles']:>8} {row['problems']:>8}"
            f" {row['seconds']:>8.2f} {row['articles_per_s']:>10.1f}"
        )


if __name__ == "__main__":
    main()
