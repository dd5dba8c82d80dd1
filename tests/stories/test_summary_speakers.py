"""Speakers of summary sentences: read from the verb of saying, resolved within the story,
and a summary that weighs a second statement of one speaker down."""

from __future__ import annotations

import pytest

from storyweave.analyze.attribution import sentence_speaker
from storyweave.model import Article
from storyweave.stories import summary
from storyweave.stories.summary_sentences import read_sentences
from storyweave.stories.summary_speakers import attach_speakers


def article(article_id: str, text: str) -> Article:
    return Article(article_id, text, text, None, "en", None, "unknown", article_id)


STORY = [
    article(
        "a",
        "Defence Minister Pavel Orlov said the two armies are close to a deal on the border "
        "city of Lindau.\n\nHe added that talks on the border city would resume in Geneva on "
        "Friday morning.\n\nForeign Minister Anna Berg said the talks on the border city would "
        "stay far from a deal.",
    ),
    article(
        "b",
        "The defence minister said the two armies are close to a deal on the border city of "
        "Lindau.\n\nThe talks on the border city would resume in Geneva, Orlov said.",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "surface"),
    [
        ("The talks go well, said Foreign Minister Anna Berg on Monday.", "Anna Berg"),
        ('"The talks go well," said Anna Berg, who leads the delegation.', "Anna Berg"),
        ("A government official said, however, that no deal is close.", "government official"),
        ("Norway's health minister said the wards will open.", "health minister"),
        ("The talks go well, according to Anna Berg.", "Anna Berg"),
    ],
)
def test_the_speaker_of_a_sentence(sentence: str, surface: str) -> None:
    found = sentence_speaker(sentence, "en")
    assert found is not None and found.surface == surface


def test_a_sentence_without_a_verb_of_saying_has_no_speaker() -> None:
    assert sentence_speaker("The two armies are close to a deal on the city.", "en") is None


def test_roles_and_pronouns_resolve_to_the_person_within_the_story() -> None:
    sentences = read_sentences(STORY)
    attach_speakers(STORY, sentences)
    # "He added" is Orlov; "The defence minister" of article b is named only in article a.
    assert [s.speaker for s in sentences] == ["orlov", "orlov", "berg", "orlov", "orlov"]


def test_a_summary_weighs_a_second_statement_of_one_speaker_down(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(summary, "SAME_SPEAKER_FACTOR", 0.0)
    sentences = read_sentences(STORY)
    attach_speakers(STORY, sentences)
    speaker_of = {s.text: s.speaker for s in sentences}
    chosen, _ = summary.summarize(STORY, "en", max_sentences=2)
    speakers = [speaker_of[s.text] for s in chosen if speaker_of[s.text]]
    assert len(chosen) == 2
    assert len(speakers) == len(set(speakers)), [s.text for s in chosen]
