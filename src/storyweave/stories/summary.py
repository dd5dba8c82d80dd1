"""Extractive multi-document summary of a story: its most central, best covered sentences.

Sentences are scored within their language: closeness to the centroid of the story's articles
(each article weighing the same), how closely the other articles say the same thing (coverage
across sources) and where they stand (news puts the essentials first, and each paragraph opens
with what it is about). They are then picked MMR-style — the best sentence, less its
similarity to those already taken — within the sentence and word budget, and put in reading
order: the earliest article first, each article's sentences in their own order. A sentence that
opens on a reference to the one before it ("He added", "However,") counts little unless that
one comes with it. Reading and filtering the sentences is :mod:`.summary_sentences`.

The same fact reported by several outlets appears once, and its sentence lists every article
that reports it: near-copies in the same language by cosine, in other languages by the names
and numbers they share, and, when an encoder is given, by the dense similarity of the best few
candidates (encoded in one call). The summary is in ``lang_out`` when the story has articles in
it; otherwise sentences stay in their own languages and the summary language is theirs, or
``"mul"``.

>>> from storyweave.model import Article
>>> def article(id, text):
...     return Article(id=id, text=text, clean_text=text, title=None, lang="en",
...                    published=None, published_source="unknown", content_hash=id)
>>> story = [
...     article("a", "Heavy rain flooded the old town of Riverton on Sunday night. "
...                  "Shops stayed closed. The mayor will visit the town hall tomorrow morning."),
...     article("b", "Storm warnings were issued for the whole coast on Sunday.\\n"
...                  "Flooding hit the old town of Riverton after heavy rain on Sunday night."),
... ]
>>> sentences, lang = summarize(story, "en", max_sentences=1)
>>> sentences[0].text, sentences[0].article_ids, lang
('Heavy rain flooded the old town of Riverton on Sunday night.', ['a', 'b'], 'en')
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Article, SummarySentence
from ..represent.encoders import Encoder
from ..represent.names import name_keys
from ..represent.numbers import number_keys
from .summary_sentences import (
    StorySentence,
    base_language,
    is_summary_sentence,
    read_sentences,
    sentence_terms,
    word_count,
    written_keys,
)

__all__ = ["is_summary_sentence", "summarize", "word_count"]

#: Weights of a sentence's score: closeness to the centroid, coverage across sources, position.
#: Tuned on vlsp-abmusu (benchmarks/summaries.py), where results are flat around these values.
CENTRALITY_WEIGHT = 1.0
COVERAGE_WEIGHT = 0.5
POSITION_WEIGHT = 0.5
#: The position prior halves every this many paragraphs, and sentences within a paragraph.
PARAGRAPH_HALF_LIFE = 4.0
IN_PARAGRAPH_HALF_LIFE = 2.0
#: MMR: how much similarity to a sentence already chosen costs a candidate.
REDUNDANCY_PENALTY = 0.7
#: Same-language cosine from which two sentences say the same thing (the second is dropped).
DUPLICATE_COSINE = 0.5
#: Same-language cosine from which an article counts as reporting a chosen sentence.
REPORTS_COSINE = 0.4
#: Weighted share of names and numbers from which two sentences report the same fact …
KEY_OVERLAP = 0.5
#: … provided the names and numbers they share weigh this much (a rare name weighs about 2,
#: a name in every other sentence of the story about 0.7).
MIN_SHARED_KEY_WEIGHT = 3.0
#: A sentence that opens leaning on the one before it ("He added", "However,") keeps this
#: share of its score unless that one is taken too: alone it reads as a dangling reference.
#: It may also be taken together with that one, the pair valued at the mean of the two.
LEANING_FACTOR = 0.3
#: A sentence scoring below this share of the first one chosen only pads the summary.
MIN_RELATIVE_SCORE = 0.4
#: Cross-language: dense cosine (each language centred) from which two sentences match.
CROSS_DENSE_COSINE = 0.3
#: At most this many sentences of a story go to the dense encoder, in one call.
DENSE_CANDIDATES = 30
#: Weight of the coverage the dense vectors find (only the encoded candidates have it).
DENSE_COVERAGE_WEIGHT = 1.0


@dataclass(slots=True)
class _Language:
    """One language's sentences as unit term vectors, their cosines, and the centroid."""

    members: list[StorySentence]
    rows: np.ndarray
    cosines: np.ndarray
    centroid: np.ndarray
    articles: list[int]


