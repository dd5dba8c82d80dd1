"""The whole cleaning stage on small texts: body layout, audit trail and no damage to clean text."""

from __future__ import annotations

import pytest

from storyweave.clean import CleanedText, clean_text

PARAGRAPHS = [
    "The city council voted on Monday to close the old bridge for repairs.",
    "Work is expected to take six months, the mayor said in a statement.",
    "Residents will be able to use a ferry in the meantime.",
]


def _offsets_match(raw: str, cleaned: CleanedText) -> None:
    for span in cleaned.removed:
        assert raw[span.start : span.end] == span.text
        assert span.text.strip()


def test_clean_text_passes_through_untouched() -> None:
    raw = "\n\n".join(PARAGRAPHS)
    cleaned = clean_text(raw)
    assert cleaned == CleanedText(title=None, body=raw, removed=[], dateline=None)


def test_single_line_breaks_become_paragraphs_and_wrapped_lines_are_joined() -> None:
    raw = "Bridge closes\nThe council voted on Monday to close\nthe old bridge.\nWork starts soon."
    cleaned = clean_text(raw)
    assert cleaned.body == (
        "The council voted on Monday to close the old bridge.\n\nWork starts soon."
    )


def test_messy_whitespace_is_normalised() -> None:
    raw = "Bridge\u00a0closes\r\n\r\nThe council\tvoted  to close\u200b the bridge.\r\nWork starts."
    cleaned = clean_text(raw)
    assert cleaned.title == "Bridge closes"
    assert cleaned.body == "The council voted to close the bridge.\n\nWork starts."
    _offsets_match(raw, cleaned)


def test_boilerplate_around_an_article_is_dropped_with_reasons() -> None:
    raw = "\n\n".join(
        [
            "Bridge to close for repairs",
            "By Jane Doe, Daily Courier | Updated: 12 March 2020",
            "The mayor at the bridge in this picture taken on March 10, 2020.",
            "Photo: Jane Doe/Daily Courier",
            PARAGRAPHS[0],
            "Read more: Ferry prices to rise",
            PARAGRAPHS[1],
            "Reuters",
            PARAGRAPHS[2],
            PARAGRAPHS[0],
            "Share",
            "Tags: bridge, council",
        ]
    )
    cleaned = clean_text(raw)
    assert cleaned.title == "Bridge to close for repairs"
    assert cleaned.dateline == "By Jane Doe, Daily Courier | Updated: 12 March 2020"
    assert cleaned.body == "\n\n".join(PARAGRAPHS)
    assert [span.reason for span in cleaned.removed] == [
        "title",
        "dateline",
        "caption",
        "credit",
        "link-line",
        "credit",
        "duplicate-paragraph",
        "navigation",
        "trailing-junk",
    ]
    _offsets_match(raw, cleaned)


def test_repeated_caption_beside_a_credit_is_dropped_both_times() -> None:
    caption = "Der Minister bei einem Treffen in Berlin, Deutschland 3. Mai 2019."
    raw = "\n".join(["Minister trifft Amtskollegen", caption, "dpa", caption, *PARAGRAPHS])
    cleaned = clean_text(raw)
    assert cleaned.body == "\n\n".join(PARAGRAPHS)
    assert {span.reason for span in cleaned.removed} >= {"caption", "credit", "duplicate-caption"}


def test_link_tail_glued_to_the_end_is_cut() -> None:
    raw = (
        "Giá xăng giảm mạnh\nSáng nay giá xăng giảm. Người dân vui mừng.Xem thêm: Giá vàng hôm nay "
        "tăng mạnhMinh Anh"
    )
    cleaned = clean_text(raw)
    assert cleaned.body == "Sáng nay giá xăng giảm. Người dân vui mừng."
    assert cleaned.removed[-1].reason == "link-line"
    _offsets_match(raw, cleaned)


