"""The normalized schema, as SQLAlchemy 2.0 typed ORM models.

Every table and column carries a one-line `comment`: `eventdb schema` prints them as the data dictionary,
and PostgreSQL stores them in its catalogue. The Alembic migrations in `migrations/` create exactly this
schema; `tests/test_schema.py` fails when the two drift apart.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, mapped_column, relationship

# Named constraints keep Alembic migrations stable across SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _count(comment: str) -> MappedColumn[int]:
    """A count kept by database triggers (migration 0008): 0 when the row is inserted, never written by eventdb."""
    return mapped_column(Integer, server_default=text("0"), comment=comment)


def _fk(target: str, *, comment: str, nullable: bool = False, ondelete: str = "CASCADE") -> MappedColumn[Any]:
    """A foreign key column that is always indexed (reports join and filter on every one of them)."""
    return mapped_column(ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True, comment=comment)


class Source(Base):
    __tablename__ = "sources"
    __table_args__ = {"comment": "Publishers the articles come from (Bloomberg, NBC News, Guardian, ...)."}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    name: Mapped[str] = mapped_column(String(200), unique=True, comment="Publisher name as given by the input.")

    articles: Mapped[list[Article]] = relationship(back_populates="source")


class EtlRun(Base):
    __tablename__ = "etl_runs"
    __table_args__ = {"comment": "One row per `eventdb load`: what it read, what it added, and how it ended."}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    started_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), comment="When the load started (UTC)."
    )
    finished_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When the load ended; NULL while running or if it was killed."
    )
    status: Mapped[str] = mapped_column(
        String(30), default="running",
        comment="running | succeeded | completed_with_rejects | failed | interrupted (killed, see completed_by).",
    )
    input: Mapped[str] = mapped_column(Text, comment="The paths the load was given, space separated.")
    pipeline_version: Mapped[str] = mapped_column(String(100), comment="Version of the extraction rules.")
    model_name: Mapped[str] = mapped_column(String(200), comment="spaCy model name and version used.")
    articles_read: Mapped[int] = mapped_column(Integer, default=0, comment="Records read from the input.")
    articles_loaded: Mapped[int] = mapped_column(Integer, default=0, comment="New articles stored.")
    articles_skipped: Mapped[int] = mapped_column(
        Integer, default=0, comment="Articles skipped because the same content was already loaded."
    )
    articles_rejected: Mapped[int] = mapped_column(Integer, default=0, comment="Records rejected as unreadable.")
    events_added: Mapped[int] = mapped_column(Integer, default=0, comment="New events stored.")
    actors_added: Mapped[int] = mapped_column(Integer, default=0, comment="New actors stored.")
    locations_added: Mapped[int] = mapped_column(Integer, default=0, comment="New locations stored.")
    error: Mapped[str | None] = mapped_column(Text, comment="Why the load failed, when it did.")
    hostname: Mapped[str | None] = mapped_column(String(200), comment="Machine the load ran on.")
    pid: Mapped[int | None] = mapped_column(Integer, comment="Process id of the load on that machine.")
    heartbeat_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="Last time the load reported progress; a stale one was killed."
    )
    completed_by_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("etl_runs.id", ondelete="SET NULL"), index=True,
        comment="For an interrupted load: the later load of the same input that finished its work.",
    )
    last_article_id: Mapped[int | None] = mapped_column(
        Integer, comment="For a reprocess: the last article (in id order) whose events were rebuilt, committed with "
                         "them; an interrupted reprocess resumes after it.",
    )


class Reject(Base):
    __tablename__ = "rejects"
    __table_args__ = {"comment": "Input records a load could not use, with the reason, so they can be fixed."}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    etl_run_id: Mapped[int] = _fk("etl_runs.id", comment="The load that rejected the record.")
    source_file: Mapped[str] = mapped_column(Text, comment="File the record came from (`-` for stdin).")
    line: Mapped[int | None] = mapped_column(Integer, comment="1-based line (or CSV row line) of the record.")
    reason: Mapped[str] = mapped_column(Text, comment="Why it was rejected.")
    excerpt: Mapped[str] = mapped_column(Text, default="", comment="The first characters of the record.")


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = (
        # Per publisher, by date, with the mentions of events not rejected: source-coverage counts articles,
        # dates, articles with events and mentions without reading the articles' text (migration 0008).
        Index("ix_articles_source_coverage", "source_id", "published_at", "live_mention_count"),
        # Articles with no mention at all (data-quality), an index range.
        Index("ix_articles_mention_count", "mention_count"),
        {"comment": "News articles, one row per distinct text (content hash)."},
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    external_id: Mapped[str] = mapped_column(
        String(300), index=True, comment="The input's id (file name without extension for .txt files)."
    )
    title: Mapped[str | None] = mapped_column(Text, comment="Headline.")
    url: Mapped[str | None] = mapped_column(Text, comment="Where the article was published.")
    published_at: Mapped[date | None] = mapped_column(
        Date, index=True, comment="Publication date; relative dates in the text are resolved against it."
    )
    text: Mapped[str] = mapped_column(Text, comment="Full text; event mention offsets point into it.")
    content_hash: Mapped[str] = mapped_column(
        String(64), unique=True, comment="SHA-256 of the text: loading the same text twice adds nothing."
    )
    source_id: Mapped[int | None] = _fk(
        "sources.id", comment="Publisher.", nullable=True, ondelete="SET NULL"
    )
    etl_run_id: Mapped[int | None] = _fk(
        "etl_runs.id", comment="The load that stored the article.", nullable=True, ondelete="SET NULL"
    )
    # Counts kept current by database triggers (migration 0008). Never written by eventdb itself.
    mention_count: Mapped[int] = _count("Number of event_mentions rows of the article (trigger-maintained).")
    live_mention_count: Mapped[int] = _count("Of those, mentions of events not rejected (trigger-maintained).")

    source: Mapped[Source | None] = relationship(back_populates="articles")


class Actor(Base):
    __tablename__ = "actors"
    __table_args__ = (
        UniqueConstraint("canonical_name", "kind"),
        {"comment": "People, organizations, countries and groups that take part in events."},
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    canonical_name: Mapped[str] = mapped_column(
        String(300), index=True, comment="Full name without titles (Joe Biden, Xi Jinping, China)."
    )
    kind: Mapped[str] = mapped_column(String(20), index=True, comment="PERSON | ORG | COUNTRY | GROUP.")
    country_code: Mapped[str | None] = mapped_column(
        String(3), index=True, comment="ISO 3166-1 alpha-3 country the actor belongs to, when known."
    )
    sector: Mapped[str | None] = mapped_column(
        String(20), index=True,
        comment="For a GROUP of a state's unnamed people, its sector as event data codes it: military, police, "
                "rebels, civilians, legislature, judiciary, business, opposition, media, ngo (Russia (military)).",
    )

    aliases: Mapped[list[ActorAlias]] = relationship(back_populates="actor", cascade="all, delete-orphan")


class ActorRole(Base):
    __tablename__ = "actor_roles"
    __table_args__ = (
        UniqueConstraint("actor_id", "title"),
        {"comment": "Titles and offices an actor held, as the articles give them, with when they were seen."},
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    actor_id: Mapped[int] = _fk("actors.id", comment="The actor.")
    title: Mapped[str] = mapped_column(String(300), comment="Title or office (National Security Advisor).")
    organization: Mapped[str | None] = mapped_column(
        String(300), comment="Organization the title belongs to, when the text names it."
    )
    country_code: Mapped[str | None] = mapped_column(String(3), comment="Country the title is held for.")
    first_seen: Mapped[date | None] = mapped_column(Date, comment="Earliest publication date of an article using it.")
    last_seen: Mapped[date | None] = mapped_column(Date, comment="Latest publication date of an article using it.")
    article_id: Mapped[int | None] = _fk(
        "articles.id", comment="First article that gave the actor this title.", nullable=True, ondelete="SET NULL"
    )


class ActorAlias(Base):
    __tablename__ = "actor_aliases"
    __table_args__ = (
        UniqueConstraint("actor_id", "alias"),
        {"comment": "Other names an actor is called by in the articles (Biden, Xi, Damascus)."},
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    actor_id: Mapped[int] = _fk("actors.id", comment="The actor.")
    alias: Mapped[str] = mapped_column(String(300), index=True, comment="The name as written in an article.")
    first_article_id: Mapped[int | None] = _fk(
        "articles.id", comment="First article that used this alias.", nullable=True, ondelete="SET NULL"
    )

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class CountryName(Base):
    __tablename__ = "country_names"
    __table_args__ = ({"comment": "Names of countries and the ISO code they stand for, so a query can take "
                                  "'United States', 'Russia' or 'USA' (the gazetteer's and ISO 3166's names)."},)

    name: Mapped[str] = mapped_column(String(100), primary_key=True,
                                      comment="A name of the country, lower case ('united states', 'russia').")
    code: Mapped[str] = mapped_column(String(3), index=True, comment="ISO 3166-1 alpha-3 code.")


class Location(Base):
    __tablename__ = "locations"
    __table_args__ = (
        UniqueConstraint("name", "country_code", "kind"),
        {"comment": "Places where events happen, resolved with an offline gazetteer."},
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    name: Mapped[str] = mapped_column(String(300), index=True, comment="Canonical gazetteer name (Bangkok).")
    country_code: Mapped[str | None] = mapped_column(
        String(3), index=True, comment="ISO 3166-1 alpha-3 code of the country the place is in."
    )
    lat: Mapped[float | None] = mapped_column(Float, comment="Latitude (WGS84).")
    lon: Mapped[float | None] = mapped_column(Float, comment="Longitude (WGS84).")
    kind: Mapped[str] = mapped_column(String(20), comment="city | admin1 | country | region | site.")
    geonames_id: Mapped[int | None] = mapped_column(Integer, comment="GeoNames id, when the gazetteer has one.")


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_type_date_start", "type", "date_start"),
        # Covering indexes for the reports (migration 0006): each holds every column its reports filter or
        # group on, so SQLite answers from the index alone, in the order the report groups or sorts by.
        Index("ix_events_date_cover", "date_start", "type", "mode", "status", "rejected", "date_end"),
        Index("ix_events_location_cover", "location_id", "type", "rejected", "status", "date_start", "date_end"),
        Index("ix_events_status_date", "status", "date_start", "date_end", "rejected"),
        # Events with fewer than two participants, or without a mention (data-quality), as index ranges.
        Index("ix_events_participant_count", "participant_count", "rejected"),
        Index("ix_events_mention_count", "mention_count", "rejected"),
        {"comment": "Real-world events of the PLOVER types (meetings, agreements, sanctions, attacks, ...) "
                    "extracted from the articles."},
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    type: Mapped[str] = mapped_column(
        String(30),
        comment="PLOVER event type: one of the 16 of etl/lexicons/plover_ontology.toml (CONSULT, SANCTION, ...).")
    mode: Mapped[str | None] = mapped_column(
        String(20), index=True,
        comment="How: one of the modes of the type in the ontology (CONSULT: phone | video | visit | host | "
                "meeting | multilateral | third-party).")
    quad_class: Mapped[str | None] = mapped_column(
        String(30), comment="PLOVER quad class of the type: verbal cooperation | material cooperation | verbal "
                            "conflict | material conflict. Set from the ontology whenever the event is stored.")
    plover_score: Mapped[float | None] = mapped_column(
        Float, comment="Conflict-cooperation score of the type and mode in the PLOVER codebook, -10 (most hostile) "
                       "to +10 (most cooperative), like the Goldstein scale of GDELT. Set from the ontology with "
                       "quad_class.")
    status: Mapped[str] = mapped_column(String(20), index=True, comment="occurred | planned.")
    date_start: Mapped[date | None] = mapped_column(Date, index=True, comment="First day the event may have been on.")
    date_end: Mapped[date | None] = mapped_column(Date, comment="Last day the event may have been on.")
    date_precision: Mapped[str | None] = mapped_column(
        String(10), comment="day | week | month | year | reported (the day of the report: the text gives no time).")
    date_text: Mapped[str | None] = mapped_column(Text, comment="The words the date was resolved from.")
    location_id: Mapped[int | None] = _fk(
        "locations.id", comment="Where it took place.", nullable=True, ondelete="SET NULL"
    )
    location_text: Mapped[str | None] = mapped_column(Text, comment="The words the place was resolved from.")
    confidence: Mapped[float] = mapped_column(
        Float, default=0.5, comment="0 to 1: how sure we are; grows with independent sources."
    )
    date_article_id: Mapped[int | None] = _fk(
        "articles.id", comment="Article the (most precise) date came from.", nullable=True, ondelete="SET NULL"
    )
    location_article_id: Mapped[int | None] = _fk(
        "articles.id", comment="Article the (most precise) place came from.", nullable=True, ondelete="SET NULL"
    )
    rejected: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false(), index=True,
        comment="Hidden by an analyst (eventdb events reject); reports and exports leave it out.",
    )
    planned_at: Mapped[date | None] = mapped_column(
        Date, comment="Earliest publication date of a report that told the event as planned (its mentions with "
                      "status planned); NULL if none did.")
    etl_run_id: Mapped[int | None] = _fk(
        "etl_runs.id", comment="The load that created the event.", nullable=True, ondelete="SET NULL"
    )
    # Counts kept current by database triggers (migration 0008). Never written by eventdb itself.
    participant_count: Mapped[int] = _count("Number of event_participants rows of the event (trigger-maintained).")
    mention_count: Mapped[int] = _count("Number of event_mentions rows of the event (trigger-maintained).")

    location: Mapped[Location | None] = relationship()
    participants: Mapped[list[EventParticipant]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )
    mentions: Mapped[list[EventMention]] = relationship(back_populates="event", cascade="all, delete-orphan")


class EventParticipant(Base):
    __tablename__ = "event_participants"
    __table_args__ = (
        UniqueConstraint("event_id", "actor_id"),
        # An actor's events without a table read: actor-filtered reports start here.
        Index("ix_event_participants_actor_event", "actor_id", "event_id"),
        # Participants per place in actor order, with the event's filters (meetings-by-location, migration 0007).
        Index("ix_event_participants_place_actor", "event_location_id", "actor_id", "event_type", "event_rejected",
              "event_status", "event_date_start", "event_date_end"),
        {"comment": "Who took part in an event, in what role and under what title at the time."},
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    event_id: Mapped[int] = _fk("events.id", comment="The event.")
    actor_id: Mapped[int] = _fk("actors.id", comment="The participant.", ondelete="RESTRICT")
    role: Mapped[str] = mapped_column(
        String(20), comment="source | target | participant | mediator: the side taken in the exchange (see Roles and "
                            "pairs).")
    title: Mapped[str | None] = mapped_column(Text, comment="Title or office at the time (National Security Advisor).")
    article_id: Mapped[int | None] = _fk(
        "articles.id", comment="Article the participant was read from.", nullable=True, ondelete="SET NULL"
    )
    char_start: Mapped[int | None] = mapped_column(Integer, comment="Offset of the name in that article's text.")
    char_end: Mapped[int | None] = mapped_column(Integer, comment="End offset of the name in that article's text.")
    # Copies of the event's columns, kept current by database triggers (migration 0007), so reports can filter
    # and group participants without reading events. Never written by eventdb itself.
    event_type: Mapped[str | None] = mapped_column(String(30), comment="Copy of events.type (trigger-maintained).")
    event_status: Mapped[str | None] = mapped_column(
        String(20), comment="Copy of events.status (trigger-maintained).")
    event_date_start: Mapped[date | None] = mapped_column(
        Date, comment="Copy of events.date_start (trigger-maintained).")
    event_date_end: Mapped[date | None] = mapped_column(Date, comment="Copy of events.date_end (trigger-maintained).")
    event_rejected: Mapped[bool | None] = mapped_column(
        Boolean, comment="Copy of events.rejected (trigger-maintained).")
    event_location_id: Mapped[int | None] = mapped_column(
        Integer, comment="Copy of events.location_id (trigger-maintained).")

    event: Mapped[Event] = relationship(back_populates="participants")
    actor: Mapped[Actor] = relationship()


class EventMention(Base):
    __tablename__ = "event_mentions"
    __table_args__ = (
        # Both directions between events and articles, covering, for the per-event source lists and per-source counts.
        Index("ix_event_mentions_event_article", "event_id", "article_id"),
        Index("ix_event_mentions_article_event", "article_id", "event_id"),
        # Per publisher, in event order, with the filters source-coverage applies (migration 0007).
        Index("ix_event_mentions_source_event", "article_source_id", "event_id", "event_rejected",
              "article_published_at", "article_id", "event_location_id"),
        {"comment": "Each sentence of each article that reports an event: the provenance of the event."},
    )

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    event_id: Mapped[int] = _fk("events.id", comment="The event reported.")
    article_id: Mapped[int] = _fk("articles.id", comment="The article that reports it.")
    sentence: Mapped[str] = mapped_column(Text, comment="The sentence, as in the article.")
    char_start: Mapped[int] = mapped_column(Integer, comment="Offset of the sentence in the article's text.")
    char_end: Mapped[int] = mapped_column(Integer, comment="End offset of the sentence in the article's text.")
    trigger: Mapped[str | None] = mapped_column(String(200), comment="The word that signalled the event.")
    status: Mapped[str | None] = mapped_column(
        String(20), comment="occurred | planned, as this report told it (a plan's mentions stay planned after it "
                            "happened).")
    confidence: Mapped[float | None] = mapped_column(Float, comment="How sure the extractor was of this report.")
    pipeline_version: Mapped[str] = mapped_column(String(100), comment="Extraction rules that found it.")
    etl_run_id: Mapped[int | None] = _fk(
        "etl_runs.id", comment="The load that found it.", nullable=True, ondelete="SET NULL"
    )
    # Copies kept current by database triggers (migration 0007), for per-publisher reports.
    article_source_id: Mapped[int | None] = mapped_column(
        Integer, comment="Copy of articles.source_id (trigger-maintained).")
    article_published_at: Mapped[date | None] = mapped_column(
        Date, comment="Copy of articles.published_at (trigger-maintained).")
    event_rejected: Mapped[bool | None] = mapped_column(
        Boolean, comment="Copy of events.rejected (trigger-maintained).")
    event_location_id: Mapped[int | None] = mapped_column(
        Integer, comment="Copy of events.location_id (trigger-maintained).")

    event: Mapped[Event] = relationship(back_populates="mentions")
    article: Mapped[Article] = relationship()


class CurationRule(Base):
    __tablename__ = "curation_rules"
    __table_args__ = {
        "comment": "Analyst corrections (merge, split, reject), kept as rules and applied to later loads."
    }

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    action: Mapped[str] = mapped_column(
        String(30), index=True, comment="actor_merge | actor_split | event_merge | event_reject."
    )
    subject: Mapped[str] = mapped_column(Text, comment="What the rule applies to: an actor name or an event key.")
    target: Mapped[str | None] = mapped_column(Text, comment="Where it goes: the actor or event key it joins.")
    note: Mapped[str | None] = mapped_column(Text, comment="Why, in the analyst's words.")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), comment="When the rule was made."
    )
    undone_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When the rule was undone; NULL while it applies."
    )


class ReportRun(Base):
    __tablename__ = "report_runs"
    __table_args__ = {"comment": "Each run of a scheduled report: when, how it ended, what it wrote."}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    entry: Mapped[str] = mapped_column(String(200), index=True, comment="Schedule entry name.")
    report: Mapped[str] = mapped_column(String(200), comment="Report name.")
    params: Mapped[str | None] = mapped_column(Text, comment="Parameters as run (JSON).")
    started_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), index=True, comment="When the run started."
    )
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), comment="When it ended.")
    status: Mapped[str] = mapped_column(String(20), comment="running | succeeded | failed.")
    rows: Mapped[int | None] = mapped_column(Integer, comment="Rows the report returned.")
    output_files: Mapped[str | None] = mapped_column(Text, comment="Files written (JSON list of paths).")
    error: Mapped[str | None] = mapped_column(Text, comment="Why it failed, when it did.")


class Issue(Base):
    __tablename__ = "issues"
    __table_args__ = {"comment": "Topics of international affairs (the taxonomy in etl/lexicons/issues.toml)."}

    id: Mapped[int] = mapped_column(primary_key=True, comment="Surrogate key.")
    code: Mapped[str] = mapped_column(String(100), unique=True, comment="Stable code (artificial_intelligence).")
    label: Mapped[str] = mapped_column(String(300), comment="Human-readable name.")
    parent_code: Mapped[str | None] = mapped_column(String(100), comment="Code of the broader topic, if any.")


class EventIssue(Base):
    __tablename__ = "event_issues"
    __table_args__ = (
        # The events of one issue, covering (issue-trends and issues-by-actor filtered by issue).
        Index("ix_event_issues_issue_event", "issue_id", "event_id"),
        # In (date, issue) order with the event's filters: issue-trends groups without a sort (migration 0007).
        Index("ix_event_issues_date_issue", "event_date_start", "issue_id", "event_rejected", "event_status",
              "event_date_end"),
        {"comment": "Issues discussed in an event."},
    )

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, comment="The event."
    )
    issue_id: Mapped[int] = mapped_column(
        ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True, index=True, comment="The issue."
    )
    # Copies of the event's columns, kept current by database triggers (migration 0007).
    event_status: Mapped[str | None] = mapped_column(
        String(20), comment="Copy of events.status (trigger-maintained).")
    event_date_start: Mapped[date | None] = mapped_column(
        Date, comment="Copy of events.date_start (trigger-maintained).")
    event_date_end: Mapped[date | None] = mapped_column(Date, comment="Copy of events.date_end (trigger-maintained).")
    event_rejected: Mapped[bool | None] = mapped_column(
        Boolean, comment="Copy of events.rejected (trigger-maintained).")


class ActorPair(Base):
    __tablename__ = "actor_pairs"
    __table_args__ = (
        # Most shared events first: actor-network's default ranking reads this index from the top.
        Index("ix_actor_pairs_events", "events", "actor_a_id", "actor_b_id"),
        {"comment": "Summary kept by database triggers (migrations 0007, 0010): per pair of actors who met (rows of "
                    "event_counterparts), the CONSULT events they met in, not rejected. Never written by eventdb "
                    "itself."},
    )

    actor_a_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True, comment="First actor (lower id).")
    actor_b_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True, index=True, comment="Second actor (higher id).")
    events: Mapped[int] = mapped_column(Integer, comment="Events in which the two met (as counterparts).")
    first_date: Mapped[date | None] = mapped_column(Date, comment="Earliest date_start of those events.")
    last_date: Mapped[date | None] = mapped_column(
        Date, comment="Latest COALESCE(date_end, date_start) of those events.")


class EventCounterpart(Base):
    __tablename__ = "event_counterparts"
    __table_args__ = (
        # An actor's counterparts, and a pair's events: reports start from one actor; actor_pairs' dates from a pair.
        Index("ix_event_counterparts_actor", "actor_id", "counterpart_id", "event_id"),
        {"comment": "Kept by database triggers (migration 0010): who met whom in each event, both ways round, by the "
                    "roles of its participants (see Roles and pairs): never two members of one side, nor two "
                    "mediators. v_meetings, actor_pairs and the reports pair actors from here. Never written by "
                    "eventdb itself.",
         "sqlite_with_rowid": False},
    )

    event_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, comment="The event (events.id).")
    actor_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, comment="One side (actors.id).")
    counterpart_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False,
                                                comment="Whom the actor met in the event (actors.id).")
    event_type: Mapped[str | None] = mapped_column(String(30), comment="Copy of events.type (trigger-maintained).")
    event_rejected: Mapped[bool | None] = mapped_column(
        Boolean, comment="Copy of events.rejected (trigger-maintained).")
    event_date_start: Mapped[date | None] = mapped_column(
        Date, comment="Copy of events.date_start (trigger-maintained).")
    event_date_end: Mapped[date | None] = mapped_column(Date, comment="Copy of events.date_end (trigger-maintained).")


# ---- summaries kept by database triggers (migration 0008); eventdb never writes them ----------------------
# The reference-count tables have no foreign keys: their rows go when their counts reach zero, and a foreign
# key would cost an index per referenced column to check deletes. On SQLite they are WITHOUT ROWID tables.


class PlaceMeetings(Base):
    __tablename__ = "place_meetings"
    __table_args__ = {"comment": "Summary kept by database triggers (migration 0008): per place, its meetings (CONSULT "
                                 "events not rejected) and their distinct participants. Never written by eventdb "
                                 "itself."}

    location_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False,
                                             comment="The place (locations.id).")
    meetings: Mapped[int] = mapped_column(Integer, comment="CONSULT events there, not rejected.")
    participants: Mapped[int] = mapped_column(
        Integer, comment="Distinct actors taking part in them (rows of place_participants).")
    first_date: Mapped[date | None] = mapped_column(Date, comment="Earliest date_start of those events.")
    last_date: Mapped[date | None] = mapped_column(
        Date, comment="Latest COALESCE(date_end, date_start) of those events.")


class PlaceParticipant(Base):
    __tablename__ = "place_participants"
    __table_args__ = {"comment": "Reference counts kept by database triggers (migration 0008): who took part in "
                                 "meetings where. Never written by eventdb itself.",
                      "sqlite_with_rowid": False}

    location_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False,
                                             comment="The place (locations.id).")
    actor_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, comment="The actor (actors.id).")
    events: Mapped[int] = mapped_column(
        Integer, comment="CONSULT events not rejected at the place in which the actor takes part.")


class SourceEvent(Base):
    __tablename__ = "source_events"
    __table_args__ = {"comment": "Reference counts kept by database triggers (migration 0008): which events each "
                                 "publisher reports. Never written by eventdb itself.",
                      "sqlite_with_rowid": False}

    source_key: Mapped[int] = mapped_column(primary_key=True, autoincrement=False,
                                            comment="The publisher (sources.id), -1 for articles without one.")
    event_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, comment="The event (events.id).")
    mentions: Mapped[int] = mapped_column(
        Integer, comment="Mentions of the event, not rejected, in the publisher's articles.")


class SourcePlace(Base):
    __tablename__ = "source_places"
    __table_args__ = {"comment": "Reference counts kept by database triggers (migration 0008): the places of the "
                                 "events each publisher reports. Never written by eventdb itself.",
                      "sqlite_with_rowid": False}

    source_key: Mapped[int] = mapped_column(primary_key=True, autoincrement=False,
                                            comment="The publisher (sources.id), -1 for articles without one.")
    location_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False,
                                             comment="The place (locations.id).")
    mentions: Mapped[int] = mapped_column(
        Integer, comment="Mentions, in the publisher's articles, of events not rejected at the place.")


class SourceTotals(Base):
    __tablename__ = "source_totals"
    __table_args__ = {"comment": "Summary kept by database triggers (migration 0008): per publisher, the events it "
                                 "reports. Never written by eventdb itself."}

    source_key: Mapped[int] = mapped_column(primary_key=True, autoincrement=False,
                                            comment="The publisher (sources.id), -1 for articles without one.")
    events: Mapped[int] = mapped_column(
        Integer, comment="Distinct events not rejected its articles mention (rows of source_events).")


class ArticleIssue(Base):
    __tablename__ = "article_issues"
    __table_args__ = {"comment": "Issues an article talks about, with how often."}

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, comment="The article."
    )
    issue_id: Mapped[int] = mapped_column(
        ForeignKey("issues.id", ondelete="CASCADE"), primary_key=True, index=True, comment="The issue."
    )
    matches: Mapped[int] = mapped_column(Integer, default=1, comment="How many times the article mentions it.")
