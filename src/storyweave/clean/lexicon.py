"""Multilingual word lists that boilerplate rules match against, kept in one place.

Every list is general vocabulary of news pages (credit words, link markers, month names, page
furniture), never words of particular articles. Entries are lower case; matching is case-blind.
"""

# Typographic quotes, dashes and letters of many scripts are what these rules look for.
# ruff: noqa: RUF001

from __future__ import annotations

import regex

#: Phrases that introduce a link to another page ("Read more", "Xem thêm", …).
LINK_MARKERS: tuple[str, ...] = (
    # en
    "read more", "read also", "also read", "see also", "related", "related articles",
    "related stories", "related news", "more on this", "more from", "continue reading",
    "read the full article", "read full story", "click here", "recommended",
    # vi
    "xem thêm", "đọc thêm", "tin liên quan", "bài liên quan", "xem tiếp", "đọc tiếp",
    "tin cùng chuyên mục", "có thể bạn quan tâm",
    # de
    "lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant", "weiterlesen",
    "den vollständigen artikel lesen", "zum artikel", "das könnte sie auch interessieren",
    # fr
    "voir aussi", "lire aussi", "à lire aussi", "lire la suite", "à voir aussi",
    "sur le même sujet",
    # es / pt / it
    "leer más", "lea también", "lee también", "ver también", "te puede interesar",
    "seguir leyendo", "noticias relacionadas", "leia também", "veja também", "leia mais",
    "leggi anche", "leggi tutto", "vedi anche",
    # pl / tr / nl
    "czytaj też", "czytaj także", "czytaj więcej", "czytaj dalej", "zobacz też", "zobacz także",
    "ayrıca bakınız", "ilgili haber", "ilgili haberler", "devamını oku", "haberin devamı",
    "lees ook", "lees meer",
    # ru / uk / ar
    "читайте также", "смотрите также", "читайте далее", "по теме", "читайте також",
    "اقرأ أيضا", "اقرأ أيضاً", "اقرأ المزيد", "مواضيع ذات صلة",
)

#: Names of wire agencies and photo services: a short line of only these is a credit.
AGENCIES: frozenset[str] = frozenset({
    "reuters", "afp", "ap", "dpa", "efe", "ansa", "tass", "itar-tass", "xinhua", "anadolu",
    "aa", "bloomberg", "upi", "pa", "kyodo", "yonhap", "ria", "ria novosti", "interfax",
    "ttxvn", "vna", "epa", "getty", "getty images", "shutterstock", "istock", "sputnik",
    "apa", "kna", "pap", "iha", "dha", "sipa", "abaca", "europa press", "agência brasil",
    "lusa", "belga", "anp", "ntb", "tt", "stt", "ritzau", "ctk", "mti", "bta", "hina",
    "tanjug", "wafa", "mena", "spa", "qna", "wam", "kuna", "irna", "isna", "bernama",
    "antara", "pti", "ani", "ians", "cna", "aap", "nzpa", "cp", "afp/getty images",
})

#: Words that mark a line as a credit rather than text ("Agencies", "Photo", "Nguồn", …).
CREDIT_WORDS: frozenset[str] = frozenset({
    "agency", "agencies", "agence", "agences", "agencia", "agencias", "agenzia", "agenzie",
    "agentur", "agenturen", "ajans", "ajanslar", "agencja", "agencje", "агентство",
    "photo", "photos", "foto", "fotos", "ảnh", "фото", "bild", "image", "images", "imagen",
    "zdjęcie", "fotoğraf", "credit", "credits", "crédito", "crédit", "source", "sources",
    "nguồn", "quelle", "quellen", "fuente", "fuentes", "fonte", "źródło", "kaynak",
    "источник", "المصدر", "staff", "wires", "redaktion", "rédaction", "redacción",
    "redazione", "redakcja", "biên tập", "tổng hợp", "lược dịch", "dịch", "theo",
    "copyright", "©", "handout", "pool",
})

#: Words introducing a photo credit or caption inside a line ("Photo: X/Y", "Ảnh: …").
CAPTION_LABELS: tuple[str, ...] = (
    "photo", "photograph", "foto", "ảnh", "фото", "bild", "image", "imagen", "zdjęcie",
    "fotoğraf", "crédit photo", "photo credit", "صورة", "fotografía", "fotografia",
)

#: Phrases that only captions use ("in this picture", "ảnh minh họa", …).
CAPTION_PHRASES: tuple[str, ...] = (
    "in this picture", "in this photo", "in this handout", "in this file photo", "file photo",
    "in this image", "in this photograph", "pictured", "photo taken", "picture taken",
    "ảnh minh họa", "ảnh minh hoạ", "ảnh tư liệu", "trong ảnh", "symbolbild", "archivbild",
    "auf dem bild", "auf dem foto", "sur la photo", "photo d'illustration", "en la imagen",
    "en la foto", "imagen de archivo", "foto de archivo", "na zdjęciu", "zdjęcie ilustracyjne",
    "fotoğrafta", "на фото", "на снимке", "nella foto", "foto d'archivio",
)

