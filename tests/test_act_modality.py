"""The modality of an act of the other PLOVER types: what CODING.md never codes (negated, hypothetical) is no
candidate; a habit word is the decision's to weigh for a statement ("has repeatedly warned"), while an exchange told
so stays a habit ("the two often talk")."""

from __future__ import annotations

from nlp_helpers import candidate_names, candidates

WARNED = "The United States has {} warned Iran against enriching uranium beyond 60 percent."


def acts(text: str) -> list[dict]:
    return [c for c in candidates(text, kind=None) if c["type"] != "CONSULT"]


def test_a_statement_told_as_repeated_is_a_candidate_with_its_parties() -> None:
    found = acts(WARNED.format("repeatedly"))
    assert found, "a repeated warning is weighed by the decision, not dropped"
    assert any({"United States", "Iran"} <= candidate_names(c) for c in found), found
    # the same candidates as without the habit word: the word only adds a feature
    assert {c["type"] for c in found} == {c["type"] for c in acts(WARNED.format("already"))}


def test_a_negated_or_hypothetical_statement_is_no_candidate() -> None:
    assert not acts("The United States has not warned Iran against enriching uranium beyond 60 percent.")
    assert not acts("The United States could warn Iran against enriching uranium beyond 60 percent.")


def test_an_exchange_told_as_a_habit_is_still_no_candidate() -> None:
    assert not candidates("The foreign ministers of India and Pakistan regularly meet in Geneva.")
    assert candidates("The foreign ministers of India and Pakistan met in Geneva on Monday.")


def test_a_month_is_no_act() -> None:
    # "March" the month, not a march; the protest word still counts outside a date
    assert not acts("The Chilean foreign minister, Alberto van Klaveren, on March 29 met his Bolivian counterpart.")
    assert any(c["type"] == "PROTEST" for c in acts("Thousands of Chilean students joined a march against the "
                                                    "government of Gabriel Boric in Santiago on Tuesday."))


def test_a_verb_read_with_its_preposition_not_with_a_day() -> None:
    """"called on Israel to halt" asks something; "called off on Monday" does not ("on" opens the day)."""
    assert any(c["type"] == "REQUEST" for c in acts("The US president called on Israel to halt the offensive."))
    assert not any(c["type"] == "REQUEST" for c in acts("The US president's visit to Japan was called off on "
                                                        "Monday."))


def test_an_act_the_sentence_calls_off_is_no_candidate() -> None:
    """"the strike was postponed": nothing was done."""
    assert not any(c["type"] == "PROTEST" for c in acts("The general strike called by Ghana's unions was "
                                                        "postponed on Monday."))
