"""Title finding: first short line, after a menu block, glued to the body, or none at all."""

# Turkish dotless i and typographic dashes are part of the examples.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from storyweave.clean import clean_text
from storyweave.clean.title import (
    ad_label_title_end,
    article_title_end,
    dateline_title_end,
    glued_title_end,
    repeated_title_end,
)

BODY_VI = "Sáng nay, cơ quan chức năng cho biết giá xăng sẽ giảm từ ngày mai. Người dân vui mừng."
BODY_EN = "The city council voted on Monday to close the old bridge. Work starts next month."


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"Giá xăng giảm mạnh từ ngày mai\n\n{BODY_VI}", "Giá xăng giảm mạnh từ ngày mai"),
        (f"Old bridge to close\n{BODY_EN}", "Old bridge to close"),
        (
            "Yaşlı adamı sahte amir dolandırdı\nOlay, dün meydana geldi. Şüpheli aranıyor.",
            "Yaşlı adamı sahte amir dolandırdı",
        ),
        (f"Will the bridge close?\n\n{BODY_EN}", "Will the bridge close?"),
    ],
)
def test_first_short_line_is_the_title(text: str, title: str) -> None:
    cleaned = clean_text(text)
    assert cleaned.title == title
    assert title not in cleaned.body


def test_text_starting_with_a_sentence_has_no_title() -> None:
    cleaned = clean_text(f"{BODY_EN}\n{BODY_EN.replace('Monday', 'Tuesday')}")
    assert cleaned.title is None
    assert cleaned.body.startswith("The city council voted on Monday")


def test_title_after_a_menu_block() -> None:
    text = (
        "Daily Courier\n\nWWW.COURIER.EXAMPLE\n\nMonday 2, March 2020\nPolitics\nSport\nCulture\n"
        "Weather\n\nCouncil votes to close the old bridge\n\n" + BODY_EN
    )
    cleaned = clean_text(text)
    assert cleaned.title == "Council votes to close the old bridge"
    assert cleaned.body == BODY_EN
    assert {span.reason for span in cleaned.removed} == {"navigation", "title"}


def test_section_label_before_the_title_is_navigation() -> None:
    cleaned = clean_text(f"World\nCouncil votes to close the old bridge\n{BODY_EN}")
    assert cleaned.title == "Council votes to close the old bridge"
    assert cleaned.body == BODY_EN


def test_author_line_after_the_title_is_dropped_as_credit() -> None:
    cleaned = clean_text(f"Perrito se refugia del frío en Lerdo\nAna Rangel\n\n{BODY_EN}")
    assert cleaned.title == "Perrito se refugia del frío en Lerdo"
    assert [span.reason for span in cleaned.removed] == ["title", "credit"]


def test_title_glued_to_the_body() -> None:
    text = "Giá xăng giảm mạnh tại Hà NộiSáng nay, Hà Nội cho biết giá xăng giảm. Người dân vui."
    assert glued_title_end(text) == text.index("Sáng")
    cleaned = clean_text(text)
    assert cleaned.title == "Giá xăng giảm mạnh tại Hà Nội"
    assert cleaned.body.startswith("Sáng nay")


def test_lower_case_word_glued_to_the_body() -> None:
    text = "Yaşlı adamı sahte amir dolandırdıOlay, Merzifon'da meydana geldi. Şüpheli aranıyor."
    assert clean_text(text).title == "Yaşlı adamı sahte amir dolandırdı"


@pytest.mark.parametrize(
    "text",
    [
        "The popular video site YouTube said on Monday it would remove the videos. YouTube agreed.",
        "Fans of McDonald and others said the price rose. It was high.",
        "The iPhone maker said sales fell. Analysts expected it.",
    ],
)
def test_camel_case_names_are_not_glue(text: str) -> None:
    assert glued_title_end(text) is None
    assert clean_text(text).title is None


def test_title_running_into_an_agency_dateline() -> None:
    text = "Senate president in spotlight over budget JUNEAU, Alaska — During her year, she won."
    assert dateline_title_end(text) == text.index("JUNEAU")
    cleaned = clean_text(text)
    assert cleaned.title == "Senate president in spotlight over budget"
    assert cleaned.dateline == "JUNEAU, Alaska —"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Mosque memorial cancelled as virus fears mount SYDNEY - A memorial to the victims "
            "has been cancelled because of fears over the new coronavirus.",
            "Mosque memorial cancelled as virus fears mount",
        ),
        (
            "Orban mulls new movement if his party exits EPP (Bloomberg) -- Hungary's prime "
            "minister said he is ready to start a new political platform in Europe.",
            "Orban mulls new movement if his party exits EPP",
        ),
        (
            "Dog shot by officer is in stable condition OXON HILL, Md. — A police officer has "
            "been placed on leave after he shot a dog during an investigation.",
            "Dog shot by officer is in stable condition",
        ),
    ],
)
def test_title_running_into_a_dateline_of_other_styles(text: str, title: str) -> None:
    assert clean_text(text).title == title


