"""Words that tell what kind of thing a name is, where no statistical model says it.

Kept small on purpose: a handful of head words per language that make a name an organisation
("Ministry of Defence", "Adalet ve Kalkınma Partisi", "Bộ Ngoại giao"), and for Vietnamese,
which pyvi tags without types, the words that put a person or a place before a name
("ông Orlov", "thành phố Mosul") and the commonest family names. Everything else is typed by
the gazetteer (places) or by repetition (a surname used alone after the full name: a person).

Words are compared folded (:func:`~storyweave.represent.gazetteer.normalize_name`; Vietnamese
only in lower case, since without its marks "Bộ" would be "bò", "bố" and "bỏ" too); in
case-inflecting languages by stem ("Ministerstwa" meets "Ministerstwo"); in languages that
write compounds or suffix their heads ("Bundesministerium", "Bakanlığı'nın") by the end or
the start of a word, as :data:`HEAD_POSITION` says.
"""

# Vietnamese and other scripts are what these lists hold.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Literal

from storyweave.represent.gazetteer import INFLECTING_LANGUAGES, inflection_stem, normalize_name

__all__ = [
    "VIETNAMESE_FAMILY_NAMES",
    "VIETNAMESE_MIDDLE_NAMES",
    "VIETNAMESE_NOT_NAME_CUES",
    "VIETNAMESE_PERSON_CUES",
    "VIETNAMESE_PLACE_CUES",
    "fold_word",
    "has_organisation_word",
]

#: Head words of organisation names, by language; "*" applies to every language.
ORGANISATION_WORDS: Mapping[str, tuple[str, ...]] = {
    "*": ("Inc", "Ltd", "LLC", "GmbH", "AG", "PLC", "Corp", "Holding", "FC"),
    "en": (
        "Ministry", "Department", "Agency", "Bank", "Party", "Council", "Committee",
        "Commission", "Union", "Association", "Organization", "Organisation", "University",
        "Institute", "Company", "Corporation", "Court", "Parliament", "Congress", "Senate",
        "Army", "Police", "Foundation", "Federation", "Front", "Office", "Airlines", "Group",
    ),
    "de": (
        "ministerium", "partei", "bank", "gericht", "universität", "verband", "verein",
        "polizei", "stiftung", "institut", "kommission", "konzern", "behörde", "amt",
        "bundestag", "landtag", "gewerkschaft", "rundfunk", "zeitung", "verlag", "gruppe",
        "agentur",
    ),
    "es": (
        "Ministerio", "Partido", "Banco", "Universidad", "Tribunal", "Congreso", "Senado",
        "Comisión", "Consejo", "Asociación", "Fundación", "Policía", "Ejército", "Agencia",
        "Instituto", "Federación", "Frente", "Empresa", "Grupo",
    ),
    "fr": (
        "Ministère", "Parti", "Banque", "Université", "Tribunal", "Assemblée", "Sénat",
        "Commission", "Conseil", "Association", "Fondation", "Police", "Armée", "Agence",
        "Institut", "Fédération", "Front", "Groupe", "Société",
    ),
    "it": (
        "Ministero", "Partito", "Banca", "Università", "Tribunale", "Senato", "Commissione",
        "Consiglio", "Associazione", "Fondazione", "Polizia", "Esercito", "Agenzia",
        "Istituto", "Federazione", "Fronte", "Gruppo",
    ),
    "pt": (
        "Ministério", "Partido", "Banco", "Universidade", "Tribunal", "Senado", "Comissão",
        "Conselho", "Associação", "Fundação", "Polícia", "Exército", "Agência", "Instituto",
        "Federação", "Frente", "Grupo",
    ),
    "pl": (
        "Ministerstwo", "Partia", "Bank", "Sąd", "Uniwersytet", "Komisja", "Rada", "Związek",
        "Policja", "Instytut", "Fundacja", "Agencja", "Sejm", "Senat", "Urząd",
        "Stowarzyszenie", "Prokuratura",
    ),
    "tr": (
        "bakanlığı", "partisi", "bankası", "üniversitesi", "mahkemesi", "meclisi", "derneği",
        "vakfı", "kurumu", "başkanlığı", "müdürlüğü", "birliği", "konseyi", "komisyonu",
        "ajansı", "şirketi", "holding", "kulübü", "takımı", "federasyonu", "kurulu", "lisesi",
        "okulu", "belediyesi", "valiliği",
    ),
    "ru": (
        "Министерство", "Партия", "Банк", "Суд", "Университет", "Комиссия", "Совет",
        "Агентство", "Институт", "Фонд", "Союз", "Дума", "Полиция", "Компания",
    ),
    "vi": (
        "Bộ", "Sở", "Cục", "Tổng cục", "Công ty", "Tập đoàn", "Ngân hàng", "Đảng", "Trường",
        "Viện", "Học viện", "Đại học", "Bệnh viện", "Ủy ban", "Uỷ ban", "Hội", "Mặt trận",
        "Quân đội", "Liên đoàn", "Câu lạc bộ", "CLB", "Tòa án", "Toà án", "Quốc hội",
        "Hãng", "Báo", "Đài", "Liên minh", "Tổ chức", "Nhà nước",
    ),
}  # fmt: skip

