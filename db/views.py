"""Views that make the common joins one-liners for ad hoc SQL and reports.

Each view's SQL is the same on SQLite and PostgreSQL except for string aggregation, written here as
`LIST_AGG(expr, sep)` and spelled `group_concat` or `string_agg` for the dialect (`view_sql`). These are the
current definitions; a migration that changes views drops the old ones and creates these, and the earlier
migrations keep frozen copies of what they created. Rejected events (analyst curation) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class View:
    name: str
    meaning: str
    columns: tuple[tuple[str, str], ...]
    sql: str


def view_sql(view: View, dialect: str) -> str:
    function = "string_agg" if dialect == "postgresql" else "group_concat"
    return view.sql.replace("LIST_AGG(", f"{function}(")


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
 WHERE NOT e.rejected
""",
)

V_EVENT_PARTICIPANTS = View(
    "v_event_participants",
    "One row per participant of each event, with the event's type, quad class, score, date and place, and the "
    "participant's side in PLOVER's terms.",
    (
        ("event_id", "The event."),
        ("type", "PLOVER event type (CONSULT, SANCTION, ...)."),
        ("mode", "How: one of the modes of the type (CONSULT: phone | video | visit | host | meeting | ...)."),
        ("quad_class", "verbal cooperation | material cooperation | verbal conflict | material conflict."),
        ("plover_score", "Conflict-cooperation score of the type and mode in the PLOVER codebook, -10 to +10."),
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
        ("role", "source | target | participant | mediator (see Roles and pairs)."),
        ("plover_role", "The side in PLOVER terms: actor (source, participant or mediator) | recipient (target)."),
        ("title", "Participant's title at the time."),
    ),
    """
SELECT e.id AS event_id, e.type, e.mode, e.quad_class, e.plover_score, e.status, e.date_start, e.date_end,
       e.date_precision, l.name AS location, l.country_code AS location_country_code,
       ac.id AS actor_id, ac.canonical_name AS actor, ac.kind AS actor_kind, ac.country_code AS actor_country_code,
       p.role, CASE WHEN p.role = 'target' THEN 'recipient' ELSE 'actor' END AS plover_role, p.title
  FROM events e
  JOIN event_participants p ON p.event_id = e.id
  JOIN actors ac ON ac.id = p.actor_id
  LEFT JOIN locations l ON l.id = e.location_id
 WHERE NOT e.rejected
""",
)

def _evidence_sql() -> str:
    """v_event_evidence: one table in FROM and a scalar subquery per column, so that a query joining it (LEFT JOIN
    included) computes it for its own rows only, and only the columns it reads: a view with a join in it would be
    computed for every event first. The reports read `mention_id` alone and join the mention and its article by key,
    so the choice is made once per row."""
    # The mention's copy of its article's date (trigger-maintained) spares a join; ties go by the sentence.
    order = ("ORDER BY m2.article_published_at IS NULL, m2.article_published_at DESC, m2.sentence, m2.char_start "
             "LIMIT 1")
    choice = (f"COALESCE((SELECT m2.id FROM event_mentions m2 WHERE m2.event_id = e.id AND m2.status = e.status "
              f"{order}), (SELECT m2.id FROM event_mentions m2 WHERE m2.event_id = e.id {order}))")
    columns = {"sentence": "m.sentence", "article_id": "a.external_id", "article_title": "a.title",
               "article_url": "a.url", "published_at": "a.published_at"}
    selected = ",\n       ".join(
        f"(SELECT {expr} FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE m.id = {choice}) AS {name}"
        for name, expr in columns.items())
    return f"\nSELECT e.id AS event_id,\n       {choice} AS mention_id,\n       {selected}\n  FROM events e\n" \
           " WHERE NOT e.rejected\n"


V_EVENT_EVIDENCE = View(
    "v_event_evidence",
    "Per event: the sentence that reports it and its article, to check the event by: the most recent report that "
    "gives the event's status (for a plan that happened, the latest account of it happening).",
    (
        ("event_id", "The event."),
        ("mention_id", "The mention (event_mentions.id) chosen: join it by key to read the rest once."),
        ("sentence", "The sentence, as in the article."),
        ("article_id", "External id of the article."),
        ("article_title", "Headline of the article."),
        ("article_url", "Where the article was published."),
        ("published_at", "When the article was published."),
    ),
    _evidence_sql(),
)

