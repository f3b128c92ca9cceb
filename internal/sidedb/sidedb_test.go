package sidedb_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/csto/csto/internal/sidedb"
)

func TestRebind(t *testing.T) {
	q := `SELECT a FROM t WHERE b = ? AND c = ?`
	if got := sidedb.Rebind(q, false); got != q {
		t.Errorf("SQLite: %q", got)
	}
	if got := sidedb.Rebind(q, true); got != `SELECT a FROM t WHERE b = $1 AND c = $2` {
		t.Errorf("PostgreSQL: %q", got)
	}
}

func TestMigrateOnceAndRefuseNewer(t *testing.T) {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	ms := []string{`CREATE TABLE a (id INTEGER PRIMARY KEY)`, `CREATE TABLE b (id INTEGER PRIMARY KEY)`}
	for range 2 { // the second run applies nothing
		if err := sidedb.Migrate(ctx, db, false, 1, "x_schema", "the x tables", ms); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM x_schema`).Scan(&n)
	if n != 2 {
		t.Fatalf("%d versions recorded, want 2", n)
	}
	err = sidedb.Migrate(ctx, db, false, 1, "x_schema", "the x tables", ms[:1])
	if err == nil || !strings.Contains(err.Error(), "the x tables are newer than this csto") {
		t.Fatalf("an older csto on newer tables: %v", err)
	}
}
