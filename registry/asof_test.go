package registry

import (
	"reflect"
	"slices"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

func sameMembers(a, b MemberList) bool {
	return a.Org == b.Org && a.At == b.At && slices.Equal(a.Members.rows, b.Members.rows)
}

// TestMembersAsOf checks the kept answers of Members (asof.go) against
// statusAt over every spell, on histories of up to seven changes on dates
// of every EDTF form: on each cut day, the days either side of it, and
// random dates, precise and not, asked twice and in two languages.
func TestMembersAsOf(t *testing.T) {
	g := newGen(11)
	m := g.model(0)
	for _, s := range m.States {
		s.Name = csto.Text{EN: s.Code + " (en)", RU: s.Code + " (ru)"}
	}
	for _, o := range g.orgs {
		om := m.index().members[o]
		if om == nil || len(om.cuts) < 10 {
			t.Fatalf("%s: too few cuts to test (%v)", o, om)
		}
		var dates []edtf.Date
		for _, c := range om.cuts {
			for _, d := range []edtf.Day{c - 1, c, c + 1} {
				dates = append(dates, edtf.FromDay(d))
			}
		}
		for range 2000 {
			dates = append(dates, g.date())
		}
		for _, at := range dates {
			for _, lang := range []csto.Lang{"en", "ru", "en"} {
				got, err := m.Members(o, at, lang)
				if err != nil {
					t.Fatal(err)
				}
				if want := scanMembers(m, o, at, lang); !sameMembers(got, want) {
					t.Fatalf("Members(%s, %s, %s) = %v, statusAt over the spells %v", o, at, lang, got.Members.rows, want.Members.rows)
				}
			}
		}
	}
}

// TestMembersShared: two questions about the same period share the rows,
// and what a caller does with the rows it was given changes no other
// caller's answer.
func TestMembersShared(t *testing.T) {
	g := newGen(12)
	m := g.model(0)
	at, _ := edtf.Parse("2010-06-01")
	a, _ := m.Members("csto", at, "en")
	b, _ := m.Members("csto", at, "en")
	if a.Members.Len() == 0 {
		t.Fatal("no members on 2010-06-01: nothing to test")
	}
	if &a.Members.rows[0] != &b.Members.rows[0] {
		t.Error("the same question built its rows again")
	}
	want := a.Members.At(0)
	r := a.Members.At(0)
	r.State = "XXX"
	s := a.Members.Slice()
	s[0].Name = "changed"
	for _, row := range a.Members.All() {
		row.Status = "changed"
	}
	if c, _ := m.Members("csto", at, "en"); c.Members.At(0) != want {
		t.Errorf("a caller changed the shared rows: %+v, want %+v", c.Members.At(0), want)
	}
}

// TestStatePages: the pages of a state's record, followed by their
// cursors, are its whole record, in order, each with the memberships.
func TestStatePages(t *testing.T) {
	g := newGen(13)
	m := g.model(3000)
	whole, err := m.State("KAZ", Page{}, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(whole.Events) < 200 || whole.Next != 0 {
		t.Fatalf("the whole record: %d events, next %d", len(whole.Events), whole.Next)
	}
	var got []EntryView
	p := Page{Limit: 37}
	for pages := 0; ; pages++ {
		v, err := m.State("KAZ", p, "en")
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Events) > p.Limit || !reflect.DeepEqual(v.Memberships, whole.Memberships) {
			t.Fatalf("page %d: %d events (limit %d), memberships %v", pages, len(v.Events), p.Limit, v.Memberships)
		}
		got = append(got, v.Events...)
		if v.Next == 0 {
			break
		}
		p.After = v.Next
	}
	if !reflect.DeepEqual(got, whole.Events) {
		t.Fatalf("the pages hold %d events, the whole record %d", len(got), len(whole.Events))
	}
	if _, err := m.State("KAZ", Page{After: 1 << 40, Limit: 10}, "en"); csto.ErrorKind(err) != csto.Invalid {
		t.Errorf("a cursor that is no entry's position: %v, want an invalid-input error", err)
	}
}
