package importer

import (
	"testing"

	"github.com/csto/csto/edtf"
)

func TestHijriToDay(t *testing.T) {
	for _, tt := range []struct {
		name    string
		y, m, d int
		want    string
	}{
		{"Epoch", 1, 1, 1, "0622-07-19"},           // 16 July 622 Julian
		{"Muharram1400", 1400, 1, 1, "1979-11-21"}, // the usual tabular value
		{"Muharram1444", 1444, 1, 1, "2022-07-30"},
		{"Ramadan1443", 1443, 9, 1, "2022-04-03"}, // Umm al-Qura: 2 April, a day earlier
		{"LastDayOfLeapYear", 1442, 12, 30, "2021-08-09"},
		{"DayAfter", 1443, 1, 1, "2021-08-10"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := HijriToDay(tt.y, tt.m, tt.d)
			if !ok || got.String() != tt.want {
				t.Fatalf("HijriToDay(%d, %d, %d) = %s, %v; want %s", tt.y, tt.m, tt.d, got, ok, tt.want)
			}
		})
	}
	for _, bad := range [][3]int{{0, 1, 1}, {1443, 13, 1}, {1443, 0, 1}, {1443, 2, 30}, {1443, 12, 30}, {9001, 1, 1}, {1443, 1, 0}} {
		if d, ok := HijriToDay(bad[0], bad[1], bad[2]); ok {
			t.Errorf("HijriToDay(%v) = %s, want not ok", bad, d)
		}
	}
}

func TestHijriLeapYears(t *testing.T) {
	leap := map[int]bool{2: true, 5: true, 7: true, 10: true, 13: true, 16: true, 18: true, 21: true, 24: true, 26: true, 29: true}
	for y := 1; y <= 30; y++ {
		if HijriLeap(y) != leap[y] || HijriLeap(y+30*47) != leap[y] {
			t.Errorf("HijriLeap(%d) = %v", y, HijriLeap(y))
		}
		a, _ := HijriToDay(y, 1, 1)
		b, _ := HijriToDay(y+1, 1, 1)
		if want := 354 + map[bool]int{true: 1}[leap[y]]; int(b-a) != want {
			t.Errorf("year %d has %d days, want %d", y, b-a, want)
		}
	}
}

// TestDayToHijriRoundTrip converts every day of 1900–2100 to the Hijri
// calendar and back.
func TestDayToHijriRoundTrip(t *testing.T) {
	for day := edtf.DayOf(1900, 1, 1); day <= edtf.DayOf(2100, 12, 31); day++ {
		y, m, d, ok := DayToHijri(day)
		if !ok {
			t.Fatalf("DayToHijri(%s) not ok", day)
		}
		if back, ok := HijriToDay(y, m, d); !ok || back != day {
			t.Fatalf("DayToHijri(%s) = %d-%d-%d, which converts back to %s", day, y, m, d, back)
		}
	}
	if _, _, _, ok := DayToHijri(hijriEpoch - 1); ok {
		t.Error("DayToHijri before the epoch is ok")
	}
	if y, m, d, ok := DayToHijri(edtf.MaxDay); ok {
		t.Errorf("DayToHijri(MaxDay) = %d-%d-%d, want not ok (after 9000 AH)", y, m, d)
	}
}
