"""Sentence splitting across scripts, without cutting at abbreviations, numbers or addresses."""

from __future__ import annotations

import pytest

from storyweave.analyze import split_sentences


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones in Washington. They talked for an hour.",
            "en",
            ["Mr. Smith met Dr. Jones in Washington.", "They talked for an hour."],
        ),
        (
            "Gen. Petraeus spoke to the U.S. Army. St. Louis was next.",
            "en",
            ["Gen. Petraeus spoke to the U.S. Army.", "St. Louis was next."],
        ),
        (
            "The deal was struck in the U.S. The president agreed.",
            "en",
            ["The deal was struck in the U.S.", "The president agreed."],
        ),
        (
            "John F. Kennedy was elected in 1960. He was young.",
            "en",
            ["John F. Kennedy was elected in 1960.", "He was young."],
        ),
        (
            "Growth was 2.2 percent, or 3,5 in places. About 700.000 people left.",
            "en",
            ["Growth was 2.2 percent, or 3,5 in places.", "About 700.000 people left."],
        ),
        (
            "See www.example.com or write to info@example.org for details. Then wait.",
            "en",
            ["See www.example.com or write to info@example.org for details.", "Then wait."],
        ),
        (
            "He paused... and then went on. The room … was silent.",
            "en",
            ["He paused... and then went on.", "The room … was silent."],
        ),
        (
            "The meeting ends at 5 p.m. The minister will then leave.",
            "en",
            ["The meeting ends at 5 p.m.", "The minister will then leave."],
        ),
        (
            "Apple Inc. The company grew fast. Shares of Apple Inc. rose.",
            "en",
            ["Apple Inc.", "The company grew fast.", "Shares of Apple Inc. rose."],
        ),
        (
            "The report appeared on example.com. Russia denied it.",
            "en",
            ["The report appeared on example.com.", "Russia denied it."],
        ),
        ("Is it true?! Yes.", "en", ["Is it true?!", "Yes."]),
    ],
)
def test_latin_script_abbreviations_numbers_and_addresses(
    text: str, lang: str, expected: list[str]
) -> None:
    assert split_sentences(text, lang) == expected


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = "“We are nearing a deal,” he said. “It is close.” Then he left."
    assert split_sentences(text, "en") == [
        "“We are nearing a deal,” he said.",
        "“It is close.”",
        "Then he left.",
    ]
    assert split_sentences('He said: "We are close." Officials disagreed.', "en") == [
        'He said: "We are close."',
        "Officials disagreed.",
    ]


def test_question_inside_a_quote_does_not_end_the_sentence() -> None:
    assert split_sentences('"Why now?" he asked. Nobody knew.', "en") == [
        '"Why now?" he asked.',
        "Nobody knew.",
    ]


def test_vietnamese_titles_and_abbreviations() -> None:
    text = (
        "Ông Nguyễn Văn An nói. Ông cho biết sẽ đến TP. Hồ Chí Minh. "
        "PGS.TS. Trần Văn Bình và Th.S Lê Chi đã đến. TS. Đỗ Dũng phát biểu."
    )
    assert split_sentences(text, "vi") == [
        "Ông Nguyễn Văn An nói.",
        "Ông cho biết sẽ đến TP. Hồ Chí Minh.",
        "PGS.TS. Trần Văn Bình và Th.S Lê Chi đã đến.",
        "TS. Đỗ Dũng phát biểu.",
    ]


def test_vietnamese_pronoun_ong_is_not_an_abbreviation() -> None:
    assert split_sentences("Chúng tôi đã hỏi ông. Ông từ chối trả lời.", "vi") == [
        "Chúng tôi đã hỏi ông.",
        "Ông từ chối trả lời.",
    ]


def test_vietnamese_numbers_and_quotes() -> None:
    text = 'Có 1.500 người tham gia, tăng 2,5%. Họ nói "Chúng tôi sẵn sàng." Sau đó họ về!'
    assert split_sentences(text, "vi") == [
        "Có 1.500 người tham gia, tăng 2,5%.",
        'Họ nói "Chúng tôi sẵn sàng."',
        "Sau đó họ về!",
    ]


def test_german_ordinals_and_abbreviations() -> None:
    text = "Am 15. August wurde z. B. Nr. 5 gewählt. Die Polizei kam am 3. Oktober."
    assert split_sentences(text, "de") == [
        "Am 15. August wurde z. B. Nr. 5 gewählt.",
        "Die Polizei kam am 3. Oktober.",
    ]


