"""When a story's event happened: the date expressions of its articles, weighed and voted on.

Each article's date expressions are found and resolved by :mod:`storyweave.analyze.temporal`,
against the article's own publication day or, when it has none, against the story's *reference
day* (its earliest known publication day). A relative day ("yesterday") needs the article's own
day: how far back it points depends on exactly when the article was written, which another
article's date cannot tell.

Each expression is weighted by where it stands (title and first sentences count most), by
whether it qualifies a speech verb ("said on Monday": the reported statement itself) and by how
it was resolved. Plans ("will meet on Tuesday"), background (a date more than a month before
publication) and periods ("last month", "tháng trước") get no weight. Each article then names
one day with a vote capped at :data:`MAX_VOTE`, so that a long article counts as one source;
the best-supported day wins and :attr:`EventDate.note` names the sources that say otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..analyze.date_patterns import base_language
from ..analyze.sentences import split_sentences
from ..analyze.temporal import (
    Basis,
    DateExpression,
    Kind,
    expression_role,
    find_expressions,
    publication_day,
    resolve_expression,
)
from ..model import Article

Where = Literal["title", "lead", "near", "body"]

#: Sentences (after the title) that make up the lead, where the main reported action is told.
LEAD_SENTENCES = 3
#: Sentences after the lead that still count for half.
NEAR_SENTENCES = 3
#: Most an article's vote may weigh, however often it repeats its day.
MAX_VOTE = 1.5
#: Least vote that makes an article a source: one mention in the lead or in a said-clause.
STRONG_VOTE = 0.5
#: Explicit dates further than this before the article are background, not its event.
BACKGROUND_DAYS = 31

_WHERE_WEIGHT: dict[str, float] = {"title": 1.0, "lead": 1.0, "near": 0.5, "body": 0.25}
_SAID = 1.5
_READ_AGAINST_REFERENCE = 0.6  # a weekday read against another article's date may be a week off
_YEARLESS = 0.9
_SEARCHED = 0.5


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """One expression in one article and the ISO day it points to (``None``: it cannot say).

    ``basis`` is what it was resolved against: nothing (``explicit``), the article's own
    publication day (``published``), the story's earliest one (``reference``), or no day at all
    (``none``). ``weight`` is 0 for what does not vote; ``why`` says how it was weighed.
    """

    article_id: str
    expression: str
    day: str | None
    kind: Kind
    basis: Basis
    where: Where
    weight: float
    why: str = ""

    def __str__(self) -> str:
        why = f", {self.why}" if self.why else ""
        return (
            f"{self.article_id} {self.where}: {self.expression!r} -> {self.day or '?'} "
            f"({self.kind}, {self.basis}, weight {self.weight:.2f}{why})"
        )


@dataclass(frozen=True, slots=True)
class EventDate:
    """The ISO day a story's event happened, a note where sources disagree, and the evidence."""

    date: str | None
    note: str | None
    evidence: tuple[DateEvidence, ...] = ()


def event_date(articles: Sequence[Article]) -> EventDate:
    """Return the day the story's event happened, with a note where sources disagree.

    >>> from storyweave.model import Article
    >>> def article(id, text, published=None):
    ...     return Article(id, text, text, None, "en", published, "unknown", id)
    >>> found = event_date([
    ...     article("a", "Russia said on Monday it was close to a deal.", "2016-08-15T13:45"),
    ...     article("b", "The minister said Monday that talks were active."),
    ...     article("c", "TASS quoted him as saying on Tuesday that talks went on."),
    ... ])
    >>> found.date
    '2016-08-15'
    >>> for part in found.note.split("; "):
    ...     print(part)
    1 source (c) says "on Tuesday" (read as 2016-08-09: its own date is unknown)
    2 sources say 2016-08-15
    """
    published = {article.id: publication_day(article.published) for article in articles}
    known = [day for day in published.values() if day is not None]
    reference = min(known) if known else None
    evidence: list[DateEvidence] = []
    for article in articles:
        own = published[article.id]
        anchor = own or reference
        basis: Basis = "published" if own else "reference" if reference else "none"
        evidence += _article_evidence(
            article.id, article.title, article.clean_text, article.lang, anchor, basis
        )
    day, note = _vote(evidence)
    if day is None and reference is not None:
        day, note = reference.isoformat(), "no date in the articles: earliest publication day"
    return EventDate(day, note, tuple(evidence))


def _article_evidence(
    article_id: str, title: str | None, text: str, lang: str, anchor: date | None, basis: Basis
) -> list[DateEvidence]:
    """Every date expression of one article, resolved against ``anchor`` and weighed."""
    language = base_language(lang)
    evidence: list[DateEvidence] = []
    for where, sentence in _sentences(title, text, lang):
        # dateparser's search is slow and less sure: only where the event is told.
        search = where != "body"
        for expression in find_expressions(sentence, language, anchor, use_dateparser=search):
            evidence.append(
                _weigh(article_id, sentence, where, expression, language, anchor, basis)
            )
    return evidence


