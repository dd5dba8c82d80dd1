"""Hypothesis strategies for hostile input: one per reader, and texts for cleaning and analysis.

Every file strategy draws ``bytes`` as they would lie on disk: random bytes, files that look
valid and are then cut short, fields past the size limits, mixed encodings (UTF-8, cp1252 and
UTF-16 fragments, stray BOMs and invalid sequences), hostile HTML (deep nesting, unclosed
tags, scripts, NUL bytes, giant attributes) and hostile XML (entity bombs, external entities,
DTDs). Sizes follow :data:`LIMIT` so that huge inputs stay cheap to generate and to read.

Shared by ``tests/fuzz`` and ``benchmarks/fuzz.py``.
"""

from __future__ import annotations

import codecs
import gzip
import json
from collections.abc import Callable

from hypothesis import strategies as st

__all__ = [
    "FEED_LIMIT",
    "LIMIT",
    "SECRET_MARKER",
    "clean_inputs",
    "csv_files",
    "feed_files",
    "gz_files",
    "html_files",
    "huge_clean_inputs",
    "huge_prepare_inputs",
    "json_files",
    "jsonl_files",
    "prepare_inputs",
    "random_bytes",
    "stdin_inputs",
    "text_files",
    "tsv_files",
    "warc_files",
]

#: ``max_article_bytes`` of the fuzz settings: huge inputs are drawn around it.
LIMIT = 8 * 1024
#: ``max_fetch_bytes`` of the fuzz settings (the limit for one feed).
FEED_LIMIT = 32 * 1024
#: Written into the file that hostile XML points its external entities at; it must never be read.
SECRET_MARKER = "storyweave-fuzz-secret-7f3a"
#: Where that file lies: the harness writes it before reading any input.
SECRET_PATH = "/tmp/storyweave-fuzz-secret.txt"

Bytes = st.SearchStrategy[bytes]
Text = st.SearchStrategy[str]

# --- words and texts ---------------------------------------------------------------------------

_WORDS = [
    "Aleppo",
    "Syria",
    "ceasefire",
    "the",
    "said",
    "Shoigu",
    "Assad",
    "Reuters",
    "AFP",
    "(AP)",
    "—",
    "3.5%",
    "1,200",
    "$4bn",
    "Monday",
    "12 August 2016",
    "2016-08-15",
    "Thủ",
    "tướng",
    "Nguyễn",
    "Hà Nội",
    "ngày",
    "Москва",
    "заявил",
    "北京",
    "新华社",
    "الأسد",
    "दिल्ली",
    "Read more",
    "Photo:",
    "Copyright",
    "Share",
    "Tweet",
    "BREAKING",
    "https://example.org/a?b=c",
    "@someone",
    "#tag",
    "«quoted»",
    '"quoted"',
    "…",
    ".",
    ",",
    ":",
    "?",
    "!",
]
_ODD_CHARS = [
    "\x00",
    "\r",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\u00a0",
    "\u0301",
    "\u200b",
    "\u200d",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\ufffd",
    "\uffff",
    "\U0001f600",
    "\U0001f1fb\U0001f1f3",
    "\u0663",
    "\u0967",
    "\uff11",
    "ǅ",
    "ß",
    "İ",
    "ﬁ",
    "\u1e9e",
]
_DATES = [
    "2016-08-15",
    "2016-08-15T09:00:00Z",
    "2016-02-30",
    "0000-00-00",
    "9999-12-31T23:59:59+14:00",
    "-0001-01-01",
    "15/08/2016",
    "08/15/16",
    "Mon, 15 Aug 2016 09:00:00 GMT",
    "Mon, 99 Foo 2016 99:99:99 XYZ",
    "yesterday",
    "3 days ago",
    "ngày 15 tháng 8 năm 2016",
    "15 августа 2016",
    "2016年8月15日",
    "1e309",
    "99999999999999999999",
    "",
    " ",
    "T",
    "2016-W33",
    "2016-228",
    "15 Aug 10000",
]
_LANGS = ["en", "vi", "fr", "zh", "ru", "ar", "und", "", "xx", "en-GB", "zh_Hant", "EN", "e", "123"]
_URLS = [
    "https://example.org/news/1",
    "/relative/path",
    "//example.org/x",
    "javascript:alert(1)",
    "http://[::1",
    "http://example.org:99999/",
    "file:///etc/passwd",
    "mailto:a@b",
    "",
    "http://ex ample.org/",
    "https://xn--e1afmkfd.xn--p1ai/",
    "http://%zz/",
]


