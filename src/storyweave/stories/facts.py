"""The facts of a story, and where its sources disagree on them.

Facts come per article from :func:`~storyweave.analyze.quantities.extract_facts`, each with a
``what`` key that is equal across languages and wordings. :func:`story_facts` merges those of
one ``what`` whose values agree within :data:`SAME_VALUE` (1,000 and 1,020 are one fact with
both articles) and reports as a :class:`~storyweave.model.Discrepancy` the values that two
articles give for one ``what`` and that cannot both be right. A false discrepancy misleads a
reader more than a missed one, so a discrepancy needs all of:

- a ``what`` that :func:`~storyweave.analyze.quantities.is_disputable` accepts: a count of
  people (living somewhere, dead, injured, displaced, arrested, missing) about a named place.
  Bare counts, money, percentages and distances are too often of different things;
- two articles that share no compatible value for it. Values are read with their rounding
  and hedges: "some 300,000" stands for 250,000-350,000, "more than 30" for anything above;
  an article that states two values for one ``what`` (a population now and before a
  war) agrees with any article that states either, and those two values are in conflict
  with no one: some source tells they are of different times or parts;
- values that are each the nearest, of all the values stated alongside the other, to the
  other: a value stated alongside another is measured against the one it is closest to, not
  against every value of the story.

>>> from storyweave.model import Fact
>>> facts, disputes = story_facts([
...     Fact("people@oslo", 700_000.0, "people", ["a"], "about 700.000 people"),
...     Fact("people@oslo", 300_000.0, "people", ["b"], "some 300,000 people"),
...     Fact("dead@oslo", 1_000.0, "people", ["a"], "1,000 dead"),
...     Fact("dead@oslo", 1_020.0, "people", ["b"], "1,020 killed"),
... ])
>>> [(f.what, f.value, f.article_ids) for f in facts]  # doctest: +NORMALIZE_WHITESPACE
[('dead@oslo', 1000.0, ['a', 'b']), ('people@oslo', 700000.0, ['a']),
 ('people@oslo', 300000.0, ['b'])]
>>> [(v.value, v.article_ids) for v in disputes[0].values]
[(700000.0, ['a']), (300000.0, ['b'])]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from babel import Locale

from storyweave.analyze.quantities import extract_facts, hedge_of, is_disputable
from storyweave.model import Discrepancy, Fact, ReportedValue
from storyweave.represent.gazetteer import inflection_stem, normalize_name

__all__ = ["SAME_VALUE", "describe", "extract_facts", "story_facts"]

#: Values this far apart, relative to the larger, are one value written two ways.
SAME_VALUE = 0.1
#: Most of its value that an unhedged round number may stand for by rounding: 1,000 may be
#: 750-1,250 but 10 is not 5-15.
ROUNDING_SHARE = 0.25

_CATEGORY_LABELS = {
    "people": "people",
    "dead": "dead",
    "injured": "injured",
    "displaced": "displaced",
    "arrested": "arrested",
    "missing": "missing",
    "casualties": "casualties",
    "percent": "percent",
    "distance": "distance (km)",
}


@dataclass(slots=True)
class _Value:
    """One value of one ``what``: the facts (of one or more articles) that agree on it."""

    facts: list[Fact]
    order: int
    article_ids: list[str] = field(default_factory=list)

    def add(self, fact: Fact) -> None:
        self.facts.append(fact)
        self.article_ids.extend(a for a in fact.article_ids if a not in self.article_ids)

    def representative(self) -> Fact:
        """The value most articles state, the first stated among equals."""
        counts: dict[float, int] = {}
        for fact in self.facts:
            counts[fact.value] = counts.get(fact.value, 0) + len(fact.article_ids)
        best = max(counts.values())
        return next(f for f in self.facts if counts[f.value] == best)


def story_facts(facts: Sequence[Fact]) -> tuple[list[Fact], list[Discrepancy]]:
    """Merge the facts of a story's articles; return them, most reported first, and the
    discrepancies between articles, most reported first."""
    groups: dict[str, list[tuple[int, Fact]]] = {}
    for order, fact in enumerate(facts):
        groups.setdefault(fact.what, []).append((order, fact))
    values: list[_Value] = []
    discrepancies: list[tuple[int, int, Discrepancy]] = []
    for what, group in groups.items():
        merged = _merge(group)
        values.extend(merged)
        if is_disputable(what):
            disputed = _disputed(merged)
            if disputed:
                unit = merged[0].facts[0].unit
                reported = [
                    ReportedValue(v.representative().value, list(v.article_ids),
                                  v.representative().text)
                    for v in sorted(disputed, key=lambda v: (-len(v.article_ids), v.order))
                ]  # fmt: skip
                total = len({a for v in disputed for a in v.article_ids})
                order = min(v.order for v in disputed)
                discrepancies.append((total, order, Discrepancy(what, unit, reported)))
    values.sort(key=lambda v: (-len(v.article_ids), not is_disputable(v.facts[0].what), v.order))
    merged_facts = []
    for value in values:
        shown = value.representative()
        merged_facts.append(
            Fact(shown.what, shown.value, shown.unit, list(value.article_ids), shown.text)
        )
    discrepancies.sort(key=lambda item: (-item[0], item[1]))
    return merged_facts, [d for _, _, d in discrepancies]


def describe(what: str, names: Mapping[str, str] | None = None) -> str:
    """A reader's label for a ``what`` key; ``names`` maps name keys (as
    :func:`~storyweave.represent.gazetteer.normalize_name` folds them) to the names to show.

    >>> describe("people@lisb", {"lisboa": "Lisbon"}), describe("dead:children@country:SY/2011")
    ('people in Lisbon', 'dead (children) in Syria (2011)')
    """
    head, _, rest = what.partition("@")
    category, *head_qualifiers = head.split("/")
    place_key, *qualifiers = rest.split("/") if rest else ["", *head_qualifiers]
    kind, _, detail = category.partition(":")
    if kind == "money":
        label = f"money ({detail})"
    elif kind == "count":
        label = detail
    else:
        label = _CATEGORY_LABELS.get(kind, kind) + (f" ({detail})" if detail else "")
    if place_key:
        place = _place_label(place_key, names or {})
        label += f" in part of {place}" if "part" in qualifiers else f" in {place}"
    times = [q for q in qualifiers if q != "part"]
    if times:
        label += " (" + ", ".join("earlier" if q == "before" else q for q in times) + ")"
    return label


def _merge(group: list[tuple[int, Fact]]) -> list[_Value]:
    """Facts of one ``what`` grouped into values within :data:`SAME_VALUE` of the smallest."""
    merged: list[_Value] = []
    for order, fact in sorted(group, key=lambda item: (item[1].value, item[0])):
        last = merged[-1] if merged else None
        if last is not None and _same(last.facts[0].value, fact.value):
            last.add(fact)
            last.order = min(last.order, order)
        else:
            value = _Value([], order)
            value.add(fact)
            merged.append(value)
    merged.sort(key=lambda v: v.order)
    return merged


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_VALUE * max(abs(a), abs(b))


def _disputed(values: list[_Value]) -> list[_Value]:
    """The values of one ``what`` that some pair of articles disagrees on."""
    by_article: dict[str, list[_Value]] = {}
    for value in values:
        for article_id in value.article_ids:
            by_article.setdefault(article_id, []).append(value)
    disputed: list[_Value] = []
    for left, right in combinations(by_article, 2):
        ours, theirs = by_article[left], by_article[right]
        if any(_compatible(a, b) for a in ours for b in theirs):
            continue  # the two articles agree on some value; the others are of other times
        a, b = min(((a, b) for a in ours for b in theirs), key=lambda pair: _gap(*pair))
        # Values some article states together are of different times or parts, so never in
        # conflict; and a value is measured only against the nearest of those stated with the
        # other ("700,000 now, 2.2 million before" against "300,000": against 700,000 only).
        alongside_a, alongside_b = _alongside(a, values), _alongside(b, values)
        if b in alongside_a:
            continue
        if _nearest(b, alongside_a) is a and _nearest(a, alongside_b) is b:
            disputed.extend(v for v in (a, b) if v not in disputed)
    return sorted(disputed, key=lambda v: v.order)


def _alongside(value: _Value, values: list[_Value]) -> list[_Value]:
    """``value`` and the values that some article states together with it."""
    own = set(value.article_ids)
    return [v for v in values if v is value or own & set(v.article_ids)]


def _nearest(value: _Value, candidates: list[_Value]) -> _Value:
    return min(candidates, key=lambda other: _gap(value, other))


def _gap(a: _Value, b: _Value) -> float:
    x, y = abs(a.representative().value), abs(b.representative().value)
    if x == 0 or y == 0:
        return math.inf if x != y else 0.0
    return abs(math.log(x / y))


def _compatible(a: _Value, b: _Value) -> bool:
    """Whether some fact of ``a`` and some of ``b`` may state the same true value."""
    for left in a.facts:
        low, high = _bounds(left)
        for right in b.facts:
            other_low, other_high = _bounds(right)
            if low <= other_high and other_low <= high:
                return True
    return False


def _bounds(fact: Fact) -> tuple[float, float]:
    """The range of true values a written value allows, given its hedge and its rounding."""
    value = abs(fact.value)
    hedge = hedge_of(fact.text)
    tolerance = value * SAME_VALUE / 2
    if hedge == "at_least":
        return value - tolerance, math.inf
    if hedge == "at_most":
        return 0.0, value + tolerance
    rounding = _rounding_unit(value) / 2
    if hedge == "about":
        half = max(value * SAME_VALUE, rounding)
    else:
        half = max(tolerance, min(rounding, value * ROUNDING_SHARE))
    return value - half, value + half


def _rounding_unit(value: float) -> float:
    """The place of the last non-zero digit: 300,000 -> 100,000; 2,200,000 -> 100,000."""
    if value == 0:
        return 1.0
    if not float(value).is_integer():
        decimals = len(repr(float(value)).split(".")[1].rstrip("0"))
        return float(10**-decimals)
    whole, unit = int(value), 1
    while whole % (unit * 10) == 0:
        unit *= 10
    return float(unit)


def _place_label(key: str, names: Mapping[str, str]) -> str:
    if key.startswith("country:"):
        return _country_name(key.removeprefix("country:"))
    plain = key.removeprefix("city:")
    for name_key, shown in names.items():
        folded = "-".join(inflection_stem(w) for w in normalize_name(name_key).split())
        if plain in (folded, name_key):
            return shown
    return plain.replace("-", " ").title()


@lru_cache(maxsize=256)
def _country_name(code: str) -> str:
    name = Locale.parse("en").territories.get(code)
    return name if isinstance(name, str) else code
