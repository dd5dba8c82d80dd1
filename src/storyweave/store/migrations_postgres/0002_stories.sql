-- Stories, each article's assignment with its score and evidence, and the engine's learned state.
CREATE TABLE stories (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              text NOT NULL UNIQUE,
    article_count   integer NOT NULL,
    languages       text[] COLLATE "C" NOT NULL DEFAULT '{}',
    first_published text COLLATE "C",
    last_published  text COLLATE "C",
    merged_into     text,
    state           bytea NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stories_last_published ON stories (last_published);
-- The newest-first listing of live stories reads this index in order.
CREATE INDEX stories_newest ON stories (coalesce(last_published, '') DESC, seq DESC)
    WHERE merged_into IS NULL;

CREATE TABLE assignments (
    article_id text NOT NULL PRIMARY KEY,
    story_id   text NOT NULL,
    score      double precision,
    evidence   json NOT NULL DEFAULT '{}'
);
CREATE INDEX assignments_story ON assignments (story_id);

CREATE TABLE engine_state (
    name  text NOT NULL PRIMARY KEY,
    value bytea NOT NULL
);
