"""Content terms per script, document frequencies, TF-IDF weights and cosine."""

from __future__ import annotations

import json
import math
from collections import Counter

import pytest

from storyweave.represent.lexical import (
    DocumentFrequencies,
    cosine,
    stop_words,
    term_sequence,
    terms,
    tokens,
)


def test_latin_terms_are_case_folded_with_diacritics_kept() -> None:
    found = terms("Die Größe der Ärzte-Kammer wächst", "de", stem=False)
    assert {"grösse", "ärzte", "kammer", "wächst"} <= set(found)
    assert "die" not in found and "der" not in found


def test_inflected_forms_share_a_stem() -> None:
    assert terms("talks", "en") == terms("talk", "en")
    assert terms("Kammern", "de") == terms("Kammer", "de")
    assert terms("talks", "en", stem=False) == {"talks": 1}


def test_terms_are_nfkc_normalised() -> None:
    assert terms("ﬁnance", "en", stem=False) == {"finance": 1}


def test_vietnamese_is_segmented_into_words() -> None:
    found = terms("Quân đội Nga tuyên bố ngừng bắn ở Aleppo.", "vi")
    assert {"quân_đội", "tuyên_bố", "ngừng_bắn", "nga", "aleppo"} <= set(found)
    assert "quân" not in found


def test_chinese_and_japanese_become_character_bigrams() -> None:
    assert tokens("東京都") == ["東京", "京都"]
    assert set(terms("北京下雨", "zh")) == {"北京", "京下", "下雨"}


def test_thai_becomes_character_trigrams() -> None:
    assert tokens("กรุงเทพ")[0] == "กรุ"
    assert all(len(t) == 3 for t in tokens("กรุงเทพ"))


def test_arabic_words_lose_optional_marks() -> None:
    found = terms("قالت وزارة الدفاع إن المحادثات في حلب", "ar", stem=False)
    assert {"وزارة", "الدفاع", "حلب"} <= set(found)
    assert terms("حَلَب", "ar") == terms("حلب", "ar")
    assert "في" not in found


def test_stop_words_numbers_and_punctuation_are_dropped() -> None:
    found = terms("The army said that 700,000 people - 15% - fled in 2016 !", "en", stem=False)
    assert set(found) == {"army", "people", "fled"}
    assert "và" in stop_words("vi") and "the" in stop_words("en")


def test_unknown_language_still_gives_terms() -> None:
    assert set(terms("Aleppo ceasefires", "und")) == {"aleppo", "ceasefires"}


def test_term_sequence_keeps_reading_order() -> None:
    assert term_sequence("Aleppo talks resumed in Geneva", "en", stem=False) == [
        "aleppo",
        "talks",
        "resumed",
        "geneva",
    ]


def test_idf_without_history_is_one_and_grows_with_rarity() -> None:
    frequencies = DocumentFrequencies()
    assert frequencies.idf("en", "aleppo") == 1.0
    frequencies.add("en", ["aleppo", "talks"])
    frequencies.add("en", ["talks", "vote", "vote"])
    frequencies.add("en", ["talks"])
    assert frequencies.documents("en") == 3
    assert frequencies.frequency("en", "vote") == 1
    assert frequencies.idf("en", "talks") == pytest.approx(1.0)
    assert frequencies.idf("en", "aleppo") > frequencies.idf("en", "talks")
    assert frequencies.idf("en", "never-seen") > frequencies.idf("en", "aleppo")
    assert frequencies.idf("de", "aleppo") == 1.0  # languages are counted apart


def test_weights_are_l2_normalised_sublinear_tf_idf() -> None:
    frequencies = DocumentFrequencies()
    for document in (["a", "b"], ["b"], ["b", "c"]):
        frequencies.add("en", document)
    weights = frequencies.weights("en", Counter({"a": 4, "b": 1}))
    assert math.fsum(w * w for w in weights.values()) == pytest.approx(1.0)
    raw_a = (1 + math.log(4)) * frequencies.idf("en", "a")
    raw_b = 1.0 * frequencies.idf("en", "b")
    assert weights["a"] / weights["b"] == pytest.approx(raw_a / raw_b)
    assert frequencies.weights("en", Counter()) == {}


def test_state_round_trips_through_json_deterministically() -> None:
    frequencies = DocumentFrequencies()
    frequencies.add("vi", ["quân_đội", "nga"])
    frequencies.add("en", ["army", "russia"])
    frequencies.add("vi", ["nga"])
    state = json.loads(json.dumps(frequencies.to_state()))
    restored = DocumentFrequencies.from_state(state)
    assert restored.to_state() == frequencies.to_state()
    assert restored.idf("vi", "nga") == frequencies.idf("vi", "nga")
    other = DocumentFrequencies()
    for lang, document in (
        ("en", ["russia", "army"]),
        ("vi", ["nga", "quân_đội"]),
        ("vi", ["nga"]),
    ):
        other.add(lang, document)
    assert json.dumps(other.to_state()) == json.dumps(frequencies.to_state())


def test_unknown_state_version_is_refused() -> None:
    with pytest.raises(ValueError, match="version"):
        DocumentFrequencies.from_state({"version": 99, "languages": {}})


def test_cosine_bounds() -> None:
    a = {"aleppo": 0.8, "talks": 0.6}
    assert cosine(a, a) == pytest.approx(1.0)
    assert cosine(a, {"vote": 1.0}) == 0.0
    assert cosine(a, {}) == 0.0
    assert 0.0 < cosine(a, {"aleppo": 1.0, "vote": 1.0}) < 1.0
    assert cosine({"x": 1.0}, {"x": -1.0}) == pytest.approx(-1.0)


def test_same_story_scores_above_different_story() -> None:
    frequencies = DocumentFrequencies()
    documents = [
        "Russia and the United States near a deal on a ceasefire in Aleppo, Shoigu says.",
        "Shoigu: Moscow and Washington close to an Aleppo ceasefire agreement.",
        "Parliament votes on the new budget for schools and hospitals.",
    ]
    counted = [terms(d, "en") for d in documents]
    for counts in counted:
        frequencies.add("en", counts)
    vectors = [frequencies.weights("en", counts) for counts in counted]
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2])
