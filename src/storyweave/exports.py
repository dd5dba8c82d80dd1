"""Writers of the output files (``articles.jsonl`` …), atomically: no reader sees half a file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .model import Article


def write_articles_jsonl(articles: Iterable[Article], path: Path) -> int:
    """Write one ``articles.jsonl`` record per article to ``path``; return how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            for article in articles:
                out.write(json.dumps(article.to_record(), ensure_ascii=False, default=str))
                out.write("\n")
                count += 1
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
