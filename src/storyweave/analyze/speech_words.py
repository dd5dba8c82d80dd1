"""The words that attribute a quote, per language: verbs of saying ("said", "a déclaré",
"dijo", "sagte", "cho biết"), "according to" words, pronouns, honorifics, and the role nouns
that make a phrase a speaker ("the defence minister", "một quan chức ngoại giao Mỹ").

Unknown languages get the union of all lists, so that a quote in an unlisted language still
finds an English or French attribution.

>>> bool(verb_pattern("vi", "say").search("ông Novak nói."))
True
>>> has_role_head("the defence minister", "en"), has_role_head("Außenministerin", "de")
(True, True)
"""

# Letters of many scripts are what these lists hold.
# ruff: noqa: RUF001

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import regex
import stopwordsiso

from storyweave.represent.gazetteer import normalize_name

__all__ = [
    "CONNECTORS",
    "DETERMINERS",
    "FILLERS",
    "HONORIFICS",
    "IMPERSONAL_SUBJECTS",
    "ORGANISATION_WORDS",
    "PREPOSITIONS",
    "VIETNAMESE_ORGANISATION_HEADS",
    "VIETNAMESE_ROLES",
    "VerbKind",
    "function_words",
    "has_role_head",
    "is_pronoun",
    "is_role_word",
    "role_heads",
    "verb_pattern",
]

VerbKind = Literal["say", "according", "after"]


def _alternatives(words: str) -> list[str]:
    return [w.strip() for w in words.split("|") if w.strip()]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _folded(text: str, separator: str | None = None) -> frozenset[str]:
    return frozenset(normalize_name(w) for w in text.split(separator))


# Verbs of saying as they stand in news text; French compound tenses are matched by their
# participle ("a déclaré"), the auxiliary being dropped from the subject as a filler.
_SAY: dict[str, list[str]] = {
    "en": _alternatives(
        "said|says|say|told|tells|added|adds|stated|declared|explained|explains|insisted|"
        "insists|warned|warns|noted|notes|stressed|stresses|argued|argues|claimed|asserted|"
        "announced|wrote|writes|replied|responded|continued|acknowledged|admitted|remarked|"
        "commented|urged|observed|affirmed|emphasised|emphasized|recalled|reiterated|saying|"
        "pointed out|concluded|vowed|promised|asked|asks|tweeted|tweets|cautioned|conceded|"
        "complained|confirmed|countered|predicted|went on"
    ),
    "fr": _alternatives(
        "déclaré|déclare|dit|affirmé|affirme|ajouté|ajoute|expliqué|explique|souligné|"
        "souligne|indiqué|indique|précisé|précise|estimé|estime|lancé|lance|assuré|assure|"
        "averti|avertit|martelé|martèle|confié|confie|poursuivi|poursuit|insisté|insiste|"
        "répondu|répond|annoncé|annonce|rappelé|rappelle|commenté|écrit|raconté|raconte|"
        "observé|observe|noté|reconnu|reconnaît|déploré|déplore|dénoncé|dénonce|fait savoir"
    ),
    "es": _alternatives(
        "dijo|dice|afirmó|afirma|declaró|declara|aseguró|asegura|señaló|señala|explicó|"
        "explica|añadió|añade|agregó|agrega|indicó|indica|manifestó|subrayó|advirtió|advierte|"
        "sostuvo|sostiene|comentó|expresó|insistió|apuntó|destacó|precisó|respondió|recalcó|"
        "reiteró|admitió|reconoció|escribió|anunció|aseveró|puntualizó|enfatizó|sentenció|"
        "detalló|detalla|denunció|denuncia|recordó|recuerda|concluyó|consideró|considera|"
        "opinó|opina|estimó|valoró|lamentó|lamenta|criticó"
    ),
    "de": _alternatives(
        "sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|fügte|ergänzte|ergänzt|"
        "warnte|warnt|schrieb|schreibt|antwortete|antwortet|verkündete|verkündet|"
        "bekräftigte|bekräftigt|kritisierte|kritisiert|räumte|teilte|sprach|forderte|fordert|"
        "mahnte|mahnt|versicherte|versichert|unterstrich|unterstreicht"
    ),
    "vi": _alternatives(
        "nói thêm|nói rằng|nói|cho biết|cho hay|phát biểu|tuyên bố|khẳng định|nhấn mạnh|"
        "bày tỏ|chia sẻ|thông báo|tiết lộ|nhắc đến|nhắc|viết|trả lời|nêu rõ|lưu ý|cảnh báo|"
        "kêu gọi|gọi|cho rằng|thêm rằng|nhận định|giải thích|bình luận|xác nhận|thừa nhận|"
        "nhận xét|đánh giá|kể|thổ lộ|tâm sự|nhớ lại|nói đùa"
    ),
    "pt": _alternatives("disse|diz|afirmou|afirma|declarou|acrescentou|explicou|garantiu"),
    "pl": _alternatives(
        "powiedział|powiedziała|stwierdził|stwierdziła|dodał|dodała|podkreślił|podkreśliła|"
        "zaznaczył|zaznaczyła|mówi|mówił|mówiła|oświadczył|oświadczyła|napisał|napisała"
    ),
    "tr": _alternatives("dedi|söyledi|ifade etti|açıkladı|belirtti|kaydetti|vurguladı"),
    "it": _alternatives("detto|dice|dichiarato|affermato|aggiunto|spiegato|sottolineato"),
}
# Words that put the speaker after them wherever they stand ("according to Orlov").
_ACCORDING: dict[str, list[str]] = {
    "en": ["according to", "quoted", "in the words of"],
    "fr": ["selon", "d'après", "d’après"],
    "es": ["según", "de acuerdo con"],
    "de": ["laut"],
    "vi": ["theo"],
    "pt": ["segundo", "de acordo com"],
    "pl": ["według"],
    "it": ["secondo"],
}
# Words that attribute only right after a quote ('„…“, so Scholz'): elsewhere they are common.
_AFTER_ONLY: dict[str, list[str]] = {"de": ["so"]}

