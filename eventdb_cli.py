"""`eventdb`: the command line, a thin layer over the library in db/, etl/ and reports/."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy.exc import SQLAlchemyError
from typer.core import TyperCommand, TyperGroup

from db.session import URL_ENV_VAR, display_url, open_database, open_for_reading, resolve_url
from eventdb_errors import EXIT_DATABASE, EXIT_FAILED, EXIT_NOT_FOUND, EXIT_USAGE, EventdbError, did_you_mean

if TYPE_CHECKING:  # imported where used: a command starts without pandas and matplotlib
    from reports.render import LineChart

err = Console(stderr=True, soft_wrap=True)
out = Console()


class EventdbGroup(TyperGroup):
    """Every user error, from any command, ends as one line on stderr and the exit code of its kind."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EventdbError as exc:
            raise fail(str(exc), exc.exit_code) from None
        except FileNotFoundError as exc:
            raise fail(f"{exc.strerror or 'not found'}: {exc.filename}", EXIT_NOT_FOUND) from None
        except OSError as exc:  # a folder that cannot be written, a disk that is full
            where = f": {exc.filename}" if exc.filename else ""
            raise fail(f"{exc.strerror or exc}{where}", EXIT_FAILED) from None
        except SQLAlchemyError as exc:  # every bad record is a reject: this is the database itself failing
            raise fail(f"database error: {_first_line(exc)}", EXIT_DATABASE) from None


def _first_line(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


app = typer.Typer(
    cls=EventdbGroup,
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
    add_completion=False,
)
report_app = typer.Typer(help="The SQL report library: list, show and run reports.", no_args_is_help=True)
app.add_typer(report_app, name="report")
actors_app = typer.Typer(help="Canonical actors: list, merge, split, rename (kept as curation rules).",
                         no_args_is_help=True)
app.add_typer(actors_app, name="actors")
events_app = typer.Typer(help="Events: merge two reports of one exchange, reject a wrong one.", no_args_is_help=True)
app.add_typer(events_app, name="events")
curation_app = typer.Typer(help="The analysts' curation rules: list and undo.", no_args_is_help=True)
app.add_typer(curation_app, name="curation")
rejects_app = typer.Typer(help="Input records that loads rejected, with the reason.", no_args_is_help=True)
app.add_typer(rejects_app, name="rejects")

DbOption = Annotated[str | None, typer.Option(
    "--db", help=f"The database: a SQLite file (news.sqlite, ~/news.sqlite, or as a URL sqlite:///news.sqlite, "
                 f"sqlite:////abs/path.sqlite) or postgresql+psycopg://user@host/db; default ${URL_ENV_VAR} or "
                 "eventdb.sqlite. Only load and quickstart create a database.", show_default=False)]
LexiconDirOption = Annotated[Path | None, typer.Option(
    "--lexicon-dir", help="Folder with your own copies of etl/lexicons/*.toml (triggers, titles, places, issue "
                          "taxonomy); a file missing there falls back to the bundled one.", show_default=False)]
NoteOption = Annotated[str | None, typer.Option(help="Why, for the record (shown by `eventdb curation list`).")]
ReportsDirOption = Annotated[list[Path] | None, typer.Option(
    "--reports-dir", help="Extra folder of .sql reports (repeatable).", show_default=False)]


def fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    # Escaped: a message may quote [brackets] (a TOML table, a file's text) that rich would take for markup.
    err.print(f"[red]error:[/red] {escape(message)}", highlight=False)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if not value:
        return
    from importlib.metadata import PackageNotFoundError, version

    from alembic.script import ScriptDirectory

    from db.session import alembic_config
    from etl.nlp import PIPELINE_VERSION

    try:
        installed = version("eventdb")
    except PackageNotFoundError:
        installed = "(not installed)"
    # The head of the migration graph: branches merged in parallel are chained in merge order, not file order.
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    out.print(f"eventdb {installed} (pipeline {PIPELINE_VERSION}, schema {heads[0] if heads else '?'}, "
              f"Python {sys.version.split()[0]})", highlight=False)
    raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version of eventdb, its pipeline and schema, and exit."
                                          )] = False,
) -> None:
    """An event database for news: load articles, extract who met whom, where, when and about what, and query it
    with SQL reports.

    Exit codes: 0 success; 1 part of the work failed (rejected records, a failed query or scheduled run, a schedule
    problem); 2 usage (a wrong option, argument or parameter value); 3 not found (database, file, report, table,
    actor, event, rule, schedule entry); 4 refused (a write in `eventdb sql`, a contradictory curation);
    5 database unavailable.
    """


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    params = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise fail(f"--param takes key=value, got {pair!r}", EXIT_USAGE)
        params[key.strip()] = value
    return params


def write_output(content: str | bytes, out_file: Path | None) -> None:
    """Write to --out (binary formats need one; written whole or not at all) or stdout."""
    if out_file is None:
        if isinstance(content, bytes):
            raise fail("this format is binary: give --out FILE", EXIT_USAGE)
        with _stdout_errors():
            sys.stdout.write(content)
        return
    from reports.output_file import write_atomic

    try:
        write_atomic(out_file, content)
    except OSError as exc:
        raise fail(_unwritable(out_file, exc)) from None
    err.print(f"wrote {out_file}")


