-- What listings show of a built story, in columns, so that a page of stories is read without
-- decoding each story's whole record; and an index for the newest-first listing.
ALTER TABLE story_texts ADD COLUMN headline TEXT;
ALTER TABLE story_texts ADD COLUMN headline_lang TEXT;
ALTER TABLE story_texts ADD COLUMN summary_lang TEXT;
ALTER TABLE story_texts ADD COLUMN event_date TEXT;
UPDATE story_texts SET
    headline = json_extract(record, '$.headline'),
    headline_lang = json_extract(record, '$.headline_lang'),
    summary_lang = json_extract(record, '$.summary_lang'),
    event_date = json_extract(record, '$.event_date');
CREATE INDEX stories_newest ON stories (coalesce(last_published, '') DESC, seq DESC)
    WHERE merged_into IS NULL;
