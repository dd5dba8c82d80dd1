r"""Human reports of stories: Markdown for files, plain text for the terminal.

Both walk the same sections, in the same order as the HTML page of :mod:`.report_html`:
headline, event date, summary (each sentence with the articles that report it), entities by
type, quotes and their wordings, facts, discrepancies, timeline and the article list. A story
whose text fields are not built yet (no headline, empty lists) renders with what it has.

Article text is untrusted. Every piece of it is put on one line with control characters
dropped (a title cannot move the terminal cursor or break the layout); Markdown escapes the
characters it would read as markup, so a ``<script>`` in a title stays text, and links only
absolute http(s) URLs.

>>> from storyweave.model import Story, SummarySentence
>>> story = Story(id="s1", article_ids=["a1"], languages=["en"], first_published=None,
...               last_published=None, headline="Rain <b>floods</b> Riverton",
...               summary=[SummarySentence("Rain flooded Riverton.", "en", ["a1"])])
>>> print(render_story_text(story, {}).splitlines()[1])
Rain <b>floods</b> Riverton
>>> "## Rain \\<b\\>floods\\</b\\> Riverton" in render_markdown([story], {})
True
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..model import (
    Article,
    Entity,
    EntityType,
    Story,
    StoryAssignment,
    StoryListing,
    TimelineDay,
)

__all__ = [
    "ENTITY_GROUPS",
    "count_noun",
    "entity_groups",
    "format_quantity",
    "headline_lang_mark",
    "one_line",
    "overview",
    "render_markdown",
    "render_story_text",
    "safe_url",
    "story_title",
    "timeline_languages",
]

#: Entity types in the order reports show them, with their group names.
ENTITY_GROUPS: tuple[tuple[EntityType, str], ...] = (
    ("person", "People"),
    ("place", "Places"),
    ("organisation", "Organisations"),
    ("other", "Other names"),
)
#: Terminal line width of :func:`render_story_text`.
TEXT_WIDTH = 88

# C0/C1 controls (escape sequences start here) and bidirectional overrides and isolates,
# which can make text display in another order than it is stored.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def one_line(text: object) -> str:
    """``text`` as one line: control characters dropped, each run of whitespace one space."""
    if text is None:
        return ""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def count_noun(count: int, noun: str) -> str:
    """``count`` with ``noun``, plural unless the count is one: ``2 articles``, ``1 story``,
    ``3 stories``."""
    if count == 1:
        return f"{count} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}s"


def story_title(story: Story | StoryListing) -> str:
    """The headline shown for ``story``, or a placeholder naming it while it has none."""
    return one_line(story.headline) or f"Untitled story {one_line(story.id)}"


def headline_lang_mark(story: Story | StoryListing) -> str | None:
    """The headline's language when it differs from the summary's, else ``None``."""
    mark = story.headline_lang if story.headline else None
    if mark and story.summary_lang and mark != story.summary_lang:
        return one_line(mark)
    return None


def format_quantity(value: float, unit: str | None = None) -> str:
    """A reported number for reading: ``12000.0`` → ``12,000``; a unit follows it."""
    whole = math.isfinite(value) and value == int(value)
    number = f"{int(value):,}" if whole else f"{value:,.6g}"
    unit_text = one_line(unit)
    if not unit_text:
        return number
    return number + unit_text if unit_text in ("%", "‰") else f"{number} {unit_text}"


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL safe to link, else ``None``."""
    if not url:
        return None
    url = url.strip()
    if _CONTROL.search(url) or any(char.isspace() or char in "<>\"'`" for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def entity_groups(entities: Sequence[Entity]) -> list[tuple[str, list[Entity]]]:
    """Entities by type, in :data:`ENTITY_GROUPS` order, most mentioned first in each group;
    types with no entity are left out."""
    groups: list[tuple[str, list[Entity]]] = []
    for entity_type, label in ENTITY_GROUPS:
        members = [e for e in entities if e.type == entity_type]
        if members:
            members.sort(key=lambda e: (-e.mentions, e.name))
            groups.append((label, members))
    return groups


def timeline_languages(timeline: Sequence[TimelineDay]) -> list[str]:
    """Every language of a timeline, sorted: the columns of a per-day table."""
    return sorted({lang for day in timeline for lang in day.articles})


def why_joined(assignment: StoryAssignment | None) -> str:
    """One line saying why an article is in its story (probability and evidence)."""
    if assignment is None:
        return "not clustered"
    evidence = assignment.evidence
    if evidence.get("copy"):
        return "joined as a copy of an earlier article"
    # An article taken out of a story that grew into another event, then placed again.
    left = (
        f"left story {evidence['left']} (p={evidence['probability_in_left']:.2f} with its"
        " other articles), then "
        if "left" in evidence
        else ""
    )
    if assignment.score is None:
        closest = evidence.get("probability")
        return (
            left
            + "opened the story"
            + (f" (closest other story at p={closest:.2f})" if closest is not None else "")
        )
    parts = [f"{left}joined with p={assignment.score:.2f}"]
    logits = evidence.get("pair_logits") or {}
    others = [v for story, v in logits.items() if story != assignment.story_id]
    if assignment.story_id in logits and others:
        # Several stories cleared the threshold: the one its articles, one by one, back most.
        parts.append(
            f"its articles back it most one by one (log-odds {logits[assignment.story_id]:.2f}"
            f" against {max(others):.2f})"
        )
    if evidence.get("shared_names"):
        parts.append("shared names: " + ", ".join(evidence["shared_names"]))
    if evidence.get("shared_terms"):
        parts.append("shared terms: " + ", ".join(evidence["shared_terms"]))
    features = evidence.get("features", {})
    if "dense" in features:
        parts.append(f"meaning similarity {features['dense']:.2f}")
    return "; ".join(parts)


def render_markdown(stories: Sequence[Story], articles: Mapping[str, Article]) -> str:
    """A Markdown report: a table of contents, then every story with all of its sections."""
    lines = ["# Stories", "", overview(stories), ""]
    if stories:
        lines += ["| # | Story | Articles | Languages | Event date |", "|---|---|---|---|---|"]
        for number, story in enumerate(stories, 1):
            cells = (
                f"[{_md(story_title(story))}](#story-{number})",
                str(len(story.article_ids)),
                _md(", ".join(story.languages)) or "\u2013",
                _md(story.event_date) or "\u2013",
            )
            lines.append(f"| {number} | " + " | ".join(cells) + " |")
        lines.append("")
    for number, story in enumerate(stories, 1):
        outline = _outline(story, articles)
        mark = f" `{outline.lang_mark}`" if outline.lang_mark else ""
        lines += ["---", "", f'<a id="story-{number}"></a>', ""]
        lines += [f"## {_md(outline.title)}{mark}", ""]
        lines += [f"- **{label}:** {_md(value)}" for label, value in outline.meta]
        for section in outline.sections:
            lines += ["", f"### {section.title}", ""]
            for index, line in enumerate(section.lines, 1):
                if line.note:
                    lines.append(f"_{_md(line.text)}_")
                    continue
                bullet = f"{index}." if section.numbered and line.depth == 0 else "-"
                text = f"**{_md(line.text)}**" if line.strong else _md(line.text)
                refs = _md_refs(line.refs, articles)
                url = f" <{line.url}>" if line.url else ""
                lines.append(f"{'    ' * line.depth}{bullet} {text}{refs}{url}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_story_text(story: Story, articles: Mapping[str, Article]) -> str:
    """One story as plain text for the terminal (``storyweave show``), wrapped to 88 columns."""
    outline = _outline(story, articles)
    title = outline.title + (f" [{outline.lang_mark}]" if outline.lang_mark else "")
    rule = "=" * min(TEXT_WIDTH, max(len(title), 20))
    lines = [rule, title, rule]
    width = max(len(label) for label, _ in outline.meta)
    lines += [f"{label + ':':<{width + 1}} {value}" for label, value in outline.meta]
    for section in outline.sections:
        lines += ["", section.title, "-" * len(section.title)]
        for index, line in enumerate(section.lines, 1):
            if line.note:
                lines.append(f"  {line.text}")
                continue
            bullet = f"{index}." if section.numbered and line.depth == 0 else "-"
            text = f"! {line.text}" if line.strong else line.text
            if line.refs:
                text += " [" + ", ".join(one_line(ref) for ref in line.refs) + "]"
            if line.url:
                text += f" <{line.url}>"
            indent = "  " + "    " * line.depth
            lines.append(
                textwrap.fill(
                    text,
                    TEXT_WIDTH,
                    initial_indent=f"{indent}{bullet} ",
                    subsequent_indent=indent + " " * (len(bullet) + 1),
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class _Line:
    """One item of a section: its text, the articles behind it, how deep it is nested."""

    text: str
    refs: Sequence[str] = ()
    depth: int = 0
    strong: bool = False
    url: str | None = None
    #: Says that the section is empty: shown as a remark, not as an item.
    note: bool = False


@dataclass(slots=True)
class _Section:
    title: str
    numbered: bool = False
    lines: list[_Line] = field(default_factory=list)


@dataclass(slots=True)
class _Outline:
    """What the Markdown and text reports show of one story, before formatting."""

    title: str
    lang_mark: str | None
    meta: list[tuple[str, str]]
    sections: list[_Section]


def overview(stories: Sequence[Story]) -> str:
    """The counts a report opens with: ``2 stories · 5 articles · en, vi``."""
    article_count = sum(len(story.article_ids) for story in stories)
    languages = sorted({lang for story in stories for lang in story.languages})
    text = f"{count_noun(len(stories), 'story')} · {count_noun(article_count, 'article')}"
    return text + (f" · {', '.join(languages)}" if languages else "")


def _outline(story: Story, articles: Mapping[str, Article]) -> _Outline:
    meta = [("Story", one_line(story.id))]
    languages = ", ".join(one_line(lang) for lang in story.languages)
    meta.append(
        ("Articles", f"{len(story.article_ids)}" + (f" in {languages}" if languages else ""))
    )
    event = one_line(story.event_date) or "unknown"
    if story.event_date_note:
        event += f" ({one_line(story.event_date_note)})"
    meta.append(("Event date", event))
    if story.first_published or story.last_published:
        span = [one_line(story.first_published) or "?", one_line(story.last_published) or "?"]
        meta.append(("Published", span[0] if span[0] == span[1] else " \u2013 ".join(span)))
    sections = [
        _summary_section(story),
        _Section("Entities", lines=_entity_lines(story)),
        _Section("Quotes", lines=_quote_lines(story)),
        _Section("Facts", lines=_fact_lines(story)),
        _Section("Discrepancies", lines=_discrepancy_lines(story)),
        _Section("Timeline", lines=_timeline_lines(story)),
        _Section("Articles", lines=_article_lines(story, articles)),
    ]
    for section in sections:
        if not section.lines:
            name = section.title.split(" (")[0].lower()
            section.lines.append(_Line(f"No {name}.", note=True))
    return _Outline(story_title(story), headline_lang_mark(story), meta, sections)


def _summary_section(story: Story) -> _Section:
    title = "Summary" + (f" ({one_line(story.summary_lang)})" if story.summary_lang else "")
    section = _Section(title, numbered=True)
    for sentence in story.summary:
        text = one_line(sentence.text)
        if sentence.lang != story.summary_lang:
            text = f"({one_line(sentence.lang)}) {text}"
        section.lines.append(_Line(text, sentence.article_ids))
    return section


def _entity_lines(story: Story) -> list[_Line]:
    return [
        _Line(f"{label}: " + ", ".join(f"{one_line(e.name)} ({e.mentions})" for e in members))
        for label, members in entity_groups(story.entities)
    ]


def _quote_lines(story: Story) -> list[_Line]:
    lines = []
    for quote in story.quotes:
        speaker = one_line(quote.speaker) or "unattributed"
        lines.append(_Line(f"“{one_line(quote.text)}” — {speaker}", quote.article_ids))
        if len(quote.variants) > 1 or any(v.text != quote.text for v in quote.variants):
            for variant in quote.variants:
                text = f"({one_line(variant.lang)}) “{one_line(variant.text)}”"
                lines.append(_Line(text, [variant.article_id], depth=1))
    return lines


def _fact_lines(story: Story) -> list[_Line]:
    return [
        _Line(f"{one_line(fact.what)}: {format_quantity(fact.value, fact.unit)}", fact.article_ids)
        for fact in story.facts
    ]


def _discrepancy_lines(story: Story) -> list[_Line]:
    lines = []
    for discrepancy in story.discrepancies:
        count = len(discrepancy.values)
        text = f"{one_line(discrepancy.what)}: {count} different values reported"
        lines.append(_Line(text, strong=True))
        for reported in discrepancy.values:
            text = format_quantity(reported.value, discrepancy.unit)
            if reported.text:
                text += f" — “{one_line(reported.text)}”"
            lines.append(_Line(text, reported.article_ids, depth=1))
    return lines


def _timeline_lines(story: Story) -> list[_Line]:
    lines = []
    for day in story.timeline:
        total = sum(day.articles.values())
        per_language = ", ".join(f"{one_line(k)} {v}" for k, v in sorted(day.articles.items()))
        text = f"{one_line(day.day)}: {count_noun(total, 'article')} ({per_language})"
        lines.append(_Line(text))
    return lines


def _article_lines(story: Story, articles: Mapping[str, Article]) -> list[_Line]:
    lines = []
    for article_id in story.article_ids:
        article = articles.get(article_id)
        if article is None:
            lines.append(_Line(f"{one_line(article_id)}: (not in this report)"))
            continue
        title = one_line(article.title) or "(untitled)"
        details = [one_line(article.lang), one_line(article.published) or "date unknown"]
        if article.source:
            details.append(one_line(article.source))
        text = f"{one_line(article_id)}: {title} ({', '.join(details)})"
        lines.append(_Line(text, url=safe_url(article.url)))
    return lines


def _md(text: str | None) -> str:
    """Markdown-escaped one-line text: what would be read as markup stays literal."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))


def _md_refs(refs: Sequence[str], articles: Mapping[str, Article]) -> str:
    if not refs:
        return ""
    links = []
    for ref in refs:
        article = articles.get(ref)
        url = safe_url(article.url) if article else None
        if url:
            links.append(f"[{_md(ref)}](<{url}>)")
        else:
            links.append(_md(ref))
    return " (" + ", ".join(links) + ")"
