package sqlstore

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one versioned schema change of a dialect.
type Migration struct {
	Version int
	Name    string // the file name, NNNN_what.sql
	SQL     string
}

// Migrations returns the files dir/*.sql of fsys in version order. A file
// is named NNNN_name.sql; versions must be unique and there must be at
// least one.
func Migrations(fsys fs.FS, dir string) ([]Migration, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.sql"))
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, n := range names {
		base := path.Base(n)
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a version number", base)
		}
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: base, SQL: string(b)})
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("no migrations in %s", dir)
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i := 1; i < len(ms); i++ {
		if ms[i].Version == ms[i-1].Version {
			return nil, fmt.Errorf("migrations %s and %s share version %d", ms[i-1].Name, ms[i].Name, ms[i].Version)
		}
	}
	return ms, nil
}

// CheckNotNewer refuses a database whose schema version (the highest
// applied) is newer than the latest of ms: an older binary must not write
// to a schema it does not know.
func CheckNotNewer(have int, ms []Migration) error {
	if latest := ms[len(ms)-1].Version; have > latest {
		return fmt.Errorf("database schema version %d is newer than this csto knows (%d): upgrade csto", have, latest)
	}
	return nil
}
