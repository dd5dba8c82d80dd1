"""The HTML report: one self-contained page (inline CSS; no script, font or image to load).

Layout: a header with the counts; a table of contents (headline, article count, languages,
event date) linking to each story; then one ``<article>`` per story holding its headline,
a meta line, and the sections Summary, Entities, Quotes, Facts, Discrepancies, Timeline and
Articles. Every reference to an article is a link to its row in the story's article table,
whose tooltip names the article's title and source; that row links out to the article's URL.

Article text is untrusted: every piece of text and every attribute goes through
:func:`html.escape`, and only absolute http(s) URLs become links (see :func:`.report.safe_url`).

>>> from storyweave.model import Story
>>> story = Story(id="s1", article_ids=[], languages=[], first_published=None,
...               last_published=None, headline="<script>alert(1)</script>")
>>> page = render_html([story], {})
>>> "<script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
(False, True)
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping, Sequence

from ..model import Article, Story
from .report import (
    count_noun,
    entity_groups,
    format_quantity,
    headline_lang_mark,
    one_line,
    overview,
    safe_url,
    story_title,
    timeline_languages,
)

__all__ = ["render_html"]

#: Shown in a table cell for a value that is not known.
_MISSING = "\u2013"
_SAFE_ANCHOR = re.compile(r"[A-Za-z0-9_-]{1,80}")

_CSS = """
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fff; --muted: #666; --line: #ddd;
  --accent: #0b5cad; --warn-bg: #fff4e0; --warn-line: #e0a030; --chip: #f0f2f5; }
