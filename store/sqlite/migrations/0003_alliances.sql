-- The world's alliances (ATOP): alliances and member rows, written from
-- alliance.add and alliance.member events, for SQL readers and the
-- state-year comparison. Days are counted from 1970-01-01; a membership is
-- the span [entry, exit), exit NULL while in effect on the alliance's
-- observed day.
CREATE TABLE p_alliances (
	id       TEXT PRIMARY KEY,
	atopid   INTEGER NOT NULL,
	began    TEXT NOT NULL,
	ended    TEXT,
	observed TEXT NOT NULL,
	phases   INTEGER NOT NULL,
	version  TEXT NOT NULL,
	seq      INTEGER NOT NULL
) STRICT;

CREATE TABLE p_alliance_members (
	seq            INTEGER PRIMARY KEY,
	alliance       TEXT NOT NULL,
	phase          INTEGER NOT NULL,
	state          TEXT NOT NULL,
	cow            INTEGER NOT NULL,
	entry          TEXT NOT NULL,
	entry_earliest INTEGER NOT NULL,
	entry_year     INTEGER NOT NULL,
	exit_date      TEXT,
	exit_latest    INTEGER,
	exit_year      INTEGER,
	defense        INTEGER NOT NULL,
	offense        INTEGER NOT NULL,
	neutral        INTEGER NOT NULL,
	nonagg         INTEGER NOT NULL,
	consul         INTEGER NOT NULL,
	noothall       INTEGER NOT NULL
) STRICT;
CREATE INDEX p_alliance_members_alliance ON p_alliance_members (alliance, phase);
CREATE INDEX p_alliance_members_state ON p_alliance_members (state);
