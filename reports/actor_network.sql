/* ---
name = "actor-network"
title = "Actor network"
description = "Pairs of actors who took part in the same meetings: how many events they shared, and the first and last date."

[[params]]
name = "min_events"
type = "int"
default = 1
help = "Only pairs that shared at least this many events"

[[params]]
name = "kind"
type = "text"
help = "Only pairs where both actors are of this kind: PERSON, ORG, COUNTRY or GROUP"

[[params]]
name = "date_from"
type = "date"
help = "Only events that may have been on or after this date"

[[params]]
name = "date_to"
type = "date"
help = "Only events that may have been on or before this date"

[[params]]
name = "status"
type = "text"
help = "occurred or planned (default: both)"
--- */
SELECT a1.canonical_name AS actor_a,
       -- Joined from the base tables rather than v_meetings: the pairs need no per-event source lists,
       -- and computing those for every event would dominate the cost on a large database.
       -- Undated events count towards `events` but have no date, so MIN/MAX skip them.
       a1.kind AS kind_a,
       a1.country_code AS country_a,
       a2.canonical_name AS actor_b,
       a2.kind AS kind_b,
       a2.country_code AS country_b,
       COUNT(DISTINCT e.id) AS events,
       MIN(e.date_start) AS first_date,
       MAX(COALESCE(e.date_end, e.date_start)) AS last_date
  FROM events e
  JOIN event_participants p1 ON p1.event_id = e.id
  JOIN event_participants p2 ON p2.event_id = e.id AND p2.actor_id > p1.actor_id
  JOIN actors a1 ON a1.id = p1.actor_id
  JOIN actors a2 ON a2.id = p2.actor_id
 WHERE e.type = 'CONSULT'
   AND (CAST(:kind AS TEXT) IS NULL
        OR (a1.kind = UPPER(CAST(:kind AS TEXT)) AND a2.kind = UPPER(CAST(:kind AS TEXT))))
   AND (:date_from IS NULL OR e.date_end >= :date_from)
   AND (:date_to IS NULL OR e.date_start <= :date_to)
   AND (CAST(:status AS TEXT) IS NULL OR e.status = LOWER(CAST(:status AS TEXT)))
 GROUP BY a1.id, a1.canonical_name, a1.kind, a1.country_code, a2.id, a2.canonical_name, a2.kind, a2.country_code
HAVING COUNT(DISTINCT e.id) >= COALESCE(CAST(:min_events AS INTEGER), 1)
 ORDER BY COUNT(DISTINCT e.id) DESC, a1.canonical_name, a2.canonical_name, a1.id, a2.id
