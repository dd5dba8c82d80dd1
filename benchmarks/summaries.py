"""Summary quality on gold story clusters: storyweave against a lead and a centroid baseline.

The set is a folder with ``articles.jsonl``, ``gold.jsonl`` (article → story) and
``summaries.jsonl`` (one or more reference summaries a story), e.g. ``vlsp-abmusu``. Articles
are read and prepared exactly as the engine does (a record's ``lead`` opens its text), grouped
by their gold story in file order, and every story is summarised in ``--lang`` by:

- storyweave: :func:`storyweave.stories.summary.summarize` (whole sentences, within
  ``--max-sentences`` and ``--max-words``);
- lead: the first words of the story's first article (the data has no dates: file order);
- centroid: sentences closest to the story's TF-IDF centroid (IDF over the set's articles),
  greedily, skipping a sentence whose cosine to one already taken exceeds 0.5, in text order.

Both baselines get, story by story, as many words as storyweave's summary has (cut mid-sentence
if need be), so all three are scored at the same length. Prints one table: mean ROUGE-1/2/L F1
(syllables for Vietnamese), ROUGE-2 over the lead's, and seconds spent summarising.

    python benchmarks/summaries.py [DATASET_DIR] [--lang vi] [--max-words 120] [--json]

Two budgets are worth a look: the engine's (5 sentences, 120 words, the default here) and about
the references' length (``--max-sentences 8 --max-words 200``; they average 199 words).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyweave.analyze.sentences import split_sentences
from storyweave.evaluate.rouge import RougeScore, mean_rouge, rouge, rouge_tokens
from storyweave.ingest.jsonl import document_from_record
from storyweave.model import Article, InputProblem
from storyweave.pipeline import prepare_article
from storyweave.represent.lexical import stop_words
from storyweave.stories.summary import summarize

DEFAULT_DATASET = Path(__file__).resolve().parent.parent.parent / "shared/data/vlsp-abmusu"
#: Cosine above which the centroid baseline takes a sentence as a repeat of one it has.
CENTROID_REDUNDANCY = 0.5


@dataclass(slots=True)
class GoldStory:
    """One gold cluster: its articles in file order and its reference summaries."""

    id: str
    articles: list[Article]
    references: list[str]


@dataclass(slots=True)
class SystemResult:
    """One system's scores over all stories and the seconds it spent producing summaries."""

    name: str
    scores: list[RougeScore] = field(default_factory=list)
    seconds: float = 0.0
    words: int = 0

    def row(self, lead_rouge2: float) -> dict[str, Any]:
        overall = mean_rouge(self.scores)
        return {
            "system": self.name,
            "rouge1": round(overall.rouge1, 4),
            "rouge2": round(overall.rouge2, 4),
            "rougeL": round(overall.rougeL, 4),
            "rouge2_vs_lead": round(overall.rouge2 / lead_rouge2, 3) if lead_rouge2 else None,
            "mean_words": round(self.words / max(1, len(self.scores)), 1),
            "seconds": round(self.seconds, 2),
        }


def load_stories(dataset: Path) -> list[GoldStory]:
    """The gold stories of ``dataset``, with their articles prepared as the engine does."""
    gold = {r["id"]: r["story"] for r in _records(dataset / "gold.jsonl")}
    references: dict[str, list[str]] = defaultdict(list)
    for record in _records(dataset / "summaries.jsonl"):
        references[record["story"]].append(record["summary"])
    stories: dict[str, GoldStory] = {}
    for number, record in enumerate(_records(dataset / "articles.jsonl"), 1):
        story = gold.get(str(record.get("id")))
        if story is None or story not in references:
            continue
        document = document_from_record(record, f"articles.jsonl:{number}")
        article = document if isinstance(document, InputProblem) else prepare_article(document)
        if isinstance(article, InputProblem):
            raise SystemExit(f"cannot prepare an article: {article}")
        stories.setdefault(story, GoldStory(story, [], references[story])).articles.append(article)
    return list(stories.values())


def first_words(text: str, count: int) -> str:
    """The first ``count`` white-space separated words of ``text``."""
    return " ".join(text.split()[:count])


def lead_baseline(story: GoldStory, words: int) -> str:
    """The first ``words`` words of the story's first article."""
    return first_words(story.articles[0].clean_text, words)


