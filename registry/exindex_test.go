package registry

import (
	"slices"
	"testing"
)

// uniq drops repeats and keeps the order; a list without repeats is
// returned as it is, not copied.
func TestUniq(t *testing.T) {
	for _, tc := range []struct{ in, want []string }{
		{nil, nil},
		{[]string{"RUS"}, []string{"RUS"}},
		{[]string{"RUS", "KAZ", "ARM"}, []string{"RUS", "KAZ", "ARM"}},
		{[]string{"RUS", "RUS"}, []string{"RUS"}},
		{[]string{"RUS", "KAZ", "RUS", "ARM", "KAZ"}, []string{"RUS", "KAZ", "ARM"}},
		{[]string{"KAZ", "RUS", "ARM", "ARM"}, []string{"KAZ", "RUS", "ARM"}},
	} {
		in := slices.Clone(tc.in)
		got := uniq(in)
		if !slices.Equal(got, tc.want) || !slices.Equal(in, tc.in) {
			t.Errorf("uniq(%q) = %q, left %q; want %q", tc.in, got, in, tc.want)
		}
		if len(got) == len(in) && len(in) > 0 && &got[0] != &in[0] {
			t.Errorf("uniq(%q) copied a list without repeats", tc.in)
		}
	}
}
