"""Facts and discrepancies: per-article quantities with language-independent keys, merged
over a story's articles, and the values two articles cannot both be right about."""

from __future__ import annotations

import pytest

from storyweave.analyze.quantities import hedge_of, is_disputable
from storyweave.model import Article, Discrepancy, Fact
from storyweave.stories.facts import describe, extract_facts, story_facts

ARTICLE_001 = "001_936fe0c19f821e17"
ARTICLE_004 = "004_eb640161b00f142c"
#: The four sample articles of the Shoigu/Aleppo story (002 is another event).
STORY_PREFIXES = ("000", "001", "003", "004")


def only_fact(text: str, lang: str, article_id: str = "a") -> Fact:
    facts = extract_facts(article_id, text, lang)
    assert len(facts) == 1, facts
    return facts[0]


def fact(what: str, value: float, article_id: str, text: str = "") -> Fact:
    return Fact(what, value, "people", [article_id], text or str(value))


# --- the sample story ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_story(sample_articles: list[Article]) -> tuple[list[Fact], list[Discrepancy]]:
    story = [a for a in sample_articles if a.id.startswith(STORY_PREFIXES)]
    assert len(story) == 4
    facts = [f for a in story for f in extract_facts(a.id, a.clean_text, a.lang)]
    return story_facts(facts)


def test_sample_story_reports_how_many_people_are_in_aleppo_as_disputed(
    sample_story: tuple[list[Fact], list[Discrepancy]],
) -> None:
    _, discrepancies = sample_story
    aleppo = [d for d in discrepancies if d.what.startswith("people@")]
    assert len(aleppo) == 1
    assert describe(aleppo[0].what, {"Aleppo": "Aleppo"}) == "people in Aleppo"
    values = {v.value: v.article_ids for v in aleppo[0].values}
    assert values == {700_000.0: [ARTICLE_001], 300_000.0: [ARTICLE_004]}


def test_sample_story_keeps_the_pre_war_population_out_of_the_dispute(
    sample_story: tuple[list[Fact], list[Discrepancy]],
) -> None:
    facts, discrepancies = sample_story
    for discrepancy in discrepancies:
        assert not {700_000.0, 2_200_000.0} <= {v.value for v in discrepancy.values}
        assert 2_200_000.0 not in {v.value for v in discrepancy.values}
    pre_war = [f for f in facts if f.value == 2_200_000.0]
    assert [f.article_ids for f in pre_war] == [[ARTICLE_001]]
    assert len(discrepancies) == 1  # nothing else in the sample is disputed


def test_sample_facts_skip_dates_and_channel_names(sample_articles: list[Article]) -> None:
    by_id = {a.id[:3]: a for a in sample_articles}
    texts = {a: extract_facts(a, by_id[a].clean_text, by_id[a].lang) for a in ("003", "004")}
    assert texts["003"] == []  # "15 of August 2016 13:45:53", "Rossiya 24 television"
    assert [f.value for f in texts["004"]] == [300_000.0]  # not "July 28", "Route 6"


# --- reading numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "About 700,000 people remain in Aleppo."),
        ("en", "About 700.000 people are still in Aleppo."),  # machine-translated digits
        ("vi", "Khoảng 700.000 người vẫn còn ở Aleppo."),
        ("vi", "Khoảng 700 nghìn người vẫn còn ở Aleppo."),
        ("fr", "Quelque 700 000 personnes vivent encore à Alep."),
        ("de", "Rund 700.000 Menschen leben noch in Aleppo."),
        ("es", "Unas 700.000 personas viven todavía en Alepo."),
    ],
)
def test_digit_styles_and_languages_give_one_value_and_one_key(lang: str, text: str) -> None:
    found = only_fact(text, lang)
    assert (found.what, found.value) == ("people@alep", 700_000.0)
    assert hedge_of(found.text) == "about"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Before the war 2.2 million people lived in Damascus."),
        ("vi", "Trước chiến tranh, 2,2 triệu người sinh sống ở Damascus."),
        ("fr", "Avant la guerre, 2,2 millions de personnes vivaient à Damas."),
        ("de", "Vor dem Krieg lebten 2,2 Millionen Menschen in Damaskus."),
    ],
)
def test_scale_words_and_decimal_marks(lang: str, text: str) -> None:
    found = only_fact(text, lang)
    assert found.value == pytest.approx(2_200_000.0)
    assert found.what == "people@city:damascus/before"