def _unwritable(out_file: Path, exc: OSError) -> str:
    return f"cannot write {out_file}: {exc.strerror or exc}; nothing was written"


@contextmanager
def _stdout_errors() -> Iterator[None]:
    """Standard output that cannot be written (a full disk, a closed pipe) ends the command with one line."""
    try:
        yield
        sys.stdout.flush()
    except OSError as exc:
        try:  # what is still buffered would fail again when Python exits
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass
        raise fail(f"cannot write to standard output: {exc.strerror or exc}") from None


ProgressOption = Annotated[bool, typer.Option(
    help="Show progress: a bar with the share done and the time left on a terminal, else a line every "
         "--progress-every seconds (counts, rate, time left) for logs.")]
ProgressEveryOption = Annotated[float, typer.Option(
    min=0, help="Seconds between progress lines when stderr is not a terminal (cron, CI, a log file).")]


@app.command()
def load(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .jsonl, .csv), directories, or - for JSON Lines "
                                                    "on stdin.", show_default=False)],
    db: DbOption = None,
    model: Annotated[str | None, typer.Option(help="spaCy model to use instead of en_core_web_sm.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per nlp.pipe batch.")] = 16,
    workers: Annotated[int, typer.Option(min=1, help="Processes for the NLP.")] = 1,
    max_bytes: Annotated[int, typer.Option(min=1, help="Reject any article larger than this.")] = 5_000_000,
    progress: ProgressOption = True,
    progress_every: ProgressEveryOption = 10.0,
    lexicon_dir: LexiconDirOption = None,
) -> None:
    """Load news articles: read, extract events with spaCy, store. Creates the database if it does not exist.

    Loading the same text twice adds nothing. A bad record is rejected with its file, line and reason,
    the rest still loads, and the exit code is 1 when anything was rejected.

    Example: `eventdb load seeds/ articles.jsonl --db sqlite:///events.sqlite`
    """
    from etl.extract import DEFAULT_MAX_BYTES
    from etl.pipeline import LoadOptions, run_load
    from etl.progress import LoadProgress

    if lexicon_dir is not None and not lexicon_dir.is_dir():
        raise fail(f"--lexicon-dir {lexicon_dir} is not a folder", EXIT_NOT_FOUND)
    total = _input_size(paths)
    engine = _open(db, create=True)
    options = LoadOptions(model=model, batch_size=batch_size, workers=workers,
                          max_bytes=max_bytes or DEFAULT_MAX_BYTES, lexicon_dir=lexicon_dir)
    shown = LoadProgress(err, total, bar=progress and err.is_terminal, lines=progress, every_s=progress_every)
    with shown:
        summary = run_load(engine, paths, options, progress=shown.update)
    for reject in summary.rejects:
        err.print(f"[yellow]rejected[/yellow] {reject.origin}: {reject.reason}", highlight=False)
    err.print(
        f"run {summary.run_id}: {summary.articles_read} read, {summary.articles_loaded} loaded, "
        f"{summary.articles_skipped} skipped (already loaded), {summary.articles_rejected} rejected; "
        f"added {summary.events_added} events, {summary.actors_added} actors, "
        f"{summary.locations_added} locations", highlight=False)
    if summary.articles_rejected:
        raise typer.Exit(EXIT_FAILED)


def _input_size(paths: list[str]) -> int | None:
    """Bytes of input to read, for the share done; None when reading stdin. Warns of a folder with nothing to load."""
    from etl.extract import STDIN, article_files

    if STDIN in paths:
        return None
    total = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = article_files(path)
            if not files:
                err.print(f"[yellow]warning:[/yellow] {path} has no .txt, .jsonl or .csv files to load",
                          highlight=False)
            total += sum(_size(f) for f in files)
        elif path.is_file():
            total += _size(path)
    return total or None


def _size(path: Path) -> int:
    try:  # what cannot be looked at is the reader's to reject, not the progress bar's to fail on
        return path.stat().st_size
    except OSError:
        return 0


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    db: DbOption = None,
) -> None:
    """Export every event, one per line, in the interchange format the scorer reads.

    Example: `eventdb export --format jsonl --out events.jsonl`
    """
    from reports.export import write_csv, write_jsonl

    if fmt not in ("jsonl", "csv"):
        raise fail(f"--format must be jsonl or csv, not {fmt!r}", EXIT_USAGE)
    from reports.output_file import atomic_output

    engine = _open_read(db)
    writer = write_jsonl if fmt == "jsonl" else write_csv
    if out_file is None:
        with _stdout_errors():
            writer(engine, sys.stdout)
        return
    try:
        with atomic_output(out_file) as fh:
            count = writer(engine, fh)
    except OSError as exc:
        raise fail(_unwritable(out_file, exc)) from None
    err.print(f"wrote {count} events to {out_file}")


