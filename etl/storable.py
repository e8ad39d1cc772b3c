"""What both databases can store: text without NUL characters, valid Unicode, within the schema's column lengths.

SQLite stores anything; PostgreSQL refuses a NUL in text, an unpaired surrogate (not UTF-8) and a value over a
varchar's length, and fails the whole transaction. Input values are checked here before they reach a
transaction, so a bad value rejects its record instead of failing a load; text that is stored whatever it holds
(a reject's excerpt and reason) is made storable instead.
"""

from __future__ import annotations

from sqlalchemy import Column

# An integer given for a text field (an `id`) must fit in 64 bits: past that it is no identifier but a payload.
MAX_INTEGER_DIGITS = 19


def problem(field: str, value: str, column: Column | None = None) -> str | None:
    """Why `value` of input field `field` cannot be stored in `column` (its length), or None."""
    if "\x00" in value:
        return f"'{field}' contains a NUL character (binary data, not text)"
    position = _unpaired_surrogate(value)
    if position is not None:
        return f"'{field}' is not valid Unicode: an unpaired surrogate at character {position}"
    limit = getattr(column.type, "length", None) if column is not None else None
    if limit is not None and len(value) > limit:
        return f"'{field}' is {len(value):,} characters, over the {limit} the database holds"
    return None


def storable_text(value: str, limit: int | None = None) -> str:
    """`value` with NULs and unpaired surrogates made visible escapes, cut to `limit` characters."""
    if "\x00" in value:
        value = value.replace("\x00", "\\x00")
    if _unpaired_surrogate(value) is not None:
        value = value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value if limit is None else value[:limit]


def _unpaired_surrogate(value: str) -> int | None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None
