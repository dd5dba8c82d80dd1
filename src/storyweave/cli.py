"""The ``storyweave`` command: a thin shell over :class:`storyweave.Engine`.

Exit status: 0 all input stored; 3 partial (some input could not be read, the rest was stored);
1 the run itself failed (e.g. the store cannot be opened); 2 misuse.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from .api.server import UnsafeBind, check_bind
from .api.server import serve as serve_app
from .config import Settings
from .engine import Engine
from .evaluate.runner import EvaluationError, evaluate_folder
from .exports import EXPORT_FORMATS, UnknownStories, export_stories, write_outputs
from .feed_list import read_feeds_file
from .feed_state import format_duration, parse_interval
from .ingest_log import (
    DEFAULT_GROUP,
    LogUnavailable,
    connect,
    dead_letter_stream,
    enqueue,
    redacted,
)
from .ingest_worker import MAX_DELIVERIES, LogWorker, WorkerAbandoned
from .ingest_worker import stop_on_signals as stop_worker_on_signals
from .pipeline import Assignment, IngestReport, Preparer
from .represent.encoders import Encoder
from .store import StoreError
from .stories.builder import BuildOptions
from .stories.report import count_noun, render_story_text, why_joined
from .watch import FeedWatcher, stop_on_signals

EXIT_FAILED = 1
EXIT_PARTIAL = 3

app = typer.Typer(
    name="storyweave",
    help="Articles in, stories out: multilingual news into stories, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Inputs = Annotated[
    list[str],
    typer.Argument(help="Files, directories (read recursively), http(s) URLs, or - for stdin."),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Store: a SQLite file or a postgresql:// URL [default: storyweave.db]."
    ),
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="TOML settings file.", exists=True, dir_okay=False)
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
AllowPrivate = Annotated[
    bool | None,
    typer.Option("--allow-private", help="Allow fetching from private and loopback addresses."),
]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", min=1, help="Processes for cleaning and analysis.")
]
LangOutOption = Annotated[
    str | None,
    typer.Option("--lang-out", help="Language stories are written for [default: en]."),
]


def _fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    typer.echo(f"storyweave: error: {message}", err=True)
    return typer.Exit(code)


def _settings(config: Path | None, **flags: Any) -> Settings:
    try:
        return Settings.load(config, **flags)
    except (ValueError, OSError) as error:
        raise _fail(f"settings: {error}", 2) from None


def _build_options(settings: Settings) -> BuildOptions:
    """Story-building options of ``settings``; a bad one is misuse (exit 2)."""
    try:
        return BuildOptions.from_settings(settings)
    except ValueError as error:
        raise _fail(f"settings: {error}", 2) from None


def _say(message: str) -> None:
    """One line on standard error, as every message of a long-running command."""
    typer.echo(f"storyweave: {message}", err=True)


def _hush(message: str) -> None:
    """Says nothing: the notices of a command run with --quiet."""


def _open(
    settings: Settings, preparer: Preparer | None = None, encoder: Encoder | None = None
) -> Engine:
    try:
        return Engine(settings=settings, preparer=preparer, encoder=encoder)
    except StoreError as error:
        raise _fail(str(error)) from None


def _ingest(engine: Engine, inputs: list[str], quiet: bool) -> IngestReport:
    """Ingest with a live count on a terminal; problems and notices go to stderr as they occur."""
    stderr = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingesting[/]"),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[problems]} problems"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=quiet or not stderr.is_terminal,
    ) as progress:
        task = progress.add_task("ingest", total=None, problems=0, rate="")
        started = time.monotonic()
        problems = 0

        def say(message: str) -> None:
            progress.console.print(message, markup=False, highlight=False, soft_wrap=True)

        def on_assignment(assignment: Assignment) -> None:
            nonlocal problems
            if assignment.problem is not None:
                problems += 1
                say(f"storyweave: {assignment.problem}")
            else:
                progress.advance(task)
            done = progress.tasks[0].completed
            rate = done / max(time.monotonic() - started, 1e-9)
            progress.update(task, problems=problems, rate=f"{rate:,.0f}/s")

        def on_notice(message: str) -> None:
            if not quiet:
                say(f"storyweave: note: {message}")

        try:
            return engine.ingest(
                inputs, stdin=sys.stdin.buffer, on_assignment=on_assignment, on_notice=on_notice
            )
        except StoreError as error:
            raise _fail(str(error)) from None


def _summary(report: IngestReport) -> str:
    text = f"stored {count_noun(report.stored, 'article')}"
    if report.duplicates:
        text += f" ({report.duplicates} linked as copies)"
    if report.already_stored:
        text += f", {report.already_stored} already stored"
    if report.problems:
        text += f", {len(report.problems)} not read (see above)"
    return text


def _finish(report: IngestReport, as_json: bool, quiet: bool, summary: str) -> None:
    """Print the report (JSON on stdout, or the summary on stderr) and exit 3 if partial."""
    if as_json:
        typer.echo(_report_json(report))
    elif not quiet:
        typer.echo(summary, err=True)
    if report.partial:
        raise typer.Exit(EXIT_PARTIAL)


def _report_json(report: IngestReport) -> str:
    return json.dumps(
        {
            "stored": report.stored,
            "duplicates": report.duplicates,
            "already_stored": report.already_stored,
            "problems": [
                {"origin": p.origin, "code": p.code, "reason": p.reason} for p in report.problems
            ],
        },
        ensure_ascii=False,
    )


@app.command()
def ingest(
    inputs: Inputs,
    db: DbOption = None,
    config: ConfigOption = None,
    allow_private: AllowPrivate = None,
    workers: WorkersOption = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Read, clean, analyse and store articles (a second run adds to the same store)."""
    settings = _settings(config, db=db, allow_private=allow_private, workers=workers)
    with _open(settings) as engine:
        report = _ingest(engine, inputs, quiet or as_json)
    _finish(report, as_json, quiet, _summary(report))


