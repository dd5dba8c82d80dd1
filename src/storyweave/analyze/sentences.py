"""Sentence splitting for news text in any script, by rules that know abbreviations.

A line break always ends a sentence. Within a line, a boundary is a terminator (``. ! ? …``,
CJK full stops and marks, Arabic and Urdu question mark and full stop, Devanagari danda …)
with the closing quotes and brackets that follow it, unless what
precedes it is an abbreviation, an initial, a list number or an ordinal, or what follows it
starts in lower case. Thai and Lao, which have no sentence punctuation, are cut at the spaces
that separate runs of Thai text.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Terminators that end a sentence wherever they stand: no language uses them inside one.
_STRONG = "\u3002\uff01\uff1f\uff61\u0964\u0965\u061f\u06d4\u0589\u1362\u104b\u17d4"
# Terminators that also mark abbreviations, decimals, domains and ellipses: a boundary only
# when followed by white space.
_WEAK = ".!?\u2026\u203c\u2047\u2048\u2049\u037e"
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]}\u300d\u300f\uff09\u3011\u3015\u3009\u300b\u301e\uff02"
_OPENERS = (
    "\"'\u201c\u2018\u00ab\u2039([{\u00bf\u00a1\u300c\u300e\uff08\u3010\u3014\u3008\u300a\u301d"
    "\u2014\u2013-\u2022*"
)

_TRAILING = ".,;:!?" + _CLOSERS

_BOUNDARY = re.compile(f"([{re.escape(_STRONG + _WEAK)}]+)([{re.escape(_CLOSERS)}]*)")
_CJK_OR_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD_CHARACTER = re.compile(r"\w")
_THAI_OR_LAO = re.compile(r"[\u0e00-\u0eff]")
_LIST_MARKER = re.compile(r"(?:\d{1,3}|[A-Za-z]|[IVXLCivxlc]{1,5})")
_ELLIPSIS = re.compile(r"(?:\.{2,}|\u2026)")

#: Shortest run of Thai or Lao text kept as a sentence of its own when cutting at spaces.
THAI_MIN_SENTENCE_CHARS = 30


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles before a name, in any Latin-script language; matched only when capitalised, since
# some are ordinary words in lower case ("sen", "maj", "col").
_TITLES = _words(
    "mr mrs ms messrs mme mlle dr prof gen lt col maj capt cpt sgt cpl adm cmdr gov sen rep "
    "rev hon pres supt insp sr sra srta st"
)
# Abbreviations that are always followed by more of the sentence ("vs.", "Nr.", "TP." …),
# written without their final dot and compared in lower case.
_PREFIXES: dict[str, frozenset[str]] = {
    "": _words("vs"),
    "en": _words("atty mt ft"),
    "de": _words("nr hr fr frl dipl ing abs bd bsp vgl sog geb gest ca inkl exkl zzgl"),
    "fr": _words("mm pr me mgr ste av bd boul env cf"),
    "es": _words("dra lic ing arq ud uds vd gral excmo avda av sto sta"),
    "pt": _words("dra profa av exmo sto sta eng"),
    "it": _words("sig sig.ra sigg dott dott.ssa avv ing geom spett mons"),
    "nl": _words("dhr mevr ir drs ing bijv"),
    "vi": _words("tp tx ts ths pgs gs bs ks cn ncs tt th.s ths.bs ts.bs pgs.ts gs.ts nxb"),
    "pl": _words("np tzw mgr inż ul al pl ok wg tj godz ks"),
    "tr": _words("doç yrd av sn cad sok mah"),
    "ru": _words("ул им проф акад гг см стр"),  # noqa: RUF001
    "uk": _words("вул им проф акад гг см стр"),  # noqa: RUF001
    "hi": _words("डॉ प्रो श्री"),
}
# Abbreviations that may also end a sentence ("etc.", "Inc.", "Jan."): a boundary only when
# the next word is one that commonly starts a sentence.
_MAYBE_FINAL: dict[str, frozenset[str]] = {
    "": _words("etc inc ltd corp jr bros llc plc approx"),
    "en": _words(
        "co dept univ est ca no vol pp fig ch sec jan feb mar apr jun jul aug sep sept oct nov dec"
    ),
    "de": _words("usw bzw ggf evtl mio mrd tsd jh str"),
    "fr": _words("env"),
    "es": _words("aprox pág núm"),
    "pt": _words("pág"),
    "it": _words("ecc pag"),
    "nl": _words("enz blz"),
    "pl": _words("tys mln mld zł"),
    "tr": _words("vb vs"),
    "ru": _words("тыс млн млрд руб коп др"),  # noqa: RUF001
    "uk": _words("тис млн млрд грн"),
}
# Abbreviations whose lower-case form is an ordinary word ("no", "art"): matched as written.
_CASED_PREFIXES = _words("No Nos Art Nr")

# Words that commonly open a sentence: after an ambiguous dot ("U.S.", "F.", "15.") they tell a
# sentence end from an abbreviation in the middle of one.
_STARTERS: dict[str, frozenset[str]] = {
    "en": _words(
        "The A An He She It They We I You This That These Those There Here But And Or So Yet "
        "In On At As If When While After Before Since Although Though His Her Its Their Our "
        "My What Who How Why Where However Meanwhile Then Also According Some Many Most One "
        "No Not Now Still Earlier Later Last Yesterday Today"
    ),
    "de": _words(
        "Der Die Das Den Dem Ein Eine Er Sie Es Wir Ich Auch Aber Und Doch Dies Diese Dieser "
        "Im In Am Auf Nach Bei Mit Zum Zur Wie Was Wer Wenn Als Damit Dabei Deshalb So Nun "
        "Man Laut Seit Zudem Dort Hier"
    ),
    "fr": _words(
        "Le La Les L Un Une Il Elle Ils Elles On Nous Je Ce Cette Ces Mais Et En Dans Pour "
        "Selon Depuis Après Au Aux Du Des Cela Si"
    ),
    "es": _words(
        "El La Los Las Un Una Él Ella Ellos Pero Y En Por Para Según Este Esta Estos Estas "
        "Eso Esto Se No Al Del Con Desde Tras Sin"
    ),
    "pt": _words(
        "O A Os As Um Uma Ele Ela Eles Elas Mas E Em No Na Para Segundo Este Esta Isso Não Se Com"
    ),
    "it": _words("Il Lo La I Gli Le Un Una Ma E In Per Secondo Questo Questa Non Si"),
    "nl": _words("De Het Een Hij Zij Ze Wij Maar En In Op Dat Dit Er"),
    "vi": _words(
        "Ông Bà Anh Chị Theo Tuy Trong Sau Khi Nhưng Và Đây Điều Các Những Một Người Hiện "
        "Trước Cũng Ngoài Do Vì Nếu Tại Với Chúng Tôi Họ Năm Ngày Đến Thế Còn Đó"
    ),
    "pl": _words("W Na To Ten Ta Nie Jak Ale I Z Po Jest Według Od Do"),
    "tr": _words("Bu Bir Ve Ama Ancak O Ben Biz Daha Şu"),
    "ru": _words("В На Он Она Они Это Но И По Как Не Так"),  # noqa: RUF001
}
# Languages that write ordinal numbers with a dot ("am 15. August"); there a number before a
# dot ends a sentence only when a sentence starter follows.
_ORDINAL_DOT_LANGUAGES = _words("de da no nb nn fi cs sk pl hu hr sr sl bs et lv is tr lb fo")
_NO_PUNCTUATION_LANGUAGES = _words("th lo")


def split_sentences(text: str, lang: str) -> list[str]:
    """Return the sentences of ``text`` (language ``lang``), stripped, non-empty, in order.

    >>> split_sentences("Mr. Smith went to Washington. He arrived at 2.30 p.m. on Monday.", "en")
    ['Mr. Smith went to Washington.', 'He arrived at 2.30 p.m. on Monday.']
    >>> split_sentences("北京今天下雨。明天会放晴。", "zh")
    ['北京今天下雨。', '明天会放晴。']
    """
    rules = _rules(lang.lower().split("-", 1)[0] if lang else "")
    sentences: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        pieces = _split_line(line, rules)
        if rules.unpunctuated or (rules.language == "und" and _mostly_thai(line)):
            pieces = [part for piece in pieces for part in _split_at_spaces(piece)]
        sentences.extend(pieces)
    return sentences


class _Rules:
    """The abbreviation and starter lists that apply to one language."""

    __slots__ = (
        "language",
        "maybe_final",
        "ordinal_dot",
        "prefixes",
        "starters",
        "titles",
        "unpunctuated",
    )

    def __init__(self, language: str) -> None:
        self.language = language
        self.prefixes = _PREFIXES[""] | _PREFIXES.get(language, frozenset())
        self.titles = _TITLES
        self.maybe_final = _MAYBE_FINAL[""] | _MAYBE_FINAL.get(language, frozenset())
        self.starters = _STARTERS["en"] | _STARTERS.get(language, frozenset())
        self.ordinal_dot = language in _ORDINAL_DOT_LANGUAGES
        self.unpunctuated = language in _NO_PUNCTUATION_LANGUAGES


@lru_cache(maxsize=64)
def _rules(language: str) -> _Rules:
    return _Rules(language or "und")


def _split_line(line: str, rules: _Rules) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        if _is_boundary(line, start, match, rules):
            pieces.append(line[start:end].strip())
            start = end
    pieces.append(line[start:].strip())
    # A piece of bare punctuation (a stray "." line) is no sentence.
    return [piece for piece in pieces if _WORD_CHARACTER.search(piece)]


def _is_boundary(line: str, start: int, match: re.Match[str], rules: _Rules) -> bool:
    terminator = match.group(1)
    end = match.end()
    if end >= len(line):
        return True
    following = line[end]
    if any(mark in _STRONG for mark in terminator):
        return True
    if not following.isspace():
        # CJK text may end a sentence with a half-width "!" or "?" and no space.
        return terminator[-1] in "!?" and bool(_CJK_OR_KANA.match(following))
    next_word = _next_word(line, end)
    if not next_word or next_word[0].islower() or next_word[0] in _TRAILING:
        return False
    if _ELLIPSIS.fullmatch(terminator):
        # "(...)" marks an omission; otherwise an ellipsis trails off inside a sentence as often
        # as it ends one, so only a clear sentence opening after it counts as a boundary.
        omission = match.start() > 0 and line[match.start() - 1] in "(["
        return not omission and _strip_word(next_word) in rules.starters
    if terminator != ".":
        return True
    return _dot_ends_sentence(line, start, match.start(), next_word, rules)


def _dot_ends_sentence(line: str, start: int, dot: int, next_word: str, rules: _Rules) -> bool:
    """Whether the single dot at ``dot`` ends the sentence that began at ``start``."""
    before = line[start:dot]
    if not before.strip() or before[-1].isspace():
        return True
    token = before.rsplit(None, 1)[-1].lstrip(_OPENERS)
    if not token:
        return True
    ambiguous_end = _strip_word(next_word) in rules.starters
    if _is_list_marker(before, token):
        return False
    lowered = token.lower()
    if lowered in rules.prefixes or token in _CASED_PREFIXES:
        return False
    if token[0].isupper() and lowered in rules.titles:
        return False
    if len(token) == 1 and token.isalpha():
        return ambiguous_end  # an initial ("John F. Kennedy") unless a sentence clearly starts
    if lowered in rules.maybe_final or _is_dotted_abbreviation(token):
        return ambiguous_end
    if rules.ordinal_dot and token.isdigit() and len(token) <= 2:
        return ambiguous_end
    return True


def _is_list_marker(before: str, token: str) -> bool:
    """A list number or letter opening the sentence ("1.", "b.", "IV.") or after a colon."""
    if not _LIST_MARKER.fullmatch(token):
        return False
    head = before[: len(before.rstrip()) - len(token)].rstrip()
    return not head or (head.endswith(":") and token.isdigit())


def _is_dotted_abbreviation(token: str) -> bool:
    """Dotted abbreviations ("U.S", "e.g", "z.B", "PGS.TS"), not domains or decimals."""
    parts = token.split(".")
    if len(parts) < 2 or not all(part.isalpha() and len(part) <= 4 for part in parts):
        return False
    if len(parts[0]) >= 3 and len(parts[-1]) >= 2 and parts[-1].islower():
        return False  # a host name ending in its domain: "Wday.ru", "bbc.com"
    return any(len(part) == 1 or not part.islower() for part in parts)


def _next_word(line: str, position: int) -> str:
    rest = line[position:].lstrip().lstrip(_OPENERS).lstrip()
    return rest.split(None, 1)[0] if rest else ""


def _strip_word(word: str) -> str:
    """The word without trailing punctuation or elision ("L'homme" -> "L")."""
    return re.split(r"['\u2019]", word.rstrip(_TRAILING), maxsplit=1)[0]


def _mostly_thai(line: str) -> bool:
    sample = line[:200]
    return len(_THAI_OR_LAO.findall(sample)) * 2 >= len(sample)


def _split_at_spaces(line: str) -> list[str]:
    """Cut unpunctuated Thai/Lao text at spaces between Thai runs, keeping short runs joined.

    Thai writes a space between sentences and clauses but not between words; spaces next to
    digits or Latin words are ordinary word spacing and never cut.
    """
    sentences: list[str] = []
    current = ""
    for chunk in line.split():
        if (
            current
            and len(current) >= THAI_MIN_SENTENCE_CHARS
            and _THAI_OR_LAO.match(current[-1])
            and _THAI_OR_LAO.match(chunk[0])
        ):
            sentences.append(current)
            current = chunk
        else:
            current = f"{current} {chunk}" if current else chunk
    if current:
        sentences.append(current)
    return sentences
