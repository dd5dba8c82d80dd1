"""Crash campaign: kill storyweave with SIGKILL at random points, again and again, then check
that nothing was lost or doubled and that the stories are those of a run never interrupted.

    python benchmarks/crash.py [--articles 3000] [--kills 50] [--batch 100] [--seed 7]

The stream is the development articles replayed (as in ``benchmarks/throughput.py``). A clean
``storyweave run`` over it gives the reference: which articles share a story. Then the same
command runs into a fresh store and is killed at a random moment of each attempt, in whichever
stage it is (reading and analysing, clustering and writing a batch, building stories, writing the
outputs), until ``--kills`` kills were made; a last run finishes the job. After every kill: no
article stored twice, no partial batch, no orphaned worker. At the end: every article stored
exactly once, in exactly one story, and the grouping of articles into stories identical to the
reference, and every story built. Prints one table and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from throughput import DATA, build_stream


def storyweave(stream: Path, db: Path, out: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "storyweave", "run", str(stream), "--db", str(db)]
    return subprocess.Popen(
        [*command, "--out", str(out), "--quiet"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def snapshot(db: Path) -> tuple[list[str], dict[str, str | None], int, int]:
    """Stored ids (with repeats, if any), each article's story, stories, stories built."""
    if not db.exists():
        return [], {}, 0, 0
    with sqlite3.connect(db, timeout=60) as connection:
        try:
            rows = connection.execute("SELECT id, story_id FROM articles").fetchall()
            stories = connection.execute(
                "SELECT count(*) FROM stories WHERE merged_into IS NULL"
            ).fetchone()[0]
            built = connection.execute(
                "SELECT count(*) FROM stories s JOIN story_texts t ON t.story_id = s.id"
                " AND t.article_count = s.article_count WHERE s.merged_into IS NULL"
            ).fetchone()[0]
        except sqlite3.OperationalError:
            return [], {}, 0, 0
    return [r[0] for r in rows], dict(rows), int(stories), int(built)


def grouping(story_of: dict[str, str | None]) -> set[frozenset[str]]:
    """The stories as sets of article ids (story ids aside)."""
    groups: defaultdict[str | None, set[str]] = defaultdict(set)
    for article, story in story_of.items():
        groups[story].add(article)
    return {frozenset(members) for members in groups.values()}


def orphans(db: Path) -> int:
    count = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(db).encode() in (entry / "cmdline").read_bytes():
                    state = (entry / "stat").read_text().split(") ", 1)[1][0]
                    count += state != "Z"
            except OSError:
                continue
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    chooser = random.Random(args.seed)
    env = {**os.environ, "STORYWEAVE_BATCH_SIZE": str(args.batch), "STORYWEAVE_WORKERS": "2"}

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        stream = root / "stream.jsonl"
        build_stream(args.data, args.articles, stream)
        started = time.monotonic()
        clean = storyweave(stream, root / "clean.db", root / "clean-out", env)
        clean.wait()
        clean_seconds = time.monotonic() - started
        _, reference, _, _ = snapshot(root / "clean.db")

        db, out = root / "crash.db", root / "crash-out"
        problems: list[str] = []
        stages: Counter[str] = Counter()
        kills = attempts = 0
        while kills < args.kills and attempts < 4 * args.kills:
            attempts += 1
            process = storyweave(stream, db, out, env)
            time.sleep(chooser.uniform(2.0, max(3.0, min(clean_seconds, 60.0))))
            if process.poll() is not None:
                # It finished before the kill: start over on a new store.
                for path in root.glob("crash.db*"):
                    path.unlink()
                continue
            ids, _, stories, built = snapshot(db)
            stage = (
                "ingest" if len(ids) < args.articles else "build" if built < stories else "outputs"
            )
            process.send_signal(signal.SIGKILL)
            process.wait()
            kills += 1
            stages[stage] += 1
            ids, _, _, _ = snapshot(db)
            if len(ids) != len(set(ids)):
                problems.append(f"kill {kills}: an article stored twice")
            if len(ids) % args.batch and len(ids) < args.articles:
                problems.append(f"kill {kills}: {len(ids)} rows, a partial batch")
            deadline = time.monotonic() + 10
            while orphans(db) and time.monotonic() < deadline:
                time.sleep(0.1)
            if orphans(db):
                problems.append(f"kill {kills}: orphaned worker processes")
            if len(ids) >= args.articles and chooser.random() < 0.5:
                # Start over on a new store now and then, so that kills fall in every stage.
                for path in root.glob("crash.db*"):
                    path.unlink()
        finish = storyweave(stream, db, out, env)
        finish.wait()
        ids, story_of, stories, built = snapshot(db)
        same = grouping(story_of) == grouping(reference)

    checks = {
        "every article stored once": len(ids) == len(set(ids)) == args.articles,
        "every article in a story": all(story_of.get(i) for i in ids),
        "stories identical to the clean run": same,
        "every story built": built == stories,
        "no problem after any kill": not problems,
        "exit status of the last run": finish.returncode == 0,
    }
    print(f"crash campaign: {args.articles} articles, batches of {args.batch}, seed {args.seed}")
    print(f"kills: {kills} ({', '.join(f'{n} in {s}' for s, n in sorted(stages.items()))})")
    print("| check | result |\n|---|---|")
    for name, passed in checks.items():
        print(f"| {name} | {'PASS' if passed else 'FAIL'} |")
    for problem in problems[:20]:
        print(f"problem: {problem}")
    print(json.dumps({"kills": kills, "stages": stages, "passed": all(checks.values())}))
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
