"""The REST API and the web pages, served together (FastAPI)."""

from .app import create_app
from .service import StoryService

__all__ = ["StoryService", "create_app"]
