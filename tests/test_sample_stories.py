"""The sample, end to end: `storyweave run SAMPLE --lang-out en` writes stories a reader can
trust (headline, attributed summary, merged entities, grouped quote, discrepancy, event date)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import SAMPLES, need

EVENT = {
    "000_2e16bb06e3f35591",
    "001_936fe0c19f821e17",
    "003_f6b2834bf645b2c9",
    "004_eb640161b00f142c",
}
VIETNAMESE = "000_2e16bb06e3f35591"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample-run")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "storyweave",
            "run",
            str(need(SAMPLES)),
            "--db",
            str(folder / "store.db"),
            "--out",
            str(folder / "out"),
            "--lang-out",
            "en",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return folder / "out"


@pytest.fixture(scope="module")
def story(output: Path) -> dict[str, Any]:
    stories = [json.loads(line) for line in (output / "stories.jsonl").read_text().splitlines()]
    found = [s for s in stories if set(s["article_ids"]) == EVENT]
    assert found, [s["article_ids"] for s in stories]
    return found[0]


def _entity(story: dict[str, Any], name: str) -> dict[str, Any]:
    matches = [e for e in story["entities"] if e["name"] == name]
    assert matches, [e["name"] for e in story["entities"]]
    return matches[0]


def test_headline_is_english(story: dict[str, Any]) -> None:
    assert story["headline"] and story["headline_lang"] == "en"
    assert "Aleppo" in story["headline"]


def test_summary_is_short_attributed_and_covers_the_event(story: dict[str, Any]) -> None:
    sentences = story["summary_sentences"]
    assert 1 <= len(sentences) <= 5
    assert all(s["article_ids"] and set(s["article_ids"]) <= EVENT for s in sentences)
    assert story["summary_lang"] == "en" and all(s["lang"] == "en" for s in sentences)
    text = story["summary"]
    assert "Shoigu" in text and "Aleppo" in text


@pytest.mark.xfail(
    reason="known shortfall: each outlet words the US answer differently and deep in its text, "
    "so it ranks below the budget",
    strict=True,
)
def test_summary_has_the_us_reaction(story: dict[str, Any]) -> None:
    sentences, text = story["summary_sentences"], story["summary"]
    # The US reaction: an official or the State Department answering the statement.
    assert any(
        ("U.S." in s["text"] or "US " in s["text"] or "United States" in s["text"])
        and any(w in s["text"] for w in ("official", "State Department", "comment", "Trudeau"))
        for s in sentences
    ), text


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Sergei Shoigu", "person"),
        ("Aleppo", "place"),
        ("Syria", "place"),
        ("Russia", "place"),
        ("United States", "place"),
    ],
)
def test_entities_merged_across_languages(story: dict[str, Any], name: str, kind: str) -> None:
    entity = _entity(story, name)
    assert entity["type"] == kind
    assert VIETNAMESE in entity["article_ids"]
    assert len(set(entity["article_ids"]) & (EVENT - {VIETNAMESE})) >= 2


def test_negotiations_statement_is_one_quote_across_languages(story: dict[str, Any]) -> None:
    grouped = [
        q
        for q in story["quotes"]
        if any("active" in v["text"] and "negotiations" in v["text"] for v in q["variants"])
    ]
    assert len(grouped) == 1
    quote = grouped[0]
    assert len(set(quote["article_ids"])) >= 3
    assert any(v["lang"] == "vi" and "đàm phán" in v["text"] for v in quote["variants"])
    assert quote["speaker"] and "Shoigu" in quote["speaker"]


def test_people_in_aleppo_is_a_discrepancy(story: dict[str, Any]) -> None:
    disputed = [d for d in story["discrepancies"] if "Aleppo" in d["what"]]
    assert len(disputed) == 1
    values = {v["value"]: set(v["article_ids"]) for v in disputed[0]["values"]}
    assert values == {
        700_000: {"001_936fe0c19f821e17"},
        300_000: {"004_eb640161b00f142c"},
    }


def test_event_date_with_note_on_the_disagreeing_source(story: dict[str, Any]) -> None:
    assert story["event_date"] == "2016-08-15"
    assert "Tuesday" in story["event_date_note"]
    assert "004_eb640161b00f142c" in story["event_date_note"]


def test_reports_present_the_story(output: Path, story: dict[str, Any]) -> None:
    html = (output / "report.html").read_text(encoding="utf-8")
    markdown = (output / "report.md").read_text(encoding="utf-8")
    for report in (html, markdown):
        assert story["id"] in report
        assert "700,000" in report and "300,000" in report
