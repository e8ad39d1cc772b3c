"""CONSULT extraction through the public API: triggers, participants, status, mode, merging, issues."""

from __future__ import annotations

from datetime import date

import pytest
from nlp_helpers import article, events, extract, names, pipeline
from spacy.language import Language

from etl.nlp import PIPELINE_VERSION, model_version
from etl.transform import transform


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The pipeline, built once per test session (nlp_helpers caches it for the other modules too)."""
    return pipeline()


def test_pipeline_metadata(nlp: Language) -> None:
    assert model_version(nlp).startswith("en_core_web_sm")
    assert PIPELINE_VERSION
    assert "eventdb_consult_extractor" in nlp.pipe_names


def test_coordinated_subjects_phone_call() -> None:
    [ev] = events("U.S. President Joe Biden and Chinese leader Xi Jinping spoke by telephone on Tuesday.")
    assert ev.type == "CONSULT"
    assert ev.mode == "phone"
    assert ev.status == "occurred"
    assert names(ev) == {"Joe Biden", "Xi Jinping"}
    by_name = {p.actor.name: p for p in ev.participants}
    assert by_name["Joe Biden"].title == "U.S. President"
    assert by_name["Joe Biden"].actor.country_code == "USA"
    assert by_name["Xi Jinping"].actor.country_code == "CHN"
    assert by_name["Xi Jinping"].title == "Chinese leader"


def test_mention_offsets_are_article_offsets() -> None:
    text = "Headline Without Punctuation\n\nPresident Joe Biden met Chinese President Xi Jinping in Bangkok."
    [ev] = events(text)
    [m] = ev.mentions
    assert text[m.char_start:m.char_end] == m.sentence
    assert m.sentence.startswith("President Joe Biden met")
    for p in ev.participants:
        assert text[p.char_start:p.char_end] in (p.actor.name, p.actor.name.split()[-1])


def test_negated_and_hypothetical_meetings_are_not_events() -> None:
    assert events("Russian President Vladimir Putin refused to meet Ukrainian President Volodymyr Zelensky.") == []
    assert events("Russian President Vladimir Putin did not meet Ukrainian President Volodymyr Zelensky.") == []
    assert events("Russian President Vladimir Putin could meet Ukrainian President Volodymyr Zelensky.") == []
    assert events("The UN called for talks between Russian President Vladimir Putin and Ukrainian President "
                  "Volodymyr Zelensky.") == []


def test_planned_status() -> None:
    for sentence in (
        "Russian President Vladimir Putin will meet Turkish President Recep Tayyip Erdogan in Sochi.",
        "Russian President Vladimir Putin is expected to meet Turkish President Recep Tayyip Erdogan in Sochi.",
        "Russian President Vladimir Putin is to visit Ankara next month.",
    ):
        [ev] = events(sentence)
        assert ev.status == "planned", sentence


def test_statements_are_not_events() -> None:
    assert events("Russian President Vladimir Putin said on Tuesday that the war would go on.") == []
    assert events("Speaking to the Guardian, Foreign Secretary Jeremy Hunt described the plan as crazy.") == []


def test_hyphenated_pair() -> None:
    [ev] = events("President Joe Biden and Chinese President Xi Jinping have little in common. "
                  "The Biden-Xi call lasted two hours on Tuesday.")
    assert ev.mode == "phone"
    assert names(ev) == {"Joe Biden", "Xi Jinping"}


def test_country_pair() -> None:
    [ev] = events("A second round of U.S.-China talks on artificial intelligence is being planned.")
    assert {(p.actor.kind, p.actor.country_code) for p in ev.participants} == {("COUNTRY", "USA"),
                                                                               ("COUNTRY", "CHN")}
    assert ev.status == "planned"
    assert "artificial_intelligence" in ev.issues


def test_actor_resolution_surname_and_full_name() -> None:
    evs = events("U.S. President Joe Biden spoke with Chinese President Xi Jinping by phone on Tuesday. "
                 "Biden and Xi last met in person in California in November.")
    assert len(evs) == 2
    for ev in evs:
        assert names(ev) == {"Joe Biden", "Xi Jinping"}
    assert {ev.mode for ev in evs} == {"phone", "meeting"}


def test_possessive_visit_and_counterpart() -> None:
    [ev] = events("National Security Advisor Jake Sullivan met with his counterpart Chinese Foreign Minister "
                  "Wang Yi in Bangkok in late January.")
    by_name = {p.actor.name: p for p in ev.participants}
    assert set(by_name) == {"Jake Sullivan", "Wang Yi"}
    assert by_name["Wang Yi"].title == "Chinese Foreign Minister"
    assert by_name["Jake Sullivan"].title == "National Security Advisor"


def test_plural_anaphora() -> None:
    evs = events("National Security Advisor Jake Sullivan and Chinese Foreign Minister Wang Yi have a long history. "
                 "They met in Vienna in May 2023.")
    [ev] = evs
    assert names(ev) == {"Jake Sullivan", "Wang Yi"}


def test_repeated_mentions_merge_into_one_event() -> None:
    text = ("President Joe Biden and Chinese President Xi Jinping spoke by telephone on Tuesday.\n\n"
            "The call comes as tensions rise over tariffs.\n\n"
            "President Joe Biden and Chinese President Xi Jinping spoke by telephone on Tuesday.")
    [ev] = events(text)
    assert len(ev.mentions) == 3
    assert "trade_tariffs" in ev.issues


def test_article_issue_counts() -> None:
    ex = extract("Fentanyl and tariffs were on the agenda. Tariffs dominate the trade war.")
    assert ex.issues["fentanyl"] == 1
    assert ex.issues["trade_tariffs"] >= 2


def test_transform_is_lazy_and_ordered(nlp: Language) -> None:
    arts = [article(f"President Joe Biden met Chinese President Xi Jinping in Bangkok. Item {i}.", ident=str(i))
            for i in range(5)]
    gen = transform(nlp, iter(arts), batch_size=2)
    first_article, _ = next(gen)
    assert first_article.external_id == "0"
    assert [a.external_id for a, _ in gen] == ["1", "2", "3", "4"]


def test_transform_with_two_processes_matches_one(nlp: Language) -> None:
    arts = [article(f"President Joe Biden met Chinese President Xi Jinping in Bangkok on Tuesday. Item {i}.",
                    published=date(2024, 4, 2), ident=str(i)) for i in range(6)]
    one = list(transform(nlp, arts, batch_size=2, n_process=1))
    two = list(transform(nlp, arts, batch_size=2, n_process=2))
    assert [a.external_id for a, _ in two] == [a.external_id for a, _ in one]
    assert [x for _, x in two] == [x for _, x in one]


def test_no_publication_date_and_empty_text() -> None:
    assert extract("", published=None).events == []
    [ev] = events("President Joe Biden met Chinese President Xi Jinping in Bangkok on Tuesday.", published=None)
    assert ev.date is None
