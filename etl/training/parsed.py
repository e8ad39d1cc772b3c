"""Parsed articles, cached: training and evaluation run the extractor many times over the same texts, and the
parse (tagger, parser, entities) is nine tenths of the cost. The cache holds each article's Doc as the stock
model and the sentence marker left it, before the project's own components, keyed by the model's name and
version and the text's hash, in one DocBin per corpus file under `.cache/parsed/`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from etl.components import TOKENIZER_REVISION, DatedText
from etl.nlp import build_pipeline, model_version

CACHE_DIR = Path(".cache/parsed")
# The components the project adds after the parse; everything before them is what the cache holds.
PROJECT_COMPONENTS = ("eventdb_issue_matcher", "eventdb_consult_extractor", "eventdb_results_only")


@dataclass
class CorpusArticle:
    id: str
    text: str
    published_at: str | None
    source: str | None = None
    title: str | None = None


def read_jsonl(path: Path) -> list[CorpusArticle]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out.append(CorpusArticle(row["id"], row["text"], row.get("published_at"), row.get("source"),
                                     row.get("title")))
    return out


def read_txt_folder(folder: Path) -> list[CorpusArticle]:
    """`.txt` articles with `.meta.json` sidecars (the seeds)."""
    out = []
    for txt in sorted(folder.glob("*.txt")):
        meta_path = txt.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        out.append(CorpusArticle(txt.stem, txt.read_text(encoding="utf-8"), meta.get("published_at"),
                                 meta.get("source"), meta.get("title")))
    return out


def _key(nlp: Language, articles: list[CorpusArticle]) -> str:
    h = hashlib.sha256(model_version(nlp).encode())
    h.update(TOKENIZER_REVISION.encode())
    for a in articles:
        h.update(a.id.encode())
        h.update(hashlib.sha256(a.text.encode()).digest())
        h.update((a.published_at or "").encode())
    return h.hexdigest()[:16]


def parse(nlp: Language, articles: list[CorpusArticle], name: str, n_process: int = 1) -> list[Doc]:
    """The parsed Doc of every article, from the cache when it has them; `doc._.published_at` is set."""
    path = CACHE_DIR / f"{name}-{_key(nlp, articles)}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    disabled = [p for p in PROJECT_COMPONENTS if p in nlp.pipe_names]
    texts = (DatedText(a.text, a.published_at) for a in articles)
    with nlp.select_pipes(disable=disabled):
        docs = list(nlp.pipe(texts, batch_size=16, n_process=n_process))
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=True, docs=docs).to_disk(path)
    return docs


def run_components(nlp: Language, docs: Iterable[Doc]) -> Iterator[Doc]:
    """The project's components (issues, events) over parsed Docs, as a load runs them."""
    for doc in docs:
        for name in PROJECT_COMPONENTS[:-1]:
            if name in nlp.pipe_names:
                doc = nlp.get_pipe(name)(doc)
        yield doc


def pipeline() -> Language:
    return build_pipeline()
