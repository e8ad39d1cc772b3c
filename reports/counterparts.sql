/* ---
name = "counterparts"
title = "Counterparts of an actor"
description = "Everyone one actor met (or is to meet) as a counterpart, never those on the same side: how many times, how many of those happened or are planned, and the first and last date."

[[params]]
name = "actor"
type = "text"
help = "The actor, by full name or any alias (e.g. 'Jake Sullivan' or 'Sullivan')"
required = true

[[params]]
name = "date_from"
type = "date"
help = "Only events that may have been on or after this date"

[[params]]
name = "date_to"
type = "date"
help = "Only events that may have been on or before this date"

[[params]]
name = "limit"
type = "int"
default = 1000
help = "At most this many rows (counterparts), most frequent first; raise it for more"
--- */
WITH me AS (
    -- Without an actor the report is empty: "everyone met everyone" is what actor-network answers.
    -- An alias shared by several actors (e.g. a surname) lists each matching actor's counterparts apart.
    -- A UNION of two lookups rather than one OR, so neither forces a scan of the other table.
    SELECT a.id AS actor_id FROM actors a WHERE LOWER(a.canonical_name) = LOWER(CAST(:actor AS TEXT))
    UNION
    SELECT al.actor_id FROM actor_aliases al WHERE LOWER(al.alias) = LOWER(CAST(:actor AS TEXT))
),
met AS (
    -- From the actor's own rows in ix_event_counterparts_actor (who met whom, kept by triggers: never two members
    -- of one side of an event) to each event. (event, counterpart) is unique per actor, so COUNT(*) counts events.
    SELECT me.actor_id,
           c.counterpart_id AS other_id,
           COUNT(*) AS events,
           SUM(CASE WHEN e.status = 'occurred' THEN 1 ELSE 0 END) AS occurred,
           SUM(CASE WHEN e.status = 'planned' THEN 1 ELSE 0 END) AS planned,
           MIN(e.date_start) AS first_date,
           MAX(COALESCE(e.date_end, e.date_start)) AS last_date
      FROM me
      JOIN event_counterparts c ON c.actor_id = me.actor_id
      JOIN events e ON e.id = c.event_id
     WHERE e.type = 'CONSULT'
       AND NOT e.rejected
       AND (:date_from IS NULL OR e.date_end >= :date_from)
       AND (:date_to IS NULL OR e.date_start <= :date_to)
     GROUP BY me.actor_id, c.counterpart_id
)
SELECT me_actor.canonical_name AS actor,
       other.canonical_name AS counterpart,
       other.kind AS counterpart_kind,
       other.country_code AS counterpart_country,
       met.events,
       met.occurred,
       met.planned,
       met.first_date,
       met.last_date
  FROM met
  JOIN actors me_actor ON me_actor.id = met.actor_id
  JOIN actors other ON other.id = met.other_id
 ORDER BY me_actor.canonical_name, me_actor.id, met.events DESC, other.canonical_name, other.id
 LIMIT :limit
