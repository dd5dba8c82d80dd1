"""The web application: the REST API under ``/api/v1`` and the web pages, in one process."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..config import Settings
from . import pages, routes
from .service import StoryService

#: Largest request body accepted, in bytes.
MAX_REQUEST_BYTES = 16 * 1024 * 1024
STATIC = Path(__file__).parent / "static"


def create_app(
    settings: Settings,
    token: str | None = None,
    cors_origins: Sequence[str] = (),
    service: StoryService | None = None,
) -> FastAPI:
    """The app over the store in ``settings.db``. Writes need ``token`` when one is given;
    CORS is off unless ``cors_origins`` names the origins allowed."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = service is None
        app.state.service = service or StoryService(settings)
        try:
            yield
        finally:
            if owned:
                app.state.service.close()

    app = FastAPI(
        title="storyweave",
        version=__version__,
        summary="Multilingual news articles in, stories out.",
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.token = token or None
    app.add_exception_handler(RequestValidationError, _validation_problem)  # type: ignore[arg-type]
    app.add_middleware(BodyLimit, limit=MAX_REQUEST_BYTES)
    if cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.include_router(routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


async def _validation_problem(request: Request, error: RequestValidationError) -> JSONResponse:
    """422 with FastAPI's usual ``detail`` list, each message naming the record it is about
    (``article 3: text: Field required``) or where the body stops being JSON."""
    details = jsonable_encoder(error.errors())
    for item in details:
        location = [str(part) for part in item.get("loc", ())]
        if item.get("type") == "json_invalid":
            # Here the number after "body" is a character offset, not an article's index.
            item["msg"] = f"the body is not JSON: {item.get('msg', '')} at character {location[-1]}"
        elif len(location) >= 2 and location[0] == "body" and location[1].isdigit():
            where = f"article {location[1]}" + (f": {location[2]}" if len(location) > 2 else "")
            item["msg"] = f"{where}: {item.get('msg', '')}"
        item.pop("ctx", None)
        item.pop("input", None)
        item.pop("url", None)
    return JSONResponse(status_code=422, content={"detail": details})


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, by header or as they stream in."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        response = JSONResponse(
            status_code=413,
            content={"detail": f"request body over {self.limit} bytes"},
        )
        await response({"type": "http"}, _no_body, send)


class _TooLarge(Exception):
    pass


async def _no_body() -> Message:
    return {"type": "http.disconnect"}
