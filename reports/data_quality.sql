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
lim (n) AS (
    SELECT CASE WHEN COALESCE(CAST(:examples AS INTEGER), 3) > 5 THEN 5
                ELSE COALESCE(CAST(:examples AS INTEGER), 3) END
),
-- Each count is an index range: NULL date or place, or a zero in the counts that triggers keep on every
-- article and event (migration 0008: mention_count, participant_count), so no check reads the link tables.
base AS (
    SELECT (SELECT COUNT(*) FROM articles) AS articles,
           (SELECT COUNT(*) FROM articles a WHERE a.mention_count = 0) AS unreported,
           (SELECT COUNT(*) FROM events) - (SELECT COUNT(*) FROM events e WHERE e.rejected = TRUE) AS events,
           (SELECT COUNT(*) FROM events e WHERE e.date_start IS NULL AND NOT e.rejected) AS undated,
           (SELECT COUNT(*) FROM events e WHERE e.location_id IS NULL AND NOT e.rejected) AS unplaced,
           (SELECT COUNT(*) FROM events e WHERE e.participant_count < 2 AND e.rejected = FALSE) AS lonely,
           (SELECT COUNT(*) FROM events e WHERE e.mention_count = 0 AND e.rejected = FALSE) AS unmentioned,
           (SELECT COUNT(*) FROM actors) AS actors,
           (SELECT COUNT(*) FROM actors ac WHERE ac.country_code IS NULL) AS stateless
),
counts (check_name, problems, total) AS (
    SELECT 'articles_without_events', b.unreported, b.articles FROM base b
    UNION ALL SELECT 'events_without_date', b.undated, b.events FROM base b
    UNION ALL SELECT 'events_without_place', b.unplaced, b.events FROM base b
    UNION ALL SELECT 'events_with_one_participant', b.lonely, b.events FROM base b
    UNION ALL SELECT 'events_without_mentions', b.unmentioned, b.events FROM base b
    UNION ALL SELECT 'actors_without_country', b.stateless, b.actors FROM base b
),
problems (check_name, sort_key, example) AS (
    -- The first failing rows of each check in id order, looked for only when the check has failures.
    SELECT 'articles_without_events', x.id, x.example FROM (
        SELECT a.id, CAST(a.external_id AS TEXT) AS example
          FROM articles a
         WHERE (SELECT c.problems FROM counts c WHERE c.check_name = 'articles_without_events') > 0
           AND a.mention_count = 0
         ORDER BY a.id LIMIT 5) x
    UNION ALL
    SELECT 'events_without_date', x.id, x.example FROM (
        SELECT e.id, CAST(e.id AS TEXT) AS example
          FROM events e WHERE e.date_start IS NULL AND NOT e.rejected ORDER BY +e.id LIMIT 5) x
    UNION ALL
    SELECT 'events_without_place', x.id, x.example FROM (
        SELECT e.id, CAST(e.id AS TEXT) AS example
          FROM events e
         WHERE (SELECT c.problems FROM counts c WHERE c.check_name = 'events_without_place') > 0
           AND e.location_id IS NULL AND NOT e.rejected
         ORDER BY e.id LIMIT 5) x
    UNION ALL
    SELECT 'events_with_one_participant', x.id, x.example FROM (
        SELECT e.id, CAST(e.id AS TEXT) AS example
          FROM events e
         WHERE (SELECT c.problems FROM counts c WHERE c.check_name = 'events_with_one_participant') > 0
           AND e.participant_count < 2 AND e.rejected = FALSE
         ORDER BY e.id LIMIT 5) x
    UNION ALL
    SELECT 'events_without_mentions', x.id, x.example FROM (
        SELECT e.id, CAST(e.id AS TEXT) AS example
          FROM events e
         WHERE (SELECT c.problems FROM counts c WHERE c.check_name = 'events_without_mentions') > 0
           AND e.mention_count = 0 AND e.rejected = FALSE
         ORDER BY e.id LIMIT 5) x
    UNION ALL
    SELECT 'actors_without_country', x.id, x.example FROM (
        SELECT ac.id, CAST(ac.id AS TEXT) AS example
          FROM actors ac WHERE ac.country_code IS NULL ORDER BY +ac.id LIMIT 5) x
),
ranked AS (
    SELECT check_name, example, ROW_NUMBER() OVER (PARTITION BY check_name ORDER BY sort_key) AS n
      FROM problems
),
examples AS (
    -- The examples are joined by position (at most 5) because string aggregation differs per dialect.
    SELECT check_name,
           MAX(CASE WHEN ranked.n = 1 AND ranked.n <= lim.n THEN example END) AS e1,
           MAX(CASE WHEN ranked.n = 2 AND ranked.n <= lim.n THEN example END) AS e2,
           MAX(CASE WHEN ranked.n = 3 AND ranked.n <= lim.n THEN example END) AS e3,
           MAX(CASE WHEN ranked.n = 4 AND ranked.n <= lim.n THEN example END) AS e4,
           MAX(CASE WHEN ranked.n = 5 AND ranked.n <= lim.n THEN example END) AS e5
      FROM ranked
     CROSS JOIN lim
     GROUP BY check_name
)
SELECT c.check_name,
       c.description,
       k.problems,
       k.total,
       c.entity AS example_of,
       x.e1 || COALESCE(', ' || x.e2, '') || COALESCE(', ' || x.e3, '')
            || COALESCE(', ' || x.e4, '') || COALESCE(', ' || x.e5, '') AS examples
  FROM checks c
  JOIN counts k ON k.check_name = c.check_name
  LEFT JOIN examples x ON x.check_name = c.check_name
 ORDER BY c.ord
