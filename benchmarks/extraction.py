"""Quality of the HTML reader on an article-extraction set: word-shingle P/R/F1 and speed.

The set is a folder with ``html/<id>.html.gz`` pages and ``ground-truth.jsonl`` records
``{"id", "url", "body"}``. Prints one table (the reader alone, then the reader followed by
``storyweave.clean.clean_text``) and the five pages it does worst on.

    python benchmarks/extraction.py [DATASET_DIR] [--json]
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from storyweave.evaluate.extraction import ExtractionScore, mean, shingle_f1
from storyweave.ingest.html import extract_html
from storyweave.model import RawDocument

DEFAULT_DATASET = Path(__file__).resolve().parent.parent.parent / "shared/data/extraction-dev"
WORST_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the set: its id, URL, decoded HTML and reference body."""

    id: str
    url: str | None
    html: str
    body: str


@dataclass(slots=True)
class RunResult:
    """Per-page scores of one way of extracting, and the seconds it took in all."""

    name: str
    scores: dict[str, ExtractionScore] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        """Pages, mean P/R/F1 and milliseconds per page, as plain numbers."""
        overall = mean(self.scores.values())
        pages = len(self.scores)
        return {
            "name": self.name,
            "pages": pages,
            "precision": round(overall.precision, 4),
            "recall": round(overall.recall, 4),
            "f1": round(overall.f1, 4),
            "ms_per_page": round(1000 * self.seconds / pages, 1) if pages else 0.0,
        }


def decode(data: bytes) -> str:
    """``data`` as text: UTF-8 when it is, else the encoding charset detection finds."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", errors="replace")


def load_pages(dataset: Path) -> list[Page]:
    """The pages of ``dataset`` with their reference bodies, in the order of the truth file."""
    pages = []
    with open(dataset / "ground-truth.jsonl", encoding="utf-8") as truth:
        for line in truth:
            if not line.strip():
                continue
            record = json.loads(line)
            raw = gzip.decompress((dataset / "html" / f"{record['id']}.html.gz").read_bytes())
            pages.append(Page(record["id"], record.get("url"), decode(raw), record["body"]))
    return pages


def run(name: str, pages: list[Page], extract: Callable[[Page], str]) -> RunResult:
    """Score ``extract`` on every page, timing the extraction only."""
    result = RunResult(name)
    for page in pages:
        started = time.perf_counter()
        text = extract(page)
        result.seconds += time.perf_counter() - started
        result.scores[page.id] = shingle_f1(page.body, text)
    return result


def reader_text(page: Page) -> str:
    """The body the HTML reader finds on ``page`` ('' when it finds none)."""
    found = extract_html(page.html, origin=page.id, url=page.url)
    return found.text if isinstance(found, RawDocument) else ""


def cleaned_text_runner() -> Callable[[Page], str] | str:
    """A runner that extracts then cleans, or why cleaning cannot be measured yet."""
    try:
        clean_text = importlib.import_module("storyweave.clean").clean_text
    except (ImportError, AttributeError) as error:
        return f"storyweave.clean.clean_text is not importable ({error})"

    def extract_and_clean(page: Page) -> str:
        found = extract_html(page.html, origin=page.id, url=page.url)
        if not isinstance(found, RawDocument):
            return ""
        return str(clean_text(found.text, title=found.title).body)

    return extract_and_clean


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not (args.dataset / "ground-truth.jsonl").is_file():
        print(f"error: no ground-truth.jsonl in {args.dataset}", file=sys.stderr)
        return 2

    pages = load_pages(args.dataset)
    results = [run("extract", pages, reader_text)]
    cleaner = cleaned_text_runner()
    note = cleaner if isinstance(cleaner, str) else None
    if not isinstance(cleaner, str):
        results.append(run("extract + clean", pages, cleaner))

    worst = sorted(results[0].scores.items(), key=lambda item: item[1].f1)[:WORST_SHOWN]
    if args.json:
        figures: dict[str, Any] = {
            "dataset": str(args.dataset),
            "rows": [result.summary() for result in results],
            "worst": [
                {"id": key, "f1": s.f1, "precision": s.precision, "recall": s.recall}
                for key, s in worst
            ],
        }
        if note:
            figures["note"] = note
        print(json.dumps(figures, indent=2))
        return 0

    print(f"{'':<16} {'pages':>5} {'precision':>9} {'recall':>7} {'F1':>7} {'ms/page':>8}")
    for result in results:
        row = result.summary()
        print(
            f"{row['name']:<16} {row['pages']:>5} {row['precision']:>9.4f} "
            f"{row['recall']:>7.4f} {row['f1']:>7.4f} {row['ms_per_page']:>8.1f}"
        )
    if note:
        print(f"extract + clean: skipped, {note}")
    print(f"\nworst {len(worst)} pages (extract):")
    for key, score in worst:
        print(f"  {key}  F1 {score.f1:.3f}  P {score.precision:.3f}  R {score.recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
