"""Streams that test clustering under the conditions a real stream brings: another order of
the same articles, and articles in other languages mixed in.

>>> interleave([{"id": "a"}, {"id": "b"}], [{"id": "x"}, {"id": "y"}, {"id": "z"}, {"id": "w"}])
[{'id': 'x'}, {'id': 'y'}, {'id': 'a'}, {'id': 'z'}, {'id': 'w'}, {'id': 'b'}]
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Any

from ..config import Settings
from ..engine import Engine
from ..represent.encoders import Encoder
from .runner import read_records

Record = dict[str, Any]


def pair_articles(path: Path) -> list[Record]:
    """Every distinct article of a ``pairs.jsonl`` (fields ``text1``/``lang1``,
    ``text2``/``lang2``) as an input record, in order of first appearance; ids are the
    folder's name and a number."""
    records: list[Record] = []
    seen: set[str] = set()
    for pair in read_records(path):
        for side in ("1", "2"):
            text = pair[f"text{side}"]
            if text not in seen:
                seen.add(text)
                record_id = f"{path.parent.name}-{len(seen)}"
                records.append({"id": record_id, "text": text, "lang": pair[f"lang{side}"]})
    return records


def interleave(first: list[Record], second: list[Record]) -> list[Record]:
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


def shuffled(records: list[Record], seed: int) -> list[Record]:
    """The records in a random order that ``seed`` fixes."""
    order = list(records)
    random.Random(seed).shuffle(order)
    return order


def stories_of(
    records: list[Record], encoder: Encoder | None = None, settings: Settings | None = None
) -> dict[str, str]:
    """Article id → story id after streaming ``records`` into a fresh temporary store
    (``encoder``, when given, is shared with other runs, and so is its cache)."""
    with tempfile.TemporaryDirectory() as folder:
        settings = (settings or Settings()).replace(db=Path(folder) / "stream.db")
        with Engine(settings=settings, encoder=encoder) as engine:
            engine.add(records)
            return {a.id: a.story_id or a.id for a in engine.articles()}
