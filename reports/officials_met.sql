/* ---
name = "officials-met"
title = "Officials who met"
description = "Who met whom (a counterpart, never someone on the same side), where, when, how (mode), whether it happened or is planned, the source articles, and the sentence that reports it with its article's title and URL; most recent first."

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
choices = ["occurred", "planned"]

[[params]]
name = "limit"
type = "int"
default = 1000
help = "At most this many rows (pairs), most recent first; raise it for more"
--- */
WITH me AS (
    SELECT al.actor_id FROM actor_aliases al WHERE LOWER(al.alias) = LOWER(CAST(:actor AS TEXT))
),
chosen AS (
    -- Two branches, one of which is switched off by its first condition (a constant, tested once): each then
    -- reads only what it needs. Each stops at the limit, so the source lists below are built for those only.
    -- Pairs are counterparts (event_counterparts, kept by triggers): never two members of one side of an event.
    SELECT * FROM (
        -- Everyone: events newest first along the date index, stopping once enough pairs are found.
        SELECT e.id AS event_id, e.date_start, c.actor_id AS actor_a_id, c.counterpart_id AS actor_b_id
          FROM events e
          JOIN event_counterparts c ON c.event_id = e.id AND c.actor_id < c.counterpart_id
          JOIN actors a1 ON a1.id = c.actor_id
          JOIN actors a2 ON a2.id = c.counterpart_id
          LEFT JOIN locations l ON l.id = e.location_id
         WHERE CAST(:actor AS TEXT) IS NULL
           AND e.type = 'CONSULT' AND NOT e.rejected
           AND (CAST(:country AS TEXT) IS NULL OR UPPER(CAST(:country AS TEXT)) IN (a1.country_code, a2.country_code))
           AND (CAST(:place AS TEXT) IS NULL
                OR LOWER(l.name) = LOWER(CAST(:place AS TEXT)) OR l.country_code = UPPER(CAST(:place AS TEXT)))
           AND (:date_from IS NULL OR e.date_end >= :date_from)
           AND (:date_to IS NULL OR e.date_start <= :date_to)
           AND (CAST(:status AS TEXT) IS NULL OR e.status = LOWER(CAST(:status AS TEXT)))
         ORDER BY e.date_start DESC NULLS LAST, e.id DESC, c.actor_id, c.counterpart_id
         LIMIT :limit
    ) everyone
    UNION ALL
    SELECT * FROM (
        -- One actor: from the aliases to that actor's counterparts (ix_event_counterparts_actor), then each event.
        -- The actor asked for comes first; a pair whose both sides match is produced once, from its lower id.
        SELECT e.id AS event_id, e.date_start, c.actor_id AS actor_a_id, c.counterpart_id AS actor_b_id
          FROM (SELECT DISTINCT actor_id FROM me) m
          JOIN event_counterparts c ON c.actor_id = m.actor_id
          JOIN events e ON e.id = c.event_id
          JOIN actors a1 ON a1.id = c.actor_id
          JOIN actors a2 ON a2.id = c.counterpart_id
          LEFT JOIN locations l ON l.id = e.location_id
         WHERE CAST(:actor AS TEXT) IS NOT NULL
           AND (c.actor_id < c.counterpart_id OR c.counterpart_id NOT IN (SELECT actor_id FROM me))
           AND e.type = 'CONSULT' AND NOT e.rejected
           AND (CAST(:country AS TEXT) IS NULL OR UPPER(CAST(:country AS TEXT)) IN (a1.country_code, a2.country_code))
           AND (CAST(:place AS TEXT) IS NULL
                OR LOWER(l.name) = LOWER(CAST(:place AS TEXT)) OR l.country_code = UPPER(CAST(:place AS TEXT)))
           AND (:date_from IS NULL OR e.date_end >= :date_from)
           AND (:date_to IS NULL OR e.date_start <= :date_to)
           AND (CAST(:status AS TEXT) IS NULL OR e.status = LOWER(CAST(:status AS TEXT)))
         ORDER BY e.date_start DESC NULLS LAST, e.id DESC,
                  CASE WHEN c.actor_id < c.counterpart_id THEN c.actor_id ELSE c.counterpart_id END,
                  CASE WHEN c.actor_id < c.counterpart_id THEN c.counterpart_id ELSE c.actor_id END
         LIMIT :limit
    ) one_actor
)
SELECT a1.canonical_name AS actor,
       p1.title AS actor_title,
       a2.canonical_name AS counterpart,
       p2.title AS counterpart_title,
       l.name AS location,
       e.date_start,
       e.date_end,
       e.mode,
       e.status,
       src.article_count AS articles,
       src.article_ids AS source_articles,
       e.id AS event_id,
       em.sentence,
       ea.title AS article_title,
       ea.url AS article_url
  FROM chosen c
  JOIN events e ON e.id = c.event_id
  JOIN actors a1 ON a1.id = c.actor_a_id
  JOIN actors a2 ON a2.id = c.actor_b_id
  JOIN event_participants p1 ON p1.event_id = c.event_id AND p1.actor_id = c.actor_a_id
  JOIN event_participants p2 ON p2.event_id = c.event_id AND p2.actor_id = c.actor_b_id
  LEFT JOIN locations l ON l.id = e.location_id
  -- Views of per-event figures and evidence: SQLite and PostgreSQL compute them for these rows only.
  LEFT JOIN v_event_sources src ON src.event_id = e.id
  -- The sentence to check the row by: the mention v_event_evidence chooses, read by key.
  LEFT JOIN v_event_evidence ev ON ev.event_id = e.id
  LEFT JOIN event_mentions em ON em.id = ev.mention_id
  LEFT JOIN articles ea ON ea.id = em.article_id
 ORDER BY e.date_start DESC NULLS LAST, e.id DESC, a1.canonical_name, a2.canonical_name
