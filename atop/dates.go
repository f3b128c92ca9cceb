package atop

import (
	"fmt"

	"github.com/csto/csto/edtf"
)

// The years ATOP 5.1 covers ("available for the years 1815–2018
// inclusive").
const (
	FirstYear = 1815
	LastYear  = 2018
)

// DatasetEnd is the last day ATOP 5.1 observes, 2018-12-31. A membership
// with no exit (INEFFECT = 1) was in force on that day; the data say
// nothing about it afterwards.
var DatasetEnd = edtf.FromDay(edtf.DayOf(LastYear, 12, 31))

// Date converts ATOP's year, month and day numbers to an EDTF date, by
// the rules in the package documentation: day 0 gives a month-precision
// date ("1992-05"), month 0 a year-precision date ("1992"); a day without
// a month, a day the month does not have, and a year outside 1815–2018 are
// errors. Year 0 (no exit) is not a date: callers handle it first.
func Date(year, month, day int) (edtf.Date, error) {
	switch {
	case year < FirstYear || year > LastYear:
		return edtf.Date{}, fmt.Errorf("year %d is outside ATOP's years %d–%d", year, FirstYear, LastYear)
	case month < 0 || month > 12:
		return edtf.Date{}, fmt.Errorf("month %d is out of range", month)
	case month == 0 && day != 0:
		return edtf.Date{}, fmt.Errorf("day %d is given but the month is not", day)
	case month == 0:
		return edtf.Parse(fmt.Sprintf("%04d", year))
	case day == 0:
		return edtf.Parse(fmt.Sprintf("%04d-%02d", year, month))
	}
	d := edtf.DayOf(year, month, day)
	if y, m, _ := d.Date(); y != year || m != month || day < 1 {
		return edtf.Date{}, fmt.Errorf("%04d-%02d has no day %d", year, month, day)
	}
	return edtf.FromDay(d), nil
}
