"""Extractive story summaries: language, budget, sources, redundancy, order, sentence filters."""

from __future__ import annotations

import dataclasses
import doctest
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storyweave.model import Article, SummarySentence
from storyweave.stories import summary, summary_coverage, summary_sentences
from storyweave.stories.summary import is_summary_sentence, summarize, word_count
from storyweave.stories.summary_sentences import leans_back, read_sentences

STORY = ("000", "001", "003", "004")  # the Aleppo story of the sample; 002 is another event


def _story(sample_articles: list[Article]) -> list[Article]:
    return [a for a in sample_articles if a.id[:3] in STORY]


def _article(
    id: str, text: str, lang: str = "en", published: str | None = None, title: str | None = None
) -> Article:
    return Article(
        id=id,
        text=text,
        clean_text=text,
        title=title,
        lang=lang,
        published=published,
        published_source="given" if published else "unknown",
        content_hash=id,
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def _source_of(sentence: SummarySentence, articles: Sequence[Article]) -> Article:
    """The article whose text holds the sentence word for word."""
    (found,) = [a for a in articles if _flat(sentence.text) in _flat(a.clean_text)][:1]
    return found


class CountingEncoder:
    """A stand-in encoder: stable pseudo-random unit vectors, and a record of every call."""

    name, dim = "counting", 16

    def __init__(self) -> None:
        self.calls: list[int] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=4).digest(), "big")
            rows.append(np.random.default_rng(seed).normal(size=self.dim))
        vectors = np.asarray(rows, dtype=np.float32)
        unit: np.ndarray = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        return unit


# --- the sample story -------------------------------------------------------------------


def test_english_summary_of_the_sample_story(sample_articles: list[Article]) -> None:
    story = _story(sample_articles)
    summary, lang = summarize(story, "en")
    assert lang == "en"
    assert 1 <= len(summary) <= 5
    assert sum(word_count(s.text) for s in summary) <= 120
    ids = {a.id for a in story}
    english = {a.id for a in story if a.lang == "en"}
    for sentence in summary:
        assert sentence.lang == "en"
        assert sentence.article_ids and set(sentence.article_ids) <= ids
        assert _source_of(sentence, story).id in english
        assert _source_of(sentence, story).id in sentence.article_ids
    text = " ".join(s.text for s in summary)
    assert "Shoigu" in text
    assert "Aleppo" in text
    # The central claims are each credited to the several articles that report them, across
    # languages (the Vietnamese article included), and every article is heard.
    vietnamese = {a.id for a in story if a.lang == "vi"}
    assert any(len(s.article_ids) >= 3 and vietnamese & set(s.article_ids) for s in summary)
    assert set().union(*(s.article_ids for s in summary)) == ids


US_REACTION = re.compile(
    r"(U\.S\.|US|United States|State Department|Washington)[^.]*"
    r"(official|spokes|State Department|comment|nothing to announce|no agreement)"
    r"|(official|spokes)[^.]*(U\.S\.|US|United States|Washington)"
)


@pytest.mark.xfail(
    reason="the US response is told in different words by each outlet, deep in the articles;"
    " centrality, coverage (dense included) and position rank it below the budget, and what"
    " lifts it (shorter sentences, source quotas, coverage of facts, counting the articles that"
    " say a sentence by meaning) lowers ROUGE on vlsp-abmusu; weighing a speaker's second"
    " statement down makes room for background, not for the reaction",
    strict=True,
)
def test_english_summary_includes_the_us_reaction(sample_articles: list[Article]) -> None:
    summary, _ = summarize(_story(sample_articles), "en")
    assert any(US_REACTION.search(s.text) for s in summary)


def test_vietnamese_summary_comes_from_the_vietnamese_article(
    sample_articles: list[Article],
) -> None:
    story = _story(sample_articles)
    vietnamese = next(a for a in story if a.lang == "vi")
    summary, lang = summarize(story, "vi")
    assert lang == "vi"
    assert summary
    for sentence in summary:
        assert sentence.lang == "vi"
        assert _flat(sentence.text) in _flat(vietnamese.clean_text)
        assert vietnamese.id in sentence.article_ids
    assert "Shoigu" in " ".join(s.text for s in summary)


def test_story_without_the_output_language_keeps_each_sentence_in_its_own(
    sample_articles: list[Article],
) -> None:
    story = _story(sample_articles)
    summary, lang = summarize(story, "fr")
    assert summary
    for sentence in summary:
        assert sentence.lang == _source_of(sentence, story).lang
    languages = {s.lang for s in summary}
    assert lang == (languages.pop() if len(languages) == 1 else "mul")


