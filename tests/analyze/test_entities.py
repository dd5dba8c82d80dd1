"""Entity mentions of one article: spaCy (en, fr), pyvi rules (vi), capitalised spans (others)."""

# Vietnamese, Cyrillic and Arabic text is what these tests feed in.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from storyweave.analyze.entities import (
    Mention,
    article_mentions,
    entity_text,
    extract_mentions,
)
from storyweave.analyze.mention import place_by_gazetteer, tidy_span
from storyweave.analyze.place_names import place_key, place_name
from storyweave.model import Article


def typed(mentions: list[Mention]) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in mentions}


def texts(mentions: list[Mention]) -> set[str]:
    return {m.text for m in mentions}


def test_english_uses_the_model_types_and_the_gazetteer() -> None:
    text = (
        "Russian Defence Minister Sergei Shoigu said Russia and the United States are close "
        "to a deal on Aleppo, the Defence Ministry in Moscow said."
    )
    mentions = extract_mentions(text, "en")
    found = typed(mentions)
    assert ("Sergei Shoigu", "person") in found
    assert ("Russia", "place") in found
    assert ("United States", "place") in found  # without "the"
    assert ("Moscow", "place") in found
    assert "Russian" not in texts(mentions)  # a nationality names no entity of its own


def test_a_word_of_a_role_is_no_organisation() -> None:
    # The small English model tags "Defense" and "State" as organisations here: they belong to
    # the roles of the two people, not to a name of their own.
    text = (
        "Russian Defense Minister Sergei Shoigu met US Secretary of State Mike Pompeo. "
        "Later Defense Minister Sergei Shoigu left."
    )
    mentions = extract_mentions(text, "en")
    assert {"Sergei Shoigu", "Mike Pompeo"} <= texts(mentions)
    assert not texts(mentions) & {"Defense", "State"}


def test_a_person_ends_where_the_role_or_the_sentence_after_the_name_begins() -> None:
    # The small English model runs a byline's name on into the title after it, and a name
    # into the verb of the next sentence.
    text = "New rules for payments. Daniel Webber Founder & CEO Daniel is Founder and CEO of FX."
    mentions = extract_mentions(text, "en")
    people = {m.text for m in mentions if m.type == "person"}
    assert "Daniel Webber" in people
    assert not {m.text for m in mentions} & {"Daniel Webber Founder", "Daniel is", "Founder"}
    # A name of two words stays whole, whatever its last word means.
    assert ("Richard Prince", "person") in typed(extract_mentions("Richard Prince spoke.", "en"))


def test_every_occurrence_of_a_name_the_model_knows_is_a_mention() -> None:
    text = "Shoigu visited Aleppo. Later Shoigu left Aleppo for Moscow, Shoigu said."
    shoigu = [m for m in extract_mentions(text, "en") if m.text == "Shoigu"]
    assert len(shoigu) == 3


def test_french_uses_the_french_model() -> None:
    text = (
        "Le ministre russe de la Défense Sergueï Choïgou a déclaré que la Russie et les "
        "États-Unis négocient sur Alep, en Syrie."
    )
    found = typed(extract_mentions(text, "fr"))
    assert ("Sergueï Choïgou", "person") in found
    assert {("Russie", "place"), ("États-Unis", "place"), ("Syrie", "place")} <= found


def test_vietnamese_names_titles_and_countries() -> None:
    text = (
        "Bộ trưởng Quốc phòng Nga Sergei Shoigu cho hay Nga và Mỹ sắp hợp tác. "
        "Giới chức Mỹ thờ ơ trước phát ngôn của ông Shoigu. Ông học tiếng Anh ở Hà Nội."
    )
    mentions = extract_mentions(text, "vi")
    found = typed(mentions)
    assert ("Sergei Shoigu", "person") in found
    assert ("Shoigu", "person") in found
    assert ("Nga", "place") in found
    assert ("Mỹ", "place") in found
    assert "Hà Nội" in texts(mentions)
    # A title capitalises its first syllable only; "tiếng Anh" is a language, not Britain.
    assert not texts(mentions) & {"Bộ trưởng", "Quốc phòng", "Bộ trưởng Quốc phòng", "Anh"}


