-- 0011: the day's list as it first stood each day (issue 17). How many
-- check-ins were due on a past day cannot be computed again (it depended on
-- the settings, contacts and purchases of that day), so the first full
-- recompute of each day records it here, and Insights compares it week by
-- week with the clients contacted on those days. Days before this version,
-- and days the app was not opened, have no row. Never edit this file once
-- shipped.
CREATE TABLE day_plans (
    day      TEXT    PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    planned  INTEGER NOT NULL CHECK (planned >= 0),  -- model.DayPlan.Planned: the day's list
    due      INTEGER NOT NULL CHECK (due >= 0),      -- every client due or overdue then
    capacity INTEGER NOT NULL CHECK (capacity >= 0), -- the setting then
    done     INTEGER NOT NULL CHECK (done >= 0)      -- clients already contacted that day then
) WITHOUT ROWID;
