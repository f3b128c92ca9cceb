-- The event log: append-only, hash-chained. The triggers refuse any
-- UPDATE, DELETE or TRUNCATE, so only someone bypassing csto (the
-- table's owner disabling them) can alter a row, and `csto verify`
-- finds it.
CREATE TABLE events (
	seq        bigint      PRIMARY KEY CHECK (seq > 0),
	command_id text        NOT NULL CONSTRAINT events_command_id_key UNIQUE,
	type       text        NOT NULL,
	date       text        NOT NULL,
	earliest   integer,    -- days since 1970-01-01; NULL for no date
	latest     integer,
	recorded   timestamptz NOT NULL, -- microseconds, as hashed
	actor      text        NOT NULL,
	body       text        NOT NULL, -- the exact bytes hashed (jsonb would normalize them)
	prev_hash  text        NOT NULL,
	hash       text        NOT NULL
);

CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'events are append-only' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
	FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_append_only_truncate BEFORE TRUNCATE ON events
	FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
