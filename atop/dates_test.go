package atop

import (
	"testing"

	"github.com/csto/csto/edtf"
)

func TestDate(t *testing.T) {
	for _, c := range []struct {
		y, m, d   int
		want      string
		precision edtf.Precision
		err       string
	}{
		{1992, 5, 15, "1992-05-15", edtf.PrecisionDay, ""},
		{1992, 2, 29, "1992-02-29", edtf.PrecisionDay, ""},
		{1992, 5, 0, "1992-05", edtf.PrecisionMonth, ""}, // unknown day
		{1992, 0, 0, "1992", edtf.PrecisionYear, ""},     // unknown month
		{1815, 1, 1, "1815-01-01", edtf.PrecisionDay, ""},
		{2018, 12, 31, "2018-12-31", edtf.PrecisionDay, ""},
		{1993, 2, 29, "", 0, "1993-02 has no day 29"},
		{1992, 4, 31, "", 0, "1992-04 has no day 31"},
		{1992, 0, 3, "", 0, "day 3 is given but the month is not"},
		{1992, 13, 1, "", 0, "month 13 is out of range"},
		{1814, 12, 31, "", 0, "year 1814 is outside ATOP's years 1815–2018"},
		{2019, 1, 1, "", 0, "year 2019 is outside ATOP's years 1815–2018"},
		{0, 0, 0, "", 0, "year 0 is outside ATOP's years 1815–2018"},
	} {
		d, err := Date(c.y, c.m, c.d)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("Date(%d, %d, %d): error %v, want %s", c.y, c.m, c.d, err, c.err)
			}
			continue
		}
		if err != nil || d.String() != c.want || d.Precision() != c.precision {
			t.Errorf("Date(%d, %d, %d) = %q (%v), %v; want %q (%v)", c.y, c.m, c.d, d, d.Precision(), err, c.want, c.precision)
		}
	}
	// An imprecise date covers its whole month or year.
	d, _ := Date(1992, 5, 0)
	if d.Earliest().String() != "1992-05-01" || d.Latest().String() != "1992-05-31" {
		t.Errorf("1992-05 covers %s–%s", d.Earliest(), d.Latest())
	}
	if DatasetEnd.String() != "2018-12-31" {
		t.Errorf("DatasetEnd = %s", DatasetEnd)
	}
}
