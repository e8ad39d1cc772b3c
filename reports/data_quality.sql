/* ---
name = "data-quality"
title = "Data quality checks"
description = "What the extraction missed: articles with no event, events with no date, no place, fewer than two participants or no source sentence, actors with no country; per check how many, out of how many, and a few example ids."

[[params]]
name = "examples"
type = "int"
default = 3
help = "How many example ids to list per check (at most 5)"
--- */
WITH checks (ord, check_name, entity, description) AS (
    -- One row per check even when nothing fails it, so a clean database reads as zeros, not as no rows.
    SELECT 1, 'articles_without_events', 'articles.external_id', 'Articles in which no event was found'
    UNION ALL SELECT 2, 'events_without_date', 'events.id', 'Events whose date could not be resolved'
    UNION ALL SELECT 3, 'events_without_place', 'events.id', 'Events whose place could not be resolved'
    UNION ALL SELECT 4, 'events_with_one_participant', 'events.id', 'Events with fewer than two participants'
    UNION ALL SELECT 5, 'events_without_mentions', 'events.id', 'Events with no source sentence'
    UNION ALL SELECT 6, 'actors_without_country', 'actors.id', 'Actors with no country'
),
totals (check_name, total) AS (
    SELECT 'articles_without_events', (SELECT COUNT(*) FROM articles)
    UNION ALL SELECT 'events_without_date', (SELECT COUNT(*) FROM events WHERE NOT rejected)
    UNION ALL SELECT 'events_without_place', (SELECT COUNT(*) FROM events WHERE NOT rejected)
    UNION ALL SELECT 'events_with_one_participant', (SELECT COUNT(*) FROM events WHERE NOT rejected)
    UNION ALL SELECT 'events_without_mentions', (SELECT COUNT(*) FROM events WHERE NOT rejected)
    UNION ALL SELECT 'actors_without_country', (SELECT COUNT(*) FROM actors)
),
problems (check_name, sort_key, example) AS (
    -- The failing rows of every check, as (check, numeric key to pick the examples by, id shown).
    SELECT 'articles_without_events', a.id, CAST(a.external_id AS TEXT)
      FROM articles a
     WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.article_id = a.id)
    UNION ALL
    SELECT 'events_without_date', e.id, CAST(e.id AS TEXT) FROM events e WHERE e.date_start IS NULL AND NOT e.rejected
    UNION ALL
    SELECT 'events_without_place', e.id, CAST(e.id AS TEXT) FROM events e WHERE e.location_id IS NULL AND NOT e.rejected
    UNION ALL
    SELECT 'events_with_one_participant', e.id, CAST(e.id AS TEXT)
      FROM events e
     WHERE NOT e.rejected AND (SELECT COUNT(*) FROM event_participants p WHERE p.event_id = e.id) < 2
    UNION ALL
    SELECT 'events_without_mentions', e.id, CAST(e.id AS TEXT)
      FROM events e
     WHERE NOT e.rejected AND NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)
    UNION ALL
    SELECT 'actors_without_country', ac.id, CAST(ac.id AS TEXT) FROM actors ac WHERE ac.country_code IS NULL
),
ranked AS (
    SELECT check_name, example, ROW_NUMBER() OVER (PARTITION BY check_name ORDER BY sort_key) AS n
      FROM problems
),
counted AS (
    -- The examples are joined by position (at most 5) because string aggregation differs per dialect.
    SELECT check_name,
           COUNT(*) AS problems,
           MAX(CASE WHEN ranked.n = 1 AND ranked.n <= lim.n THEN example END) AS e1,
           MAX(CASE WHEN ranked.n = 2 AND ranked.n <= lim.n THEN example END) AS e2,
           MAX(CASE WHEN ranked.n = 3 AND ranked.n <= lim.n THEN example END) AS e3,
           MAX(CASE WHEN ranked.n = 4 AND ranked.n <= lim.n THEN example END) AS e4,
           MAX(CASE WHEN ranked.n = 5 AND ranked.n <= lim.n THEN example END) AS e5
      FROM ranked
     CROSS JOIN (SELECT COALESCE(CAST(:examples AS INTEGER), 3) AS n) lim
     GROUP BY check_name
)
SELECT c.check_name,
       c.description,
       COALESCE(k.problems, 0) AS problems,
       t.total,
       c.entity AS example_of,
       k.e1 || COALESCE(', ' || k.e2, '') || COALESCE(', ' || k.e3, '')
            || COALESCE(', ' || k.e4, '') || COALESCE(', ' || k.e5, '') AS examples
  FROM checks c
  JOIN totals t ON t.check_name = c.check_name
  LEFT JOIN counted k ON k.check_name = c.check_name
 ORDER BY c.ord
