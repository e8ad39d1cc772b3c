/* ---
name = "counterparts"
title = "Counterparts of an actor"
description = "Everyone one actor met (or is to meet): how many times, how many of those happened or are planned, and the first and last date."

[[params]]
name = "actor"
type = "text"
help = "Required: the actor, by full name or any alias (e.g. 'Jake Sullivan' or 'Sullivan')"

[[params]]
name = "date_from"
type = "date"
help = "Only events that may have been on or after this date"

[[params]]
name = "date_to"
type = "date"
help = "Only events that may have been on or before this date"
--- */
WITH me AS (
    -- Without an actor the report is empty: "everyone met everyone" is what actor-network answers.
    -- An alias shared by several actors (e.g. a surname) lists each matching actor's counterparts apart.
    SELECT a.id AS actor_id
      FROM actors a
     WHERE LOWER(a.canonical_name) = LOWER(CAST(:actor AS TEXT))
        OR EXISTS (SELECT 1 FROM actor_aliases al
                    WHERE al.actor_id = a.id AND LOWER(al.alias) = LOWER(CAST(:actor AS TEXT)))
)
SELECT me_actor.canonical_name AS actor,
       other.canonical_name AS counterpart,
       other.kind AS counterpart_kind,
       other.country_code AS counterpart_country,
       COUNT(DISTINCT e.id) AS events,
       COUNT(DISTINCT CASE WHEN e.status = 'occurred' THEN e.id END) AS occurred,
       COUNT(DISTINCT CASE WHEN e.status = 'planned' THEN e.id END) AS planned,
       MIN(e.date_start) AS first_date,
       MAX(COALESCE(e.date_end, e.date_start)) AS last_date
  FROM me
  JOIN actors me_actor ON me_actor.id = me.actor_id
  JOIN event_participants mine ON mine.actor_id = me.actor_id
  JOIN events e ON e.id = mine.event_id
  JOIN event_participants theirs ON theirs.event_id = e.id AND theirs.actor_id <> me.actor_id
  JOIN actors other ON other.id = theirs.actor_id
 WHERE e.type = 'CONSULT'
   AND (:date_from IS NULL OR e.date_end >= :date_from)
   AND (:date_to IS NULL OR e.date_start <= :date_to)
 GROUP BY me_actor.id, me_actor.canonical_name, other.id, other.canonical_name, other.kind, other.country_code
 ORDER BY me_actor.canonical_name, me_actor.id, COUNT(DISTINCT e.id) DESC, other.canonical_name, other.id
