package latin

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	c, err := New(map[string]bool{"aljazeera-2022-01-06": true, "csc-2022-01-10": true, "csto": true, "csto:join:uzb:2006": true})
	if err != nil {
		t.Fatal(err)
	}
	c.Quote("Report on the 2022 summit")
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"المصادر: aljazeera-2022-01-06، csc-2022-01-10", nil},
		{"ARM KAZ 19XX COW 365 ATOP 5.1 (24.kg)", nil},
		{"قراءة preferred guam:join:uzb", []string{"preferred", "guam:join:uzb"}},
		{"رواية أخرى (actors = Taliban، Islamic State)", []string{"actors", "Taliban", "Islamic", "State"}},
		{"CST Art. 6", []string{"Art"}}, // three capitals pass as a code
		{"Arm", []string{"Arm"}},
		{"csto  2006-06-23  csto:join:uzb:2006", nil},
		{"مصدر: Report on the 2022 summit (Report)", []string{"Report"}},
	} {
		if got := c.Words(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("Words(%q) = %q; want %q", tc.text, got, tc.want)
		}
	}
}