def summarize(
    articles: Sequence[Article],
    lang_out: str = "en",
    max_sentences: int = 5,
    max_words: int = 120,
    encoder: Encoder | None = None,
) -> tuple[list[SummarySentence], str | None]:
    """The story's extractive summary, at most ``max_sentences`` whole sentences and
    ``max_words`` words, and its language (``None`` when no sentence qualifies)."""
    if not articles or max_sentences <= 0 or max_words <= 0:
        return [], None
    sentences = read_sentences(articles)
    languages = {lang: _vectorise(sentences, lang) for lang in {s.lang for s in sentences}}
    _score(len(articles), languages)
    in_output = [s for s in sentences if s.candidate and s.lang == base_language(lang_out)]
    pool = in_output or [s for s in sentences if s.candidate]
    _attach_keys(sentences, multilingual=len(languages) > 1)
    if len(languages) > 1:
        _add_cross_language_coverage(len(articles), sentences)
    if encoder is not None and len(articles) > 1:
        _attach_dense(sentences, len(articles), encoder)
    chosen = _select(pool, languages, max_sentences, max_words)
    for sentence in chosen:
        _find_reporters(sentence, sentences, languages)
    rank = _reading_rank(articles)
    chosen.sort(key=lambda s: (rank[s.article], s.position))
    summary = [
        SummarySentence(
            text=s.text,
            lang=s.lang,
            article_ids=[
                articles[i].id for i in sorted(s.reporters | {s.article}, key=rank.__getitem__)
            ],
        )
        for s in chosen
    ]
    found = {s.lang for s in summary}
    summary_lang = None if not found else found.pop() if len(found) == 1 else "mul"
    return summary, summary_lang


def _vectorise(sentences: list[StorySentence], lang: str) -> _Language:
    members = [s for s in sentences if s.lang == lang]
    weights = [
        {term: 1.0 + math.log(count) for term, count in sentence_terms(s.text, lang).items()}
        for s in members
    ]
    # Only terms that two sentences share can make them alike: the others count in each
    # sentence's norm but need no column (most word pairs occur once).
    frequency = Counter(term for found in weights for term in found)
    vocabulary: dict[str, int] = {}
    for term, count in frequency.items():
        if count > 1:
            vocabulary[term] = len(vocabulary)
    rows = np.zeros((len(members), len(vocabulary)), dtype=np.float32)
    for row, (sentence, found) in enumerate(zip(members, weights, strict=True)):
        sentence.row = row
        norm = math.sqrt(sum(value * value for value in found.values())) or 1.0
        for term, value in found.items():
            column = vocabulary.get(term)
            if column is not None:
                rows[row, column] = value / norm
    # Each article weighs the same in the centroid, whatever its length.
    owners = sorted({s.article for s in members})
    profiles = np.stack([rows[[s.row for s in members if s.article == o]].sum(0) for o in owners])
    return _Language(members, rows, rows @ rows.T, _unit(profiles).mean(axis=0), owners)


def _score(article_count: int, languages: dict[str, _Language]) -> None:
    others = max(1, article_count - 1)
    for language in languages.values():
        centroid = language.centroid / (float(np.linalg.norm(language.centroid)) or 1.0)
        centrality = language.rows @ centroid
        owner_of = np.array([s.article for s in language.members])
        for sentence in language.members:
            # Coverage: for every other article, how closely its best sentence says this one.
            similar = language.cosines[sentence.row]
            coverage = sum(
                float(similar[owner_of == owner].max())
                for owner in language.articles
                if owner != sentence.article
            )
            sentence.score = (
                CENTRALITY_WEIGHT * float(centrality[sentence.row])
                + COVERAGE_WEIGHT * coverage / others
                + POSITION_WEIGHT * _position_prior(sentence)
            )


