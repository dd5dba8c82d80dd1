"""Recording what cleaning drops: whole lines, a leading or trailing part of one, or, last of
all, a few words inside one."""

from __future__ import annotations

from dataclasses import dataclass, field

from .shape import Line


@dataclass(slots=True)
class Removals:
    """Spans of the normalised text dropped so far, each ``(start, end, reason)``."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def drop(self, line: Line, reason: str) -> None:
        """Drop the whole of ``line`` for ``reason``."""
        line.reason = reason
        self.spans.append((line.start, line.end, reason))

    def cut_head(self, line: Line, length: int, reason: str) -> str:
        """Drop the first ``length`` chars of ``line`` (and spaces after); returns them."""
        rest = line.text[length:]
        kept_from = length + len(rest) - len(rest.lstrip())
        dropped = line.text[:length].rstrip()
        self.spans.append((line.start, line.start + kept_from, reason))
        line.start += kept_from
        line.text = line.text[kept_from:]
        if not line.text:
            line.reason = reason
        return dropped

    def cut_tail(self, line: Line, start: int, reason: str) -> str:
        """Drop ``line`` from char ``start`` on (and spaces before); returns what was dropped."""
        kept_to = len(line.text[:start].rstrip())
        dropped = line.text[start:]
        self.spans.append((line.start + kept_to, line.end, reason))
        line.end = line.start + kept_to
        line.text = line.text[:kept_to]
        if not line.text:
            line.reason = reason
        return dropped

    def cut_inside(self, line: Line, spans: list[tuple[int, int]], reason: str) -> None:
        """Drop the ``[start, end)`` spans of ``line``'s text. Its text no longer matches its
        offsets afterwards, so this comes after every other cut."""
        for start, end in sorted(spans, reverse=True):
            self.spans.append((line.start + start, line.start + end, reason))
            line.text = line.text[:start] + line.text[end:]
