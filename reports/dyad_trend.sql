/* ---
name = "dyad-trend"
title = "Dyad trend: events between two sides by month, quad class and mean score"
description = """How two sides dealt with each other month by month (by the month the event started; undated events last, with no month): the events between them in each of PLOVER's quad classes and their mean conflict-cooperation score (-10 hostile .. +10 cooperative, etl/lexicons/plover_ontology.toml). A side (a or b) is an actor, matched by name or alias (any case); or a country, matched by its ISO alpha-3 code (USA) or by its name (country_names: the gazetteer's and ISO 3166's names, e.g. United States, Russia) or the name or alias of the country as an actor or a country place in the database: a country stands for the state itself and every actor whose country_code is that country. So a="United States", b=China counts the events of the US state or any US actor with China or any Chinese actor. An event counts when it has a participant on each side (two different actors) and one side acts on the other: the direction is 'a -> b' (written with the names as given, 'United States -> China') when a participant of side a is PLOVER's actor (source or participant) and one of side b its recipient (target), 'b -> a' the reverse, and 'a <-> b' when both sides act together with no recipient (a meeting) or each acts on the other. Events where both sides are recipients of a third party, or act together on one, are not between them and are left out."""

[[params]]
name = "a"
type = "text"
required = true
help = "One side: an actor by name or alias ('Joe Biden'), or a country by name or ISO code ('United States', 'USA')"

[[params]]
name = "b"
type = "text"
required = true
help = "The other side, the same way ('China', 'CHN', 'Xi Jinping')"

[[params]]
name = "date_from"
type = "date"
help = "Only events that may have been on or after this date (undated events are then left out)"

[[params]]
name = "date_to"
type = "date"
help = "Only events that may have been on or before this date (undated events are then left out)"

[[params]]
name = "status"
type = "text"
help = "occurred or planned (default: both)"
choices = ["occurred", "planned"]

[chart]
kind = "line"
x = "month"
lines = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]
secondary = "mean_score"
weight = "events"
--- */
WITH wanted (side, name) AS (
    VALUES ('a', LOWER(CAST(:a AS TEXT))), ('b', LOWER(CAST(:b AS TEXT)))
),
countries (side, code) AS (
    -- A side names a country by an ISO code some actor has, or by the name or alias of a country actor or place.
    SELECT w.side, UPPER(w.name) FROM wanted w
     WHERE LENGTH(w.name) = 3 AND EXISTS (SELECT 1 FROM actors a WHERE a.country_code = UPPER(w.name))
    UNION
    SELECT w.side, a.country_code FROM wanted w JOIN actors a ON LOWER(a.canonical_name) = w.name
     WHERE a.kind = 'COUNTRY' AND a.country_code IS NOT NULL
    UNION
    SELECT w.side, a.country_code FROM wanted w JOIN actor_aliases al ON LOWER(al.alias) = w.name
      JOIN actors a ON a.id = al.actor_id
     WHERE a.kind = 'COUNTRY' AND a.country_code IS NOT NULL
    UNION
    SELECT w.side, l.country_code FROM wanted w JOIN locations l ON LOWER(l.name) = w.name
     WHERE l.kind = 'country' AND l.country_code IS NOT NULL
    UNION
    SELECT w.side, n.code FROM wanted w JOIN country_names n ON n.name = w.name
),
members (side, actor_id) AS (
    -- A UNION of lookups rather than one OR, so that none forces a scan of another table.
    SELECT w.side, a.id FROM wanted w JOIN actors a ON LOWER(a.canonical_name) = w.name
    UNION
    SELECT w.side, al.actor_id FROM wanted w JOIN actor_aliases al ON LOWER(al.alias) = w.name
    UNION
    SELECT c.side, a.id FROM countries c JOIN actors a ON a.country_code = c.code
),
a_first (yes) AS (
    -- The pairs below start from the side with fewer actors (a person rather than a country and all its actors).
    SELECT (SELECT COUNT(*) FROM members WHERE side = 'a') <= (SELECT COUNT(*) FROM members WHERE side = 'b')
),
shared AS (
    -- Each participant of side a with each other participant of the same event of side b, from the indexes
    -- alone (ix_event_participants_actor_event, then the unique index on (event_id, actor_id); both hold the row
    -- ids), starting from the side with fewer actors; only one branch runs. CROSS JOIN keeps this order on
    -- SQLite, which would otherwise read every participant row, or probe each event for every actor of the
    -- other side (a country has hundreds) instead of reading its few participants.
    SELECT x.event_id, x.id AS x_id, y.id AS y_id
      FROM members ma
     CROSS JOIN event_participants x
     CROSS JOIN event_participants y
     CROSS JOIN members mb
     WHERE (SELECT yes FROM a_first)
       AND ma.side = 'a' AND x.actor_id = ma.actor_id
       AND y.event_id = x.event_id AND y.actor_id <> x.actor_id
       AND mb.side = 'b' AND mb.actor_id = y.actor_id
    UNION ALL
    SELECT x.event_id, x.id AS x_id, y.id AS y_id
      FROM members mb
     CROSS JOIN event_participants y
     CROSS JOIN event_participants x
     CROSS JOIN members ma
     WHERE NOT (SELECT yes FROM a_first)
       AND mb.side = 'b' AND y.actor_id = mb.actor_id
       AND x.event_id = y.event_id AND x.actor_id <> y.actor_id
       AND ma.side = 'a' AND ma.actor_id = x.actor_id
),
pairs AS (
    -- Who acts on whom in each of those events. PLOVER's recipient is the role target; its actor, the roles
    -- source and participant (v_event_participants.plover_role).
    SELECT s.event_id,
           MAX(CASE WHEN x.role <> 'target' AND y.role = 'target' THEN 1 ELSE 0 END) AS a_to_b,
           MAX(CASE WHEN y.role <> 'target' AND x.role = 'target' THEN 1 ELSE 0 END) AS b_to_a,
           MAX(CASE WHEN x.role <> 'target' AND y.role <> 'target' THEN 1 ELSE 0 END) AS together
      FROM shared s
     CROSS JOIN event_participants x
     CROSS JOIN event_participants y
     WHERE x.id = s.x_id AND y.id = s.y_id
     GROUP BY s.event_id
),
directed AS (
    SELECT p.event_id,
           -- Named as the sides were given: 'United States -> China', 'China -> United States',
           -- 'United States <-> China'.
           CASE WHEN p.a_to_b = 1 AND p.b_to_a = 0 THEN CAST(:a AS TEXT) || ' -> ' || CAST(:b AS TEXT)
                WHEN p.b_to_a = 1 AND p.a_to_b = 0 THEN CAST(:b AS TEXT) || ' -> ' || CAST(:a AS TEXT)
                ELSE CAST(:a AS TEXT) || ' <-> ' || CAST(:b AS TEXT) END AS direction
      FROM pairs p
     WHERE p.a_to_b = 1 OR p.b_to_a = 1
        -- Acting together is an exchange between them only when nobody is the recipient (a meeting, a clash).
        OR (p.together = 1 AND NOT EXISTS (SELECT 1 FROM event_participants r
                                             WHERE r.event_id = p.event_id AND r.role = 'target'))
),
monthly AS (
    -- The filters on the event come last, on the few events between the sides: a filter on the participant
    -- rows above would make SQLite read all of them first (into a Bloom filter).
    SELECT SUBSTR(CAST(e.date_start AS TEXT), 1, 7) AS month, d.direction, e.quad_class, e.plover_score
      FROM directed d
      JOIN events e ON e.id = d.event_id
     WHERE NOT e.rejected
       AND (:date_from IS NULL OR e.date_end >= :date_from)
       AND (:date_to IS NULL OR e.date_start <= :date_to)
       AND (CAST(:status AS TEXT) IS NULL OR e.status = LOWER(CAST(:status AS TEXT)))
)
SELECT m.month,
       m.direction,
       COUNT(*) AS events,
       SUM(CASE WHEN m.quad_class = 'verbal cooperation' THEN 1 ELSE 0 END) AS verbal_cooperation,
       SUM(CASE WHEN m.quad_class = 'material cooperation' THEN 1 ELSE 0 END) AS material_cooperation,
       SUM(CASE WHEN m.quad_class = 'verbal conflict' THEN 1 ELSE 0 END) AS verbal_conflict,
       SUM(CASE WHEN m.quad_class = 'material conflict' THEN 1 ELSE 0 END) AS material_conflict,
       -- Rounded as a decimal and handed back as a float, so both databases give the same number.
       CAST(ROUND(CAST(AVG(m.plover_score) AS NUMERIC), 2) AS DOUBLE PRECISION) AS mean_score
  FROM monthly m
 GROUP BY m.month, m.direction
 ORDER BY m.month IS NULL, m.month, m.direction
