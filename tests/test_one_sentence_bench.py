"""The one-sentence benchmark's gold (`bench/one_sentence.py`): scored as a one-sentence gold standard would code
each sentence, only what the sentence itself tells counts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import PROJECT

sys.path.insert(0, str(PROJECT / "bench"))

from one_sentence import sentence_gold  # noqa: E402  (a benchmark script, beside the others)

MET = "Macron met Scholz in Berlin on Tuesday."
ACCUSED = "He then accused them of lying."
GOLD = {
    "articles": {"a1": {}},
    "events": [
        {"id": "e1", "article": "a1", "type": "CONSULT", "evidence": MET,
         "participants": [{"names": ["Emmanuel Macron", "Macron"]}, {"names": ["Olaf Scholz", "Scholz"]}]},
        {"id": "e2", "article": "a1", "type": "ACCUSE", "evidence": ACCUSED,
         "participants": [{"names": ["France", "French"]}, {"names": ["Russia", "Moscow"]}]},
    ],
}


def _corpora(tmp_path: Path) -> Path:
    (tmp_path / "articles.jsonl").write_text(json.dumps(
        {"id": "a1", "text": f"{MET} {ACCUSED}", "published_at": "2024-05-02"}) + "\n", encoding="utf-8")
    return tmp_path


def _by_sentence(gold: dict, articles: list[dict]) -> dict[str, list[tuple[str, bool]]]:
    text = {a["id"]: a["text"] for a in articles}
    out: dict[str, list[tuple[str, bool]]] = {}
    for event in gold["events"]:
        out.setdefault(text[event["article"]], []).append((event["type"], bool(event.get("optional"))))
    return out


def test_every_evidence_sentence_is_a_document_scored_for_its_events(tmp_path: Path) -> None:
    gold, articles = sentence_gold(GOLD, _corpora(tmp_path), full_stop=False)
    assert [a["published_at"] for a in articles] == ["2024-05-02", "2024-05-02"]
    assert _by_sentence(gold, articles) == {MET: [("CONSULT", False)], ACCUSED: [("ACCUSE", False)]}


def test_told_in_sentence_counts_only_what_the_sentence_names(tmp_path: Path) -> None:
    gold, articles = sentence_gold(GOLD, _corpora(tmp_path), full_stop=False, told_only=True)
    # "He ... them" names neither side: no one-sentence gold could code it; each event may be told again elsewhere
    assert _by_sentence(gold, articles) == {MET: [("CONSULT", False), ("ACCUSE", True)],
                                            ACCUSED: [("ACCUSE", True), ("CONSULT", True)]}
