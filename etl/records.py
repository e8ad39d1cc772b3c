"""Plain data passed between the ETL stages: extract -> transform -> load.

These are the contract between the stages. They hold no database or spaCy objects, so they can be
pickled across worker processes and tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# The date of an exchange the text gives no time for: the day of its report (as GDELT and ICEWS date events), marked
# so that nobody takes it for a day the text told; consolidation reads it as no date of the event's own.
REPORTED = "reported"
REPORT_DATE_TEXT = "(date of the report)"


@dataclass(frozen=True)
class Origin:
    """Where a record came from: a file (or `-` for stdin) and a 1-based line, when it has one."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass
class ArticleRecord:
    """One article as read from the input, before any NLP."""

    external_id: str
    text: str
    origin: Origin
    title: str | None = None
    published_at: date | None = None
    source: str | None = None
    url: str | None = None


@dataclass
class RejectedRecord:
    """An input record that could not be read; the load goes on without it."""

    origin: Origin
    reason: str
    excerpt: str = ""


@dataclass
class ActorRef:
    """An actor as resolved within one article (canonical name, kind, country) with its surface forms."""

    name: str
    kind: str  # PERSON | ORG | COUNTRY | GROUP
    country_code: str | None = None  # ISO 3166-1 alpha-3
    aliases: list[str] = field(default_factory=list)
    sector: str | None = None  # a GROUP of a state's people: military, police, rebels, civilians, legislature, ...


@dataclass
class ParticipantRef:
    actor: ActorRef
    # source | target | participant | mediator: the side taken in the exchange; who is paired with whom follows from
    # it (db/pairing.py), so two members of one side are two sources (or two targets) of one event, and a broker a
    # mediator
    role: str = "participant"
    title: str | None = None  # the actor's title or role at the time, as the article gives it
    char_start: int | None = None  # offsets in the article text of the mention that named the participant
    char_end: int | None = None


@dataclass
class PlaceRef:
    name: str  # canonical gazetteer name
    country_code: str | None = None  # ISO 3166-1 alpha-3
    lat: float | None = None
    lon: float | None = None
    kind: str = "city"  # city | admin1 | country | region | site
    geonames_id: int | None = None
    text: str | None = None  # the words in the article


@dataclass
class DateRef:
    start: date
    end: date
    precision: str  # day | week | month | year
    text: str


@dataclass
class MentionRef:
    """Where an article reports an event: the sentence and its character offsets in the article text."""

    sentence: str
    char_start: int
    char_end: int
    trigger: str | None = None


@dataclass
class ExtractedEvent:
    type: str  # a PLOVER type of etl/lexicons/plover_ontology.toml; the load refuses any other
    mode: str | None  # one of that type's modes there, or None
    status: str  # occurred | planned
    participants: list[ParticipantRef]
    mentions: list[MentionRef]
    date: DateRef | None = None
    location: PlaceRef | None = None
    issues: list[str] = field(default_factory=list)  # issue codes from the taxonomy
    confidence: float = 0.5


@dataclass
class ExtractionFailed:
    """The NLP failed on one article (the error, in one line); the load rejects it and goes on."""

    reason: str


@dataclass
class ArticleExtraction:
    """Everything the transform stage found in one article."""

    events: list[ExtractedEvent]
    issues: dict[str, int] = field(default_factory=dict)  # issue code -> number of matches in the article