_PRONOUNS: dict[str, frozenset[str]] = {
    "en": frozenset({"he", "she"}),
    "fr": frozenset({"il", "elle"}),
    "es": frozenset({"él", "ella"}),
    "de": frozenset({"er", "sie"}),
    "vi": frozenset(
        _alternatives("ông|bà|anh|chị|cô|ông ấy|bà ấy|anh ấy|chị ấy|cô ấy|ông ta|bà ta|anh ta")
    ),
    "pt": frozenset({"ele", "ela"}),
    "it": frozenset({"lui", "lei"}),
}
_ALL_PRONOUNS = frozenset().union(*_PRONOUNS.values())

#: Subjects of a verb of saying that name no one person ("as it says", "they told").
IMPERSONAL_SUBJECTS = _words(
    "it they we i you one who which ils elles nous on vous ellos ellas nosotros wir ihr man "
    "es họ chúng tôi ta"
)
#: Words between a speaker and the verb ("Orlov also said", "Macron a déclaré").
FILLERS = _words(
    "a ont avait aurait has had have also then later further earlier again once hat habe "
    "hatte ha han había đã cũng vừa thì lại còn"
)
#: Words that open a noun phrase and belong to no speaker's name or role.
DETERMINERS = _words(
    "the a an this that his her their its our le la les l un une ce cette son sa ses el los "
    "las una su sus este esta der die das den dem des ein eine einen einem sein seine ihr "
    "ihre một các những vị ngài o os as um uma il lo gli"
)
#: Titles of address, case-folded with their accents: never part of the name.
HONORIFICS = _words(
    "mr mrs ms miss dr prof sir dame lord m mme mlle monsieur madame herr frau sr sra srta "
    "don doña ông bà anh chị cô ngài"
)
#: Person nouns that make a phrase a role, folded.
_ROLE_HEADS = _folded(
    "minister president secretary spokesman spokeswoman spokesperson chancellor premier "
    "ambassador envoy senator governor mayor chief head director leader king queen prince "
    "pope commander officer official officials chairman chairwoman chair representative "
    "congressman congresswoman mp founder cofounder "
    "adviser advisor lawmaker ceo professor colonel lieutenant captain admiral judge "
    "prosecutor attorney diplomat diplomats analyst expert correspondent source sources "
    "pontiff papa pontife pontífice sénatrice représentante dirigeante procureure cheffe "
    "funcionaria consejera asesora senadora gobernadora concejal concejala "
    "ministre président présidente porte-parole secrétaire chef ambassadeur ambassadrice "
    "envoyé général directeur directrice maire député députée sénateur chancelier "
    "chancelière responsable conseiller conseillère diplomate représentant dirigeant "
    "commandant procureur juge ministro ministra presidente presidenta portavoz secretario "
    "secretaria canciller jefe jefa embajador embajadora enviado director directora "
    "alcalde alcaldesa diputado diputada senador gobernador asesor representante "
    "funcionario dirigente comandante fiscal juez líder vocero ministerin präsident "
    "präsidentin kanzler kanzlerin sprecher sprecherin sekretär chefin botschafter "
    "bürgermeister abgeordnete berater vertreter beamte leiter leiterin kommandeur "
    "staatsanwalt richter"
)
# Words that qualify a role inside a run of capitals ("Russian Defence Minister").
_ROLE_MODIFIERS = _folded(
    "foreign defence defense interior state special deputy vice prime senior former top "
    "general acting interim federal national home finance justice health trade economy "
    "department ministry government embassy agency army police military affairs "
    "étrangères affaires défense exteriores defensa bundes"
)
# Vietnamese roles are several syllables with only the first capitalised ("Bộ trưởng").
VIETNAMESE_ROLES = tuple(
    sorted(
        _folded(
            "bộ trưởng|ngoại trưởng|tổng thống|thủ tướng|chủ tịch|đặc phái viên|người phát ngôn|"
            "phát ngôn viên|quan chức|giới chức|đại sứ|thứ trưởng|đại diện|lãnh đạo|nghị sĩ|"
            "thống đốc|thị trưởng|giám đốc|chuyên gia|nhà ngoại giao|tư lệnh|tướng|quốc phòng|"
            "ngoại giao|bộ ngoại giao|bộ quốc phòng|điện kremlin|nhà trắng",
            "|",
        )
    )
)
#: First syllables of Vietnamese organisations ("Cục Hàng không", "Bộ Công an", "Nhà Trắng").
VIETNAMESE_ORGANISATION_HEADS = _folded(
    "Cục Bộ Sở Ủy Uỷ Hội Viện Trường Đài Báo Công Tập Ngân Chính Đảng Ban Phòng Tòa Nhà"
)
# German role nouns are compounds ("Bundeskanzler", "Außenministerin"), folded.
_GERMAN_ROLE_ENDINGS = (
    "minister",
    "ministerin",
    "kanzler",
    "kanzlerin",
    "prasident",
    "prasidentin",
    "sprecher",
    "sprecherin",
    "chef",
    "chefin",
    "leiter",
    "berater",
)
#: Last words of organisations, not people ("Nusra Front", "Red Cross"), folded.
ORGANISATION_WORDS = _folded(
    "front ministry department agency council committee union army party group state "
    "nations news times post press television tv radio office forces police court bank "
    "company government organisation organization institute university cross"
)
#: Lower-case words inside names ("Staffan de Mistura", "Bashar al-Assad").
CONNECTORS = _words(
    "al el ad as ash ar bin ibn abu de del della di da do dos das du la le van von der den "
    "ter ten y zu"
)
#: Words after which a speaker's noun phrase has ended ("said the minister in a statement").
PREPOSITIONS = _words(
    "in on at to with during after before from for about as en à dans sur avec pendant "
    "lors devant a con ante durante desde am im an auf mit bei vor nach gegenüber trên tại "
    "với trong khi về"
)


