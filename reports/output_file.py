"""Output files written atomically: through a temporary file in the same folder, renamed over the target.

A reader never sees half a file, and a write that fails (disk full, file too large, folder gone) leaves no
file behind: an older file of that name stays as it was, and the temporary file is removed.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic_output(target: Path, *, binary: bool = False) -> Iterator[IO]:
    """A file handle whose content becomes `target` when the block ends without error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp_name = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    # Not tempfile.mkstemp: its files are 0600, and a report is for others to read (the umask decides).
    handle = os.open(temp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        # Same folder, so the rename never crosses file systems and is atomic.
        os.replace(temp_name, target)
    except BaseException:
        temp_name.unlink(missing_ok=True)
        raise


def write_atomic(target: Path, content: str | bytes) -> Path:
    with atomic_output(target, binary=isinstance(content, bytes)) as out:
        out.write(content)
    return target
