package edtf

import (
	"testing"
	"time"
)

func TestDayConstants(t *testing.T) {
	if got := DayOf(0, 1, 1); got != MinDay {
		t.Errorf("DayOf(0, 1, 1) = %d, MinDay = %d", got, MinDay)
	}
	if got := DayOf(9999, 12, 31); got != MaxDay {
		t.Errorf("DayOf(9999, 12, 31) = %d, MaxDay = %d", got, MaxDay)
	}
	if got := DayOf(1970, 1, 1); got != 0 {
		t.Errorf("DayOf(1970, 1, 1) = %d, want 0", got)
	}
	if MinDay.String() != "0000-01-01" || MaxDay.String() != "9999-12-31" {
		t.Errorf("MinDay, MaxDay = %s, %s", MinDay, MaxDay)
	}
}

// TestDayAgainstTime checks every day from 0000-01-01 to 9999-12-31 against
// package time.
func TestDayAgainstTime(t *testing.T) {
	tm := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := MinDay; d <= MaxDay; d++ {
		y, m, dd := tm.Date()
		if got := DayOf(y, int(m), dd); got != d {
			t.Fatalf("DayOf(%d, %d, %d) = %d, want %d", y, m, dd, got, d)
		}
		if gy, gm, gd := d.Date(); gy != y || gm != int(m) || gd != dd {
			t.Fatalf("Day(%d).Date() = %d-%d-%d, want %d-%d-%d", d, gy, gm, gd, y, m, dd)
		}
		if d%997 == 0 {
			if got := d.Time(); !got.Equal(tm) {
				t.Fatalf("Day(%d).Time() = %v, want %v", d, got, tm)
			}
			if got, want := d.String(), tm.Format("2006-01-02"); got != want {
				t.Fatalf("Day(%d).String() = %q, want %q", d, got, want)
			}
		}
		tm = tm.AddDate(0, 0, 1)
	}
}

func TestDayOfNormalizes(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    string
	}{
		{2022, 2, 29, "2022-03-01"},
		{2024, 2, 29, "2024-02-29"},
		{2022, 13, 1, "2023-01-01"},
		{2022, 0, 1, "2021-12-01"},
		{2022, 1, 0, "2021-12-31"},
		{2022, -11, 1, "2021-01-01"},
		{2022, 1, 32, "2022-02-01"},
	}
	for _, tt := range tests {
		if got := DayOf(tt.y, tt.m, tt.d).String(); got != tt.want {
			t.Errorf("DayOf(%d, %d, %d) = %s, want %s", tt.y, tt.m, tt.d, got, tt.want)
		}
	}
}

func TestDayString(t *testing.T) {
	if got := DayOf(2022, 1, 6).String(); got != "2022-01-06" {
		t.Errorf("got %q", got)
	}
	if got := DayOf(-1, 12, 31).String(); got != "-001-12-31" {
		t.Errorf("out-of-range year: got %q", got)
	}
}

func TestDayFromTimeUsesLocation(t *testing.T) {
	tz := time.FixedZone("UTC+10", 10*3600)
	// 2022-01-05T20:00Z is already 2022-01-06 in UTC+10.
	tm := time.Date(2022, 1, 5, 20, 0, 0, 0, time.UTC).In(tz)
	if got := DayFromTime(tm).String(); got != "2022-01-06" {
		t.Errorf("DayFromTime(%v) = %s, want 2022-01-06", tm, got)
	}
	if got := DayFromTime(tm.UTC()).String(); got != "2022-01-05" {
		t.Errorf("DayFromTime(%v) = %s, want 2022-01-05", tm.UTC(), got)
	}
}

func TestDayLeapYears(t *testing.T) {
	tests := []struct {
		year int
		leap bool
	}{
		{2000, true}, {1900, false}, {2004, true}, {2023, false}, {2100, false}, {2400, true}, {0, true},
	}
	for _, tt := range tests {
		feb29 := DayOf(tt.year, 2, 29)
		_, m, _ := feb29.Date()
		if got := m == 2; got != tt.leap {
			t.Errorf("year %04d: Feb 29 exists = %v, want %v", tt.year, got, tt.leap)
		}
	}
}
