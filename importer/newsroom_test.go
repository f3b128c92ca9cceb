package importer

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csto/csto/edtf"
)

// newsroomFile is one excerpt of testdata/newsroom: real Arabic articles
// the parser was not written against, with the date a reader gives each
// line (see testdata/newsroom/README.md).
type newsroomFile struct {
	name      string
	published edtf.Date
	text      string
	want      map[int]string // line → EDTF, "null" or "-"
}

func readNewsroom(t *testing.T) []newsroomFile {
	t.Helper()
	paths, err := filepath.Glob("testdata/newsroom/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no newsroom fixtures: %v", err)
	}
	var out []newsroomFile
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		nf := newsroomFile{name: filepath.Base(path), want: map[int]string{}}
		var text strings.Builder
		line := 0
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			s := sc.Text()
			if v, ok := strings.CutPrefix(s, "# published:"); ok {
				if v = strings.TrimSpace(v); v != "" {
					if nf.published, err = edtf.Parse(v); err != nil {
						t.Fatalf("%s: published: %v", path, err)
					}
				}
				continue
			}
			if strings.HasPrefix(s, "#") || strings.TrimSpace(s) == "" {
				continue
			}
			want, raw, ok := strings.Cut(s, " | ")
			if !ok {
				t.Fatalf("%s: %q: want `EXPECTED | line`", path, s)
			}
			line++
			nf.want[line] = strings.TrimSpace(want)
			text.WriteString(raw)
			text.WriteByte('\n')
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		nf.text = text.String()
		out = append(out, nf)
	}
	return out
}

// TestNewsroomDates measures the share of entry lines of real articles
// that get exactly the date a reader gives them (headers count as lines
// too: a header read as an entry, or an entry read as a header, is a
// miss). The floor is the figure docs/IMPORT.md reports; a change that
// lowers it fails here.
func TestNewsroomDates(t *testing.T) {
	const floor = 0.95
	total, right := 0, 0
	for _, nf := range readNewsroom(t) {
		got := map[int]string{}
		for _, d := range Parse(nf.text, nil, Options{Published: nf.published}) {
			s := "null"
			if d.Date != nil {
				s = *d.Date
			}
			got[d.Line] = s
		}
		for line := 1; line <= len(nf.want); line++ {
			want := nf.want[line]
			g, ok := got[line]
			if !ok {
				g = "-"
			}
			total++
			if g == want {
				right++
				continue
			}
			t.Logf("%s:%d: got %s, want %s", nf.name, line, g, want)
		}
	}
	share := float64(right) / float64(total)
	t.Logf("newsroom lines: %d of %d right (%.3f)", right, total, share)
	if share < floor {
		t.Errorf("newsroom dates: %.3f right, below the floor %.2f", share, floor)
	}
}
