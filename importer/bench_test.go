package importer

import (
	"github.com/csto/csto/internal/testenv"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	if b, err := os.ReadFile(filepath.Join(testenv.SharedDir(), seedArticle)); err == nil {
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

// BenchmarkParsePathological measures inputs built to expose quadratic
// paths: one 200 KB line of near-dates, 20,000 entries, 200,000 open
// parentheses, a long run of organization-name fragments. The numbers go
// to docs/PERFORMANCE.md; the fuzz target guards against hangs.
func BenchmarkParsePathological(b *testing.B) {
	for name, text := range map[string]string{
		"NearDates":  strings.Repeat("وقع من 15 مايو عام ", 10000),
		"Entries":    strings.Repeat("ـ 15 مايو/أيار 1992: وقعت روسيا\n", 20000),
		"Parens":     strings.Repeat("(", 200000),
		"OrgPrefixs": strings.Repeat("منظمة معاهدة الأمن ", 10000),
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Parse(text, testGazetteer, Options{Published: published})
			}
		})
	}
}
