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
SELECT t.month, t.issue, t.issue_label, t.events
  -- The month is cut from the ISO text of the date because strftime and to_char are dialect specific.
  -- Undated events have no month and are left out; the data-quality report counts them.
  FROM (
    SELECT SUBSTR(CAST(e.date_start AS TEXT), 1, 7) AS month,
           i.code AS issue,
           i.label AS issue_label,
           COUNT(DISTINCT e.id) AS events
      FROM events e
      JOIN event_issues ei ON ei.event_id = e.id
      JOIN issues i ON i.id = ei.issue_id
     WHERE e.date_start IS NOT NULL
       AND (CAST(:issue AS TEXT) IS NULL OR i.code = LOWER(CAST(:issue AS TEXT)))
       AND (:date_from IS NULL OR e.date_end >= :date_from)
       AND (:date_to IS NULL OR e.date_start <= :date_to)
       AND (CAST(:status AS TEXT) IS NULL OR e.status = LOWER(CAST(:status AS TEXT)))
     GROUP BY SUBSTR(CAST(e.date_start AS TEXT), 1, 7), i.id, i.code, i.label
  ) t
 ORDER BY t.month, t.events DESC, t.issue
