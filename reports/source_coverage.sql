/* ---
name = "source-coverage"
title = "Source coverage"
description = "Per publisher: how many articles, how many of them report an event, how many events, mentions and distinct places those cover, and the publication date range."

[[params]]
name = "date_from"
type = "date"
help = "Only articles published on or after this date"

[[params]]
name = "date_to"
type = "date"
help = "Only articles published on or before this date"
--- */
WITH arts AS (
    -- Articles without a publisher are grouped as '(unknown)' (key -1) so the article counts add up.
    -- Per publisher and date from ix_articles_source_published alone.
    SELECT COALESCE(a.source_id, -1) AS source_key,
           COUNT(*) AS articles,
           MIN(a.published_at) AS first_published,
           MAX(a.published_at) AS last_published
      FROM articles a
     WHERE (:date_from IS NULL OR a.published_at >= :date_from)
       AND (:date_to IS NULL OR a.published_at <= :date_to)
     GROUP BY a.source_id
),
reported AS (
    -- One row per (publisher, event) from ix_event_mentions_source_event alone: the article's publisher and
    -- date and the event's rejected flag and place are copied onto each mention by triggers (migration 0007),
    -- so no article or event is read. Mentions of events an analyst rejected are left out, as the events are.
    SELECT COALESCE(m.article_source_id, -1) AS source_key,
           m.event_id,
           COUNT(*) AS mentions,
           MIN(m.event_location_id) AS location_id
      FROM event_mentions m
     WHERE NOT m.event_rejected
       AND (:date_from IS NULL OR m.article_published_at >= :date_from)
       AND (:date_to IS NULL OR m.article_published_at <= :date_to)
     GROUP BY m.article_source_id, m.event_id
),
events_per_source AS (
    SELECT r.source_key,
           COUNT(*) AS events,
           SUM(r.mentions) AS mentions,
           COUNT(DISTINCT r.location_id) AS locations
      FROM reported r
     GROUP BY r.source_key
),
articles_per_source AS (
    SELECT COALESCE(m.article_source_id, -1) AS source_key, COUNT(DISTINCT m.article_id) AS articles_with_events
      FROM event_mentions m
     WHERE NOT m.event_rejected
       AND (:date_from IS NULL OR m.article_published_at >= :date_from)
       AND (:date_to IS NULL OR m.article_published_at <= :date_to)
     GROUP BY m.article_source_id
)
SELECT COALESCE(s.name, '(unknown)') AS source,
       ar.articles,
       COALESCE(aw.articles_with_events, 0) AS articles_with_events,
       COALESCE(ev.events, 0) AS events,
       COALESCE(ev.mentions, 0) AS mentions,
       COALESCE(ev.locations, 0) AS locations,
       ar.first_published,
       ar.last_published
  FROM arts ar
  LEFT JOIN sources s ON s.id = ar.source_key
  LEFT JOIN articles_per_source aw ON aw.source_key = ar.source_key
  LEFT JOIN events_per_source ev ON ev.source_key = ar.source_key
 ORDER BY ar.articles DESC, COALESCE(s.name, '(unknown)')