def test_same_event_in_five_languages_gets_the_same_keys() -> None:
    texts = {
        "en": "The blast in Kabul killed 12 people and wounded 40 others.",
        "vi": "Vụ nổ ở Kabul khiến 12 người chết và 40 người khác bị thương.",
        "fr": "L'explosion à Kaboul a fait 12 morts et 40 blessés.",
        "es": "La explosión en Kabul dejó 12 muertos y 40 heridos.",
        "de": "Bei der Explosion in Kabul wurden 12 Menschen getötet und 40 verletzt.",
    }
    for lang, text in texts.items():
        found = [(f.what, f.value) for f in extract_facts(lang, text, lang)]
        assert found == [("dead@city:kabul", 12.0), ("injured@city:kabul", 40.0)], lang


def test_dead_and_injured_are_different_quantities() -> None:
    found = extract_facts("a", "At least 30 people were killed and 50 injured in Homs.", "en")
    assert [(f.what, f.value) for f in found] == [("dead@homs", 30.0), ("injured@homs", 50.0)]
    facts, discrepancies = story_facts(found)
    assert len(facts) == 2 and discrepancies == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Russia pledged $5 million in aid to Syria."),
        ("vi", "Nga cam kết viện trợ 5 triệu USD cho Syria."),
        ("fr", "La Russie a promis 5 millions de dollars à la Syrie."),
        ("es", "Rusia prometió 5 millones de dólares en ayuda a Siria."),
    ],
)
def test_money_keeps_its_currency(lang: str, text: str) -> None:
    found = only_fact(text, lang)
    assert (found.what, found.value, found.unit) == ("money:USD@country:SY", 5e6, "USD")


def test_a_glued_scale_letter_is_a_scale_not_metres() -> None:
    found = only_fact("Bushfires have scorched 12M acres in Australia.", "en")
    assert (found.what, found.value, found.text) == (
        "count:acres@country:AU",
        12_000_000.0,
        "12M acres",
    )
    money = only_fact("M&A deals totaled over $40B.", "en")
    assert (money.what, money.value) == ("money:USD", 40e9)


def test_different_currencies_are_different_quantities() -> None:
    found = extract_facts("a", "The EU gave 3 million euros to Syria and Russia $3 million.", "en")
    assert {f.what.split("@")[0] for f in found} == {"money:EUR", "money:USD"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "A 25-year-old man was arrested."),
        ("en", "The man, aged 25, was detained in Homs."),
        ("en", "He was ranked No. 3 in Homs."),
        ("en", "The minister told Rossiya 24 television that talks were going on."),
        ("en", "The talks began in 2016 in Geneva."),
        ("es", "El accidente del 3 de julio de 2006 en Valencia."),
        ("pt", "O acidente de 3 de julho de 2006 em Valência."),
        ("en", "Syd Mead dies at 86 in Los Angeles."),
    ],
)
def test_ages_ranks_names_years_and_dates_are_not_facts(lang: str, text: str) -> None:
    assert extract_facts("a", text, lang) == []


def test_a_case_ending_after_an_apostrophe_is_not_what_a_number_counts() -> None:
    # Turkish writes case endings after an apostrophe: "670'e" is "to 670", not 670 "e".
    text = "Vaka sayısı Ankara'da 670'e ulaştı."  # noqa: RUF001
    assert extract_facts("a", text, "tr") == []
    found = only_fact("Ankara'da 670 tank görüldü.", "tr")
    assert (found.what, found.unit) == ("count:tank", "tank")


def test_numbers_in_quotations_are_kept() -> None:
    found = only_fact('"We know that 300 people were killed in Homs," he said.', "en")
    assert (found.what, found.value) == ("dead@homs", 300.0)


def test_a_part_of_a_place_is_another_subject() -> None:
    part = only_fact("Some 250,000 people remain trapped in eastern Aleppo.", "en")
    whole = only_fact("Some 2 million people still live in Aleppo.", "en")
    assert part.what == "people@alep/part"
    assert whole.what == "people@alep"


def test_the_city_points_back_at_the_last_place_named() -> None:
    text = "Fighting raged in Aleppo on Monday.\nIn the city, some 300,000 people remain."
    assert only_fact(text, "en").what == "people@alep"


def test_a_group_counted_in_an_aside_is_its_own_quantity() -> None:
    found = extract_facts("a", "At least 30 people, including 10 children, died in Homs.", "en")
    assert [(f.what, f.value) for f in found] == [("dead@homs", 30.0), ("dead:children@homs", 10.0)]


