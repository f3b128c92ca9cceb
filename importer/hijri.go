package importer

import "github.com/csto/csto/edtf"

// The tabular (arithmetic) Islamic calendar: 12 months alternating 30 and
// 29 days, the twelfth month 30 days in the 11 leap years of every 30-year
// cycle (years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29), counted from the
// civil epoch, 1 Muharram 1 AH = Friday 16 July 622 (Julian) = 19 July 622
// in the proleptic Gregorian calendar that edtf uses.
//
// The calendars states actually use (Umm al-Qura, or months begun by
// sighting the new moon) differ from it by a day or two, so every date
// converted from the Hijri calendar is marked approximate (~).

// hijriEpoch is 1 Muharram 1 AH.
var hijriEpoch = edtf.DayOf(622, 7, 19)

// maxHijriYear keeps conversions inside edtf's years (9999 CE is 9666 AH).
const maxHijriYear = 9000

// HijriLeap reports whether Hijri year y has 355 days.
func HijriLeap(y int) bool { return (14+11*y)%30 < 11 }

// HijriMonthDays returns the number of days of month m (1–12) of Hijri year y.
func HijriMonthDays(y, m int) int {
	if m%2 == 1 || (m == 12 && HijriLeap(y)) {
		return 30
	}
	return 29
}

// HijriToDay returns the Gregorian day of Hijri date y-m-d in the tabular
// calendar. ok is false when y is outside 1–9000, m outside 1–12 or d
// outside the month.
func HijriToDay(y, m, d int) (edtf.Day, bool) {
	if y < 1 || y > maxHijriYear || m < 1 || m > 12 || d < 1 || d > HijriMonthDays(y, m) {
		return 0, false
	}
	days := (y-1)*354 + (3+11*y)/30 // days before the year
	days += (59*(m-1) + 1) / 2      // days before the month: ceil(29.5 (m-1))
	return hijriEpoch + edtf.Day(days+d-1), true
}

// DayToHijri returns the tabular Hijri date of a Gregorian day; ok is
// false before 1 Muharram 1 AH or after the year 9000 AH.
func DayToHijri(day edtf.Day) (y, m, d int, ok bool) {
	n := int(day - hijriEpoch) // days since the epoch
	if n < 0 {
		return 0, 0, 0, false
	}
	y = min((30*n+10646)/10631, maxHijriYear) // an estimate, corrected below
	for y > 1 {
		if first, _ := HijriToDay(y, 1, 1); first <= day {
			break
		}
		y--
	}
	for next, ok := HijriToDay(y+1, 1, 1); ok && next <= day; next, ok = HijriToDay(y+1, 1, 1) {
		y++
	}
	if last, _ := HijriToDay(y, 12, HijriMonthDays(y, 12)); day > last {
		return 0, 0, 0, false // after the year 9000 AH
	}
	first, _ := HijriToDay(y, 1, 1)
	rest := int(day - first)
	for m = 1; m < 12 && rest >= HijriMonthDays(y, m); m++ {
		rest -= HijriMonthDays(y, m)
	}
	return y, m, rest + 1, true
}
