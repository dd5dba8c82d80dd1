"""Line rules: credits, captions, link lines, furniture and trailing junk, in several languages."""

from __future__ import annotations

import pytest

from storyweave.clean.boilerplate import (
    credit_tail_start,
    ends_with_place_and_date,
    is_caption,
    is_credit,
    is_link_line,
    is_page_furniture,
    is_trailing_junk,
    line_reason,
    link_tail_start,
)


@pytest.mark.parametrize(
    "line",
    [
        "Reuters",
        "AFP",
        "Daily Wire and Agencies",
        "AP Photo",
        "Photo: Jane Doe/AFP",
        "Foto: dpa",
        "Ảnh: Minh Anh",
        "Kaynak: AA",
        "(Theo Bloomberg)",
        "(Tổng hợp)",
        "Quelle: Statistisches Bundesamt",
        "© Regional Zeitung 2020",
        "By John Smith",
        "Agencias y Redacción",
    ],
)
def test_credits(line: str) -> None:
    assert is_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "Sources of tension",
        "Reuters reported that the talks had failed.",
        "The photo was taken in 2019 by a passer-by, the police said.",
        "Agencies have warned of further delays this winter.",
    ],
)
def test_text_is_not_a_credit(line: str) -> None:
    assert not is_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "The minister chairs a meeting in this picture released on May 3, 2019.",
        "Ministro durante la reunión. Foto: EFE",
        "Cảnh sát khám nghiệm hiện trường. Ảnh: Minh Anh",
        "Bộ trưởng phát biểu khai mạc hội nghị (Ảnh: TTXVN).",
        "Die Polizei im Einsatz. Symbolbild",
        "Taken June 1st, 2019, the mayor visits the port, photo: AP/Jane Doe",
    ],
)
def test_captions(line: str) -> None:
    assert is_caption(line)


def test_paragraph_ending_in_a_photo_credit_is_not_a_caption() -> None:
    paragraph = (
        "Xu hướng này đang phổ biến mạnh mẽ. Các mẫu áo trở thành món đồ được nhiều người "
        "tìm mua. Ảnh: Vogue."
    )
    assert not is_caption(paragraph)
    start = credit_tail_start(paragraph)
    assert start is not None and paragraph[start:] == "Ảnh: Vogue."


def test_long_paragraph_after_a_photo_credit_is_not_a_caption() -> None:
    line = "Photo: Jane DoeIn light of the outbreak, " + "the event is postponed and " * 5 + "ok."
    assert not is_caption(line)


def test_wire_caption_ending_in_place_and_date() -> None:
    assert ends_with_place_and_date("A man walks past a damaged shop in Lyon, France May 3, 2019.")
    assert not ends_with_place_and_date("The strike began on Monday, May 3, 2019.")
    assert not ends_with_place_and_date("Prices rose sharply in 2019.")


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Storm leaves thousands without power",
        "READ MORE",
        "See also: Election results",
        "Xem thêm: Giá vàng hôm nay",
        "Xem thê m: Giá vàng hôm nay",
        "Lesen Sie auch: Neue Regeln ab Montag",
        "Voir aussi : les résultats",
        "Leer más: El Gobierno anuncia",
        "Читайте также: Новые правила",
        "Czytaj także: Nowe przepisy",
        "Den vollständigen Artikel lesen ...",
        "Mời độc giả xem thêm video:",
    ],
)
def test_link_lines(line: str) -> None:
    assert is_link_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Related offences carry a sentence of up to five years.",
        "Read more about the plan, officials said, once it is published.",
        "Xem thêm các thông tin về dự án tại trụ sở ủy ban.",
    ],
)
def test_sentences_mentioning_a_marker_are_not_link_lines(line: str) -> None:
    assert not is_link_line(line)


def test_link_tail_glued_to_the_last_sentence() -> None:
    line = "Phe đối lập khôi phục sức mạnh.Xem thê m: Người dân mừng vui khi trở vềMinh Anh"
    start = link_tail_start(line, 0)
    assert start is not None and line[start:].startswith("Xem thê m")


def test_link_marker_far_from_the_end_is_not_a_tail() -> None:
    line = "Es regnete.Lesen Sie auch: Wetter " + "und dann ging es weiter im Text. " * 12
    assert link_tail_start(line, 0) is None
    assert link_tail_start("Es regnete. Lesen Sie auch: Wetter", 500) is None


@pytest.mark.parametrize(
    "line", ["Share", "Facebook Twitter Email", "Chia sẻ", "Anzeige", "Paylaş"]
)
def test_page_furniture(line: str) -> None:
    assert is_page_furniture(line)
    assert line_reason(line, near_top=False) == "navigation"


@pytest.mark.parametrize(
    "line", ["Minh Anh", "Tags: election, budget", "Từ khóa: giá vàng", "Themen folgen", "Von dpa"]
)
def test_trailing_junk(line: str) -> None:
    assert is_trailing_junk(line)


@pytest.mark.parametrize(
    "line",
    ["He resigned.", "“We will be back,” she said.", "What happens next?", "Cụ thể như sau:"],
)
def test_short_sentences_are_not_trailing_junk(line: str) -> None:
    assert not is_trailing_junk(line)


def test_bare_date_is_a_dateline_only_near_the_top() -> None:
    assert line_reason("12/03/2020 08:15", near_top=True) == "dateline"
    assert line_reason("18:23 27/08", near_top=False) is None
