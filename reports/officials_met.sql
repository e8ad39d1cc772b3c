/* ---
name = "officials-met"
title = "Officials who met"
description = "Who met whom, where, when, how (mode), whether it happened or is planned, and the source articles."

[[params]]
name = "actor"
type = "text"
help = "Only meetings this actor took part in (full name or any alias, e.g. 'Jake Sullivan' or 'Sullivan')"

[[params]]
name = "country"
type = "text"
help = "Only meetings with a participant from this country (ISO alpha-3, e.g. CHN)"

[[params]]
name = "place"
type = "text"
help = "Only meetings at this place (name, e.g. Beijing) or in this country (ISO alpha-3)"

[[params]]
name = "date_from"
type = "date"
help = "Only meetings on or after this date (YYYY-MM-DD or '30 days ago')"

[[params]]
name = "date_to"
type = "date"
help = "Only meetings on or before this date (YYYY-MM-DD or 'today')"

[[params]]
name = "status"
type = "text"
help = "occurred or planned"
--- */
SELECT m.actor_a AS actor,
       m.title_a AS actor_title,
       m.actor_b AS counterpart,
       m.title_b AS counterpart_title,
       m.location,
       m.date_start,
       m.date_end,
       m.mode,
       m.status,
       m.article_count AS articles,
       m.article_ids AS source_articles,
       m.event_id
  FROM v_meetings m
 WHERE (CAST(:actor AS TEXT) IS NULL OR EXISTS (
          SELECT 1 FROM actor_aliases al
           WHERE al.actor_id IN (m.actor_a_id, m.actor_b_id) AND LOWER(al.alias) = LOWER(CAST(:actor AS TEXT))))
   AND (CAST(:country AS TEXT) IS NULL
        OR UPPER(CAST(:country AS TEXT)) IN (m.country_a, m.country_b))
   AND (CAST(:place AS TEXT) IS NULL
        OR LOWER(m.location) = LOWER(CAST(:place AS TEXT))
        OR m.location_country_code = UPPER(CAST(:place AS TEXT)))
   AND (:date_from IS NULL OR m.date_end >= :date_from)
   AND (:date_to IS NULL OR m.date_start <= :date_to)
   AND (CAST(:status AS TEXT) IS NULL OR m.status = LOWER(CAST(:status AS TEXT)))
 ORDER BY m.date_start IS NULL, m.date_start, m.actor_a, m.actor_b