def test_glued_sentences_in_the_body_are_repaired() -> None:
    cleaned = clean_text("Es regnete.Dann kam die Sonne.\nDie Stadt feierte mit 2.500 Gästen.")
    assert cleaned.body == "Es regnete. Dann kam die Sonne.\n\nDie Stadt feierte mit 2.500 Gästen."


def test_subheading_inside_the_body_is_kept() -> None:
    raw = "\n\n".join([PARAGRAPHS[0], "A long wait", PARAGRAPHS[1], PARAGRAPHS[2]])
    assert clean_text(raw).body == raw


def test_list_introduced_by_a_colon_is_kept_at_the_end() -> None:
    items = ["Lyon, France", "Turin, Italy", "Porto, Portugal", "Ghent, Belgium"]
    raw = "\n\n".join([PARAGRAPHS[0], "The service covers these cities:", *items])
    assert clean_text(raw).body == raw


def test_empty_and_furniture_only_texts() -> None:
    assert clean_text("") == CleanedText(title=None, body="", removed=[], dateline=None)
    assert clean_text("   \n\t").body == ""
    assert clean_text("Share").body == ""
    lone = clean_text("Just one headline-like line")
    assert (lone.title, lone.body) == (None, "Just one headline-like line")


def test_a_consent_notice_is_dropped_and_its_continuation_with_it() -> None:
    notice = (
        "We use cookies to improve our site. By continuing you agree to our privacy policy "
        "and to the processing of your personal data."
    )
    continuation = "You can withdraw your consent at any time."
    raw = "\n\n".join(["Bridge closes for repairs", PARAGRAPHS[0], notice, continuation])
    cleaned = clean_text(raw)
    assert cleaned.title == "Bridge closes for repairs"
    assert cleaned.body == PARAGRAPHS[0]
    assert [s.reason for s in cleaned.removed if s.reason != "title"] == ["consent-notice"] * 2
    _offsets_match(raw, cleaned)


def test_a_consent_notice_run_into_the_headline_leaves_the_headline() -> None:
    # One line: a headline, then a notice with no break between them.
    raw = (
        "Bridge closes for repairs after the council vote. To improve our site we collect data. "
        "Details are in our privacy policy. You may withdraw your consent at any time."
    )
    cleaned = clean_text(raw)
    assert cleaned.body == (
        "Bridge closes for repairs after the council vote. To improve our site we collect data."
    )
    assert [s.reason for s in cleaned.removed] == ["consent-notice"]


def test_a_report_on_privacy_rules_is_kept() -> None:
    report = [
        "The regulator said on Monday that websites must ask for consent before they set "
        "cookies, and that a privacy policy alone is not enough.",
        '"Your personal data belongs to you," the commissioner told reporters.',
        '"We never sell your personal data, and you can withdraw your consent at any time,"'
        " a spokeswoman for the company said.",
    ]
    raw = "\n\n".join(report)
    assert clean_text(raw).body == raw


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "The road was closed on Monday. Advertisement A new bridge opens in May.",
            "The road was closed on Monday. A new bridge opens in May.",
        ),
        (
            "Der Sender widerspricht. Anzeige Der Journalist arbeitet nicht mehr dort.",
            "Der Sender widerspricht. Der Journalist arbeitet nicht mehr dort.",
        ),
        (
            "W żadnym regionie nie będzie padać. REKLAMA Najcieplej będzie na zachodzie.",
            "W żadnym regionie nie będzie padać. Najcieplej będzie na zachodzie.",
        ),
        # Not between two sentences: the word is the text's own.
        (
            "Die Polizei nahm die Anzeige auf. Sie ermittelt nun.",
            "Die Polizei nahm die Anzeige auf. Sie ermittelt nun.",
        ),
        (
            "The board approved it. Advertisement revenue fell by a tenth.",
            "The board approved it. Advertisement revenue fell by a tenth.",
        ),
    ],
)
def test_advert_labels_between_sentences_are_cut(text: str, kept: str) -> None:
    cleaned = clean_text(text)
    assert cleaned.body == kept
    assert all(span.reason == "advert-label" for span in cleaned.removed)
