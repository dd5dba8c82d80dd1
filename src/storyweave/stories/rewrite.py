"""Optional rewrite of an extractive summary into fluent prose by an LLM the user runs.

Off by default and never required: nothing ships with storyweave that calls out. When the user
names an OpenAI-compatible endpoint (llama.cpp's server, vLLM, Ollama, …), the summary's
sentences go to ``{url}/chat/completions`` numbered, one per line, and the model is asked for
the same sentences, in the same order and number, as fluent prose in the output language,
adding nothing. The numbered answer is parsed back line by line, and each rewritten sentence
keeps the articles of the sentence it rewrites: attribution survives the rewrite.

Whatever goes wrong (no server, timeout, HTTP error, bad JSON, an answer with another number
of sentences) is logged as a warning and gives ``None``: the caller keeps the extractive
summary.

>>> parse_numbered("1. First.\\n2. Second,\\ncontinued.", 2)
['First.', 'Second, continued.']
>>> parse_numbered("1. Only one.", 2) is None
True
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
from babel import Locale, UnknownLocaleError

from ..model import SummarySentence

__all__ = ["RewriteEndpoint", "build_messages", "parse_numbered", "rewrite_summary"]

logger = logging.getLogger(__name__)

#: Largest answer read from the endpoint, in bytes: a summary rewrite is a few hundred.
MAX_ANSWER_BYTES = 1024 * 1024
_CHUNK = 16 * 1024
_NUMBERED = re.compile(r"^\s*(?:[-*]\s*)?\(?(\d{1,3})[.):]\s*(.*)$")
# Reasoning models may think aloud before answering; that part is not the answer.
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_EMPHASIS = re.compile(r"^\*\*(.*)\*\*$")


@dataclass(frozen=True, slots=True)
class RewriteEndpoint:
    """Where to send summaries for rewriting: an OpenAI-compatible API.

    ``url`` is the API base (``http://127.0.0.1:8000/v1``); ``/chat/completions`` is added
    unless it is already there. ``api_key``, when given, is sent as a bearer token.
    ``timeout`` bounds the whole request, in seconds. Raises ``ValueError`` for a URL that is
    not http(s), an empty model name or a timeout that is not positive.
    """

    url: str
    model: str
    #: Kept out of ``repr`` so that it appears in no log or traceback.
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"rewrite endpoint must be an http(s) URL, got {self.url!r}")
        if not self.model.strip():
            raise ValueError("rewrite endpoint needs a model name")
        if not self.timeout > 0:
            raise ValueError(f"rewrite timeout must be positive, got {self.timeout!r}")

    @property
    def completions_url(self) -> str:
        """The chat completions URL of this endpoint."""
        base = self.url.rstrip("/")
        return base if base.endswith("/chat/completions") else base + "/chat/completions"


def rewrite_summary(
    sentences: Sequence[SummarySentence], lang_out: str, endpoint: RewriteEndpoint
) -> list[SummarySentence] | None:
    """``sentences`` rewritten into fluent ``lang_out`` prose, one for one, each keeping its
    articles; ``None`` (with a logged warning) when the endpoint fails or its answer does not
    parse into as many sentences. Never raises."""
    if not sentences:
        return []
    body = {
        "model": endpoint.model,
        "messages": build_messages([s.text for s in sentences], lang_out),
        "temperature": 0,
        "stream": False,
    }
    answer = _complete(endpoint, body)
    if answer is None:
        return None
    texts = parse_numbered(answer, len(sentences))
    if texts is None:
        _warn(endpoint, f"the answer is not {len(sentences)} numbered sentences")
        return None
    return [
        SummarySentence(text=text, lang=lang_out, article_ids=list(sentence.article_ids))
        for text, sentence in zip(texts, sentences, strict=True)
    ]


def build_messages(texts: Sequence[str], lang_out: str) -> list[dict[str, str]]:
    """The chat messages asking for ``texts`` rewritten in ``lang_out``, numbered."""
    count = len(texts)
    language = _language_name(lang_out)
    system = (
        f"You rewrite the extractive summary of a news story into fluent {language} prose. "
        "Translate sentences written in other languages. Keep every name, number, date and "
        "claim exactly as given; do not add facts, opinions or context, and do not merge, "
        f"split, drop or reorder sentences. The input has {count} numbered sentences, one per "
        f"line. Answer with exactly {count} numbered lines, from 1. to {count}., the rewrite of "
        "each input sentence on the line with its number, and nothing else."
    )
    numbered = "\n".join(f"{n}. {' '.join(text.split())}" for n, text in enumerate(texts, 1))
    return [{"role": "system", "content": system}, {"role": "user", "content": numbered}]


def parse_numbered(answer: str, count: int) -> list[str] | None:
    """The ``count`` sentences of a numbered answer, in order, or ``None`` when the answer
    does not number exactly ``1`` to ``count`` with a non-empty sentence each.

    Lines before the first number are ignored (a preamble); an unnumbered line right after a
    numbered one continues it; text after a blank line that bears no number is ignored.
    """
    items: list[list[str]] = []
    continuing = False
    for line in _THINKING.sub("", answer).splitlines():
        match = _NUMBERED.match(line)
        if match:
            if int(match.group(1)) != len(items) + 1:
                return None
            items.append([match.group(2).strip()])
            continuing = True
        elif not line.strip():
            continuing = False
        elif continuing:
            items[-1].append(line.strip())
    texts = [_EMPHASIS.sub(r"\1", " ".join(" ".join(parts).split())) for parts in items]
    if len(texts) != count or not all(texts):
        return None
    return texts


def _complete(endpoint: RewriteEndpoint, body: dict[str, Any]) -> str | None:
    """The text of the endpoint's first choice, or ``None`` (warned) on any failure."""
    headers = {"Accept": "application/json"}
    if endpoint.api_key:
        headers["Authorization"] = f"Bearer {endpoint.api_key}"
    deadline = time.monotonic() + endpoint.timeout
    try:
        # trust_env off: proxies and certificates come from no environment variable.
        with (
            httpx.Client(timeout=endpoint.timeout, trust_env=False) as client,
            client.stream("POST", endpoint.completions_url, json=body, headers=headers) as response,
        ):
            if not response.is_success:
                _warn(endpoint, f"HTTP {response.status_code}")
                return None
            raw = _read_bounded(response, deadline)
    except httpx.TimeoutException:
        _warn(endpoint, f"no answer within {endpoint.timeout:g} s")
        return None
    except (httpx.HTTPError, httpx.InvalidURL, OSError) as error:
        _warn(endpoint, f"{type(error).__name__}: {error}")
        return None
    except _AnswerError as error:
        _warn(endpoint, str(error))
        return None
    return _answer_text(endpoint, raw)


class _AnswerError(Exception):
    """An answer too large or too slow to read."""


def _read_bounded(response: httpx.Response, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes(_CHUNK):
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise _AnswerError(f"answer larger than {MAX_ANSWER_BYTES} bytes")
        if time.monotonic() > deadline:
            raise _AnswerError("answer took longer than the timeout")
        chunks.append(chunk)
    return b"".join(chunks)


def _answer_text(endpoint: RewriteEndpoint, raw: bytes) -> str | None:
    try:
        payload = json.loads(raw)
    except ValueError as error:
        _warn(endpoint, f"answer is not JSON ({error})")
        return None
    try:
        content = payload["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        _warn(endpoint, "answer has no choices[0].message.content")
        return None
    if not isinstance(content, str) or not content.strip():
        _warn(endpoint, "answer content is empty or not text")
        return None
    return content


def _language_name(lang: str) -> str:
    """``vi`` → ``Vietnamese (vi)``: models follow a name better than a code."""
    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name("en")
    except (UnknownLocaleError, ValueError, TypeError):
        return lang
    return f"{name} ({lang})" if name else lang


def _warn(endpoint: RewriteEndpoint, reason: str) -> None:
    logger.warning(
        "summary rewrite by %s failed (%s); keeping the extractive summary",
        endpoint.completions_url,
        reason,
    )
