"""A story's timeline: how many of its articles were published each day, per language.

Days are the calendar day of each article's ``published`` timestamp as written (its own local
day), oldest first. Articles without a publication date are counted under the day
:data:`UNKNOWN_DAY`, placed last, so that the counts add up to the story's size and a reader sees
how much of the story could not be placed; the first and last published timestamps come from
dated articles only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

from ..model import Article, TimelineDay

#: The day under which articles without a (readable) publication date are counted.
UNKNOWN_DAY = "unknown"


def timeline(articles: Sequence[Article]) -> tuple[list[TimelineDay], str | None, str | None]:
    """Return the articles per day and language, and the first and last ``published`` values.

    >>> from storyweave.model import Article
    >>> def article(id, lang, published):
    ...     return Article(id, "", "", None, lang, published, "given", id)
    >>> days, first, last = timeline([
    ...     article("a", "en", "2016-08-15T13:45:53"),
    ...     article("b", "vi", "2016-08-16T08:00:00+07:00"),
    ...     article("c", "en", "2016-08-15"),
    ...     article("d", "vi", None),
    ... ])
    >>> [(day.day, day.articles) for day in days]
    [('2016-08-15', {'en': 2}), ('2016-08-16', {'vi': 1}), ('unknown', {'vi': 1})]
    >>> first, last
    ('2016-08-15', '2016-08-16T08:00:00+07:00')
    """
    per_day: dict[str, Counter[str]] = defaultdict(Counter)
    dated: list[tuple[datetime, str]] = []
    for article in articles:
        moment = _moment(article.published)
        if moment is None or article.published is None:
            per_day[UNKNOWN_DAY][article.lang] += 1
            continue
        # The day as written, before any offset is applied: the day the source published on.
        per_day[moment.date().isoformat()][article.lang] += 1
        # Instants compare across offsets; a time without an offset is taken as UTC.
        instant = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
        dated.append((instant, article.published))
    ordered = sorted(per_day, key=lambda day: (day == UNKNOWN_DAY, day))
    days = [TimelineDay(day, dict(sorted(per_day[day].items()))) for day in ordered]
    if not dated:
        return days, None, None
    return days, min(dated)[1], max(dated)[1]


def _moment(published: str | None) -> datetime | None:
    """``published`` read as written; ``None`` when it is not ISO-8601."""
    try:
        return datetime.fromisoformat(published) if published else None
    except ValueError:
        return None
