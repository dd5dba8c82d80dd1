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
   The Vietnamese examples are also seen as if the article were in another language.
4. Examples of article pairs rated for similarity (1 = same event … 4 = unrelated), as soft
   labels, so that ``Engine.similarity`` is a calibrated probability too.
5. Gradient-boosted trees on both, monotone in the evidence (:mod:`storyweave.cluster.scorer`);
   then the threshold that maximises the worst BCubed F1 (the mean breaks ties) of the real
   online clustering of the training stories, in file order and in seeded random orders.

Held-out figures are printed for the record: the VLSP validation stories (never trained on)
and 5-fold cross-validated Pearson on the similarity pairs.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
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
from sklearn.ensemble import HistGradientBoostingClassifier

from storyweave.cluster.background import BACKGROUND_FILE, Background
from storyweave.cluster.clusterer import NAMES_LANGUAGE, StoryClusterer, follow
from storyweave.cluster.features import EVIDENCE_DIRECTION, FEATURES
from storyweave.cluster.scorer import LinearScorer, Scorer, TreeScorer
from storyweave.config import Settings
from storyweave.evaluate.metrics import bcubed, pearson
from storyweave.evaluate.runner import read_records
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
# Weight of each clustering example seen again as if the article were in another language
# (:func:`as_if_translated`): the development stories are Vietnamese only, and without these
# the model learns that a story of two or more articles with no word in common is another story.
TRANSLATED_SHARE = 0.5
# The trees: how many, how deep, how much each one counts, and the L2 penalty on leaf values.
TREES = 150
TREE_DEPTH = 3
LEARNING_RATE = 0.05
L2_REGULARISATION = 1.0


@dataclass(slots=True)
class Labelled:
    signals: ArticleSignals
    label: str


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
    encoder = get_encoder(encoder_name)
    # The encoder's settings (its token budget, for one) change the vectors as much as the texts.
    identity = f"{getattr(encoder, 'max_tokens', '')}:{getattr(encoder, 'variant', '')}"
    digest = hashlib.sha256("\x00".join([encoder_name, identity, *texts]).encode("utf-8"))
    path = CACHE / f"vectors-{digest.hexdigest()[:20]}.npy"
    if path.exists():
        return np.load(path)
    vectors = np.vstack([encoder.encode(texts[i : i + 64]) for i in range(0, len(texts), 64)])
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def load_clustering_set(folder: Path, settings: Settings) -> list[Labelled]:
    gold = {str(r["id"]): str(r["story"]) for r in read_records(folder / "gold.jsonl")}
    documents = []
    for number, record in enumerate(read_records(folder / "articles.jsonl"), 1):
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
    for record in read_records(folder / "pairs.jsonl"):
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
    return LinearScorer(np.zeros(n), 0.0, np.zeros(n), np.ones(n), 0.5, {})


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


def meaning_ratio(pair_x: np.ndarray, overall: np.ndarray) -> float:
    """How similar in meaning (language-corrected) two reports of one event are across
    languages, relative to within one: from the pairs rated the same event (overall <= 1.5)."""
    dense = pair_x[:, FEATURES.index("dense")]
    same_language = pair_x[:, FEATURES.index("same_language")] > 0
    same_event = overall <= 1.5
    across, within = dense[same_event & ~same_language], dense[same_event & same_language]
    if not len(across) or not len(within) or within.mean() <= 0:
        return 1.0
    return float(min(across.mean() / within.mean(), 1.0))


def as_if_translated(rows: np.ndarray, ratio: float) -> np.ndarray:
    """Comparisons as they would read had the article come in a language none of the story's
    articles is in: no word overlap, meaning similarity scaled by ``ratio``
    (:func:`meaning_ratio`), names, numbers and dates unchanged (they cross languages)."""
    moved = rows.copy()
    for name in ("lexical", "lexical_mean", "same_language"):
        moved[:, FEATURES.index(name)] = 0.0
    for name in ("dense", "dense_mean"):
        moved[:, FEATURES.index(name)] *= ratio
    moved[:, FEATURES.index("dense_cross_language")] = moved[:, FEATURES.index("dense")]
    return moved


def fit(
    cluster_x: np.ndarray,
    cluster_y: np.ndarray,
    translated_x: np.ndarray,
    translated_y: np.ndarray,
    pair_x: np.ndarray,
    pair_y: np.ndarray,
) -> TreeScorer:
    """Boosted trees on the clustering examples, clustering examples as if translated, and
    the pairs (as soft labels)."""
    x = np.vstack([cluster_x, translated_x, pair_x, pair_x])
    y = np.concatenate([cluster_y, translated_y, np.ones(len(pair_x)), np.zeros(len(pair_x))])
    pair_weight = PAIR_SHARE * len(cluster_x) / max(len(pair_x), 1)
    w = np.concatenate(
        [
            np.ones(len(cluster_x)),
            np.full(len(translated_x), TRANSLATED_SHARE),
            pair_weight * pair_y,
            pair_weight * (1 - pair_y),
        ]
    )
    model = HistGradientBoostingClassifier(
        max_iter=TREES,
        max_depth=TREE_DEPTH,
        learning_rate=LEARNING_RATE,
        l2_regularization=L2_REGULARISATION,
        monotonic_cst=[EVIDENCE_DIRECTION.get(name, 0) for name in FEATURES],
        early_stopping=False,
        random_state=0,
    )
    model.fit(x, y, sample_weight=w)
    scorer = tree_scorer(model)
    # The export reads the fitted trees; it must predict exactly what the library does.
    gap = np.abs(scorer.probabilities(x) - model.predict_proba(x)[:, 1]).max()
    if gap > 1e-9:
        raise SystemExit(f"exported trees disagree with the fitted model by {gap}")
    return scorer


