"""Online story clustering: one decision per article, in arrival order, deterministic.

For each article: correct its dense vector for language bias, fetch candidate stories from the
indexes, score each with the learned model, and join the most probable story if it clears the
threshold — else open a new story. When several small stories clear it, the article joins
the one whose articles, each weighed against it alone, give the most evidence. An article
likely enough to belong to a second story too merges the two. When a small story gains an
article, each of its earlier articles is scored against the rest: one that no longer fits them
(the story has grown into another event than the one it joined) is taken out and placed
again. Each decision keeps its evidence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

import numpy as np

from ..model import StoryAssignment, StoryRecord
from ..represent.language_bias import LanguageCentroids
from ..represent.lexical import DocumentFrequencies
from ..represent.signals import ArticleSignals
from .background import Background
from .features import Comparison, compare
from .index import CandidateIndex
from .profile import Member, StoryProfile
from .scorer import Scorer

#: Weight, in articles, of the background per-language mean vectors in a fresh store.
PRIOR_ARTICLES = 50
#: Name keys of an article used to look up candidate stories (the rarest first).
LOOKUP_NAMES = 8
#: Terms of an article used to look up candidate stories (the heaviest first).
LOOKUP_TERMS = 8
NAMES_LANGUAGE = "*names*"
#: An article this likely (or more) to belong to a second story as well links the two: they
#: report one event and are merged.
MERGE_PROBABILITY = 0.7
#: An earlier article of a small story this unlikely (or less) to belong to the rest of it is
#: taken out and placed again. Below the joining threshold: a story asks more of an article
#: the larger it is, and an article should not leave for less than it joined with. (On the
#: VLSP training stories in 4 orders, 0.20 does as well and 0.30-0.35 worse.)
LEAVE_PROBABILITY = 0.25

STATE_CENTROIDS = "language_centroids"
STATE_TERMS = "term_frequencies"
STATE_NAMES = "name_frequencies"


@dataclass(frozen=True, slots=True)
class Decision:
    """Where one article went and why."""

    assignment: StoryAssignment
    opened: bool
    #: Earlier articles taken out of the story and placed again: their new assignments.
    moved: list[StoryAssignment] = field(default_factory=list)


class ArticleView(NamedTuple):
    """An article's corrected dense vector and term weights under the current statistics."""

    vector: np.ndarray | None
    weights: dict[str, float]