@app.command()
def run(
    inputs: Inputs,
    db: DbOption = None,
    out: Annotated[Path | None, typer.Option("--out", help="Output folder [default: out].")] = None,
    config: ConfigOption = None,
    allow_private: AllowPrivate = None,
    workers: WorkersOption = None,
    lang_out: LangOutOption = None,
    summary_sentences: Annotated[
        int | None, typer.Option("--summary-sentences", min=1, help="Summary length [5].")
    ] = None,
    summary_words: Annotated[
        int | None, typer.Option("--summary-words", min=1, help="Summary word budget [120].")
    ] = None,
    rewrite_url: Annotated[
        str | None,
        typer.Option(
            "--rewrite-url",
            help="OpenAI-compatible API base URL of an LLM that rewrites summaries (off).",
        ),
    ] = None,
    rewrite_model: Annotated[
        str | None, typer.Option("--rewrite-model", help="Model name for --rewrite-url.")
    ] = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """The main job: ingest INPUTs into the store, build the stories that changed, and write
    stories.jsonl, articles.jsonl, report.html and report.md into --out."""
    settings = _settings(
        config,
        db=db,
        out=out,
        allow_private=allow_private,
        workers=workers,
        lang_out=lang_out,
        summary_sentences=summary_sentences,
        summary_words=summary_words,
        rewrite_url=rewrite_url,
        rewrite_model=rewrite_model,
    )
    _run_job(settings, inputs, quiet, as_json)


@app.command(name="cluster-run")
def cluster_run(
    inputs: Inputs,
    ray: Annotated[
        str,
        typer.Option(
            "--ray",
            help="Address of a running Ray cluster (HOST:PORT or ray://…), or 'local' to start"
            " one on this machine.",
        ),
    ] = "local",
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Ray workers for cleaning, analysis, encoding.")
    ] = 2,
    db: DbOption = None,
    out: Annotated[Path | None, typer.Option("--out", help="Output folder [default: out].")] = None,
    config: ConfigOption = None,
    allow_private: AllowPrivate = None,
    lang_out: LangOutOption = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """The main job with the per-article work (cleaning, analysis, encoding) spread over a
    Ray cluster; clustering stays in this process, so the stories are those of `run`."""
    settings = _settings(config, db=db, out=out, allow_private=allow_private, lang_out=lang_out)
    try:
        from .distributed import RayWorkers
    except ImportError:
        raise _fail("Ray is not installed: pip install 'storyweave[ray]'", 2) from None
    try:
        pool = RayWorkers(settings, workers, address=None if ray == "local" else ray)
    except (ConnectionError, RuntimeError, ValueError) as error:
        raise _fail(f"cannot reach Ray at {ray}: {error}") from None
    with pool:
        _run_job(settings, inputs, quiet, as_json, preparer=pool, encoder=pool.encoder)


def _run_job(
    settings: Settings,
    inputs: list[str],
    quiet: bool,
    as_json: bool,
    preparer: Preparer | None = None,
    encoder: Encoder | None = None,
) -> None:
    """Ingest, build the stories that changed, write the outputs, report."""
    options = _build_options(settings)
    with _open(settings, preparer, encoder) as engine:
        report = _ingest(engine, inputs, quiet or as_json)
        _build(engine, options, quiet or as_json)
        try:
            written, stories = write_outputs(engine, settings.out)
        except OSError as error:
            raise _fail(f"{settings.out}: cannot write ({error.strerror or error})") from None
    wrote = f"{count_noun(stories, 'story')} and {count_noun(written, 'article')}"
    summary = f"{_summary(report)}; wrote {wrote} to {settings.out}"
    _finish(report, as_json, quiet, summary)


def _build(engine: Engine, options: BuildOptions, quiet: bool) -> None:
    """Build the stories that need it, with a progress bar on a terminal."""
    stderr = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]building stories[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=quiet or not stderr.is_terminal,
    ) as progress:
        task = progress.add_task("build", total=None)
        engine.build_stories(
            options, on_built=lambda done, total: progress.update(task, completed=done, total=total)
        )