def tree_scorer(model: HistGradientBoostingClassifier) -> TreeScorer:
    """The fitted trees as flat node arrays (the library keeps them in ``_predictors``)."""
    trees = [iteration[0].nodes for iteration in model._predictors]
    width = max(len(nodes) for nodes in trees)
    feature = np.zeros((len(trees), width), dtype=np.intp)
    split = np.zeros((len(trees), width))
    left = np.zeros((len(trees), width), dtype=np.intp)
    right = np.zeros((len(trees), width), dtype=np.intp)
    value = np.zeros((len(trees), width))
    for t, nodes in enumerate(trees):
        for k, node in enumerate(nodes):
            if node["is_leaf"]:
                left[t, k] = right[t, k] = k
                value[t, k] = node["value"]
            else:
                feature[t, k] = node["feature_idx"]
                split[t, k] = node["num_threshold"]
                left[t, k], right[t, k] = node["left"], node["right"]
    depth = int(max(nodes["depth"].max() for nodes in trees))
    baseline = float(np.ravel(model._baseline_prediction)[0])
    return TreeScorer(baseline, feature, split, left, right, value, depth, 0.5, {})


def stream_bcubed(items: list[Labelled], scorer: Scorer, background: Background) -> float:
    clusterer = StoryClusterer(scorer, dim=_dim(items), background=background)
    predicted: dict[str, str] = {}
    for i in items:
        decision = clusterer.assign(copy.copy(i.signals))
        follow(predicted, decision, clusterer.take_changes()[1])  # as the store does
    return bcubed(predicted, {i.signals.article_id: i.label for i in items}).f1


def orders(items: list[Labelled], shuffles: int) -> list[list[Labelled]]:
    """The stream in its own order, then in ``shuffles`` seeded random orders."""
    found = [list(items)]
    for seed in range(shuffles):
        order = list(items)
        random.Random(seed).shuffle(order)
        found.append(order)
    return found


def worst_and_mean_bcubed(
    streams: list[list[Labelled]], scorer: Scorer, background: Background
) -> tuple[float, float]:
    """The lowest and the mean BCubed F1 over several orders: a threshold must hold up in
    whatever order the articles come, so the worst order decides and the mean breaks ties."""
    scores = [stream_bcubed(s, scorer, background) for s in streams]
    return min(scores), sum(scores) / len(scores)


def with_threshold(scorer: TreeScorer, threshold: float) -> TreeScorer:
    return dataclasses.replace(scorer, threshold=threshold)


def model_file_text(scorer: TreeScorer) -> str:
    """The model as JSON: indented, but each tree on one line (a tree is read as a whole)."""
    data = scorer.to_json()
    trees = data.pop("trees")
    text = json.dumps({**data, "trees": None}, indent=1)
    lines = ",\n".join("  " + json.dumps(tree, separators=(",", ":")) for tree in trees)
    return text.replace('"trees": null', '"trees": [\n' + lines + "\n ]") + "\n"


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
    ratio = meaning_ratio(pair_x, overall)
    log(f"meaning similarity across languages / within one, same event: {ratio:.3f}")
    translated_x = as_if_translated(cluster_x, ratio)

    known_x = np.vstack([cluster_x, sample_x])
    known_y = np.concatenate([cluster_y, sample_y])

    # Held-out Pearson: 5 folds over the pairs (clustering examples always in).
    folds = np.arange(len(pairs)) % 5
    held_scores = np.zeros(len(pairs))
    for fold in range(5):
        part = fit(
            known_x, known_y, translated_x, cluster_y, pair_x[folds != fold], pair_y[folds != fold]
        )
        held_scores[folds == fold] = part.probabilities(pair_x[folds == fold])
    cv_pearson = pearson(list(held_scores), list(-overall))

    scorer = fit(known_x, known_y, translated_x, cluster_y, pair_x, pair_y)
    train_orders = orders(train, SHUFFLES)
    by_threshold = {
        t: worst_and_mean_bcubed(train_orders, with_threshold(scorer, t), background)
        for t in THRESHOLDS
    }
    best = max(THRESHOLDS, key=lambda t: (by_threshold[t], -abs(t - 0.5)))
    scorer = with_threshold(scorer, best)
    info = {
        "trained_on": "vlsp-abmusu train stories, aleppo-2016 sample, semeval2022-dev pairs",
        "threshold_bcubed_train_worst_mean": {
            str(t): [round(worst, 4), round(mean, 4)] for t, (worst, mean) in by_threshold.items()
        },
        "bcubed_vlsp_validation": round(stream_bcubed(held_out, scorer, background), 4),
        "bcubed_vlsp_validation_shuffled": round(
            worst_and_mean_bcubed(orders(held_out, SHUFFLES)[1:], scorer, background)[1], 4
        ),
        "bcubed_vlsp_all": round(stream_bcubed(vlsp, scorer, background), 4),
        "pearson_pairs_in_sample": round(pair_pearson(scorer, pair_x, overall), 4),
        "pearson_pairs_5fold": round(cv_pearson, 4),
        "candidate_recall": round(recall, 4),
    }
    scorer = dataclasses.replace(scorer, info=info)
    args.out.write_text(model_file_text(scorer), encoding="utf-8")
    background_path = args.out.with_name(BACKGROUND_FILE)
    background_path.write_text(
        json.dumps(background.to_json(), separators=(",", ":")) + "\n", encoding="utf-8"
    )
    log(f"{scorer.feature.shape[0]} trees of depth {scorer.depth}")
    log(json.dumps(info, indent=1))
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
