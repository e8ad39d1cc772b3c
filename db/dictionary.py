"""The data dictionary: every table, view and column with a one-line meaning, read from the models."""

from __future__ import annotations

from dataclasses import dataclass

from db import pairing
from db.models import Base
from db.views import VIEWS


@dataclass
class ColumnDoc:
    name: str
    type: str
    meaning: str
    key: str = ""  # PK, FK -> table.column, UNIQUE


@dataclass
class TableDoc:
    name: str
    kind: str  # table | view
    meaning: str
    columns: list[ColumnDoc]


def data_dictionary() -> list[TableDoc]:
    docs = []
    for table in Base.metadata.sorted_tables:
        columns = []
        for column in table.columns:
            keys = []
            if column.primary_key:
                keys.append("PK")
            keys += [f"FK -> {fk.target_fullname}" for fk in column.foreign_keys]
            if column.unique:
                keys.append("UNIQUE")
            columns.append(ColumnDoc(column.name, str(column.type), column.comment or "", ", ".join(keys)))
        docs.append(TableDoc(table.name, "table", table.comment or "", columns))
    for view in VIEWS:
        docs.append(TableDoc(view.name, "view", view.meaning,
                             [ColumnDoc(name, "", meaning) for name, meaning in view.columns]))
    return sorted(docs, key=lambda d: (d.kind, d.name))


def as_markdown() -> str:
    lines = ["# Data dictionary", "",
             "Generated from `db/models.py`, `db/views.py` and `db/pairing.py` by `eventdb schema --format md`.", "",
             *pairing.as_markdown()]
    for doc in data_dictionary():
        lines += [f"## {doc.name} ({doc.kind})", "", doc.meaning, "", "| column | type | key | meaning |",
                  "| --- | --- | --- | --- |"]
        lines += [f"| {c.name} | {c.type} | {c.key} | {c.meaning} |" for c in doc.columns]
        lines.append("")
    return "\n".join(lines)