@app.command()
def articles(
    db: DbOption = None,
    config: ConfigOption = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many.")] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """List stored articles (id, language, date, title); --json prints full records as JSONL."""
    settings = _settings(config, db=db)
    with _open_existing(settings) as engine:
        rows = engine.articles(limit=limit, offset=offset)
        if as_json:
            for article in rows:
                typer.echo(json.dumps(article.to_record(), ensure_ascii=False, default=str))
            return
        table = Table("id", "lang", "published", "source", "title", "copy of")
        for article in rows:
            table.add_row(
                article.id,
                article.lang,
                article.published or "",
                article.published_source,
                article.title or "",
                article.duplicate_of or "",
            )
        Console().print(table)


@app.command()
def stories(
    db: DbOption = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """List stories (id, size, languages, dates, a title); --json prints stories.jsonl records."""
    settings = _settings(config, db=db)
    with _open_existing(settings) as engine:
        if as_json:
            for story in engine.stories():
                typer.echo(json.dumps(story.to_record(), ensure_ascii=False))
            return
        table = Table("story", "articles", "languages", "event date", "last", "headline")
        for story in engine.stories():
            headline = story.headline
            if headline is None and story.article_ids:
                first = engine.article(story.article_ids[0])
                headline = (first.title or first.clean_text[:60]) if first else ""
            table.add_row(
                story.id,
                str(len(story.article_ids)),
                " ".join(story.languages),
                story.event_date or "",
                story.last_published or "",
                headline or "",
            )
        Console().print(table)


@app.command()
def show(
    story_id: Annotated[str, typer.Argument(help="A story id (see `storyweave stories`).")],
    db: DbOption = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one story: headline, summary, entities, quotes, facts, event date, timeline, its
    articles, and why each joined (score and shared evidence)."""
    settings = _settings(config, db=db)
    with _open_existing(settings) as engine:
        story = engine.story(story_id)
        if story is None:
            raise _fail(f"no story {story_id!r} in {settings.db}")
        rows = []
        for article_id in story.article_ids:
            article = engine.article(article_id)
            assignment = engine.assignment(article_id)
            rows.append((article, assignment))
        if as_json:
            record = story.to_record()
            record["articles"] = [
                {
                    "id": article_id,
                    "title": article.title if article else None,
                    "lang": article.lang if article else None,
                    "score": assignment.score if assignment else None,
                    "evidence": assignment.evidence if assignment else {},
                }
                for article_id, (article, assignment) in zip(story.article_ids, rows, strict=True)
            ]
            typer.echo(json.dumps(record, ensure_ascii=False))
            return
        by_id = {article.id: article for article, _assignment in rows if article is not None}
        typer.echo(render_story_text(story, by_id))
        typer.echo("\nWhy each article is in this story:")
        for article, assignment in rows:
            if article is None:
                continue
            typer.echo(f"  {article.id} [{article.lang}]: {why_joined(assignment)}")


@app.command()
def serve(
    db: DbOption = None,
    config: ConfigOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help="Bearer token writes need [default: STORYWEAVE_API_TOKEN]; required to listen"
            " beyond loopback.",
        ),
    ] = None,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option("--cors-origin", help="Allow browser calls from this origin (repeatable)."),
    ] = None,
) -> None:
    """Serve the REST API (/api/v1, OpenAPI at /api/v1/openapi.json) and the web pages."""
    settings = _settings(config, db=db)
    chosen = token or settings.api_token or None
    try:
        check_bind(host, chosen)
    except UnsafeBind as error:
        raise _fail(str(error), 2) from None
    with _open_existing(settings):
        pass  # fail early, with the usual message, when the store cannot be opened
    serve_app(settings, host=host, port=port, token=chosen, cors_origins=cors_origin or ())


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv, md or html.")] = "jsonl",
    story: Annotated[
        list[str] | None,
        typer.Option("--story", help="Export this story only (repeatable) [default: all]."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write [default: stdout].")
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Export stories as JSON Lines, CSV, Markdown or one self-contained HTML page."""
    if fmt not in EXPORT_FORMATS:
        raise _fail(f"--format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}", 2)
    settings = _settings(config, db=db)
    with _open_existing(settings) as engine:
        try:
            written = export_stories(engine, fmt, out, story_ids=story or ())
        except UnknownStories as error:
            raise _fail(f"{error} in {settings.db}") from None
        except OSError as error:
            raise _fail(f"{out}: cannot write ({error.strerror or error})") from None
    if out is not None:
        typer.echo(f"storyweave: {count_noun(written, 'story')} written to {out}", err=True)


@app.command(name="eval")
def evaluate(
    dataset: Annotated[
        Path, typer.Argument(help="Folder with articles.jsonl + gold.jsonl and/or pairs.jsonl.")
    ],
    config: ConfigOption = None,
    workers: WorkersOption = None,
    as_json: JsonOption = False,
) -> None:
    """Measure clustering (BCubed, pairwise F1) and similarity (Pearson) on a labelled folder."""
    settings = _settings(config, workers=workers)
    if not dataset.is_dir():
        raise _fail(f"{dataset}: not a folder", 2)
    stderr = Console(stderr=True)
    try:
        measures = evaluate_folder(
            dataset, settings, on_progress=lambda m: stderr.print(f"storyweave: {m} …")
        )
    except (EvaluationError, StoreError) as error:
        raise _fail(str(error)) from None
    if as_json:
        for m in measures:
            typer.echo(
                json.dumps(
                    {"section": m.section, "metric": m.metric, "value": m.value, "n": m.count}
                )
            )
        return
    table = Table("section", "metric", "value", "n", title=str(dataset))
    for m in measures:
        value = (
            f"{m.value:.4f}" if isinstance(m.value, float) and m.value < 10 else f"{m.value:,.1f}"
        )
        table.add_row(m.section, m.metric, value, "" if m.count is None else str(m.count))
    Console().print(table)


@app.command()
def watch(
    feeds_file: Annotated[
        Path, typer.Argument(help="Text file: one RSS/Atom feed URL per line, # comments.")
    ],
    every: Annotated[
        str, typer.Option("--every", help="Time between polls of a feed: 30s, 10m, 1h, seconds.")
    ] = "10m",
    once: Annotated[
        bool, typer.Option("--once", help="Poll every feed once, build stories, and exit.")
    ] = False,
    db: DbOption = None,
    config: ConfigOption = None,
    allow_private: AllowPrivate = None,
    workers: WorkersOption = None,
    lang_out: LangOutOption = None,
    quiet: QuietOption = False,
) -> None:
    """Poll the feeds in FEEDS_FILE every --every: store each new entry's article once and
    build the stories that changed. SIGTERM or Ctrl-C stops it; a restart resumes."""
    try:
        interval = parse_interval(every)
    except ValueError as error:
        raise _fail(f"--every: {error}", 2) from None
    try:
        feeds = read_feeds_file(feeds_file)
    except ValueError as error:
        raise _fail(str(error), 2) from None
    settings = _settings(
        config, db=db, allow_private=allow_private, workers=workers, lang_out=lang_out
    )
    options = _build_options(settings)

    failed = False
    with _open(settings) as engine:
        try:
            watcher = FeedWatcher(
                engine,
                feeds,
                interval,
                build_options=options,
                on_problem=_say,
                on_notice=_hush if quiet else _say,
            )
            with stop_on_signals(watcher):
                if once:
                    failed = watcher.poll_all().failed
                else:
                    if not quiet:
                        _say(f"watching {len(feeds)} feeds every {format_duration(interval)}")
                    watcher.run()
        except StoreError as error:
            raise _fail(str(error)) from None
        if watcher.stop_requested and not quiet:
            _say("stopped; what was fetched is stored, and a restart resumes from there")
    if failed:
        raise typer.Exit(EXIT_PARTIAL)


RedisOption = Annotated[
    str | None,
    typer.Option(
        "--redis", help="Redis holding the ingest log [default: redis://127.0.0.1:6379/0]."
    ),
]
StreamOption = Annotated[
    str | None,
    typer.Option("--stream", help="Stream of the ingest log [default: storyweave:articles]."),
]


@app.command(name="enqueue")
def enqueue_command(
    inputs: Inputs,
    redis_url: RedisOption = None,
    stream: StreamOption = None,
    config: ConfigOption = None,
    allow_private: AllowPrivate = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Put the articles of INPUTs on the durable ingest log (a Redis stream) for
    `storyweave worker` processes to store; each keeps the id it is stored under."""
    settings = _settings(config, redis_url=redis_url, stream=stream, allow_private=allow_private)

    try:
        client = connect(settings.redis_url)
        with client:
            report = enqueue(
                inputs,
                settings,
                client,
                stream=settings.stream,
                stdin=sys.stdin.buffer,
                on_problem=_say,
                on_notice=_hush if quiet or as_json else _say,
            )
    except LogUnavailable as error:
        raise _fail(str(error)) from None
    if as_json:
        problems = [
            {"origin": p.origin, "code": p.code, "reason": p.reason} for p in report.problems
        ]
        typer.echo(json.dumps({"enqueued": report.enqueued, "problems": problems}))
    elif not quiet:
        text = f"enqueued {count_noun(report.enqueued, 'article')} on {settings.stream}"
        text += f" at {redacted(settings.redis_url)}"
        if report.problems:
            text += f", {len(report.problems)} not read (see above)"
        _say(text)
    if report.partial:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def worker(
    db: DbOption = None,
    redis_url: RedisOption = None,
    stream: StreamOption = None,
    group: Annotated[
        str, typer.Option("--group", help="Consumer group the workers share.")
    ] = DEFAULT_GROUP,
    consumer: Annotated[
        str | None,
        typer.Option("--consumer", help="This worker's name in the group [default: HOST-PID]."),
    ] = None,
    reclaim_after: Annotated[
        str,
        typer.Option(
            "--reclaim-after",
            help="Take over entries pending this long (more than a batch takes): 30s, 10m, 1h.",
        ),
    ] = "60s",
    until_empty: Annotated[
        bool,
        typer.Option("--until-empty", help="Exit once the group has nothing left to process."),
    ] = False,
    max_deliveries: Annotated[
        int,
        typer.Option(
            "--max-deliveries",
            min=1,
            help="Deliveries of an entry that keeps failing before it goes to STREAM:dead.",
        ),
    ] = MAX_DELIVERIES,
    keep_log: Annotated[
        bool,
        typer.Option("--keep-log", help="Keep acknowledged entries in the stream."),
    ] = False,
    config: ConfigOption = None,
    workers: WorkersOption = None,
    lang_out: LangOutOption = None,
    quiet: QuietOption = False,
) -> None:
    """Store the articles of the ingest log: read batches as one consumer of a group, store and
    cluster them, build the stories that changed, and acknowledge them only then. SIGTERM or
    Ctrl-C stops it after the batch in progress."""
    try:
        reclaim = parse_interval(reclaim_after)
    except ValueError as error:
        raise _fail(f"--reclaim-after: {error}", 2) from None
    settings = _settings(
        config, db=db, redis_url=redis_url, stream=stream, workers=workers, lang_out=lang_out
    )
    options = _build_options(settings)

    try:
        client = connect(settings.redis_url)
    except LogUnavailable as error:
        raise _fail(str(error), 2) from None
    with client, _open(settings) as engine:
        log_worker = LogWorker(
            engine,
            client,
            stream=settings.stream,
            group=group,
            consumer=consumer,
            reclaim_after=reclaim,
            max_deliveries=max_deliveries,
            keep_acknowledged=keep_log,
            build_options=options,
            on_problem=_say,
            on_notice=_hush if quiet else _say,
        )
        if not quiet:
            _say(
                f"worker {log_worker.consumer} of group {group!r} reading {settings.stream}"
                f" at {redacted(settings.redis_url)}"
            )
        try:
            with stop_worker_on_signals(log_worker):
                report = log_worker.run(until_empty=until_empty)
        except (LogUnavailable, StoreError) as error:
            raise _fail(str(error)) from None
        except WorkerAbandoned:
            raise _fail("stopped; the batch in progress was left to be delivered again") from None
    if not quiet:
        summary = _summary(report.ingest)
        summary += f"; acknowledged {report.acknowledged} entries"
        if report.failed:
            summary += f", {len(report.failed)} left pending after errors"
        if report.dead_lettered:
            summary += f", {report.dead_lettered} moved to {dead_letter_stream(settings.stream)}"
        _say(summary + (" (stopped)" if log_worker.stop_requested else ""))
    if until_empty and report.partial:
        raise typer.Exit(EXIT_PARTIAL)


def _open_existing(settings: Settings) -> Engine:
    """The engine over a store that must exist already (a database server's is not checked)."""
    if "://" not in settings.db and not Path(settings.db).exists():
        raise _fail(f"{settings.db}: no such store; run `storyweave ingest` first")
    return _open(settings)


def main() -> None:
    """Entry point for ``python -m storyweave``."""
    app()
