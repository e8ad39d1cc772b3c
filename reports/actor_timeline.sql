/* ---
name = "actor-timeline"
title = "Actor timeline"
description = "Everything one actor did or had done to it, in date order: each event of every PLOVER type with its mode, quad class and conflict-cooperation score (-10 hostile .. +10 cooperative), status, date, place, role, the counterparts (never those on its own side), the source articles, and the sentence that reports it with its article's title and URL."

[[params]]
name = "actor"
type = "text"
help = "The actor, by full name or any alias (e.g. 'Jake Sullivan' or 'Sullivan')"
required = true

[[params]]
name = "type"
type = "text"
help = "Only events of this PLOVER type (default: every type)"
choices = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
           "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]

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
help = "At most this many rows (events), earliest first; raise it for more, or narrow the dates"
--- */
WITH RECURSIVE me AS (
    -- Without an actor the report is empty: the timeline of everyone is v_event_participants.
    -- A UNION of two lookups rather than one OR, so neither forces a scan of the other table.
    SELECT a.id AS actor_id FROM actors a WHERE LOWER(a.canonical_name) = LOWER(CAST(:actor AS TEXT))
    UNION
    SELECT al.actor_id FROM actor_aliases al WHERE LOWER(al.alias) = LOWER(CAST(:actor AS TEXT))
),
mine AS (
    -- The actor's events from ix_event_participants_actor_event, cut to the limit before the counterpart
    -- and source lists below are built, so those are built for the rows shown only.
    SELECT p.event_id, p.actor_id, p.role, p.title
      FROM me
      JOIN event_participants p ON p.actor_id = me.actor_id
      JOIN events e ON e.id = p.event_id
      JOIN actors a ON a.id = p.actor_id
     WHERE NOT e.rejected
       AND (CAST(:type AS TEXT) IS NULL OR e.type = CAST(:type AS TEXT))
       AND (:date_from IS NULL OR e.date_end >= :date_from)
       AND (:date_to IS NULL OR e.date_start <= :date_to)
       AND (CAST(:status AS TEXT) IS NULL OR e.status = LOWER(CAST(:status AS TEXT)))
     ORDER BY e.date_start IS NULL, e.date_start, e.date_end, a.canonical_name, a.id, e.id
     LIMIT :limit
),
others AS (
    -- The actor's counterparts in each of its events (event_counterparts: never those on its own side), numbered
    -- so the recursive step below can join them into one '; ' separated list: group_concat/string_agg differ per
    -- dialect, recursion doesn't.
    SELECT mine.event_id, mine.actor_id,
           CAST(a.canonical_name AS TEXT) AS name,
           ROW_NUMBER() OVER (PARTITION BY mine.event_id, mine.actor_id ORDER BY a.canonical_name, a.id) AS n
      FROM mine
      JOIN event_counterparts c ON c.event_id = mine.event_id AND c.actor_id = mine.actor_id
      JOIN actors a ON a.id = c.counterpart_id
),
joined (event_id, actor_id, n, names) AS (
    SELECT event_id, actor_id, n, name FROM others WHERE n = 1
    UNION ALL
    SELECT j.event_id, j.actor_id, o.n, j.names || '; ' || o.name
      FROM joined j
      JOIN others o ON o.event_id = j.event_id AND o.actor_id = j.actor_id AND o.n = j.n + 1
),
counterparts AS (
    SELECT j.event_id, j.actor_id, j.names
      FROM joined j
     WHERE NOT EXISTS (SELECT 1 FROM others o
                        WHERE o.event_id = j.event_id AND o.actor_id = j.actor_id AND o.n > j.n)
)
SELECT a.canonical_name AS actor,
       e.date_start,
       e.date_end,
       e.date_precision,
       e.type,
       e.mode,
       e.quad_class,
       e.plover_score,
       e.status,
       l.name AS location,
       mine.role,
       mine.title,
       c.names AS counterparts,
       src.article_count AS articles,
       src.sources,
       src.article_ids AS source_articles,
       e.id AS event_id,
       em.sentence,
       ea.title AS article_title,
       ea.url AS article_url
  FROM mine
  JOIN actors a ON a.id = mine.actor_id
  JOIN events e ON e.id = mine.event_id
  LEFT JOIN locations l ON l.id = e.location_id
  LEFT JOIN counterparts c ON c.event_id = mine.event_id AND c.actor_id = mine.actor_id
  LEFT JOIN v_event_sources src ON src.event_id = e.id
  -- The sentence to check the row by: the mention v_event_evidence chooses, read by key.
  LEFT JOIN v_event_evidence ev ON ev.event_id = e.id
  LEFT JOIN event_mentions em ON em.id = ev.mention_id
  LEFT JOIN articles ea ON ea.id = em.article_id
 ORDER BY e.date_start IS NULL, e.date_start, e.date_end, a.canonical_name, a.id, e.id