class StoryClusterer:
    """Keeps the active stories and assigns articles to them, one at a time."""

    def __init__(
        self,
        scorer: Scorer,
        dim: int,
        capacity: int = 20_000,
        background: Background | None = None,
    ) -> None:
        self.scorer = scorer
        self.dim = dim
        self.profiles: dict[str, StoryProfile] = {}
        self.index = CandidateIndex(dim, capacity)
        background = background or Background()
        self.centroids = LanguageCentroids(dim)
        for lang, mean in sorted(background.language_means.items()):
            if mean.shape == (dim,):
                self.centroids.update(lang, np.tile(mean, (PRIOR_ARTICLES, 1)))
        # Copies: the clusterer's counts grow, the background stays as shipped.
        self.term_frequencies = DocumentFrequencies.from_state(background.terms.to_state())
        self.name_frequencies = DocumentFrequencies.from_state(background.names.to_state())
        self._changed: dict[str, StoryProfile] = {}
        self._merged: dict[str, str] = {}
        self._inactive: set[str] = set()

    # -- persistence -----------------------------------------------------------------------

    @classmethod
    def restore(
        cls,
        scorer: Scorer,
        dim: int,
        profiles: Iterable[StoryProfile],
        state: dict[str, bytes | None],
        capacity: int = 20_000,
        background: Background | None = None,
    ) -> StoryClusterer:
        """A clusterer holding stored stories and learned state (as :meth:`state` wrote);
        ``background`` seeds whatever state the store does not have yet."""
        clusterer = cls(scorer, dim, capacity, background)
        if state.get(STATE_CENTROIDS):
            clusterer.centroids = LanguageCentroids.from_bytes(state[STATE_CENTROIDS] or b"")
        if state.get(STATE_TERMS):
            clusterer.term_frequencies = DocumentFrequencies.from_state(
                json.loads(state[STATE_TERMS] or b"{}")
            )
        if state.get(STATE_NAMES):
            clusterer.name_frequencies = DocumentFrequencies.from_state(
                json.loads(state[STATE_NAMES] or b"{}")
            )
        for profile in profiles:
            clusterer.profiles[profile.id] = profile
            clusterer._index(profile)
        return clusterer

    def state(self) -> dict[str, bytes]:
        """The learned state to persist with each batch."""
        return {
            STATE_CENTROIDS: self.centroids.to_bytes(),
            STATE_TERMS: _json_bytes(self.term_frequencies.to_state()),
            STATE_NAMES: _json_bytes(self.name_frequencies.to_state()),
        }

    def take_changes(self) -> tuple[list[StoryRecord], dict[str, str]]:
        """Stories changed since the last call (as records to store) and merges made."""
        records = [_record(profile) for profile in self._changed.values()]
        records.extend(_merged_record(gone, kept) for gone, kept in self._merged.items())
        merged = dict(self._merged)
        self._changed.clear()
        self._merged.clear()
        # Stories that left the active window are in the store now; memory can let them go.
        for story_id in self._inactive:
            self.profiles.pop(story_id, None)
        self._inactive.clear()
        return records, merged

    # -- assignment ------------------------------------------------------------------------

    def assign(self, signals: ArticleSignals, copy_of_story: str | None = None) -> Decision:
        """Put one article in a story (a copy goes where its original is)."""
        if copy_of_story is not None and copy_of_story in self.profiles:
            self.place(signals, copy_of_story)
            return Decision(
                StoryAssignment(signals.article_id, copy_of_story, None, {"copy": True}), False
            )
        member = _member(signals, self._view(signals))
        scored = self._score_candidates(member)
        evidence: dict[str, Any] = {"candidates": len(scored)}
        story_id: str | None = None
        probability: float | None = None
        if scored:
            chosen, pair_logits = self._choose(member, scored)
            scored.insert(0, scored.pop(chosen))
            if pair_logits:
                evidence["pair_logits"] = pair_logits
            probability, best, comparison = scored[0]
            evidence.update(self._explained(probability, comparison))
            if len(scored) > 1:
                evidence["runner_up"] = {
                    "story": scored[1][1],
                    "probability": round(scored[1][0], 4),
                }
            if probability >= self.scorer.threshold:
                story_id = best
            else:
                evidence["closest"] = best
                probability = None
        opened = story_id is None
        story_id = self._place(signals, member, story_id)
        moved: list[StoryAssignment] = []
        if not opened:
            bridged = [
                s for p, s, _c in scored[1:] if p >= max(MERGE_PROBABILITY, self.scorer.threshold)
            ]
            if bridged:
                # The article says the stories are one; the merged story may still hold an
                # article that fits none of the rest, weighed next like any other.
                story_id = self._merge([story_id, *bridged])
                evidence["merged"] = sorted(bridged)
            moved = self._recheck(story_id, signals.article_id)
        return Decision(
            StoryAssignment(signals.article_id, story_id, probability, evidence), opened, moved
        )

    def _choose(
        self, member: Member, scored: list[tuple[float, str, Comparison]]
    ) -> tuple[int, dict[str, float]]:
        """Which of the stories that clear the threshold the article joins: its position in
        ``scored`` and, when there was a choice, each contender's sum of pair logits.

        Among small stories (all keeping their members), the one whose articles, weighed one
        by one against the article, add up to the most evidence. A story asks more of an
        article the larger it is, so a one-article story on a neighbouring event (same
        language, same actors) can outscore a larger story each of whose articles is about
        as close to the article. Among larger stories, the most probable one."""
        contenders = [i for i, (p, _s, _c) in enumerate(scored) if p >= self.scorer.threshold]
        profiles = [self.profiles[scored[i][1]] for i in contenders]
        if len(contenders) < 2 or any(profile.members is None for profile in profiles):
            return 0, {}
        sums = [self._pair_logits(member, profile) for profile in profiles]
        # Ties keep the order of ``scored`` (most probable first).
        position = max(range(len(contenders)), key=lambda k: (sums[k], -k))
        return contenders[position], {
            profile.id: round(total, 4) for profile, total in zip(profiles, sums, strict=True)
        }

    def _pair_logits(self, member: Member, profile: StoryProfile) -> float:
        """The sum over ``profile``'s members of the log-odds that each alone reports the
        article's event."""
        rows = [self._compare(member, _alone(other)).values for other in profile.members or []]
        probabilities = np.clip(self.scorer.probabilities(np.vstack(rows)), 1e-6, 1 - 1e-6)
        return float(np.sum(np.log(probabilities / (1 - probabilities))))

    def _explained(self, probability: float, comparison: Comparison) -> dict[str, Any]:
        """The evidence of a decision taken on ``comparison``."""
        return {
            "probability": round(probability, 4),
            "threshold": self.scorer.threshold,
            "shared_names": comparison.shared_names,
            "shared_terms": comparison.shared_terms,
            "features": comparison.named(),
        }

    def score_candidates(self, signals: ArticleSignals) -> list[tuple[float, str, Comparison]]:
        """Every candidate story with P(same event) and its comparison, most probable first
        (ties go to the story whose id sorts first, so that decisions are deterministic)."""
        return self._score_candidates(_member(signals, self._view(signals)))

    def _score_candidates(
        self, member: Member, leaving: str | None = None
    ) -> list[tuple[float, str, Comparison]]:
        """:meth:`score_candidates` of an article as the stories hold it, but for the story
        it is ``leaving``."""
        name_weights = {key: self._name_idf(key) for key in member.names}
        keys = _lookup_keys(member.lang, member.weights, name_weights)
        found = [
            (story_id, self._compare(member, self.profiles[story_id]))
            for story_id in self.index.candidates(member.vector, keys)
            if story_id != leaving
        ]
        if not found:
            return []
        # One call for every candidate: the model is cheaper per row in a batch.
        probabilities = self.scorer.probabilities(np.vstack([c.values for _s, c in found]))
        scored = [
            (float(p), story_id, comparison)
            for p, (story_id, comparison) in zip(probabilities, found, strict=True)
        ]
        scored.sort(key=lambda item: (-item[0], item[1]))
        return scored

    def place(
        self, signals: ArticleSignals, story_id: str | None, view: ArticleView | None = None
    ) -> str:
        """Add the article to ``story_id`` (a new story when ``None``); return the story id."""
        return self._place(signals, _member(signals, view or self._view(signals)), story_id)

    def _place(self, signals: ArticleSignals, member: Member, story_id: str | None) -> str:
        """:meth:`place` of an article that ``member`` holds as the stories see it."""
        if story_id is None:
            story_id = _story_id(signals.article_id)
            self.profiles[story_id] = StoryProfile(story_id)
        self._add(member, self.profiles[story_id])
        self._learn(signals)
        return story_id

    def _add(self, member: Member, profile: StoryProfile) -> None:
        profile.add_member(member)
        self._index(profile)
        self._changed[profile.id] = profile

    def _recheck(self, story_id: str, newcomer: str) -> list[StoryAssignment]:
        """Take out of a small story the earlier article that fits the rest of it least, if
        it fits :data:`LEAVE_PROBABILITY` or less, and place it again: in the candidate story
        it is likeliest to belong to if that clears the threshold, else in a new story."""
        profile = self.profiles[story_id]
        # In a story of two, each article is all the rest of the other: nothing to weigh.
        if profile.members is None or profile.size < 3:
            return []
        earlier = [m for m in profile.members if m.article_id != newcomer]
        rows = [self._compare(m, profile.without(m.article_id)).values for m in earlier]
        fits = zip(self.scorer.probabilities(np.vstack(rows)), earlier, strict=True)
        probability, leaving = min(fits, key=lambda fit: (fit[0], fit[1].article_id))
        probability = float(probability)
        if probability > LEAVE_PROBABILITY:
            return []
        rest = profile.without(leaving.article_id)
        self.profiles[story_id] = rest
        self._index(rest)
        self._changed[story_id] = rest
        evidence: dict[str, Any] = {
            "left": story_id,
            "probability_in_left": round(probability, 4),
            "leave_probability": LEAVE_PROBABILITY,
        }
        scored = self._score_candidates(leaving, leaving=story_id)
        evidence["candidates"] = len(scored)
        joined: float | None = None
        if scored and scored[0][0] >= self.scorer.threshold:
            joined, target, comparison = scored[0]
            evidence.update(self._explained(joined, comparison))
        else:
            # A story id of its own, unlike any before: one article's arrival moves at most
            # one other, and the same article may leave one story more than once (having
            # been merged back into it).
            target = _story_id(f"{leaving.article_id}\x00{newcomer}")
            self.profiles[target] = StoryProfile(target)
        self._add(leaving, self.profiles[target])
        return [StoryAssignment(leaving.article_id, target, joined, evidence)]

    def _merge(self, story_ids: list[str]) -> str:
        """Merge stories that one article links into the largest of them (ties: the first
        given); return the id kept."""
        kept = max(story_ids, key=lambda s: (self.profiles[s].size, -story_ids.index(s)))
        profile = self.profiles[kept]
        for gone in story_ids:
            if gone == kept:
                continue
            profile.absorb(self.profiles.pop(gone))
            self.index.remove(gone)
            self._changed.pop(gone, None)
            for earlier, into in self._merged.items():
                if into == gone:
                    self._merged[earlier] = kept
            self._merged[gone] = kept
        self._index(profile)
        self._changed[kept] = profile
        return kept

    def compare(self, signals: ArticleSignals, other: ArticleSignals) -> tuple[float, Comparison]:
        """P(same event) of two articles, as if ``other`` were a one-article story."""
        story = _alone(_member(other, self._view(other)))
        comparison = self._compare(_member(signals, self._view(signals)), story)
        return self.scorer.probability(comparison.values), comparison

    def _compare(self, member: Member, story: StoryProfile) -> Comparison:
        """The evidence that the article (as the stories hold it) reports ``story``'s event."""
        return compare(
            member.lang,
            member.vector,
            member.weights,
            member.names,
            self._name_idf,
            member.numbers,
            member.day,
            story,
        )

    def _view(self, signals: ArticleSignals) -> ArticleView:
        """The article as the current state sees it: its language-corrected vector and its
        term weights (computed once per decision, used to score and then to place it)."""
        return ArticleView(
            self._corrected(signals), self.term_frequencies.weights(signals.lang, signals.terms)
        )

    def _name_idf(self, key: str) -> float:
        return self.name_frequencies.idf(NAMES_LANGUAGE, key)

    def _corrected(self, signals: ArticleSignals) -> np.ndarray | None:
        if signals.vector is None:
            return None
        corrected: np.ndarray = self.centroids.correct(signals.lang, signals.vector[None, :])[0]
        return corrected

    def _learn(self, signals: ArticleSignals) -> None:
        if signals.vector is not None:
            self.centroids.update(signals.lang, signals.vector[None, :])
        self.term_frequencies.add(signals.lang, signals.terms)
        self.name_frequencies.add(NAMES_LANGUAGE, signals.names)

    def _index(self, profile: StoryProfile) -> None:
        keys = [f"n:{key}" for key in profile.names]
        for lang, bag in profile.terms.items():
            top = sorted(bag.items(), key=lambda item: (-item[1], item[0]))[: LOOKUP_TERMS * 4]
            keys.extend(f"t:{lang}:{term}" for term, _weight in top)
        for story_id in self.index.upsert(profile.id, profile.centroid(), keys):
            if story_id in self._changed:
                self._inactive.add(story_id)
            else:
                self.profiles.pop(story_id, None)


