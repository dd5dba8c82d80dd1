-- What story building wrote for each story: the stories.jsonl record (json keeps its key
-- order), for one output language, and the article count it was built from (a story that grew
-- since is built again); what listings show of it, in columns, so that a page of stories is
-- read without decoding each story's whole record.
CREATE TABLE story_texts (
    story_id      text NOT NULL PRIMARY KEY,
    lang_out      text NOT NULL,
    article_count integer NOT NULL,
    record        json NOT NULL,
    built_at      timestamptz NOT NULL DEFAULT now(),
    headline      text,
    headline_lang text,
    summary_lang  text,
    event_date    text
);