def _position_prior(sentence: StorySentence) -> float:
    return float(
        0.5 ** (sentence.paragraph / PARAGRAPH_HALF_LIFE)
        * 0.5 ** (sentence.in_paragraph / IN_PARAGRAPH_HALF_LIFE)
    )


def _attach_keys(sentences: list[StorySentence], multilingual: bool) -> None:
    """Names and numbers of every sentence, weighted by how rare they are in the story.

    Across languages they must be keys that survive translation (:func:`name_keys`); within
    one language, capitalised words and digits do, at a hundredth of the cost.
    """
    if multilingual:
        found = [
            set(name_keys(s.text, s.lang)) | {f"#{n}" for n in number_keys(s.text, s.lang)}
            for s in sentences
        ]
    else:
        found = [written_keys(s.text) for s in sentences]
    frequency = Counter(key for keys in found for key in keys)
    for sentence, keys in zip(sentences, found, strict=True):
        sentence.keys = {k: math.log((1 + len(sentences)) / frequency[k]) for k in keys}


def _key_overlap(a: StorySentence, b: StorySentence) -> float:
    """Weighted share of the names and numbers of two sentences that they have in common;
    0.0 unless what they share weighs :data:`MIN_SHARED_KEY_WEIGHT`."""
    if not a.keys or not b.keys:
        return 0.0
    common = sum(weight for key, weight in a.keys.items() if key in b.keys)
    if common < MIN_SHARED_KEY_WEIGHT:
        return 0.0
    return 2 * common / (sum(a.keys.values()) + sum(b.keys.values()))


def _cross_similarity(a: StorySentence, b: StorySentence) -> float:
    """How surely two sentences in different languages say the same thing (0..1)."""
    overlap = _key_overlap(a, b)
    if a.dense is None or b.dense is None or not (a.keys or {}).keys() & (b.keys or {}).keys():
        return overlap
    # The dense vectors count only with a name or number in common: alone they match topics.
    dense = float(a.dense @ b.dense)
    if dense < CROSS_DENSE_COSINE:
        return overlap
    return max(overlap, KEY_OVERLAP + (1 - KEY_OVERLAP) * dense)


def _add_cross_language_coverage(article_count: int, sentences: list[StorySentence]) -> None:
    others = max(1, article_count - 1)
    by_article: dict[int, list[StorySentence]] = defaultdict(list)
    for sentence in sentences:
        by_article[sentence.article].append(sentence)
    for sentence in sentences:
        if not sentence.candidate or not sentence.keys:
            continue
        for theirs in by_article.values():
            if theirs[0].lang != sentence.lang:
                best = max(_key_overlap(sentence, other) for other in theirs)
                sentence.score += COVERAGE_WEIGHT * best / others


def _attach_dense(sentences: list[StorySentence], article_count: int, encoder: Encoder) -> None:
    """Dense vectors for the best few candidates of every article, in one call, centred per
    language so that what is left is what sets a sentence apart within the story, not its
    language; a candidate that other articles' candidates say again gains coverage."""
    by_article: dict[int, list[StorySentence]] = defaultdict(list)
    for sentence in sorted(sentences, key=lambda s: -s.score):
        if sentence.candidate:
            by_article[sentence.article].append(sentence)
    chosen: list[StorySentence] = []
    for rank in range(max((len(group) for group in by_article.values()), default=0)):
        chosen += [group[rank] for group in by_article.values() if rank < len(group)]
    chosen = chosen[:DENSE_CANDIDATES]
    if len({s.article for s in chosen}) < 2:
        return
    vectors = np.asarray(encoder.encode([s.text for s in chosen]), dtype=np.float32)
    for lang in {s.lang for s in chosen}:
        mask = [i for i, s in enumerate(chosen) if s.lang == lang]
        vectors[mask] -= vectors[mask].mean(axis=0)
    vectors = _unit(vectors)
    similar = vectors @ vectors.T
    owner_of = np.array([s.article for s in chosen])
    others = max(1, article_count - 1)
    for row, sentence in enumerate(chosen):
        sentence.dense = vectors[row]
        coverage = sum(
            max(0.0, float(similar[row, owner_of == owner].max()))
            for owner in set(owner_of.tolist())
            if owner != sentence.article
        )
        sentence.score += DENSE_COVERAGE_WEIGHT * coverage / others