class CentroidBaseline:
    """Sentences nearest the story's TF-IDF centroid, redundancy removed (Radev et al. style).

    Tokens are the lower-cased ROUGE tokens without the language's stop words; IDF is
    computed over every article of the set, each article one document.
    """

    def __init__(self, stories: Sequence[GoldStory], lang: str) -> None:
        self.lang = lang
        stop = stop_words(lang)
        # Vietnamese stop words are lists of syllables joined by "_"; single syllables remain.
        self.stop = {word for word in stop if "_" not in word}
        frequency: Counter[str] = Counter()
        documents = 0
        for story in stories:
            for article in story.articles:
                frequency.update(set(self._tokens(article.clean_text)))
                documents += 1
        self.idf = {t: math.log((1 + documents) / (1 + n)) + 1 for t, n in frequency.items()}
        self.default_idf = math.log(1 + documents) + 1

    def _tokens(self, text: str) -> list[str]:
        return [t for t in rouge_tokens(text) if t not in self.stop and not t.isdigit()]

    def _vector(self, text: str) -> dict[str, float]:
        counts = Counter(self._tokens(text))
        raw = {t: c * self.idf.get(t, self.default_idf) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {t: v / norm for t, v in raw.items()}

    def summarize(self, story: GoldStory, words: int) -> str:
        """The centroid summary of ``story`` cut to ``words`` words."""
        centroid: dict[str, float] = {}
        for article in story.articles:
            for term, value in self._vector(article.clean_text).items():
                centroid[term] = centroid.get(term, 0.0) + value / len(story.articles)
        sentences = [
            (index, position, sentence)
            for index, article in enumerate(story.articles)
            for position, sentence in enumerate(split_sentences(article.clean_text, self.lang))
        ]
        vectors = [self._vector(sentence) for _, _, sentence in sentences]
        order = sorted(range(len(sentences)), key=lambda i: -_dot(vectors[i], centroid))
        taken: list[int] = []
        used = 0
        for i in order:
            if used >= words:
                break
            if any(_dot(vectors[i], vectors[j]) > CENTROID_REDUNDANCY for j in taken):
                continue
            taken.append(i)
            used += len(sentences[i][2].split())
        taken.sort(key=lambda i: sentences[i][:2])
        return first_words(" ".join(sentences[i][2] for i in taken), words)


def run(
    stories: Sequence[GoldStory], lang: str, max_sentences: int, max_words: int
) -> list[SystemResult]:
    """Score storyweave, the lead and the centroid baseline on every story."""
    ours, lead, centroid = (SystemResult(n) for n in ("storyweave", "lead", "centroid"))
    baseline = CentroidBaseline(stories, lang)
    for story in stories:
        start = time.perf_counter()
        sentences, _ = summarize(story.articles, lang, max_sentences, max_words)
        summary = " ".join(s.text for s in sentences)
        ours.seconds += time.perf_counter() - start
        budget = len(summary.split())
        _score(ours, story, summary)
        start = time.perf_counter()
        text = lead_baseline(story, budget)
        lead.seconds += time.perf_counter() - start
        _score(lead, story, text)
        start = time.perf_counter()
        text = baseline.summarize(story, budget)
        centroid.seconds += time.perf_counter() - start
        _score(centroid, story, text)
    return [ours, lead, centroid]


def _score(result: SystemResult, story: GoldStory, summary: str) -> None:
    result.scores.append(rouge(summary, story.references))
    result.words += len(summary.split())


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(value * b.get(term, 0.0) for term, value in a.items())


def _records(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the process exit status."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--lang", default="vi", help="summary language (default: vi)")
    parser.add_argument("--max-sentences", type=int, default=5)
    parser.add_argument("--max-words", type=int, default=120)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    for name in ("articles.jsonl", "gold.jsonl", "summaries.jsonl"):
        if not (args.dataset / name).is_file():
            print(f"error: no {name} in {args.dataset}", file=sys.stderr)
            return 2

    start = time.perf_counter()
    stories = load_stories(args.dataset)
    loading = time.perf_counter() - start
    results = run(stories, args.lang, args.max_sentences, args.max_words)
    lead_rouge2 = mean_rouge(results[1].scores).rouge2
    rows = [result.row(lead_rouge2) for result in results]
    articles = sum(len(story.articles) for story in stories)
    if args.json:
        figures = {
            "dataset": str(args.dataset),
            "stories": len(stories),
            "articles": articles,
            "max_sentences": args.max_sentences,
            "max_words": args.max_words,
            "loading_seconds": round(loading, 2),
            "rows": rows,
        }
        print(json.dumps(figures, indent=2))
        return 0
    print(
        f"{len(stories)} stories, {articles} articles; budget {args.max_sentences} sentences,"
        f" {args.max_words} words; reading and preparing took {loading:.1f} s"
    )
    print(
        f"{'system':<11} {'ROUGE-1':>7} {'ROUGE-2':>7} {'ROUGE-L':>7} {'R-2/lead':>8}"
        f" {'words':>6} {'seconds':>7}"
    )
    for row in rows:
        print(
            f"{row['system']:<11} {row['rouge1']:>7.4f} {row['rouge2']:>7.4f} {row['rougeL']:>7.4f}"
            f" {row['rouge2_vs_lead']:>8.3f} {row['mean_words']:>6.1f} {row['seconds']:>7.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
