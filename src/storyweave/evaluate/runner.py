"""``storyweave eval``: run the engine over a labelled folder and measure it.

A folder may hold ``articles.jsonl`` + ``gold.jsonl`` (story clustering: BCubed and pairwise
precision/recall/F1, the articles streamed in file order with the gold labels unused) and/or
``pairs.jsonl`` (article-pair similarity: Pearson of ``Engine.similarity`` with the human
rating, overall and per language pair; ratings run 1 = same event … 4 = unrelated, so they are
negated).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Settings
from ..engine import Engine
from .metrics import bcubed, pairwise, pearson


@dataclass(frozen=True, slots=True)
class Measure:
    """One line of the evaluation table."""

    section: str
    metric: str
    value: float
    count: int | None = None


class EvaluationError(ValueError):
    """The folder cannot be evaluated (missing or malformed files); the message says why."""


def evaluate_folder(
    folder: Path, settings: Settings, on_progress: Callable[[str], None] | None = None
) -> list[Measure]:
    """Every measure the folder's files allow, each on a fresh temporary store."""
    say = on_progress or (lambda _message: None)
    measures: list[Measure] = []
    clustering = (folder / "articles.jsonl").exists() and (folder / "gold.jsonl").exists()
    if clustering:
        say("clustering articles.jsonl in file order")
        measures += _clustering(folder, settings)
    if (folder / "pairs.jsonl").exists():
        say("scoring pairs.jsonl")
        measures += _pairs(folder, settings)
    if not measures:
        raise EvaluationError(
            f"{folder}: nothing to evaluate; expected articles.jsonl + gold.jsonl, or pairs.jsonl"
        )
    return measures


def _clustering(folder: Path, settings: Settings) -> list[Measure]:
    gold = {str(r["id"]): str(r["story"]) for r in read_records(folder / "gold.jsonl")}
    with (
        tempfile.TemporaryDirectory() as scratch,
        Engine(settings=settings.replace(db=Path(scratch) / "eval.db")) as engine,
    ):
        started = time.perf_counter()
        report = engine.ingest([str(folder / "articles.jsonl")])
        seconds = time.perf_counter() - started
        predicted = {a.id: a.story_id or a.id for a in engine.articles()}
    b3 = bcubed(predicted, gold)
    pairs = pairwise(predicted, gold)
    scored = sum(1 for item in gold if item in predicted)
    return [
        Measure("clustering", "BCubed precision", b3.precision, scored),
        Measure("clustering", "BCubed recall", b3.recall, scored),
        Measure("clustering", "BCubed F1", b3.f1, scored),
        Measure("clustering", "pairwise precision", pairs.precision, scored),
        Measure("clustering", "pairwise recall", pairs.recall, scored),
        Measure("clustering", "pairwise F1", pairs.f1, scored),
        Measure("clustering", "stories found", len(set(predicted.values()))),
        Measure("clustering", "gold stories", len(set(gold.values()))),
        Measure("clustering", "input problems", len(report.problems)),
        Measure("clustering", "articles/s", len(predicted) / max(seconds, 1e-9)),
    ]


def _pairs(folder: Path, settings: Settings) -> list[Measure]:
    rows = read_records(folder / "pairs.jsonl")
    by_pair: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    with (
        tempfile.TemporaryDirectory() as scratch,
        Engine(settings=settings.replace(db=Path(scratch) / "pairs.db")) as engine,
    ):
        # The engine first reads every article once, as a stream would bring them, so that
        # its statistics (language means, term and name frequencies) are those of the set.
        articles: dict[str, dict[str, Any]] = {}
        for row in rows:
            for side in ("1", "2"):
                key = f"{row[f'lang{side}']}\x00{row[f'text{side}']}"
                articles.setdefault(key, {"text": row[f"text{side}"], "lang": row[f"lang{side}"]})
        engine.add(list(articles.values()))
        for row in rows:
            first = {"text": row["text1"], "lang": row["lang1"]}
            second = {"text": row["text2"], "lang": row["lang2"]}
            probability = engine.similarity(first, second)
            for name in ("all", f"{row['lang1']}-{row['lang2']}"):
                by_pair[name][0].append(probability)
                by_pair[name][1].append(-float(row["overall"]))
    ordered = [
        "all",
        *sorted((k for k in by_pair if k != "all"), key=lambda k: -len(by_pair[k][0])),
    ]
    return [
        Measure("similarity", f"Pearson {name}", pearson(*by_pair[name]), len(by_pair[name][0]))
        for name in ordered
    ]


def read_records(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON Lines file (blank lines skipped); ``EvaluationError`` naming
    the line for one that is not."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise EvaluationError(f"{path}:{number}: malformed JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise EvaluationError(f"{path}:{number}: expected a JSON object")
            records.append(record)
    return records
