"""Fetching URLs: schemes, private addresses, redirects and size caps."""

from __future__ import annotations

import pytest

from storyweave.config import Settings
from storyweave.ingest.fetch import FetchError, check_url, fetch

from .conftest import LocalServer, Route
from .helpers import read_all


def test_loopback_is_refused_without_allow_private(server: LocalServer) -> None:
    server.routes["/a"] = Route(b"<p>hi</p>")
    problem = read_all([server.url("/a")]).only_problem()
    assert (problem.origin, problem.code) == (server.url("/a"), "E004")
    assert "127.0.0.1" in problem.reason
    assert server.hits == []


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/x",
        "http://10.1.2.3/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/x",
        "http://[::ffff:127.0.0.1]/x",
        "http://0.0.0.0/x",
        "http://224.0.0.1/x",
    ],
)
def test_private_and_reserved_addresses_are_refused(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_url(url, Settings())
    assert caught.value.code == "E004"


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "file:///etc/passwd"])
def test_other_schemes_are_refused(url: str) -> None:
    problem = read_all([url]).only_problem()
    assert (problem.origin, problem.code) == (url, "E004")
    assert "is not http or https" in problem.reason


def test_redirect_to_a_refused_address(server: LocalServer, local: Settings) -> None:
    server.routes["/jump"] = Route(
        b"", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data"}
    )
    with pytest.raises(FetchError) as caught:
        fetch(server.url("/jump"), local.replace(allow_private=False, fetch_timeout=2.0))
    # Even the first hop is refused here: the server itself is on loopback.
    assert caught.value.code == "E004"


def test_every_redirect_hop_is_checked(
    server: LocalServer, local: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    original = check_url

    def recording(url: str, settings: Settings) -> None:
        checked.append(url)
        original(url, settings)

    monkeypatch.setattr("storyweave.ingest.fetch.check_url", recording)
    server.routes["/start"] = Route(b"", status=301, headers={"Location": "/middle"})
    server.routes["/middle"] = Route(b"", status=302, headers={"Location": server.url("/end")})
    server.routes["/end"] = Route(b"done", content_type="text/plain; charset=ascii")
    page = fetch(server.url("/start"), local)
    assert (page.url, page.content, page.content_type, page.charset) == (
        server.url("/end"),
        b"done",
        "text/plain",
        "ascii",
    )
    assert checked == [server.url("/start"), server.url("/middle"), server.url("/end")]
    server.routes["/loop"] = Route(b"", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="redirects"):
        fetch(server.url("/loop"), local)


def test_size_cap(server: LocalServer, local: Settings) -> None:
    server.routes["/big"] = Route(b"x" * 50_000, content_type="text/plain")
    with pytest.raises(FetchError) as caught:
        fetch(server.url("/big"), local.replace(max_fetch_bytes=10_000))
    assert caught.value.code == "E005"
    problem = read_all([server.url("/big")], local.replace(max_fetch_bytes=10_000)).only_problem()
    assert problem.code == "E005"


def test_http_error_and_unresolvable_host(server: LocalServer, local: Settings) -> None:
    problem = read_all([server.url("/missing")], local).only_problem()
    assert (problem.code, problem.reason) == (
        "E005",
        f"fetch failed: HTTP 404 from {server.url('/missing')}",
    )
    unresolvable = read_all(["http://no-such-host.invalid/x"]).only_problem()
    assert unresolvable.code == "E005"
    assert "cannot resolve" in unresolvable.reason


def test_user_agent_is_sent(server: LocalServer, local: Settings) -> None:
    server.routes["/ua"] = Route(b"ok", content_type="text/plain")
    page = fetch(server.url("/ua"), local.replace(user_agent="storyweave-test/1"))
    assert page.content == b"ok"
    assert server.agents == ["storyweave-test/1"]
