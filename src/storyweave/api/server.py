"""Running the web application: where it may listen, and the server itself (uvicorn)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence

from ..config import Settings


class UnsafeBind(ValueError):
    """The server was asked to listen beyond this machine without a token."""


def is_loopback(host: str) -> bool:
    """True when every address ``host`` names is a loopback address."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(found) and all(
        ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]).is_loopback for info in found
    )


def check_bind(host: str, token: str | None) -> None:
    """Refuse (``UnsafeBind``) to listen beyond loopback when no token protects the writes."""
    if not token and not is_loopback(host):
        raise UnsafeBind(
            f"refusing to listen on {host} without a token: anyone who can reach it could add"
            " articles; set STORYWEAVE_API_TOKEN or --token, or listen on 127.0.0.1"
        )


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    cors_origins: Sequence[str] = (),
) -> None:
    """Serve the REST API and the web pages over ``settings.db`` until interrupted."""
    import uvicorn

    from .app import create_app

    check_bind(host, token)
    app = create_app(settings, token=token, cors_origins=cors_origins)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)
