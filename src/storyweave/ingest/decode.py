"""Bytes to text: BOMs, declared charsets, UTF-8, then charset detection; binary is refused.

The order: a byte-order mark wins; then a charset the server or the page declares; then strict
UTF-8; then charset-normalizer. Input that is mostly valid UTF-8 but holds a few invalid bytes is
refused (E103, naming the byte offset) rather than guessed: a legacy code page would turn every
valid multi-byte character of it into mojibake. Line ends are normalised to ``\\n``.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import problem
from ..model import InputProblem

__all__ = [
    "bom_encoding",
    "declared_html_charset",
    "decode",
    "looks_binary",
    "split_content_type",
    "stream_encoding",
]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Declared charsets that pages often get wrong: valid UTF-8 declared as one of these is UTF-8.
_LOOSE_DECLARATIONS = frozenset(
    {"iso-8859-1", "latin-1", "latin1", "ascii", "us-ascii", "cp1252", "windows-1252"}
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
#: Share of control bytes above which content is taken for binary.
_MAX_CONTROL_SHARE = 0.05
#: Highest chaos (charset-normalizer's mess score, 0..1) at which a detected encoding is trusted.
_MAX_CHAOS = 0.2
_NEWLINES = re.compile(r"\r\n?")


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``data``, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(head: bytes) -> str | None:
    """Why ``head`` reads as binary rather than text (NUL bytes, control bytes), else ``None``."""
    if bom_encoding(head) in ("utf-16", "utf-32"):
        return None
    nul = head.find(b"\x00")
    if nul >= 0:
        return f"NUL byte at offset {nul}"
    sample = head[:8192]
    controls = sum(1 for byte in sample if byte in _CONTROL)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        return f"{controls / len(sample):.0%} control bytes"
    return None


def split_content_type(value: str | None) -> tuple[str | None, str | None]:
    """The media type and charset of a ``Content-Type`` value, lower-cased.

    >>> split_content_type("text/html; charset=UTF-8")
    ('text/html', 'utf-8')
    """
    if not value:
        return None, None
    media, *parameters = value.split(";")
    charset = None
    for parameter in parameters:
        name, _, given = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = given.strip().strip("\"'").lower() or None
    return media.strip().lower() or None, charset


def declared_html_charset(head: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first kilobytes, if any."""
    match = _META_CHARSET.search(head[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def decode(data: bytes, origin: str, declared: str | None = None) -> str | InputProblem:
    """``data`` as text with ``\\n`` line ends, or an E102/E103 problem naming ``origin``.

    ``declared`` is a charset from the HTTP header or the page itself; it is trusted unless it
    cannot decode the bytes.
    """
    encoding = bom_encoding(data)
    if encoding:
        try:
            return _normalise(data.decode(encoding))
        except UnicodeDecodeError as error:
            return problem(origin, "E103", f"invalid {encoding} at byte {error.start}")
    why = looks_binary(data)
    if why:
        return problem(origin, "E102", why)
    text = _decode_declared(data, declared)
    if text is not None:
        return _normalise(text)
    try:
        return _normalise(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        if _has_multibyte_utf8(data):
            return problem(origin, "E103", f"invalid UTF-8 at byte {error.start}")
        detected = detect(data)
        if detected is None:
            return problem(
                origin, "E103", f"invalid UTF-8 at byte {error.start}; no other encoding fits"
            )
        return _normalise(data.decode(detected, errors="replace"))


def stream_encoding(head: bytes) -> str:
    """The codec to read a streaming text format with, judged from its first bytes."""
    encoding = bom_encoding(head)
    if encoding:
        return encoding
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # The head may end inside a multi-byte character.
        if error.start >= len(head) - 3 or _has_multibyte_utf8(head):
            return "utf-8"
    return detect(head) or "utf-8"


def detect(data: bytes) -> str | None:
    """A legacy encoding charset-normalizer is confident about, or ``None``.

    Among equally good candidates, windows-1252 wins: it is the most common legacy encoding and
    the one browsers assume.
    """
    matches = [match for match in from_bytes(data) if match.chaos <= _MAX_CHAOS]
    if not matches:
        return None
    best = min(matches, key=lambda match: (match.chaos, -match.coherence))
    equally_good = [
        match for match in matches if (match.chaos, match.coherence) == (best.chaos, best.coherence)
    ]
    for match in equally_good:
        if "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return str(best.encoding)


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        codecs.lookup(declared)
    except LookupError:
        return None
    if declared.lower() in _LOOSE_DECLARATIONS:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            # Browsers read latin-1 as windows-1252, and so do we.
            declared = "cp1252"
    try:
        return data.decode(declared)
    except UnicodeDecodeError:
        return None


def _has_multibyte_utf8(data: bytes) -> bool:
    return any(ord(char) > 127 for char in data.decode("utf-8", errors="ignore"))


def _normalise(text: str) -> str:
    return _NEWLINES.sub("\n", text.lstrip("\ufeff"))
