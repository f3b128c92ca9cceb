package atop

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func readRealBytes(b *testing.B, rel string) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(realData, rel))
	if err != nil {
		b.Fatalf("the benchmarks need the real data at %s: %v", realData, err)
	}
	return data
}

// BenchmarkReadMembers parses atop5_1m.csv (2,510 rows) from memory.
func BenchmarkReadMembers(b *testing.B) {
	data := readRealBytes(b, "atop/"+MembersFile)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ReadMembers(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad reads the three ATOP files from disk and cross-checks them.
func BenchmarkLoad(b *testing.B) {
	dir := filepath.Join(realData, "atop")
	for b.Loop() {
		if _, err := Load(dir); err != nil {
			b.Fatal(err)
		}
	}
}

func realMembers(b *testing.B) []Member {
	b.Helper()
	ms, err := ReadMembers(bytes.NewReader(readRealBytes(b, "atop/"+MembersFile)))
	if err != nil {
		b.Fatal(err)
	}
	return ms
}

// BenchmarkStateYears expands every member row, 1815–2018.
func BenchmarkStateYears(b *testing.B) {
	ms := realMembers(b)
	for b.Loop() {
		StateYears(ms, FirstYear, LastYear)
	}
}

// BenchmarkExportStateYearsCSV is the whole export: expansion and CSV.
func BenchmarkExportStateYearsCSV(b *testing.B) {
	ms := realMembers(b)
	for b.Loop() {
		if err := WriteStateYearsCSV(io.Discard, StateYears(ms, FirstYear, LastYear), StateYearIDColumns); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDyadYears expands every member row into undirected dyad-years.
func BenchmarkDyadYears(b *testing.B) {
	ms := realMembers(b)
	for b.Loop() {
		DyadYears(ms, FirstYear, LastYear, false)
	}
}

// BenchmarkExportDirectedDyadYearsCSV is the largest export: directed
// dyad-years and their CSV.
func BenchmarkExportDirectedDyadYearsCSV(b *testing.B) {
	ms := realMembers(b)
	for b.Loop() {
		if err := WriteDyadYearsCSV(io.Discard, DyadYears(ms, FirstYear, LastYear, true), DyadYearIDColumns, true); err != nil {
			b.Fatal(err)
		}
	}
}
