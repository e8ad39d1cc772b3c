/* ---
name = "upcoming"
title = "Upcoming events"
description = "Planned events from a date on (default today), soonest first, with who takes part and where; planned events with no known date follow."

[[params]]
name = "date_from"
type = "date"
default = "today"
help = "Planned events that may take place on or after this date (YYYY-MM-DD, 'today', '30 days ago')"

[[params]]
name = "date_to"
type = "date"
help = "Planned events that may take place on or before this date"

[[params]]
name = "undated"
type = "bool"
default = true
help = "Also list planned events whose date is not known"

[[params]]
name = "actor"
type = "text"
help = "Only events this actor takes part in (full name or any alias)"
--- */
WITH RECURSIVE planned AS (
    SELECT e.id AS event_id
      FROM events e
     WHERE e.status = 'planned'
       AND ((e.date_start IS NULL AND :undated)
            OR (e.date_start IS NOT NULL
                AND (:date_from IS NULL OR COALESCE(e.date_end, e.date_start) >= :date_from)
                AND (:date_to IS NULL OR e.date_start <= :date_to)))
       AND (CAST(:actor AS TEXT) IS NULL OR EXISTS (
              SELECT 1 FROM event_participants p JOIN actors a ON a.id = p.actor_id
               WHERE p.event_id = e.id
                 AND (LOWER(a.canonical_name) = LOWER(CAST(:actor AS TEXT))
                      OR EXISTS (SELECT 1 FROM actor_aliases al
                                  WHERE al.actor_id = a.id AND LOWER(al.alias) = LOWER(CAST(:actor AS TEXT))))))
),
people AS (
    -- Participants numbered per event so the recursive step joins them into one '; ' separated list:
    -- group_concat and string_agg differ per dialect, a recursive CTE does not.
    SELECT pl.event_id,
           CAST(a.canonical_name AS TEXT) AS name,
           ROW_NUMBER() OVER (PARTITION BY pl.event_id ORDER BY a.canonical_name, a.id) AS n
      FROM planned pl
      JOIN event_participants p ON p.event_id = pl.event_id
      JOIN actors a ON a.id = p.actor_id
),
joined (event_id, n, names) AS (
    SELECT event_id, n, name FROM people WHERE n = 1
    UNION ALL
    SELECT j.event_id, o.n, j.names || '; ' || o.name
      FROM joined j
      JOIN people o ON o.event_id = j.event_id AND o.n = j.n + 1
),
participants AS (
    SELECT j.event_id, j.names
      FROM joined j
     WHERE NOT EXISTS (SELECT 1 FROM people o WHERE o.event_id = j.event_id AND o.n > j.n)
)
SELECT e.date_start,
       e.date_end,
       e.date_precision,
       e.date_text,
       e.type,
       e.mode,
       l.name AS location,
       l.country_code AS location_country,
       pa.names AS participants,
       src.article_count AS articles,
       src.sources,
       src.last_reported,
       e.id AS event_id
  FROM planned pl
  JOIN events e ON e.id = pl.event_id
  LEFT JOIN locations l ON l.id = e.location_id
  LEFT JOIN participants pa ON pa.event_id = e.id
  LEFT JOIN v_event_sources src ON src.event_id = e.id
 ORDER BY e.date_start IS NULL, e.date_start, e.date_end, e.id
