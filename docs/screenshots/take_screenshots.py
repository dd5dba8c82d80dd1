"""Screenshots of the web interface for the README: the story list and the largest story.

    .venv/bin/python docs/screenshots/take_screenshots.py [--db storyweave.db] [--out DIR]

Without ``--db`` it builds a store from the bundled sample in a temporary folder. It serves the
app on loopback and saves full-page PNGs (``story-list.png``, and ``aleppo-story.png`` for the
story with the most articles: the Aleppo story on the sample) taken by
Debian's ``chromium`` through Playwright, 1280 px wide, light colour scheme.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from contextlib import closing
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SAMPLE = REPO.parent / "shared" / "data" / "samples" / "aleppo-2016"
sys.path.insert(0, str(REPO))  # the tests' live server

from tests.api.live_server import live_server  # noqa: E402
from tests.api.test_browser import CHROMIUM_ARGS  # noqa: E402

from storyweave import Engine  # noqa: E402
from storyweave.api import create_app  # noqa: E402
from storyweave.config import Settings  # noqa: E402

WIDTH = 1280


def build_sample_store(sample: Path, folder: Path) -> Path:
    """A store holding ``sample``, clustered, with its stories built."""
    db = folder / "storyweave.db"
    with Engine(db=db) as engine:
        engine.ingest([str(sample)])
        engine.build_stories()
    return db


def snapshot(source: Path, target: Path) -> Path:
    """A consistent copy of the store ``source`` (its WAL included), so that serving it never
    touches the user's file."""
    reading = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    with closing(reading), closing(sqlite3.connect(target)) as writing:
        reading.backup(writing)
    return target


def take(db: Path, out: Path, chromium: str) -> list[Path]:
    """Serve ``db`` and save the two screenshots into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    with live_server(create_app(Settings(db=db))) as base, sync_playwright() as playwright:
        stories = httpx.get(f"{base}/api/v1/stories", timeout=60).json()["items"]
        if not stories:
            raise SystemExit(f"take_screenshots: {db} holds no stories")
        biggest = max(stories, key=lambda story: story["article_count"])
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(
                viewport={"width": WIDTH, "height": 800},
                color_scheme="light",
                device_scale_factor=1,
            )
            shots = [("story-list.png", "/"), ("aleppo-story.png", f"/stories/{biggest['id']}")]
            saved = []
            for name, path in shots:
                page.goto(f"{base}{path}", wait_until="load")
                page.evaluate("document.fonts.ready.then(() => true)")
                page.screenshot(path=str(out / name), full_page=True)
                saved.append(out / name)
            return saved
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a store to show (default: build the sample)")
    parser.add_argument("--sample", type=Path, default=SAMPLE, help="articles for the store")
    parser.add_argument("--out", type=Path, default=HERE, help="where the PNGs go")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        parser.error("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="storyweave-shots-") as folder:
        if args.db is not None:
            if not args.db.is_file():
                parser.error(f"--db {args.db}: no such store")
            db = snapshot(args.db, Path(folder) / "storyweave.db")
        else:
            if not args.sample.exists():
                parser.error(f"--sample {args.sample}: not found")
            db = build_sample_store(args.sample, Path(folder))
        for path in take(db, args.out, chromium):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
