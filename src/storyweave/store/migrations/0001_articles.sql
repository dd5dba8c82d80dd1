-- Articles as cleaned and analysed; one row per stored article, syndicated copies included.
CREATE TABLE articles (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT NOT NULL UNIQUE,
    content_hash     TEXT NOT NULL,
    duplicate_of     TEXT,
    origin           TEXT NOT NULL,
    format           TEXT NOT NULL,
    title            TEXT,
    text             TEXT NOT NULL,
    clean_text       TEXT NOT NULL,
    lang             TEXT NOT NULL,
    published        TEXT,
    published_source TEXT NOT NULL,
    dateline         TEXT,
    source           TEXT,
    url              TEXT,
    story_id         TEXT,
    removed          TEXT NOT NULL DEFAULT '[]',
    metadata         TEXT NOT NULL DEFAULT '{}',
    minhash          BLOB,
    ingested_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_lang ON articles (lang);
