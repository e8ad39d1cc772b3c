"""User errors: what went wrong in one line, and the exit code the `eventdb` command ends with.

The library raises these; the command line prints the message as `error: ...` on stderr and exits with the
class's code, never with a traceback. The codes (also in the README):

| code | meaning |
| --- | --- |
| 0 | success |
| 1 | the command ran and part of it failed: rejected records, a failed query or scheduled run, a schedule problem |
| 2 | usage: a wrong option, argument, parameter value or schedule file |
| 3 | not found: no such database, file, folder, report, table, actor, alias, event, rule or schedule entry |
| 4 | refused: a statement that would write in `eventdb sql`, a curation request that contradicts itself |
| 5 | database unavailable: it cannot be reached, created, opened or upgraded |
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import ClassVar

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_REFUSED = 4
EXIT_DATABASE = 5


class EventdbError(Exception):
    """A user error; its message is one line for the user that says what to do."""

    exit_code: ClassVar[int] = EXIT_FAILED


class UsageError(EventdbError, ValueError):
    exit_code = EXIT_USAGE


class NotFound(EventdbError, LookupError):
    exit_code = EXIT_NOT_FOUND


class Refused(EventdbError):
    exit_code = EXIT_REFUSED


class DatabaseUnavailable(EventdbError):
    exit_code = EXIT_DATABASE


def did_you_mean(wanted: str, known: list[str] | set[str] | tuple[str, ...]) -> str:
    """' (did you mean X?)' for the closest of `known` to a mistyped name, or ''."""
    lowered = {name.lower(): name for name in known}
    close = get_close_matches(wanted.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean {lowered[close[0]]!r}?)" if close else ""
