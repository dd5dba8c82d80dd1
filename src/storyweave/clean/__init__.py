"""Cleaning: title and body split, boilerplate lines, glued sentences, datelines.

``clean_text`` turns plain text as messy as real input into a :class:`CleanedText`.
"""

from __future__ import annotations

from .text_cleaner import CleanedText, clean_text

__all__ = ["CleanedText", "clean_text"]
