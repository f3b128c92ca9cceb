-- Projections: relational read models derived from the log in the same
-- transaction as the events. `csto db rebuild` recreates them. Days are
-- counted from 1970-01-01.
CREATE TABLE p_sources (
	id        text PRIMARY KEY,
	title     text NOT NULL,
	publisher text NOT NULL,
	published text NOT NULL,
	url       text NOT NULL,
	seq       bigint NOT NULL
);

CREATE TABLE p_states (
	code        text PRIMARY KEY,
	cow         integer,
	wikidata    text NOT NULL,
	name_ar     text NOT NULL,
	name_en     text NOT NULL,
	name_ru     text NOT NULL,
	exists_from text NOT NULL,
	seq         bigint NOT NULL
);

CREATE TABLE p_orgs (
	id      text PRIMARY KEY,
	kind    text NOT NULL,
	name_ar text NOT NULL,
	name_en text NOT NULL,
	name_ru text NOT NULL,
	founded text NOT NULL,
	seq     bigint NOT NULL
);

-- One row per dated event, for SQL readers of the chronology.
CREATE TABLE p_timeline (
	seq      bigint PRIMARY KEY,
	type     text NOT NULL,
	date     text NOT NULL,
	earliest integer NOT NULL,
	latest   integer NOT NULL,
	text_ar  text NOT NULL,
	text_en  text NOT NULL,
	text_ru  text NOT NULL,
	sources  jsonb NOT NULL -- array of source ids
);
CREATE INDEX p_timeline_earliest ON p_timeline (earliest);

-- Membership spells: status of a state in an organization from a date
-- (inclusive) until a date (exclusive; NULL while it holds).
CREATE TABLE p_memberships (
	state         text NOT NULL,
	org           text NOT NULL,
	status        text NOT NULL,
	from_date     text NOT NULL,
	from_earliest integer NOT NULL,
	from_latest   integer NOT NULL,
	to_date       text,
	to_earliest   integer,
	to_latest     integer,
	seq           bigint NOT NULL,
	PRIMARY KEY (state, org, seq)
);
CREATE INDEX p_memberships_org ON p_memberships (org, from_earliest);
