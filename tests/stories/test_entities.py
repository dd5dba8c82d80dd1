"""Merging the mentions of a story's articles into one entity per real thing."""

from __future__ import annotations

import pytest

from storyweave.analyze.entities import Mention, article_mentions, extract_mentions
from storyweave.model import Article, Entity
from storyweave.stories.entities import merge_entities

STORY = ("000", "001", "003", "004")  # the sample's four articles on Shoigu and Aleppo


def mention(text: str, kind: str = "other") -> Mention:
    return Mention(text, kind, 0, len(text))  # type: ignore[arg-type]


def by_form(entities: list[Entity], form: str) -> Entity:
    matches = [e for e in entities if form in e.forms]
    assert len(matches) == 1, (form, [(e.name, e.forms) for e in entities])
    return matches[0]


@pytest.fixture(scope="module")
def story_entities(sample_articles: list[Article]) -> tuple[list[Entity], dict[str, str]]:
    articles = [a for a in sample_articles if a.id.startswith(STORY)]
    assert len(articles) == 4
    merged = merge_entities([(a.id, a.lang, article_mentions(a)) for a in articles], "en")
    return merged, {a.id: a.lang for a in articles}


def assert_across_languages(entity: Entity, langs: dict[str, str]) -> None:
    vietnamese = [i for i in entity.article_ids if langs[i] == "vi"]
    english = [i for i in entity.article_ids if langs[i] == "en"]
    assert vietnamese and vietnamese[0].startswith("000"), entity
    assert len(english) >= 2, entity


def test_sample_story_person_merged_across_languages(
    story_entities: tuple[list[Entity], dict[str, str]], sample_articles: list[Article]
) -> None:
    entities, langs = story_entities
    shoigu = by_form(entities, "Shoigu")
    assert shoigu.type == "person"
    assert shoigu.name == "Sergei Shoigu"
    assert_across_languages(shoigu, langs)
    # The forms the Vietnamese article and the English ones write are all there.
    for article in sample_articles:
        if article.id.startswith(STORY):
            written = {m.text for m in article_mentions(article) if "Shoigu" in m.text}
            assert written and written <= set(shoigu.forms), article.id
    assert shoigu.article_ids == sorted(shoigu.article_ids)


@pytest.mark.parametrize(
    ("form", "name", "other_form"),
    [
        ("Nga", "Russia", "Russia"),
        ("Mỹ", "United States", "United States"),
        ("Syria", "Syria", "Syria"),
        ("Aleppo", "Aleppo", "Aleppo"),
    ],
)
def test_sample_story_places_merged_across_languages(
    story_entities: tuple[list[Entity], dict[str, str]], form: str, name: str, other_form: str
) -> None:
    entities, langs = story_entities
    place = by_form(entities, form)
    assert place.type == "place"
    assert place.name == name
    assert other_form in place.forms
    assert_across_languages(place, langs)


def test_sample_story_ranking(story_entities: tuple[list[Entity], dict[str, str]]) -> None:
    entities, _ = story_entities
    assert len(entities) <= 30
    ranks = [(-e.mentions, -len(e.article_ids)) for e in entities]
    assert ranks == sorted(ranks)
    top = {e.name for e in entities[:6]}
    assert {"Russia", "United States", "Syria", "Aleppo", "Sergei Shoigu"} <= top
    assert "Russian" not in {form for e in entities for form in e.forms}


def test_short_form_merges_into_the_one_person_it_can_be() -> None:
    entities = merge_entities(
        [
            ("a", "en", [mention("Sergei Shoigu", "person"), mention("Shoigu", "person")]),
            ("b", "en", [mention("Shoigu", "organisation"), mention("Sergei Lavrov", "person")]),
        ]
    )
    shoigu = by_form(entities, "Sergei Shoigu")
    assert set(shoigu.forms) == {"Sergei Shoigu", "Shoigu"}
    assert shoigu.mentions == 3
    assert shoigu.article_ids == ["a", "b"]
    assert shoigu.type == "person"
    assert shoigu.key == "sergei shoigu"


