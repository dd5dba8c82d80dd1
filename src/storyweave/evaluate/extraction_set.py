"""Runs the real HTML reader over an article-extraction set (pages + reference bodies).

The set is a folder with ``html/<id>.html.gz`` pages and ``ground-truth.jsonl`` records
``{"id", "url", "body"}``. Each page goes through the same path as a user's file: the reader
(decompression, charset, extraction) and then cleaning, so the scores are those of what the
store keeps.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..ingest import read_inputs
from ..model import RawDocument
from ..pipeline import prepare_article


@dataclass(frozen=True, slots=True)
class PageResult:
    """One page: its reference body, the reader's text, the stored (cleaned) body, and time."""

    id: str
    reference: str
    extracted: str
    stored: str
    seconds: float


def run_extraction_set(dataset: Path, settings: Settings | None = None) -> Iterator[PageResult]:
    """Read every page of ``dataset`` as a user's file would be read, in truth-file order."""
    settings = settings or Settings()
    with open(dataset / "ground-truth.jsonl", encoding="utf-8") as truth:
        for line in truth:
            if not line.strip():
                continue
            record = json.loads(line)
            page = dataset / "html" / f"{record['id']}.html.gz"
            started = time.perf_counter()
            extracted = stored = ""
            for item in read_inputs([str(page)], settings, on_notice=lambda _message: None):
                if isinstance(item, RawDocument):
                    extracted = item.text
                    prepared = prepare_article(item)
                    stored = getattr(prepared, "clean_text", "")
            yield PageResult(
                id=record["id"],
                reference=record["body"],
                extracted=extracted,
                stored=stored,
                seconds=time.perf_counter() - started,
            )