def _sentences() -> Text:
    return st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30).map(" ".join)


def hostile_text(max_size: int = 400) -> Text:
    """Any unicode, news words and odd characters (controls, combining marks, bidi, BOMs)."""
    piece = st.one_of(
        st.text(max_size=40),
        _sentences(),
        st.sampled_from(_ODD_CHARS),
        st.sampled_from(_DATES),
        st.sampled_from(["\n", "\n\n", " ", "\t", "\r\n"]),
    )
    return st.lists(piece, max_size=max(1, max_size // 20)).map("".join)


def _news_lines() -> Text:
    """Text shaped like a messy article: title, dateline, menus, credits, captions, links."""
    line = st.one_of(
        _sentences(),
        st.sampled_from(
            [
                "HANOI (Reuters) -",
                "ALEPPO, Syria, Aug 15 (AFP) —",
                "Home | World | Sport | Contact",
                "Photo: Jane Doe/Reuters",
                "Read more: https://example.org/other",
                "Related:",
                "Advertisement",
                "Follow us on Twitter",
                "(Reporting by Jane Doe; Editing by John Roe)",
                "© 2016 Example News",
                "Updated 15/08/2016 09:00",
                "By JANE DOE",
                "HÀ NỘI, ngày 15/8 (TTXVN) -",
                "The troops withdrew.Homes were lost.Aid arrived",
                "",
                "* * *",
                "1.",
                "-",
                ".",
            ]
        ),
        hostile_text(80),
    )
    return st.lists(line, max_size=40).map("\n".join)


def _repeated_text(low: int, high: int) -> Text:
    """A chunk repeated to between ``low`` and ``high`` characters (huge inputs cheaply)."""
    chunk = st.one_of(st.text(min_size=1, max_size=16), _sentences(), st.sampled_from(_ODD_CHARS))
    return st.tuples(chunk, st.integers(low, high)).map(
        lambda pair: (pair[0] * (pair[1] // len(pair[0]) + 1))[: pair[1]]
    )


def clean_inputs() -> st.SearchStrategy[tuple[str, str | None]]:
    """A text for ``clean_text`` and a known title (or ``None``)."""
    text = st.one_of(
        st.text(max_size=300),
        hostile_text(),
        _news_lines(),
        _repeated_text(LIMIT // 2, 4 * LIMIT),
        st.lists(_sentences(), max_size=200).map("\n".join),
    )
    title = st.one_of(st.none(), st.text(max_size=60), _sentences(), hostile_text(60))
    return st.tuples(text, title)


#: Length of the texts that look for cost growing faster than the input (quadratic rules): at
#: this size such a rule takes seconds where a linear one takes milliseconds.
HUGE_TEXT = (50_000, 200_000)


def huge_texts() -> Text:
    """A short piece of hostile or news-like text repeated to :data:`HUGE_TEXT` characters."""
    chunk = st.one_of(
        hostile_text(60),
        _news_lines().map(lambda s: s[:200]),
        st.lists(st.sampled_from(_DATES + _WORDS + _ODD_CHARS), max_size=6).map(" ".join),
    ).filter(bool)
    return st.tuples(chunk, st.integers(*HUGE_TEXT)).map(
        lambda pair: (pair[0] * (pair[1] // len(pair[0]) + 1))[: pair[1]]
    )


def huge_clean_inputs() -> st.SearchStrategy[tuple[str, str | None]]:
    """A huge repetitive text for ``clean_text``, without a title."""
    return huge_texts().map(lambda text: (text, None))


def huge_prepare_inputs() -> st.SearchStrategy[dict[str, str | None]]:
    """A document with a huge repetitive text for ``prepare``."""
    return huge_texts().map(
        lambda text: {"text": text, "title": None, "published": None, "lang": None, "lead": None}
    )


def prepare_inputs() -> st.SearchStrategy[dict[str, str | None]]:
    """The fields of a ``RawDocument`` for ``prepare``: text, title, published, lang, lead."""
    optional_text = st.one_of(st.none(), hostile_text(80), _sentences())
    return st.fixed_dictionaries(
        {
            "text": st.one_of(_news_lines(), hostile_text(), _repeated_text(1, 2 * LIMIT)),
            "title": optional_text,
            "published": st.one_of(st.none(), st.sampled_from(_DATES), st.text(max_size=30)),
            "lang": st.one_of(st.none(), st.sampled_from(_LANGS), st.text(max_size=8)),
            "lead": optional_text,
        }
    )


# --- bytes ---------------------------------------------------------------------------------------

_ENCODINGS = ["utf-8", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-32", "shift_jis", "koi8-r"]
_BAD_SEQUENCES = [
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF32_LE,
    b"\x00",
    b"\xff",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xe2\x82",
    b"\xf4\x90\x80\x80",
    b"\x80\x81\x82",
    b"\r",
    b"\r\n",
    b"\x1f\x8b",
    b"\x93smart quotes\x94",
]


def random_bytes(max_size: int = 2048) -> Bytes:
    """Bytes with no structure at all."""
    return st.binary(max_size=max_size)


def _encoded(text: Text) -> Bytes:
    return st.tuples(text, st.sampled_from(_ENCODINGS)).map(
        lambda pair: pair[0].encode(pair[1], errors="replace")
    )


def mixed_encoding_bytes(text: Text | None = None) -> Bytes:
    """Fragments in several encodings, BOMs and invalid sequences, glued together."""
    fragment = st.one_of(
        _encoded(text if text is not None else _news_lines()),
        st.sampled_from(_BAD_SEQUENCES),
        st.binary(max_size=32),
    )
    return st.lists(fragment, max_size=12).map(b"".join)


def _truncated(data: Bytes) -> Bytes:
    """A prefix of what ``data`` draws: a file cut short anywhere."""
    return data.flatmap(lambda whole: st.integers(0, len(whole)).map(lambda cut: whole[:cut]))


def _huge_bytes(low: int, high: int) -> Bytes:
    chunk = st.one_of(st.binary(min_size=1, max_size=16), _encoded(_sentences()).filter(bool))
    return st.tuples(chunk, st.integers(low, high)).map(
        lambda pair: (pair[0] * (pair[1] // len(pair[0]) + 1))[: pair[1]]
    )


def _shaped(valid: Bytes, extra: list[Bytes] | None = None) -> Bytes:
    """``valid`` files, the same cut short or re-encoded, plus random and mixed bytes."""
    return st.one_of(
        valid,
        _truncated(valid),
        random_bytes(),
        mixed_encoding_bytes(),
        _huge_bytes(LIMIT - 8, LIMIT + 8),
        *(extra or []),
    )


def _encode_file(text: Text) -> Bytes:
    """A document's text encoded as a whole, in UTF-8 mostly, else another encoding."""
    encoding = st.sampled_from(["utf-8"] * 4 + ["utf-8-sig", *_ENCODINGS])
    return st.tuples(text, encoding).map(lambda pair: pair[0].encode(pair[1], errors="replace"))


def text_files() -> Bytes:
    """``.txt`` files."""
    return _shaped(_encode_file(_news_lines()), [_encode_file(_repeated_text(LIMIT - 4, LIMIT))])


# --- HTML ----------------------------------------------------------------------------------------

_TAGS = [
    "div",
    "p",
    "span",
    "a",
    "b",
    "article",
    "section",
    "table",
    "tr",
    "td",
    "ul",
    "li",
    "h1",
    "h2",
    "blockquote",
    "pre",
    "br",
    "img",
    "figure",
    "figcaption",
    "nav",
    "footer",
    "header",
    "aside",
    "main",
    "svg",
    "math",
    "noscript",
    "template",
    "iframe",
    "form",
    "select",
    "option",
    "textarea",
    "xmp",
    "plaintext",
    "title",
    "time",
    "html",
    "body",
    "head",
    "x-custom",
    "o:p",
]
_CHARSETS = ["utf-8", "UTF-16", "utf-32", "utf-7", "cp1252", "iso-8859-1", "x-bogus", "", "koi8-r"]


def _attributes() -> Text:
    name = st.sampled_from(["class", "id", "href", "lang", "content", "property", "style", "src"])
    value = st.one_of(st.sampled_from(_URLS + _LANGS + _DATES), st.text(max_size=20))
    pair = st.tuples(name, value).map(lambda p: f' {p[0]}="{p[1]}"')
    giant = st.integers(1_000, 3 * LIMIT).map(lambda n: f' data-x="{"x" * n}"')
    return st.lists(st.one_of(pair, giant), max_size=3).map("".join)


def _html_piece() -> Text:
    tag = st.sampled_from(_TAGS)
    return st.one_of(
        st.tuples(tag, _attributes()).map(lambda p: f"<{p[0]}{p[1]}>"),
        tag.map(lambda t: f"</{t}>"),
        _sentences().map(lambda s: f"<p>{s}</p>"),
        st.tuples(st.sampled_from(_URLS), _sentences()).map(
            lambda p: f'<li><a href="{p[0]}">{p[1]}</a></li>'
        ),
        _sentences(),
        hostile_text(60),
        st.sampled_from(
            [
                "<script>var a = '<p>not text</p>';</script>",
                "<script>",
                "<style>p { color: red } </p>",
                "<!-- unclosed comment",
                "<!---->",
                "<![CDATA[ raw <p> ]]>",
                "<?php echo 1; ?>",
                "<!DOCTYPE html>",
                "<!DOCTYPE foo [<!ENTITY x 'y'>]>",
                "&#0;",
                "&#x110000;",
                "&#xD800;",
                "&nbsp",
                "&amp;amp;",
                "&unknown;",
                "\x00",
                "<",
                ">",
                "</",
                "<p",
                '<a href="',
                "<br/><br/><br/>",
                "<meta charset=utf-16>",
                '<meta http-equiv="content-language" content="vi">',
                '<meta property="og:locale" content="xx_YY">',
                '<meta property="article:published_time" content="2016-02-30">',
                '<base href="javascript:x">',
                "<title></title>",
                '<html lang="">',
                '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr">',
            ]
        ),
        st.sampled_from(_CHARSETS).map(lambda c: f'<meta charset="{c}">'),
        st.tuples(
            st.sampled_from(["div", "span", "b", "table", "ul", "blockquote"]), st.integers(1, 3000)
        ).map(lambda p: f"<{p[0]}>" * p[1] + "deep" + f"</{p[0]}>" * (p[1] // 2)),
        st.tuples(st.sampled_from(["p", "li", "td", "option"]), st.integers(1, 2000)).map(
            lambda p: f"<{p[0]}>x" * p[1]
        ),
    )


def _html_pages() -> Text:
    body = st.lists(_html_piece(), max_size=30).map("".join)
    page = st.tuples(st.text(max_size=40), st.sampled_from(_CHARSETS), body).map(
        lambda p: (
            f'<!DOCTYPE html><html><head><meta charset="{p[1]}"><title>{p[0]}</title></head>'
            f"<body><article>{p[2]}</article></body></html>"
        )
    )
    return st.one_of(body, page)


def html_files() -> Bytes:
    """``.html`` pages, hostile ones included."""
    return _shaped(_encode_file(_html_pages()), [mixed_encoding_bytes(_html_pages())])


# --- feeds ---------------------------------------------------------------------------------------

_XML_ATTACKS = [
    # Billion laughs.
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>',
    # Quadratic blowup.
    '<!DOCTYPE rss [<!ENTITY a "' + "x" * 2000 + '">]>',
    # External entities and DTDs.
    f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{SECRET_PATH}">]>',
    f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "file://{SECRET_PATH}"> %p;]>',
    '<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">',
    '<!DOCTYPE rss PUBLIC "-//X//Y" "http://127.0.0.1:9/evil.dtd">',
    '<!DOCTYPE rss [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x"> %remote;]>',
    "<!DOCTYPE rss [<!ELEMENT rss ANY>]>",
    "<!doctype rss [<!entity x 'y'>]>",
    '<!DOCTYPE rss [<!ATTLIST item a CDATA "x">]>',
    "<!DOCTYPE rss [",
]
_ENTITY_USES = [
    "&lol4;",
    "&xxe;",
    "&a;&a;&a;&a;&a;&a;&a;&a;",
    "&undefined;",
    "&#0;",
    "&#x1F600;",
    "",
]
_XML_DECLARATIONS = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<?xml version="1.0" encoding="x-bogus"?>',
    '<?xml version="1.1"?>',
    '<?xml version="1.0" standalone="no"?>',
    "<?xml",
    "",
]


def _xml_escaped(text: Text) -> Text:
    return text.map(lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _feed_field() -> Text:
    """What stands inside an element of an entry: text, escaped HTML, CDATA, entities."""
    return st.one_of(
        _xml_escaped(_sentences()),
        _xml_escaped(_html_pages()),
        _html_pages().map(lambda s: f"<![CDATA[{s.replace(']]>', '')}]]>"),
        st.sampled_from(_ENTITY_USES),
        hostile_text(60),
        _repeated_text(LIMIT // 2, 2 * LIMIT).map(lambda s: f"<![CDATA[{s.replace(']]>', '')}]]>"),
    )


def _rss_item() -> Text:
    return st.fixed_dictionaries(
        {
            "title": _feed_field(),
            "link": st.sampled_from(_URLS),
            "guid": st.one_of(st.sampled_from(_URLS), st.text(max_size=10)),
            "pubDate": st.sampled_from(_DATES),
            "description": _feed_field(),
            "content:encoded": _feed_field(),
            "category": st.text(max_size=10),
            "author": st.text(max_size=10),
        }
    ).flatmap(
        lambda fields: st.sets(st.sampled_from(sorted(fields))).map(
            lambda kept: (
                "<item>"
                + "".join(f"<{name}>{fields[name]}</{name}>" for name in sorted(kept))
                + "</item>"
            )
        )
    )


def _atom_entry() -> Text:
    return st.tuples(
        _feed_field(), st.sampled_from(_URLS), st.sampled_from(_DATES), _feed_field()
    ).map(
        lambda p: (
            f'<entry><title type="html">{p[0]}</title><link href="{p[1]}"/>'
            f'<id>{p[1]}</id><updated>{p[2]}</updated><content type="html">{p[3]}</content></entry>'
        )
    )


def _feeds() -> Text:
    rss = st.tuples(st.sampled_from(_LANGS), st.lists(_rss_item(), max_size=5)).map(
        lambda p: (
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Wire</title><language>{p[0]}</language>{''.join(p[1])}"
            "</channel></rss>"
        )
    )
    atom = st.lists(_atom_entry(), max_size=5).map(
        lambda entries: (
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>'
            + "".join(entries)
            + "</feed>"
        )
    )
    nested = st.integers(1, 5000).map(lambda n: "<rss><channel>" + "<x>" * n + "</x>" * n)
    xinclude = st.just(
        '<rss xmlns:xi="http://www.w3.org/2001/XInclude"><channel><item><title>t</title>'
        f'<description><xi:include href="file://{SECRET_PATH}" parse="text"/></description>'
        "</item></channel></rss>"
    )
    body = st.one_of(rss, atom, nested, xinclude)
    return st.tuples(
        st.sampled_from(_XML_DECLARATIONS),
        st.one_of(st.just(""), st.sampled_from(_XML_ATTACKS)),
        body,
    ).map("\n".join)


def feed_files() -> Bytes:
    """RSS/Atom files, with XML bombs, external entities and DTDs among them."""
    return _shaped(
        _encode_file(_feeds()),
        [_huge_bytes(FEED_LIMIT - 8, FEED_LIMIT + 8).map(lambda b: b"<rss><channel>" + b)],
    )


# --- JSON Lines, JSON, CSV -----------------------------------------------------------------------

_json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
_FIELDS = ["id", "title", "published", "source", "url", "lang", "lead", "summary", "extra"]


def _records() -> st.SearchStrategy[dict[str, object]]:
    value = st.one_of(_json_values, st.sampled_from(_DATES + _LANGS + _URLS), hostile_text(60))
    text = st.one_of(
        _news_lines(), hostile_text(), _json_values, _repeated_text(LIMIT - 64, LIMIT + 64)
    )
    return st.tuples(
        st.one_of(text, st.just(None)),
        st.dictionaries(
            st.one_of(st.sampled_from(_FIELDS), st.text(max_size=6)), value, max_size=5
        ),
    ).map(lambda p: {**p[1], "text": p[0]} if p[0] is not None else p[1])


def _json_line() -> Text:
    """One line's worth of JSON: a record, or something that is not one."""
    ensure_ascii = st.booleans()
    record = st.tuples(_records(), ensure_ascii).map(lambda p: json.dumps(p[0], ensure_ascii=p[1]))
    return st.one_of(
        record,
        record.flatmap(lambda s: st.integers(0, len(s)).map(lambda cut: s[:cut])),
        _json_values.map(json.dumps),
        st.sampled_from(
            [
                '{"text": "\\ud800 lone surrogate", "id": "\\udfff"}',
                '{"text": "ok", "id": 1e999}',
                '{"text": "ok", "id": NaN, "title": -Infinity}',
                '{"text": "ok", "id": ' + "9" * 5000 + "}",
                '{"text": "ok"} trailing',
                '{"text": "ok",}',
                "{'text': 'single quotes'}",
                '{"text": "a\u2028b\u2029c\\u0000d"}',
                '{"text": "x", "text": "duplicate key"}',
                "",
                "   ",
                "null",
            ]
        ),
        st.integers(1, 200_000).map(lambda n: "[" * n + "]" * n),
        st.integers(1, 200_000).map(lambda n: '{"text": ' + '{"a": ' * n + "1" + "}" * n + "}"),
        hostile_text(100).map(lambda s: s.replace("\n", " ")),
    )


def _jsonl_documents() -> Text:
    separator = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])
    return st.tuples(st.lists(_json_line(), max_size=8), separator).map(lambda p: p[1].join(p[0]))


def jsonl_files() -> Bytes:
    """``.jsonl`` files: records, broken lines, huge and deeply nested lines."""
    return _shaped(_encode_file(_jsonl_documents()))


def json_files() -> Bytes:
    """``.json`` files: arrays (whole, broken, unclosed) or JSON Lines."""
    array = st.tuples(
        st.lists(_json_line(), max_size=8), st.sampled_from([",", ",\n", " ", ""])
    ).map(lambda p: "[" + p[1].join(p[0]) + "]")
    return _shaped(_encode_file(st.one_of(array, _jsonl_documents())))


_COLUMNS = ["text", "body", "content", "article", "id", "title", "published", "lang", "url", ""]


def _csv_cell(delimiter: str) -> Text:
    return st.one_of(
        _sentences(),
        _sentences().map(lambda s: '"' + s.replace('"', '""') + '"'),
        st.sampled_from(['"unclosed', 'a"b', '"a"b"', '""', '"', "\x00", "\r", "\n", delimiter]),
        hostile_text(40),
        _repeated_text(LIMIT - 16, LIMIT + 16).map(lambda s: '"' + s.replace('"', "") + '"'),
        st.sampled_from(_DATES + _LANGS),
    )


def _csv_documents(delimiter: str | None) -> Text:
    chosen = st.just(delimiter) if delimiter else st.sampled_from([",", ";", "|", "\t"])

    def table(separator: str) -> Text:
        header = st.lists(
            st.one_of(st.sampled_from(_COLUMNS), st.text(max_size=6)), max_size=5
        ).map(lambda names: separator.join(names))
        row = st.lists(_csv_cell(separator), max_size=6).map(lambda cells: separator.join(cells))
        newline = st.sampled_from(["\n", "\r\n", "\r"])
        return st.tuples(header, st.lists(row, max_size=8), newline).map(
            lambda p: p[2].join([p[0], *p[1]])
        )

    return chosen.flatmap(table)


def csv_files() -> Bytes:
    """``.csv`` files with broken quoting, NUL bytes, huge fields and stray delimiters."""
    return _shaped(_encode_file(_csv_documents(None)))


def tsv_files() -> Bytes:
    """``.tsv`` files."""
    return _shaped(_encode_file(_csv_documents("\t")))


# --- WARC ----------------------------------------------------------------------------------------


def _warc_record() -> Bytes:
    http_headers = st.lists(
        st.sampled_from(
            [
                "Content-Type: text/html; charset=utf-8",
                "Content-Type: text/html; charset=x-bogus",
                "Content-Type: application/xhtml+xml",
                "Content-Type: image/png",
                "Content-Type:",
                "Content-Encoding: gzip",
                "Content-Encoding: br",
                "Transfer-Encoding: chunked",
                "Content-Length: 5",
                "Garbage header without colon",
            ]
        ),
        max_size=4,
    )
    status = st.sampled_from(["HTTP/1.1 200 OK", "HTTP/1.0 404 Not Found", "HTTP/9 x", "", "200"])
    payload = st.one_of(
        _encode_file(_html_pages()),
        random_bytes(200),
        st.sampled_from(
            [b"0\r\n\r\n", b"zz\r\nabc\r\n", b"5\r\nab", gzip.compress(b"<p>hi</p>")[:10]]
        ),
    )
    http = st.tuples(status, http_headers, payload).map(
        lambda p: (p[0] + "\r\n" + "".join(h + "\r\n" for h in p[1]) + "\r\n").encode() + p[2]
    )
    rec_type = st.sampled_from(
        ["response", "response", "request", "warcinfo", "revisit", "metadata", "x"]
    )
    length_error = st.sampled_from([0, 0, 0, -5, 7, 100_000])
    fields = st.tuples(
        st.sampled_from(["WARC/1.0", "WARC/1.1", "WARC/0.9", "WARC/", "WARC/1.0 extra"]),
        rec_type,
        st.sampled_from(_URLS),
        st.sampled_from(_DATES),
        http,
        length_error,
        st.sampled_from(["application/http; msgtype=response", "text/plain", ""]),
        st.booleans(),
    )

    def record(p: tuple[str, str, str, str, bytes, int, str, bool]) -> bytes:
        version, kind, uri, date, block, error, content_type, numeric = p
        length = str(len(block) + error) if numeric else "twelve"
        head = (
            f"{version}\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
        )
        return head.encode("utf-8") + block + b"\r\n\r\n"

    return fields.map(record)


def warc_files() -> Bytes:
    """``.warc`` archives: good, bad and cut-short records, per-record gzip members, garbage."""
    record = _warc_record()
    member = st.one_of(record, record.map(gzip.compress))
    archive = st.lists(st.one_of(member, random_bytes(40)), min_size=1, max_size=4).map(b"".join)
    return _shaped(archive)


# --- gzip and stdin -----------------------------------------------------------------------------

#: A gzip input's inner reader, named by its extension, and what its content is drawn from.
FORMATS: dict[str, Callable[[], Bytes]] = {
    ".txt": text_files,
    ".html": html_files,
    ".jsonl": jsonl_files,
    ".json": json_files,
    ".csv": csv_files,
    ".tsv": tsv_files,
    ".xml": feed_files,
    ".warc": warc_files,
}


def _gzip(data: Bytes) -> Bytes:
    """``data`` gzip-compressed, and then perhaps cut, corrupted, doubled or trailed by junk."""
    compressed = data.map(lambda b: gzip.compress(b, mtime=0))
    bomb = st.integers(LIMIT, 64 * LIMIT).map(lambda n: gzip.compress(b"A" * n, mtime=0))
    damaged = st.tuples(compressed, st.integers(0, 10_000), st.integers(0, 255)).map(
        lambda p: (
            p[0][: p[1] % (len(p[0]) + 1)] + bytes([p[2]]) + p[0][p[1] % (len(p[0]) + 1) + 1 :]
        )
    )
    return st.one_of(
        compressed,
        _truncated(compressed),
        damaged,
        st.tuples(compressed, compressed).map(b"".join),
        st.tuples(compressed, random_bytes(20)).map(b"".join),
        bomb,
        random_bytes(100).map(lambda b: b"\x1f\x8b" + b),
    )


def gz_files() -> st.SearchStrategy[tuple[str, bytes]]:
    """An inner extension (``.txt`` … ``.warc``) and gzip bytes for ``fuzz<ext>.gz``."""
    return st.sampled_from(sorted(FORMATS)).flatmap(
        lambda extension: _gzip(FORMATS[extension]()).map(lambda data: (extension, data))
    )


def stdin_inputs() -> Bytes:
    """Anything on standard input, where the reader is sniffed: every format, plain or gzip."""
    plain = st.sampled_from(sorted(FORMATS)).flatmap(lambda extension: FORMATS[extension]())
    return st.one_of(plain, _gzip(plain), random_bytes())
