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

[[params]]
name = "limit"
type = "int"
default = 1000
help = "At most this many rows (pairs), most shared events first; raise it for more"
--- */
SELECT a1.canonical_name AS actor_a,
       -- Joined from the base tables rather than v_meetings: the pairs need no per-event source lists.
       -- Undated events count towards `events` but have no date, so MIN/MAX skip them.
       a1.kind AS kind_a,
       a1.country_code AS country_a,
       a2.canonical_name AS actor_b,
       a2.kind AS kind_b,
       a2.country_code AS country_b,
       pairs.events,
       pairs.first_date,
       pairs.last_date
  FROM (
    -- Grouped on the two ids alone (names are joined to the result rows): sorting every pair of every event
    -- is this report's main cost, and small keys keep it small. (event, pair) is unique, so COUNT(*) counts
    -- events. CROSS JOIN keeps SQLite to this order (PostgreSQL plans it as a join): events in id order, and
    -- their participants from the (event_id, actor_id) index in the same order, walking each table once.
    SELECT p1.actor_id AS actor_a_id,
           p2.actor_id AS actor_b_id,
           COUNT(*) AS events,
           MIN(e.date_start) AS first_date,
           MAX(COALESCE(e.date_end, e.date_start)) AS last_date
      FROM events e
     CROSS JOIN event_participants p1
     CROSS JOIN event_participants p2
     WHERE p1.event_id = e.id
       AND p2.event_id = e.id
       AND p2.actor_id > p1.actor_id
       AND e.type = 'CONSULT'
       AND NOT e.rejected
       AND (CAST(:kind AS TEXT) IS NULL
            OR (p1.actor_id IN (SELECT k.id FROM actors k WHERE k.kind = UPPER(CAST(:kind AS TEXT)))
                AND p2.actor_id IN (SELECT k.id FROM actors k WHERE k.kind = UPPER(CAST(:kind AS TEXT)))))
       AND (:date_from IS NULL OR e.date_end >= :date_from)
       AND (:date_to IS NULL OR e.date_start <= :date_to)
       AND (CAST(:status AS TEXT) IS NULL OR e.status = LOWER(CAST(:status AS TEXT)))
     GROUP BY p1.actor_id, p2.actor_id
    HAVING COUNT(*) >= COALESCE(CAST(:min_events AS INTEGER), 1)
  ) pairs
  JOIN actors a1 ON a1.id = pairs.actor_a_id
  JOIN actors a2 ON a2.id = pairs.actor_b_id
 ORDER BY pairs.events DESC, a1.canonical_name, a2.canonical_name, a1.id, a2.id
 LIMIT :limit
