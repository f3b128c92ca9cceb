// Package sqlstore holds what the SQL implementations of csto.Store
// (store/sqlite, store/postgres) share: reading their embedded migration
// files, sealing events into the hash chain and checking it, and writing
// the relational projections. Statements use $1, $2, … placeholders,
// which PostgreSQL and SQLite (modernc.org/sqlite binds $NNN by position)
// both accept.
package sqlstore