@media (prefers-color-scheme: dark) { :root { --fg: #e8e8e8; --bg: #161618; --muted: #a0a0a0;
  --line: #3a3a3c; --accent: #6cb2ff; --warn-bg: #3a2e14; --warn-line: #c08a2a;
  --chip: #2a2a2e; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: var(--fg);
  background: var(--bg); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto,
  "Noto Sans", sans-serif; }
a { color: var(--accent); }
h1 { margin-bottom: .25rem; } h2 { margin: 0 0 .25rem; line-height: 1.25; }
h3 { margin: 1.25rem 0 .4rem; font-size: 1.05rem; text-transform: uppercase;
  letter-spacing: .04em; color: var(--muted); }
.meta, .none, .counts { color: var(--muted); }
.none { font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.story { border-top: 3px solid var(--line); margin-top: 2.5rem; padding-top: 1.25rem; }
.lang { display: inline-block; font-size: .75rem; font-weight: 600; padding: 0 .35rem;
  border: 1px solid var(--line); border-radius: .25rem; color: var(--muted);
  vertical-align: middle; }
.refs { font-size: .8rem; white-space: nowrap; }
.refs a { text-decoration: none; } .ref { margin-right: .4rem; }
.src { color: var(--muted); }
.summary li { margin-bottom: .4rem; }
dl.entities { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; }
dl.entities dt { font-weight: 600; } dl.entities dd { margin: 0; }
.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem; }
.chips li { background: var(--chip); border-radius: 1rem; padding: 0 .6rem; }
.count { color: var(--muted); font-size: .8rem; }
.quotes { list-style: none; padding: 0; }
.quotes > li { margin-bottom: .9rem; }
blockquote { margin: 0; padding-left: .8rem; border-left: 3px solid var(--line); }
.by { margin: .2rem 0 0 .8rem; font-size: .9rem; }
.variants { font-size: .9rem; margin: .3rem 0 0 .8rem; }
.discrepancy { background: var(--warn-bg); border-left: 4px solid var(--warn-line);
  padding: .5rem .9rem; margin-bottom: .6rem; border-radius: .25rem; }
.discrepancy h4 { margin: 0 0 .3rem; }
.discrepancy ul { margin: 0; padding-left: 1.2rem; }
.bar { display: inline-block; height: .7rem; background: var(--accent); opacity: .6;
  border-radius: .2rem; vertical-align: middle; }
"""


def render_html(stories: Sequence[Story], articles: Mapping[str, Article]) -> str:
    """The report as one HTML page: a table of contents, then every story in full."""
    counts = overview(stories)
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>Stories ({len(stories)})</title>\n<style>{_CSS}</style>\n</head>\n<body>",
        f'<header><h1>Stories</h1><p class="counts">{_esc(counts)}</p></header>',
        _contents(stories),
        "<main>",
    ]
    parts += [_story(story, articles) for story in stories]
    parts.append("</main>\n</body>\n</html>\n")
    return "\n".join(parts)


def _esc(text: object) -> str:
    """Untrusted text, on one line and escaped for HTML text and attribute values."""
    return html.escape(one_line(text), quote=True)


def _anchor(*keys: str) -> str:
    """An ``id`` for an element: readable for plain ids, a stable hash otherwise."""
    parts = []
    for key in keys:
        if _SAFE_ANCHOR.fullmatch(key):
            parts.append(key)
        else:
            cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", key)[:40].strip("-")
            digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
            parts.append(f"{cleaned}-{digest}" if cleaned else digest)
    return "--".join(parts)


def _table(head: str, rows: Sequence[str]) -> str:
    body = "\n".join(rows)
    return f"<table>\n<thead>{head}</thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _lang_attr(lang: str | None) -> str:
    return f' lang="{_esc(lang)}"' if lang and lang != "mul" else ""


def _headline_lang(story: Story) -> str | None:
    """The language of the title shown: none for the placeholder of a story without one."""
    return story.headline_lang if story.headline else None


def _contents(stories: Sequence[Story]) -> str:
    if not stories:
        return '<nav><h2>Contents</h2><p class="none">No stories yet.</p></nav>'
    rows = []
    for number, story in enumerate(stories, 1):
        link = f'<a href="#{_anchor("story", story.id)}">{_esc(story_title(story))}</a>'
        rows.append(
            f'<tr><td class="num">{number}</td><td{_lang_attr(_headline_lang(story))}>{link}</td>'
            f'<td class="num">{len(story.article_ids)}</td>'
            f"<td>{_esc(', '.join(story.languages)) or _MISSING}</td>"
            f"<td>{_esc(story.event_date) or _MISSING}</td></tr>"
        )
    head = (
        '<tr><th class="num">#</th><th>Story</th><th class="num">Articles</th>'
        "<th>Languages</th><th>Event date</th></tr>"
    )
    return f"<nav><h2>Contents</h2>{_table(head, rows)}</nav>"


def _story(story: Story, articles: Mapping[str, Article]) -> str:
    anchor = _anchor("story", story.id)
    mark = headline_lang_mark(story)
    lang_badge = (
        f' <span class="lang" title="headline language">{_esc(mark)}</span>' if mark else ""
    )
    headline = f"<h2{_lang_attr(_headline_lang(story))}>{_esc(story_title(story))}{lang_badge}</h2>"
    refs = _Refs(anchor, articles)
    sections = [
        _section("Summary", _summary(story, refs), _summary_heading(story)),
        _section("Entities", _entities(story)),
        _section("Quotes", _quotes(story, refs)),
        _section("Facts", _facts(story, refs)),
        _section("Discrepancies", _discrepancies(story, refs)),
        _section("Timeline", _timeline(story)),
        _section("Articles", _articles(story, refs)),
    ]
    body = "\n".join(sections)
    return (
        f'<article class="story" id="{anchor}">\n<header>{headline}\n{_meta(story)}</header>\n'
        f"{body}\n</article>"
    )


def _meta(story: Story) -> str:
    items = [f"Story <code>{_esc(story.id)}</code>", count_noun(len(story.article_ids), "article")]
    if story.languages:
        items.append(_esc(", ".join(story.languages)))
    if story.event_date:
        event = (
            f'Event date <time datetime="{_esc(story.event_date)}">{_esc(story.event_date)}</time>'
        )
        if story.event_date_note:
            event += f' <span class="note">({_esc(story.event_date_note)})</span>'
        items.append(event)
    else:
        items.append("Event date unknown")
    if story.first_published or story.last_published:
        first, last = _esc(story.first_published) or "?", _esc(story.last_published) or "?"
        items.append(f"Published {first}" + ("" if first == last else f" \u2013 {last}"))
    return '<p class="meta">' + " · ".join(items) + "</p>"


def _section(title: str, content: str, heading: str | None = None) -> str:
    if not content:
        content = f'<p class="none">No {title.lower()}.</p>'
    return f'<section class="{title.lower()}"><h3>{heading or title}</h3>\n{content}\n</section>'


class _Refs:
    """Links from a story's text to the rows of its article table."""

    def __init__(self, story_anchor: str, articles: Mapping[str, Article]) -> None:
        self.story_anchor = story_anchor
        self.articles = articles

    def anchor(self, article_id: str) -> str:
        return _anchor(self.story_anchor, article_id)

    def links(self, article_ids: Sequence[str]) -> str:
        """``<span class="refs">`` with one link per article (its id), each followed by the
        article's source when known."""
        links = []
        for article_id in article_ids:
            article = self.articles.get(article_id)
            hint, source = "", ""
            if article is not None:
                hint = " — ".join(one_line(v) for v in (article.title, article.source) if v)
                if article.source:
                    source = f' <span class="src">{_esc(article.source)}</span>'
            title = f' title="{_esc(hint)}"' if hint else ""
            link = f'<a href="#{self.anchor(article_id)}"{title}>{_esc(article_id)}</a>'
            links.append(f'<span class="ref">{link}{source}</span>')
        return f'<span class="refs">{" ".join(links)}</span>' if links else ""


def _summary_heading(story: Story) -> str:
    if not story.summary_lang:
        return "Summary"
    return f'Summary <span class="lang" title="summary language">{_esc(story.summary_lang)}</span>'


def _summary(story: Story, refs: _Refs) -> str:
    items = []
    for sentence in story.summary:
        badge = ""
        if sentence.lang != story.summary_lang:
            badge = f'<span class="lang">{_esc(sentence.lang)}</span> '
        items.append(
            f"<li{_lang_attr(sentence.lang)}>{badge}{_esc(sentence.text)} "
            f"{refs.links(sentence.article_ids)}</li>"
        )
    return '<ol class="summary">\n' + "\n".join(items) + "\n</ol>" if items else ""


def _entities(story: Story) -> str:
    rows = []
    for label, members in entity_groups(story.entities):
        chips = []
        for entity in members:
            forms = ", ".join(one_line(form) for form in entity.forms if form != entity.name)
            title = f' title="also: {_esc(forms)}"' if forms else ""
            chips.append(
                f'<li{title}>{_esc(entity.name)} <span class="count">{entity.mentions}</span></li>'
            )
        rows.append(f'<dt>{label}</dt><dd><ul class="chips">{"".join(chips)}</ul></dd>')
    return '<dl class="entities">\n' + "\n".join(rows) + "\n</dl>" if rows else ""


def _quotes(story: Story, refs: _Refs) -> str:
    items = []
    for quote in story.quotes:
        speaker = _esc(quote.speaker) or '<span class="none">unattributed</span>'
        item = (
            f"<li><blockquote><p>{_esc(quote.text)}</p></blockquote>\n"
            f'<p class="by">— {speaker} {refs.links(quote.article_ids)}</p>'
        )
        if len(quote.variants) > 1 or any(v.text != quote.text for v in quote.variants):
            variants = [
                f'<li{_lang_attr(v.lang)}><span class="lang">{_esc(v.lang)}</span> '
                f"“{_esc(v.text)}” {refs.links([v.article_id])}</li>"
                for v in quote.variants
            ]
            item += '\n<ul class="variants">' + "".join(variants) + "</ul>"
        items.append(item + "</li>")
    return '<ul class="quotes">\n' + "\n".join(items) + "\n</ul>" if items else ""


def _facts(story: Story, refs: _Refs) -> str:
    rows = [
        f"<tr><td>{_esc(fact.what)}</td>"
        f'<td class="num">{_esc(format_quantity(fact.value, fact.unit))}</td>'
        f"<td>{refs.links(fact.article_ids)}</td></tr>"
        for fact in story.facts
    ]
    if not rows:
        return ""
    head = '<tr><th>What</th><th class="num">Value</th><th>Articles</th></tr>'
    return _table(head, rows)


def _discrepancies(story: Story, refs: _Refs) -> str:
    blocks = []
    for discrepancy in story.discrepancies:
        values = []
        for reported in discrepancy.values:
            wording = f" “{_esc(reported.text)}”" if reported.text else ""
            values.append(
                f"<li><strong>{_esc(format_quantity(reported.value, discrepancy.unit))}</strong>"
                f"{wording} {refs.links(reported.article_ids)}</li>"
            )
        blocks.append(
            f'<div class="discrepancy" role="note"><h4>⚠ {_esc(discrepancy.what)}: '
            f"sources disagree</h4>\n<ul>" + "".join(values) + "</ul></div>"
        )
    return "\n".join(blocks)


def _timeline(story: Story) -> str:
    if not story.timeline:
        return ""
    languages = timeline_languages(story.timeline)
    busiest = max(sum(day.articles.values()) for day in story.timeline) or 1
    head = "<tr><th>Day</th>" + "".join(f'<th class="num">{_esc(x)}</th>' for x in languages)
    head += '<th class="num">Total</th><th></th></tr>'
    rows = []
    for day in story.timeline:
        total = sum(day.articles.values())
        cells = "".join(f'<td class="num">{day.articles.get(x, 0)}</td>' for x in languages)
        width = round(8 * total / busiest, 2)
        rows.append(
            f'<tr><td>{_esc(day.day)}</td>{cells}<td class="num">{total}</td>'
            f'<td><span class="bar" style="width: {width}rem"></span></td></tr>'
        )
    return _table(head, rows)


def _articles(story: Story, refs: _Refs) -> str:
    rows = []
    for article_id in story.article_ids:
        article = refs.articles.get(article_id)
        cells = [f"<code>{_esc(article_id)}</code>"]
        if article is None:
            cells += ['<span class="none">not in this report</span>', "", "", ""]
        else:
            title = _esc(article.title) or '<span class="none">untitled</span>'
            url = safe_url(article.url)
            if url:
                title = f'<a href="{_esc(url)}" rel="noopener noreferrer nofollow">{title}</a>'
            lang = f'<span class="lang">{_esc(article.lang)}</span>'
            cells += [
                title,
                lang,
                _esc(article.published) or _MISSING,
                _esc(article.source) or _MISSING,
            ]
        rows.append(
            f'<tr id="{refs.anchor(article_id)}">'
            + "".join(f"<td>{c}</td>" for c in cells)
            + "</tr>"
        )
    if not rows:
        return ""
    head = "<tr><th>ID</th><th>Title</th><th>Lang</th><th>Published</th><th>Source</th></tr>"
    return _table(head, rows)
