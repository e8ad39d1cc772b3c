"""Load the extractor's data files (TOML) from a lexicon directory.

The package ships defaults in etl/lexicons/; a user may point `lexicon_dir` at a copy to extend the
lexicons without touching code. A file missing from the user's directory falls back to the default.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


def lexicon_path(name: str, lexicon_dir: str | Path | None = None) -> Path:
    """Path of data file `name` (e.g. "triggers.toml"), preferring the user's directory."""
    if lexicon_dir:
        candidate = Path(lexicon_dir) / name
        if candidate.is_file():
            return candidate
    return DEFAULT_LEXICON_DIR / name


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime: float) -> dict[str, Any]:
    # mtime is part of the key so an edited file is re-read within a long-lived process
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def load_lexicon(name: str, lexicon_dir: str | Path | None = None) -> dict[str, Any]:
    """Parsed content of one TOML data file."""
    path = lexicon_path(name, lexicon_dir)
    return _load_cached(str(path), path.stat().st_mtime)
