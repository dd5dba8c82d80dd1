"""Extractive multi-document summary of a story: its most central, best covered sentences.

Sentences are picked greedily for what they add: the weight of the pairs of adjacent words
they cover that the summary does not yet hold (how widely, often, early and in titles the
story's articles use each pair: :mod:`.summary_coverage`), less, across languages, their
likeness to sentences taken, within the sentence and word budget. Each sentence is also scored
within its language (closeness to the centroid of the story's articles, coverage across
sources, position), which orders candidates and feeds the dense step. They are put in reading
order: the earliest article first, each article's sentences in their own order. A sentence that
opens on a reference to the one before it ("He added", "However,") counts little unless that
one comes with it, and one that reports the words of someone already quoted in the summary
counts less (:mod:`.summary_speakers`). Reading and filtering the sentences is
:mod:`.summary_sentences`.

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
('Flooding hit the old town of Riverton after heavy rain on Sunday night.', ['a', 'b'], 'en')
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Article, SummarySentence
from ..represent.encoders import Encoder
from .summary_coverage import Pair, PairModel, coverage_gain, pair_weights, sentence_pairs
from .summary_likeness import (
    KEY_OVERLAP,
    add_cross_language_coverage,
    attach_dense,
    attach_keys,
    cross_similarity,
    key_overlap,
    unit_rows,
)
from .summary_sentences import (
    StorySentence,
    base_language,
    is_summary_sentence,
    read_sentences,
    sentence_terms,
    word_count,
)
from .summary_speakers import attach_speakers

__all__ = ["is_summary_sentence", "summarize", "word_count"]

#: Weights of a sentence's score: closeness to the centroid, coverage across sources, position.
#: Tuned on vlsp-abmusu (benchmarks/summaries.py), where results are flat around these values.
CENTRALITY_WEIGHT = 1.0
COVERAGE_WEIGHT = 0.5
POSITION_WEIGHT = 0.5
#: The position prior halves every this many paragraphs, and sentences within a paragraph.
PARAGRAPH_HALF_LIFE = 4.0
IN_PARAGRAPH_HALF_LIFE = 2.0
#: Selection: weight of the pairs a sentence adds to the summary, and of its own score.
COVERAGE_GAIN_WEIGHT = 1.0
SCORE_WEIGHT = 0.0
#: How much similarity to a sentence already chosen in another language costs a candidate.
REDUNDANCY_PENALTY = 0.7
#: Same-language cosine from which two sentences say the same thing (the second is dropped).
DUPLICATE_COSINE = 0.5
#: Same-language cosine from which an article counts as reporting a chosen sentence.
REPORTS_COSINE = 0.4
#: A sentence that opens leaning on the one before it ("He added", "However,") keeps this
#: share of its score unless that one is taken too: alone it reads as a dangling reference.
#: It may also be taken together with that one, the pair valued at the mean of the two.
LEANING_FACTOR = 0.3
#: A sentence reporting the words of someone whose words the summary already gives keeps
#: this share of its value: one party's statement, told again, crowds out the other's.
#: On vlsp-abmusu ROUGE-2 is flat from 0.3 to 0.8 (1.220-1.221x the lead, against 1.213x
#: with no such cut); the mildest is kept, since a strong cut trades a lead statement for
#: background (at 0.7 the development sample's summary swaps its minister's quoted words for
#: a background sentence, and at 0.6 and below it no longer names him).
SAME_SPEAKER_FACTOR = 0.8
#: A sentence scoring below this share of the first one chosen only pads the summary.
MIN_RELATIVE_SCORE = 0.4


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
    pair_model: PairModel | None = None,
) -> tuple[list[SummarySentence], str | None]:
    """The story's extractive summary, at most ``max_sentences`` whole sentences and
    ``max_words`` words, and its language (``None`` when no sentence qualifies).
    ``pair_model`` weighs what a summary should cover (by default the shipped one)."""
    if not articles or max_sentences <= 0 or max_words <= 0:
        return [], None
    sentences = read_sentences(articles)
    languages = {lang: _vectorise(sentences, lang) for lang in {s.lang for s in sentences}}
    _score(len(articles), languages)
    in_output = [s for s in sentences if s.candidate and s.lang == base_language(lang_out)]
    pool = in_output or [s for s in sentences if s.candidate]
    attach_keys(sentences, multilingual=len(languages) > 1)
    attach_speakers(articles, sentences)
    if len(languages) > 1:
        add_cross_language_coverage(len(articles), sentences, COVERAGE_WEIGHT)
    if encoder is not None and len(articles) > 1:
        attach_dense(sentences, len(articles), encoder)
    rank = _reading_rank(articles)
    weights = pair_weights(
        sentences,
        {i: a.title for i, a in enumerate(articles) if a.title},
        _earliest_by_language(sentences, rank),
        pair_model,
    )
    chosen = _select(pool, languages, weights, max_sentences, max_words)
    for sentence in chosen:
        _find_reporters(sentence, sentences, languages)
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
    return _Language(members, rows, rows @ rows.T, unit_rows(profiles).mean(axis=0), owners)


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


def _similarity(a: StorySentence, b: StorySentence, languages: dict[str, _Language]) -> float:
    """How surely two sentences say the same thing (0..1): cosine within a language (or the
    names and numbers they share, which paraphrases keep), names, numbers and dense across."""
    if a.lang == b.lang:
        return max(float(languages[a.lang].cosines[a.row, b.row]), key_overlap(a, b))
    return cross_similarity(a, b)


def _same_content(
    a: StorySentence, b: StorySentence, languages: dict[str, _Language], cosine: float
) -> bool:
    if a.lang == b.lang:
        return (
            float(languages[a.lang].cosines[a.row, b.row]) >= cosine
            or key_overlap(a, b) >= KEY_OVERLAP
        )
    return cross_similarity(a, b) >= KEY_OVERLAP


def _select(
    pool: list[StorySentence],
    languages: dict[str, _Language],
    weights: dict[Pair, float],
    max_sentences: int,
    max_words: int,
) -> list[StorySentence]:
    """Greedy coverage: the sentence adding the most weight of pairs not yet covered (per
    pair, :mod:`.summary_coverage`), plus a share of its score, less its likeness to those
    taken, skipping what does not fit; a sentence that repeats one taken is dropped, and its
    article reports that one. A sentence that leans on the one before it counts little
    alone, but may come with it."""
    chosen: list[StorySentence] = []
    speakers: set[str] = set()
    taken: set[tuple[int, int]] = set()
    covered: set[Pair] = set()
    pairs = {id(s): sentence_pairs(s.text) for s in pool}
    words = 0
    first_value = 0.0

    def value(sentence: StorySentence, after_its_antecedent: bool = False) -> float:
        score = (
            COVERAGE_GAIN_WEIGHT * coverage_gain(pairs[id(sentence)], weights, covered)
            + SCORE_WEIGHT * sentence.score
        )
        antecedent = (sentence.article, sentence.position - 1)
        if sentence.leans_back and not after_its_antecedent and antecedent not in taken:
            score *= LEANING_FACTOR
        if sentence.speaker in speakers:
            score *= SAME_SPEAKER_FACTOR
        # Within a language the pairs already covered see to redundancy; across, likeness.
        redundancy = max(
            (_similarity(sentence, c, languages) for c in chosen if c.lang != sentence.lang),
            default=0.0,
        )
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
            covered.update(pairs[id(sentence)])
            words += sentence.words
            if sentence.speaker:
                speakers.add(sentence.speaker)
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


def _earliest_by_language(sentences: list[StorySentence], rank: dict[int, int]) -> dict[str, int]:
    """The first article to read in each language of the story."""
    earliest: dict[str, int] = {}
    for sentence in sentences:
        known = earliest.get(sentence.lang)
        if known is None or rank[sentence.article] < rank[known]:
            earliest[sentence.lang] = sentence.article
    return earliest


def _reading_rank(articles: Sequence[Article]) -> dict[int, int]:
    """Articles by publication time (undated last), then as given."""
    order = sorted(
        range(len(articles)),
        key=lambda i: (articles[i].published is None, articles[i].published or "", i),
    )
    return {index: rank for rank, index in enumerate(order)}
