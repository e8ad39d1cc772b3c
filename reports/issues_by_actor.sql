/* ---
name = "issues-by-actor"
title = "Issues by actor"
description = "Which issues each actor's events were about: per actor and issue, how many events, and the first and last date."

[[params]]
name = "actor"
type = "text"
help = "Only this actor (full name or any alias); default: every actor"

[[params]]
name = "issue"
type = "text"
help = "Only this issue (code, e.g. export_controls)"

[[params]]
name = "min_events"
type = "int"
default = 1
help = "Only actor and issue pairs with at least this many events"
--- */
SELECT a.canonical_name AS actor,
       a.kind AS actor_kind,
       a.country_code AS actor_country,
       i.code AS issue,
       i.label AS issue_label,
       COUNT(DISTINCT e.id) AS events,
       MIN(e.date_start) AS first_date,
       MAX(COALESCE(e.date_end, e.date_start)) AS last_date
  FROM events e
  JOIN event_issues ei ON ei.event_id = e.id
  JOIN issues i ON i.id = ei.issue_id
  JOIN event_participants p ON p.event_id = e.id
  JOIN actors a ON a.id = p.actor_id
 WHERE NOT e.rejected
   AND (CAST(:actor AS TEXT) IS NULL
        OR LOWER(a.canonical_name) = LOWER(CAST(:actor AS TEXT))
        OR EXISTS (SELECT 1 FROM actor_aliases al
                    WHERE al.actor_id = a.id AND LOWER(al.alias) = LOWER(CAST(:actor AS TEXT))))
   AND (CAST(:issue AS TEXT) IS NULL OR i.code = LOWER(CAST(:issue AS TEXT)))
 GROUP BY a.id, a.canonical_name, a.kind, a.country_code, i.id, i.code, i.label
HAVING COUNT(DISTINCT e.id) >= COALESCE(CAST(:min_events AS INTEGER), 1)
 ORDER BY a.canonical_name, a.id, COUNT(DISTINCT e.id) DESC, i.code
