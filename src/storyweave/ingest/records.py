"""One record of a multi-record format (JSONL, JSON array, CSV) as a RawDocument.

The contract fields (``id``, ``title``, ``text``, ``published``, ``source``, ``url``, ``lang``)
go to their places; every other field is kept in ``metadata``. Ids are kept as given, as text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..errors import problem
from ..model import INPUT_FIELDS, LEAD_FIELDS, InputProblem, RawDocument

__all__ = ["to_document"]

#: A UTF-16 surrogate on its own, as a JSON escape such as ``"\\ud800"`` gives: not storable text.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def to_document(
    record: Mapping[str, Any], origin: str, format: str, text_field: str = "text"
) -> RawDocument | InputProblem:
    """The document ``record`` describes, or E106 when its text is missing or blank."""
    record = _without_surrogates(record)
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


def _without_surrogates(record: Mapping[str, Any]) -> Mapping[str, Any]:
    """``record`` with every lone surrogate (in keys and values, however deep) replaced by
    U+FFFD; the same object when it has none. Walks iteratively: records may nest deeply."""
    if not any(_has_surrogate(value) for value in _strings(record)):
        return record
    fixed = _copy_replacing(record)
    assert isinstance(fixed, dict)
    return fixed


def _strings(value: Any) -> list[str]:
    found: list[str] = []
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


def _has_surrogate(text: str) -> bool:
    return _LONE_SURROGATE.search(text) is not None


def _copy_replacing(value: Any) -> Any:
    """A copy of ``value`` with lone surrogates replaced, built without recursion."""
    root: list[Any] = [None]
    # Each step: a value to copy, and the container and slot its copy goes into.
    steps: list[tuple[Any, Any, Any]] = [(value, root, 0)]
    while steps:
        item, parent, slot = steps.pop()
        if isinstance(item, str):
            copy: Any = _LONE_SURROGATE.sub("\ufffd", item)
        elif isinstance(item, dict):
            copy = {}
            for key, child in item.items():
                fixed_key = _LONE_SURROGATE.sub("\ufffd", key) if isinstance(key, str) else key
                copy[fixed_key] = None
                steps.append((child, copy, fixed_key))
        elif isinstance(item, list):
            copy = [None] * len(item)
            steps.extend((child, copy, index) for index, child in enumerate(item))
        else:
            copy = item
        parent[slot] = copy
    return root[0]
