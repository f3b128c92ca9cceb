package main

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// `csto timeline` and `csto state` print a page of events (100 unless
// --limit says otherwise) and, when more follow, the --after that prints
// the next: read page after page, they are the whole list --limit 0
// prints, in the same order.
func TestListsInPages(t *testing.T) {
	dir := sharedDir(t)
	seqs := func(args ...string) ([]int64, int64) {
		t.Helper()
		var v struct {
			Events []struct{ Seq int64 } `json:"events"`
			Next   int64                 `json:"next"`
		}
		if err := json.Unmarshal([]byte(mustRun(t, dir, append(args, "--json")...)), &v); err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, e := range v.Events {
			out = append(out, e.Seq)
		}
		return out, v.Next
	}
	for _, list := range [][]string{{"timeline"}, {"timeline", "--org", "csto", "--from", "2000"}, {"state", "RUS"}} {
		t.Run(strings.Join(list, " "), func(t *testing.T) {
			all, next := seqs(append(list, "--limit", "0")...)
			if next != 0 || len(all) < 30 {
				t.Fatalf("--limit 0: %d events, next %d; want every event (over 30) and no cursor", len(all), next)
			}
			if def, _ := seqs(list...); len(def) != min(len(all), 100) || !slices.Equal(def, all[:len(def)]) {
				t.Fatalf("no --limit: %d events, want the first %d", len(def), min(len(all), 100))
			}
			var got []int64
			after := int64(0)
			for range 100 {
				page, next := seqs(append(list, "--limit", "13", "--after", strconv.FormatInt(after, 10))...)
				got = append(got, page...)
				if next == 0 {
					break
				}
				if next != page[len(page)-1] {
					t.Fatalf("next %d is not the page's last event %d", next, page[len(page)-1])
				}
				after = next
			}
			if !slices.Equal(got, all) {
				t.Fatalf("pages of 13: %v\nwant %v", got, all)
			}
			// The text says how to go on, in the reader's language.
			out := mustRun(t, dir, append(list, "--limit", "13")...)
			first, _ := seqs(append(list, "--limit", "13")...)
			if !strings.HasSuffix(out, "\nMore follow: run the same command with --after "+strconv.FormatInt(first[12], 10)+"\n") {
				t.Errorf("the first page of 13 ends %q", out[max(0, len(out)-120):])
			}
			if out := mustRun(t, dir, append(list, "--limit", "13", "--lang", "ar")...); !strings.Contains(out, "أعد الأمر نفسه مع --after ") {
				t.Errorf("the Arabic page does not say how to go on: %q", out[max(0, len(out)-200):])
			}
			if out := mustRun(t, dir, append(list, "--limit", "0")...); strings.Contains(out, "--after") {
				t.Error("the whole list says more follow")
			}
		})
	}
}

// `csto exercises` pages the same way: by --after, the pages are the
// whole list.
func TestExercisesInPages(t *testing.T) {
	dir := sharedDir(t)
	ids := func(args ...string) ([]string, int64, int) {
		t.Helper()
		var v struct {
			Exercises []struct{ ID string } `json:"exercises"`
			Next      int64                 `json:"next"`
			Total     int                   `json:"total"`
		}
		if err := json.Unmarshal([]byte(mustRun(t, dir, append([]string{"exercises", "--json"}, args...)...)), &v); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, x := range v.Exercises {
			out = append(out, x.ID)
		}
		return out, v.Next, v.Total
	}
	all, next, total := ids("--limit", "0")
	if next != 0 || len(all) < 10 || total != len(all) {
		t.Fatalf("--limit 0: %d exercises of %d, next %d", len(all), total, next)
	}
	var got []string
	after := "0"
	for range 100 {
		page, next, total := ids("--limit", "4", "--after", after)
		if total != len(all) {
			t.Fatalf("a page says %d in all, want %d", total, len(all))
		}
		got = append(got, page...)
		if next == 0 {
			break
		}
		after = strconv.FormatInt(next, 10)
	}
	if !slices.Equal(got, all) {
		t.Fatalf("pages of 4: %v\nwant %v", got, all)
	}
	if _, errs, code := run(t, dir, "exercises", "--after", "3"); code != 2 || !strings.Contains(errs, "after: 3 is not the position of one of these exercises") {
		t.Errorf("--after 3: exit %d, %q", code, errs)
	}
}
