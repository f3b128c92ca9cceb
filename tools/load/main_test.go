package main

import (
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 50 * time.Millisecond, 99: 99 * time.Millisecond, 100: 100 * time.Millisecond, 0: time.Millisecond} {
		if got := percentile(d, p); got != want {
			t.Errorf("p%v = %v, want %v", p, got, want)
		}
	}
	if got := percentile(nil, 50); got != 0 {
		t.Errorf("p50 of nothing = %v", got)
	}
}

// The demo accounts' lines, as `csto serve --demo` prints them.
func TestDemoTokenLine(t *testing.T) {
	line := "  delegate-kaz    delegate of KAZ      password Abc123def456ghi7  token csto_AbC-dEf_123"
	m := demoToken.FindStringSubmatch(line)
	if m == nil || m[1] != "delegate-kaz" || m[2] != "csto_AbC-dEf_123" {
		t.Fatalf("parsed %q", m)
	}
	if demoToken.MatchString("  secretariat     secretariat          password x  token csto_x") {
		t.Error("the Secretariat's line is not a delegation's")
	}
}
