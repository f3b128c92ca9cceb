package edtf

import (
	"fmt"
	"time"
)

// Day is a calendar day in the proleptic Gregorian calendar, counted from
// 1970-01-01 (day 0); earlier days are negative. Days compare with < and ==.
type Day int32

// The range of days an EDTF value can describe (years 0000–9999).
const (
	MinDay Day = -719528 // 0000-01-01
	MaxDay Day = 2932896 // 9999-12-31
)

// DayOf returns the day for a year, month and day of the month. Like
// time.Date it normalizes out-of-range months and days: DayOf(2022, 2, 29)
// is 2022-03-01 and DayOf(2022, 13, 1) is 2023-01-01. Years outside
// 0000–9999 are computed but lie outside [MinDay, MaxDay].
func DayOf(year, month, day int) Day {
	m0 := month - 1
	year += floorDiv(m0, 12)
	month = m0 - floorDiv(m0, 12)*12 + 1
	return Day(daysFromCivil(year, month, 1) + day - 1)
}

// DayFromTime returns the day of t's year, month and day in t's own location
// (not converted to UTC).
func DayFromTime(t time.Time) Day {
	y, m, d := t.Date()
	return DayOf(y, int(m), d)
}

// Date returns the year, month (1–12) and day of the month (1–31) of d.
func (d Day) Date() (year, month, day int) {
	// Howard Hinnant's civil_from_days.
	z := int(d) + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	year = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		month = mp + 3
	} else {
		month = mp - 9
	}
	if month <= 2 {
		year++
	}
	return year, month, day
}

// String formats d as YYYY-MM-DD, e.g. "2022-01-06" (years outside
// 0000–9999 are formatted with %04d).
func (d Day) String() string {
	y, m, dd := d.Date()
	if y >= 0 && y <= 9999 {
		var b [10]byte
		put4(b[0:4], y)
		b[4] = '-'
		put2(b[5:7], m)
		b[7] = '-'
		put2(b[8:10], dd)
		return string(b[:])
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
}

// Time returns midnight UTC at the start of d.
func (d Day) Time() time.Time {
	y, m, dd := d.Date()
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
}

// daysFromCivil is Howard Hinnant's days_from_civil for a valid month.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func isLeap(y int) bool {
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

// daysIn returns the number of days in month m (1–12) of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func put4(b []byte, v int) {
	b[0] = byte('0' + v/1000)
	b[1] = byte('0' + v/100%10)
	b[2] = byte('0' + v/10%10)
	b[3] = byte('0' + v%10)
}

func put2(b []byte, v int) {
	b[0] = byte('0' + v/10)
	b[1] = byte('0' + v%10)
}
