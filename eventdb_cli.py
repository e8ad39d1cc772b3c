"""`eventdb`: the command line, a thin layer over the library in db/, etl/ and reports/."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from db.session import URL_ENV_VAR, DatabaseError, open_database, resolve_url

app = typer.Typer(
    help="An event database for news: load articles, extract who met whom, where, when and about what, "
         "and query it with SQL reports.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
    add_completion=False,
)
report_app = typer.Typer(help="The SQL report library: list, show and run reports.", no_args_is_help=True)
app.add_typer(report_app, name="report")
rejects_app = typer.Typer(help="Input records that loads rejected, with the reason.", no_args_is_help=True)
app.add_typer(rejects_app, name="rejects")

err = Console(stderr=True, soft_wrap=True)
out = Console()

DbOption = Annotated[str | None, typer.Option(
    "--db", help=f"Database URL (sqlite:///FILE or postgresql+psycopg://...); default ${URL_ENV_VAR} "
                 "or sqlite:///eventdb.sqlite.", show_default=False)]
ReportsDirOption = Annotated[list[Path] | None, typer.Option(
    "--reports-dir", help="Extra folder of .sql reports (repeatable).", show_default=False)]


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    params = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise fail(f"--param takes key=value, got {pair!r}", 2)
        params[key.strip()] = value
    return params


def write_output(content: str | bytes, out_file: Path | None) -> None:
    """Write to --out (binary formats need one) or stdout."""
    if out_file is None:
        if isinstance(content, bytes):
            raise fail("this format is binary: give --out FILE", 2)
        sys.stdout.write(content)
        return
    out_file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        out_file.write_bytes(content)
    else:
        out_file.write_text(content, encoding="utf-8")
    err.print(f"wrote {out_file}")


@app.command()
def load(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt, .jsonl, .csv), directories, or - for JSON Lines "
                                                    "on stdin.", show_default=False)],
    db: DbOption = None,
    model: Annotated[str | None, typer.Option(help="spaCy model to use instead of en_core_web_sm.")] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per nlp.pipe batch.")] = 16,
    workers: Annotated[int, typer.Option(min=1, help="Processes for the NLP.")] = 1,
    max_bytes: Annotated[int, typer.Option(min=1, help="Reject any article larger than this.")] = 5_000_000,
    progress: Annotated[bool, typer.Option(help="Show a progress bar (on by default on a terminal).")] = True,
) -> None:
    """Load news articles: read, extract events with spaCy, store.

    Loading the same text twice adds nothing. A bad record is rejected with its file, line and reason,
    the rest still loads, and the exit code is 1 when anything was rejected.

    Example: `eventdb load seeds/ articles.jsonl --db sqlite:///events.sqlite`
    """
    from etl.extract import DEFAULT_MAX_BYTES
    from etl.pipeline import LoadOptions, run_load

    engine = _open(db)
    options = LoadOptions(model=model, batch_size=batch_size, workers=workers,
                          max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    show_bar = progress and err.is_terminal
    bar = Progress(TextColumn("[bold]loading"), BarColumn(), TextColumn("{task.fields[status]}"),
                   TimeElapsedColumn(), console=err, transient=True) if show_bar else None
    total = _input_size(paths)

    with bar or nullcontext():
        task = bar.add_task("load", total=total, status="") if bar else None

        def on_progress(summary, size: int) -> None:  # type: ignore[no-untyped-def]
            if bar is not None and task is not None:
                bar.update(task, advance=size, status=f"{summary.articles_read} read, "
                                                      f"{summary.articles_loaded} loaded, "
                                                      f"{summary.events_added} events")
        try:
            summary = run_load(engine, paths, options, progress=on_progress)
        except (OSError, ValueError, DatabaseError) as exc:
            raise fail(str(exc)) from None
    for reject in summary.rejects:
        err.print(f"[yellow]rejected[/yellow] {reject.origin}: {reject.reason}", highlight=False)
    err.print(
        f"run {summary.run_id}: {summary.articles_read} read, {summary.articles_loaded} loaded, "
        f"{summary.articles_skipped} skipped (already loaded), {summary.articles_rejected} rejected; "
        f"added {summary.events_added} events, {summary.actors_added} actors, "
        f"{summary.locations_added} locations", highlight=False)
    if summary.articles_rejected:
        raise typer.Exit(1)


def _input_size(paths: list[str]) -> int | None:
    """Total characters to read, for the progress bar; None when reading stdin."""
    if "-" in paths:
        return None
    total = 0
    for raw in paths:
        path = Path(raw)
        files = path.rglob("*") if path.is_dir() else [path]
        total += sum(f.stat().st_size for f in files if f.is_file() and not f.name.endswith(".meta.json"))
    return total or None


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
        raise fail(f"--format must be jsonl or csv, not {fmt!r}", 2)
    engine = _open(db)
    writer = write_jsonl if fmt == "jsonl" else write_csv
    if out_file is None:
        writer(engine, sys.stdout)
        return
    out_file.parent.mkdir(parents=True, exist_ok=True)
    with out_file.open("w", encoding="utf-8", newline="") as fh:
        count = writer(engine, fh)
    err.print(f"wrote {count} events to {out_file}")


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="One SELECT (or WITH ... SELECT) statement.", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json, md, html or xlsx (needs --out).")
                   ] = "table",
    param: Annotated[list[str] | None, typer.Option("--param", help="key=value bound to :key (repeatable).")] = None,
    timeout: Annotated[float, typer.Option(min=0.1, help="Stop the query after this many seconds.")] = 30.0,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    db: DbOption = None,
) -> None:
    """Run ad hoc, read-only SQL. A statement that would write is refused and changes nothing.

    Example: `eventdb sql "SELECT actor_a, actor_b, location, date_start FROM v_meetings"`
    """
    from reports.adhoc import QueryFailed, QueryRefused, run_sql
    from reports.render import FORMATS, render

    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}", 2)
    _open(db)  # brings the schema up to date; the query itself runs on a read-only connection
    try:
        frame = run_sql(query, db, parse_params(param), timeout_s=timeout)
    except QueryRefused as exc:
        raise fail(str(exc), 3) from None
    except QueryFailed as exc:
        raise fail(str(exc), 1) from None
    write_output(render(frame, fmt, title="eventdb sql"), out_file)


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
    docs = [d for d in data_dictionary() if table is None or d.name == table]
    if not docs:
        raise fail(f"no table or view named {table!r}")
    for doc in docs:
        out.print(f"[bold]{doc.name}[/bold] ({doc.kind}): {doc.meaning}", highlight=False)
        for column in doc.columns:
            key = f" [{column.key}]" if column.key else ""
            kind = f" {column.type}" if column.type else ""
            out.print(f"  {column.name}{kind}{key}: {column.meaning}", highlight=False)
        out.print()


@report_app.command("list")
def report_list(reports_dir: ReportsDirOption = None) -> None:
    """List the reports: bundled ones and those in --reports-dir folders.

    Example: `eventdb report list --reports-dir my_reports/`
    """
    from reports.library import ReportError, discover

    try:
        reports = discover(reports_dir)
    except ReportError as exc:
        raise fail(str(exc)) from None
    for report in reports.values():
        out.print(f"[bold]{report.name}[/bold]: {report.title}. {report.description}", highlight=False)


@report_app.command("show")
def report_show(name: str, reports_dir: ReportsDirOption = None) -> None:
    """Print a report's parameters and SQL.

    Example: `eventdb report show officials-met`
    """
    from reports.library import ReportError, find

    try:
        report = find(name, reports_dir)
    except ReportError as exc:
        raise fail(str(exc)) from None
    out.print(f"[bold]{report.name}[/bold]: {report.title}\n{report.description}\nfile: {report.path}",
              highlight=False)
    for param in report.params:
        default = f" (default {param.default})" if param.default is not None else ""
        out.print(f"  --param {param.name}=<{param.type}>{default}: {param.help}", highlight=False)
    sys.stdout.write("\n" + report.sql + "\n")


@report_app.command("run")
def report_run(
    name: Annotated[str, typer.Argument(help="Report name (see `eventdb report list`).", show_default=False)],
    param: Annotated[list[str] | None, typer.Option("--param", help="key=value (repeatable).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json, md, html or xlsx (needs --out).")
                   ] = "table",
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of stdout.")] = None,
    reports_dir: ReportsDirOption = None,
    db: DbOption = None,
) -> None:
    """Run a report with bound parameters.

    Example: `eventdb report run officials-met --param actor="Jake Sullivan" --format md`
    """
    from reports.library import ReportError, find
    from reports.render import FORMATS, render

    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}", 2)
    try:
        report = find(name, reports_dir)
        frame = report.run(_open(db), parse_params(param))
    except ReportError as exc:
        raise fail(str(exc)) from None
    write_output(render(frame, fmt, title=report.title), out_file)


@rejects_app.command("list")
def rejects_list(
    run: Annotated[int | None, typer.Option(help="Only the rejects of this load (etl_runs.id).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json or md.")] = "table",
    db: DbOption = None,
) -> None:
    """List rejected records: run, file, line, reason and the start of the record, to fix and reload.

    Example: `eventdb rejects list --run 3 --format csv`
    """
    from reports.render import FORMATS, render

    if fmt not in FORMATS:
        raise fail(f"--format must be one of {', '.join(FORMATS)}", 2)
    from reports.adhoc import run_sql

    _open(db)
    frame = run_sql(
        "SELECT etl_run_id AS run, source_file, line, reason, excerpt FROM rejects "
        "WHERE CAST(:run AS INTEGER) IS NULL OR etl_run_id = CAST(:run AS INTEGER) ORDER BY id",
        db, {"run": run})
    write_output(render(frame, fmt, title="Rejected records"), out_file=None)


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
        raise fail("no seeds/ folder here or beside the installed project; pass --seeds FOLDER")
    err.print(f"loading {folder} into {resolve_url(db)}")
    try:
        load([str(folder)], db=db, progress=True)
    except typer.Exit as exit_:
        if exit_.exit_code:
            raise
    report_run("officials-met", db=db)


def _default_seeds() -> Path | None:
    for candidate in (Path("seeds"), Path(__file__).resolve().parent / "seeds"):
        if candidate.is_dir():
            return candidate
    return None


def _open(url: str | None):  # type: ignore[no-untyped-def]
    try:
        return open_database(url)
    except DatabaseError as exc:
        raise fail(str(exc)) from None


if __name__ == "__main__":
    app()
