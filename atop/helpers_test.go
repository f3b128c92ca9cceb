package atop

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// records returns the records of a fixture in testdata, header first.
func records(t testing.TB, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// csvText writes records back as CSV.
func csvText(t testing.TB, recs [][]string) string {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// withValue returns a copy of recs in which column col of record row
// (0 is the header, so row r is on line r+1) is val.
func withValue(t testing.TB, recs [][]string, row int, col, val string) [][]string {
	t.Helper()
	i := slices.Index(recs[0], col)
	if i < 0 {
		t.Fatalf("no column %q", col)
	}
	out := make([][]string, len(recs))
	for k, r := range recs {
		out[k] = slices.Clone(r)
	}
	out[row][i] = val
	return out
}

// readMembersText reads members from CSV text, strictly, naming the file.
func readMembersText(t testing.TB, text string) ([]Member, error) {
	t.Helper()
	ms, _, err := Options{Name: MembersFile}.ReadMembers(strings.NewReader(text))
	return ms, err
}

// fixtureMembers reads testdata/members.csv.
func fixtureMembers(t testing.TB) []Member {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "members.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ms, err := ReadMembers(f)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func writeFile(t testing.TB, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