def follow(
    story_of: dict[str, str], decision: Decision, merged: Mapping[str, str] | None = None
) -> None:
    """Bring an article -> story map up to date with one decision: the article's story, the
    articles it moved and any stories merged since (as :meth:`StoryClusterer.take_changes`
    gives them)."""
    for assignment in (decision.assignment, *decision.moved):
        story_of[assignment.article_id] = assignment.story_id
    if merged:
        for article_id, story_id in story_of.items():
            story_of[article_id] = merged.get(story_id, story_id)


def _member(signals: ArticleSignals, view: ArticleView) -> Member:
    """The article as the stories hold it: its signals under the current statistics."""
    return Member(
        signals.article_id,
        signals.lang,
        view.vector,
        view.weights,
        dict(signals.names),
        signals.numbers,
        signals.day,
    )


def _alone(member: Member) -> StoryProfile:
    """A one-article story of ``member``: what another article is compared with as a pair."""
    story = StoryProfile("pair")
    story.add_member(member)
    return story


def _lookup_keys(lang: str, weights: dict[str, float], name_weights: dict[str, float]) -> list[str]:
    names = sorted(name_weights, key=lambda k: (-name_weights[k], k))[:LOOKUP_NAMES]
    terms = sorted(weights, key=lambda t: (-weights[t], t))[:LOOKUP_TERMS]
    return [f"n:{k}" for k in names] + [f"t:{lang}:{t}" for t in terms]


def _story_id(first_article_id: str) -> str:
    """A story id stable across runs: derived from the article that opened it."""
    return "s" + hashlib.sha256(first_article_id.encode("utf-8")).hexdigest()[:15]


def _record(profile: StoryProfile) -> StoryRecord:
    languages = [
        lang for lang, _n in sorted(profile.languages.items(), key=lambda i: (-i[1], i[0]))
    ]
    return StoryRecord(
        id=profile.id,
        article_count=profile.size,
        languages=languages,
        first_published=_iso_day(profile.first_day),
        last_published=_iso_day(profile.last_day),
        state=profile.to_bytes(),
    )


def _merged_record(gone: str, kept: str) -> StoryRecord:
    """What the store keeps of a story merged away: a pointer to the story that absorbed it."""
    return StoryRecord(
        id=gone,
        article_count=0,
        languages=[],
        first_published=None,
        last_published=None,
        state=StoryProfile(gone).to_bytes(),
        merged_into=kept,
    )


def _iso_day(day: int | None) -> str | None:
    return None if day is None else date.fromordinal(day).isoformat()


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