def test_dense_encoder_is_called_once_with_a_few_candidates(
    sample_articles: list[Article],
) -> None:
    encoder = CountingEncoder()
    summary, lang = summarize(_story(sample_articles), "en", encoder=encoder)
    assert summary and lang == "en"
    assert len(encoder.calls) == 1
    assert 2 <= encoder.calls[0] <= 30


def test_every_sentence_stays_whole_and_within_budget(sample_articles: list[Article]) -> None:
    story = _story(sample_articles)
    for max_sentences, max_words in ((1, 120), (3, 40), (5, 60), (10, 400)):
        summary, _ = summarize(story, "en", max_sentences=max_sentences, max_words=max_words)
        assert len(summary) <= max_sentences
        assert sum(word_count(s.text) for s in summary) <= max_words
        for sentence in summary:
            _source_of(sentence, story)  # the sentence as written, not cut
            assert 6 <= word_count(sentence.text) <= 60


# --- small stories built here -----------------------------------------------------------

FLOOD = "Heavy rain flooded the old town of Riverton on Sunday night, cutting power to 3,000 homes."


def test_the_same_fact_from_three_outlets_appears_once_with_all_three() -> None:
    story = [
        _article(
            "a",
            f"{FLOOD}\n\nThe mayor of Riverton said the town hall would open as a shelter. "
            "Schools in the district will stay closed until Wednesday, officials said.",
        ),
        _article(
            "b",
            "Floods hit the old town of Riverton after heavy rain on Sunday night, leaving "
            "3,000 homes without power.\n\nForecasters expect more rain over the coming days "
            "across the whole northern region of the country.",
        ),
        _article(
            "c",
            "Riverton's old town was flooded on Sunday night by heavy rain that cut power to "
            "3,000 homes.\n\nVolunteers filled sandbags along the river banks through the "
            "night, local radio reported.",
        ),
    ]
    summary, lang = summarize(story, "en", max_sentences=4, max_words=200)
    assert lang == "en"
    about_power = [s for s in summary if "3,000" in s.text]
    assert len(about_power) == 1
    assert sorted(about_power[0].article_ids) == ["a", "b", "c"]


def test_sentences_follow_the_earliest_article_then_their_order() -> None:
    later = _article(
        "later",
        "Rescue teams reached the flooded villages of the Riverton valley on Monday morning.\n"
        "Army helicopters carried food and water to families cut off by the river in the valley.",
        published="2024-05-06T09:00:00",
    )
    earlier = _article(
        "earlier",
        "Heavy rain flooded the villages of the Riverton valley on Sunday night, officials said.\n"
        "The river rose by two metres in six hours, the regional flood agency reported.",
        published="2024-05-05T22:00:00",
    )
    summary, _ = summarize([later, earlier], "en", max_sentences=4, max_words=200)
    sources = [_source_of(s, [later, earlier]).id for s in summary]
    assert sources == sorted(sources, key=["earlier", "later"].index)
    for source in set(sources):
        texts = [s.text for s in summary if _source_of(s, [later, earlier]).id == source]
        article = earlier if source == "earlier" else later
        positions = [article.clean_text.index(text) for text in texts]
        assert positions == sorted(positions)


def test_nothing_to_summarise() -> None:
    assert summarize([], "en") == ([], None)
    too_short = _article("x", "Rain. Floods. Power cuts.")
    assert summarize([too_short], "en") == ([], None)
    assert summarize([_article("y", FLOOD)], "en", max_words=5) == ([], None)


def test_a_single_article_summarises_itself() -> None:
    summary, lang = summarize([_article("solo", FLOOD, lang="en-GB")], "en")
    assert lang == "en"
    assert [s.article_ids for s in summary] == [["solo"]]


@pytest.mark.parametrize("lang_out", ["en", "vi", "fr"])
def test_no_sentence_leans_on_one_left_out(sample_articles: list[Article], lang_out: str) -> None:
    story = _story(sample_articles)
    summary, _ = summarize(story, lang_out, max_sentences=8, max_words=250)
    texts = {_flat(s.text) for s in summary}
    sentences = read_sentences(story)
    for sentence in sentences:
        if _flat(sentence.text) in texts and sentence.leans_back:
            before = next(
                s
                for s in sentences
                if s.article == sentence.article and s.position == sentence.position - 1
            )
            assert _flat(before.text) in texts, sentence.text


LEANING = [
    _article(
        "a",
        "The old bridge of Riverton was closed to traffic by the police on Sunday evening. "
        "However, heavy rain flooded the old town of Riverton on Sunday night, cutting power.",
    ),
    _article("b", "Heavy rain flooded the old town of Riverton on Sunday night, cutting power."),
    _article("c", "The old town of Riverton was flooded by heavy rain on Sunday night."),
]


