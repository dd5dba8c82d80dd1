"""Normalisation keeps every character's input offset while fixing spaces and breaks."""

from __future__ import annotations

import unicodedata

from storyweave.clean.normalize import normalize


def test_line_breaks_spaces_and_invisible_characters_are_normalised() -> None:
    raw = "\ufeffTitle\t here\r\n\r\n  Body\u00a0\u00a0text\u200b.  \rNext line  "
    assert normalize(raw).text == "Title here\n\nBody text.\nNext line"


def test_every_character_maps_back_to_the_same_character_of_the_input() -> None:
    raw = "  Ảnh:\u00a0  Reuters\r\nLine two\u200b\tend "
    normalized = normalize(raw)
    for index, char in enumerate(normalized.text):
        original = raw[normalized.origin[index]]
        # A space or break stands for a run of blanks and maps to the run's first char.
        assert original == char or (char in " \n" and (original.isspace() or original == "\u200b"))


def test_span_of_a_word_maps_to_that_word_in_the_input() -> None:
    raw = "A  title\r\n\r\nBody   words here"
    normalized = normalize(raw)
    start = normalized.text.index("words")
    in_start, in_end = normalized.input_span(start, start + len("words"))
    assert raw[in_start:in_end] == "words"


def test_decomposed_text_is_composed_and_offsets_cover_the_marks() -> None:
    raw = unicodedata.normalize("NFD", "Hà Nội hôm nay")
    normalized = normalize(raw)
    assert normalized.text == "Hà Nội hôm nay"
    start = normalized.text.index("Nội")
    in_start, in_end = normalized.input_span(start, start + 3)
    assert unicodedata.normalize("NFC", raw[in_start:in_end]) == "Nội"


def test_empty_and_blank_text() -> None:
    assert normalize("").text == ""
    assert normalize(" \r\n\t ").text == ""
