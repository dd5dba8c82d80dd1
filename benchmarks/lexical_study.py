"""Lexical similarity quality: TF-IDF cosine on Vietnamese clusters and multilingual pairs.

    python benchmarks/lexical_study.py [--vlsp DIR] [--semeval PAIRS_JSONL] [--variants NAME ...]

For each term variant, on the VLSP clusters (title + lead + text, file order): the AUC of the
cosine for same-story against different-story pairs (idf over the whole set), and BCubed F1 of
single-pass clustering (each article joins the most similar cluster centroid when the cosine
reaches the threshold, else opens a cluster; idf learnt from the stream itself) at the best
threshold, with "centroid" (cosine to the sum of member vectors) or "average" (mean cosine to
the members) linkage; and, for comparison, offline agglomerative clustering of all articles at
once ("all-average", "all-complete"; idf over the whole set, the threshold picked on gold): the
best that lexical similarity does with every article in hand. Then, on the SemEval pairs of
one language, Pearson of the cosine with -overall, with and without stemming (idf over the
language's texts; ms/art includes a cold stem cache).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from storyweave.represent.lexical import (
    DocumentFrequencies,
    cosine,
    stop_words,
    term_sequence,
    terms,
)

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
THRESHOLDS = [round(0.05 * step, 2) for step in range(2, 13)]

Extractor = Callable[[str, str], Counter[str]]


def syllables(text: str, lang: str) -> Counter[str]:
    """Unsegmented syllables, with the stop words of the list that are one syllable."""
    stop = stop_words(lang)
    return Counter(t for t in term_sequence(text, "und") if t not in stop)


def words_and_bigrams(text: str, lang: str) -> Counter[str]:
    sequence = term_sequence(text, lang)
    counts = Counter(sequence)
    counts.update(f"{a} {b}" for a, b in itertools.pairwise(sequence))
    return counts


VARIANTS: dict[str, tuple[Extractor, int]] = {
    "words, title x1": (terms, 1),
    "words, title x2": (terms, 2),
    "words, title x3": (terms, 3),
    "syllables, title x2": (syllables, 2),
    "words+bigrams, title x2": (words_and_bigrams, 2),
}


def load_vlsp(folder: Path) -> tuple[list[dict[str, str]], list[str]]:
    gold = {}
    for line in (folder / "gold.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        gold[record["id"]] = record["story"]
    articles = [json.loads(line) for line in (folder / "articles.jsonl").open(encoding="utf-8")]
    return articles, [gold[a["id"]] for a in articles]


def article_counts(article: dict[str, str], extract: Extractor, title_weight: int) -> Counter[str]:
    lang = article.get("lang") or "vi"
    counts: Counter[str] = Counter()
    for _ in range(title_weight):
        counts.update(extract(article.get("title") or "", lang))
    counts.update(extract(article.get("lead") or "", lang))
    counts.update(extract(article["text"], lang))
    return counts


def similarity_matrix(vectors: list[dict[str, float]]) -> np.ndarray:
    """All pairwise dot products of the (normalised) vectors through an inverted index."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term].append((index, weight))
    matrix = np.zeros((len(vectors), len(vectors)))
    for entries in postings.values():
        if len(entries) < 2:
            continue
        indices = np.array([i for i, _ in entries])
        weights = np.array([w for _, w in entries])
        matrix[np.ix_(indices, indices)] += np.outer(weights, weights)
    return matrix


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """Mann-Whitney AUC with ties counted half."""
    scores = np.concatenate([positive, negative])
    order = scores.argsort(kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    start = 0
    while start < len(scores):
        end = start
        while end + 1 < len(scores) and sorted_scores[end + 1] == sorted_scores[start]:
            end += 1
        ranks[order[start : end + 1]] = (start + end) / 2 + 1
        start = end + 1
    positive_ranks = ranks[: len(positive)].sum()
    return float(
        (positive_ranks - len(positive) * (len(positive) + 1) / 2) / (len(positive) * len(negative))
    )


def bcubed_f1(predicted: list[int], gold: list[str]) -> float:
    predicted_members: dict[int, set[int]] = defaultdict(set)
    gold_members: dict[str, set[int]] = defaultdict(set)
    for index, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        predicted_members[p].add(index)
        gold_members[g].add(index)
    precision = recall = 0.0
    for p, g in zip(predicted, gold, strict=True):
        shared = len(predicted_members[p] & gold_members[g])
        precision += shared / len(predicted_members[p])
        recall += shared / len(gold_members[g])
    precision /= len(gold)
    recall /= len(gold)
    return 2 * precision * recall / (precision + recall)


def single_pass(documents: list[Counter[str]], lang: str, threshold: float) -> list[int]:
    """Stream the documents, idf from what came before; centroids are sums of member vectors."""
    frequencies = DocumentFrequencies()
    centroids: list[dict[str, float]] = []
    norms: list[float] = []
    postings: dict[str, set[int]] = defaultdict(set)
    assignment: list[int] = []
    for counts in documents:
        frequencies.add(lang, counts)
        vector = frequencies.weights(lang, counts)
        dots: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            for cluster in postings.get(term, ()):
                dots[cluster] += weight * centroids[cluster].get(term, 0.0)
        best, best_score = -1, -1.0
        for cluster, dot in sorted(dots.items()):
            score = dot / norms[cluster]
            if score > best_score:
                best, best_score = cluster, score
        if best < 0 or best_score < threshold:
            best = len(centroids)
            centroids.append({})
            norms.append(0.0)
        centroid = centroids[best]
        for term, weight in vector.items():
            centroid[term] = centroid.get(term, 0.0) + weight
            postings[term].add(best)
        norms[best] = math.sqrt(sum(value * value for value in centroid.values()))
        assignment.append(best)
    return assignment


def single_pass_average(documents: list[Counter[str]], lang: str, threshold: float) -> list[int]:
    """Stream the documents; join the cluster with the highest mean cosine to its members."""
    frequencies = DocumentFrequencies()
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    members: list[int] = []
    assignment: list[int] = []
    for index, counts in enumerate(documents):
        frequencies.add(lang, counts)
        vector = frequencies.weights(lang, counts)
        totals: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            for other, other_weight in postings.get(term, ()):
                totals[assignment[other]] += weight * other_weight
        best, best_score = -1, -1.0
        for cluster, total in sorted(totals.items()):
            score = total / members[cluster]
            if score > best_score:
                best, best_score = cluster, score
        if best < 0 or best_score < threshold:
            best = len(members)
            members.append(0)
        members[best] += 1
        assignment.append(best)
        for term, weight in vector.items():
            postings[term].append((index, weight))
    return assignment


def offline(similarity: np.ndarray, method: str, threshold: float) -> list[int]:
    """Agglomerative clustering of all documents at once: merge while the linkage's similarity
    (``method``: "average" or "complete") is at least ``threshold``."""
    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method=method)
    return [int(label) for label in fcluster(tree, 1.0 - threshold, criterion="distance")]


