"""Downloading one URL safely: http(s) only, public addresses only, bounded in size and time.

Every hop of a redirect chain is checked again. Unless ``Settings.allow_private`` is set, the
host of each hop is resolved and every address it resolves to must be public (not private,
loopback, link-local, reserved, multicast or unspecified). The check runs before the request,
so a host whose DNS answer changes between the check and the connection is not caught; run
behind an egress firewall where that matters.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ..config import Settings
from ..errors import problem
from ..model import InputProblem
from .decode import split_content_type

__all__ = ["MAX_REDIRECTS", "FetchError", "FetchedPage", "check_url", "fetch"]

MAX_REDIRECTS = 10
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A downloaded resource: its bytes, final URL (after redirects), media type and charset,
    and the validators a later conditional request can send. Status 304 (not modified, only
    for a conditional request) comes with no bytes."""

    url: str
    content: bytes
    content_type: str | None
    charset: str | None
    status: int
    etag: str | None = None
    last_modified: str | None = None


class FetchError(Exception):
    """A URL that was refused (``E004``) or could not be fetched (``E005``)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail

    def to_problem(self, origin: str) -> InputProblem:
        """The problem to report for ``origin``."""
        return problem(origin, self.code, self.detail)


def fetch(url: str, settings: Settings, headers: Mapping[str, str] | None = None) -> FetchedPage:
    """Download ``url`` (with extra request ``headers``, e.g. ``If-None-Match``); raises
    :class:`FetchError` for a refused or failed download."""
    deadline = time.monotonic() + settings.fetch_timeout
    headers = {"User-Agent": settings.user_agent, **(headers or {})}
    timeout = httpx.Timeout(settings.fetch_timeout)
    try:
        # trust_env off: proxies and certificates come from no environment variable.
        with httpx.Client(
            headers=headers, timeout=timeout, follow_redirects=False, trust_env=False
        ) as client:
            for _ in range(MAX_REDIRECTS + 1):
                check_url(url, settings)
                with client.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = str(response.url.join(response.headers["location"]))
                        continue
                    return _read(response, settings, deadline)
    except httpx.TimeoutException:
        raise FetchError("E005", f"timed out after {settings.fetch_timeout:g} s") from None
    except httpx.HTTPError as error:
        raise FetchError("E005", _describe(error)) from None
    raise FetchError("E005", f"more than {MAX_REDIRECTS} redirects")


def check_url(url: str, settings: Settings) -> None:
    """Raise E004 unless ``url`` is http(s) and (unless allowed) its host is public."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchError("E004", f"malformed URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError("E004", f"scheme {scheme or '(none)'!r} is not http or https")
    host = parts.hostname
    if not host:
        raise FetchError("E004", "no host")
    if settings.allow_private:
        return
    for address in _addresses(host, port or (443 if scheme == "https" else 80)):
        if not _is_public(address):
            raise FetchError(
                "E004",
                f"{host} is {address}, a private or reserved address"
                " (set allow_private to fetch it)",
            )


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError("E005", f"cannot resolve {host} ({error})") from None
    # A scoped IPv6 address ends in "%interface", which ipaddress does not parse.
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_multicast
        or address.is_reserved
        or address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or address.is_private
    )


def _read(response: httpx.Response, settings: Settings, deadline: float) -> FetchedPage:
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    conditional = "if-none-match" in response.request.headers or (
        "if-modified-since" in response.request.headers
    )
    if response.status_code == 304 and conditional:
        return FetchedPage(str(response.url), b"", None, None, 304, etag, last_modified)
    if response.status_code >= 300:
        raise FetchError("E005", f"HTTP {response.status_code} from {response.url}")
    limit = settings.max_fetch_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError("E005", f"{int(declared)} bytes > {limit} byte limit")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise FetchError("E005", f"more than {limit} bytes (limit)")
        if time.monotonic() > deadline:
            raise FetchError("E005", f"took longer than {settings.fetch_timeout:g} s")
        chunks.append(chunk)
    media_type, charset = split_content_type(response.headers.get("content-type"))
    return FetchedPage(
        url=str(response.url),
        content=b"".join(chunks),
        content_type=media_type,
        charset=charset,
        status=response.status_code,
        etag=etag,
        last_modified=last_modified,
    )


def _describe(error: httpx.HTTPError) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
