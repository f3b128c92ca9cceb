package storetest

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// referenceEvent returns an event for a command of type typ with payload
// data; date is "" for the reference types (source.add, state.add).
func referenceEvent(t *testing.T, id, typ, date string, data any) csto.Event {
	t.Helper()
	raw, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	c := csto.Command{ID: id, Type: typ, Data: raw}
	if date != "" {
		c.Date = edtf.MustParse(date)
		c.Sources = []string{"src"}
		c.Text = csto.Text{AR: "تأسيس", EN: "founded", RU: "основана"}
	}
	body, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return csto.Event{CommandID: id, Type: typ, Date: c.Date, Actor: "test", Body: body}
}

func spell(status csto.Status, from, to string, seq int64) csto.Spell {
	sp := csto.Spell{State: "ARM", Org: "csto", Status: status, From: edtf.MustParse(from), Seq: seq}
	if to != "" {
		sp.To = edtf.MustParse(to)
	}
	return sp
}

// testProjections: appends write the projection rows of their events and
// replace the spells of the pairs they touch, in the same transaction as
// the events; Rebuild recreates them from the log.
func testProjections(t *testing.T, b Backend) {
	s, _ := b.Open(t)
	ctx := context.Background()
	name := csto.Text{AR: "أرمينيا", EN: "Armenia", RU: "Армения"}
	pair := []csto.Pair{{State: "ARM", Org: "csto"}}
	check := func(when string, want map[string]int) {
		t.Helper()
		for _, table := range slices.Sorted(maps.Keys(want)) {
			if n := b.Count(t, s, table); n != want[table] {
				t.Errorf("%s: %s has %d rows, want %d", when, table, n, want[table])
			}
		}
	}

	_, err := s.Append(ctx, 0, func([]csto.Event) ([]csto.Event, csto.Projection, error) {
		return []csto.Event{
				referenceEvent(t, "src", csto.CmdSourceAdd, "", csto.SourceAdd{ID: "src", Title: "A source"}),
				referenceEvent(t, "arm", csto.CmdStateAdd, "", csto.StateAdd{Code: "ARM", Name: name, ExistsFrom: edtf.MustParse("1991-09-21")}),
				referenceEvent(t, "csto", csto.CmdOrgAdd, "2002-10-07", csto.OrgAdd{ID: "csto", Name: name, Kind: "collective-defence"}),
				Event("e4"),
			}, csto.Projection{Pairs: pair, Spells: []csto.Spell{
				spell(csto.Signatory, "1992-05-15", "1994-04-20", 3),
				spell(csto.Member, "1994-04-20", "", 4),
			}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"p_sources": 1, "p_states": 1, "p_orgs": 1, "p_timeline": 2, "p_memberships": 2}
	check("after the first append", want)

	if _, err := s.Append(ctx, 4, func([]csto.Event) ([]csto.Event, csto.Projection, error) {
		return []csto.Event{Event("e5")}, csto.Projection{Pairs: pair, Spells: []csto.Spell{spell(csto.Member, "1994-04-20", "", 5)}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	want["p_timeline"], want["p_memberships"] = 3, 1
	check("after an append replacing the pair's spells", want)

	// The batch fails at its second event, a duplicate: the first event's
	// projection rows and the spells go too.
	_, err = s.Append(ctx, 5, func([]csto.Event) ([]csto.Event, csto.Projection, error) {
		return []csto.Event{
			referenceEvent(t, "src2", csto.CmdSourceAdd, "", csto.SourceAdd{ID: "src2", Title: "Another"}),
			Event("e5"),
		}, csto.Projection{Pairs: pair}, nil
	})
	if csto.ErrorKind(err) != csto.Conflict {
		t.Fatalf("append with a duplicate command: %v; want a conflict", err)
	}
	check("after a refused append", want)

	rebuilt := []csto.Spell{spell(csto.Signatory, "1992-05-15", "1994-04-20", 3), spell(csto.Member, "1994-04-20", "1999-04-02", 4),
		spell(csto.Former, "1999-04-02", "", 5)}
	if err := s.Rebuild(ctx, rebuilt); err != nil {
		t.Fatal(err)
	}
	want["p_memberships"] = 3
	check("after Rebuild", want)

	if err := s.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	want["p_memberships"] = 0
	check("after Rebuild with no spells", want)
	if err := s.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}
