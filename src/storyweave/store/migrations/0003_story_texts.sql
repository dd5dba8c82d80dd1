-- What story building wrote for each story: the stories.jsonl record, for one output language,
-- and the article count it was built from (a story that grew since is built again).
CREATE TABLE story_texts (
    story_id      TEXT NOT NULL PRIMARY KEY,
    lang_out      TEXT NOT NULL,
    article_count INTEGER NOT NULL,
    record        TEXT NOT NULL,
    built_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
