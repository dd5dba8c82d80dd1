"""storyweave: articles in, stories out — multilingual, offline, streaming.

>>> from storyweave import Engine     # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Article, InputProblem, RawDocument, RemovedSpan

if TYPE_CHECKING:
    from .engine import Engine
    from .pipeline import Assignment, IngestReport

__all__ = [
    "Article",
    "Assignment",
    "Engine",
    "IngestReport",
    "InputProblem",
    "RawDocument",
    "RemovedSpan",
]
__version__ = "0.1.0"

# The engine pulls in every stage; importing it lazily keeps `import storyweave.model` light
# (worker processes and readers import only what they use).
_LAZY = {"Engine": ".engine", "Assignment": ".pipeline", "IngestReport": ".pipeline"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