@lru_cache(maxsize=64)
def verb_pattern(lang: str, kind: VerbKind) -> regex.Pattern[str]:
    """Case-blind pattern of the ``kind`` words of ``lang`` (of all languages if unlisted)."""
    table = {"say": _SAY, "according": _ACCORDING, "after": _AFTER_ONLY}[kind]
    words = table.get(lang)
    if words is None and kind != "after":
        words = [w for listed in table.values() for w in listed]
    if not words:
        return regex.compile(r"(?!)")
    alternation = "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return regex.compile(
        r"(?<![\p{L}\p{M}\p{N}])(?:" + alternation + r")(?![\p{L}\p{M}\p{N}])", regex.IGNORECASE
    )


def is_pronoun(phrase: str, lang: str) -> bool:
    """Whether ``phrase`` is a personal pronoun of ``lang`` ("he", "ông ấy")."""
    return phrase.casefold() in _PRONOUNS.get(lang, _ALL_PRONOUNS)


def is_role_word(key: str, lang: str) -> bool:
    """Whether the folded word ``key`` names or qualifies a role ("minister", "defence")."""
    if key in _ROLE_HEADS or key in _ROLE_MODIFIERS:
        return True
    return lang == "de" and key.endswith(_GERMAN_ROLE_ENDINGS)


def has_role_head(phrase: str, lang: str) -> bool:
    """Whether ``phrase`` holds a person noun of a role, so that it can stand for a speaker."""
    keys = normalize_name(phrase).split()
    if any(k in _ROLE_HEADS or (lang == "de" and k.endswith(_GERMAN_ROLE_ENDINGS)) for k in keys):
        return True
    folded = f" {' '.join(keys)} "
    return any(f" {role} " in folded for role in VIETNAMESE_ROLES)


def role_heads(phrase: str) -> set[str]:
    """The folded person nouns of a role phrase ("defence minister" → {"minister"})."""
    return {k for k in normalize_name(phrase).split() if k in _ROLE_HEADS}


@lru_cache(maxsize=64)
def function_words(lang: str) -> frozenset[str]:
    """Case-folded function words of ``lang`` and English ("the", "but", "của")."""
    words: set[str] = set(DETERMINERS)
    for code in {lang, "en"}:
        if code and stopwordsiso.has_lang(code):
            words.update(stopwordsiso.stopwords(code))
    return frozenset(w.casefold() for w in words)
