-- Articles as cleaned and analysed; one row per stored article, syndicated copies included.
-- Dates and languages compare byte by byte (COLLATE "C"), as in the SQLite store, whatever the
-- database's locale: ISO dates then sort as time does.
CREATE TABLE articles (
    seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               text NOT NULL UNIQUE,
    content_hash     text NOT NULL,
    duplicate_of     text,
    origin           text NOT NULL,
    format           text NOT NULL,
    title            text,
    text             text NOT NULL,
    clean_text       text NOT NULL,
    lang             text COLLATE "C" NOT NULL,
    published        text COLLATE "C",
    published_source text NOT NULL,
    dateline         text,
    source           text,
    url              text,
    story_id         text,
    removed          json NOT NULL DEFAULT '[]',
    metadata         json NOT NULL DEFAULT '{}',
    minhash          bytea,
    ingested_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_lang ON articles (lang);
CREATE INDEX articles_story ON articles (story_id);
