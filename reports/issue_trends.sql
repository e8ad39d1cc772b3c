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
--- */
SELECT t.month, i.code AS issue, i.label AS issue_label, t.events
  -- The month is cut from the ISO text of the date because strftime and to_char are dialect specific.
  -- Undated events have no month and are left out; the data-quality report counts them.
  FROM (
    -- Grouped on the issue id alone (names are joined to the few result rows): the sort SQLite needs for
    -- this GROUP BY is the report's main cost, and small keys keep it small.
    SELECT SUBSTR(CAST(e.date_start AS TEXT), 1, 7) AS month,
           ei.issue_id,
           -- COUNT(*) is the number of events: (event_id, issue_id) is event_issues' primary key.
           COUNT(*) AS events
      -- CROSS JOIN keeps SQLite to this order (PostgreSQL plans it as a join): event_issues in key order
      -- meets events in rowid order, so the lookups walk both tables once instead of jumping around them.
      FROM event_issues ei
     CROSS JOIN events e
     WHERE e.id = ei.event_id
       AND e.date_start IS NOT NULL
       AND NOT e.rejected
       AND (CAST(:issue AS TEXT) IS NULL
            OR ei.issue_id IN (SELECT i2.id FROM issues i2 WHERE i2.code = LOWER(CAST(:issue AS TEXT))))
       AND (:date_from IS NULL OR e.date_end >= :date_from)
       AND (:date_to IS NULL OR e.date_start <= :date_to)
       AND (CAST(:status AS TEXT) IS NULL OR e.status = LOWER(CAST(:status AS TEXT)))
     GROUP BY SUBSTR(CAST(e.date_start AS TEXT), 1, 7), ei.issue_id
  ) t
  JOIN issues i ON i.id = t.issue_id
 ORDER BY t.month, t.events DESC, i.code
