/* ---
name = "meetings-by-location"
title = "Meetings by location"
description = "Where meetings take place: per place, how many meetings, how many distinct participants, and the first and last date."

[[params]]
name = "date_from"
type = "date"
help = "Only meetings that may have been on or after this date (YYYY-MM-DD or '1 year ago')"

[[params]]
name = "date_to"
type = "date"
help = "Only meetings that may have been on or before this date (YYYY-MM-DD or 'today')"

[[params]]
name = "country"
type = "text"
help = "Only places in this country (ISO alpha-3, e.g. CHN)"

[[params]]
name = "status"
type = "text"
help = "occurred or planned (default: both)"
choices = ["occurred", "planned"]

[[params]]
name = "limit"
type = "int"
default = 1000
help = "At most this many rows (places), most meetings first; raise it for more"
--- */
SELECT r.location, r.country_code, r.location_kind, r.meetings, r.participants, r.first_date, r.last_date
  -- Events without a resolved place are left out here; the data-quality report counts them.
  FROM (
    -- Without date or status filters: place_meetings, the per-place summary that triggers keep current
    -- (migration 0008): meetings, first and last date, and distinct participants (the actors with a row in
    -- place_participants for the place). Reading it costs one row per place; the country applies to it directly.
    SELECT * FROM (
        SELECT l.name AS location, l.country_code, l.kind AS location_kind, pm.meetings, pm.participants,
               pm.first_date, pm.last_date, l.id AS location_id
          FROM place_meetings pm
          JOIN locations l ON l.id = pm.location_id
         WHERE :date_from IS NULL AND :date_to IS NULL AND CAST(:status AS TEXT) IS NULL
           AND pm.meetings > 0
           AND (CAST(:country AS TEXT) IS NULL OR l.country_code = UPPER(CAST(:country AS TEXT)))
         ORDER BY pm.meetings DESC, l.name, l.country_code, l.id
         LIMIT :limit
    ) summary
    UNION ALL
    -- With a date or status filter the summary cannot answer: the base tables. Per place, not per (place,
    -- participant) row: the events are counted from ix_events_location_cover alone, and the participants from
    -- ix_event_participants_place_actor alone (the event's place, type, status, dates and rejected flag are
    -- copied onto each participant row by triggers, migration 0007), which hands them over in actor order, so
    -- telling them apart needs no join and no sort.
    SELECT * FROM (
        SELECT l.name AS location,
               l.country_code,
               l.kind AS location_kind,
               COUNT(*) AS meetings,
               (SELECT COUNT(DISTINCT p.actor_id)
                  FROM event_participants p
                 WHERE p.event_location_id = l.id
                   AND p.event_type = 'CONSULT'
                   AND NOT p.event_rejected
                   AND (:date_from IS NULL OR p.event_date_end >= :date_from)
                   AND (:date_to IS NULL OR p.event_date_start <= :date_to)
                   AND (CAST(:status AS TEXT) IS NULL OR p.event_status = LOWER(CAST(:status AS TEXT)))
               ) AS participants,
               MIN(e.date_start) AS first_date,
               MAX(COALESCE(e.date_end, e.date_start)) AS last_date,
               l.id AS location_id
          FROM events e
          JOIN locations l ON l.id = e.location_id
         WHERE NOT (:date_from IS NULL AND :date_to IS NULL AND CAST(:status AS TEXT) IS NULL)
           AND e.type = 'CONSULT'
           AND NOT e.rejected
           AND (:date_from IS NULL OR e.date_end >= :date_from)
           AND (:date_to IS NULL OR e.date_start <= :date_to)
           AND (CAST(:country AS TEXT) IS NULL OR l.country_code = UPPER(CAST(:country AS TEXT)))
           AND (CAST(:status AS TEXT) IS NULL OR e.status = LOWER(CAST(:status AS TEXT)))
         GROUP BY l.id, l.name, l.country_code, l.kind
         ORDER BY COUNT(*) DESC, l.name, l.country_code, l.id
         LIMIT :limit
    ) base
  ) r
 ORDER BY r.meetings DESC, r.location, r.country_code, r.location_id
 LIMIT :limit
