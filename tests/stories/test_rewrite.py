"""The optional LLM rewrite of a summary, against a real OpenAI-style server on loopback."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from storyweave.model import SummarySentence
from storyweave.stories.rewrite import (
    RewriteEndpoint,
    build_messages,
    parse_numbered,
    rewrite_summary,
)

SENTENCES = [
    SummarySentence("Evacuation of eastern Aleppo began on Thursday.", "en", ["en-1", "en-2"]),
    SummarySentence("Khoảng 3.000 dân thường đã rời khỏi thành phố.", "vi", ["vi-1"]),
    SummarySentence("The United Nations said 82 civilians were killed.", "en", ["en-2"]),
]


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class FakeLLM:
    """What the server answers (``mode``) and what it was asked (``requests``)."""

    port: int = 0
    mode: str = "upper"
    requests: list[Recorded] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeLLM) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        fake = self.server.fake
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = json.loads(raw)
        headers = {k.lower(): v for k, v in self.headers.items()}
        fake.requests.append(Recorded(self.path, headers, body))
        if self.path != "/v1/chat/completions":
            self._send(404, b'{"error": "not found"}')
        elif fake.mode == "slow":
            fake.release.wait(10)
            self._send(200, _completion(_upper_case(body)))
        elif fake.mode == "garbage":
            self._send(200, b"<html>this is not JSON</html>", "text/html")
        elif fake.mode == "no-choices":
            self._send(200, b'{"object": "chat.completion", "choices": []}')
        elif fake.mode == "error":
            self._send(500, b'{"error": {"message": "model not loaded"}}')
        elif fake.mode == "short":
            self._send(200, _completion("1. ONLY ONE SENTENCE."))
        else:
            self._send(200, _completion(_upper_case(body)))

    def _send(self, status: int, payload: bytes, content_type: str = "application/json") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            pass  # The client gave up (the timeout test): nothing to answer.


def _upper_case(body: dict[str, Any]) -> str:
    """The canned rewrite: the numbered lines of the user message, upper-cased, after a
    preamble of the kind chat models add."""
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    return "Here is the rewrite:\n\n" + "\n".join(line.upper() for line in user.splitlines())


def _completion(content: str) -> bytes:
    answer = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
    }
    return json.dumps(answer, ensure_ascii=False).encode("utf-8")


@pytest.fixture
def llm() -> Iterator[FakeLLM]:
    fake = FakeLLM()
    server = _Server(fake)
    fake.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        fake.release.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_rewrite_keeps_one_sentence_per_input_and_its_articles(llm: FakeLLM) -> None:
    endpoint = RewriteEndpoint(llm.base, "local-model", api_key="sk-test", timeout=5)
    result = rewrite_summary(SENTENCES, "en", endpoint)
    assert result is not None
    assert [s.text for s in result] == [s.text.upper() for s in SENTENCES]
    assert [s.article_ids for s in result] == [["en-1", "en-2"], ["vi-1"], ["en-2"]]
    assert {s.lang for s in result} == {"en"}
    [request] = llm.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer sk-test"
    assert request.headers["content-type"] == "application/json"
    assert request.body["model"] == "local-model"
    system, user = request.body["messages"]
    assert (system["role"], user["role"]) == ("system", "user")
    assert "English" in system["content"] and "3 numbered" in system["content"]
    assert user["content"].splitlines() == [f"{n}. {s.text}" for n, s in enumerate(SENTENCES, 1)]


def test_no_authorization_header_without_a_key(llm: FakeLLM) -> None:
    endpoint = RewriteEndpoint(llm.base + "/", "m", timeout=5)
    result = rewrite_summary(SENTENCES[1:2], "vi", endpoint)
    assert result == [SummarySentence(SENTENCES[1].text.upper(), "vi", ["vi-1"])]
    assert "authorization" not in llm.requests[0].headers
    assert "Vietnamese" in llm.requests[0].body["messages"][0]["content"]


def test_a_full_completions_url_is_used_as_given(llm: FakeLLM) -> None:
    endpoint = RewriteEndpoint(llm.base + "/chat/completions", "m", timeout=5)
    assert rewrite_summary(SENTENCES, "en", endpoint) is not None
    assert llm.requests[0].path == "/v1/chat/completions"


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("garbage", "not JSON"),
        ("no-choices", "no choices"),
        ("error", "HTTP 500"),
        ("short", "not 3 numbered sentences"),
    ],
)
def test_a_bad_answer_gives_none_and_a_warning(
    llm: FakeLLM, mode: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    llm.mode = mode
    endpoint = RewriteEndpoint(llm.base, "m", timeout=5)
    with caplog.at_level(logging.WARNING, logger="storyweave.stories.rewrite"):
        assert rewrite_summary(SENTENCES, "en", endpoint) is None
    assert reason in caplog.text
    assert "keeping the extractive summary" in caplog.text


def test_a_closed_port_gives_none_quickly(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    endpoint = RewriteEndpoint(f"http://127.0.0.1:{port}/v1", "m", timeout=10)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        assert rewrite_summary(SENTENCES, "en", endpoint) is None
    assert time.monotonic() - started < 2
    assert "ConnectError" in caplog.text


def test_a_slow_server_gives_none_after_the_timeout(
    llm: FakeLLM, caplog: pytest.LogCaptureFixture
) -> None:
    llm.mode = "slow"
    endpoint = RewriteEndpoint(llm.base, "m", timeout=0.5)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        assert rewrite_summary(SENTENCES, "en", endpoint) is None
    assert 0.4 < time.monotonic() - started < 3
    assert "no answer within 0.5 s" in caplog.text


def test_nothing_to_rewrite_sends_nothing(llm: FakeLLM) -> None:
    assert rewrite_summary([], "en", RewriteEndpoint(llm.base, "m")) == []
    assert llm.requests == []


@pytest.mark.parametrize(
    ("url", "model", "timeout"),
    [
        ("ftp://host/v1", "m", 5.0),
        ("127.0.0.1:8000/v1", "m", 5.0),
        ("http://h/v1", " ", 5.0),
        ("http://h/v1", "m", 0.0),
    ],
)
def test_a_misconfigured_endpoint_is_refused(url: str, model: str, timeout: float) -> None:
    with pytest.raises(ValueError):
        RewriteEndpoint(url, model, timeout=timeout)


def test_the_key_stays_out_of_repr() -> None:
    assert "secret" not in repr(RewriteEndpoint("http://h/v1", "m", api_key="secret"))


def test_messages_put_each_sentence_on_its_own_numbered_line() -> None:
    system, user = build_messages(["One\nsplit  sentence.", "Two."], "fr")
    assert "French" in system["content"] and "exactly 2 numbered lines" in system["content"]
    assert user["content"] == "1. One split sentence.\n2. Two."


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("1. A.\n2. B.", ["A.", "B."]),
        ("Sure! Here it is:\n\n1) A.\n2) B.\n\nHope this helps.", ["A.", "B."]),
        ("1. A long\nsentence.\n2. **B.**", ["A long sentence.", "B."]),
        ("<think>1. no\n2. no\n3. no</think>\n1. A.\n2. B.", ["A.", "B."]),
        ("2. B.\n1. A.", None),
        ("1. A.\n2. B.\n3. C.", None),
        ("1. A.\n2.", None),
        ("A. B.", None),
        ("", None),
    ],
)
def test_parse_numbered(answer: str, expected: list[str] | None) -> None:
    assert parse_numbered(answer, 2) == expected
