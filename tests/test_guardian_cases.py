"""The Guardian articles of issue 13, loaded in one run: what the articles tell as one exchange is one event (an
undated report of a call and the dated one, a planned summit and the report that it happened), two exchanges stay
two, and no pair joins two members of one side. The properties are checked whatever events the extractor finds.

tests/data/guardian_cases.jsonl: 15 articles of ../shared/corpora/guardian_dev.jsonl, kept here so the suite runs
without ../shared.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from test_consolidation import rows

from etl.names import folded_words

CASES = Path(__file__).resolve().parent / "data" / "guardian_cases.jsonl"
REMOTE = ("phone", "video")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loaded(request: pytest.FixtureRequest, cli, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('guardian') / 'cases.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_cluster").create_database("eventdb_guardian_cases")
    result = cli("load", str(CASES), "--db", url)
    assert result.exit_code == 0, result.output
    return url


def exchanges(url: str, people: set[str], articles: set[str], remote: bool) -> dict[int, dict]:
    """The events reported by one of these articles whose participants include these people (by surname), of the
    remote (phone, video) or in-person mode class: id -> status, planned_at, articles."""
    found: dict[int, dict] = defaultdict(lambda: {"names": set(), "articles": set()})
    for event_id, mode, status, planned_at, name, article in rows(url, """
            SELECT e.id, e.mode, e.status, CAST(e.planned_at AS TEXT), a.canonical_name, ar.external_id
              FROM events e JOIN event_participants p ON p.event_id = e.id JOIN actors a ON a.id = p.actor_id
              JOIN event_mentions m ON m.event_id = e.id JOIN articles ar ON ar.id = m.article_id
             WHERE e.type = 'CONSULT'"""):
        if (mode in REMOTE) != remote:
            continue
        entry = found[event_id]
        entry.update(status=status, planned_at=planned_at)
        entry["names"] |= set(folded_words(name))
        entry["articles"].add(article)
    return {event_id: e for event_id, e in found.items() if people <= e["names"] and e["articles"] & articles}


def told_once(url: str, people: set[str], articles: set[str], remote: bool = True) -> tuple[int, dict]:
    """The one event these articles tell of these people, with its id; fails when they are split into several, or
    absent."""
    found = exchanges(url, people, articles, remote)
    assert len(found) == 1, f"{sorted(people)} in {sorted(articles)}: {found}"
    return next(iter(found.items()))


def guardian(*ids: str) -> set[str]:
    return {f"guardian-{i}" for i in ids}


def test_an_undated_report_of_a_call_is_the_dated_call(loaded: str) -> None:
    # The Trump-Erdoğan call of 14 December 2018: dated in some articles, "a conversation" in another.
    _, call = told_once(loaded, {"trump", "erdogan"}, guardian("c8c18b6853", "696cd9b316", "e528b00c1a",
                                                              "fab71d073b"))
    assert call["articles"] >= guardian("e528b00c1a", "c8c18b6853")
    # Their call of 24 January 2018: "called Erdoğan on Wednesday", and the next day "a phone call".
    told_once(loaded, {"trump", "erdogan"}, guardian("19a24b41d1", "364ce24310"))


def test_two_calls_in_the_last_48_hours_are_the_calls_of_the_day_before(loaded: str) -> None:
    # 12 April: "He has already spoken to Trump and is planning to talk to Putin"; 13 April: "separate phone calls
    # with both Donald Trump and Vladimir Putin in the last 48 hours".
    april = guardian("6bd7e0e597", "20262c13eb")
    with_trump, _ = told_once(loaded, {"trump", "erdogan"}, april)
    with_putin, _ = told_once(loaded, {"putin", "erdogan"}, april)
    # The calls of 4 and 9 April are others.
    earlier = exchanges(loaded, {"trump", "erdogan"}, guardian("edc6b01c1c"), remote=True) | exchanges(
        loaded, {"putin", "erdogan"}, guardian("46d666e1a8"), remote=True)
    assert earlier and not set(earlier) & {with_trump, with_putin}


def test_a_planned_summit_and_the_report_that_it_happened_are_one_event(loaded: str) -> None:
    # Sochi, 14 February 2019: "are due to meet in Sochi on Thursday" (12 Feb), "met in Sochi last week" (17 Feb).
    _, summit = told_once(loaded, {"putin", "erdogan", "rouhani"}, guardian("c814acf1ae", "06b9790425"),
                          remote=False)
    assert summit["articles"] == guardian("c814acf1ae", "06b9790425")
    assert (summit["status"], summit["planned_at"]) == ("occurred", "2019-02-12")


def test_no_pair_joins_two_members_of_one_side(loaded: str) -> None:
    meetings = rows(loaded, """
        SELECT v.actor_a, v.role_a, v.actor_b, v.role_b, v.article_ids,
               (SELECT COUNT(*) FROM event_participants o WHERE o.event_id = v.event_id
                   AND o.role IN ('source', 'target') AND o.role <> v.role_a) AS other_side
          FROM v_meetings v""")
    assert meetings
    assert not [m for m in meetings if m[1] == m[3] and m[1] in ("source", "target") and m[5]]
    pairs = {frozenset((a, b)): articles for a, _, b, _, articles, _ in meetings}
    # "In a joint telephone call to the Kremlin, Angela Merkel and Emmanuel Macron urged Putin": one side.
    assert frozenset(("Angela Merkel", "Emmanuel Macron")) not in pairs
    # "Talabani ... met Nixon and Kissinger": one side.
    assert frozenset(("Henry Kissinger", "Richard Nixon")) not in pairs
    # "The US president would speak later with Macron and May": no Macron-May call from that article (the one
    # article that tells of their own call is 20262c13eb).
    macron_may = pairs.get(frozenset(("Emmanuel Macron", "Theresa May")))
    assert macron_may is None or "guardian-20262c13eb" in macron_may
