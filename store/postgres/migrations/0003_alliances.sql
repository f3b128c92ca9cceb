-- The world's alliances (ATOP): alliances and member rows, written from
-- alliance.add and alliance.member events, for SQL readers and the
-- state-year comparison. Days are counted from 1970-01-01; a membership is
-- the span [entry, exit), exit NULL while in effect on the alliance's
-- observed day.
CREATE TABLE p_alliances (
	id       text PRIMARY KEY,
	atopid   integer NOT NULL,
	began    text NOT NULL,
	ended    text,
	observed text NOT NULL,
	phases   integer NOT NULL,
	version  text NOT NULL,
	seq      bigint NOT NULL
);

CREATE TABLE p_alliance_members (
	seq            bigint PRIMARY KEY,
	alliance       text NOT NULL,
	phase          integer NOT NULL,
	state          text NOT NULL,
	cow            integer NOT NULL,
	entry          text NOT NULL,
	entry_earliest integer NOT NULL,
	entry_year     integer NOT NULL,
	exit_date      text,
	exit_latest    integer,
	exit_year      integer,
	defense        integer NOT NULL,
	offense        integer NOT NULL,
	neutral        integer NOT NULL,
	nonagg         integer NOT NULL,
	consul         integer NOT NULL,
	noothall       integer NOT NULL
);
CREATE INDEX p_alliance_members_alliance ON p_alliance_members (alliance, phase);
CREATE INDEX p_alliance_members_state ON p_alliance_members (state);