#: Labels that open a publication-date line ("Published:", "Cập nhật:", …).
DATELINE_LABELS: tuple[str, ...] = (
    "published", "updated", "last updated", "posted", "first published", "date",
    "veröffentlicht", "aktualisiert", "zuletzt aktualisiert", "stand", "erstellt",
    "publié", "publié le", "mis à jour", "modifié", "publicado", "actualizado",
    "pubblicato", "aggiornato", "opublikowano", "aktualizacja", "zaktualizowano",
    "yayınlanma", "yayınlanma tarihi", "güncelleme", "güncellenme", "son güncelleme",
    "cập nhật", "đăng", "ngày đăng", "đăng lúc", "thời gian", "опубликовано", "обновлено",
    "дата", "نشر", "تحديث", "تاريخ النشر", "gepubliceerd", "bijgewerkt",
)

#: Words that open a byline ("By Jane Doe", "Por …", "Von …").
BYLINE_WORDS: frozenset[str] = frozenset({
    "by", "por", "par", "von", "di", "door", "przez", "bởi", "от", "автор", "author",
    "autor", "auteur", "autore", "yazar", "tác giả", "written by", "reporting by", "بقلم",
})

#: Words of page furniture: a line made only of these is navigation.
PAGE_FURNITURE: frozenset[str] = frozenset({
    "share", "shares", "tweet", "email", "e-mail", "print", "comment", "comments", "facebook",
    "twitter", "x", "whatsapp", "linkedin", "telegram", "pinterest", "reddit", "messenger",
    "copy", "link", "subscribe", "newsletter", "advertisement", "advertising", "sponsored",
    "menu", "home", "login", "log", "in", "sign", "search", "close", "top", "back", "next",
    "previous", "prev", "more", "video", "videos", "gallery", "photos", "audio", "listen",
    "anzeige", "werbung", "teilen", "drucken", "kommentare", "publicité", "partager",
    "imprimer", "publicidad", "compartir", "imprimir", "comentarios", "condividi", "stampa",
    "udostępnij", "reklama", "drukuj", "komentarze", "paylaş", "reklam", "yorumlar",
    "quảng", "cáo", "chia", "sẻ", "bình", "luận", "bài", "viết", "поделиться",
    "реклама", "печать", "комментарии", "مشاركة", "إعلان", "and", "&", "|", "/", "·", "•",
})

#: Labels of a tag or keyword list ("Tags:", "Từ khóa:", …).
TAG_LABELS: tuple[str, ...] = (
    "tags", "tag", "topics", "keywords", "filed under", "schlagwörter", "themen", "stichworte",
    "mots-clés", "mots clés", "etiquetas", "temas", "tag:", "argomenti", "tagi", "tematy",
    "etiketler", "anahtar kelimeler", "từ khóa", "từ khoá", "thẻ", "теги", "метки",
    "الكلمات المفتاحية", "trefwoorden",
)

#: Month names and common abbreviations, several languages and case forms.
MONTHS: frozenset[str] = frozenset({
    # en
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
    # de / nl
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
    "januari", "februari", "maart", "mei", "augustus",
    # fr
    "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre",
    # es / pt / it
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "setiembre", "octubre", "noviembre", "diciembre", "janeiro", "fevereiro", "março", "maio",
    "junho", "julho", "setembro", "outubro", "novembro", "dezembro", "gennaio", "febbraio",
    "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
    # pl (nominative and genitive)
    "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień",
    "wrzesień", "październik", "listopad", "grudzień", "stycznia", "lutego", "marca",
    "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października",
    "listopada", "grudnia",
    # tr
    "ocak", "şubat", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
    "kasım", "aralık",
    # ru (genitive, as in dates)
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря",
    # ar
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
    "أكتوبر", "نوفمبر", "ديسمبر",
})

#: Weekday names, several languages (Vietnamese "thứ"/"chủ nhật" are matched as words).
WEEKDAYS: frozenset[str] = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela",
    "pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar",
    "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
    "thứ", "chủ", "nhật", "hai", "ba", "tư", "năm", "sáu", "bảy",
})

#: Small words that may sit inside a written date ("15 of August", "lúc 10:30", "GMT+7").
DATE_GLUE: frozenset[str] = frozenset({
    "of", "the", "de", "del", "den", "der", "du", "le", "el", "am", "um", "at", "on", "à",
    "a", "lúc", "ngày", "tháng", "năm", "giờ", "gmt", "utc", "cet", "cest", "est", "edt",
    "pst", "pdt", "bst", "ict", "msk", "am.", "pm.", "pm", "h", "uhr", "saat", "г.",
    "года", "r.", "roku", "-", "–", "|", "·", "•", "/", ",",
})


def phrase_pattern(phrases: tuple[str, ...]) -> str:
    """A regex alternation of ``phrases`` that tolerates stray spaces inside words.

    Scraped text sometimes splits a word ("Xem thê m"), so any letter may be followed by one
    space; words are separated by one or more spaces.
    """
    alternatives = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = []
        for word in phrase.split():
            words.append(" ?".join(regex.escape(char) for char in word))
        alternatives.append(r"\s+".join(words))
    return "(?:" + "|".join(alternatives) + ")"
