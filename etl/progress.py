"""Progress of a load or reprocess, for whoever watches it: a bar on a terminal, a line now and then in a log.

On a terminal, a bar with the share of the input done, the counts so far, the time taken and the time left.
Elsewhere (cron, CI, `nohup ... > log`), a plain line every `every_s` seconds with the counts, the rate and the
estimated time left, so a long load can be seen moving in a log that no bar can draw into.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from etl.pipeline import LoadSummary

DEFAULT_EVERY_S = 10.0
# Input sizes are bytes on disk and progress is counted in characters of text read (without JSON or CSV
# syntax), so the share done is an estimate: it is kept below 100 % until the load ends.
MAX_SHARE = 0.99


class LoadProgress:
    """Use as a context manager around the load; pass `update` as its progress callback."""

    def __init__(self, console: Console, total: int | None, *, bar: bool, lines: bool,
                 every_s: float = DEFAULT_EVERY_S, verb: str = "loading",
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.console = console
        self.total = total
        self.every_s = every_s
        self.verb = verb
        self.clock = clock
        self.lines = lines and not bar
        self.done = 0
        self.started = clock()
        self.last_line = self.started
        self.bar: Progress | None = None
        self.task: Any = None
        if bar:
            # Redrawn twice a second, not rich's default ten: the drawing thread shares the process with the writes.
            self.bar = Progress(TextColumn(f"[bold]{verb}"), BarColumn(), TaskProgressColumn(),
                                TextColumn("{task.fields[status]}"), TimeElapsedColumn(), TextColumn("left"),
                                TimeRemainingColumn(), console=console, transient=True, refresh_per_second=2)

    def __enter__(self) -> LoadProgress:
        if self.bar is not None:
            self.bar.__enter__()
            self.task = self.bar.add_task(self.verb, total=self.total, status="")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)

    def update(self, summary: LoadSummary, size: int) -> None:
        self.done += size
        if self.bar is not None:
            self.bar.update(self.task, advance=size, status=counts(summary))
            return
        now = self.clock()
        if self.lines and now - self.last_line >= self.every_s:
            self.last_line = now
            self.console.print(self.line(summary, now), highlight=False)

    def line(self, summary: LoadSummary, now: float) -> str:
        """`loading: 120 read, 118 loaded, ...; 3.2 articles/s; 45% done, about 2m10s left`."""
        elapsed = max(now - self.started, 1e-9)
        parts = [f"{self.verb}: {counts(summary)}", f"{summary.articles_read / elapsed:.1f} articles/s"]
        if self.total:
            share = min(self.done / self.total, MAX_SHARE)
            left = elapsed * (1 - share) / share if share > 0 else None
            parts.append(f"{share:.0%} done" + (f", about {duration(left)} left" if left is not None else ""))
        parts.append(f"{duration(elapsed)} so far")
        return "; ".join(parts)


def counts(summary: LoadSummary) -> str:
    return (f"{summary.articles_read} read, {summary.articles_loaded} loaded, {summary.articles_skipped} skipped, "
            f"{summary.articles_rejected} rejected, {summary.events_added} events")


def duration(seconds: float) -> str:
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"
