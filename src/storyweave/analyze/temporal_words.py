"""The words that date an action in en, fr, es, de and vi, and the patterns built from them.

Weekday names, relative days ("yesterday", "hôm qua"), periods ("last month"), "3 days ago",
speech verbs ("said"), words of the future ("will") and the words that make a weekday the last
or the next one ("last Monday", "mardi dernier", "thứ Hai tuần trước").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .date_patterns import WEEKDAY_KEYS


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """Words of one language; ``|`` separates alternatives."""

    weekdays: str  # Monday first, comma-separated
    relative: tuple[str, str, str]  # today, yesterday, the day before
    periods: str
    days_ago: str  # a pattern whose one group is the number of days
    said: str
    future: str
    preposition: str = ""  # shown with a weekday: "on Monday"
    last_before: str = ""
    last_after: str = ""
    next_before: str = ""
    next_after: str = ""


_VOCABULARY: dict[str, _Vocabulary] = {
    "en": _Vocabulary(
        weekdays=",".join(WEEKDAY_KEYS),
        relative=(
            "today|earlier today|this morning|this afternoon|tonight",
            "yesterday|last night",
            "the day before yesterday",
        ),
        periods="last week|last month|last year|earlier this week|earlier this month|this week",
        days_ago=r"(\d{1,2}) days ago",
        said="said|says|say|told|tells|announced|stated|declared|reported|confirmed|saying|"
        "quoted|according to|claimed|warned|insisted|denied|tweeted|wrote|added|noted",
        future="will|would|is due|are due|is set to|are set to|is expected to|are expected to|"
        "plans to|plan to|next|upcoming|scheduled",
        preposition="on",
        last_before="last|this past",
        next_before="next|this coming",
    ),
    "fr": _Vocabulary(
        weekdays="lundi,mardi,mercredi,jeudi,vendredi,samedi,dimanche",
        relative=(
            "aujourd'hui|aujourd\u2019hui|ce matin|cet après-midi|ce soir",
            "hier|hier soir",
            "avant-hier",
        ),
        periods="la semaine dernière|le mois dernier|l'année dernière|l\u2019année dernière|"
        "cette semaine|ce mois-ci",
        days_ago=r"il y a (\d{1,2}) jours",
        said="a déclaré|a dit|a annoncé|a affirmé|a indiqué|a assuré|a estimé|a confirmé|"
        "a ajouté|a précisé|a expliqué|a rapporté|a souligné|déclaré|annoncé|selon|affirme|"
        "déclare|annonce",
        future="va|vont|sera|seront|devra|devront|doit|doivent|prochain|prochaine|prévu|prévue",
        last_after="dernier",
        next_after="prochain",
    ),
    "es": _Vocabulary(
        weekdays="lunes,martes,miércoles|miercoles,jueves,viernes,sábado|sabado,domingo",
        relative=("hoy|esta mañana|esta tarde|esta noche", "ayer|anoche", "anteayer|antier"),
        periods="la semana pasada|el mes pasado|el año pasado|esta semana|este mes",
        days_ago=r"hace (\d{1,2}) días",
        said="dijo|afirmó|declaró|anunció|aseguró|informó|indicó|señaló|explicó|según|"
        "confirmó|agregó|añadió|manifestó|sostuvo",
        future="va a|van a|será|serán|próximo|próxima|prevé|previsto|prevista|deberá",
        preposition="el",
        last_before="el pasado",
        last_after="pasado",
        next_before="el próximo|próximo",
        next_after="próximo",
    ),
    "de": _Vocabulary(
        weekdays="montag,dienstag,mittwoch,donnerstag,freitag,samstag|sonnabend,sonntag",
        relative=("heute", "gestern", "vorgestern"),
        periods="letzte Woche|vergangene Woche|letzten Monat|vergangenen Monat|letztes Jahr|"
        "vergangenes Jahr|diese Woche|dieser Woche",
        days_ago=r"vor (\d{1,2}) Tagen",
        said="sagte|sagten|erklärte|erklärten|teilte|teilten|kündigte|berichtete|betonte|"
        "bestätigte|sagt|laut|meldete|hieß es|verkündete",
        future="wird|werden|soll|sollen|nächste|nächsten|kommende|kommenden|geplant",
        preposition="am",
        last_before="am vergangenen|am letzten|letzten|vergangenen|vorigen",
        next_before="am nächsten|am kommenden|nächsten|kommenden",
    ),
    "vi": _Vocabulary(
        # "thứ Hai" … "thứ Bảy" are matched by VIETNAMESE_WEEKDAY: lower case, they are ordinals.
        weekdays=",,,,,,chủ nhật",
        relative=(
            "hôm nay|sáng nay|trưa nay|chiều nay",
            "hôm qua|sáng qua|trưa qua|chiều qua|tối qua|đêm qua",
            "hôm kia",
        ),
        periods="tuần trước|tuần qua|tháng trước|tháng qua|năm ngoái|tuần này|tháng này",
        days_ago=r"(\d{1,2}) ngày trước",
        said="cho biết|tuyên bố|nói|cho hay|phát biểu|khẳng định|thông báo|xác nhận|loan tin|"
        "đưa tin|dẫn lời|công bố|theo",
        future="sẽ|tới|dự kiến|sắp",
        preposition="vào",
        last_after="tuần trước|tuần qua",
        next_after="tuần tới|tuần sau|tới",
    ),
}
#: Vietnamese weekdays written as ordinals: "thứ Hai" (Monday) … "thứ Bảy", "thứ 2" … "thứ 7".
VIETNAMESE_WEEKDAY = re.compile(
    r"(?<!\w)(?:(?P<cue>hôm|vào|sáng|trưa|chiều|tối|đêm)\s+|ngày\s+)?thứ\s+"
    r"(?P<day>hai|ba|tư|năm|sáu|bảy|[2-7])(?!\w)"
    r"(?P<dated>\s*[,(]?\s*(?:ngày\s+)?\d{1,2}/\d{1,2})?",
    re.IGNORECASE,
)
#: The weekday number (0 is Monday) of each Vietnamese ordinal word.
VIETNAMESE_DAY_NUMBER = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5}
_GERMAN_DAYTIMES = "abend|morgen|nachmittag|vormittag"
#: The time of day German glues to a weekday ("Dienstagabend").
GERMAN_DAYTIME = re.compile(rf"(?:{_GERMAN_DAYTIMES})$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TemporalWords:
    """The compiled patterns of one language's vocabulary."""

    days: dict[str, int]  # weekday name -> weekday number; relative day -> days back
    weekday: re.Pattern[str]
    relative: re.Pattern[str]
    periods: re.Pattern[str]
    days_ago: re.Pattern[str]
    said: re.Pattern[str]
    future: re.Pattern[str]
    preposition: re.Pattern[str] | None
    last_before: re.Pattern[str] | None
    last_after: re.Pattern[str] | None
    next_before: re.Pattern[str] | None
    next_after: re.Pattern[str] | None


