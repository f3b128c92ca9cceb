package rules

import (
	"testing"

	"github.com/csto/csto/atop"
	"github.com/csto/csto/edtf"
)

// A claim that moves a date across a year boundary changes cells, and
// diffPanel names each: here a suspension claimed for 2013-01-05 instead
// of 2012-12-19 gives Uzbekistan (704) a state-year 2013 and the pair
// Russia–Uzbekistan a dyad-year 2013, and changes nothing else.
func TestDiffPanelUnderClaim(t *testing.T) {
	row := func(state int, entry, exit string) (atop.Member, rowBasis) {
		r := atop.Member{ATOPID: CuratedATOPID, State: state, Entry: edtf.MustParse(entry), Through: 2026}
		r.Version, r.Defense, r.Consul = ExportVersion, true, true
		r.YrEnt, _, _ = r.Entry.Earliest().Date()
		if exit != "" {
			r.Exit = edtf.MustParse(exit)
			r.YrExit, _, _ = r.Exit.Earliest().Date()
		} else {
			r.InEffect = true
		}
		return r, rowBasis{curated: true, certain: true}
	}
	var base, alt exportRows
	base.add(row(365, "1994-04-20", ""))
	base.add(row(704, "2006-06-23", "2012-12-19"))
	alt.add(row(365, "1994-04-20", ""))
	alt.add(row(704, "2006-06-23", "2013-01-05"))
	c := &claim{event: "csto:suspend:uzb:2012", date: "2013-01-05", state: 704, rows: alt}
	q := ExportQuery{Source: SourceCurated, From: 2011, To: 2014, ThisYear: 2026}

	d := diffPanel(PanelStateYear, atop.StateYearHeader(1), 1, base, c, q)
	got := map[cellKey][2]string{}
	for _, cell := range d.cells {
		got[cell.cellKey] = [2]string{cell.preferred, cell.claimed}
	}
	// Under the claim nothing ends in 2012: its TRANSYR becomes 0.
	for key, want := range map[cellKey][2]string{
		{704, 2013, "number"}:  {"(no row)", "1"},
		{704, 2013, "transyr"}: {"(no row)", "1"},
		{704, 2012, "transyr"}: {"1", "0"},
	} {
		if got[key] != want {
			t.Errorf("%v: %v, want %v", key, got[key], want)
		}
	}
	for key := range got {
		if key.id != 704 || key.year < 2012 || key.year > 2013 {
			t.Errorf("unexpected change %v", key)
		}
	}
	dd := diffPanel(PanelDyadYear, atop.DyadYearHeader(1, false), 1, base, c, q)
	found := false
	for _, cell := range dd.cells {
		found = found || cell.id == 365704 && cell.year == 2013 && cell.col == "number" && cell.claimed == "1"
	}
	if !found {
		t.Errorf("dyad 365704 2013 not reported: %+v", dd.cells)
	}
}