def test_a_sentence_leaning_on_the_one_before_is_not_taken_alone() -> None:
    # Article a says it best, after "However": b's plain wording is taken, and a reports it.
    summary, _ = summarize(LEANING, "en", max_sentences=1)
    assert [s.text for s in summary] == [LEANING[1].clean_text]
    assert summary[0].article_ids == ["a", "b", "c"]


def test_a_leaning_sentence_comes_with_the_one_before_it() -> None:
    bridge, flood = LEANING[0].clean_text.split(". ", 1)
    summary, _ = summarize(LEANING[:1], "en", max_sentences=2)
    assert [s.text for s in summary] == [bridge + ".", flood]
    alone, _ = summarize(LEANING[:1], "en", max_sentences=1)
    assert [s.text for s in alone] == [bridge + "."]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("He added that the talks with the American side were going well.", "en"),
        ("They said the talks with the American side were going well.", "en"),
        ("It was the first such statement by a Russian minister this year.", "en"),
        ("However, a US official said that no agreement was close at all.", "en"),
        ("But both sides are taking part in the talks in Geneva this week.", "en"),
        ("Cependant, Washington n'a pas confirmé les propos du ministre russe.", "fr"),
        ("Il a ajouté que les négociations avançaient pas à pas.", "fr"),
        ("Sin embargo, Washington no confirmó las palabras del ministro.", "es"),
        ("Er sagte, die Gespräche mit Washington seien sehr aktiv.", "de"),
        ("Tuy nhiên, giới chức Mỹ tỏ ra thờ ơ trước những phát ngôn trên.", "vi"),
        ("Ông ấy cho biết hai bên đang đàm phán rất tích cực.", "vi"),
        ("Nhóm này đang đóng vai trò quan trọng trong cuộc chiến ở Aleppo.", "vi"),
    ],
)
def test_openings_that_need_the_sentence_before(text: str, lang: str) -> None:
    assert leans_back(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Helsinki hosted the talks between the two ministers on Monday.", "en"),
        ("This week Russia said the talks with Washington were very active.", "en"),
        ("Italy and Ithaca are not pronouns, nor is Theresa May.", "en"),
        ("Il y a encore 300 000 personnes dans la ville d'Alep.", "fr"),
        ("Ông Shoigu cho biết hai bên đang đàm phán rất tích cực.", "vi"),
        ("Tuần này, Nga và Mỹ tiếp tục đàm phán về Aleppo.", "vi"),
        ("Moscow hôm qua tuyên bố Nga và Mỹ đang trên đà thành lập liên minh.", "vi"),
        ("北京今天下雨了。明天会放晴。", "zh"),
    ],
)
def test_openings_that_stand_alone(text: str, lang: str) -> None:
    assert not leans_back(text, lang)


def test_the_examples_in_the_docstrings_run() -> None:
    for module in (summary, summary_coverage, summary_sentences):
        failed, attempted = doctest.testmod(module)
        assert attempted and not failed, module.__name__


# --- which sentences may stand in a summary ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Russia and the US are near a joint military action in Aleppo, Shoigu said.",
        '"We are in a very active phase of negotiations," the minister told reporters.',
        "Moscow hôm qua tuyên bố Nga và Mỹ đang trên đà thành lập một liên minh quân sự.",
        '"We have seen the reports", an official said, "and have nothing to announce."',
    ],
)
def test_statements_qualify(text: str) -> None:
    assert is_summary_sentence(text, "vi" if "Nga" in text else "en")


@pytest.mark.parametrize(
    "text",
    [
        "Will Russia and the United States really fight together in Aleppo this year?",
        "Shoigu spoke on Monday.",  # too short
        " ".join(["word"] * 81) + ".",  # too long
        '"No one and nowhere is safe, not even the hospitals of the city."',  # quotation only
        '"We are step by step approaching an alternative in the city of Aleppo.',  # a piece
        "Concrete and well-organised cooperation between the two armies",  # a heading
        "Photo: Reuters / Omar Sanadiki, taken in eastern Aleppo on Monday.",  # a caption
        "By John Smith, Middle East correspondent in Beirut for the paper.",  # a byline
        "RUSSIA AND US NEAR A JOINT MILITARY ACTION IN ALEPPO, SAYS SHOIGU.",
        "Read the full interview at https://example.com/aleppo-interview today.",
    ],
)
def test_questions_fragments_headings_and_captions_do_not(text: str) -> None:
    assert not is_summary_sentence(text, "en")


