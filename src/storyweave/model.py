"""The one vocabulary of storyweave: plain dataclasses passed between the stages.

Readers yield :class:`RawDocument` (or :class:`InputProblem` for what they cannot read);
cleaning and analysis turn a raw document into an :class:`Article`, which the store keeps.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PublishedSource = Literal["given", "dateline", "text", "unknown"]

#: Input fields of the JSON Lines contract; anything else a record carries is kept as metadata.
INPUT_FIELDS = ("id", "title", "text", "published", "source", "url", "lang")
#: Optional fields holding an article's standfirst apart from its body, first match wins.
LEAD_FIELDS = ("lead", "standfirst", "description", "summary")


@dataclass(slots=True)
class RawDocument:
    """One article as a reader found it, before cleaning.

    ``origin`` names where it came from so that every message can point at it: a file path,
    ``path:LINE`` for a record of a multi-record file, a URL, or ``<stdin>``.
    ``text`` is plain text: readers of HTML (pages, feeds, WARC) have already extracted it.
    """

    origin: str
    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None
    format: str = "text"
    metadata: dict[str, Any] = field(default_factory=dict)
    #: The standfirst, when the source gives it apart from ``text`` (it opens the clean text).
    lead: str | None = None


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Something a reader could not read; the rest of the batch goes on without it."""

    origin: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason} [{self.code}]"


@dataclass(frozen=True, slots=True)
class RemovedSpan:
    """A piece of the input text that cleaning dropped, with why, so that it can be audited.

    ``start``/``end`` are character offsets into the text as received (``Article.text``).
    """

    start: int
    end: int
    reason: str
    text: str


@dataclass(slots=True)
class Article:
    """A cleaned, analysed article: what the store keeps and every later stage reads."""

    id: str
    text: str
    clean_text: str
    title: str | None
    lang: str
    published: str | None
    published_source: PublishedSource
    content_hash: str
    origin: str = ""
    source: str | None = None
    url: str | None = None
    format: str = "text"
    dateline: str | None = None
    duplicate_of: str | None = None
    story_id: str | None = None
    removed: list[RemovedSpan] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_record(self) -> dict[str, Any]:
        """The ``articles.jsonl`` record: the input fields plus what the engine found."""
        record: dict[str, Any] = dict(self.metadata)
        record.update(
            id=self.id,
            title=self.title,
            text=self.text,
            published=self.published,
            published_source=self.published_source,
            source=self.source,
            url=self.url,
            lang=self.lang,
            story_id=self.story_id,
            clean_text=self.clean_text,
            dateline=self.dateline,
            duplicate_of=self.duplicate_of,
            content_hash=self.content_hash,
            origin=self.origin,
            removed=[asdict(span) for span in self.removed],
        )
        return record


@dataclass(slots=True)
class StoryAssignment:
    """Why an article is in its story: the story, the probability the scorer gave, the evidence.

    ``score`` is ``None`` when the article opened the story, or joined as a copy of another.
    ``evidence`` holds what a person needs to judge the decision (shared names and terms, the
    similarities, the best alternative).
    """

    article_id: str
    story_id: str
    score: float | None
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class StoryRecord:
    """A story as the store keeps it: summary columns plus the clusterer's opaque ``state``."""

    id: str
    article_count: int
    languages: list[str]
    first_published: str | None
    last_published: str | None
    state: bytes
    merged_into: str | None = None


@dataclass(slots=True)
class Story:
    """A story as users read it (text fields are added by story building)."""

    id: str
    article_ids: list[str]
    languages: list[str]
    first_published: str | None
    last_published: str | None

    def to_record(self) -> dict[str, Any]:
        """The ``stories.jsonl`` record."""
        return {
            "id": self.id,
            "article_ids": list(self.article_ids),
            "languages": list(self.languages),
            "first_published": self.first_published,
            "last_published": self.last_published,
        }
