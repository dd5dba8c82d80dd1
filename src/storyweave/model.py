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
class StoryListing:
    """A story as listings show it: the headline and dates, read without the summary and the
    other sections (``headline`` … are ``None`` until the story is built for its articles)."""

    id: str
    article_count: int
    languages: list[str]
    first_published: str | None
    last_published: str | None
    headline: str | None = None
    headline_lang: str | None = None
    summary_lang: str | None = None
    event_date: str | None = None


EntityType = Literal["person", "place", "organisation", "other"]


@dataclass(slots=True)
class Entity:
    """One real-world person, place or organisation of a story, merged over its articles,
    languages and scripts. ``name`` is the form shown to readers (in the output language when
    one of its forms is); ``forms`` are the surface forms seen; ``key`` is language-independent."""

    name: str
    type: EntityType
    mentions: int
    key: str
    forms: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "mentions": self.mentions,
            "key": self.key,
            "forms": list(self.forms),
            "article_ids": list(self.article_ids),
        }


@dataclass(slots=True)
class SummarySentence:
    """One sentence of a story summary, in its own language, with the articles that report it."""

    text: str
    lang: str
    article_ids: list[str]


@dataclass(slots=True)
class QuoteVariant:
    """One wording of a quote, as one article gives it."""

    article_id: str
    lang: str
    text: str


@dataclass(slots=True)
class Quote:
    """One statement, with its speaker where the text names one, and every wording of it."""

    text: str
    speaker: str | None
    article_ids: list[str]
    variants: list[QuoteVariant] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "article_ids": list(self.article_ids),
            "variants": [asdict(v) for v in self.variants],
        }


@dataclass(slots=True)
class Fact:
    """A quantity a source reports: ``what`` it counts (and of what), its value and unit."""

    what: str
    value: float
    unit: str | None
    article_ids: list[str]
    text: str = ""

    def to_record(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "value": self.value,
            "unit": self.unit,
            "text": self.text,
            "article_ids": list(self.article_ids),
        }


@dataclass(slots=True)
class ReportedValue:
    """One value of a disputed quantity, with the articles that report it."""

    value: float
    article_ids: list[str]
    text: str = ""


@dataclass(slots=True)
class Discrepancy:
    """The same quantity about the same thing, reported with different values."""

    what: str
    unit: str | None
    values: list[ReportedValue]

    def to_record(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "unit": self.unit,
            "values": [
                {"value": v.value, "text": v.text, "article_ids": list(v.article_ids)}
                for v in self.values
            ],
        }


@dataclass(slots=True)
class TimelineDay:
    """How many of a story's articles were published on one day, per language."""

    day: str
    articles: dict[str, int]


@dataclass(slots=True)
class BuiltStory:
    """What story building wrote for one story: its ``stories.jsonl`` record, the output
    language, and how many articles the story had then."""

    story_id: str
    lang_out: str
    article_count: int
    record: dict[str, Any]


@dataclass(slots=True)
class Story:
    """A story as users read it: its articles, and (once built) the text fields."""

    id: str
    article_ids: list[str]
    languages: list[str]
    first_published: str | None
    last_published: str | None
    headline: str | None = None
    headline_lang: str | None = None
    summary: list[SummarySentence] = field(default_factory=list)
    summary_lang: str | None = None
    event_date: str | None = None
    event_date_note: str | None = None
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    timeline: list[TimelineDay] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        """The ``stories.jsonl`` record."""
        return {
            "id": self.id,
            "headline": self.headline,
            "headline_lang": self.headline_lang,
            "summary": " ".join(s.text for s in self.summary) or None,
            "summary_lang": self.summary_lang,
            "summary_sentences": [asdict(s) for s in self.summary],
            "languages": list(self.languages),
            "article_ids": list(self.article_ids),
            "first_published": self.first_published,
            "last_published": self.last_published,
            "event_date": self.event_date,
            "event_date_note": self.event_date_note,
            "entities": [e.to_record() for e in self.entities],
            "quotes": [q.to_record() for q in self.quotes],
            "facts": [f.to_record() for f in self.facts],
            "discrepancies": [d.to_record() for d in self.discrepancies],
            "timeline": [asdict(t) for t in self.timeline],
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Story:
        """The story a ``stories.jsonl`` record describes (as :meth:`to_record` wrote it)."""
        return cls(
            id=record["id"],
            article_ids=list(record.get("article_ids", [])),
            languages=list(record.get("languages", [])),
            first_published=record.get("first_published"),
            last_published=record.get("last_published"),
            headline=record.get("headline"),
            headline_lang=record.get("headline_lang"),
            summary=[SummarySentence(**s) for s in record.get("summary_sentences", [])],
            summary_lang=record.get("summary_lang"),
            event_date=record.get("event_date"),
            event_date_note=record.get("event_date_note"),
            entities=[
                Entity(
                    name=e["name"],
                    type=e["type"],
                    mentions=e["mentions"],
                    key=e.get("key", e["name"]),
                    forms=list(e.get("forms", [])),
                    article_ids=list(e.get("article_ids", [])),
                )
                for e in record.get("entities", [])
            ],
            quotes=[
                Quote(
                    text=q["text"],
                    speaker=q.get("speaker"),
                    article_ids=list(q.get("article_ids", [])),
                    variants=[QuoteVariant(**v) for v in q.get("variants", [])],
                )
                for q in record.get("quotes", [])
            ],
            facts=[
                Fact(
                    what=f["what"],
                    value=f["value"],
                    unit=f.get("unit"),
                    article_ids=list(f.get("article_ids", [])),
                    text=f.get("text", ""),
                )
                for f in record.get("facts", [])
            ],
            discrepancies=[
                Discrepancy(
                    what=d["what"],
                    unit=d.get("unit"),
                    values=[
                        ReportedValue(
                            value=v["value"],
                            article_ids=list(v.get("article_ids", [])),
                            text=v.get("text", ""),
                        )
                        for v in d.get("values", [])
                    ],
                )
                for d in record.get("discrepancies", [])
            ],
            timeline=[TimelineDay(**t) for t in record.get("timeline", [])],
        )
