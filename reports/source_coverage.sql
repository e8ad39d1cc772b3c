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
    -- Per publisher and date from ix_articles_source_coverage alone: each article carries the number of its
    -- mentions of events not rejected (live_mention_count, kept by triggers, migration 0008), so the articles
    -- that report an event and the mentions are counted here too, with or without the date filters.
    SELECT COALESCE(a.source_id, -1) AS source_key,
           COUNT(*) AS articles,
           SUM(CASE WHEN a.live_mention_count > 0 THEN 1 ELSE 0 END) AS articles_with_events,
           SUM(a.live_mention_count) AS mentions,
           MIN(a.published_at) AS first_published,
           MAX(a.published_at) AS last_published
      FROM articles a
     WHERE (:date_from IS NULL OR a.published_at >= :date_from)
       AND (:date_to IS NULL OR a.published_at <= :date_to)
     GROUP BY a.source_id
),
reported AS (
    -- Only with a date filter: one row per (publisher, event) from ix_event_mentions_source_event alone (the
    -- article's publisher and date and the event's rejected flag and place are copied onto each mention by
    -- triggers, migration 0007). Mentions of events an analyst rejected are left out, as the events are.
    SELECT COALESCE(m.article_source_id, -1) AS source_key,
           m.event_id,
           MIN(m.event_location_id) AS location_id
      FROM event_mentions m
     WHERE NOT (:date_from IS NULL AND :date_to IS NULL)
       AND NOT m.event_rejected
       AND (:date_from IS NULL OR m.article_published_at >= :date_from)
       AND (:date_to IS NULL OR m.article_published_at <= :date_to)
     GROUP BY m.article_source_id, m.event_id
),
events_per_source AS (
    -- Without a date filter: source_totals (distinct events per publisher) and source_places (one row per
    -- publisher and place), kept by triggers (migration 0008): a few rows per publisher.
    SELECT st.source_key,
           st.events,
           (SELECT COUNT(*) FROM source_places sp WHERE sp.source_key = st.source_key) AS locations
      FROM source_totals st
     WHERE :date_from IS NULL AND :date_to IS NULL
    UNION ALL
    SELECT r.source_key,
           COUNT(*) AS events,
           COUNT(DISTINCT r.location_id) AS locations
      FROM reported r
     GROUP BY r.source_key
)
SELECT COALESCE(s.name, '(unknown)') AS source,
       ar.articles,
       ar.articles_with_events,
       COALESCE(ev.events, 0) AS events,
       ar.mentions,
       COALESCE(ev.locations, 0) AS locations,
       ar.first_published,
       ar.last_published
  FROM arts ar
  LEFT JOIN sources s ON s.id = ar.source_key
  LEFT JOIN events_per_source ev ON ev.source_key = ar.source_key
 ORDER BY ar.articles DESC, COALESCE(s.name, '(unknown)')
