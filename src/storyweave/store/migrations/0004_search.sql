-- Full-text search over articles (title, clean text) and built stories (headline, summary, the
-- names and surface forms of their entities). The text is indexed as search_text() prepares it
-- (one token per character in scripts written without spaces), a function the store registers
-- on its connection. Articles never change once stored, so their index keeps no copy of the text.
CREATE VIRTUAL TABLE article_search USING fts5(
    title, body, content = '', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO article_search (rowid, title, body)
    SELECT seq, search_text(title), search_text(clean_text) FROM articles;

CREATE VIRTUAL TABLE story_search USING fts5(
    story_id UNINDEXED, headline, summary, entities, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO story_search (story_id, headline, summary, entities)
    SELECT story_id, search_text(json_extract(record, '$.headline')),
           search_text(json_extract(record, '$.summary')), story_entities_text(record)
    FROM story_texts;
