"""The story timeline as an inline SVG bar chart: articles per day, stacked by language.

Drawn on the server, so the page needs no script to show it. Every label is escaped.

>>> from storyweave.model import TimelineDay
>>> svg = timeline_svg([TimelineDay("2016-08-15", {"en": 2, "vi": 1})])
>>> svg.startswith("<svg") and "08-15" in svg and svg.count("data-lang=") == 2
True
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..model import TimelineDay

#: Colours given to languages in turn (colour-blind safe, Okabe-Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999")
#: Up to this many days, day labels are written level; beyond, slanted to fit.
LEVEL_LABELS = 8
_LEGEND = 22
_TOP = _LEGEND + 12
_PLOT = 120
_LEFT = 34
_MIN_WIDTH = 360


def timeline_svg(timeline: Sequence[TimelineDay]) -> str:
    """An SVG chart of ``timeline`` (one bar per day), with a legend of its languages above."""
    languages = sorted({lang for day in timeline for lang in day.articles})
    colour = {lang: PALETTE[i % len(PALETTE)] for i, lang in enumerate(languages)}
    peak = max((sum(day.articles.values()) for day in timeline), default=0) or 1
    level = len(timeline) <= LEVEL_LABELS
    bar, gap = (44, 28) if level else (16, 6)
    width = max(_MIN_WIDTH, _LEFT + gap + len(timeline) * (bar + gap))
    height = _TOP + _PLOT + (24 if level else 52)
    base = _TOP + _PLOT
    parts = [
        f'<svg class="timeline-chart" role="img" xmlns="http://www.w3.org/2000/svg"'
        f' width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>Articles per day by language (most in a day: {peak})</title>",
        f'<line x1="{_LEFT}" y1="{base}" x2="{width}" y2="{base}"'
        ' stroke="currentColor" stroke-opacity=".4"/>',
        f'<text x="{_LEFT - 6}" y="{_TOP + 10}" text-anchor="end" font-size="11"'
        f' fill="currentColor">{peak}</text>',
    ]
    legend_x = _LEFT
    for lang in languages:
        parts.append(
            f'<rect x="{legend_x}" y="4" width="12" height="12" fill="{colour[lang]}"/>'
            f'<text x="{legend_x + 16}" y="14" font-size="12" fill="currentColor">'
            f"{html.escape(lang)}</text>"
        )
        legend_x += 28 + 7 * len(lang)
    for index, day in enumerate(timeline):
        x = _LEFT + gap + index * (bar + gap)
        y = float(base)
        for lang in languages:
            count = day.articles.get(lang, 0)
            if not count:
                continue
            size = _PLOT * count / peak
            y -= size
            label = html.escape(f"{day.day}: {count} in {lang}", quote=True)
            parts.append(
                f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{size:.1f}"'
                f' fill="{colour[lang]}" data-lang="{html.escape(lang, quote=True)}">'
                f"<title>{label}</title></rect>"
            )
        text = html.escape(day.day[5:] if len(day.day) == 10 else day.day)
        middle = x + bar / 2
        if level:
            parts.append(
                f'<text x="{middle}" y="{base + 16}" text-anchor="middle" font-size="11"'
                f' fill="currentColor">{text}</text>'
            )
        else:
            parts.append(
                f'<text x="{middle}" y="{base + 12}" text-anchor="end" font-size="10"'
                f' fill="currentColor" transform="rotate(-45 {middle} {base + 12})">'
                f"{text}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
