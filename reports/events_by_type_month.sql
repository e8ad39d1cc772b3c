/* ---
name = "events-by-type-month"
title = "Events by type, mode and month"
description = "How many events of each PLOVER type and mode there were each month (by the month the event started; undated events last, with no month)."

[[params]]
name = "type"
type = "text"
help = "Only this PLOVER event type (default: every type)"
choices = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
           "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]

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
--- */
SELECT t.month, t.type, t.mode, SUM(t.events) AS events, SUM(t.occurred) AS occurred, SUM(t.planned) AS planned
  -- Undated events are kept (month NULL) so the counts add up to every event.
  -- Counted per day first: ix_events_date_cover hands the events over in (date_start, type, mode) order, so
  -- that grouping streams without a sort; only the few thousand day rows are then grouped by month.
  FROM (
    SELECT SUBSTR(CAST(e.date_start AS TEXT), 1, 7) AS month,
           e.type,
           e.mode,
           COUNT(*) AS events,
           SUM(CASE WHEN e.status = 'occurred' THEN 1 ELSE 0 END) AS occurred,
           SUM(CASE WHEN e.status = 'planned' THEN 1 ELSE 0 END) AS planned
      FROM events e
     WHERE NOT e.rejected
       AND (CAST(:type AS TEXT) IS NULL OR e.type = CAST(:type AS TEXT))
       AND (:date_from IS NULL OR e.date_end >= :date_from)
       AND (:date_to IS NULL OR e.date_start <= :date_to)
       AND (CAST(:status AS TEXT) IS NULL OR e.status = LOWER(CAST(:status AS TEXT)))
     GROUP BY e.date_start, e.type, e.mode
  ) t
 GROUP BY t.month, t.type, t.mode
 ORDER BY t.month IS NULL, t.month, t.type, t.mode IS NULL, t.mode
