"""A story as the clusterer keeps it: running sums of its articles' signals, bounded in size.

While a story is small it also keeps each article's own signals (:class:`Member`), so that an
article that turns out not to fit the rest can be taken out again (:meth:`StoryProfile.without`).
"""

from __future__ import annotations

import base64
import json
import struct
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

#: Terms kept per language of a story; the long tail says little and costs memory.
MAX_TERMS = 300
#: Name keys kept per story.
MAX_NAMES = 200
#: A story of at most this many articles keeps each article's signals; a larger one, only sums.
KEEP_MEMBERS = 5
#: The heaviest terms of an article kept with it as a member.
MEMBER_TERMS = 100
_HEADER = struct.Struct("<I")


@dataclass(frozen=True, slots=True)
class Member:
    """One article's part in a story: its language-corrected vector (float32, as stored), its
    heaviest normalised term weights, name mention counts, numbers and day."""

    article_id: str
    lang: str
    vector: np.ndarray | None
    weights: dict[str, float]
    names: dict[str, int]
    numbers: frozenset[str]
    day: int | None

    def header(self) -> dict[str, object]:
        return {
            "id": self.article_id,
            "lang": self.lang,
            "weights": self.weights,
            "names": self.names,
            "numbers": sorted(self.numbers),
            "day": self.day,
            "vector": None
            if self.vector is None
            else base64.b64encode(self.vector.astype("<f4").tobytes()).decode("ascii"),
        }