def clusterings(
    documents: list[Counter[str]], similarity: np.ndarray
) -> list[tuple[str, Callable[[float], list[int]]]]:
    """Each way of clustering the documents, as a function of the threshold."""
    return [
        ("centroid", lambda t: single_pass(documents, "vi", t)),
        ("average", lambda t: single_pass_average(documents, "vi", t)),
        ("all-average", lambda t: offline(similarity, "average", t)),
        ("all-complete", lambda t: offline(similarity, "complete", t)),
    ]


def study_vlsp(folder: Path, names: Iterable[str]) -> None:
    articles, gold = load_vlsp(folder)
    same = np.array([[a == b for b in gold] for a in gold])
    upper = np.triu_indices(len(gold), k=1)
    print(f"VLSP {folder}: {len(articles)} articles, {len(set(gold))} stories")
    print(
        f"{'variant':<24} {'ms/art':>6} {'AUC':>6} {'link':<12} {'thr':>4} {'F1':>6}"
        "  BCubed F1 by threshold"
    )
    for name in names:
        extract, title_weight = VARIANTS[name]
        started = time.perf_counter()
        documents = [article_counts(a, extract, title_weight) for a in articles]
        milliseconds = (time.perf_counter() - started) * 1000 / len(articles)
        frequencies = DocumentFrequencies()
        for counts in documents:
            frequencies.add("vi", counts)
        vectors = [frequencies.weights("vi", counts) for counts in documents]
        matrix = similarity_matrix(vectors)
        scores = matrix[upper]
        labels = same[upper]
        area = auc(scores[labels], scores[~labels])
        runs = clusterings(documents, matrix)
        for link, cluster in runs:
            by_threshold = {t: bcubed_f1(cluster(t), gold) for t in THRESHOLDS}
            best = max(by_threshold, key=lambda t: by_threshold[t])
            curve = " ".join(f"{t:.2f}:{f:.3f}" for t, f in by_threshold.items())
            print(
                f"{name:<24} {milliseconds:>6.2f} {area:>6.4f} {link:<12} {best:>4.2f}"
                f" {by_threshold[best]:>6.4f}  {curve}"
            )


def pearson(xs: list[float], ys: list[float]) -> float:
    return float(np.corrcoef(np.array(xs), np.array(ys))[0, 1])


def study_semeval(path: Path) -> None:
    pairs = [json.loads(line) for line in path.open(encoding="utf-8")]
    by_language: dict[str, list[dict[str, object]]] = defaultdict(list)
    for pair in pairs:
        if pair["lang1"] == pair["lang2"]:
            by_language[str(pair["lang1"])].append(pair)
    print(f"SemEval {path}: Pearson of TF-IDF cosine with -overall (idf over the language's texts)")
    print(f"{'lang':<5} {'pairs':>5} {'stemmed':>8} {'unstemmed':>9} {'ms/art':>7}")
    for lang, group in sorted(by_language.items()):
        started = time.perf_counter()
        stemmed = _pearson_of_cosine(group, lang, stem=True)
        milliseconds = (time.perf_counter() - started) * 1000 / (2 * len(group))
        unstemmed = _pearson_of_cosine(group, lang, stem=False)
        print(f"{lang:<5} {len(group):>5} {stemmed:>8.3f} {unstemmed:>9.3f} {milliseconds:>7.2f}")


def _pearson_of_cosine(group: list[dict[str, object]], lang: str, stem: bool) -> float:
    counted = [
        (terms(str(p["text1"]), lang, stem=stem), terms(str(p["text2"]), lang, stem=stem), p)
        for p in group
    ]
    frequencies = DocumentFrequencies()
    seen: set[str] = set()
    for first, second, pair in counted:
        for text, counts in ((str(pair["text1"]), first), (str(pair["text2"]), second)):
            if text not in seen:
                seen.add(text)
                frequencies.add(lang, counts)
    similarities = [
        cosine(frequencies.weights(lang, a), frequencies.weights(lang, b)) for a, b, _ in counted
    ]
    return pearson(similarities, [-float(str(p["overall"])) for _, _, p in counted])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vlsp", type=Path, default=DATA / "vlsp-abmusu")
    parser.add_argument("--semeval", type=Path, default=DATA / "semeval2022-dev" / "pairs.jsonl")
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    args = parser.parse_args()
    study_vlsp(args.vlsp, args.variants)
    print()
    study_semeval(args.semeval)


if __name__ == "__main__":
    main()
