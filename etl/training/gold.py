"""The project's hand-coded gold: check a coded batch, and assemble the batches into train / dev / test files.

    python -m etl.training.gold check FILE...      # every problem of a coded batch, with its event id
    python -m etl.training.gold check --texts A.jsonl G.json   # a batch of made-up articles (gold/synthetic/)
    python -m etl.training.gold assemble           # batches -> gold/{train,dev,test}_{news,guardian}.json

A batch is a file in the shape `../shared/eval/score.py` reads (`articles`, `events`), coded by the rules of
`../shared/eval/CODING.md` and `etl/training/gold/HOW_CODED.md`. The split of each article is fixed in
`gold/articles.json` (`etl.training.make_splits`), never chosen by whoever codes or tunes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from datetime import date
from pathlib import Path

GOLD_DIR = Path(__file__).parent / "gold"
ARTICLES_FILE = GOLD_DIR / "articles.json"

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
CONSULT_MODES = ("phone", "video", "visit", "host", "meeting", "multilateral", "third-party")
SECTORS = ("government", "military", "police", "opposition", "rebels", "legislature", "judiciary", "business",
           "civilians", "media", "ngo", "religious", "party", "intelligence", "igo")
ISO3 = re.compile(r"^[A-Z]{3}$")


def load_corpora(corpora: Path) -> dict[str, dict]:
    """Every article of the two corpora by id."""
    out: dict[str, dict] = {}
    for name in ("news_2015_2025.jsonl", "guardian_dev.jsonl"):
        with (corpora / name).open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                out[row["id"]] = row
    return out


def _valid_date(text: object) -> bool:
    try:
        date.fromisoformat(str(text))
    except ValueError:
        return False
    return True


def check_batch(batch: dict, texts: dict[str, dict]) -> list[str]:
    """Problems of one coded batch, one line each; an empty list when it is well formed."""
    problems: list[str] = []
    articles = batch.get("articles") or {}
    if not articles:
        problems.append("no 'articles': list every coded article, those with no event too")
    ids: set[str] = set()
    for ev in batch.get("events") or []:
        eid = ev.get("id", "?")
        where = f"{eid}:"
        if eid in ids:
            problems.append(f"{where} id used twice")
        ids.add(eid)
        art = ev.get("article")
        if art not in articles:
            problems.append(f"{where} article {art!r} is not under 'articles'")
            continue
        if ev.get("type") not in TYPES:
            problems.append(f"{where} type {ev.get('type')!r} is not a PLOVER type")
        if ev.get("type") == "CONSULT" and ev.get("mode") not in (*CONSULT_MODES, None):
            problems.append(f"{where} CONSULT mode {ev.get('mode')!r}")
        if ev.get("status") not in ("occurred", "planned"):
            problems.append(f"{where} status {ev.get('status')!r}")
        if not ev.get("cluster"):
            problems.append(f"{where} no cluster slug")
        parts = ev.get("participants") or []
        if not any(not p.get("optional") for p in parts):
            problems.append(f"{where} no required participant (the scorer can never match it)")
        for p in parts:
            names = p.get("names")
            if not names or not all(isinstance(n, str) and n.strip() for n in names):
                problems.append(f"{where} a participant without names")
            cc = p.get("country_code")
            if cc is not None and not ISO3.match(str(cc)):
                problems.append(f"{where} country_code {cc!r} is not ISO 3166-1 alpha-3")
            if p.get("role") not in (None, "actor", "recipient", "participant", "source", "target"):
                problems.append(f"{where} role {p.get('role')!r}")
            if p.get("sector") is not None and p["sector"] not in SECTORS:
                problems.append(f"{where} sector {p['sector']!r} (one of {', '.join(SECTORS)})")
        loc = ev.get("location")
        if loc is not None and not (isinstance(loc, list) and loc and all(isinstance(x, str) for x in loc)):
            problems.append(f"{where} location must be null or a list of names")
        d = ev.get("date")
        if d is not None:
            if not (_valid_date(d.get("start")) and _valid_date(d.get("end")) and d["start"] <= d["end"]):
                problems.append(f"{where} date {d!r} is not a valid start <= end range")
        text = (texts.get(art) or {}).get("text")
        evidence = ev.get("evidence")
        if text is None:
            problems.append(f"{where} article {art!r} has no text in the corpora (made-up ones: --texts FILE)")
        elif not evidence:
            problems.append(f"{where} no evidence sentence")
        elif evidence not in text:
            problems.append(f"{where} evidence is not a verbatim part of the article: {evidence[:80]!r}")
    return problems


def assemble(batches: list[Path], out_dir: Path) -> dict[str, int]:
    """Write one score.py gold file per corpus and split from the coded batches; returns event counts."""
    plan = json.loads(ARTICLES_FILE.read_text(encoding="utf-8"))["articles"]
    files: dict[str, dict] = {}
    coded: dict[str, set[str]] = {}  # the types each article is coded for, over every batch that codes it
    for path in batches:
        batch = json.loads(path.read_text(encoding="utf-8"))
        for art, meta in batch["articles"].items():
            if art not in plan:
                raise SystemExit(f"{path}: article {art} is not in {ARTICLES_FILE}")
            info = plan[art]
            types = _type_set(meta.get("types") or info.get("types") or "all")
            if coded.get(art, set()) & types:
                # a second batch may code an article for other types (the Guardian articles, first coded for
                # CONSULT only), never for the same type twice
                raise SystemExit(f"{path}: article {art} is coded for {sorted(coded[art] & types)} in two batches")
            coded[art] = coded.get(art, set()) | types
            key = f"{info['split']}_{'news' if info['corpus'] == 'news_2015_2025' else 'guardian'}"
            gold = files.setdefault(key, {"description": "", "articles": {}, "events": []})
            earlier = gold["articles"].get(art)
            gold["articles"][art] = {**(earlier or {}), **meta, "split": info["split"], "corpus": info["corpus"]}
            if earlier is not None:
                gold["articles"][art]["types"] = "all" if coded[art] >= set(TYPES) else ",".join(
                    t for t in TYPES if t in coded[art])
        for ev in batch["events"]:
            info = plan[ev["article"]]
            key = f"{info['split']}_{'news' if info['corpus'] == 'news_2015_2025' else 'guardian'}"
            files[key]["events"].append(ev)
    counts = {}
    for key, gold in sorted(files.items()):
        split, corpus = key.split("_")
        scope = "all 16 PLOVER types" if corpus == "news" else "CONSULT, and all 16 types where `types` says so" if any(
            "types" in meta for meta in gold["articles"].values()) else "CONSULT only"
        gold["description"] = (f"Hand-coded events ({scope}) of the {split} split of the {corpus} articles; "
                               "see etl/training/gold/HOW_CODED.md. Built by `python -m etl.training.gold assemble`.")
        gold["articles"] = dict(sorted(gold["articles"].items()))
        gold["events"].sort(key=lambda e: (e["article"], e["id"]))
        (out_dir / f"{key}.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        counts[key] = len(gold["events"])
    return counts


def coded_types(gold: dict, art: str) -> set[str] | None:
    """The types coded in an article (None: all of them): its own `types` when the gold says ("all" or a comma-
    separated list); else all of them in the news excerpts, CONSULT alone in the Guardian sample."""
    meta = gold["articles"][art]
    types = meta.get("types") or ("all" if meta.get("corpus", "news_2015_2025") == "news_2015_2025" else "CONSULT")
    return None if types == "all" else _type_set(types)


def coded_for(gold: dict, kind: str) -> dict:
    """The articles coded for `kind` (every article for CONSULT; the news excerpts and the Guardian articles coded
    for every type for the others), where that type is scored."""
    listed = gold["articles"]
    if not isinstance(listed, dict):  # score.py also reads a plain list of article ids: every type coded in each
        gold = {**gold, "articles": {a: {} for a in listed}}
    arts = {a: m for a, m in gold["articles"].items() if (coded_types(gold, a) or {kind}) >= {kind}}
    return {"articles": arts, "events": [e for e in gold["events"] if e["article"] in arts]}


def _type_set(types: str) -> set[str]:
    return set(TYPES) if types == "all" else set(types.split(","))


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    chk = sub.add_parser("check", help="check coded batches")
    chk.add_argument("files", nargs="+", type=Path)
    chk.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    chk.add_argument("--texts", type=Path, action="append", default=[],
                     help="a JSON Lines file of more articles (id, text), e.g. made-up ones; repeatable")
    asm = sub.add_parser("assemble", help="batches -> split gold files")
    asm.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    args = ap.parse_args()
    if args.command == "check":
        texts = load_corpora(args.corpora)
        for extra in args.texts:
            with extra.open(encoding="utf-8") as fh:
                texts.update((row["id"], row) for row in (json.loads(line) for line in fh if line.strip()))
        bad = 0
        for path in args.files:
            problems = check_batch(json.loads(path.read_text(encoding="utf-8")), texts)
            for p in problems:
                print(f"{path}: {p}")
            bad += len(problems)
        print(f"{bad} problem(s)")
        sys.exit(1 if bad else 0)
    counts = assemble(sorted((GOLD_DIR / "batches").glob("*.json")), GOLD_DIR)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
