"""Person names by culture: family name first ("Xi Jinping", "Kim Jong-un", "Moon Jae-in", "Nguyen Phu Trong",
"Hun Sen") or last; a bare surname joins a stored person only when countries, or a politician's offices, agree."""

from __future__ import annotations

import json
from datetime import date

import pytest
from test_actor_folding import people, person
from test_consolidation import meeting, rows, store

from etl.names import family_name, short_names
from etl.records import ActorRef

TRUMP = ActorRef("Donald Trump", "PERSON", "USA", ["Trump"])
PUTIN = ActorRef("Vladimir Putin", "PERSON", "RUS", ["Putin"])
UN = ActorRef("UN", "ORG", None, ["UN", "United Nations"])


@pytest.mark.parametrize(("name", "country", "family", "alone"), [
    ("Kim Jong-un", "PRK", "kim", ["kim"]),
    ("Kim Jong-un", None, "kim", ["kim"]),  # a hyphenated given name says so without the country
    ("Xi Jinping", "CHN", "xi", ["xi"]),
    ("Xi Jinping", None, "xi", ["xi"]),
    ("Moon Jae-in", "KOR", "moon", ["moon"]),
    ("Nguyen Phu Trong", "VNM", "nguyen", ["nguyen", "trong"]),  # a Vietnamese is called by the given name
    ("Nguyen Phu Trong", None, "nguyen", ["nguyen", "trong"]),
    ("Hun Sen", "KHM", "hun", ["hun"]),
    ("Lee Hsien Loong", "SGP", "lee", ["lee"]),
    ("Carrie Lam", "HKG", "lam", ["lam"]),  # a Western given name first: the family name is last
    ("Kim Darroch", "GBR", "darroch", ["darroch"]),
    ("Kim Darroch", None, "darroch", ["darroch"]),
    ("Marine Le Pen", "FRA", "pen", ["pen"]),
    ("Recep Tayyip Erdoğan", "TUR", "erdogan", ["erdogan"]),
    ("Amartya Sen", "IND", "sen", ["sen"]),
])
def test_the_family_name_is_where_the_culture_puts_it(name: str, country: str | None, family: str,
                                                      alone: list[str]) -> None:
    assert family_name(name, country) == family
    assert short_names(name, country) == alone


def report(cli, url: str, name: str, **params: str) -> list[dict]:
    args = [arg for key, value in params.items() for arg in ("--param", f"{key}={value}")]
    result = cli("report", "run", name, *args, "--format", "json", "--db", url)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_kim_jong_un_is_found_as_kim_and_never_as_the_un(cli, db_url: str) -> None:
    store(db_url, "k", meeting(person("Kim Jong-un", "PRK"), TRUMP, start=date(2018, 6, 12)))
    store(db_url, "u", meeting(UN, PUTIN, start=date(2018, 9, 1)))
    as_un = report(cli, db_url, "officials-met", actor="UN")
    assert {(m["actor"], m["counterpart"]) for m in as_un} <= {("UN", "Vladimir Putin"), ("Vladimir Putin", "UN")}
    assert len(as_un) == 1
    as_kim = report(cli, db_url, "officials-met", actor="Kim")
    assert {m["actor"] for m in as_kim} | {m["counterpart"] for m in as_kim} == {"Kim Jong-un", "Donald Trump"}
    assert "un" not in {alias for (alias,) in rows(db_url, "SELECT alias FROM actor_aliases")}


def test_family_name_first_people_join_their_short_names_and_stay_apart_from_namesakes(db_url: str) -> None:
    day = iter(date(2019, 1, d) for d in range(1, 31))
    store(db_url, "a1", meeting(person("Kim Jong-un", "PRK"), TRUMP, start=next(day)))
    store(db_url, "a2", meeting(person("Kim Yo-jong", "PRK"), PUTIN, start=next(day)))
    store(db_url, "a3", meeting(person("Moon Jae-in", "KOR"), TRUMP, start=next(day)))
    store(db_url, "a4", meeting(person("Moon", "KOR"), PUTIN, start=next(day)))
    store(db_url, "a5", meeting(person("Xi Jinping", "CHN"), TRUMP, start=next(day)))
    store(db_url, "a6", meeting(person("Xi", "CHN"), PUTIN, start=next(day)))
    store(db_url, "a7", meeting(person("Nguyen Phu Trong", "VNM"), TRUMP, start=next(day)))
    store(db_url, "a8", meeting(person("Nguyen Xuan Phuc", "VNM"), PUTIN, start=next(day)))
    store(db_url, "a9", meeting(person("Trong", "VNM"), PUTIN, start=next(day)))
    store(db_url, "b1", meeting(person("Hun Sen", "KHM"), TRUMP, start=next(day)))
    store(db_url, "b2", meeting(person("Amartya Sen", "IND"), PUTIN, start=next(day)))
    store(db_url, "b3", meeting(person("Hun", "KHM"), PUTIN, start=next(day)))
    store(db_url, "b4", meeting(person("Sen", "IND"), TRUMP, start=next(day)))
    # Written without the hyphen and without a country, by another article: the same person.
    store(db_url, "b5", meeting(person("Kim Jong Un"), PUTIN, start=next(day)))
    assert set(people(db_url)) == {"Kim Jong-un", "Kim Yo-jong", "Moon Jae-in", "Xi Jinping", "Nguyen Phu Trong",
                                   "Nguyen Xuan Phuc", "Hun Sen", "Amartya Sen", "Donald Trump", "Vladimir Putin"}
    meetings = dict(rows(db_url, "SELECT CAST(date_start AS TEXT), actor_a || '/' || actor_b FROM v_meetings"))
    assert "Moon Jae-in" in meetings["2019-01-04"] and "Xi Jinping" in meetings["2019-01-06"]
    assert "Nguyen Phu Trong" in meetings["2019-01-09"] and "Hun Sen" in meetings["2019-01-12"]
    assert "Amartya Sen" in meetings["2019-01-13"] and "Kim Jong-un" in meetings["2019-01-14"]