def test_cues_of_another_number_are_not_taken() -> None:
    text = "Paraguay reports 877 confirmed cases, 11 deaths and 382 people who have recovered."
    found = {f.value: f.what for f in extract_facts("a", text, "en")}
    assert found[11.0].startswith("dead")
    assert not found[382.0].startswith("dead")


# --- merging and discrepancies ---------------------------------------------------------------


def test_rounding_is_not_a_discrepancy() -> None:
    first = only_fact("About 1,000 people were killed in Homs.", "en", "a")
    second = only_fact("1.020 người thiệt mạng ở Homs.", "vi", "b")
    assert first.what == second.what == "dead@homs"
    facts, discrepancies = story_facts([first, second])
    assert discrepancies == []
    assert [(f.value, f.article_ids) for f in facts] == [(1_000.0, ["a", "b"])]


def test_clearly_different_values_are_a_discrepancy() -> None:
    facts, discrepancies = story_facts(
        [fact("dead@homs", 30, "a"), fact("dead@homs", 45, "b"), fact("dead@homs", 30, "c")]
    )
    assert [(f.value, f.article_ids) for f in facts] == [(30, ["a", "c"]), (45, ["b"])]
    assert len(discrepancies) == 1
    assert [(v.value, v.article_ids) for v in discrepancies[0].values] == [
        (30, ["a", "c"]),
        (45, ["b"]),
    ]


def test_hedges_and_round_numbers_widen_a_value() -> None:
    at_least = [fact("dead@homs", 30, "a", "more than 30"), fact("dead@homs", 45, "b")]
    round_number = [fact("dead@homs", 1_000, "a"), fact("dead@homs", 1_200, "b")]
    about = [fact("dead@homs", 300, "a", "some 300"), fact("dead@homs", 340, "b")]
    for facts in (at_least, round_number, about):
        assert story_facts(facts)[1] == []
    assert story_facts([fact("dead@homs", 10, "a"), fact("dead@homs", 14, "b")])[1] != []


def test_values_stated_together_are_never_in_conflict() -> None:
    now_and_before = [
        fact("people@alep", 700_000, "a"),
        fact("people@alep", 2_200_000, "a"),
        fact("people@alep", 300_000, "b"),
        fact("people@alep", 2_200_000, "c"),
    ]
    _, discrepancies = story_facts(now_and_before)
    assert len(discrepancies) == 1
    assert {v.value: v.article_ids for v in discrepancies[0].values} == {
        700_000: ["a"],
        300_000: ["b"],
    }
    agreeing = [*now_and_before[:2], fact("people@alep", 2_200_000, "d")]
    assert story_facts(agreeing)[1] == []


def test_only_counts_of_people_about_a_place_are_disputed() -> None:
    for what in ("percent@alep", "count:tanks@alep", "money:USD@country:SY", "dead"):
        assert not is_disputable(what)
        facts = [Fact(what, 10.0, None, ["a"]), Fact(what, 90.0, None, ["b"])]
        assert story_facts(facts)[1] == []
    assert is_disputable("dead:children@alep/part")


def test_facts_are_ordered_by_number_of_articles() -> None:
    facts, _ = story_facts(
        [fact("dead@homs", 3, "a"), fact("injured@homs", 9, "a"), fact("injured@homs", 9, "b")]
    )
    assert [f.what for f in facts] == ["injured@homs", "dead@homs"]


def test_describe_reads_a_key() -> None:
    assert describe("dead:children@country:SY/2011") == "dead (children) in Syria (2011)"
    assert describe("people@alep/part", {"Alep": "Alep"}) == "people in part of Alep"
    assert describe("money:USD@city:new-york") == "money (USD) in New York"
    assert describe("count:tanks") == "tanks"


def test_two_languages_disagreeing_on_a_toll_make_a_discrepancy() -> None:
    english = extract_facts("a", "45 people were killed in Homs on Monday.", "en")
    french = extract_facts("b", "Lundi, 30 personnes ont été tuées à Homs.", "fr")
    _, discrepancies = story_facts(english + french)
    assert [(d.what, [(v.value, v.article_ids) for v in d.values]) for d in discrepancies] == [
        ("dead@homs", [(45.0, ["a"]), (30.0, ["b"])])
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Last year 750,000 vehicles needed a test, down from 1.2 million a few years earlier.",
        "That number is down from 1.2 million a few years prior.",
    ],
)
def test_a_phrase_opened_by_an_indefinite_article_is_not_what_a_number_counts(text: str) -> None:
    assert not any(f.what.startswith("count:years") for f in extract_facts("a", text, "en"))
