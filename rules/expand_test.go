package rules

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/csto/csto/atop"
)

// The expansions used after 2018 follow the atop package's rules exactly:
// on the whole of ATOP, with 2018 as the last year of open memberships,
// they give the atop package's rows.
func TestExpandSameAsATOP(t *testing.T) {
	d, err := atop.Load(filepath.Join("../../shared/data", "atop"))
	if err != nil {
		t.Fatalf("the test needs ATOP 5.1 at ../../shared/data/atop (CI has it): %v", err)
	}
	ms := d.Members()
	same := func(what string, a, b any) {
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differ", what)
		}
	}
	same("state-years", expandStateYears(ms, 1815, 2018, 2018), atop.StateYears(ms, 1815, 2018))
	same("dyad-years", expandDyadYears(ms, 1815, 2018, 2018, false), atop.DyadYears(ms, 1815, 2018, false))
	same("directed dyad-years", expandDyadYears(ms, 1815, 2018, 2018, true), atop.DyadYears(ms, 1815, 2018, true))
	same("state-years 1990–2000", expandStateYears(ms, 1990, 2000, 2018), atop.StateYears(ms, 1990, 2000))
}