def test_german_number_can_still_end_a_sentence() -> None:
    assert split_sentences("Die Zahl der Toten stieg auf 15. Die Polizei ermittelt.", "de") == [
        "Die Zahl der Toten stieg auf 15.",
        "Die Polizei ermittelt.",
    ]


def test_spanish_inverted_marks() -> None:
    assert split_sentences("¿Qué pasó? ¡Nada! El Sr. García llegó.", "es") == [
        "¿Qué pasó?",
        "¡Nada!",
        "El Sr. García llegó.",
    ]


def test_chinese_without_spaces() -> None:
    # Full-width exclamation and question marks.
    text = "北京今天下雨。明天会放晴\uff01你去吗\uff1f好的"
    assert split_sentences(text, "zh") == [
        "北京今天下雨。",
        "明天会放晴\uff01",
        "你去吗\uff1f",
        "好的",
    ]


def test_japanese_keeps_closing_brackets() -> None:
    text = "東京都は新たに感染者を確認した。「対策を強化する。」と知事は述べた。"
    assert split_sentences(text, "ja") == [
        "東京都は新たに感染者を確認した。",
        "「対策を強化する。」",
        "と知事は述べた。",
    ]


def test_korean_with_spaces() -> None:
    assert split_sentences("서울시는 15일 발표했다. 시장은 2.5% 늘었다고 말했다.", "ko") == [
        "서울시는 15일 발표했다.",
        "시장은 2.5% 늘었다고 말했다.",
    ]


def test_arabic_and_urdu_marks() -> None:
    assert split_sentences("قال الوزير إن المفاوضات مستمرة. هل ستنجح؟ نعم ستنجح.", "ar") == [
        "قال الوزير إن المفاوضات مستمرة.",
        "هل ستنجح؟",
        "نعم ستنجح.",
    ]
    # U+06D4 is the Urdu full stop.
    assert split_sentences("مذاکرات جاری ہیں\u06d4 کیا یہ کامیاب ہوں گے؟", "ur") == [
        "مذاکرات جاری ہیں\u06d4",
        "کیا یہ کامیاب ہوں گے؟",
    ]


def test_devanagari_danda() -> None:
    assert split_sentences("भारत की राजधानी नई दिल्ली है। यह बड़ा शहर है।", "hi") == [
        "भारत की राजधानी नई दिल्ली है।",
        "यह बड़ा शहर है।",
    ]


def test_thai_is_cut_at_spaces_between_thai_runs() -> None:
    first = "ประเทศไทยมีประชากรประมาณหกสิบล้านคน"
    second = "กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย"
    third = "นายกรัฐมนตรีกล่าวเมื่อวันที่ 15 สิงหาคม 2559"
    assert split_sentences(f"{first} {second} {third}", "th") == [first, second, third]


def test_thai_short_runs_are_not_cut_off() -> None:
    assert split_sentences("นายสมชาย ใจดี กล่าวว่าเศรษฐกิจดีขึ้นมาก", "th") == [
        "นายสมชาย ใจดี กล่าวว่าเศรษฐกิจดีขึ้นมาก"
    ]


def test_line_breaks_always_end_a_sentence() -> None:
    text = "Headline without a stop\nFirst paragraph. Second sentence\n\n  Last one  "
    assert split_sentences(text, "en") == [
        "Headline without a stop",
        "First paragraph.",
        "Second sentence",
        "Last one",
    ]


def test_list_numbers_are_not_sentences() -> None:
    assert split_sentences("1. First point here\n2. Second point", "en") == [
        "1. First point here",
        "2. Second point",
    ]
    assert split_sentences("Key points: 1. Growth is up. 2. Jobs too.", "en") == [
        "Key points: 1. Growth is up.",
        "2. Jobs too.",
    ]


def test_omission_marks_do_not_end_a_sentence() -> None:
    assert split_sentences("He wrote that (...) The rest was lost.", "en") == [
        "He wrote that (...) The rest was lost."
    ]


def test_stray_punctuation_lines_are_dropped() -> None:
    assert split_sentences("A sentence.\n.\n”.\nAnother.", "en") == ["A sentence.", "Another."]


def test_unknown_language_uses_general_rules() -> None:
    assert split_sentences("Dr. Who arrived. It rained! Did it stop? Yes.", "und") == [
        "Dr. Who arrived.",
        "It rained!",
        "Did it stop?",
        "Yes.",
    ]


def test_empty_text() -> None:
    assert split_sentences("", "en") == []
    assert split_sentences(" \n\n ", "vi") == []