def has_temporal_words(language: str) -> bool:
    """Whether ``language`` (a base code) has a vocabulary here."""
    return language in _VOCABULARY


@lru_cache(maxsize=16)
def temporal_words(language: str) -> TemporalWords:
    """The patterns of ``language``'s vocabulary, built once; see :func:`has_temporal_words`."""
    words = _VOCABULARY[language]
    flags = re.IGNORECASE
    weekdays = _numbered(tuple(words.weekdays.split(",")))
    relative = _numbered(words.relative)
    by_length = sorted(weekdays, key=len, reverse=True)
    daytime = f"(?:{_GERMAN_DAYTIMES})?" if language == "de" else ""

    def before(alternatives: str) -> re.Pattern[str] | None:
        pattern = rf"(?<!\w)(?:{_alternatives(alternatives)})\s+$"
        return re.compile(pattern, flags) if alternatives else None

    def after(alternatives: str) -> re.Pattern[str] | None:
        pattern = rf"\s+(?:{_alternatives(alternatives)})(?!\w)"
        return re.compile(pattern, flags) if alternatives else None

    return TemporalWords(
        days=weekdays | relative,
        weekday=re.compile(
            rf"(?<!\w)(?:{_alternatives('|'.join(by_length))}){daytime}(?!\w)", flags
        ),
        relative=re.compile(
            words_pattern("|".join(sorted(relative, key=len, reverse=True))), flags
        ),
        periods=re.compile(words_pattern(words.periods), flags),
        days_ago=re.compile(rf"(?<!\w){words.days_ago}(?!\w)", flags),
        said=re.compile(words_pattern(words.said), flags),
        future=re.compile(words_pattern(words.future), flags),
        preposition=before(words.preposition),
        last_before=before(words.last_before),
        last_after=after(words.last_after),
        next_before=before(words.next_before),
        next_after=after(words.next_after),
    )


def words_pattern(words: str) -> str:
    """A regular expression for ``|``-separated phrases, each as whole words."""
    return rf"(?<!\w)(?:{_alternatives(words)})(?!\w)"


def fold(text: str) -> str:
    """``text`` in lower case with single spaces: how phrases are looked up."""
    return " ".join(text.lower().split())


def _numbered(alternatives: tuple[str, ...]) -> dict[str, int]:
    """Each phrase of ``alternatives`` with the number of its place."""
    return {fold(w): n for n, words in enumerate(alternatives) for w in words.split("|") if w}


def _alternatives(words: str) -> str:
    """A regular expression for ``|``-separated phrases, any run of spaces between words."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words.split("|"))