def test_surname_a_model_took_for_a_place_is_the_person() -> None:
    entities = merge_entities(
        [
            ("a", "en", [mention("Kevin Gaines", "person"), mention("Gaines", "place")]),
            ("b", "en", [mention("Gaines", "place"), mention("Gaines", "place")]),
            ("c", "en", [mention("Jordan", "place"), mention("Michael Jordan", "person")]),
        ]
    )
    gaines = by_form(entities, "Kevin Gaines")
    assert (gaines.type, gaines.mentions, set(gaines.forms)) == (
        "person",
        4,
        {"Kevin Gaines", "Gaines"},
    )
    # A country the gazetteer knows stays a place, even beside a person it could end.
    assert by_form(entities, "Jordan").type == "place"
    assert by_form(entities, "Michael Jordan").forms == ["Michael Jordan"]


def test_ambiguous_short_form_is_not_merged() -> None:
    entities = merge_entities(
        [
            ("a", "en", [mention("Sergei Shoigu", "person"), mention("Sergei", "person")]),
            ("b", "en", [mention("Sergei Lavrov", "person"), mention("Sergei", "person")]),
            ("c", "en", [mention("Justin Trudeau", "person"), mention("Trudeau", "person")]),
            ("d", "en", [mention("Elizabeth Trudeau", "person")]),
        ]
    )
    assert by_form(entities, "Sergei").forms == ["Sergei"]
    assert by_form(entities, "Sergei Shoigu").forms == ["Sergei Shoigu"]
    assert by_form(entities, "Sergei Lavrov").forms == ["Sergei Lavrov"]
    assert by_form(entities, "Trudeau").forms == ["Trudeau"]


def test_an_acronym_merges_into_the_name_it_abbreviates() -> None:
    entities = merge_entities(
        [
            ("a", "en", [mention("World Health Organization", "organisation")]),
            ("b", "en", [mention("WHO", "organisation"), mention("Dick Clark", "other")]),
            ("c", "de", [mention("Alternative für Deutschland", "organisation")]),
            ("d", "de", [mention("AfD", "other"), mention("D.C.", "place")]),
            ("e", "en", [mention("United Nations", "organisation"), mention("U.N.", "other")]),
        ]
    )
    who = by_form(entities, "World Health Organization")
    assert (set(who.forms), who.type, who.article_ids) == (
        {"World Health Organization", "WHO"},
        "organisation",
        ["a", "b"],
    )
    assert set(by_form(entities, "AfD").forms) == {"Alternative für Deutschland", "AfD"}
    united_nations = by_form(entities, "U.N.")
    assert united_nations.name == "United Nations"
    # A name that could be a person's is no acronym's long form.
    assert by_form(entities, "D.C.").forms == ["D.C."]


def test_an_acronym_two_names_spell_is_not_merged() -> None:
    entities = merge_entities(
        [
            ("a", "en", [mention("Central Bank", "organisation"), mention("CB", "organisation")]),
            ("b", "en", [mention("Coastal Bank", "organisation")]),
        ]
    )
    assert by_form(entities, "CB").forms == ["CB"]


def test_titled_name_merges_into_the_name() -> None:
    entities = merge_entities(
        [
            ("a", "de", [mention("Bundeskanzlerin Angela Merkel", "person")]),
            ("b", "de", [mention("Angela Merkel", "person"), mention("Merkel", "person")]),
        ],
        lang_out="de",
    )
    assert len(entities) == 1
    assert entities[0].name == "Angela Merkel"
    assert entities[0].mentions == 3


def test_scripts_merge() -> None:
    entities = merge_entities(
        [
            ("ru", "ru", [mention("Сергей Шойгу", "other"), mention("Шойгу", "other")]),
            ("en", "en", [mention("Sergei Shoigu", "person")]),
            ("vi", "vi", [mention("Shoigu", "person")]),
        ]
    )
    assert len(entities) == 1
    shoigu = entities[0]
    assert set(shoigu.forms) == {"Сергей Шойгу", "Шойгу", "Sergei Shoigu", "Shoigu"}
    assert shoigu.name == "Sergei Shoigu"  # the form in the output language
    assert shoigu.type == "person"
    assert shoigu.article_ids == ["en", "ru", "vi"]


