"""The words and signs that shape how a number is read, per language: decimal marks and
grouping, scale words ("triệu", "million", "万"), percent words, month names and the words that
make a small number a date, a time, a rank or an ordinal.

>>> SCALES["vi"]["triệu"], "%" in PERCENT_SIGNS
(1000000.0, True)
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Languages whose decimal mark is a comma; the others use a dot.
COMMA_DECIMAL_LANGUAGES = _words(
    "vi de fr es pt it nl pl tr ru uk be bg cs sk sl hr sr bs mk ro hu da no nb nn sv fi et lv "
    "lt is id az kk ka hy el ca gl eu sq"
)
#: Languages that group thousands with a plain space (a no-break space counts everywhere).
SPACE_GROUPING_LANGUAGES = _words(
    "fr pl ru uk be bg cs sk sl sv fi et lv lt no nb nn hu kk ka hy pt"
)

EN_SCALES = {
    "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "trillion": 1e12, "trillions": 1e12, "tn": 1e12,
}  # fmt: skip
SCALES: dict[str, dict[str, float]] = {
    "vi": {"nghìn": 1e3, "ngàn": 1e3, "vạn": 1e4, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9},
    "de": {"tausend": 1e3, "tsd": 1e3, "mio": 1e6, "millionen": 1e6, "mrd": 1e9,
           "milliarde": 1e9, "milliarden": 1e9, "billion": 1e12, "billionen": 1e12},
    "fr": {"mille": 1e3, "millions": 1e6, "milliard": 1e9, "milliards": 1e9, "md": 1e9,
           "mds": 1e9, "mrd": 1e9},
    "es": {"mil": 1e3, "millón": 1e6, "millon": 1e6, "millones": 1e6, "billón": 1e12,
           "billones": 1e12},
    "pt": {"mil": 1e3, "milhão": 1e6, "milhões": 1e6, "mi": 1e6, "bilhão": 1e9,
           "bilhões": 1e9, "bi": 1e9},
    "it": {"mila": 1e3, "mille": 1e3, "milione": 1e6, "milioni": 1e6, "miliardo": 1e9,
           "miliardi": 1e9, "mld": 1e9},
    "nl": {"duizend": 1e3, "miljoen": 1e6, "miljard": 1e9, "mld": 1e9},
    "pl": {"tys": 1e3, "tysiąc": 1e3, "tysiące": 1e3, "tysięcy": 1e3, "milion": 1e6,
           "miliony": 1e6, "milionów": 1e6, "mld": 1e9, "miliard": 1e9, "miliardy": 1e9,
           "miliardów": 1e9},
    "tr": {"bin": 1e3, "milyon": 1e6, "milyar": 1e9, "mlr": 1e9, "trilyon": 1e12},
    "ru": {"тыс": 1e3, "тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3, "млн": 1e6,
           "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "млрд": 1e9,
           "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9},
    "uk": {"тис": 1e3, "тисяч": 1e3, "млн": 1e6, "мільйон": 1e6, "мільйонів": 1e6,
           "млрд": 1e9, "мільярд": 1e9, "мільярдів": 1e9},
    "ar": {"ألف": 1e3, "الف": 1e3, "آلاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9,
           "مليارات": 1e9},
}  # fmt: skip
# Scale marks written straight after the digits, in any language: CJK characters, which
# may chain and run on into the noun ("3千万人"), and Latin abbreviations ("5bn", "10tr").
CJK_SCALES = {"千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}
GLUED_SCALES = {"bn": 1e9, "mln": 1e6, "mn": 1e6, "tr": 1e6}
# Read as scales only after a currency symbol ("$5m"); elsewhere "100m" is metres.
GLUED_MONEY_SCALES = {"m": 1e6, "k": 1e3}
# Scale letters as written: after a currency symbol ("$3B"), or before a space and a noun
# ("12M acres", "80K views"), unless a name stands before the digits ("Long March 5B").
GLUED_SCALE_LETTERS = {"M": 1e6, "B": 1e9, "K": 1e3, "k": 1e3}
# "K" or "k" after a whole number up to this is a resolution, a karat or a race ("4K video",
# "24K gold", "5k run"), not thousands.
GRADE_BEFORE_K = 24
PERCENT_WORDS = (
    "percent", "per cent", "pct", "prozent", "pour cent", "por ciento", "per cento",
    "por cento", "procent", "proc.", "phần trăm", "процент", "відсот", "في المائة",
    "في المئة", "بالمائة", "بالمئة",
)  # fmt: skip
PERCENT_SIGNS = ("%", "\uff05", "\u066a")
MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "januar februar märz mai juni juli oktober dezember jänner "
    "janvier février mars avril juin juillet août septembre octobre novembre décembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre "
    "diciembre janeiro fevereiro março maio junho julho setembro outubro novembro dezembro "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "januari februari maart mei augustus "
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
    "listopada grudnia ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım "  # noqa: RUF001
    "aralık января февраля марта апреля мая июня июля августа сентября октября ноября "  # noqa: RUF001
    "декабря يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر "
    "tháng"
)
# Words before a small number that make it a day, month, year or rank.
DATE_OR_RANK_BEFORE = _words("ngày tháng năm thứ hôm quý số no nr")
TIME_WORDS = _words("am pm giờ g uhr h hrs heures horas saat")
ORDINAL_SUFFIXES = _words("st nd rd th e er re ème eme º ª o a te ten ci inci")
CURRENCIES = "$€£¥₫₺₽₹"