MaxRowsOption = Annotated[int, typer.Option(
    "--max-rows", min=0, help="Keep at most this many rows (0: all); a notice says when there were more.")]


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="A gold file in the shape ../shared/eval/score.py reads.",
                                         show_default=False)],
    inputs: Annotated[list[str] | None, typer.Argument(
        help="The articles (files or folders, as `load` reads them); default: the gold's articles, looked up by id "
             "in --corpora and seeds/.", show_default=False)] = None,
    scorer: Annotated[Path | None, typer.Option(help="score.py to use [default: ../shared/eval/score.py].",
                                                show_default=False)] = None,
    corpora: Annotated[Path | None, typer.Option(help="Folder of .jsonl articles to find the gold's articles in "
                                                      "[default: ../shared/corpora].", show_default=False)] = None,
    types: Annotated[str | None, typer.Option(help="Comma-separated types to score [default: those the gold "
                                                   "codes].", show_default=False)] = None,
    db: Annotated[str | None, typer.Option("--db", help="Load into this database instead of a temporary one.",
                                           show_default=False)] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model to use instead of en_core_web_sm.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes for the NLP.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print every figure as JSON.")] = False,
) -> None:
    """Load a gold file's articles, export the events and score them with the shared scorer, in one step.

    Prints event precision, recall and F1, participants, and location, date, status and mode accuracy for each
    type the gold codes, and their macro F1.

    Example: `eventdb evaluate etl/training/gold/dev_news.json`
    """
    from etl.evaluate import DEFAULT_CORPORA, DEFAULT_SCORER
    from etl.evaluate import evaluate as run_evaluation
    from etl.pipeline import LoadOptions

    result = run_evaluation(gold, inputs or None, scorer=scorer or DEFAULT_SCORER, corpora=corpora or DEFAULT_CORPORA,
                            types=set(types.split(",")) if types else None, db_url=db,
                            options=LoadOptions(model=model, workers=workers))
    if as_json:
        figures = {kind: {k: v for k, v in r.items() if k != "details"} for kind, r in result.by_type.items()}
        out.print_json(data=figures)
        return
    out.print(f"{result.gold}: {result.articles} articles, {result.events_exported} events exported", highlight=False)
    for kind, r in result.by_type.items():
        e, p = r["events"], r["participants"]
        out.print(f"{kind:10} events P={e['precision']:.2f} R={e['recall']:.2f} F1={e['f1']:.2f} "
                  f"(tp={e['tp']} fp={e['fp']} fn={e['fn']})  participants F1={p['f1']:.2f}  "
                  f"location={r['location_accuracy']:.2f} date={r['date_accuracy']:.2f} "
                  f"status={r['status_accuracy']:.2f} mode={r['mode_accuracy']:.2f}", highlight=False)
    if len(result.by_type) > 1:
        out.print(f"macro F1 over {len(result.by_type)} types: {result.macro_f1:.2f}", highlight=False)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="One SELECT (or WITH ... SELECT) statement.", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json, md, html or xlsx (needs --out).")
                   ] = "table",
    param: Annotated[list[str] | None, typer.Option("--param", help="key=value bound to :key (repeatable).")] = None,
    timeout: Annotated[float, typer.Option(min=0.1, help="Stop after this many seconds: running the query, fetching "
                                                        "and writing out the rows.")] = 30.0,
    max_rows: MaxRowsOption = 100_000,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    db: DbOption = None,
) -> None:
    """Run ad hoc, read-only SQL: one statement. A statement that would write, or reach beyond the database, is
    refused (exit code 4) and changes nothing.

    Example: `eventdb sql "SELECT actor_a, actor_b, location, date_start FROM v_meetings"`
    """
    from reports.adhoc import check_params, run_query
    from reports.render import FORMATS

    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}", EXIT_USAGE)
    params = parse_params(param)
    check_params(query, params)
    engine = _open_read(db)  # the query itself runs on a read-only connection of its own
    _show_result(lambda: run_query(query, engine, params, timeout_s=timeout, max_rows=max_rows or None), fmt,
                 "eventdb sql", out_file, timeout)


def _show_result(run, fmt: str, title: str, out_file: Path | None,  # type: ignore[no-untyped-def]
                 timeout: float | None = None, chart: LineChart | None = None) -> None:
    """Run a read-only query and write its rows, all within `timeout` (reports.adhoc.time_limit); `chart` is a
    report's own chart for the HTML page."""
    from reports.adhoc import time_limit
    from reports.render import render

    result = run()
    if result.notice:
        err.print(f"[yellow]note:[/yellow] {result.notice}", highlight=False)
    with time_limit(None if timeout is None else timeout - result.elapsed_s):
        content = render(result.frame, fmt, title=title, chart=chart)
    write_output(content, out_file)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words to find (all of them), "a phrase", word OR word, -word to leave '
                                              "out.", show_default=False)],
    target: Annotated[str, typer.Option("--in", help="articles (title and text) or sentences (the sentences that "
                                                     "report events, with the event).")] = "articles",
    limit: Annotated[int, typer.Option(min=1, help="At most this many matches, best first.")] = 20,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json, md or html.")] = "table",
    db: DbOption = None,
) -> None:
    """Full-text search over the articles or the evidence sentences of events, best matches first, with the
    matching words [marked]. "meeting" also finds "meetings".

    Example: `eventdb search fentanyl` or `eventdb search '"trade talks" -Trump' --in sentences`
    """
    from reports.render import BINARY_FORMATS, FORMATS, render
    from reports.search import TARGETS
    from reports.search import search as find_text

    if target not in TARGETS:
        raise fail(f"--in must be {' or '.join(TARGETS)}, not {target!r}", EXIT_USAGE)
    text_formats = [f for f in FORMATS if f not in BINARY_FORMATS]
    if fmt not in text_formats:
        raise fail(f"--format must be one of {', '.join(text_formats)}", EXIT_USAGE)
    engine = _open(db)
    try:
        frame = find_text(engine, query, target, limit)
    finally:
        engine.dispose()
    write_output(render(frame, fmt, title=f"Search: {query}", max_width=140), None)


