package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeMembersJSON: the README's exact line for `members --json` is
// what the command prints — one compact line, the documented prefix and
// then the rest of the members.
func TestReadmeMembersJSON(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("`members --json` prints exactly\\s+`([^`]+)`").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md no longer documents the exact line of `members --json`")
	}
	doc := string(m[1])
	prefix, ok := strings.CutSuffix(doc, ", …]}")
	if !ok {
		t.Fatalf("README's line %q: want it to end with \", …]}\"", doc)
	}
	out := mustRun(t, sharedDir(t), "members", "--at", "2008-07-22", "--json")
	if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "]}\n") {
		t.Errorf("members --json is not one line:\n%s", out)
	}
	if !strings.HasPrefix(out, prefix+",") {
		t.Errorf("members --json prints\n%s\nwhich does not begin as the README says:\n%s", out, prefix)
	}
}
