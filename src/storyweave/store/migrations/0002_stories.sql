-- Stories, each article's assignment with its score and evidence, and the engine's learned state.
CREATE TABLE stories (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    article_count   INTEGER NOT NULL,
    languages       TEXT NOT NULL DEFAULT '[]',
    first_published TEXT,
    last_published  TEXT,
    merged_into     TEXT,
    state           BLOB NOT NULL,
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX stories_last_published ON stories (last_published);

CREATE TABLE assignments (
    article_id TEXT NOT NULL PRIMARY KEY,
    story_id   TEXT NOT NULL,
    score      REAL,
    evidence   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX assignments_story ON assignments (story_id);
CREATE INDEX articles_story ON articles (story_id);

CREATE TABLE engine_state (
    name  TEXT NOT NULL PRIMARY KEY,
    value BLOB NOT NULL
);
