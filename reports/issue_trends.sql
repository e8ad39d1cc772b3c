/* ---
name = "issue-trends"
title = "Issue trends"
description = "How often each issue comes up in events, month by month (by the month the event started)."

[[params]]
name = "issue"
type = "text"
help = "Only this issue (code, e.g. trade_tariffs)"

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
--- */
SELECT m.month, i.code AS issue, i.label AS issue_label, m.events
  -- The month is cut from the ISO text of the date because strftime and to_char are dialect specific.
  -- Undated events have no month and are left out; the data-quality report counts them.
  FROM (
  SELECT t.month, t.issue_id, SUM(t.events) AS events
  FROM (
    -- Counted per (day, issue) first, from event_issues alone: the event's date, status and rejected flag are
    -- copied onto each row (migration 0007, kept by triggers), and ix_event_issues_date_issue hands the rows
    -- over in (day, issue) order, so this grouping streams without a sort; only the day rows (about 30 per
    -- issue and month) are then grouped by month. (event_id, issue_id) is the key, so COUNT(*) counts events.
    SELECT SUBSTR(CAST(ei.event_date_start AS TEXT), 1, 7) AS month,
           ei.issue_id,
           COUNT(*) AS events
      FROM event_issues ei
     WHERE ei.event_date_start IS NOT NULL
       AND NOT ei.event_rejected
       AND (CAST(:issue AS TEXT) IS NULL
            OR ei.issue_id IN (SELECT i2.id FROM issues i2 WHERE i2.code = LOWER(CAST(:issue AS TEXT))))
       AND (:date_from IS NULL OR ei.event_date_end >= :date_from)
       AND (:date_to IS NULL OR ei.event_date_start <= :date_to)
       AND (CAST(:status AS TEXT) IS NULL OR ei.event_status = LOWER(CAST(:status AS TEXT)))
     GROUP BY ei.event_date_start, ei.issue_id
  ) t
   GROUP BY t.month, t.issue_id
  ) m
  JOIN issues i ON i.id = m.issue_id
 ORDER BY m.month, m.events DESC, i.code
