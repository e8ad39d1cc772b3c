/* ---
name = "upcoming"
title = "Upcoming events"
description = "Planned events from a date on (default today), soonest first, with who takes part and where; planned events with no known date follow when reported in the last 30 days. A plan that a later report says happened is no longer planned. Each with the sentence that reports it and its article's title and URL."

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
name = "undated_since"
type = "date"
default = "30 days ago"
help = "Undated plans only when an article reported them on or after this date (a plan told months ago and never reported since is stale)"

[[params]]
name = "actor"
type = "text"
help = "Only events this actor takes part in (full name or any alias)"

[[params]]
name = "limit"
type = "int"
default = 1000
help = "At most this many rows (events), soonest first; raise it for more"
--- */
WITH RECURSIVE me AS (
    SELECT a.id AS actor_id FROM actors a WHERE LOWER(a.canonical_name) = LOWER(CAST(:actor AS TEXT))
    UNION
    SELECT al.actor_id FROM actor_aliases al WHERE LOWER(al.alias) = LOWER(CAST(:actor AS TEXT))
),
candidates AS (
    -- Two branches, one switched off by its first condition (a constant, tested once). Everyone: the planned
    -- events along ix_events_status_date. One actor: from the aliases to that actor's events.
    SELECT e.id AS event_id
      FROM events e
     WHERE CAST(:actor AS TEXT) IS NULL
       AND e.status = 'planned'
    UNION
    SELECT p.event_id
      FROM me
      JOIN event_participants p ON p.actor_id = me.actor_id
     WHERE CAST(:actor AS TEXT) IS NOT NULL
),
planned AS (
    -- Cut to the limit before the participant lists below are built, so they are built for the rows shown.
    SELECT e.id AS event_id
      FROM candidates c
      JOIN events e ON e.id = c.event_id
     WHERE e.status = 'planned'
       AND NOT e.rejected
       AND ((e.date_start IS NULL AND :undated
             AND (:undated_since IS NULL
                  OR (SELECT MAX(m.article_published_at) FROM event_mentions m WHERE m.event_id = e.id)
                     >= :undated_since))
            OR (e.date_start IS NOT NULL
                AND (:date_from IS NULL OR COALESCE(e.date_end, e.date_start) >= :date_from)
                AND (:date_to IS NULL OR e.date_start <= :date_to)))
     ORDER BY e.date_start IS NULL, e.date_start, e.date_end, e.id
     LIMIT :limit
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
       e.id AS event_id,
       em.sentence,
       ea.title AS article_title,
       ea.url AS article_url
  FROM planned pl
  JOIN events e ON e.id = pl.event_id
  LEFT JOIN locations l ON l.id = e.location_id
  LEFT JOIN participants pa ON pa.event_id = e.id
  LEFT JOIN v_event_sources src ON src.event_id = e.id
  -- The sentence to check the row by: the mention v_event_evidence chooses, read by key.
  LEFT JOIN v_event_evidence ev ON ev.event_id = e.id
  LEFT JOIN event_mentions em ON em.id = ev.mention_id
  LEFT JOIN articles ea ON ea.id = em.article_id
 ORDER BY e.date_start IS NULL, e.date_start, e.date_end, e.id
