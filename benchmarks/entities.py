"""Story entities on real pairs: are merged entities right, and how fast is extraction?

    python benchmarks/entities.py [--sample 50] [--seed 7] [--max-overall 1.5] [--vi 200]

Every SemEval-2022 pair of ../shared/data/semeval2022-dev rated ``overall <= --max-overall``
(1 = same event) is taken as a two-article story: mentions are extracted from both texts and
merged. Printed:
- a seeded random sample of merged entities that have at least two distinct surface forms or
  that merge mentions of two languages, with their type and forms, for a person to judge;
- extraction time per article by language (the Vietnamese row from the first ``--vi``
  articles of ../shared/data/vlsp-abmusu, since SemEval has no Vietnamese).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from storyweave.analyze.entities import Mention, extract_mentions
from storyweave.evaluate.runner import read_records
from storyweave.model import Entity
from storyweave.stories.entities import merge_entities

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"


class TimedExtractor:
    """Extracts mentions once per article id, keeping the time each language takes."""

    def __init__(self) -> None:
        self.cache: dict[str, list[Mention]] = {}
        self.seconds: dict[str, float] = defaultdict(float)
        self.articles: dict[str, int] = defaultdict(int)
        self.characters: dict[str, int] = defaultdict(int)

    def mentions(self, article_id: str, text: str, lang: str) -> list[Mention]:
        if article_id not in self.cache:
            started = time.perf_counter()
            self.cache[article_id] = extract_mentions(text, lang)
            self.seconds[lang] += time.perf_counter() - started
            self.articles[lang] += 1
            self.characters[lang] += len(text)
        return self.cache[article_id]


def warm_up(extractor: TimedExtractor, languages: set[str]) -> None:
    """Load models and gazetteers before timing, so that the rows time extraction only."""
    for lang in languages:
        extract_mentions("Warm Up Text. Another Sentence Here.", lang)
    del extractor


def story_entities(
    pairs: list[dict[str, Any]], extractor: TimedExtractor
) -> list[tuple[str, list[str], Entity]]:
    """(pair id, languages, entity) for every entity of every two-article story."""
    found = []
    for pair in pairs:
        first, second = pair["pair_id"].split("_")
        articles = [
            (first, pair["lang1"], extractor.mentions(first, pair["text1"], pair["lang1"])),
            (second, pair["lang2"], extractor.mentions(second, pair["text2"], pair["lang2"])),
        ]
        for entity in merge_entities(articles, lang_out="en", limit=1000):
            found.append((pair["pair_id"], [pair["lang1"], pair["lang2"]], entity))
    return found


def is_merge(languages: list[str], entity: Entity) -> bool:
    """Whether the entity merged different forms, or mentions in two languages."""
    two_languages = languages[0] != languages[1] and len(entity.article_ids) == 2
    return len(set(entity.forms)) >= 2 or two_languages


def print_sample(found: list[tuple[str, list[str], Entity]], size: int, seed: int) -> None:
    merged = [item for item in found if is_merge(item[1], item[2])]
    sample = random.Random(seed).sample(merged, min(size, len(merged)))
    print(f"{len(merged)} merged entities in {len(found)} story entities; {len(sample)} sampled")
    print(f"{'#':>3}  {'pair':<21}  {'langs':<5}  {'type':<12}  {'name':<28}  forms")
    for number, (pair_id, languages, entity) in enumerate(sample, 1):
        forms = " | ".join(entity.forms[:8]) + (" | …" if len(entity.forms) > 8 else "")
        print(
            f"{number:>3}  {pair_id:<21}  {'-'.join(languages):<5}  {entity.type:<12}  "
            f"{entity.name[:28]:<28}  {forms}"
        )


def print_speed(extractor: TimedExtractor) -> None:
    print()
    header = ("lang", "articles", "chars/article", "ms/article", "ms/3000 chars")
    print(f"{header[0]:<5}  " + "  ".join(f"{title:>13}" for title in header[1:]))
    for lang in sorted(extractor.articles):
        count, seconds = extractor.articles[lang], extractor.seconds[lang]
        characters = extractor.characters[lang]
        print(
            f"{lang:<5}  {count:>13}  {characters / count:>13.0f}  {1000 * seconds / count:>13.1f}"
            f"  {3000 * 1000 * seconds / max(characters, 1):>13.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-overall", type=float, default=1.5)
    parser.add_argument("--vi", type=int, default=200, help="Vietnamese articles to time")
    args = parser.parse_args()

    pairs = [
        pair
        for pair in read_records(args.data / "semeval2022-dev" / "pairs.jsonl")
        if pair["overall"] <= args.max_overall
    ]
    extractor = TimedExtractor()
    languages = {pair["lang1"] for pair in pairs} | {pair["lang2"] for pair in pairs} | {"vi"}
    warm_up(extractor, languages)
    found = story_entities(pairs, extractor)
    print(f"{len(pairs)} pairs with overall <= {args.max_overall} taken as two-article stories")
    print_sample(found, args.sample, args.seed)
    vlsp = args.data / "vlsp-abmusu" / "articles.jsonl"
    if vlsp.exists() and args.vi > 0:
        for record in read_records(vlsp)[: args.vi]:
            text = "\n\n".join(
                part for part in (record.get("title"), record.get("lead"), record["text"]) if part
            )
            extractor.mentions(record["id"], text, "vi")
    print_speed(extractor)


if __name__ == "__main__":
    main()
