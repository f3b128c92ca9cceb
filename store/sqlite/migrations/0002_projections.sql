-- Projections: relational read models derived from the log in the same
-- transaction as the events. `csto db rebuild` recreates them.
CREATE TABLE p_sources (
	id        TEXT PRIMARY KEY,
	title     TEXT NOT NULL,
	publisher TEXT NOT NULL,
	published TEXT NOT NULL,
	url       TEXT NOT NULL,
	seq       INTEGER NOT NULL
) STRICT;

CREATE TABLE p_states (
	code        TEXT PRIMARY KEY,
	cow         INTEGER,
	wikidata    TEXT NOT NULL,
	name_ar     TEXT NOT NULL,
	name_en     TEXT NOT NULL,
	name_ru     TEXT NOT NULL,
	exists_from TEXT NOT NULL,
	seq         INTEGER NOT NULL
) STRICT;

CREATE TABLE p_orgs (
	id      TEXT PRIMARY KEY,
	kind    TEXT NOT NULL,
	name_ar TEXT NOT NULL,
	name_en TEXT NOT NULL,
	name_ru TEXT NOT NULL,
	founded TEXT NOT NULL,
	seq     INTEGER NOT NULL
) STRICT;

-- One row per dated event, for SQL readers of the chronology.
CREATE TABLE p_timeline (
	seq      INTEGER PRIMARY KEY,
	type     TEXT NOT NULL,
	date     TEXT NOT NULL,
	earliest INTEGER NOT NULL,
	latest   INTEGER NOT NULL,
	text_ar  TEXT NOT NULL,
	text_en  TEXT NOT NULL,
	text_ru  TEXT NOT NULL,
	sources  TEXT NOT NULL
) STRICT;
CREATE INDEX p_timeline_earliest ON p_timeline (earliest);

-- Membership spells: status of a state in an organization from a date
-- (inclusive) until a date (exclusive; NULL while it holds). Days are
-- counted from 1970-01-01.
CREATE TABLE p_memberships (
	state         TEXT NOT NULL,
	org           TEXT NOT NULL,
	status        TEXT NOT NULL,
	from_date     TEXT NOT NULL,
	from_earliest INTEGER NOT NULL,
	from_latest   INTEGER NOT NULL,
	to_date       TEXT,
	to_earliest   INTEGER,
	to_latest     INTEGER,
	seq           INTEGER NOT NULL,
	PRIMARY KEY (state, org, seq)
) STRICT;
CREATE INDEX p_memberships_org ON p_memberships (org, from_earliest);
