// Package testenv is what csto's tests need from outside the repository,
// found one way for every package: the files of ../shared (the source
// article, ATOP 5.1, COW) and the PostgreSQL server of .ci/postgres.sh.
//
// A missing piece never aborts a developer's run and never passes CI:
// outside CI (CI unset or not "true") the test is skipped with a message
// naming what is missing and how to provide it; with CI=true it fails.
// Only tests import this package.
package testenv

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// CI reports whether the tests run under CI (CI=true), where nothing a
// test needs may be missing.
func CI() bool { return os.Getenv("CI") == "true" }

// Missing skips tb with msg, or fails it under CI.
func Missing(tb testing.TB, msg string) {
	tb.Helper()
	if CI() {
		tb.Fatal(msg + "\n(CI=true: a test that cannot run fails.)")
	}
	tb.Skip(msg)
}

var root struct {
	once sync.Once
	dir  string
	err  error
}

// moduleRoot is the folder of csto's go.mod, found from the working
// directory (a package's folder under go test).
func moduleRoot() (string, error) {
	root.once.Do(func() {
		d, err := os.Getwd()
		if err != nil {
			root.err = err
			return
		}
		for {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				root.dir = d
				return
			}
			up := filepath.Dir(d)
			if up == d {
				root.err = errors.New("no go.mod above the working directory")
				return
			}
			d = up
		}
	})
	return root.dir, root.err
}

// SharedDir is the shared folder the tests read: $CSTO_SHARED when set,
// else "shared" beside the project's root (../shared from the root).
func SharedDir() string {
	if d := os.Getenv("CSTO_SHARED"); d != "" {
		return d
	}
	r, err := moduleRoot()
	if err != nil {
		return filepath.Join("..", "shared")
	}
	return filepath.Join(filepath.Dir(r), "shared")
}

// Shared returns the path of rel (slash-separated, e.g.
// "data/atop/atop5_1m.csv") inside the shared folder when it exists;
// otherwise it skips tb, or fails it under CI, naming the folder.
func Shared(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(SharedDir(), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		Missing(tb, SharedMessage(rel, err))
	}
	return p
}

// SharedOK reports whether rel exists in the shared folder, for optional
// uses (a fuzz corpus seed, a benchmark input) that do without it.
func SharedOK(rel string) bool {
	_, err := os.Stat(filepath.Join(SharedDir(), filepath.FromSlash(rel)))
	return err == nil
}

// SharedMessage says which shared file is missing and what to do.
func SharedMessage(rel string, err error) string {
	return fmt.Sprintf("%s is missing from the shared folder %s (%v).\n"+
		"The dataset, importer, ATOP and rules tests read the source article, ATOP 5.1 and COW from the folder\n"+
		"`shared` beside the project's root (../shared), or from $CSTO_SHARED.", rel, SharedDir(), err)
}

// ReadShared returns the contents of rel in the shared folder; see Shared.
func ReadShared(tb testing.TB, rel string) []byte {
	tb.Helper()
	b, err := os.ReadFile(Shared(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// PostgresRecipe is the one spelling of how to provide the PostgreSQL
// server, used by every message that asks for it.
const PostgresRecipe = `eval "$(bash .ci/postgres.sh)"`

// PostgresMessage says why a PostgreSQL test did not run: the variable is
// unset, or .ci/postgres.sh failed and said why (CSTO_TEST_POSTGRES_ERROR).
func PostgresMessage() string {
	why := "CSTO_TEST_POSTGRES is not set"
	if e := os.Getenv("CSTO_TEST_POSTGRES_ERROR"); e != "" {
		why = ".ci/postgres.sh failed: " + e
	}
	return why + ". Run\n    " + PostgresRecipe + "\n" +
		"(as root or as a user with sudo; it installs and starts Debian's PostgreSQL and exports CSTO_TEST_POSTGRES),\n" +
		"then go test again. With CI=true this is a failure; CSTO_SKIP_POSTGRES=1 skips knowingly."
}

// PostgresSkipKnowingly reports whether CSTO_SKIP_POSTGRES=1 asks to skip
// the PostgreSQL tests even under CI.
func PostgresSkipKnowingly() bool { return os.Getenv("CSTO_SKIP_POSTGRES") == "1" }

// Postgres returns $CSTO_TEST_POSTGRES, the URL of a server whose role may
// create databases; without it, it skips tb (fails it under CI unless
// CSTO_SKIP_POSTGRES=1), saying how to run the tests.
func Postgres(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv("CSTO_TEST_POSTGRES")
	if u == "" {
		if CI() && !PostgresSkipKnowingly() {
			tb.Fatal(PostgresMessage())
		}
		tb.Skip(PostgresMessage())
	}
	return u
}
