"""One actor per person across articles, whatever the spelling: diacritics, case, hyphens, fuller or shorter names."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

from test_consolidation import meeting, new_run_id, rows, store

from db.session import open_database, session_factory
from etl.canonical_actors import folded_words
from etl.load import ArticleStore, content_hash
from etl.records import ActorRef, ArticleExtraction, ArticleRecord, ExtractedEvent, Origin

ERDOGAN = ActorRef("Recep Tayyip Erdoğan", "PERSON", "TUR", ["Erdoğan"])
PUTIN = ActorRef("Vladimir Putin", "PERSON", "RUS", ["Putin"])
MACRON = ActorRef("Emmanuel Macron", "PERSON", "FRA", ["Macron"])


def person(name: str, country: str | None = None, *aliases: str) -> ActorRef:
    return ActorRef(name, "PERSON", country, list(aliases))


def people(url: str) -> dict[str, str | None]:
    """Canonical name -> country of every stored person."""
    return dict(rows(url, "SELECT canonical_name, country_code FROM actors WHERE kind = 'PERSON'"))


def aliases(url: str, name: str) -> set[str]:
    return {alias for (alias,) in rows(url, "SELECT al.alias FROM actor_aliases al JOIN actors a ON a.id = al.actor_id "
                                            f"WHERE a.canonical_name = '{name}'")}


def test_folded_words_ignore_diacritics_case_and_punctuation() -> None:
    assert folded_words("Recep Tayyip Erdoğan") == folded_words("RECEP TAYYIP ERDOGĂN") \
        == ["recep", "tayyip", "erdogan"]
    assert folded_words("Bashar al-Assad") == folded_words("Bashar al Assad") == ["bashar", "al", "assad"]
    assert folded_words("Şükrü Çavuşoğlu") == ["sukru", "cavusoglu"]
    assert folded_words("Lars Løkke Rasmussen") == folded_words("Lars Lokke Rasmussen")
    assert folded_words("Conor O’Brien") == folded_words("Conor O'Brien") == ["conor", "obrien"]


def test_spellings_that_differ_only_in_diacritics_case_or_hyphens_are_one_person(db_url: str) -> None:
    store(db_url, "a1", meeting(ERDOGAN, PUTIN, start=date(2019, 1, 2)))
    store(db_url, "a2", meeting(person("Recep Tayyip Erdogăn", "TUR"), MACRON, start=date(2019, 2, 2)))
    store(db_url, "a3", meeting(person("Bashar al-Assad", "SYR"), PUTIN, start=date(2019, 3, 3)))
    store(db_url, "a4", meeting(person("Bashar Al Assad", "SYR"), MACRON, start=date(2019, 4, 4)))
    assert people(db_url) == {"Recep Tayyip Erdoğan": "TUR", "Vladimir Putin": "RUS", "Emmanuel Macron": "FRA",
                              "Bashar al-Assad": "SYR"}
    assert {"Recep Tayyip Erdoğan", "Recep Tayyip Erdogăn"} <= aliases(db_url, "Recep Tayyip Erdoğan")
    assert "Bashar Al Assad" in aliases(db_url, "Bashar al-Assad")
    # A bare surname in yet another spelling finds the person too.
    store(db_url, "a5", meeting(person("Erdogan", "TUR"), MACRON, start=date(2019, 5, 5)))
    assert "Erdogan" not in people(db_url)
    assert rows(db_url, "SELECT COUNT(*) FROM v_meetings WHERE 'Recep Tayyip Erdoğan' IN (actor_a, actor_b)") == [(3,)]


def test_a_shorter_form_of_a_stored_name_joins_it(db_url: str) -> None:
    store(db_url, "a1", meeting(ERDOGAN, PUTIN, start=date(2019, 1, 2)))
    store(db_url, "a2", meeting(person("Tayyip Erdogan", "TUR"), MACRON, start=date(2019, 2, 2)))
    store(db_url, "a3", meeting(person("Tayyip Erdoğan", None), PUTIN, start=date(2019, 3, 3)))
    assert people(db_url) == {"Recep Tayyip Erdoğan": "TUR", "Vladimir Putin": "RUS", "Emmanuel Macron": "FRA"}
    assert {"Tayyip Erdogan", "Tayyip Erdoğan"} <= aliases(db_url, "Recep Tayyip Erdoğan")


def test_a_fuller_form_of_a_stored_name_joins_it_and_becomes_its_name(db_url: str) -> None:
    store(db_url, "a1", meeting(person("Tayyip Erdogan", "TUR"), PUTIN, start=date(2019, 1, 2)))
    store(db_url, "a2", meeting(ERDOGAN, MACRON, start=date(2019, 2, 2)))
    # The same people as when the full name came first: the order of the articles does not matter.
    assert people(db_url) == {"Recep Tayyip Erdoğan": "TUR", "Vladimir Putin": "RUS", "Emmanuel Macron": "FRA"}
    assert {"Tayyip Erdogan", "Recep Tayyip Erdoğan"} <= aliases(db_url, "Recep Tayyip Erdoğan")
    store(db_url, "a3", meeting(person("Tayyip Erdogan", "TUR"), MACRON, start=date(2019, 3, 3)))
    assert len(people(db_url)) == 3


def test_a_bare_surname_actor_takes_the_full_name_when_it_arrives(db_url: str) -> None:
    store(db_url, "a1", meeting(person("Rouhani"), PUTIN, start=date(2019, 1, 2)))
    assert "Rouhani" in people(db_url)  # no full name known yet
    store(db_url, "a2", meeting(person("Hassan Rouhani", "IRN", "Rouhani"), MACRON, start=date(2019, 2, 2)))
    assert people(db_url) == {"Hassan Rouhani": "IRN", "Vladimir Putin": "RUS", "Emmanuel Macron": "FRA"}
    assert {"Rouhani", "Hassan Rouhani"} <= aliases(db_url, "Hassan Rouhani")
    [(first_meeting,)] = rows(db_url, "SELECT actor_a || '/' || actor_b FROM v_meetings "
                                      "WHERE date_start = '2019-01-02'")
    assert "Hassan Rouhani" in first_meeting
    store(db_url, "a3", meeting(person("Rouhani"), MACRON, start=date(2019, 3, 3)))
    assert len(people(db_url)) == 3


def test_a_first_word_surname_actor_takes_the_full_name_the_article_gives_it(db_url: str) -> None:
    store(db_url, "a1", meeting(person("Xi"), PUTIN, start=date(2019, 1, 2)))
    store(db_url, "a2", meeting(person("Xi Jinping", "CHN", "Xi"), MACRON, start=date(2019, 2, 2)))
    assert people(db_url) == {"Xi Jinping": "CHN", "Vladimir Putin": "RUS", "Emmanuel Macron": "FRA"}


def test_same_surname_different_people_stay_apart(db_url: str) -> None:
    store(db_url, "a1", meeting(person("Wang Yi", "CHN", "Wang"), PUTIN, start=date(2019, 1, 2)))
    store(db_url, "a2", meeting(person("Wang Wenbin", "CHN", "Wang"), MACRON, start=date(2019, 2, 2)))
    store(db_url, "a3", meeting(person("Wáng"), PUTIN, start=date(2019, 3, 3)))
    assert {"Wang Yi", "Wang Wenbin", "Wáng"} <= set(people(db_url))
    # "bin Zayed" is a shorter form of two stored names: it joins neither.
    store(db_url, "b1", meeting(person("Mohammed bin Zayed", "ARE"), PUTIN, start=date(2019, 4, 4)))
    store(db_url, "b2", meeting(person("Abdullah bin Zayed", "ARE"), MACRON, start=date(2019, 5, 5)))
    store(db_url, "b3", meeting(person("bin Zayed", "ARE"), PUTIN, start=date(2019, 6, 6)))
    assert {"Mohammed bin Zayed", "Abdullah bin Zayed", "bin Zayed"} <= set(people(db_url))


def test_different_countries_keep_names_apart(db_url: str) -> None:
    store(db_url, "a1", meeting(person("Ahmed Ali Khan", "PAK"), PUTIN, start=date(2019, 1, 2)))
    store(db_url, "a2", meeting(person("Ali Khan", "IND"), MACRON, start=date(2019, 2, 2)))
    store(db_url, "a3", meeting(person("Bhutto", "PAK"), MACRON, start=date(2019, 3, 3)))
    store(db_url, "a4", meeting(person("Benazir Bhutto", "IND"), PUTIN, start=date(2019, 4, 4)))
    assert {"Ahmed Ali Khan": "PAK", "Ali Khan": "IND", "Bhutto": "PAK", "Benazir Bhutto": "IND"}.items() \
        <= people(db_url).items()


def test_a_bare_surname_shared_by_several_people_keeps_its_own_actor(db_url: str) -> None:
    store(db_url, "a1", meeting(person("Hassan Rouhani", "IRN"), PUTIN, start=date(2019, 1, 2)))
    store(db_url, "a2", meeting(person("Maryam Rouhani", "IRN"), MACRON, start=date(2019, 2, 2)))
    store(db_url, "a3", meeting(person("Rouhani", "IRN"), PUTIN, start=date(2019, 3, 3)))
    assert "Rouhani" in people(db_url)  # which of the two it meant is unknown
    # A third full name: the bare actor is not only this person's, so it keeps its name.
    store(db_url, "a4", meeting(person("Ali Rouhani", "IRN"), MACRON, start=date(2019, 4, 4)))
    assert {"Hassan Rouhani", "Maryam Rouhani", "Rouhani", "Ali Rouhani"} <= set(people(db_url))


def test_curation_rules_win_over_name_folding(cli, db_url: str) -> None:
    store(db_url, "a1", meeting(person("Rouhani"), PUTIN, start=date(2019, 1, 2)))
    store(db_url, "a2", meeting(person("Ruhani"), MACRON, start=date(2019, 2, 2)))
    assert cli("actors", "merge", "Rouhani", "Ruhani", "--db", db_url).exit_code == 0
    # The analyst named "Rouhani": the full name, arriving later, is left as an actor of its own.
    store(db_url, "a3", meeting(person("Hassan Rouhani", "IRN"), PUTIN, start=date(2019, 3, 3)))
    assert {"Rouhani", "Hassan Rouhani"} <= set(people(db_url))
    assert "Ruhani" not in people(db_url)
    # A name an analyst merged into someone goes there, not where folding would send it.
    store(db_url, "b1", meeting(person("Recep Erdogan", "TUR"), MACRON, start=date(2019, 4, 4)))
    assert cli("actors", "merge", "Vladimir Putin", "Recep Erdogan", "--db", db_url).exit_code == 0
    store(db_url, "b2", meeting(ERDOGAN, MACRON, start=date(2019, 5, 5)))
    store(db_url, "b3", meeting(person("Recep Erdogan", "TUR"), MACRON, start=date(2019, 6, 6)))
    assert "Recep Erdogan" in aliases(db_url, "Vladimir Putin")
    assert "Recep Erdogan" not in aliases(db_url, "Recep Tayyip Erdoğan")
    assert rows(db_url, "SELECT COUNT(*) FROM v_meetings WHERE 'Vladimir Putin' IN (actor_a, actor_b) "
                        "AND 'Emmanuel Macron' IN (actor_a, actor_b)") == [(2,)]

def test_concurrent_loaders_storing_spellings_of_one_name_make_one_actor(db_url: str) -> None:
    store(db_url, "setup", meeting(PUTIN, MACRON, start=date(2019, 1, 1)))  # the schema, before the threads
    names = ["Recep Tayyip Erdoğan", "Tayyip Erdogan", "Recep Tayyip Erdogăn", "Erdoğan", "Hassan Rouhani", "Rouhani",
             "Tayyip Erdoğan", "Hassan Rouhani"]
    engine = open_database(db_url)
    sessions = session_factory(engine)
    run_id = new_run_id(sessions)
    start = threading.Barrier(len(names))
    failures: list[BaseException] = []

    def load(i: int, name: str) -> None:
        event: ExtractedEvent = meeting(person(name), PUTIN, start=date(2019, 2, 1 + i))
        record = ArticleRecord(f"c{i}", f"They met. ({i})", Origin(f"c{i}"), published_at=date(2019, 3, 1))
        try:
            with sessions() as session:
                loader = ArticleStore(session, etl_run_id=run_id, pipeline_version="test")
                start.wait()
                loader.store_with_retries(record, ArticleExtraction([event]), content_hash(record.text))
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)

    threads = [threading.Thread(target=load, args=(i, name)) for i, name in enumerate(names)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    assert not failures
    stored = set(people(db_url))
    assert len(stored) == 4 and {"Hassan Rouhani", "Vladimir Putin", "Emmanuel Macron"} <= stored
    # Of two spellings of one full name, the first stored stays canonical: here either may have come first.
    [erdogan] = stored & {"Recep Tayyip Erdoğan", "Recep Tayyip Erdogăn"}
    assert {"Recep Tayyip Erdoğan", "Recep Tayyip Erdogăn", "Tayyip Erdogan", "Erdoğan"} <= aliases(db_url, erdogan)


ARTICLES = [
    {"id": "t-1", "published_at": "2019-03-12",
     "text": "President Rouhani met the Iraqi prime minister in Baghdad on Monday.\n\n"
             "The two leaders discussed trade."},
    {"id": "t-2", "published_at": "2019-03-20",
     "text": "Iranian President Hassan Rouhani met Turkish President Recep Tayyip Erdoğan in Ankara on Tuesday.\n\n"
             "They discussed Syria."},
    {"id": "t-3", "published_at": "2019-04-02",
     "text": "Tayyip Erdogan met Russian President Vladimir Putin in Moscow on Monday.\n\nThey discussed Syria."},
]


def test_articles_loaded_with_the_cli_give_one_actor_per_person(cli, db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    assert cli("load", str(path), "--db", db_url).exit_code == 0
    stored = people(db_url)
    assert stored.get("Hassan Rouhani") == "IRN" and stored.get("Recep Tayyip Erdoğan") == "TUR"
    assert not {"Rouhani", "Tayyip Erdogan"} & set(stored)
    listed = json.loads(cli("actors", "list", "--name", "Rouhani", "--format", "json", "--db", db_url).stdout)
    assert [(a["name"], a["events"]) for a in listed] == [("Hassan Rouhani", 2)]
