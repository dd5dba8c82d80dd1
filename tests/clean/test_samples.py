"""The canonical sample and real Vietnamese articles: titles, boilerplate, no damage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from storyweave.clean import CleanedText, clean_text

from ..conftest import DATA, SAMPLES, need

GLUED = regex.compile(r"\p{Ll}[.!?][\"“]?\p{Lu}")
TITLES = {
    "000": "Nga có thể thành lập liên minh quân sự với Mỹ ở Syria",
    "001": "Russia and US with action in Aleppo",
    "002": None,
    "003": "Russia Says It's Edging Closer to Deal with U.S. on Aleppo",
    "004": "Russia hints at joint military action with US in Aleppo",
}


def _sample(prefix: str) -> tuple[str, CleanedText]:
    path = next(need(SAMPLES).glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, clean_text(text)


@pytest.mark.parametrize("prefix", sorted(TITLES))
def test_sample_titles_and_no_glued_sentences(prefix: str) -> None:
    text, cleaned = _sample(prefix)
    assert cleaned.title == TITLES[prefix]
    assert GLUED.search(cleaned.body) is None
    for span in cleaned.removed:
        assert text[span.start : span.end] == span.text


def test_sample_without_title_keeps_its_first_sentence() -> None:
    text, cleaned = _sample("002")
    assert cleaned.body.split("\n\n")[0] == text.split("\n")[0]


def test_menu_block_is_gone_and_dateline_found() -> None:
    text, cleaned = _sample("003")
    menu = text[: text.index("Russia Says")].split("\n")
    assert all(line not in cleaned.body.split("\n\n") for line in menu if line)
    assert "WWW." not in cleaned.body and "Capital" not in cleaned.body
    assert cleaned.dateline == "By The News · 15 of August 2016 13:45:53"
    assert "By The News" not in cleaned.body
    assert cleaned.body.count("have been discussing greater coordination in Syria") == 1


def test_captions_credits_and_trailing_leftover_are_gone() -> None:
    _, cleaned = _sample("004")
    paragraphs = cleaned.body.split("\n\n")
    assert "in this picture released on" not in cleaned.body
    for leftover in ("TRT World and Agencies", "Reuters", "Route 6"):
        assert leftover not in paragraphs
    assert not cleaned.body.endswith("Route 6")
    assert '"Concrete and well-organised" cooperation' in paragraphs
    assert paragraphs[-1].startswith("The ICRC reiterated its call")


def test_link_tail_is_cut_and_sentences_kept() -> None:
    text, cleaned = _sample("000")
    assert "Xem thê m" not in cleaned.body
    assert "Anh Ngọc" not in cleaned.body
    assert cleaned.body.endswith("giúp phe đối lập khôi phục sức mạnh.")
    kept_words = len(cleaned.body.split())
    tail = text[text.index("Xem thê m") :]
    assert kept_words >= len(text.split()) - len(tail.split()) - 12


def _vietnamese_articles() -> list[dict[str, str]]:
    path = need(DATA / "vlsp-abmusu" / "articles.jsonl")
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_clean_articles_lose_almost_nothing() -> None:
    articles = _vietnamese_articles()
    total = removed = 0
    for article in articles:
        cleaned = clean_text(article["text"], title=article["title"])
        assert cleaned.title == article["title"]
        total += len(article["text"])
        removed += sum(span.end - span.start for span in cleaned.removed)
        assert len(cleaned.body) >= 0.5 * len(article["text"])
    assert removed / total < 0.02