def test_a_bare_kim_shared_by_two_stored_kims_links_to_neither(db_url: str) -> None:
    store(db_url, "a1", meeting(person("Kim Jong-un", "PRK"), TRUMP, start=date(2019, 1, 1)))
    store(db_url, "a2", meeting(person("Kim Yo-jong", "PRK"), PUTIN, start=date(2019, 1, 2)))
    store(db_url, "a3", meeting(person("Kim", "PRK"), PUTIN, start=date(2019, 1, 3)))
    assert "Kim" in people(db_url)


BORIS = ActorRef("Boris Johnson", "PERSON", "GBR", ["Johnson"])
LAVROV = ActorRef("Sergei Lavrov", "PERSON", "RUS", ["Lavrov"])
ERDOGAN = ActorRef("Recep Tayyip Erdoğan", "PERSON", "TUR", ["Erdoğan"])


def test_senator_johnson_is_not_boris_johnson(db_url: str) -> None:
    store(db_url, "uk", meeting(BORIS, LAVROV, start=date(2018, 4, 1), titles=("foreign secretary", None)))
    # An article about Turkey: a US senator, his country not resolved; a US ambassador, his country given.
    store(db_url, "tr", meeting(person("Johnson"), ERDOGAN, start=date(2018, 4, 5), titles=("Senator", None)))
    store(db_url, "us", meeting(person("Johnson", "USA"), ERDOGAN, start=date(2018, 4, 6),
                                titles=("US ambassador", None)))
    boris = rows(db_url, "SELECT CAST(date_start AS TEXT) FROM v_meetings WHERE 'Boris Johnson' IN (actor_a, actor_b)")
    assert boris == [("2018-04-01",)]
    # The same office, in another article without the country: the foreign secretary is Boris Johnson.
    store(db_url, "uk2", meeting(person("Johnson"), LAVROV, start=date(2018, 4, 9),
                                 titles=("Foreign Secretary", None)))
    assert rows(db_url, "SELECT COUNT(*) FROM v_meetings WHERE 'Boris Johnson' IN (actor_a, actor_b)") == [(2,)]


def test_a_bare_senator_johnson_stored_first_does_not_become_boris_johnson(db_url: str) -> None:
    store(db_url, "tr", meeting(person("Johnson"), ERDOGAN, start=date(2018, 4, 5), titles=("Senator", None)))
    store(db_url, "uk", meeting(BORIS, LAVROV, start=date(2018, 4, 1), titles=("foreign secretary", None)))
    assert {"Johnson", "Boris Johnson"} <= set(people(db_url))
    assert rows(db_url, "SELECT COUNT(*) FROM v_meetings WHERE 'Boris Johnson' IN (actor_a, actor_b)") == [(1,)]


def test_transliterations_of_one_name_are_one_person(db_url: str) -> None:
    store(db_url, "a1", meeting(person("Sergei Lavrov", "RUS"), TRUMP, start=date(2022, 1, 1)))
    store(db_url, "a2", meeting(person("Sergey Lavrov", "RUS"), PUTIN, start=date(2022, 1, 2)))
    store(db_url, "a3", meeting(person("Volodymyr Zelensky", "UKR"), TRUMP, start=date(2022, 1, 3)))
    store(db_url, "a4", meeting(person("Volodymyr Zelenskyy", "UKR"), PUTIN, start=date(2022, 1, 4)))
    store(db_url, "a5", meeting(person("Zelenskiy", "UKR"), PUTIN, start=date(2022, 1, 5)))
    # Names a letter apart are not transliterations: two people.
    store(db_url, "a6", meeting(person("Jake Sullivan", "USA"), PUTIN, start=date(2022, 1, 6)))
    store(db_url, "a7", meeting(person("Jane Sullivan", "USA"), TRUMP, start=date(2022, 1, 7)))
    assert set(people(db_url)) == {"Sergei Lavrov", "Volodymyr Zelensky", "Jake Sullivan", "Jane Sullivan",
                                   "Donald Trump", "Vladimir Putin"}
