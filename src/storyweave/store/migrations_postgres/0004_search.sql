-- Full-text search over articles (title weighted A, clean text D) and built stories (headline
-- A, summary B, the names and surface forms of their entities C). The vectors are prepared by
-- the store in Python (storyweave.store.postgres_search): tokens as the SQLite index sees them,
-- case and Latin diacritics folded, one token per character in scripts written without spaces.
ALTER TABLE articles ADD COLUMN search tsvector NOT NULL DEFAULT '';
CREATE INDEX articles_search ON articles USING gin (search);

ALTER TABLE story_texts ADD COLUMN search tsvector NOT NULL DEFAULT '';
CREATE INDEX story_texts_search ON story_texts USING gin (search);
