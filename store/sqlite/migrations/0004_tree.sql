-- The transparency log: the Merkle tree over the events as tlog's stored
-- hashes (golang.org/x/mod/sumdb/tlog.StoredHashIndex → hash), written in
-- the same transaction as the events and rebuilt from them by
-- `csto db rebuild`. A log from before this table gets its tree when
-- csto next opens it for writing.
CREATE TABLE tree_hashes (
	idx  INTEGER PRIMARY KEY,
	hash BLOB    NOT NULL
) STRICT;
