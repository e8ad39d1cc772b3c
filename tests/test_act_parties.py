"""Who did what to whom in an act of the other PLOVER types, read from the syntax (the candidates the decision
weighs, whatever it decides). Sentences are written for the tests (none is taken from a corpus)."""

from __future__ import annotations

from nlp_helpers import candidates


def sides(text: str, kind: str) -> list[tuple[set[str], set[str]]]:
    """(actors, recipients) of each candidate of `kind`."""
    return [({p["name"] for p in c["participants"] if p["role"] == "source"},
             {p["name"] for p in c["participants"] if p["role"] == "target"}) for c in candidates(text, kind=kind)]


def test_the_nationality_of_an_act_noun_is_its_actor() -> None:
    assert ({"China"}, set()) in sides("The Chinese accusations came a day after the clash in the Galwan valley.",
                                       "ACCUSE")


def test_concern_about_a_states_doing_is_addressed_to_that_state() -> None:
    assert ({"Russia"}, {"Turkey"}) in sides(
        "The Russian foreign ministry expressed serious concern on Sunday about the Turkish offensive.", "ACCUSE")


def test_holding_or_finding_a_state_responsible_accuses_it() -> None:
    assert ({"United States"}, {"Russia"}) in sides(
        "Washington upped the pressure by holding Russia responsible for the gas attacks.", "ACCUSE")
    assert any("Russia" in recipients for _, recipients in sides(
        "A Dutch court found Russia guilty of downing the airliner.", "ACCUSE"))
    # talks held are no judgment
    assert not sides("The United States held talks with Russia in Geneva on Monday.", "ACCUSE")
