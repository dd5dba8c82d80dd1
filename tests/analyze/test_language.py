"""Language identification: ISO 639-1 codes, "und" when unsure, offline, in workers too."""

from __future__ import annotations

import json
import multiprocessing
import socket
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from storyweave.analyze import detect_language
from storyweave.analyze.language import language_sample, normalise_code

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
SAMPLES = DATA / "samples" / "aleppo-2016"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia and the United States are nearing a deal on Aleppo, the minister said.", "en"),
        ("Nga và Mỹ đang tiến gần tới một thỏa thuận về Aleppo, Bộ trưởng cho biết.", "vi"),
        ("Russland und die USA stehen kurz vor einer Einigung über Aleppo.", "de"),
        ("La Russie et les États-Unis sont proches d'un accord sur Alep.", "fr"),
        ("Rusia y Estados Unidos están cerca de un acuerdo sobre Alepo, dijo el ministro.", "es"),
        ("Rusya ve ABD, Halep konusunda bir anlaşmaya yaklaşıyor, dedi bakan.", "tr"),  # noqa: RUF001
        ("Rosja i Stany Zjednoczone są blisko porozumienia w sprawie Aleppo.", "pl"),
        ("قال الوزير إن روسيا والولايات المتحدة تقتربان من اتفاق بشأن حلب.", "ar"),
        ("俄罗斯国防部长表示，俄美两国即将就阿勒颇问题达成协议。", "zh"),  # noqa: RUF001
        ("ロシアの国防相は、アレッポを巡って米国との合意が近いと述べた。", "ja"),
        ("러시아 국방장관은 알레포 문제에 대해 미국과의 합의가 가까워졌다고 말했다.", "ko"),
        ("Россия и США близки к соглашению по Алеппо, заявил министр обороны.", "ru"),
        ("रूस और अमेरिका अलेप्पो पर समझौते के करीब हैं, रक्षा मंत्री ने कहा।", "hi"),
        ("รัฐมนตรีกลาโหมรัสเซียกล่าวว่ารัสเซียและสหรัฐฯ ใกล้จะบรรลุข้อตกลงเรื่องอะเลปโป", "th"),
        ("שר ההגנה הרוסי אמר כי רוסיה וארצות הברית קרובות להסכם על חלב.", "he"),
    ],
)
def test_detects_the_language_of_news_sentences(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   \n ", "42", "12:45 15/08/2016", "Aleppo", "https://example.com/a/b?c=1 x@y.org"],
)
def test_too_little_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_latin_gibberish_is_not_called_an_asian_language() -> None:
    assert detect_language("asdkj qwe zxcmnb kjhasd qwpoeiru zmxncb") == "und"


def test_capitals_only_headline_is_still_recognised() -> None:
    assert detect_language("RUSSIA AND THE US ARE CLOSE TO A DEAL ON ALEPPO, SAYS MINISTER") == "en"


def test_menu_lines_do_not_outvote_the_prose() -> None:
    menu = "\n".join(["Capital Querétaro", "Capital México", "Estadio Deportes", "Prensa"] * 5)
    prose = (
        "Russia's defense minister said Monday that Moscow and Washington are edging closer "
        "to an agreement that would help defuse the situation in the besieged city."
    )
    assert detect_language(f"{menu}\n{prose}\n{prose}") == "en"


def test_sample_is_one_line_without_urls() -> None:
    sample = language_sample("First line\nsecond line https://example.com/x more")
    assert "\n" not in sample
    assert "example.com" not in sample


@pytest.mark.parametrize(
    ("code", "expected"),
    [("iw", "he"), ("__label__en", "en"), ("zh-Hant", "zh"), ("arz", "ar"), ("un", "und")],
)
def test_detector_codes_are_folded_to_iso_639_1(code: str, expected: str) -> None:
    assert normalise_code(code) == expected


def test_detection_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("language detection tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert detect_language("Der Minister sagte am Montag, man sei einer Einigung nahe.") == "de"


def test_works_in_a_spawned_worker_process() -> None:
    texts = ["The minister said the talks were going well.", "Bộ trưởng nói đàm phán tốt đẹp."]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        assert list(pool.map(detect_language, texts)) == ["en", "vi"]


def test_the_five_samples() -> None:
    if not SAMPLES.exists():
        pytest.skip(f"development data not found: {SAMPLES}")
    found = {
        path.stem[:3]: detect_language(path.read_text(encoding="utf-8"))
        for path in sorted(SAMPLES.glob("*.txt"))
    }
    assert found == {"000": "vi", "001": "en", "002": "vi", "003": "en", "004": "en"}


def test_dev_set_accuracy_floor() -> None:
    pairs = DATA / "semeval2022-dev" / "pairs.jsonl"
    if not pairs.exists():
        pytest.skip(f"development data not found: {pairs}")
    records = [json.loads(line) for line in pairs.read_text(encoding="utf-8").splitlines()]
    items = [(r["text1"], r["lang1"]) for r in records]
    items += [(r["text2"], r["lang2"]) for r in records]
    correct = sum(detect_language(text) == lang for text, lang in items)
    assert correct / len(items) >= 0.99
