"""Quality of the HTML reader on an article-extraction set: word-shingle P/R/F1 and speed.

The set is a folder with ``html/<id>.html.gz`` pages and ``ground-truth.jsonl`` records
``{"id", "url", "body"}``. Every page is read as a user's file
is (``.html.gz`` reader, then cleaning). Prints one table — the reader's text, then the stored
body — and the five pages whose stored body scores worst. Time per page covers both.

    python benchmarks/extraction.py [DATASET_DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyweave.evaluate.extraction import ExtractionScore, mean, shingle_f1
from storyweave.evaluate.extraction_set import run_extraction_set

DEFAULT_DATASET = Path(__file__).resolve().parent.parent.parent / "shared/data/extraction-dev"
WORST_SHOWN = 5


@dataclass(slots=True)
class RunResult:
    """Per-page scores of one stage's text, and the seconds reading took in all."""

    name: str
    scores: dict[str, ExtractionScore] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        """Pages, mean P/R/F1 (as the benchmark computes them), mean page F1, ms per page."""
        overall = mean(self.scores.values())
        pages = len(self.scores)
        return {
            "name": self.name,
            "pages": pages,
            "precision": round(overall.precision, 4),
            "recall": round(overall.recall, 4),
            "f1": round(overall.f1, 4),
            "page_f1": round(sum(s.f1 for s in self.scores.values()) / max(pages, 1), 4),
            "ms_per_page": round(1000 * self.seconds / pages, 1) if pages else 0.0,
        }


def score_set(dataset: Path) -> list[RunResult]:
    """Scores of the reader's text ("extract") and of the stored body ("extract + clean")."""
    extracted, stored = RunResult("extract"), RunResult("extract + clean")
    for page in run_extraction_set(dataset):
        extracted.scores[page.id] = shingle_f1(page.reference, page.extracted)
        stored.scores[page.id] = shingle_f1(page.reference, page.stored)
        extracted.seconds += page.seconds
        stored.seconds += page.seconds
    return [extracted, stored]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not (args.dataset / "ground-truth.jsonl").is_file():
        print(f"error: no ground-truth.jsonl in {args.dataset}", file=sys.stderr)
        return 2

    results = score_set(args.dataset)

    # The worst pages of what is stored: the last row.
    worst = sorted(results[-1].scores.items(), key=lambda item: item[1].f1)[:WORST_SHOWN]
    if args.json:
        figures: dict[str, Any] = {
            "dataset": str(args.dataset),
            "rows": [result.summary() for result in results],
            "worst": [
                {"id": key, "f1": s.f1, "precision": s.precision, "recall": s.recall}
                for key, s in worst
            ],
        }
        print(json.dumps(figures, indent=2))
        return 0

    print(
        f"{'':<16} {'pages':>5} {'precision':>9} {'recall':>7} {'F1':>7} {'page F1':>7}"
        f" {'ms/page':>8}"
    )
    for result in results:
        row = result.summary()
        print(
            f"{row['name']:<16} {row['pages']:>5} {row['precision']:>9.4f} "
            f"{row['recall']:>7.4f} {row['f1']:>7.4f} {row['page_f1']:>7.4f}"
            f" {row['ms_per_page']:>8.1f}"
        )
    print(f"\nworst {len(worst)} pages (extract + clean):")
    for key, score in worst:
        print(f"  {key}  F1 {score.f1:.3f}  P {score.precision:.3f}  R {score.recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