V_MEETINGS = View(
    "v_meetings",
    "One row per pair of counterparts of each CONSULT event (event_counterparts: never two members of one side, see "
    "Roles and pairs): who met whom, where, when, how, the sources, and the sentence that reports it.",
    (
        ("event_id", "The event."),
        ("mode", "phone | video | visit | host | meeting | multilateral | third-party."),
        ("status", "occurred | planned."),
        ("date_start", "First possible day."),
        ("date_end", "Last possible day."),
        ("date_precision", "day | week | month | year."),
        ("location", "Place name."),
        ("location_country_code", "ISO alpha-3 country of the place."),
        ("latitude", "Latitude of the place (WGS84), for maps."),
        ("longitude", "Longitude of the place (WGS84), for maps."),
        ("actor_a_id", "First participant (lower actor id)."),
        ("actor_a", "First participant's name."),
        ("role_a", "First participant's role: source | target | participant | mediator."),
        ("title_a", "First participant's title at the time."),
        ("country_a", "First participant's country."),
        ("actor_b_id", "Second participant."),
        ("actor_b", "Second participant's name."),
        ("role_b", "Second participant's role."),
        ("title_b", "Second participant's title at the time."),
        ("country_b", "Second participant's country."),
        ("planned_at", "When the event was first reported as planned, if it was."),
        ("article_count", "Distinct articles reporting the event."),
        ("article_ids", "External ids of those articles, '; ' separated."),
        ("sources", "Publishers of those articles, '; ' separated."),
        ("sentence", "The sentence that reports it (v_event_evidence: the most recent report of its status)."),
        ("article_title", "Headline of that sentence's article."),
        ("article_url", "URL of that sentence's article."),
    ),
    """
SELECT e.id AS event_id, e.mode, e.status, e.date_start, e.date_end, e.date_precision,
       l.name AS location, l.country_code AS location_country_code, l.lat AS latitude, l.lon AS longitude,
       a1.id AS actor_a_id, a1.canonical_name AS actor_a, p1.role AS role_a, p1.title AS title_a,
       a1.country_code AS country_a,
       a2.id AS actor_b_id, a2.canonical_name AS actor_b, p2.role AS role_b, p2.title AS title_b,
       a2.country_code AS country_b,
       e.planned_at, src.article_count, src.article_ids, src.sources,
       em.sentence, ea.title AS article_title, ea.url AS article_url
  FROM events e
  JOIN event_counterparts c ON c.event_id = e.id AND c.actor_id < c.counterpart_id
  JOIN event_participants p1 ON p1.event_id = e.id AND p1.actor_id = c.actor_id
  JOIN event_participants p2 ON p2.event_id = e.id AND p2.actor_id = c.counterpart_id
  JOIN actors a1 ON a1.id = p1.actor_id
  JOIN actors a2 ON a2.id = p2.actor_id
  LEFT JOIN locations l ON l.id = e.location_id
  JOIN v_event_sources src ON src.event_id = e.id
  LEFT JOIN v_event_evidence ev ON ev.event_id = e.id
  LEFT JOIN event_mentions em ON em.id = ev.mention_id
  LEFT JOIN articles ea ON ea.id = em.article_id
 WHERE e.type = 'CONSULT' AND NOT e.rejected
""",
)

V_ACTOR_ROLES = View(
    "v_actor_roles",
    "Titles each actor held, with the country, when first and last seen, and the article that first said so.",
    (
        ("actor_id", "The actor."),
        ("actor", "Canonical name."),
        ("actor_kind", "PERSON | ORG | COUNTRY | GROUP."),
        ("title", "Title or office."),
        ("organization", "Organization of the title."),
        ("country_code", "Country the title is held for."),
        ("first_seen", "Earliest article date using the title."),
        ("last_seen", "Latest article date using the title."),
        ("article_id", "External id of the first article that gave the title."),
    ),
    """
SELECT ac.id AS actor_id, ac.canonical_name AS actor, ac.kind AS actor_kind, r.title, r.organization,
       COALESCE(r.country_code, ac.country_code) AS country_code, r.first_seen, r.last_seen,
       a.external_id AS article_id
  FROM actor_roles r
  JOIN actors ac ON ac.id = r.actor_id
  LEFT JOIN articles a ON a.id = r.article_id
""",
)

V_EVENT_ISSUES = View(
    "v_event_issues",
    "One row per issue discussed in each event, with the event's date, place and mode.",
    (
        ("event_id", "The event."),
        ("issue_code", "Issue code."),
        ("issue", "Issue label."),
        ("parent_code", "Broader issue."),
        ("type", "Event type."),
        ("mode", "Event mode."),
        ("status", "occurred | planned."),
        ("date_start", "First possible day."),
        ("date_end", "Last possible day."),
        ("location", "Place name."),
    ),
    """
SELECT e.id AS event_id, i.code AS issue_code, i.label AS issue, i.parent_code, e.type, e.mode, e.status,
       e.date_start, e.date_end, l.name AS location
  FROM event_issues ei
  JOIN issues i ON i.id = ei.issue_id
  JOIN events e ON e.id = ei.event_id
  LEFT JOIN locations l ON l.id = e.location_id
 WHERE NOT e.rejected
""",
)

# Dependencies first: v_meetings reads v_event_sources and v_event_evidence.
VIEWS: tuple[View, ...] = (V_EVENT_SOURCES, V_EVENT_EVIDENCE, V_EVENT_PARTICIPANTS, V_MEETINGS, V_ACTOR_ROLES,
                           V_EVENT_ISSUES)
