package dataset

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// The IDs Lacks checks are those of the commands Load appends, in order.
func TestReadIDsAreTheCommands(t *testing.T) {
	cmds, err := Commands()
	if err != nil {
		t.Fatal(err)
	}
	ids, err := readIDs(history)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, len(cmds))
	for i := range cmds {
		want[i] = cmds[i].ID
	}
	if len(want) < 400 || !slices.Equal(ids, want) {
		t.Fatalf("%d IDs, want the %d commands' in their order", len(ids), len(want))
	}
	bad := fstest.MapFS{
		"history/10-a.json": {Data: []byte(`[{"id":"a"},{"id":"b"}]`)},
		"history/05-b.json": {Data: []byte(`[{"id":"c"}]`)},
	}
	if ids, err := readIDs(bad); err != nil || !slices.Equal(ids, []string{"c", "a", "b"}) {
		t.Fatalf("%q, %v: want the files by name", ids, err)
	}
	bad["history/20-c.json"] = &fstest.MapFile{Data: []byte(`[{"id":`)}
	if _, err := readIDs(bad); err == nil || !strings.Contains(err.Error(), "history/20-c.json") {
		t.Fatalf("a malformed file: %v, want it named", err)
	}
}