def test_inflected_forms_merge() -> None:
    entities = merge_entities(
        [
            ("pl", "pl", [mention("Andrzeja Dudy"), mention("Putina"), mention("Putinem")]),
            ("en", "en", [mention("Vladimir Putin", "person"), mention("Andrzej Duda", "person")]),
            ("ru", "ru", [mention("Путиным")]),
        ]
    )
    assert [(e.name, e.mentions) for e in entities] == [
        ("Vladimir Putin", 4),
        ("Andrzej Duda", 2),
    ]


def test_an_inflected_name_is_shown_in_its_own_form() -> None:
    # Polish articles use the genitive and the instrumental more often than the nominative.
    forms = ["Andrzeja Dudy", "Andrzeja Dudy", "Andrzejem Dudą", "Andrzej Duda"]
    entities = merge_entities([("pl", "pl", [mention(form, "person") for form in forms])])
    assert [(e.name, e.mentions) for e in entities] == [("Andrzej Duda", 4)]


def test_countries_merge_by_code_and_are_named_in_the_output_language() -> None:
    articles = [
        ("vi", "vi", [mention("Nga", "place"), mention("Mỹ", "place"), mention("Hoa Kỳ")]),
        ("en", "en", [mention("Russia", "place"), mention("U.S.", "place")]),
        ("fr", "fr", [mention("Russie", "place"), mention("États-Unis", "place")]),
        ("ru", "ru", [mention("Россия", "other"), mention("США", "organisation")]),
    ]
    entities = merge_entities(articles, lang_out="en")
    assert [(e.name, e.key, e.type, e.mentions) for e in entities] == [
        ("United States", "country:US", "place", 5),
        ("Russia", "country:RU", "place", 4),
    ]
    assert entities[1].article_ids == ["en", "fr", "ru", "vi"]
    assert set(entities[1].forms) == {"Nga", "Russia", "Russie", "Россия"}
    french = merge_entities(articles, lang_out="fr")
    assert [e.name for e in french] == ["États-Unis", "Russie"]


def test_gazetteer_wins_over_a_person_type_unless_a_person_has_that_name() -> None:
    entities = merge_entities([("a", "vi", [mention("Nga", "person"), mention("Russia")])])
    assert [(e.name, e.type, e.mentions) for e in entities] == [("Russia", "place", 2)]
    people = merge_entities(
        [("a", "vi", [mention("Nguyễn Minh Đức", "person"), mention("Đức", "person")])]
    )
    assert [(e.name, e.type, e.mentions) for e in people] == [("Nguyễn Minh Đức", "person", 2)]


def test_french_and_english_articles_through_the_models() -> None:
    french = (
        "Le ministre russe de la Défense a déclaré que la Russie et les États-Unis négocient "
        "sur Alep. Moscou soutient Damas."
    )
    english = "Russia and the United States are negotiating, Moscow said in Damascus."
    entities = merge_entities(
        [
            ("fr", "fr", extract_mentions(french, "fr")),
            ("en", "en", extract_mentions(english, "en")),
        ]
    )
    names = {e.name: e for e in entities}
    for name in ("Russia", "United States", "Moscow", "Damascus"):
        assert names[name].article_ids == ["en", "fr"], name
        assert names[name].type == "place"
    assert {"Moscou", "Moscow"} <= set(names["Moscow"].forms)


def test_type_by_majority_and_limit() -> None:
    entities = merge_entities(
        [
            ("a", "en", [mention("Acme Corp", "organisation"), mention("Acme Corp", "other")]),
            ("b", "en", [mention("Acme Corp", "person"), mention("Acme Corp", "organisation")]),
            ("c", "en", [mention("Zeta", "other")]),
        ],
        limit=1,
    )
    assert [(e.name, e.type, e.mentions) for e in entities] == [("Acme Corp", "organisation", 4)]
    only_other = merge_entities([("c", "en", [mention("Zeta", "other")])])
    assert only_other[0].type == "other"
    assert merge_entities([]) == []
