"""The canonical sample, end to end through `storyweave run`: what a user sees in articles.jsonl."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import SAMPLES, need

# A lower-case letter, sentence-final punctuation, maybe a quote, then a capital: a glued join.
GLUED = re.compile(r"[a-zà-ỹđ][.!?][\"“”]?(?:[A-ZÀ-ỸĐ]|[\"“][A-ZÀ-ỸĐ])")


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("run")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "storyweave",
            "run",
            str(need(SAMPLES)),
            "--db",
            str(folder / "sample.db"),
            "--out",
            str(folder / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = (folder / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    return {record["id"]: record for record in records}


def test_exactly_the_five_sample_articles_are_stored(articles: dict[str, dict[str, Any]]) -> None:
    assert sorted(articles) == sorted(path.stem for path in SAMPLES.glob("*.txt"))


def test_titles(articles: dict[str, dict[str, Any]]) -> None:
    assert articles["000_2e16bb06e3f35591"]["title"] == (
        "Nga có thể thành lập liên minh quân sự với Mỹ ở Syria"
    )
    assert articles["001_936fe0c19f821e17"]["title"] == "Russia and US with action in Aleppo"
    # The third article starts straight with its first sentence: it has no title.
    assert articles["002_b129aac04b4d7bd7"]["title"] is None
    assert articles["003_f6b2834bf645b2c9"]["title"] == (
        "Russia Says It's Edging Closer to Deal with U.S. on Aleppo"
    )
    assert articles["004_eb640161b00f142c"]["title"] == (
        "Russia hints at joint military action with US in Aleppo"
    )


def test_clean_text_starts_after_the_title(articles: dict[str, dict[str, Any]]) -> None:
    first = articles["000_2e16bb06e3f35591"]["clean_text"]
    assert first.startswith("Moscow hôm qua tuyên bố")


def test_languages(articles: dict[str, dict[str, Any]]) -> None:
    languages = {article_id: record["lang"] for article_id, record in articles.items()}
    assert languages == {
        "000_2e16bb06e3f35591": "vi",
        "001_936fe0c19f821e17": "en",
        "002_b129aac04b4d7bd7": "vi",
        "003_f6b2834bf645b2c9": "en",
        "004_eb640161b00f142c": "en",
    }


def test_no_menu_line_of_the_fourth_sample_is_left(articles: dict[str, dict[str, Any]]) -> None:
    raw = (SAMPLES / "003_f6b2834bf645b2c9.txt").read_text(encoding="utf-8")
    title = articles["003_f6b2834bf645b2c9"]["title"]
    menu = [line.strip() for line in raw[: raw.index(title)].splitlines() if line.strip()]
    assert len(menu) >= 15
    clean_text = articles["003_f6b2834bf645b2c9"]["clean_text"]
    clean_lines = {line.strip() for line in clean_text.splitlines()}
    assert not clean_lines & set(menu)
    removed = articles["003_f6b2834bf645b2c9"]["removed"]
    assert any(span["reason"] == "navigation" for span in removed)


def test_no_glued_sentences(articles: dict[str, dict[str, Any]]) -> None:
    raw = (SAMPLES / "000_2e16bb06e3f35591.txt").read_text(encoding="utf-8")
    assert GLUED.search(raw), "the sample itself has glued sentences"
    for article_id, record in articles.items():
        glued = GLUED.search(record["clean_text"])
        assert glued is None, (article_id, glued)
    assert "Syria. Tuy nhiên" in articles["000_2e16bb06e3f35591"]["clean_text"]


def test_fourth_sample_is_dated_from_its_dateline(articles: dict[str, dict[str, Any]]) -> None:
    record = articles["003_f6b2834bf645b2c9"]
    assert record["published"].startswith("2016-08-15")
    assert record["published_source"] == "dateline"


def test_every_removal_is_recorded_with_its_reason(articles: dict[str, dict[str, Any]]) -> None:
    for article_id, record in articles.items():
        for span in record["removed"]:
            assert span["reason"]
            assert (
                Path(SAMPLES / f"{article_id}.txt")
                .read_text(encoding="utf-8")
                .replace("\r\n", "\n")[span["start"] : span["end"]]
                == span["text"]
            )
