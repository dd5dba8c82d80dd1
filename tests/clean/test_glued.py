"""Glued sentences get their space back; numbers, abbreviations and addresses do not."""

from __future__ import annotations

import pytest

from storyweave.clean.glued import repair_glued_sentences


@pytest.mark.parametrize(
    ("glued", "repaired"),
    [
        ("trong nước.Tuy nhiên giá tăng.", "trong nước. Tuy nhiên giá tăng."),
        ("ông nói.Mỹ sẽ đáp trả.", "ông nói. Mỹ sẽ đáp trả."),
        ("mit Kontrollen begonnen.Saarbrücken liegt", "mit Kontrollen begonnen. Saarbrücken liegt"),
        ("Что будет дальше?Никто не знает.", "Что будет дальше? Никто не знает."),
        ("in 2019.The year after", "in 2019. The year after"),
        ("nhà nước (IS).Các nhóm", "nhà nước (IS). Các nhóm"),
        ("Es war kalt!Dann kam", "Es war kalt! Dann kam"),
    ],
)
def test_missing_space_after_a_sentence_end_is_inserted(glued: str, repaired: str) -> None:
    assert repair_glued_sentences(glued) == repaired


def test_quote_opening_the_next_sentence_goes_after_the_space() -> None:
    assert (
        repair_glued_sentences('tuyên bố hôm nay."Chúng tôi sẵn sàng", ông nói.')
        == 'tuyên bố hôm nay. "Chúng tôi sẵn sàng", ông nói.'
    )


def test_closing_quote_stays_with_its_sentence() -> None:
    assert (
        repair_glued_sentences('Er sagte: "Wir sind bereit."Danach ging er.')
        == 'Er sagte: "Wir sind bereit." Danach ging er.'
    )
    assert repair_glued_sentences("“We are ready.”Then he left.") == "“We are ready.” Then he left."


def test_quoted_sentence_followed_by_a_new_quote() -> None:
    text = 'theo "không có gì lúc này"."Chúng tôi liên lạc", ông nói.'
    repaired = 'theo "không có gì lúc này". "Chúng tôi liên lạc", ông nói.'
    assert repair_glued_sentences(text) == repaired


@pytest.mark.parametrize(
    "clean",
    [
        "About 250.000 people and 3.5 million before.",
        "The U.S. Army and the U.N. said so.",
        "The suspect S.T. was arrested by police.",
        "Visit www.example.com or news.site.vn for more.",
        "It happened at 13:45 on Monday.",
        "He paused... Then he spoke.",
        "He paused…Then he spoke.",
        "See https://example.org/Page.Html for details.",
        "Write to desk.News@example.org today.",
        "Version 1.Beta was not released.",
        "Already spaced. Nothing to do.",
    ],
)
def test_clean_text_is_left_alone(clean: str) -> None:
    assert repair_glued_sentences(clean) == clean
