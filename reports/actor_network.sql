/* ---
name = "actor-network"
title = "Actor network"
description = "Pairs of actors who met as counterparts (never two members of one side): in how many events, and the first and last date."

[[params]]
name = "min_events"
type = "int"
default = 1
help = "Only pairs that shared at least this many events"

[[params]]
name = "kind"
type = "text"
help = "Only pairs where both actors are of this kind: PERSON, ORG, COUNTRY or GROUP"
choices = ["PERSON", "ORG", "COUNTRY", "GROUP"]

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
choices = ["occurred", "planned"]

[[params]]
name = "limit"
type = "int"
default = 1000
help = "At most this many rows (pairs), most shared events first; raise it for more"
--- */
SELECT r.actor_a, r.kind_a, r.country_a, r.actor_b, r.kind_b, r.country_b, r.events, r.first_date, r.last_date
  -- Undated events count towards `events` but have no date, so first_date and last_date skip them.
  FROM (
    -- Without date or status filters: actor_pairs, the per-pair summary of CONSULT events not rejected that
    -- triggers keep current (migrations 0007, 0010), read from ix_actor_pairs_events, most shared events first, and
    -- cut to the limit there, so ranking a million pairs costs nothing. kind and min_events apply to it directly.
    SELECT * FROM (
        SELECT a1.canonical_name AS actor_a, a1.kind AS kind_a, a1.country_code AS country_a,
               a2.canonical_name AS actor_b, a2.kind AS kind_b, a2.country_code AS country_b,
               ap.events, ap.first_date, ap.last_date, a1.id AS actor_a_id, a2.id AS actor_b_id
          FROM actor_pairs ap
          JOIN actors a1 ON a1.id = ap.actor_a_id
          JOIN actors a2 ON a2.id = ap.actor_b_id
         WHERE :date_from IS NULL AND :date_to IS NULL AND CAST(:status AS TEXT) IS NULL
           AND ap.events >= COALESCE(CAST(:min_events AS INTEGER), 1)
           AND (CAST(:kind AS TEXT) IS NULL
                OR (a1.kind = UPPER(CAST(:kind AS TEXT)) AND a2.kind = UPPER(CAST(:kind AS TEXT))))
         ORDER BY ap.events DESC, a1.canonical_name, a2.canonical_name, a1.id, a2.id
         LIMIT :limit
    ) summary
    UNION ALL
    -- With a date or status filter the summary cannot answer: every pair of every matching event, from
    -- event_counterparts (lower id first), grouped on the two ids alone (names are joined to the result rows).
    -- (event, pair) is unique, so COUNT(*) counts events. CROSS JOIN keeps SQLite to this order (PostgreSQL plans
    -- it as a join): events in id order, and their pairs from the (event_id, ...) primary key in the same order.
    SELECT * FROM (
        SELECT a1.canonical_name AS actor_a, a1.kind AS kind_a, a1.country_code AS country_a,
               a2.canonical_name AS actor_b, a2.kind AS kind_b, a2.country_code AS country_b,
               pairs.events, pairs.first_date, pairs.last_date, a1.id AS actor_a_id, a2.id AS actor_b_id
          FROM (
            SELECT c.actor_id AS actor_a_id,
                   c.counterpart_id AS actor_b_id,
                   COUNT(*) AS events,
                   MIN(e.date_start) AS first_date,
                   MAX(COALESCE(e.date_end, e.date_start)) AS last_date
              FROM events e
             CROSS JOIN event_counterparts c
             WHERE NOT (:date_from IS NULL AND :date_to IS NULL AND CAST(:status AS TEXT) IS NULL)
               AND c.event_id = e.id
               AND c.counterpart_id > c.actor_id
               AND e.type = 'CONSULT'
               AND NOT e.rejected
               AND (CAST(:kind AS TEXT) IS NULL
                    OR (c.actor_id IN (SELECT k.id FROM actors k WHERE k.kind = UPPER(CAST(:kind AS TEXT)))
                        AND c.counterpart_id IN (SELECT k.id FROM actors k WHERE k.kind = UPPER(CAST(:kind AS TEXT)))))
               AND (:date_from IS NULL OR e.date_end >= :date_from)
               AND (:date_to IS NULL OR e.date_start <= :date_to)
               AND (CAST(:status AS TEXT) IS NULL OR e.status = LOWER(CAST(:status AS TEXT)))
             GROUP BY c.actor_id, c.counterpart_id
            HAVING COUNT(*) >= COALESCE(CAST(:min_events AS INTEGER), 1)
          ) pairs
          JOIN actors a1 ON a1.id = pairs.actor_a_id
          JOIN actors a2 ON a2.id = pairs.actor_b_id
         ORDER BY pairs.events DESC, a1.canonical_name, a2.canonical_name, a1.id, a2.id
         LIMIT :limit
    ) base
  ) r
 ORDER BY r.events DESC, r.actor_a, r.actor_b, r.actor_a_id, r.actor_b_id
 LIMIT :limit