#: Where the head word sits in a word of a language that glues it on: "Bundesministerium"
#: (end of a compound), "Bakanlığı'nın" (a case ending after it).
HEAD_POSITION: Mapping[str, Literal["end", "start"]] = {"de": "end", "tr": "start"}

#: Vietnamese words that say a person's name follows: Mr, Mrs/Ms (also used of public figures).
VIETNAMESE_PERSON_CUES = frozenset({"ông", "bà"})
#: Vietnamese nouns of roles that people hold: president, prime minister, foreign minister,
#: minister, deputy minister, chairman, ambassador, envoy, spokesperson, lawmaker, governor,
#: mayor, director, general, commander, professor, doctor. The name after one, past the
#: country it serves ("Tổng thống Syria Bashar al-Assad"), is a person's.
VIETNAMESE_ROLE_NOUNS = frozenset(
    {
        "tổng thống", "thủ tướng", "ngoại trưởng", "bộ trưởng", "thứ trưởng", "chủ tịch",
        "đại sứ", "đặc phái viên", "người phát ngôn", "phát ngôn viên", "nghị sĩ",
        "thống đốc", "thị trưởng", "giám đốc", "tướng", "tư lệnh", "giáo sư", "tiến sĩ",
    }
)  # fmt: skip
#: Vietnamese words that say a place name follows: city, province, district, commune, ward,
#: town, country, capital, mountain, river, island, and the prepositions "in"/"at".
VIETNAMESE_PLACE_CUES = frozenset(
    {
        "thành phố", "tp", "tỉnh", "huyện", "quận", "xã", "phường", "thị xã", "thị trấn",
        "nước", "thủ đô", "núi", "sông", "đảo", "miền", "vùng", "ở", "tại",
    }
)  # fmt: skip
#: Vietnamese words after which a country name names something else: "tiếng Anh" is the
#: English language, not Britain.
VIETNAMESE_NOT_NAME_CUES = frozenset({"tiếng"})
#: Middle names that mark a Vietnamese personal name: "Thị" (women), "Văn" (men).
VIETNAMESE_MIDDLE_NAMES = frozenset({"Thị", "Văn"})
#: The commonest Vietnamese family names (together about nine in ten people): a name that
#: starts with one of them and has two to four syllables is a person.
VIETNAMESE_FAMILY_NAMES = frozenset(
    {
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
        "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Lương", "Mai", "Lâm",
    }
)  # fmt: skip


def has_organisation_word(words: Sequence[str], lang: str) -> bool:
    """Whether any of ``words`` (the words of a name, in ``lang``) is an organisation head."""
    heads, stems = _organisation_heads(lang)
    position = HEAD_POSITION.get(lang)
    folded_words = [fold_word(word, lang) for word in words]
    if any(word in heads for word in folded_words):
        return True
    # Multi-word heads ("Công ty", "Tổng cục") are matched against the whole name.
    joined = " " + " ".join(folded_words) + " "
    if any(" " in head and f" {head} " in joined for head in heads):
        return True
    for word in folded_words:
        if stems and inflection_stem(word) in stems:
            return True
        if position == "end" and any(word.endswith(head) for head in heads):
            return True
        if position == "start" and any(word.startswith(head) for head in heads):
            return True
    return False


def fold_word(word: str, lang: str) -> str:
    """``word`` as cue lists compare it: :func:`normalize_name`, or lower case in Vietnamese."""
    if lang == "vi":
        return unicodedata.normalize("NFC", word).casefold()
    return normalize_name(word)


@lru_cache(maxsize=64)
def _organisation_heads(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    words = (*ORGANISATION_WORDS["*"], *ORGANISATION_WORDS.get(lang, ()))
    heads = frozenset(fold_word(word, lang) for word in words)
    stems = (
        frozenset(inflection_stem(head) for head in heads if " " not in head)
        if lang in INFLECTING_LANGUAGES
        else frozenset()
    )
    return heads, stems
