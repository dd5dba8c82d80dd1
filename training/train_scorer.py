"""Train the same-story scorer shipped in ``src/storyweave/cluster/scorer.json``.

    python training/train_scorer.py [--data ../shared/data] [--out PATH_OF_scorer.json]

Reproducible (fixed order, no randomness beyond seeded sampling). Steps:

1. Prepare every development article the way the engine does (clean, analyse, signals) and
   encode it with the configured dense encoder (cached under ``training/.cache``).
2. The background a fresh store starts from (``background.json``): term and name document
   frequencies and per-language mean vectors over all development articles.
3. Examples of the real decision, article vs candidate story: stream each gold-labelled set
   in file order, retrieving candidates with the engine's own indexes and placing each article
   in its gold story (teacher forcing); label = "the candidate is the article's gold story".
4. Examples of article pairs rated for similarity (1 = same event … 4 = unrelated), as soft
   labels, so that ``Engine.similarity`` is a calibrated probability too.
5. Logistic regression on both; then the threshold that maximises the mean BCubed F1 of the
   real online clustering of the training stories, in file order and in seeded random orders.

Held-out figures are printed for the record: the VLSP validation stories (never trained on)
and 5-fold cross-validated Pearson on the similarity pairs.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import multiprocessing
import random
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from storyweave.cluster.background import BACKGROUND_FILE, Background
from storyweave.cluster.clusterer import NAMES_LANGUAGE, StoryClusterer
from storyweave.cluster.features import FEATURES
from storyweave.cluster.scorer import Scorer
from storyweave.config import Settings
from storyweave.evaluate.metrics import bcubed, pearson
from storyweave.ingest.jsonl import document_from_record
from storyweave.model import InputProblem, RawDocument
from storyweave.pipeline import Prepared, prepare
from storyweave.represent.encoders import get_encoder
from storyweave.represent.lexical import DocumentFrequencies
from storyweave.represent.signals import ArticleSignals

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "training" / ".cache"
THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 19)]
# Random orders (besides the file order) the threshold is chosen over.
SHUFFLES = 3
# Pair examples weigh this much, in all, relative to the clustering examples.
PAIR_SHARE = 0.5


@dataclass(slots=True)
class Labelled:
    signals: ArticleSignals
    label: str


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def prepare_all(documents: list[RawDocument], settings: Settings) -> list[ArticleSignals]:
    """Signals of every document, as the engine computes them, with dense vectors."""
    chars = [settings.embedding_chars] * len(documents)
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        prepared = list(pool.map(prepare, documents, chars, chunksize=16))
    signals = []
    for document, item in zip(documents, prepared, strict=True):
        if isinstance(item, InputProblem):
            raise SystemExit(f"cannot prepare {document.origin}: {item}")
        assert isinstance(item, Prepared)
        signals.append(item.clustering_signals())
    vectors = cached_vectors([s.embedding_text for s in signals], settings.encoder)
    for item, vector in zip(signals, vectors, strict=True):
        item.vector = vector
    return signals


def cached_vectors(texts: list[str], encoder_name: str) -> np.ndarray:
    digest = hashlib.sha256(("\x00".join([encoder_name, *texts])).encode("utf-8")).hexdigest()
    path = CACHE / f"vectors-{digest[:20]}.npy"
    if path.exists():
        return np.load(path)
    encoder = get_encoder(encoder_name)
    vectors = np.vstack([encoder.encode(texts[i : i + 64]) for i in range(0, len(texts), 64)])
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def load_clustering_set(folder: Path, settings: Settings) -> list[Labelled]:
    gold = {str(r["id"]): str(r["story"]) for r in read_jsonl(folder / "gold.jsonl")}
    documents = []
    for number, record in enumerate(read_jsonl(folder / "articles.jsonl"), 1):
        document = document_from_record(record, f"{folder.name}/articles.jsonl:{number}")
        if isinstance(document, InputProblem):
            raise SystemExit(str(document))
        documents.append(document)
    signals = prepare_all(documents, settings)
    return [Labelled(s, gold[s.article_id]) for s in signals]


def load_pairs(
    folder: Path, settings: Settings
) -> tuple[list[ArticleSignals], list[tuple[int, int, float, str]]]:
    """All articles of the pair set (each once) and the pairs as (index, index, overall, langs)."""
    texts: dict[str, int] = {}
    documents: list[RawDocument] = []
    pairs = []
    for record in read_jsonl(folder / "pairs.jsonl"):
        ends = []
        for side in ("1", "2"):
            text, lang = str(record[f"text{side}"]), str(record[f"lang{side}"])
            key = f"{lang}\x00{text}"
            if key not in texts:
                texts[key] = len(documents)
                documents.append(
                    RawDocument(
                        origin=f"pair:{len(documents)}",
                        text=text,
                        id=f"p{len(documents)}",
                        lang=lang,
                    )
                )
            ends.append(texts[key])
        pairs.append(
            (ends[0], ends[1], float(record["overall"]), f"{record['lang1']}-{record['lang2']}")
        )  # type: ignore[arg-type]
    return prepare_all(documents, settings), pairs


def neutral_scorer() -> Scorer:
    n = len(FEATURES)
    return Scorer(np.zeros(n), 0.0, np.zeros(n), np.ones(n), 0.5, {})


def background_of(articles: Sequence[ArticleSignals]) -> Background:
    """Term and name document frequencies (terms seen in one document only are dropped, to
    keep the file small) and the mean vector of each language with enough articles."""
    terms, names = DocumentFrequencies(), DocumentFrequencies()
    sums: dict[str, np.ndarray] = {}
    counts: dict[str, int] = {}
    for s in articles:
        assert s.vector is not None
        terms.add(s.lang, s.terms)
        names.add(NAMES_LANGUAGE, s.names)
        sums[s.lang] = sums.get(s.lang, np.zeros(s.vector.shape, dtype=np.float64)) + s.vector
        counts[s.lang] = counts.get(s.lang, 0) + 1
    means = {lang: sums[lang] / counts[lang] for lang in sorted(sums) if counts[lang] >= 20}
    return Background(_pruned(terms), _pruned(names), means)


def _pruned(frequencies: DocumentFrequencies) -> DocumentFrequencies:
    state = frequencies.to_state()
    for entry in state["languages"].values():
        entry["frequencies"] = {t: n for t, n in entry["frequencies"].items() if n >= 2}
    return DocumentFrequencies.from_state(state)


def teacher_forced(
    items: list[Labelled], background: Background
) -> tuple[np.ndarray, np.ndarray, float]:
    """Article-vs-candidate examples of a gold-labelled stream, and the candidate recall."""
    clusterer = StoryClusterer(neutral_scorer(), dim=_dim(items), background=background)
    story_of_label: dict[str, str] = {}
    label_of_story: dict[str, str] = {}
    rows, labels = [], []
    reachable = misses = 0
    for item in items:
        scored = clusterer.score_candidates(item.signals)
        found = False
        for _p, story_id, comparison in scored:
            rows.append(comparison.values)
            same = label_of_story[story_id] == item.label
            labels.append(same)
            found = found or same
        if item.label in story_of_label:
            reachable += 1
            misses += not found
        story_id = clusterer.place(item.signals, story_of_label.get(item.label))
        story_of_label[item.label] = story_id
        label_of_story[story_id] = item.label
    recall = 1.0 - misses / reachable if reachable else 1.0
    return np.array(rows), np.array(labels, dtype=float), recall


def pair_features(
    articles: list[ArticleSignals], pairs: list[tuple[int, int, float, str]], background: Background
) -> np.ndarray:
    clusterer = StoryClusterer(neutral_scorer(), dim=_dim_of(articles), background=background)
    for s in articles:  # the stream's statistics (document frequencies, language means)
        clusterer._learn(s)
    return np.array(
        [clusterer.compare(articles[a], articles[b])[1].values for a, b, _o, _l in pairs]
    )


def fit(
    cluster_x: np.ndarray, cluster_y: np.ndarray, pair_x: np.ndarray, pair_y: np.ndarray
) -> Scorer:
    """Logistic regression on standardised features; pairs enter as soft labels."""
    x = np.vstack([cluster_x, pair_x, pair_x])
    y = np.concatenate([cluster_y, np.ones(len(pair_x)), np.zeros(len(pair_x))])
    pair_weight = PAIR_SHARE * len(cluster_x) / max(len(pair_x), 1)
    w = np.concatenate([np.ones(len(cluster_x)), pair_weight * pair_y, pair_weight * (1 - pair_y)])
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit((x - means) / scales, y, sample_weight=w)
    return Scorer(
        model.coef_[0].astype(np.float64), float(model.intercept_[0]), means, scales, 0.5, {}
    )


def stream_bcubed(items: list[Labelled], scorer: Scorer, background: Background) -> float:
    clusterer = StoryClusterer(scorer, dim=_dim(items), background=background)
    predicted = {
        i.signals.article_id: clusterer.assign(copy.copy(i.signals)).assignment.story_id
        for i in items
    }
    return bcubed(predicted, {i.signals.article_id: i.label for i in items}).f1


def orders(items: list[Labelled], shuffles: int) -> list[list[Labelled]]:
    """The stream in its own order, then in ``shuffles`` seeded random orders."""
    found = [list(items)]
    for seed in range(shuffles):
        order = list(items)
        random.Random(seed).shuffle(order)
        found.append(order)
    return found


def mean_bcubed(streams: list[list[Labelled]], scorer: Scorer, background: Background) -> float:
    """Mean BCubed F1 over several orders: a threshold must not depend on the order."""
    return sum(stream_bcubed(s, scorer, background) for s in streams) / len(streams)


def with_threshold(scorer: Scorer, threshold: float) -> Scorer:
    return Scorer(
        scorer.coefficients, scorer.intercept, scorer.means, scorer.scales, threshold, scorer.info
    )


def pair_pearson(scorer: Scorer, x: np.ndarray, overall: np.ndarray) -> float:
    return pearson([scorer.probability(row) for row in x], list(-overall))


def _dim(items: list[Labelled]) -> int:
    return _dim_of([i.signals for i in items])


def _dim_of(items: Sequence[ArticleSignals]) -> int:
    first = items[0].vector
    assert first is not None
    return int(first.shape[0])


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Train the same-story scorer.")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "src/storyweave/cluster/scorer.json")
    args = parser.parse_args()
    settings = Settings()

    log("preparing development articles …")
    vlsp = load_clustering_set(args.data / "vlsp-abmusu", settings)
    samples = load_clustering_set(args.data / "samples" / "aleppo-2016", settings)
    pair_articles, pairs = load_pairs(args.data / "semeval2022-dev", settings)
    background = background_of(
        [i.signals for i in vlsp] + [i.signals for i in samples] + pair_articles
    )

    train = [i for i in vlsp if "-train-" in i.label]
    held_out = [i for i in vlsp if "-train-" not in i.label]
    cluster_x, cluster_y, recall = teacher_forced(train, background)
    sample_x, sample_y, _ = teacher_forced(samples, background)
    log(f"clustering examples: {len(cluster_x)} (candidate recall {recall:.3f})")
    pair_x = pair_features(pair_articles, pairs, background)
    overall = np.array([o for _a, _b, o, _l in pairs])
    pair_y = (4.0 - overall) / 3.0

    # Held-out Pearson: 5 folds over the pairs (clustering examples always in).
    folds = np.arange(len(pairs)) % 5
    held_scores = np.zeros(len(pairs))
    for fold in range(5):
        part = fit(
            np.vstack([cluster_x, sample_x]),
            np.concatenate([cluster_y, sample_y]),
            pair_x[folds != fold],
            pair_y[folds != fold],
        )
        held_scores[folds == fold] = [part.probability(row) for row in pair_x[folds == fold]]
    cv_pearson = pearson(list(held_scores), list(-overall))

    scorer = fit(
        np.vstack([cluster_x, sample_x]), np.concatenate([cluster_y, sample_y]), pair_x, pair_y
    )
    train_orders = orders(train, SHUFFLES)
    by_threshold = {
        t: mean_bcubed(train_orders, with_threshold(scorer, t), background) for t in THRESHOLDS
    }
    best = max(THRESHOLDS, key=lambda t: (by_threshold[t], -abs(t - 0.5)))
    scorer = with_threshold(scorer, best)
    info = {
        "trained_on": "vlsp-abmusu train stories, aleppo-2016 sample, semeval2022-dev pairs",
        "threshold_bcubed_train": {str(t): round(f, 4) for t, f in by_threshold.items()},
        "bcubed_vlsp_validation": round(stream_bcubed(held_out, scorer, background), 4),
        "bcubed_vlsp_validation_shuffled": round(
            mean_bcubed(orders(held_out, SHUFFLES)[1:], scorer, background), 4
        ),
        "bcubed_vlsp_all": round(stream_bcubed(vlsp, scorer, background), 4),
        "pearson_pairs_in_sample": round(pair_pearson(scorer, pair_x, overall), 4),
        "pearson_pairs_5fold": round(cv_pearson, 4),
        "candidate_recall": round(recall, 4),
    }
    scorer = Scorer(
        scorer.coefficients, scorer.intercept, scorer.means, scorer.scales, scorer.threshold, info
    )
    args.out.write_text(json.dumps(scorer.to_json(), indent=1) + "\n", encoding="utf-8")
    background_path = args.out.with_name(BACKGROUND_FILE)
    background_path.write_text(
        json.dumps(background.to_json(), separators=(",", ":")) + "\n", encoding="utf-8"
    )
    for name, weight in zip(FEATURES, scorer.coefficients, strict=True):
        log(f"  {name:<22} {weight:+.3f}")
    log(json.dumps(info, indent=1))
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
