"""Fit the model that weighs what a story's summary should cover (``summary_pairs.json``).

Every pair of adjacent words in a gold story of a summary set (``vlsp-abmusu``: articles,
gold stories, reference summaries) is one example. Its features are the bins it falls in
(:func:`storyweave.stories.summary_coverage.pair_bins`: how widely and often the story says it,
how early, in which paragraph, in a title, stop words, digits), one indicator per bin; its label
is whether a reference summary of the story holds the pair. A logistic regression (L2, ``--c``)
gives every bin its logit term, and the terms are the model file.

Before the final fit, folds over the stories (``--folds``) measure the model on stories it was
not fitted on: each fold's stories are summarised with the model fitted on the other folds,
and ROUGE-2 is set against the lead baseline at the same length, as
``benchmarks/summaries.py`` does. Both figures, held out and in-sample, go into the file's
``info``.

    python training/fit_summary_pairs.py [--data DIR] [--out FILE] [--c 1.0] [--folds 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from storyweave.evaluate.rouge import mean_rouge, rouge
from storyweave.stories.summary import summarize
from storyweave.stories.summary_coverage import (
    COARSE_SHARES,
    COUNTS,
    NOT_IN_EARLIEST,
    PARAGRAPH_EDGES,
    POSITIONS,
    SHARES,
    PairBins,
    PairModel,
    pair_bins,
    sentence_pairs,
)
from storyweave.stories.summary_sentences import read_sentences

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from summaries import GoldStory, lead_baseline, load_stories  # noqa: E402

#: Where each term's indicators start among the columns, and how many it has.
BLOCKS = {
    "spread": SHARES * COUNTS,
    "first_sentence": POSITIONS * COARSE_SHARES,
    "in_earliest": NOT_IN_EARLIEST + 1,
    "first_paragraph": len(PARAGRAPH_EDGES) + 1,
    "in_title": 1,
    "stop_words": 3,
    "has_number": 1,
}
OFFSETS = dict(zip(BLOCKS, np.cumsum([0, *BLOCKS.values()])[:-1].tolist(), strict=True))
COLUMNS = sum(BLOCKS.values())
#: Decimals kept of each term: finer differences are below what the data can tell apart.
DECIMALS = 2
#: The summary budget measured (the engine's default).
MAX_SENTENCES, MAX_WORDS = 5, 120


def columns(bins: PairBins) -> tuple[int, ...]:
    """The indicator columns a pair's bins switch on."""
    found = [
        OFFSETS["spread"] + bins.share * COUNTS + bins.occurrences,
        OFFSETS["first_sentence"] + bins.first_sentence * COARSE_SHARES + bins.coarse_share,
        OFFSETS["in_earliest"] + bins.in_earliest,
        OFFSETS["first_paragraph"] + bins.first_paragraph,
        OFFSETS["stop_words"] + bins.stop_words,
    ]
    if bins.in_title:
        found.append(OFFSETS["in_title"])
    if bins.has_number:
        found.append(OFFSETS["has_number"])
    return tuple(found)


def story_examples(story: GoldStory) -> Counter[tuple[tuple[int, ...], bool]]:
    """How many pairs of the story fall in each combination of bins, with and without a
    reference summary holding them."""
    sentences = read_sentences(story.articles)
    titles = {i: a.title for i, a in enumerate(story.articles) if a.title}
    wanted = {pair for text in story.references for pair in sentence_pairs(text)}
    return Counter(
        (columns(bins), pair in wanted) for pair, bins in pair_bins(sentences, titles).items()
    )


def fit(examples: Sequence[Counter[tuple[tuple[int, ...], bool]]], c: float) -> PairModel:
    """The logistic model of the stories' examples (identical rows fitted once, weighted)."""
    total: Counter[tuple[tuple[int, ...], bool]] = Counter()
    for counted in examples:
        total.update(counted)
    rows = list(total)
    x = np.zeros((len(rows), COLUMNS))
    for row, (switched, _label) in enumerate(rows):
        x[row, list(switched)] = 1.0
    y = np.array([label for _switched, label in rows], dtype=int)
    weight = np.array([total[row] for row in rows], dtype=float)
    model = LogisticRegression(C=c, max_iter=5000).fit(x, y, sample_weight=weight)
    terms = [round(float(v), DECIMALS) for v in model.coef_[0]]

    def block(name: str) -> list[float]:
        return terms[OFFSETS[name] : OFFSETS[name] + BLOCKS[name]]

    def grid(values: list[float], width: int) -> tuple[tuple[float, ...], ...]:
        return tuple(tuple(values[i : i + width]) for i in range(0, len(values), width))

    return PairModel(
        bias=round(float(model.intercept_[0]), DECIMALS),
        spread=grid(block("spread"), COUNTS),
        first_sentence=grid(block("first_sentence"), COARSE_SHARES),
        in_earliest=tuple(block("in_earliest")),
        first_paragraph=tuple(block("first_paragraph")),
        in_title=block("in_title")[0],
        stop_words=tuple(block("stop_words")),
        has_number=block("has_number")[0],
    )


def rouge2_against_lead(
    stories: Sequence[GoldStory], models: Sequence[PairModel]
) -> dict[str, float | None]:
    """Mean ROUGE-2 of the summaries (story ``i`` with ``models[i]``) and of the lead baseline
    at the same length, and their ratio."""
    ours, lead = [], []
    for story, model in zip(stories, models, strict=True):
        sentences, _ = summarize(story.articles, "vi", MAX_SENTENCES, MAX_WORDS, pair_model=model)
        summary = " ".join(s.text for s in sentences)
        ours.append(rouge(summary, story.references))
        lead.append(rouge(lead_baseline(story, len(summary.split())), story.references))
    mine, theirs = mean_rouge(ours).rouge2, mean_rouge(lead).rouge2
    return {
        "rouge2": round(mine, 4),
        "lead_rouge2": round(theirs, 4),
        "ratio": round(mine / theirs, 4) if theirs else None,
    }


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="Fit the summary pair-weight model.")
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared/data/vlsp-abmusu")
    parser.add_argument(
        "--out", type=Path, default=REPO / "src/storyweave/stories/summary_pairs.json"
    )
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()

    log(f"reading {args.data} …")
    stories = load_stories(args.data)
    examples = [story_examples(story) for story in stories]
    pairs = sum(sum(counted.values()) for counted in examples)
    log(f"{len(stories)} stories, {pairs} pairs")

    fold_of = np.arange(len(stories)) % args.folds
    held_out_models: list[PairModel] = [None] * len(stories)  # type: ignore[list-item]
    for fold in range(args.folds):
        model = fit([e for e, f in zip(examples, fold_of, strict=True) if f != fold], args.c)
        for index in np.flatnonzero(fold_of == fold):
            held_out_models[index] = model
    held_out = rouge2_against_lead(stories, held_out_models)
    log(f"held out ({args.folds} folds): {held_out}")

    model = fit(examples, args.c)
    in_sample = rouge2_against_lead(stories, [model] * len(stories))
    log(f"in-sample: {in_sample}")
    info = {
        "fitted_on": f"{args.data.name}: {len(stories)} stories, {pairs} word pairs",
        "c": args.c,
        "budget": {"sentences": MAX_SENTENCES, "words": MAX_WORDS},
        f"rouge2_held_out_{args.folds}_folds": held_out,
        "rouge2_in_sample": in_sample,
    }
    model = dataclasses.replace(model, info=info)
    args.out.write_text(json.dumps(model.to_json()) + "\n", encoding="utf-8")
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
