"""The REST API against its own OpenAPI schema, on a running server (schemathesis).

Every operation gets generated requests, valid and invalid, sent over HTTP to a real server, and
every response must pass schemathesis' default checks: no server error, documented status codes,
content types and headers, bodies that match their schema, invalid requests refused, valid ones
accepted, writes refused without the token.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from storyweave.api import create_app
from storyweave.config import Settings
from tests.api.conftest import copy_store
from tests.api.live_server import live_server

TOKEN = "schema-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# schemathesis' default statuses for a refused invalid request, plus 413: an invalid body too
# large to read (a text over the length limit) is refused by its size before it is parsed.
REJECTED = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]

# The schema is the app's own document, taken when the tests are collected (schemathesis needs
# it then, and its fixture-based loader does not run under this pytest);
# ``test_the_server_serves_this_schema`` checks that the running server serves the same one.
OPENAPI = create_app(Settings()).openapi()
schema = schemathesis.openapi.from_dict(
    OPENAPI,
    config=SchemathesisConfig.from_dict(
        {"checks": {"negative_data_rejection": {"expected-statuses": [*REJECTED, "5xx"]}}}
    ),
)
# A few dozen requests per operation keep the file well under a minute on two cores; each
# POST really cleans, clusters and stores its articles and rebuilds their stories.
BUDGET = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))
READS = settings(BUDGET, max_examples=40)
WRITES = settings(BUDGET, max_examples=25)


@pytest.fixture(scope="module")
def writable_server(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over its own copy of the sample store, on loopback. It has a token so that the
    schema's security (Bearer on POST) holds and the auth checks have something to check."""
    db = copy_store(sample_db, tmp_path_factory.mktemp("schema-served"))
    with live_server(create_app(Settings(db=db), token=TOKEN)) as url:
        yield url


def test_the_server_serves_this_schema(writable_server: str) -> None:
    response = httpx.get(f"{writable_server}/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == OPENAPI


@schema.include(method="GET").parametrize()
@READS
def test_reads_follow_the_schema(case: schemathesis.Case, writable_server: str) -> None:
    case.call_and_validate(base_url=writable_server)


@schema.include(method="POST").parametrize()
@WRITES
def test_writes_follow_the_schema(case: schemathesis.Case, writable_server: str) -> None:
    case.call_and_validate(base_url=writable_server, headers=AUTH)


def test_every_stored_story_and_article_follows_the_schema(writable_server: str) -> None:
    # Generated ids almost never exist: this sends the real ones, so that full stories and
    # articles (not only 404s) are checked against their schemas.
    listing = httpx.get(f"{writable_server}/api/v1/stories", params={"limit": 100}).json()
    story_ids = [item["id"] for item in listing["items"]]
    assert story_ids
    get_story = schema["/api/v1/stories/{story_id}"]["GET"]
    get_article = schema["/api/v1/articles/{article_id}"]["GET"]
    article_ids: list[str] = []
    for story_id in story_ids:
        case = get_story.Case(path_parameters={"story_id": story_id})
        response = case.call_and_validate(base_url=writable_server)
        assert response.status_code == 200
        article_ids += response.json()["article_ids"]
    assert len(article_ids) >= 5
    for article_id in article_ids:
        # Posted ids may hold "#" or "?", which a client must percent-encode in the path.
        response = httpx.get(f"{writable_server}/api/v1/articles/{quote(article_id, safe='')}")
        assert response.status_code == 200, article_id
        get_article.validate_response(response)
