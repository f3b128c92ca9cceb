-- The event log: append-only, hash-chained. The triggers refuse any
-- UPDATE or DELETE, so only someone bypassing csto can alter a row, and
-- `csto verify` finds it.
CREATE TABLE events (
	seq        INTEGER PRIMARY KEY,
	command_id TEXT    NOT NULL UNIQUE,
	type       TEXT    NOT NULL,
	date       TEXT    NOT NULL,
	earliest   INTEGER,
	latest     INTEGER,
	recorded   TEXT    NOT NULL,
	actor      TEXT    NOT NULL,
	body       TEXT    NOT NULL,
	prev_hash  TEXT    NOT NULL,
	hash       TEXT    NOT NULL
) STRICT;

CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
