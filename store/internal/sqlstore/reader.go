package sqlstore

import "errors"

// ErrNeedsSetup is what a reader's open answers for a database that a
// reader may not use as it is: missing, without the log's tables, or with
// a schema this binary would migrate. The caller opens it for writing
// instead (which creates, migrates and loads what is missing), once.
var ErrNeedsSetup = errors.New("the database needs setting up (created or migrated) before it is read")

// Current reports whether a schema whose schema_migrations table holds
// count versions, the largest have, is the one ms describes; a newer one
// is CheckNotNewer's error.
func Current(have, count int, ms []Migration) (bool, error) {
	if err := CheckNotNewer(have, ms); err != nil {
		return false, err
	}
	return have == ms[len(ms)-1].Version && count == len(ms), nil
}