def _similarity(a: StorySentence, b: StorySentence, languages: dict[str, _Language]) -> float:
    """How surely two sentences say the same thing (0..1): cosine within a language (or the
    names and numbers they share, which paraphrases keep), names, numbers and dense across."""
    if a.lang == b.lang:
        return max(float(languages[a.lang].cosines[a.row, b.row]), _key_overlap(a, b))
    return _cross_similarity(a, b)


def _same_content(
    a: StorySentence, b: StorySentence, languages: dict[str, _Language], cosine: float
) -> bool:
    if a.lang == b.lang:
        return (
            float(languages[a.lang].cosines[a.row, b.row]) >= cosine
            or _key_overlap(a, b) >= KEY_OVERLAP
        )
    return _cross_similarity(a, b) >= KEY_OVERLAP


def _select(
    pool: list[StorySentence], languages: dict[str, _Language], max_sentences: int, max_words: int
) -> list[StorySentence]:
    """MMR: the best sentence less its likeness to those taken, skipping what does not fit;
    a sentence that repeats one taken is dropped, and its article reports that one. A
    sentence that leans on the one before it counts little alone, but may come with it."""
    chosen: list[StorySentence] = []
    taken: set[tuple[int, int]] = set()
    words = 0
    first_value = 0.0

    def value(sentence: StorySentence, after_its_antecedent: bool = False) -> float:
        score = sentence.score
        antecedent = (sentence.article, sentence.position - 1)
        if sentence.leans_back and not after_its_antecedent and antecedent not in taken:
            score *= LEANING_FACTOR
        redundancy = max((_similarity(sentence, c, languages) for c in chosen), default=0.0)
        return score - REDUNDANCY_PENALTY * redundancy

    remaining = sorted(pool, key=lambda s: -s.score)
    while remaining and len(chosen) < max_sentences:
        best: list[StorySentence] = []
        best_value = -math.inf
        at = {(s.article, s.position): s for s in remaining}
        for sentence in remaining:
            if words + sentence.words > max_words:
                continue
            alone = value(sentence)
            if alone > best_value:
                best, best_value = [sentence], alone
            before = at.get((sentence.article, sentence.position - 1))
            if (
                sentence.leans_back
                and before is not None
                and len(chosen) + 2 <= max_sentences
                and words + before.words + sentence.words <= max_words
            ):
                together = (value(before) + value(sentence, after_its_antecedent=True)) / 2
                if together > best_value:
                    best, best_value = [before, sentence], together
        if not best or (chosen and best_value < MIN_RELATIVE_SCORE * first_value):
            break
        if not chosen:
            first_value = best_value
        for sentence in best:
            chosen.append(sentence)
            taken.add((sentence.article, sentence.position))
            words += sentence.words
        kept = []
        for sentence in remaining:
            if any(sentence is b for b in best):
                continue
            repeated = next(
                (b for b in best if _same_content(sentence, b, languages, DUPLICATE_COSINE)), None
            )
            if repeated is not None:
                repeated.reporters.add(sentence.article)
            else:
                kept.append(sentence)
        remaining = kept
    return chosen


def _find_reporters(
    chosen: StorySentence, sentences: list[StorySentence], languages: dict[str, _Language]
) -> None:
    for other in sentences:
        if other.article == chosen.article or other.article in chosen.reporters:
            continue
        if _same_content(chosen, other, languages, REPORTS_COSINE):
            chosen.reporters.add(other.article)


def _reading_rank(articles: Sequence[Article]) -> dict[int, int]:
    """Articles by publication time (undated last), then as given."""
    order = sorted(
        range(len(articles)),
        key=lambda i: (articles[i].published is None, articles[i].published or "", i),
    )
    return {index: rank for rank, index in enumerate(order)}


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    unit: np.ndarray = np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
    return unit
