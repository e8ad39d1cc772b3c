"""`eventdb evaluate`: load a gold file's articles, export and score them with the shared scorer in one step."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SCORER, SEEDS_GOLD, Cli


def test_the_seeds_score_in_one_step(cli: Cli) -> None:
    result = cli("evaluate", str(SEEDS_GOLD), "--scorer", str(SCORER), "--types", "CONSULT")
    assert result.exit_code == 0, result.output
    assert "2 articles" in result.output
    assert "CONSULT    events P=1.00 R=1.00 F1=1.00" in result.output


def test_a_gold_listing_its_articles_as_ids_scores_the_articles_given(cli: Cli, tmp_path: Path) -> None:
    """score.py also reads `articles` as a plain list of ids; the articles come from INPUT."""
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "a1", "published_at": "2024-06-04", "text": (
        "President Joe Biden met Chinese President Xi Jinping in Bangkok on Tuesday. Markets rose.")}) + "\n",
        encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"articles": ["a1"], "events": [{
        "id": "g1", "article": "a1", "type": "CONSULT", "mode": "meeting", "status": "occurred",
        "participants": [{"names": ["Joe Biden"]}, {"names": ["Xi Jinping"]}], "location": ["Bangkok"],
        "date": {"start": "2024-06-04", "end": "2024-06-04"}}]}), encoding="utf-8")
    result = cli("evaluate", str(gold), str(articles), "--scorer", str(SCORER), "--types", "CONSULT", "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)["CONSULT"]
    assert (figures["events"]["tp"], figures["events"]["fp"], figures["events"]["fn"]) == (1, 0, 0)
    assert figures["location_accuracy"] == 1.0 and figures["date_accuracy"] == 1.0


def test_a_missing_gold_file_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    result = cli("evaluate", str(tmp_path / "nowhere.json"), "--scorer", str(SCORER))
    assert result.exit_code != 0
    assert "gold file not found" in result.output
