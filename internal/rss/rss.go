// Package rss reads the process's resident memory from /proc (Linux), for
// tests that assert a bound on memory under load.
package rss

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// ResetPeak resets the peak resident set size (VmHWM) to the current one.
func ResetPeak() error {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// Peak returns the peak resident set size since the start or the last
// ResetPeak, in bytes.
func Peak() (int64, error) { return field("VmHWM:") }

// Current returns the resident set size, in bytes.
func Current() (int64, error) { return field("VmRSS:") }

func field(name string) (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, fmt.Errorf("/proc/self/status: no %s", name)
}