def test_vietnamese_people_organisations_and_cues() -> None:
    text = (
        "Theo bà Nguyễn Thị Lan, Bộ Ngoại giao Nga đã gặp Mặt trận Nursa. "
        "Ông Đức nói ở thành phố Aleppo."
    )
    found = typed(extract_mentions(text, "vi"))
    assert ("Nguyễn Thị Lan", "person") in found
    assert ("Bộ Ngoại giao Nga", "organisation") in found
    assert ("Mặt trận Nursa", "organisation") in found
    assert ("Đức", "person") in found  # "Ông Đức" is Mr Đức, not Germany
    assert ("Aleppo", "place") in found


def test_vietnamese_name_after_a_role_is_a_person_past_the_country_it_serves() -> None:
    text = "Tổng thống Pháp Emmanuel Macron gặp Thủ tướng Shinzo Abe. Tổng thống Mỹ phát biểu."
    found = typed(extract_mentions(text, "vi"))
    assert {("Emmanuel Macron", "person"), ("Shinzo Abe", "person")} <= found
    assert {("Pháp", "place"), ("Mỹ", "place")} <= found


def test_the_united_nations_is_an_organisation_in_every_language() -> None:
    found = typed(extract_mentions("Đại sứ Pháp tại Liên Hợp Quốc phát biểu hôm qua.", "vi"))
    assert ("Liên Hợp Quốc", "organisation") in found
    key = place_key("Liên Hợp Quốc", "vi")
    assert key == place_key("Vereinte Nationen", "de") == place_key("United Nations", "en")
    assert key is not None and place_name(key, "en") == "United Nations"


def test_vietnamese_sentence_starts_and_headings_are_not_names() -> None:
    text = 'Nhóm này rút lui. Ông Kerry nói: "Phía Nga khẳng định". DỄ TRƯỚC KHÓ SAU'
    # "Kerry" stays: a foreign name after the cue "Ông".
    mentions = extract_mentions(text, "vi")
    assert texts(mentions) == {"Kerry", "Nga"}


def test_language_general_fallback_types_places_and_people() -> None:
    text = (
        "Bundeskanzler Olaf Scholz reiste am Montag nach Moskau. Die Regierung in Berlin "
        "schwieg. Scholz sagte später, die Gespräche mit Russland seien schwierig gewesen. "
        "Das Bundesministerium der Finanzen äußerte sich nicht."
    )
    mentions = extract_mentions(text, "de")
    found = typed(mentions)
    assert ("Moskau", "place") in found
    assert ("Berlin", "place") in found
    assert ("Russland", "place") in found
    assert ("Scholz", "person") in found
    assert any(m.type == "person" and m.text.endswith("Olaf Scholz") for m in mentions)
    assert ("Bundesministerium", "organisation") in found
    # German capitalises nouns: a lone common noun, a weekday, a determiner are no names.
    assert not texts(mentions) & {"Regierung", "Montag", "Die", "Gespräche"}


def test_names_joined_by_and_are_not_one_person() -> None:
    text = "Los hermanos Julián y Brayan Moreno marcharon. Moreno dijo que volverán."
    found = typed(extract_mentions(text, "es"))
    assert ("Julián y Brayan Moreno", "person") not in found
    assert ("Moreno", "person") not in found


def test_fallback_cuts_suffixes_elisions_and_shouting() -> None:
    turkish = "Cumhurbaşkanı Erdoğan'ın Rusya'nın teklifine yanıtı. Yeni cumhurbaşkanı kim?"
    found = typed(extract_mentions(turkish, "tr"))
    assert ("Rusya", "place") in found
    # A title the text also writes in lower case leads no name.
    assert "Erdoğan" in {text for text, _ in found}
    spanish = extract_mentions("El presidente Pedro Sánchez viajó a Rusia y a EE.UU. ayer.", "es")
    assert {("Rusia", "place"), ("EE.UU.", "place")} <= typed(spanish)
    assert "Pedro Sánchez" in texts(spanish)
    polish = extract_mentions("NIE UWIERZYCIE co robi Ivan Komarenko w Warszawie", "pl")
    assert "NIE" not in texts(polish)
    assert ("Warszawie", "place") in typed(polish)


