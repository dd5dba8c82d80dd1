"""Story building through the Python API: incremental, resumable, and stored with the story."""

from __future__ import annotations

import json
from pathlib import Path

from storyweave import Engine
from storyweave.stories.builder import BuildOptions

from .conftest import SAMPLES, need, read_records


def sample_records() -> list[dict[str, object]]:
    records = read_records(need(SAMPLES) / "articles.jsonl")
    return [{k: v for k, v in r.items() if k not in ("lang", "published")} for r in records]


def test_only_new_or_grown_stories_are_built_again(tmp_path: Path) -> None:
    records = sample_records()
    with Engine(db=tmp_path / "store.db") as engine:
        engine.add(records[:3])
        first = engine.build_stories(BuildOptions(lang_out="en"))
        assert first == len(list(engine.stories()))
        assert engine.build_stories(BuildOptions(lang_out="en")) == 0
        engine.add(records[3:])
        rebuilt = engine.build_stories(BuildOptions(lang_out="en"))
        # The stories that gained articles (and any new one), not the untouched ones.
        assert 1 <= rebuilt < len(list(engine.stories())) + 1
        assert engine.build_stories(BuildOptions(lang_out="en")) == 0
        # Another output language builds everything again, in that language.
        assert engine.build_stories(BuildOptions(lang_out="vi")) == len(list(engine.stories()))
        vietnamese = next(s for s in engine.stories() if "000_2e16bb06e3f35591" in s.article_ids)
        assert vietnamese.summary_lang == "vi"


def test_a_built_story_survives_reopening_the_store(tmp_path: Path) -> None:
    with Engine(db=tmp_path / "store.db") as engine:
        engine.add(sample_records())
        engine.build_stories(BuildOptions(lang_out="en"))
        before = {s.id: s.to_record() for s in engine.stories()}
    with Engine(db=tmp_path / "store.db") as engine:
        after = {s.id: s.to_record() for s in engine.stories()}
        assert after == before
        assert all(record["headline"] for record in after.values())
        assert json.dumps(after, ensure_ascii=False)  # plain JSON all the way down
        assert engine.build_stories(BuildOptions(lang_out="en")) == 0