def _sentences(title: str | None, text: str, lang: str) -> Iterator[tuple[Where, str]]:
    """The title and sentences of an article, each with where it stands."""
    if title:
        yield "title", title
    for number, sentence in enumerate(split_sentences(text, lang)):
        if number < LEAD_SENTENCES:
            yield "lead", sentence
        elif number < LEAD_SENTENCES + NEAR_SENTENCES:
            yield "near", sentence
        else:
            yield "body", sentence


def _weigh(
    article_id: str,
    sentence: str,
    where: Where,
    expression: DateExpression,
    language: str,
    anchor: date | None,
    basis: Basis,
) -> DateEvidence:
    """Resolve an expression to a day and weigh it as evidence of the event's day."""
    text = sentence[expression.start : expression.end]
    day, read_against, why = resolve_expression(expression, anchor, basis)
    weight = _WHERE_WEIGHT[where] * _method_weight(expression, read_against)
    role = expression_role(sentence, expression, language)
    if role == "said":
        weight *= _SAID
        why = ", ".join(filter(None, ["said-clause", why]))
    elif role == "plan":
        weight, why = 0.0, "a plan, not the event"
    if day is None:
        weight = 0.0
    elif weight and anchor is not None:
        factor, distance_why = _distance_weight(expression, day, anchor, dated=basis == "published")
        weight *= factor
        why = distance_why or why
    iso = day.isoformat() if day else None
    weight = round(weight, 3)
    return DateEvidence(article_id, text, iso, expression.kind, read_against, where, weight, why)


def _method_weight(expression: DateExpression, basis: Basis) -> float:
    """How sure the reading is: against another article's day, without a year, by search."""
    weight = _READ_AGAINST_REFERENCE if basis == "reference" else 1.0
    if expression.kind == "date" and isinstance(expression.value, tuple):
        weight *= _YEARLESS if len(expression.value) == 2 else 1.0
    return weight * (_SEARCHED if expression.searched else 1.0)


def _distance_weight(
    expression: DateExpression, day: date, anchor: date, *, dated: bool
) -> tuple[float, str]:
    """Explicit dates weigh less the further they lie before the article's day."""
    if expression.kind != "date":
        return 1.0, ""
    days_before = (anchor - day).days
    # An undated article may have been written some days after the story's reference day.
    if days_before < (-1 if dated else -7):
        return 0.0, "after the article: a plan"
    if days_before > BACKGROUND_DAYS:
        return 0.0, "background: over a month before the article"
    if abs(days_before) <= 3:
        return 1.0, ""
    return (0.6, "") if abs(days_before) <= 7 else (0.15, "weeks before the article")


def _vote(evidence: Sequence[DateEvidence]) -> tuple[str | None, str | None]:
    """The best-supported day over the articles' votes, and a note naming dissenting sources."""
    per_article: dict[str, dict[str, list[DateEvidence]]] = defaultdict(lambda: defaultdict(list))
    for item in evidence:
        if item.day is not None and item.weight > 0:
            per_article[item.article_id][item.day].append(item)
    claims: list[tuple[str, str, float, DateEvidence]] = []  # article, day, vote, best evidence
    for article_id, days in per_article.items():
        day, items = max(
            days.items(), key=lambda d: (sum(e.weight for e in d[1]), max(e.weight for e in d[1]))
        )
        vote = min(MAX_VOTE, sum(e.weight for e in items))
        claims.append((article_id, day, vote, max(items, key=lambda e: e.weight)))
    # Body-only mentions vote only when no article dates the event in its lead.
    voters = [c for c in claims if c[2] >= STRONG_VOTE] or claims
    if not voters:
        return None, None
    support: dict[str, list[tuple[str, str, float, DateEvidence]]] = defaultdict(list)
    for claim in voters:
        support[claim[1]].append(claim)
    ranked = sorted(
        support.items(),
        key=lambda s: (-sum(c[2] for c in s[1]), -len(s[1]), s[0]),
    )
    winner, backers = ranked[0]
    if len(ranked) == 1:
        return winner, None
    parts = [_dissent(day, claims_for_day) for day, claims_for_day in ranked[1:]]
    parts.append(f"{_sources(len(backers))} {'says' if len(backers) == 1 else 'say'} {winner}")
    return winner, "; ".join(parts)


def _dissent(day: str, claims: list[tuple[str, str, float, DateEvidence]]) -> str:
    if len(claims) > 1:
        names = ", ".join(c[0] for c in claims)
        return f"{_sources(len(claims))} ({names}) say {day}"
    article_id, _, _, best = claims[0]
    reading = f"read as {day}: its own date is unknown" if best.basis == "reference" else day
    return f'1 source ({article_id}) says "{best.expression}" ({reading})'


def _sources(count: int) -> str:
    return f"{count} source{'' if count == 1 else 's'}"