def test_caseless_scripts_give_places_but_not_adjectives() -> None:
    found = typed(extract_mentions("قال المصدر الليبي إن ليبيا وروسيا اتفقتا", "ar"))
    assert found == {("ليبيا", "place"), ("روسيا", "place")}  # "الليبي" is "Libyan"


def test_unknown_language_still_finds_names() -> None:
    found = typed(extract_mentions("Vladimir Putin met Recep Erdoğan in Istanbul.", ""))
    assert ("Vladimir Putin", "other") in found or ("Vladimir Putin", "person") in found
    assert ("Istanbul", "place") in found


def test_gazetteer_overrules_a_model_that_calls_a_country_a_person() -> None:
    mentions = [Mention("Nga", "person", 0, 3), Mention("Stanley", "person", 4, 11)]
    fixed = place_by_gazetteer(mentions, "vi")
    assert fixed[0].type == "place"
    assert fixed[1].type == "person"  # a city the gazetteer knows, but also a surname


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("the United States", "United States"),
        ("Russia's", "Russia"),
        ("l'Iran", "Iran"),
        ("U.S.", "U.S."),
        ("(IS)", "IS"),
        ("al-Assad", "al-Assad"),
        ("the", "the"),
    ],
)
def test_tidy_span(surface: str, expected: str) -> None:
    span = tidy_span(surface, 0, len(surface), "en")
    assert span is not None
    assert surface[span[0] : span[1]] == expected


def test_place_names_in_every_language() -> None:
    assert place_key("Nga", "vi") == place_key("Russie", "fr") == place_key("Россия", "ru")
    assert place_key("Moskau", "de") == place_key("Moscow", "en") == place_key("Moskwie", "pl")
    assert place_key("Hoa Kỳ", "vi") == place_key("U.S.", "en") == "country:US"
    assert place_name("country:RU", "en") == "Russia"
    # CLDR's qualifiers are left out of the name a story shows.
    assert place_name("country:HK", "en") == "Hong Kong"
    assert place_name("country:MM", "en") == "Myanmar"
    assert place_name("city:Europe/Moscow", "de") == "Moskau"
    assert place_key("Shoigu", "en") is None


def test_offsets_index_the_text_on_the_sample(sample_articles: list[Article]) -> None:
    for article in sample_articles:
        text = entity_text(article)
        mentions = article_mentions(article)
        assert mentions, article.id
        for mention in mentions:
            assert text[mention.start : mention.end] == mention.text
        assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_sample_vietnamese_article(sample_articles: list[Article]) -> None:
    vietnamese = next(a for a in sample_articles if a.id.startswith("000"))
    assert vietnamese.lang == "vi"
    found = typed(article_mentions(vietnamese))
    assert {("Nga", "place"), ("Mỹ", "place"), ("Syria", "place")} <= found
    assert ("Sergei Shoigu", "person") in found
    assert ("Shoigu", "person") in found


def test_a_missing_spacy_model_falls_back_to_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyweave.analyze import spacy_entities

    models = {**spacy_entities.SPACY_MODELS, "es": "es_model_that_is_not_installed"}
    monkeypatch.setattr(spacy_entities, "SPACY_MODELS", models)
    monkeypatch.setattr(spacy_entities, "_missing", set())
    assert not spacy_entities.has_spacy_model("es")
    found = typed(extract_mentions("El presidente Pedro Sánchez viajó a Rusia.", "es"))
    assert ("Rusia", "place") in found


@pytest.mark.parametrize("lang", ["und", "tl", "iw", "EN", "xx"])
def test_language_codes_without_locale_data_still_find_shared_places(lang: str) -> None:
    # Babel parses these codes but holds no data file for them under that name.
    assert place_key("Paris", lang) is not None
    assert place_key("Xq Zb", lang) is None


@pytest.mark.parametrize("name", ["al-Shabaab", "el-Sisi"])
def test_a_vietnamese_text_keeps_the_article_glued_to_a_name(name: str) -> None:
    text = f"Lực lượng an ninh cho biết nhóm {name} đã tấn công thị trấn vào hôm qua."
    assert name in [m.text for m in extract_mentions(text, "vi")]
