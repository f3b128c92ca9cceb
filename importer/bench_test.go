package importer

import (
	"os"
	"strings"
	"testing"
	"time"
)

// benchArticle returns a text of about size bytes made of the test
// fixtures (and the source article when it is there), repeated.
func benchArticle(size int) string {
	var parts []string
	for _, tt := range dateTests {
		parts = append(parts, "ـ "+tt.in)
	}
	for _, tt := range kindTests {
		parts = append(parts, "- 2008: "+tt.text)
	}
	for _, l := range labelledSet {
		parts = append(parts, l.line)
	}
	if b, err := os.ReadFile(seedArticle); err == nil {
		parts = append(parts, string(b))
	}
	unit := strings.Join(parts, "\n")
	var b strings.Builder
	for b.Len() < size {
		b.WriteString(unit)
		b.WriteByte('\n')
	}
	return b.String()[:size]
}

// BenchmarkParse100KB parses a 100 KB article; the target is under 50 ms.
//
//	go test -run '^$' -bench Parse100KB -benchmem ./importer
func BenchmarkParse100KB(b *testing.B) {
	text := benchArticle(100 << 10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Parse(text, testGazetteer, Options{Published: published})
	}
}

// TestParseLinear guards against quadratic paths: a line of 200 KB, and
// 20,000 short lines, each parse well under a second.
func TestParseLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	for _, text := range []string{
		strings.Repeat("وقع من 15 مايو عام ", 10000),               // one long line of near-dates and cues
		strings.Repeat("ـ 15 مايو/أيار 1992: وقعت روسيا\n", 20000), // many entries
		strings.Repeat("(", 200000),
		strings.Repeat("منظمة معاهدة الأمن ", 10000),
	} {
		start := time.Now()
		Parse(text, testGazetteer, Options{Published: published})
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("%d bytes took %v", len(text), el)
		}
	}
}
