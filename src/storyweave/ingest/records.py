"""One record of a multi-record format (JSONL, JSON array, CSV) as a RawDocument.

The contract fields (``id``, ``title``, ``text``, ``published``, ``source``, ``url``, ``lang``)
go to their places; every other field is kept in ``metadata``. Ids are kept as given, as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import problem
from ..model import INPUT_FIELDS, LEAD_FIELDS, InputProblem, RawDocument

__all__ = ["to_document"]


def to_document(
    record: Mapping[str, Any], origin: str, format: str, text_field: str = "text"
) -> RawDocument | InputProblem:
    """The document ``record`` describes, or E106 when its text is missing or blank."""
    text = record.get(text_field)
    if not isinstance(text, str) or not text.strip():
        identity = record.get("id")
        named = f"id {identity}: " if identity not in (None, "") else ""
        why = "no 'text' field" if text_field not in record else f"'{text_field}' is empty"
        if text is not None and not isinstance(text, str):
            why = f"'{text_field}' is not a string"
        return problem(origin, "E106", named + why)
    fields = {name: _as_text(record.get(name)) for name in INPUT_FIELDS if name != "text"}
    metadata = {
        key: value for key, value in record.items() if key not in INPUT_FIELDS and key != text_field
    }
    return RawDocument(
        origin=origin,
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        id=fields["id"],
        title=fields["title"],
        published=fields["published"],
        source=fields["source"],
        url=fields["url"],
        lang=fields["lang"],
        format=format,
        metadata=metadata,
        lead=next((_as_text(record.get(name)) for name in LEAD_FIELDS if record.get(name)), None),
    )


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None