@dataclass(slots=True)
class StoryProfile:
    """Aggregated signals of a story's articles.

    ``vector_sum`` sums the language-corrected dense vectors; ``terms`` sums each article's
    normalised term weights per language; ``names`` and ``numbers`` count the articles
    mentioning each key; ``mentions`` counts every mention of each name key (how prominent a
    name is in the story, not only how widespread). ``members`` are the articles' own signals
    while the story has at most :data:`KEEP_MEMBERS` articles, else ``None``.
    """

    id: str
    size: int = 0
    vector_sum: np.ndarray | None = field(default=None, repr=False)
    terms: dict[str, Counter[str]] = field(default_factory=dict)
    names: Counter[str] = field(default_factory=Counter)
    mentions: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    first_day: int | None = None
    last_day: int | None = None
    members: list[Member] | None = field(default_factory=list)

    def centroid(self) -> np.ndarray | None:
        """The unit-length mean of the corrected vectors, or ``None`` when there are none."""
        if self.vector_sum is None:
            return None
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm > 0 else self.vector_sum

    def add(
        self,
        lang: str,
        vector: np.ndarray | None,
        weights: Mapping[str, float],
        names: Mapping[str, int],
        numbers: frozenset[str],
        day: int | None,
        article_id: str | None = None,
    ) -> None:
        """Add one article's signals (``weights`` are its normalised term weights); an
        article without an id is not kept as a member, and the story keeps none from then."""
        self.size += 1
        if self.members is not None and article_id is not None and self.size <= KEEP_MEMBERS:
            heaviest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
            self.members.append(
                Member(
                    article_id,
                    lang,
                    None if vector is None else vector.astype(np.float32),
                    dict(heaviest[:MEMBER_TERMS]),
                    dict(names),
                    frozenset(numbers),
                    day,
                )
            )
        else:
            self.members = None
        if vector is not None:
            self.vector_sum = (
                vector.astype(np.float32) if self.vector_sum is None else (self.vector_sum + vector)
            )
        bag = self.terms.setdefault(lang, Counter())
        bag.update(weights)
        _trim(bag, MAX_TERMS)
        self.names.update(names.keys())
        _trim(self.names, MAX_NAMES)
        self.mentions.update(names)
        _trim(self.mentions, MAX_NAMES)
        self.numbers.update(numbers)
        self.languages[lang] += 1
        self._extend_days(day, day)

    def add_member(self, member: Member) -> None:
        """Add one article as the stories hold it."""
        self.add(
            member.lang,
            member.vector,
            member.weights,
            member.names,
            member.numbers,
            member.day,
            member.article_id,
        )

    def absorb(self, other: StoryProfile) -> None:
        """Merge ``other`` into this story."""
        if (
            self.members is not None
            and other.members is not None
            and self.size + other.size <= KEEP_MEMBERS
        ):
            self.members.extend(other.members)
        else:
            self.members = None
        self.size += other.size
        if other.vector_sum is not None:
            self.vector_sum = (
                other.vector_sum.copy()
                if self.vector_sum is None
                else (self.vector_sum + other.vector_sum)
            )
        for lang, bag in other.terms.items():
            mine = self.terms.setdefault(lang, Counter())
            mine.update(bag)
            _trim(mine, MAX_TERMS)
        self.names.update(other.names)
        _trim(self.names, MAX_NAMES)
        self.mentions.update(other.mentions)
        _trim(self.mentions, MAX_NAMES)
        self.numbers.update(other.numbers)
        self.languages.update(other.languages)
        self._extend_days(other.first_day, other.last_day)

    def without(self, article_id: str) -> StoryProfile:
        """This story as if ``article_id`` had never joined it, rebuilt from its members
        (``ValueError`` when it keeps none)."""
        if self.members is None:
            raise ValueError(f"story {self.id} keeps no members ({self.size} articles)")
        rest = StoryProfile(self.id)
        for member in self.members:
            if member.article_id != article_id:
                rest.add_member(member)
        return rest

    def _extend_days(self, first: int | None, last: int | None) -> None:
        if first is not None:
            self.first_day = first if self.first_day is None else min(self.first_day, first)
        if last is not None:
            self.last_day = last if self.last_day is None else max(self.last_day, last)

    def to_bytes(self) -> bytes:
        """A compact serialisation (JSON header, members included, then the float32 vector
        sum)."""
        header = json.dumps(
            {
                "id": self.id,
                "size": self.size,
                "terms": {lang: dict(bag) for lang, bag in self.terms.items()},
                "names": dict(self.names),
                "mentions": dict(self.mentions),
                "numbers": dict(self.numbers),
                "languages": dict(self.languages),
                "days": [self.first_day, self.last_day],
                "members": None if self.members is None else [m.header() for m in self.members],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        vector = b"" if self.vector_sum is None else self.vector_sum.astype("<f4").tobytes()
        return _HEADER.pack(len(header)) + header + vector

    @classmethod
    def from_bytes(cls, data: bytes) -> StoryProfile:
        """The profile :meth:`to_bytes` wrote."""
        (length,) = _HEADER.unpack_from(data)
        header = json.loads(data[_HEADER.size : _HEADER.size + length])
        rest = data[_HEADER.size + length :]
        # Profiles stored before members were kept have none.
        members = header.get("members")
        return cls(
            id=header["id"],
            size=header["size"],
            vector_sum=np.frombuffer(rest, dtype="<f4").astype(np.float32) if rest else None,
            terms={lang: Counter(bag) for lang, bag in header["terms"].items()},
            names=Counter(header["names"]),
            mentions=Counter(header.get("mentions", header["names"])),
            numbers=Counter(header["numbers"]),
            languages=Counter(header["languages"]),
            first_day=header["days"][0],
            last_day=header["days"][1],
            members=None
            if members is None
            else [
                Member(
                    m["id"],
                    m["lang"],
                    None if m["vector"] is None else _vector(m["vector"]),
                    m["weights"],
                    m["names"],
                    frozenset(m["numbers"]),
                    m["day"],
                )
                for m in members
            ],
        )


def profile_centroid(data: bytes) -> np.ndarray | None:
    """The unit-length centroid stored in a :meth:`StoryProfile.to_bytes` blob, read without
    decoding the rest."""
    (length,) = _HEADER.unpack_from(data)
    rest = data[_HEADER.size + length :]
    if not rest:
        return None
    vector = np.frombuffer(rest, dtype="<f4").astype(np.float32)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def _vector(encoded: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(encoded), dtype="<f4").astype(np.float32)


def _trim(bag: Counter[str], limit: int) -> None:
    """Keep the ``limit`` heaviest keys (ties broken by key, for determinism)."""
    if len(bag) <= limit:
        return
    keep = sorted(bag.items(), key=lambda item: (-item[1], item[0]))[:limit]
    bag.clear()
    bag.update(dict(keep))