@app.command()
def schema(
    fmt: Annotated[str, typer.Option("--format", help="text or md.")] = "text",
    table: Annotated[str | None, typer.Argument(help="Only this table or view.", show_default=False)] = None,
) -> None:
    """The data dictionary: every table, view and column with its meaning.

    Example: `eventdb schema events` or `eventdb schema --format md > docs/schema.md`
    """
    from db.dictionary import as_markdown, data_dictionary

    if fmt == "md":
        sys.stdout.write(as_markdown())
        return
    everything = data_dictionary()
    docs = [d for d in everything if table is None or d.name == table]
    if not docs:
        raise fail(f"no table or view named {table!r}{did_you_mean(table or '', [d.name for d in everything])}; "
                   "`eventdb schema` lists them all", EXIT_NOT_FOUND)
    for doc in docs:
        out.print(f"[bold]{doc.name}[/bold] ({doc.kind}): {doc.meaning}", highlight=False)
        for column in doc.columns:
            key = f" [{column.key}]" if column.key else ""
            kind = f" {column.type}" if column.type else ""
            out.print(f"  {column.name}{kind}{key}: {column.meaning}", highlight=False)
        out.print()


@app.command()
def reprocess(
    db: DbOption = None,
    model: Annotated[str | None, typer.Option(help="spaCy model to use instead of en_core_web_sm.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes for the NLP.")] = 1,
    lexicon_dir: LexiconDirOption = None,
    progress: ProgressOption = True,
    progress_every: ProgressEveryOption = 10.0,
) -> None:
    """Full reload: extract every stored article again with the current pipeline and curation rules.

    Events, actors, places and roles are rebuilt; articles, rejects, curation rules and history stay.

    Example: `eventdb reprocess --db sqlite:///news.sqlite`
    """
    from etl.pipeline import LoadOptions, run_reprocess, stored_text_size
    from etl.progress import LoadProgress

    engine = _open(db, warn=False)  # an unfinished reprocess is what this one finishes
    shown = LoadProgress(err, stored_text_size(engine), bar=progress and err.is_terminal, lines=progress,
                         every_s=progress_every, verb="reprocessing")
    with shown:
        summary = run_reprocess(engine, LoadOptions(model=model, workers=workers, lexicon_dir=lexicon_dir),
                                progress=shown.update)
    for reject in summary.rejects:
        err.print(f"[yellow]rejected[/yellow] {reject.origin}: {reject.reason}", highlight=False)
    resumed = (f" (resumed an interrupted reprocess after article {summary.resumed_after})"
               if summary.resumed_after is not None else "")
    err.print(f"run {summary.run_id}: reprocessed {summary.articles_loaded} articles{resumed}; "
              f"{summary.events_added} events, {summary.actors_added} actors, {summary.locations_added} locations",
              highlight=False)
    if summary.articles_rejected:
        raise typer.Exit(EXIT_FAILED)


def _curate(db: str | None, action):  # type: ignore[no-untyped-def]
    """Run one curation step in a transaction, turning its errors into messages."""
    from db.session import session_factory

    sessions = session_factory(_open(db))
    with sessions.begin() as session:
        return action(session)


@actors_app.command("list")
def actors_list(
    name: Annotated[str | None, typer.Option(help="Only actors whose name or alias contains this.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json or md.")] = "table",
    db: DbOption = None,
) -> None:
    """Actors with their kind, country, aliases and number of events.

    Example: `eventdb actors list --name Wang`
    """
    _print_rows(db, ACTORS_SQL, {"name": name}, fmt, "Actors")


ACTORS_SQL = """
SELECT a.id, a.canonical_name AS name, a.kind, a.country_code,
       (SELECT COUNT(*) FROM event_participants p WHERE p.actor_id = a.id) AS events,
       (SELECT COUNT(*) FROM actor_aliases al WHERE al.actor_id = a.id) AS aliases
  FROM actors a
 WHERE CAST(:name AS TEXT) IS NULL
    OR LOWER(a.canonical_name) LIKE '%' || LOWER(CAST(:name AS TEXT)) || '%'
    OR EXISTS (SELECT 1 FROM actor_aliases al WHERE al.actor_id = a.id
                AND LOWER(al.alias) LIKE '%' || LOWER(CAST(:name AS TEXT)) || '%')
 ORDER BY a.canonical_name, a.id
"""


