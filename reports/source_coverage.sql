/* ---
name = "source-coverage"
title = "Source coverage"
description = "Per publisher: how many articles, how many of them report an event, how many events, mentions and distinct actors and places those cover, how many events no other publisher reports, and the publication date range."

[[params]]
name = "date_from"
type = "date"
help = "Only articles published on or after this date"

[[params]]
name = "date_to"
type = "date"
help = "Only articles published on or before this date"
--- */
SELECT COALESCE(s.name, '(unknown)') AS source,
       -- Articles without a publisher are grouped as '(unknown)' so the article counts add up.
       COUNT(DISTINCT a.id) AS articles,
       COUNT(DISTINCT m.article_id) AS articles_with_events,
       COUNT(DISTINCT m.event_id) AS events,
       COUNT(DISTINCT m.id) AS mentions,
       COUNT(DISTINCT p.actor_id) AS actors,
       COUNT(DISTINCT e.location_id) AS locations,
       -- Exclusive: no article from another publisher (or from none) reports the event.
       COUNT(DISTINCT CASE WHEN NOT EXISTS (
                 SELECT 1 FROM event_mentions m2 JOIN articles a2 ON a2.id = m2.article_id
                  WHERE m2.event_id = m.event_id
                    AND COALESCE(a2.source_id, -1) <> COALESCE(a.source_id, -1)) THEN m.event_id END
       ) AS exclusive_events,
       MIN(a.published_at) AS first_published,
       MAX(a.published_at) AS last_published
  FROM articles a
  LEFT JOIN sources s ON s.id = a.source_id
  -- Mentions of events an analyst rejected are left out, as the events themselves are.
  LEFT JOIN (event_mentions m JOIN events e ON e.id = m.event_id AND NOT e.rejected) ON m.article_id = a.id
  LEFT JOIN event_participants p ON p.event_id = m.event_id
 WHERE (:date_from IS NULL OR a.published_at >= :date_from)
   AND (:date_to IS NULL OR a.published_at <= :date_to)
 GROUP BY s.id, s.name
 ORDER BY COUNT(DISTINCT a.id) DESC, COALESCE(s.name, '(unknown)')
