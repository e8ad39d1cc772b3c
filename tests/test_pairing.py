"""Who met whom: an actor and a counterpart, never two members of one side, in v_meetings, actor_pairs and every
report that pairs actors; each row carries the sentence that reports it and its article's title and URL."""

from __future__ import annotations

import json
from datetime import date

from test_consolidation import rows, store

from etl.records import ActorRef, DateRef, ExtractedEvent, MentionRef, ParticipantRef


def person(name: str, country: str) -> ActorRef:
    return ActorRef(name, "PERSON", country, [name.split()[-1]])


XI, SCHWARZMAN, AMON = person("Xi Jinping", "CHN"), person("Stephen Schwarzman", "USA"), person("Cristiano Amon", "USA")
TRUMP, MACRON, MAY = person("Donald Trump", "USA"), person("Emmanuel Macron", "FRA"), person("Theresa May", "GBR")
MERKEL, PUTIN = person("Angela Merkel", "DEU"), person("Vladimir Putin", "RUS")
MADURO, GUAIDO = person("Nicolás Maduro", "VEN"), person("Juan Guaidó", "VEN")
NORWAY, BARBADOS = ActorRef("Norway", "COUNTRY", "NOR", []), ActorRef("Barbados", "COUNTRY", "BRB", [])


def event(sentence: str, day: date, mode: str, *roles: tuple[ActorRef, str], status: str = "occurred"
          ) -> ExtractedEvent:
    return ExtractedEvent(type="CONSULT", mode=mode, status=status,
                          participants=[ParticipantRef(actor, role) for actor, role in roles],
                          mentions=[MentionRef(sentence, 0, len(sentence), "met")],
                          date=DateRef(day, day, "day", "then"))


def load_examples(url: str) -> None:
    store(url, "xi", event("Xi held a meeting with American business leaders including Schwarzman and Amon.",
                           date(2024, 3, 27), "meeting", (XI, "source"), (SCHWARZMAN, "target"), (AMON, "target")),
          published=date(2024, 4, 1), title="Xi meets US executives", article_url="https://example.com/xi")
    store(url, "calls", event("The US president would speak later with Macron and May.", date(2018, 4, 12),
                              "phone", (TRUMP, "source"), (MACRON, "target"), (MAY, "target"), status="planned"),
          event("In a joint call, Merkel and Macron urged Putin to ensure the ceasefire.", date(2018, 2, 25),
                "phone", (MERKEL, "source"), (MACRON, "source"), (PUTIN, "target")),
          event("Macron and Merkel discussed Syria.", date(2018, 2, 26), "meeting",
                (MACRON, "source"), (MERKEL, "source")),
          published=date(2018, 4, 12), title="Syria live", article_url="https://example.com/syria")
    store(url, "oslo", event("Norway and Barbados brokered talks between Maduro and Guaidó's envoys.",
                             date(2019, 7, 8), "third-party", (MADURO, "source"), (GUAIDO, "target"),
                             (NORWAY, "mediator"), (BARBADOS, "mediator")),
          published=date(2019, 7, 9), title="Venezuela talks", article_url="https://example.com/ven")


def pairs(url: str, sql: str = "SELECT actor_a, actor_b FROM v_meetings") -> set[frozenset[str]]:
    return {frozenset(pair) for pair in rows(url, sql)}


def run_report(cli, url: str, name: str, **params: str) -> list[dict]:
    args = [arg for key, value in params.items() for arg in ("--param", f"{key}={value}")]
    result = cli("report", "run", name, *args, "--format", "json", "--db", url)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


EXPECTED = {frozenset(p) for p in [
    ("Xi Jinping", "Stephen Schwarzman"), ("Xi Jinping", "Cristiano Amon"),
    ("Donald Trump", "Emmanuel Macron"), ("Donald Trump", "Theresa May"),
    ("Angela Merkel", "Vladimir Putin"), ("Emmanuel Macron", "Vladimir Putin"),
    ("Emmanuel Macron", "Angela Merkel"),  # they discussed Syria with each other, the next day
    ("Nicolás Maduro", "Norway"), ("Nicolás Maduro", "Barbados"), ("Juan Guaidó", "Norway"),
    ("Juan Guaidó", "Barbados")]}


def test_pairs_are_counterparts_never_one_side(db_url: str) -> None:
    load_examples(db_url)
    assert pairs(db_url) == EXPECTED
    assert pairs(db_url, "SELECT a.canonical_name, b.canonical_name FROM actor_pairs p JOIN actors a "
                         "ON a.id = p.actor_a_id JOIN actors b ON b.id = p.actor_b_id") == EXPECTED
    # Macron and Merkel met once (the day after they called Putin together).
    assert rows(db_url, "SELECT p.events FROM actor_pairs p JOIN actors a ON a.id = p.actor_a_id JOIN actors b "
                        "ON b.id = p.actor_b_id WHERE a.canonical_name IN ('Emmanuel Macron', 'Angela Merkel') "
                        "AND b.canonical_name IN ('Emmanuel Macron', 'Angela Merkel')") == [(1,)]


def test_reports_pair_counterparts_only(cli, db_url: str) -> None:
    load_examples(db_url)
    assert {r["counterpart"] for r in run_report(cli, db_url, "counterparts", actor="Stephen Schwarzman")} == {
        "Xi Jinping"}
    assert {r["counterpart"]: r["events"] for r in run_report(cli, db_url, "counterparts", actor="Macron")} == {
        "Donald Trump": 1, "Vladimir Putin": 1, "Angela Merkel": 1}
    met = run_report(cli, db_url, "officials-met", actor="Amon")
    assert [(r["actor"], r["counterpart"]) for r in met] in ([("Xi Jinping", "Cristiano Amon")],
                                                            [("Cristiano Amon", "Xi Jinping")])
    everyone = run_report(cli, db_url, "officials-met")
    assert {frozenset((r["actor"], r["counterpart"])) for r in everyone} == EXPECTED
    timeline = run_report(cli, db_url, "actor-timeline", actor="Norway")
    assert [r["counterparts"] for r in timeline] == ["Juan Guaidó; Nicolás Maduro"]
    for params in ({}, {"date_from": "2000-01-01"}):  # the summary, and the base tables
        network = run_report(cli, db_url, "actor-network", **params)
        assert {frozenset((r["actor_a"], r["actor_b"])) for r in network} == EXPECTED


def test_each_pair_carries_the_sentence_and_its_article(cli, db_url: str) -> None:
    load_examples(db_url)
    [(sentence, title, url)] = set(rows(db_url, "SELECT sentence, article_title, article_url FROM v_meetings "
                                                "WHERE 'Xi Jinping' IN (actor_a, actor_b)"))
    assert (sentence, title, url) == ("Xi held a meeting with American business leaders including Schwarzman and "
                                      "Amon.", "Xi meets US executives", "https://example.com/xi")
    for name, params in (("officials-met", {"actor": "Maduro"}), ("actor-timeline", {"actor": "Maduro"}),
                         ("upcoming", {"date_from": "2000-01-01"})):
        [row, *_] = run_report(cli, db_url, name, **params)
        assert row["sentence"] and row["article_title"] and row["article_url"].startswith("https://"), name