@actors_app.command("merge")
def actors_merge(
    keep: Annotated[str, typer.Argument(help="The actor that stays (name, alias or id).", show_default=False)],
    drop: Annotated[str, typer.Argument(help="The actor merged into it.", show_default=False)],
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Merge actor DROP into KEEP, now and in every later load.

    Example: `eventdb actors merge "Jake Sullivan" "Sullivan"`
    """
    from etl.curation import ACTOR_MERGE, add_rule, find_actor, merge_actors

    def action(session):  # type: ignore[no-untyped-def]
        kept, dropped = find_actor(session, keep), find_actor(session, drop)
        names = (kept.canonical_name, dropped.canonical_name)
        merge_actors(session, kept, dropped)
        return add_rule(session, ACTOR_MERGE, names[1], names[0], note), names

    rule, names = _curate(db, action)
    err.print(f"merged {names[1]!r} into {names[0]!r} (rule {rule.id})", highlight=False)


@actors_app.command("split")
def actors_split(
    actor: Annotated[str, typer.Argument(help="The actor a name was wrongly joined to.", show_default=False)],
    alias: Annotated[str, typer.Option(help="The name, as written, that is someone else.", show_default=False)],
    name: Annotated[str | None, typer.Option(help="Canonical name of that someone (default: the alias).")] = None,
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Split the mentions written as ALIAS off ACTOR into an actor of their own, now and in later loads.

    Example: `eventdb actors split "Wang Yi" --alias Wang --name "Wang Wenbin"`
    """
    from etl.curation import ACTOR_SPLIT, add_rule, find_actor, split_actor

    def action(session):  # type: ignore[no-untyped-def]
        source = find_actor(session, actor)
        other = split_actor(session, source, alias, name or alias)
        return add_rule(session, ACTOR_SPLIT, alias, other.canonical_name, note), other.canonical_name

    rule, new_name = _curate(db, action)
    err.print(f"{alias!r} now refers to {new_name!r} (rule {rule.id})", highlight=False)


@actors_app.command("rename")
def actors_rename(
    actor: Annotated[str, typer.Argument(help="The actor (name, alias or id).", show_default=False)],
    new_name: Annotated[str, typer.Argument(help="Its new canonical name.", show_default=False)],
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Give an actor a new canonical name, now and in every later load; the old name stays an alias.

    Refused when another actor already has the name: merge them instead (`eventdb actors merge`).

    Example: `eventdb actors rename "Erdogan" "Recep Tayyip Erdoğan"`
    """
    from etl.curation import ACTOR_RENAME, add_rule, find_actor, rename_actor

    def action(session):  # type: ignore[no-untyped-def]
        found = find_actor(session, actor)
        old_name = rename_actor(session, found, new_name)
        return add_rule(session, ACTOR_RENAME, old_name, found.canonical_name, note), old_name, found.canonical_name

    rule, old_name, renamed = _curate(db, action)
    err.print(f"renamed {old_name!r} to {renamed!r} (rule {rule.id})", highlight=False)


@events_app.command("merge")
def events_merge(
    keep: Annotated[int, typer.Argument(help="Id of the event that stays.", show_default=False)],
    drop: Annotated[int, typer.Argument(help="Id of the event that is another report of it.", show_default=False)],
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Merge event DROP into KEEP (two reports of one exchange), now and in later loads.

    Example: `eventdb events merge 12 40`
    """
    from etl.curation import EVENT_MERGE, add_rule, find_event, mention_key, merge_events

    def action(session):  # type: ignore[no-untyped-def]
        kept, dropped = find_event(session, keep), find_event(session, drop)
        keys = mention_key(session, dropped.id), mention_key(session, kept.id)
        merge_events(session, kept, dropped)
        return add_rule(session, EVENT_MERGE, keys[0], keys[1], note)

    rule = _curate(db, action)
    err.print(f"merged event {drop} into {keep} (rule {rule.id})", highlight=False)


@events_app.command("reject")
def events_reject(
    event: Annotated[int, typer.Argument(help="Id of the wrong event.", show_default=False)],
    note: NoteOption = None,
    db: DbOption = None,
) -> None:
    """Hide a wrong event from reports and exports, now and in later loads.

    Example: `eventdb events reject 17 --note "a statement, not a meeting"`
    """
    from etl.curation import EVENT_REJECT, add_rule, find_event, mention_key

    def action(session):  # type: ignore[no-untyped-def]
        found = find_event(session, event)
        found.rejected = True
        return add_rule(session, EVENT_REJECT, mention_key(session, found.id), None, note)

    rule = _curate(db, action)
    err.print(f"rejected event {event} (rule {rule.id})", highlight=False)


@curation_app.command("list")
def curation_list(
    all_rules: Annotated[bool, typer.Option("--all", help="Include undone rules.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json or md.")] = "table",
    db: DbOption = None,
) -> None:
    """The analysts' curation rules, oldest first.

    Example: `eventdb curation list --all`
    """
    _print_rows(db, "SELECT id, action, subject, target, note, created_at, undone_at FROM curation_rules "
                    "WHERE CAST(:include_undone AS INTEGER) = 1 OR undone_at IS NULL ORDER BY id",
                {"include_undone": int(all_rules)}, fmt, "Curation rules")


@curation_app.command("undo")
def curation_undo(
    rule_id: Annotated[int, typer.Argument(help="Id of the rule (see `eventdb curation list`).", show_default=False)],
    db: DbOption = None,
) -> None:
    """Undo a curation rule. A rejected event comes back at once; merges and splits are undone by the next
    `eventdb reprocess`, which rebuilds events and actors without the rule.

    Example: `eventdb curation undo 3 && eventdb reprocess`
    """
    from etl.curation import EVENT_REJECT, undo_rule

    rule = _curate(db, lambda session: undo_rule(session, rule_id))
    if rule.action == EVENT_REJECT:
        err.print(f"undid rule {rule_id}: the event is back", highlight=False)
    else:
        err.print(f"undid rule {rule_id}; run `eventdb reprocess` to rebuild without it", highlight=False)


@report_app.command("list")
def report_list(reports_dir: ReportsDirOption = None) -> None:
    """List the reports: bundled ones and those in --reports-dir folders.

    Example: `eventdb report list --reports-dir my_reports/`
    """
    from reports.library import discover

    for report in discover(reports_dir).values():
        out.print(f"[bold]{report.name}[/bold]: {report.title}. {report.description}", highlight=False)


@report_app.command("show")
def report_show(name: str, reports_dir: ReportsDirOption = None) -> None:
    """Print a report's parameters and SQL.

    Example: `eventdb report show officials-met`
    """
    from reports.library import find

    report = find(name, reports_dir)
    out.print(f"[bold]{report.name}[/bold]: {report.title}\n{report.description}\nfile: {report.path}",
              highlight=False)
    for param in report.params:
        out.print(f"  {param.describe()}", highlight=False)
    sys.stdout.write("\n" + report.sql + "\n")


class ReportRunCommand(TyperCommand):
    """`eventdb report run NAME --help` also lists the parameters of report NAME."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--help" in args:
            ctx.meta["eventdb.report"] = _report_named_in(args)
        return super().parse_args(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_help(ctx, formatter)
        name, folders = ctx.meta.get("eventdb.report") or (None, [])
        if name is None:
            return
        from reports.library import find

        try:
            report = find(name, folders)
        except EventdbError as exc:
            out.print(f"\n{exc}", highlight=False)
            return
        text = f"\n[bold]Parameters of {report.name}[/bold] ({report.title}):"
        lines = [f"  {param.describe()}" for param in report.params] or ["  (none)"]
        out.print("\n".join([text, *lines]), highlight=False)


def _report_named_in(args: list[str]) -> tuple[str | None, list[Path]]:
    """The report name (first plain argument) and --reports-dir folders in a `report run` command line."""
    name, folders, index = None, [], 0
    while index < len(args):
        arg = args[index]
        if arg in ("--reports-dir", "--param", "--format", "--out", "--db"):
            if arg == "--reports-dir" and index + 1 < len(args):
                folders.append(Path(args[index + 1]))
            index += 2
            continue
        if arg.startswith("--reports-dir="):
            folders.append(Path(arg.partition("=")[2]))
        elif not arg.startswith("-") and name is None:
            name = arg
        index += 1
    return name, folders


@report_app.command("run", cls=ReportRunCommand)
def report_run(
    name: Annotated[str, typer.Argument(help="Report name (see `eventdb report list`).", show_default=False)],
    param: Annotated[list[str] | None, typer.Option("--param", help="key=value (repeatable).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json, md, html or xlsx (needs --out).")
                   ] = "table",
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    max_rows: MaxRowsOption = 100_000,
    reports_dir: ReportsDirOption = None,
    db: DbOption = None,
) -> None:
    """Run a report with bound parameters, read-only (a report file that writes is refused, exit code 4).

    Example: `eventdb report run officials-met --param actor="Jake Sullivan" --format md`
    """
    from reports.library import find
    from reports.render import FORMATS

    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}", EXIT_USAGE)
    report = find(name, reports_dir)
    values = report.bind(parse_params(param))  # a wrong parameter is an error before the database is opened
    engine = _open_read(db)
    _show_result(lambda: report.query(engine, values=values, max_rows=max_rows or None), fmt, report.title, out_file,
                 chart=report.chart)


@rejects_app.command("list")
def rejects_list(
    run: Annotated[int | None, typer.Option(help="Only the rejects of this load (etl_runs.id).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json or md.")] = "table",
    db: DbOption = None,
) -> None:
    """List rejected records: run, file, line, reason and the start of the record, to fix and reload.

    Example: `eventdb rejects list --run 3 --format csv`
    """
    _print_rows(db, "SELECT etl_run_id AS run, source_file, line, reason, excerpt FROM rejects "
                    "WHERE CAST(:run AS INTEGER) IS NULL OR etl_run_id = CAST(:run AS INTEGER) ORDER BY id",
                {"run": run}, fmt, "Rejected records")


# --- Scheduled reports and browsing --------------------------------------------------------------------------

schedule_app = typer.Typer(
    help="Scheduled reports: entries of a TOML schedule file (report, parameters, cron, formats, folder), run "
         "from system cron (`eventdb schedule run --due` once a minute) or by `eventdb schedule serve`.",
    no_args_is_help=True)
app.add_typer(schedule_app, name="schedule")

ScheduleOption = Annotated[Path | None, typer.Option(
    "--schedule", help="Schedule file (TOML); relative output folders are relative to it. Default: the bundled "
                       "example reports/schedule.toml, writing under the current directory.", show_default=False)]


def _schedule(path: Path | None):  # type: ignore[no-untyped-def]
    from reports.schedule import load_schedule

    # The bundled example lives inside the package: write its output where the user is, not there.
    return load_schedule(path, base_dir=None if path else Path.cwd())


def _show_run(result) -> None:  # type: ignore[no-untyped-def]
    if result.ok:
        files = ", ".join(str(f) for f in result.files)
        err.print(f"[green]succeeded[/green] {result.entry} (report {result.report}, run {result.run_id}): "
                  f"{result.rows} rows -> {files}", highlight=False)
    else:
        err.print(f"[red]failed[/red] {result.entry} (report {result.report}, run {result.run_id}): {result.error}",
                  highlight=False)


def _when(moment, zone) -> str:  # type: ignore[no-untyped-def]
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


@schedule_app.command("list")
def schedule_list(schedule: ScheduleOption = None, reports_dir: ReportsDirOption = None, db: DbOption = None) -> None:
    """List the schedule's entries: report, parameters, cron, next run, last run, formats and folder.

    An entry is due when a cron time passed since its last run started, or when it never ran. The exit code is 1
    when an entry has a problem (an unknown report, a wrong parameter).

    Example: `eventdb schedule list --schedule ~/reports/schedule.toml --db sqlite:///news.sqlite`
    """
    from datetime import UTC, datetime

    from reports.schedule import check_entry, last_runs

    plan = _schedule(schedule)
    runs = last_runs(_open(db))
    now = datetime.now(UTC)
    problems = 0
    for entry in plan.entries:
        last = runs.get(entry.name)
        due = " (due now)" if entry.is_due(last.started_at if last else None, now) else ""
        out.print(f"[bold]{entry.name}[/bold]: report {entry.report}, cron \"{entry.cron}\"", highlight=False)
        out.print(f"  next run: {_when(entry.next_fire(now), plan.timezone)}{due}", highlight=False)
        if last is None:
            out.print("  last run: never", highlight=False)
        else:
            detail = f", {last.rows} rows" if last.rows is not None else ""
            detail += f": {last.error}" if last.error else ""
            out.print(f"  last run: {_when(last.started_at, plan.timezone)} {last.status}{detail}", highlight=False)
        params = ", ".join(f"{k}={v}" for k, v in entry.params.items()) or "(defaults)"
        out.print(f"  params: {params}", highlight=False)
        out.print(f"  writes: {', '.join(entry.formats)} -> {entry.output}", highlight=False)
        problem = check_entry(entry, reports_dir)
        if problem:
            problems += 1
            out.print(f"  [red]problem:[/red] {problem}", highlight=False)
    if problems:
        # Non-zero, so that a check of the schedule in a deployment script or CI fails on it.
        raise fail(f"{problems} of {len(plan.entries)} entries have a problem (see above)", EXIT_FAILED)


@schedule_app.command("run")
def schedule_run(
    due: Annotated[bool, typer.Option("--due", help="Run every entry that is due (for system cron, once a minute)."
                                      )] = False,
    entry: Annotated[str | None, typer.Option("--entry", help="Run this entry now, due or not.",
                                              show_default=False)] = None,
    schedule: ScheduleOption = None,
    reports_dir: ReportsDirOption = None,
    db: DbOption = None,
) -> None:
    """Run the due entries (--due) or one entry now (--entry NAME); each run is recorded in report_runs.

    Files are written as FOLDER/ENTRY-YYYY-MM-DD-HHMM.EXT. A failing entry does not stop the others; the exit
    code is 1 when any run failed.

    Example (crontab): `* * * * * cd /srv/news && eventdb schedule run --due --schedule schedule.toml`
    """
    from reports.schedule import run_due, run_entries

    if due == (entry is not None):
        raise fail("give either --due or --entry NAME", EXIT_USAGE)
    plan = _schedule(schedule)
    chosen = plan.entry(entry) if entry is not None else None
    engine = _open(db)
    if chosen is not None:
        results = run_entries(engine, [chosen], reports_dir, on_result=_show_run)
    else:
        results = run_due(engine, plan, reports_dir, on_result=_show_run)
        if not results:
            err.print("nothing due", highlight=False)
    if any(not r.ok for r in results):
        raise typer.Exit(1)


@schedule_app.command("serve")
def schedule_serve(
    schedule: ScheduleOption = None,
    reports_dir: ReportsDirOption = None,
    db: DbOption = None,
    catch_up: Annotated[bool, typer.Option(help="On start, first run the entries that are due (never ran, or "
                                                "missed a cron time while nothing was serving).")] = True,
) -> None:
    """Run each entry at its cron times until stopped; SIGTERM or Ctrl-C finishes the current run, then exits 0.

    The schedule file is read once: restart after editing it. Use this or `run --due` from cron, not both.

    Example: `eventdb schedule serve --schedule /etc/eventdb/schedule.toml --db sqlite:////srv/news.sqlite`
    """
    from reports.schedule import serve

    plan = _schedule(schedule)
    engine = _open(db)
    err.print(f"serving {len(plan.entries)} entries from {plan.source}; stop with Ctrl-C or SIGTERM",
              highlight=False)
    serve(engine, plan, reports_dir, catch_up=catch_up, on_result=_show_run)
    err.print("stopped", highlight=False)


@app.command()
def browse(
    db: DbOption = None,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to serve on.")] = 8001,
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 shows the database to your network."
                                      )] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open it in the web browser.")] = True,
    reports_dir: ReportsDirOption = None,
    map_tiles: Annotated[str | None, typer.Option(
        help="Tile URL template of the map of meetings, e.g. your own server's https://tiles.example/{z}/{x}/{y}.png "
             "(default: OpenStreetMap's).", show_default=False)] = None,
) -> None:
    """Browse the database read-only in Datasette: tables and views with their column meanings, every report as a
    query with a form for its parameters (checked as on the command line), the meetings on a map (v_meetings) and a
    search box over articles and evidence sentences. SQLite only. Stop with Ctrl-C.

    Example: `eventdb browse --db sqlite:///news.sqlite --port 8001`
    """
    from reports.browse import browse as serve_datasette
    from reports.browse import environment_note, sqlite_path
    from reports.library import discover

    url = resolve_url(db)
    sqlite_path(url)  # refuse PostgreSQL and a missing file before touching anything
    reports = discover(reports_dir)
    _open(db).dispose()  # the views the reports use come with the migrations
    err.print(f"serving {url} read-only at http://{host}:{port}/ ; stop with Ctrl-C", highlight=False)
    note = environment_note() if open_browser else None
    if note:
        err.print(note, highlight=False)
    code = serve_datasette(url, reports, report_dirs=reports_dir, tiles=map_tiles, host=host, port=port,
                           open_browser=open_browser)
    if code:
        raise typer.Exit(code)


@app.command()
def quickstart(
    db: DbOption = None,
    seeds: Annotated[Path | None, typer.Option(help="Folder of articles to load (default: the project's seeds/).")
                     ] = None,
) -> None:
    """Create ./eventdb.sqlite, load the seed articles and print who met whom, where and when.

    Example: `eventdb quickstart`
    """
    folder = seeds or _default_seeds()
    if folder is None or not folder.is_dir():
        raise fail("no seeds/ folder here or beside the installed project; pass --seeds FOLDER", EXIT_NOT_FOUND)
    err.print(f"loading {folder} into {display_url(db)}", highlight=False)
    try:
        load([str(folder)], db=db, progress=True)
    except typer.Exit as exit_:
        if exit_.exit_code:
            raise
    report_run("officials-met", db=db)


def _print_rows(db: str | None, sql_text: str, params: dict[str, Any], fmt: str, title: str) -> None:
    """A listing command: one read-only query, printed in the chosen text format."""
    from reports.adhoc import run_sql
    from reports.render import BINARY_FORMATS, FORMATS, render

    text_formats = [f for f in FORMATS if f not in BINARY_FORMATS]
    if fmt not in text_formats:
        raise fail(f"--format must be one of {', '.join(text_formats)}", EXIT_USAGE)
    write_output(render(run_sql(sql_text, _open_read(db), params), fmt, title=title), None)


def _default_seeds() -> Path | None:
    for candidate in (Path("seeds"), Path(__file__).resolve().parent / "seeds"):
        if candidate.is_dir():
            return candidate
    return None


def _open(url: str | None, *, create: bool = False, warn: bool = True):  # type: ignore[no-untyped-def]
    """The database, upgraded; only `load` and `quickstart` may create it (a mistyped --db is an error)."""
    engine = open_database(url, create=create)
    if warn:
        _warn_unfinished(engine)
    return engine


def _open_read(url: str | None):  # type: ignore[no-untyped-def]
    """A read-only engine for a command that only reads: no write transaction unless a migration is due."""
    engine = open_for_reading(url)
    _warn_unfinished(engine)
    return engine


def _warn_unfinished(engine) -> None:  # type: ignore[no-untyped-def]
    from etl.pipeline import unfinished_reprocess_note

    note = unfinished_reprocess_note(engine)
    if note:
        err.print(f"[yellow]warning:[/yellow] {note}", highlight=False)


if __name__ == "__main__":
    app()
