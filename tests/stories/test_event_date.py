"""Event date: weighing by position, background, plans and the vote."""

from __future__ import annotations

from storyweave.model import Article
from storyweave.stories.event_date import EventDate, event_date

SHOIGU_STORY = ("000_", "001_", "003_", "004_")
#: A Wednesday: weekdays before it in the same week and in the week before are told apart.
WEDNESDAY = "2016-08-17T10:00:00"


def article(
    id: str, text: str, published: str | None = None, lang: str = "en", title: str | None = None
) -> Article:
    return Article(id, text, text, title, lang, published, "given" if published else "unknown", id)


def story(sample_articles: list[Article]) -> list[Article]:
    return [a for a in sample_articles if a.id.startswith(SHOIGU_STORY)]


def days(found: EventDate, article_id: str) -> dict[str, str | None]:
    return {e.expression: e.day for e in found.evidence if e.article_id == article_id}


# The sample story ---------------------------------------------------------------------------


def test_sample_story_happened_on_monday_15_august(sample_articles: list[Article]) -> None:
    found = event_date(story(sample_articles))
    assert found.date == "2016-08-15"


def test_sample_story_note_names_the_source_that_says_tuesday(
    sample_articles: list[Article],
) -> None:
    note = event_date(story(sample_articles)).note
    assert note is not None
    dissent, majority = note.split("; ")
    assert dissent.startswith("1 source (004_eb640161b00f142c) says")
    assert "Tuesday" in dissent
    assert majority == "2 sources say 2016-08-15"


def test_sample_story_evidence(sample_articles: list[Article]) -> None:
    found = event_date(story(sample_articles))
    # 003 is dated 2016-08-15 (a Monday) and says "said Monday": the same day.
    dated = [e for e in found.evidence if e.article_id.startswith("003_")]
    assert {(e.expression, e.day, e.basis) for e in dated} == {
        ("Monday", "2016-08-15", "published")
    }
    # 001 and 004 are undated: their weekdays are read against 003's day.
    assert days(found, "001_936fe0c19f821e17")["on Monday"] == "2016-08-15"
    assert days(found, "004_eb640161b00f142c")["on Tuesday"] is not None
    # 000 is undated: its "hôm qua" (yesterday) cannot be placed and does not vote.
    yesterday = next(e for e in found.evidence if e.article_id.startswith("000_"))
    assert (yesterday.expression, yesterday.day, yesterday.weight) == ("hôm qua", None, 0.0)
    assert "own date" in yesterday.why


def test_sample_kerry_article_alone_has_no_date(sample_articles: list[Article]) -> None:
    kerry = [a for a in sample_articles if a.id.startswith("002_")]
    assert event_date(kerry) == EventDate(None, None, event_date(kerry).evidence)


# What must not win ---------------------------------------------------------------------------


def test_background_dates_do_not_outvote_the_lead() -> None:
    found = event_date(
        [
            article(
                "a",
                "Rebels and the army clashed in Aleppo on Monday, officials said. "
                "The war began in 2011. Protests started on 15 March 2011 in Daraa. "
                "Last month the US proposed a joint force. On 28 July 2016 corridors opened. "
                "On 29 July 2016 more corridors opened. On 30 July 2016 aid arrived.",
                WEDNESDAY,
            )
        ]
    )
    assert found.date == "2016-08-15"
    assert found.note is None
    background = [e for e in found.evidence if e.day == "2011-03-15"]
    assert background and background[0].weight == 0


def test_background_in_the_first_sentence_does_not_outvote_the_said_clause() -> None:
    text = (
        "Five years after the uprising of 15 March 2011, the opposition said on Monday "
        "that it would join the talks."
    )
    assert event_date([article("a", text, WEDNESDAY)]).date == "2016-08-15"


def test_plans_do_not_vote() -> None:
    found = event_date(
        [
            article(
                "a",
                "The envoy will meet both sides on Friday. They meet again next Monday. "
                "Russia announced the talks yesterday.",
                WEDNESDAY,
            )
        ]
    )
    assert found.date == "2016-08-16"
    plans = {e.expression: e.weight for e in found.evidence if e.kind == "weekday"}
    assert plans == {"on Friday": 0, "next Monday": 0}


def test_a_long_article_counts_as_one_source() -> None:
    repeated = " ".join(["Officials said on Tuesday the convoy left."] * 6)
    found = event_date(
        [
            article("a", repeated, WEDNESDAY),
            article("b", "The convoy left on Monday, officials said.", WEDNESDAY),
            article("c", "Officials said Monday the convoy had left.", WEDNESDAY),
        ]
    )
    assert found.date == "2016-08-15"


def test_the_lead_outweighs_the_body() -> None:
    body = " ".join(f"Background sentence number {n}." for n in range(8))
    text = f"Talks resumed on Tuesday, diplomats said. {body} Earlier fighting ended on Monday."
    assert event_date([article("a", text, WEDNESDAY)]).date == "2016-08-16"


# The vote and its note ------------------------------------------------------------------------


def test_disagreement_note_names_dissenting_source_and_its_words() -> None:
    found = event_date(
        [
            article("a", "Russia said on Monday it was close to a deal.", WEDNESDAY),
            article("b", "The minister said Monday that talks were active.", WEDNESDAY),
            article("c", "Moscow on Monday said a deal was near.", "2016-08-16T08:00:00"),
            article("d", "TASS quoted him as saying on Tuesday that talks went on.", WEDNESDAY),
        ]
    )
    assert found.date == "2016-08-15"
    assert found.note == '1 source (d) says "on Tuesday" (2016-08-16); 3 sources say 2016-08-15'


def test_disagreement_note_groups_several_dissenting_sources() -> None:
    found = event_date(
        [
            article("a", "Russia said on Monday it was close to a deal.", WEDNESDAY),
            article("b", "The minister said Monday that talks were active.", WEDNESDAY),
            article("c", "Moscow on Monday said a deal was near.", WEDNESDAY),
            article("d", "He said on Tuesday that talks went on.", WEDNESDAY),
            article("e", "Officials said Tuesday that talks went on.", WEDNESDAY),
        ]
    )
    assert found.note == "2 sources (d, e) say 2016-08-16; 3 sources say 2016-08-15"


def test_yesterday_needs_the_articles_own_date() -> None:
    found = event_date(
        [
            article("dated", "The minister spoke in Geneva.", "2016-08-16T09:00:00"),
            article("undated", "The minister said yesterday that talks were close."),
        ]
    )
    [yesterday] = [e for e in found.evidence if e.article_id == "undated"]
    assert yesterday.day is None and yesterday.weight == 0
    assert found.date == "2016-08-16"
    assert found.note is not None and "earliest publication" in found.note


def test_explicit_date_needs_no_publication_date() -> None:
    text = "Russia said on 15 August 2016 that it was close to a deal with the US."
    assert event_date([article("a", text)]).date == "2016-08-15"


def test_no_evidence_and_no_publication_date_gives_none() -> None:
    found = event_date([article("a", "Talks went on.")])
    assert (found.date, found.note) == (None, None)
    assert event_date([]) == EventDate(None, None, ())


def test_titles_count() -> None:
    found = event_date(
        [article("a", "Talks went on.", WEDNESDAY, title="Russia, US agree on Monday")]
    )
    assert found.date == "2016-08-15"
    assert found.evidence[0].where == "title"