@pytest.mark.parametrize(
    "text",
    [
        # A title that would end on a function word, in capitals, or on a time.
        "Los cargos llegan al Senado de EE.UU. - Radio Sonora: el caso para un juicio político "
        "al presidente llegó al Senado este jueves por la tarde.",
        "ARDE GUANAJUATO POR CHOQUE CON EL MARRO - La ciudad fue sitiada la tarde de este "
        "martes por bloqueos que estrangularon sus entradas.",
        "Pence keeps working after staffer tests positive UPDATED 12:57 PM PT — Monday, the "
        "vice president returned to work after one of his staffers tested positive.",
    ],
)
def test_no_title_cut_before_capitals_that_are_no_place(text: str) -> None:
    assert dateline_title_end(text) is None


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        (
            "Bridge over the river reopens after two years Advertisement The old bridge "
            "over the river reopened on Monday after two years of repairs.",
            "Bridge over the river reopens after two years",
            "The old bridge over the river reopened on Monday after two years of repairs.",
        ),
        (
            "Neue Brücke über den Fluss wird eröffnet Anzeige Anzeige Berlin. Die neue Brücke "
            "über den Fluss wurde am Montag nach zwei Jahren Bauzeit eröffnet.",
            "Neue Brücke über den Fluss wird eröffnet",
            "Berlin. Die neue Brücke über den Fluss wurde am Montag nach zwei Jahren Bauzeit "
            "eröffnet.",
        ),
    ],
)
def test_title_running_into_an_advert_label(text: str, title: str, body: str) -> None:
    cleaned = clean_text(text)
    assert (cleaned.title, cleaned.body) == (title, body)
    assert [span.reason for span in cleaned.removed] == ["title", "advert-label"]


def test_a_complaint_in_a_german_title_is_no_advert_label() -> None:
    text = "Nachbar erstattet Anzeige gegen den Wirt. Die Polizei ermittelt seit Montag."
    assert ad_label_title_end(text) is None


def test_title_running_into_a_spanish_dateline() -> None:
    text = (
        "Un incendio en un zoológico deja 30 animales muertos CIUDAD DE MÉXICO.- Un incendio "
        "en un zoológico mató a más de 30 animales, informaron las autoridades."
    )
    cleaned = clean_text(text)
    assert cleaned.title == "Un incendio en un zoológico deja 30 animales muertos"
    assert cleaned.dateline == "CIUDAD DE MÉXICO.-"


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Party expels regional leader over ties to extremist group",
            "The leadership of the "
            "party voted on Friday to expel him after a long dispute over his past.",
        ),
        (
            "Incendio en un mercado deja tres heridos en Puebla",
            "El fuego comenzó en la noche del "
            "martes y los bomberos tardaron cuatro horas en controlarlo.",
        ),
    ],
)
def test_title_running_into_a_sentence_that_opens_with_an_article(title: str, body: str) -> None:
    cleaned = clean_text(f"{title} {body}")
    assert cleaned.title == title
    assert cleaned.body == body


@pytest.mark.parametrize(
    "text",
    [
        # A name that begins with an article goes on capitalised.
        "The story was first reported by The Washington Post on Monday and then by others.",
        # A run that ends on a function word is no headline.
        "Police said the fire started in the kitchen of The old house near the river on Monday.",
    ],
)
def test_an_article_inside_a_sentence_is_no_title_boundary(text: str) -> None:
    assert article_title_end(text) is None
    assert clean_text(text).title is None


@pytest.mark.parametrize("copies", [2, 4])
def test_title_opening_the_text_twice_or_more(copies: int) -> None:
    # A page's title run into its heading, or repeated by a scraper.
    title = "Council votes to close the old bridge"
    cleaned = clean_text(f"{title} " * copies + BODY_EN)
    assert cleaned.title == title
    assert cleaned.body == BODY_EN


def test_a_repeat_that_runs_on_is_the_start_of_a_longer_heading() -> None:
    title = "Two hurt when a sled hits a tree"
    text = f"{title} {title} near Riverton Two people were hurt on Sunday. Both are well."
    assert repeated_title_end(text) == (len(title), len(title))
    cleaned = clean_text(text)
    assert cleaned.title == title
    assert cleaned.body.startswith(f"{title} near Riverton")


def test_a_sentence_said_twice_is_no_title() -> None:
    text = "We said no. We said no. Then the council voted on Monday to close the old bridge."
    assert repeated_title_end(text) is None
    assert clean_text(text).title is None


def test_given_title_is_kept_and_its_repeat_dropped() -> None:
    cleaned = clean_text(f"Old  Bridge to close.\n{BODY_EN}", title="Old bridge to close")
    assert cleaned.title == "Old bridge to close"
    assert cleaned.body == BODY_EN
    assert [span.reason for span in cleaned.removed] == ["title"]


def test_given_title_run_into_the_body_is_cut() -> None:
    cleaned = clean_text(f"Old bridge to close {BODY_EN}", title="Old bridge to close")
    assert cleaned.body == BODY_EN


def test_given_title_leaves_a_different_first_line() -> None:
    cleaned = clean_text(f"Work on the bridge\n{BODY_EN}", title="Old bridge to close")
    assert cleaned.title == "Old bridge to close"
    assert cleaned.body.startswith("Work on the bridge")
