"""The views as migrations 0004 to 0008 leave them, frozen: those migrations create and re-create them, and a
later change of db/views.py (a view that reads a column a later migration adds) must not reach back into them.
"""

from db.views import View

V_EVENT_SOURCES = View("v_event_sources", "", (), """
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
""")

V_EVENT_PARTICIPANTS = View("v_event_participants", "", (), """
SELECT e.id AS event_id, e.type, e.mode, e.status, e.date_start, e.date_end, e.date_precision,
       l.name AS location, l.country_code AS location_country_code,
       ac.id AS actor_id, ac.canonical_name AS actor, ac.kind AS actor_kind, ac.country_code AS actor_country_code,
       p.role, p.title
  FROM events e
  JOIN event_participants p ON p.event_id = e.id
  JOIN actors ac ON ac.id = p.actor_id
  LEFT JOIN locations l ON l.id = e.location_id
 WHERE NOT e.rejected
""")

V_MEETINGS = View("v_meetings", "", (), """
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
 WHERE e.type = 'CONSULT' AND NOT e.rejected
""")

V_ACTOR_ROLES = View("v_actor_roles", "", (), """
SELECT ac.id AS actor_id, ac.canonical_name AS actor, ac.kind AS actor_kind, r.title, r.organization,
       COALESCE(r.country_code, ac.country_code) AS country_code, r.first_seen, r.last_seen,
       a.external_id AS article_id
  FROM actor_roles r
  JOIN actors ac ON ac.id = r.actor_id
  LEFT JOIN articles a ON a.id = r.article_id
""")

V_EVENT_ISSUES = View("v_event_issues", "", (), """
SELECT e.id AS event_id, i.code AS issue_code, i.label AS issue, i.parent_code, e.type, e.mode, e.status,
       e.date_start, e.date_end, l.name AS location
  FROM event_issues ei
  JOIN issues i ON i.id = ei.issue_id
  JOIN events e ON e.id = ei.event_id
  LEFT JOIN locations l ON l.id = e.location_id
 WHERE NOT e.rejected
""")

# Dependencies first: v_meetings reads v_event_sources.
VIEWS: tuple[View, ...] = (V_EVENT_SOURCES, V_EVENT_PARTICIPANTS, V_MEETINGS, V_ACTOR_ROLES, V_EVENT_ISSUES)
