"""views for ad hoc SQL and reports: v_event_sources, v_event_participants, v_meetings

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

from db.views import View, view_sql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The views as this revision created them (frozen: db/views.py holds the current definitions).
V_EVENT_SOURCES = View(
    "v_event_sources",
    "Per event: how many mentions, articles and distinct sources report it, when, and which.",
    (
        ("event_id", "The event."),
        ("mention_count", "Sentences that report it."),
        ("article_count", "Distinct articles that report it."),
        ("source_count", "Distinct publishers that report it."),
        ("first_reported", "Earliest publication date among those articles."),
        ("last_reported", "Latest publication date among those articles."),
        ("article_ids", "External ids of those articles, '; ' separated."),
        ("sources", "Names of those publishers, '; ' separated."),
    ),
    """
SELECT e.id AS event_id,
       (SELECT COUNT(*) FROM event_mentions m WHERE m.event_id = e.id) AS mention_count,
       (SELECT COUNT(DISTINCT m.article_id) FROM event_mentions m WHERE m.event_id = e.id) AS article_count,
       (SELECT COUNT(DISTINCT a.source_id) FROM event_mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.event_id = e.id) AS source_count,
       (SELECT MIN(a.published_at) FROM event_mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.event_id = e.id) AS first_reported,
       (SELECT MAX(a.published_at) FROM event_mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.event_id = e.id) AS last_reported,
       (SELECT LIST_AGG(x.external_id, '; ') FROM (
           SELECT DISTINCT a.external_id FROM event_mentions m JOIN articles a ON a.id = m.article_id
            WHERE m.event_id = e.id ORDER BY a.external_id) x) AS article_ids,
       (SELECT LIST_AGG(x.name, '; ') FROM (
           SELECT DISTINCT s.name FROM event_mentions m JOIN articles a ON a.id = m.article_id
             JOIN sources s ON s.id = a.source_id
            WHERE m.event_id = e.id ORDER BY s.name) x) AS sources
  FROM events e
""",
)

V_EVENT_PARTICIPANTS = View(
    "v_event_participants",
    "One row per participant of each event, with the event's type, date and place.",
    (
        ("event_id", "The event."),
        ("type", "Event type (CONSULT)."),
        ("mode", "phone | video | visit | host | meeting | multilateral | third-party."),
        ("status", "occurred | planned."),
        ("date_start", "First possible day."),
        ("date_end", "Last possible day."),
        ("date_precision", "day | week | month | year."),
        ("location", "Place name."),
        ("location_country_code", "ISO alpha-3 country of the place."),
        ("actor_id", "The participant."),
        ("actor", "Participant's canonical name."),
        ("actor_kind", "PERSON | ORG | COUNTRY | GROUP."),
        ("actor_country_code", "ISO alpha-3 country of the participant."),
        ("role", "source | target | participant."),
        ("title", "Participant's title at the time."),
    ),
    """
SELECT e.id AS event_id, e.type, e.mode, e.status, e.date_start, e.date_end, e.date_precision,
       l.name AS location, l.country_code AS location_country_code,
       ac.id AS actor_id, ac.canonical_name AS actor, ac.kind AS actor_kind, ac.country_code AS actor_country_code,
       p.role, p.title
  FROM events e
  JOIN event_participants p ON p.event_id = e.id
  JOIN actors ac ON ac.id = p.actor_id
  LEFT JOIN locations l ON l.id = e.location_id
""",
)

V_MEETINGS = View(
    "v_meetings",
    "One row per pair of participants of each CONSULT event: who met whom, where, when, how, and the sources.",
    (
        ("event_id", "The event."),
        ("mode", "phone | video | visit | host | meeting | multilateral | third-party."),
        ("status", "occurred | planned."),
        ("date_start", "First possible day."),
        ("date_end", "Last possible day."),
        ("date_precision", "day | week | month | year."),
        ("location", "Place name."),
        ("location_country_code", "ISO alpha-3 country of the place."),
        ("actor_a_id", "First participant (lower actor id)."),
        ("actor_a", "First participant's name."),
        ("title_a", "First participant's title at the time."),
        ("country_a", "First participant's country."),
        ("actor_b_id", "Second participant."),
        ("actor_b", "Second participant's name."),
        ("title_b", "Second participant's title at the time."),
        ("country_b", "Second participant's country."),
        ("article_count", "Distinct articles reporting the event."),
        ("article_ids", "External ids of those articles, '; ' separated."),
        ("sources", "Publishers of those articles, '; ' separated."),
    ),
    """
SELECT e.id AS event_id, e.mode, e.status, e.date_start, e.date_end, e.date_precision,
       l.name AS location, l.country_code AS location_country_code,
       a1.id AS actor_a_id, a1.canonical_name AS actor_a, p1.title AS title_a, a1.country_code AS country_a,
       a2.id AS actor_b_id, a2.canonical_name AS actor_b, p2.title AS title_b, a2.country_code AS country_b,
       src.article_count, src.article_ids, src.sources
  FROM events e
  JOIN event_participants p1 ON p1.event_id = e.id
  JOIN event_participants p2 ON p2.event_id = e.id AND p2.actor_id > p1.actor_id
  JOIN actors a1 ON a1.id = p1.actor_id
  JOIN actors a2 ON a2.id = p2.actor_id
  LEFT JOIN locations l ON l.id = e.location_id
  JOIN v_event_sources src ON src.event_id = e.id
 WHERE e.type = 'CONSULT'
""",
)

VIEWS = (V_EVENT_SOURCES, V_EVENT_PARTICIPANTS, V_MEETINGS)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for view in VIEWS:
        op.execute(f"CREATE VIEW {view.name} AS {view_sql(view, dialect)}")


def downgrade() -> None:
    for view in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {view.name}")
