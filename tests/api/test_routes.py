"""The REST API over a real server: listings, filters, search, one story, one article, adding
articles with auth and validation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from storyweave.api import create_app
from storyweave.config import Settings
from tests.api.conftest import copy_store
from tests.api.live_server import live_server

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def api(sample_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sample_server, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def aleppo_id(api: httpx.Client) -> str:
    """The four-article story of the sample."""
    items = api.get("/api/v1/stories").json()["items"]
    return next(item["id"] for item in items if item["article_count"] == 4)


def test_health_counts_the_store(api: httpx.Client) -> None:
    body = api.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert (body["articles"], body["stories"]) == (5, 2)


def test_story_list_pages_through_every_story(api: httpx.Client) -> None:
    first = api.get("/api/v1/stories", params={"limit": 1}).json()
    second = api.get("/api/v1/stories", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == 2
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
    past = api.get("/api/v1/stories", params={"offset": 5}).json()
    assert past["items"] == [] and past["total"] == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"lang": "en"}, {4}),
        ({"lang": "vi"}, {4, 1}),
        ({"lang": "de"}, set()),
        ({"entity": "Shoigu"}, {4}),
        ({"entity": "Sergei Shoigu"}, {4}),
        ({"entity": "Nowhere Atall"}, set()),
        ({"since": "2016-08-15", "until": "2016-08-15"}, {4}),
        ({"since": "2016-08-16"}, set()),
        ({"until": "2016-08-14"}, set()),
    ],
)
def test_story_list_filters(api: httpx.Client, params: dict[str, str], expected: set[int]) -> None:
    body = api.get("/api/v1/stories", params=params).json()
    assert {item["article_count"] for item in body["items"]} == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize(
    "words", ["Shoigu", "aleppo", "liên minh quân sự", "lien minh quan su", "defence minister"]
)
def test_q_finds_the_story_in_either_language(
    api: httpx.Client, aleppo_id: str, words: str
) -> None:
    items = api.get("/api/v1/stories", params={"q": words}).json()["items"]
    assert items and items[0]["id"] == aleppo_id


def test_q_finds_every_story_holding_the_words(api: httpx.Client) -> None:
    body = api.get("/api/v1/stories", params={"q": "Mỹ"}).json()
    assert body["total"] == 2


def test_q_combines_with_filters(api: httpx.Client) -> None:
    body = api.get("/api/v1/stories", params={"q": "Shoigu", "lang": "de"}).json()
    assert body == {"items": [], "total": 0, "limit": 20, "offset": 0}


def test_one_story_has_every_built_field(api: httpx.Client, aleppo_id: str) -> None:
    story = api.get(f"/api/v1/stories/{aleppo_id}").json()
    assert story["headline"] and story["summary_lang"] == "en"
    assert len(story["article_ids"]) == 4 and set(story["languages"]) == {"en", "vi"}
    assert all(s["article_ids"] for s in story["summary_sentences"])
    assert story["event_date"] == "2016-08-15"
    assert {"Aleppo", "Russia"} <= {e["name"] for e in story["entities"]}
    assert any(len(q["variants"]) >= 3 for q in story["quotes"])
    values = {v["value"] for d in story["discrepancies"] for v in d["values"]}
    assert {700_000, 300_000} <= values
    assert story["timeline"][0]["articles"]


def test_unknown_ids_are_404_with_a_message(api: httpx.Client) -> None:
    response = api.get("/api/v1/stories/nope")
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]
    assert api.get("/api/v1/articles/nope").status_code == 404


def test_article_says_why_it_joined(api: httpx.Client, aleppo_id: str) -> None:
    story = api.get(f"/api/v1/stories/{aleppo_id}").json()
    joined = [api.get(f"/api/v1/articles/{a}").json() for a in story["article_ids"]]
    assert all(a["story_id"] == aleppo_id for a in joined)
    assert any(a["why"] and a["why"]["probability"] is not None for a in joined)
    menu = [a for a in joined if a["removed"]]
    assert menu, "the article with a site menu glued on shows what cleaning removed"


def test_search_returns_stories_and_articles(api: httpx.Client, aleppo_id: str) -> None:
    body = api.get("/api/v1/search", params={"q": "Shoigu"}).json()
    assert body["stories"][0]["story"]["id"] == aleppo_id
    assert body["articles"] and all(a["story_id"] == aleppo_id for a in body["articles"])


def test_bad_parameters_are_422(api: httpx.Client) -> None:
    assert api.get("/api/v1/stories", params={"limit": 0}).status_code == 422
    assert api.get("/api/v1/stories", params={"since": "yesterday"}).status_code == 422
    assert api.get("/api/v1/search").status_code == 422


def test_cors_is_off_by_default(api: httpx.Client) -> None:
    response = api.get("/api/v1/health", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in response.headers


@pytest.fixture()
def writable(sample_db: Path, tmp_path: Path) -> Iterator[httpx.Client]:
    """A server over a copy of the sample store that needs a token for writes."""
    app = create_app(Settings(db=copy_store(sample_db, tmp_path)), token=TOKEN)
    with live_server(app) as url, httpx.Client(base_url=url, timeout=120) as client:
        yield client


ARTICLE = {
    "id": "wire-1",
    "title": "Flood waters rise in Dresden as the Elbe breaks its banks",
    "text": "Flood waters rose in Dresden on Tuesday as the Elbe broke its banks.\n\n"
    "Emergency services evacuated 1,200 residents from the old town, officials said.",
    "published": "2024-09-17",
    "source": "Wire",
    "desk": "europe",
}


def test_posting_needs_the_token(writable: httpx.Client) -> None:
    refused = writable.post("/api/v1/articles", json=[ARTICLE])
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"] == "Bearer"
    wrong = writable.post(
        "/api/v1/articles", json=[ARTICLE], headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    assert writable.get("/api/v1/health").json()["articles"] == 5


def test_posted_articles_are_stored_clustered_and_built(writable: httpx.Client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = writable.post("/api/v1/articles", json=[ARTICLE], headers=auth)
    assert response.status_code == 200
    (outcome,) = response.json()["assignments"]
    assert outcome["article_id"] == "wire-1" and outcome["outcome"] == "stored"
    story = writable.get(f"/api/v1/stories/{outcome['story_id']}").json()
    assert story["headline"] and story["article_ids"] == ["wire-1"]
    article = writable.get("/api/v1/articles/wire-1").json()
    assert article["metadata"] == {"desk": "europe"}
    found = writable.get("/api/v1/stories", params={"q": "Dresden"}).json()["items"]
    assert [item["id"] for item in found] == [outcome["story_id"]]
    again = writable.post("/api/v1/articles", json=[ARTICLE], headers=auth).json()
    assert again["assignments"][0]["outcome"] == "exists"


def test_bad_records_are_named(writable: httpx.Client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = writable.post("/api/v1/articles", json=[ARTICLE, {"title": "no text"}], headers=auth)
    assert response.status_code == 422
    messages = [item["msg"] for item in response.json()["detail"]]
    assert any(m.startswith("article 1: text:") for m in messages)
    assert writable.get("/api/v1/health").json()["articles"] == 5
    assert writable.post("/api/v1/articles", json=[], headers=auth).status_code == 422
    too_many = [dict(ARTICLE, id=f"a{i}") for i in range(101)]
    assert writable.post("/api/v1/articles", json=too_many, headers=auth).status_code == 422


def test_oversized_bodies_are_413(sample_db: Path, tmp_path: Path) -> None:
    app = create_app(Settings(db=copy_store(sample_db, tmp_path), max_article_bytes=1_000))
    with live_server(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        big = dict(ARTICLE, text="word " * 400)
        response = client.post("/api/v1/articles", json=[ARTICLE, big])
        assert response.status_code == 413
        assert response.json()["detail"].startswith("article 1:")
        assert client.get("/api/v1/health").json()["articles"] == 5


def test_cors_can_be_allowed_for_named_origins(sample_db: Path, tmp_path: Path) -> None:
    app = create_app(
        Settings(db=copy_store(sample_db, tmp_path)), cors_origins=["https://desk.example"]
    )
    with live_server(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        allowed = client.get("/api/v1/health", headers={"Origin": "https://desk.example"})
        other = client.get("/api/v1/health", headers={"Origin": "https://elsewhere.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://desk.example"
    assert "access-control-allow-origin" not in other.headers