def test_word_count_counts_two_characters_a_word_where_words_are_not_spaced() -> None:
    assert word_count("Russia and the US") == 4
    assert word_count("北京今天下雨了") == 4


# --- what the summary covers ------------------------------------------------------------


def test_a_pair_of_words_several_sources_use_outweighs_one_from_a_single_article() -> None:
    story = [
        _article("a", "Storm Ciara flooded the harbour district on Sunday night. A cat slept."),
        _article("b", "The harbour district was flooded by Storm Ciara on Sunday night."),
        _article("c", "Storm Ciara hit the coast; the harbour district flooded overnight."),
    ]
    sentences = read_sentences(story)
    weights = summary_coverage.pair_weights(sentences, {})
    assert weights[("harbour", "district")] > weights[("cat", "slept")]
    assert weights[("storm", "ciara")] > weights[("a", "cat")]


def test_a_pair_in_the_titles_weighs_more_than_the_same_pair_untitled() -> None:
    story = [_article("a", "Talks on the new border treaty resumed in Oslo on Monday morning.")]
    sentences = read_sentences(story)
    plain = summary_coverage.pair_weights(sentences, {})
    titled = summary_coverage.pair_weights(sentences, {0: "Border treaty talks resume"})
    assert titled[("border", "treaty")] > plain[("border", "treaty")]
    assert titled[("in", "oslo")] == plain[("in", "oslo")]


def test_the_shipped_pair_model_loads_and_round_trips(tmp_path: Path) -> None:
    shipped = summary_coverage.load_pair_model()
    assert shipped.info["fitted_on"].startswith("vlsp-abmusu")
    path = tmp_path / "summary_pairs.json"
    path.write_text(json.dumps(shipped.to_json()), encoding="utf-8")
    assert summary_coverage.load_pair_model(path) == shipped


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["edges"].update(share=[0.5]), "bin edges"),
        (lambda d: d["spread"].pop(), "spread must be a list of 5"),
        (lambda d: d["first_sentence"][0].append(1.0), "first_sentence must be a list of 3"),
        (lambda d: d.update(in_title="high"), "in_title must be a finite number"),
        (lambda d: d.pop("bias"), "bias must be a finite number"),
    ],
)
def test_a_broken_pair_model_file_is_refused_with_its_reason(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], reason: str
) -> None:
    data = summary_coverage.load_pair_model().to_json()
    data = json.loads(json.dumps(data))
    change(data)
    path = tmp_path / "summary_pairs.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=reason):
        summary_coverage.load_pair_model(path)


def test_the_summary_follows_the_pair_model_it_is_given(sample_articles: list[Article]) -> None:
    story = _story(sample_articles)
    shipped = summary_coverage.load_pair_model()
    # A model that weighs nothing but the titles chooses another summary.
    titles_only = dataclasses.replace(
        shipped,
        spread=tuple(tuple(0.0 for _ in row) for row in shipped.spread),
        first_sentence=tuple(tuple(0.0 for _ in row) for row in shipped.first_sentence),
        in_earliest=tuple(0.0 for _ in shipped.in_earliest),
        first_paragraph=tuple(0.0 for _ in shipped.first_paragraph),
        in_title=8.0,
        stop_words=(0.0, 0.0, 0.0),
        has_number=0.0,
        bias=-8.0,
    )
    default, _ = summarize(story, "en")
    assert summarize(story, "en", pair_model=shipped)[0] == default
    assert summarize(story, "en", pair_model=titles_only)[0] != default


def test_pairs_already_covered_add_nothing() -> None:
    weights = {("storm", "ciara"): 0.8, ("harbour", "district"): 0.6}
    pairs = [("storm", "ciara"), ("harbour", "district")]
    assert summary_coverage.coverage_gain(pairs, weights, set()) > 0
    assert summary_coverage.coverage_gain(pairs, weights, set(pairs)) == 0.0


def test_the_summary_takes_what_sources_share_and_not_the_same_twice() -> None:
    shared = "Storm Ciara flooded the harbour district of Kiel on Sunday night, officials said."
    story = [
        _article(
            "a",
            f"{shared}\nA local bakery sold its last loaves of rye bread early on Monday morning.",
        ),
        _article(
            "b", f"{shared}\nThe ferry to Oslo was cancelled for two days, the operator said."
        ),
        _article(
            "c", "Storm Ciara flooded the harbour district of Kiel on Sunday night, police said."
        ),
    ]
    summary, _ = summarize(story, "en", max_sentences=2, max_words=200)
    assert summary[0].text == shared
    assert sorted(summary[0].article_ids) == ["a", "b", "c"]
    assert not any("Storm Ciara" in s.text for s in summary[1:])
