"""Who each sentence of a story reports as speaking, so that a summary gives more than one
party's word.

A story told by several outlets is often led, in every one of them, by one person's
statement; the reaction of the other side comes later and in each outlet's own words. A
summary that takes that statement three times over, once per outlet's wording, leaves the
reaction out. Each sentence's speaker is read from its verb of saying
(:func:`~storyweave.analyze.attribution.sentence_speaker`) and resolved within its article
as quotes are: a role to the person the article named with it ("the defence minister" →
the minister named before), a pronoun to the speaker of the sentences before.

>>> from storyweave.model import Article
>>> from storyweave.stories.summary_sentences import read_sentences
>>> text = ("Defence Minister Pavel Orlov said the two armies are close to a deal. "
...         "He added that the talks would go on in Geneva. "
...         "The defence minister said the deal covers the whole city.")
>>> article = Article(id="a", text=text, clean_text=text, title=None, lang="en",
...                   published=None, published_source="unknown", content_hash="a")
>>> sentences = read_sentences([article])
>>> attach_speakers([article], sentences)
>>> [s.speaker for s in sentences]
['orlov', 'orlov', 'orlov']
"""

from __future__ import annotations

from collections.abc import Sequence

from ..analyze.attribution import SpeakerKind, resolve_speaker, sentence_speaker
from ..analyze.person_names import person_mentions
from ..model import Article
from .quote_similarity import speaker_key
from .summary_sentences import StorySentence, base_language

__all__ = ["attach_speakers"]


def attach_speakers(articles: Sequence[Article], sentences: Sequence[StorySentence]) -> None:
    """Set ``speaker`` on every sentence that reports someone's words: the person's key, as
    quotes compare speakers (:func:`~storyweave.stories.quote_similarity.speaker_key`: the
    folded last word of the name, or of a role when the article names no one with it)."""
    by_article: dict[int, list[StorySentence]] = {}
    for sentence in sentences:
        by_article.setdefault(sentence.article, []).append(sentence)
    mentions = {
        index: person_mentions(articles[index].clean_text, base_language(articles[index].lang))
        for index in by_article
    }
    # A role its own article names no one with may be named so in another article.
    everyone = [mention for found in mentions.values() for mention in found]
    for index, members in by_article.items():
        text = articles[index].clean_text
        lang = base_language(articles[index].lang)
        history: list[tuple[int, str, SpeakerKind]] = []
        cursor = 0
        for sentence in members:
            found_at = text.find(sentence.text, cursor)
            position = cursor if found_at < 0 else found_at
            cursor = position
            found = sentence_speaker(sentence.text, lang)
            speaker = resolve_speaker(found, position, text, mentions[index], history)
            if speaker is not None and speaker[1] == "role":
                elsewhere = resolve_speaker(found, len(text) + 1, text, everyone, [])
                speaker = elsewhere if elsewhere and elsewhere[1] == "name" else speaker
            if speaker is None:
                continue
            history.append((position + len(sentence.text), *speaker))
            sentence.speaker = speaker_key(speaker[0])
