"""The actors an article names: persons, organizations, countries, and readings of their titles."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Actor:
    name: str
    kind: str  # PERSON | ORG | COUNTRY | GROUP
    country_code: str | None = None
    aliases: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)
    # what the article calls the person without naming an office: an evaluation ("dictator") or a bare generic
    # head it could not complete ("spokesman"); never exported as a title, read for "the two leaders"
    descriptions: list[str] = field(default_factory=list)
    office: bool = False  # named beside an office word somewhere in the article ("a former chief executive, X")
    sector: str | None = None  # a GROUP of a state's people: military, police, rebels, civilians, legislature, ...
    # the state the actor dictionary (political_persons.toml) says a leader leads, where the article gives none: not
    # stored or exported (the dictionary knows no dates), read only to tell two mentions of one exchange
    known_country: str | None = None


@dataclass
class TitleReading:
    """One reading of the words around a person's name as their title."""

    text: str
    office: bool  # its head is an office or rank ("minister", "General"), not a kinship or a trade ("son", "pupil")
    country: str | None  # the state the office belongs to ("Turkish president", "adviser to Iran's supreme leader")
    owner: int | None = None  # token of a person whose country this one shares ("Trump's national security
    # adviser", "Hunt's predecessor"; not "Trump's counterpart")
    public: bool = False  # its head is an office, a relation to an office-holder ("counterpart") or an evaluation
    # of one ("dictator"): its nationality is the person's country even where a mere description's is not
    description: bool = False  # an evaluation or a bare generic head ("dictator", "spokesman"), kept aside


@dataclass
class Mention:
    """One reference to an actor in the text."""

    actor: Actor
    start: int | None  # char offsets in the doc; None for an actor the text implies (a visit's host country)
    end: int | None
    title: str | None = None
