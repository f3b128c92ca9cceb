package atop

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestWriteStateYearsCSV(t *testing.T) {
	rows := StateYears(fixtureMembers(t), 2003, 2003)
	var b bytes.Buffer
	// Three ATOPID columns although no row has more than two: the count
	// is the file's, not the rows'.
	if err := WriteStateYearsCSV(&b, rows, 3); err != nil {
		t.Fatal(err)
	}
	want := crlf(`state,year,atopally,defense,offense,neutral,nonagg,consul,number,transyr,atopid1,atopid2,atopid3,version
2,2003,1,1,0,0,0,1,2,0,3100,4200,,5.1
200,2003,1,1,0,0,0,0,1,0,3100,,,5.1
255,2003,1,1,0,0,0,0,1,0,3100,,,5.1
365,2003,1,1,0,0,1,1,1,0,4100,,,5.1
390,2003,1,0,0,0,1,0,1,0,3100,,,5.1
704,2003,1,1,0,0,1,1,2,1,4100,4200,,5.1
705,2003,1,1,0,0,1,1,1,0,4100,,,5.1
`)
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	// No rows: the header, with the file's ATOPID columns.
	b.Reset()
	if err := WriteStateYearsCSV(&b, nil, 1); err != nil || b.String() != "state,year,atopally,defense,offense,neutral,nonagg,consul,number,transyr,atopid1,version\r\n" {
		t.Errorf("empty: %q, %v", b.String(), err)
	}
	// A row with more alliances than the file has columns is refused.
	if err := WriteStateYearsCSV(&b, rows, 1); err == nil || !strings.Contains(err.Error(), "state 2 in 2003: 2 alliances") {
		t.Errorf("too few columns: %v", err)
	}
}

func TestWriteDyadYearsCSV(t *testing.T) {
	ms := fixtureMembers(t)
	var b bytes.Buffer
	if err := WriteDyadYearsCSV(&b, DyadYears(ms, 1982, 1982, false), 2, false); err != nil {
		t.Fatal(err)
	}
	want := crlf(`dyad,year,atopally,defense,offense,neutral,nonagg,consul,shareob,transyr,bilatno,multino,number,asymm,atopid1,atopid2,mem1,mem2,version
2020,1982,1,1,0,0,0,0,,0,0,1,1,1,3300,,2,20,5.1
2200,1982,1,1,0,0,0,0,,0,0,2,2,1,3100,3300,2,200,5.1
2260,1982,1,1,0,0,0,0,,0,0,1,1,1,3100,,2,260,5.1
2390,1982,1,1,0,0,1,0,,0,0,1,1,1,3100,,2,390,5.1
20200,1982,1,0,0,0,0,0,1,0,0,1,1,1,3300,,20,200,5.1
200260,1982,1,1,0,0,0,0,,0,0,1,1,1,3100,,200,260,5.1
200390,1982,1,1,0,0,1,0,,0,0,1,1,1,3100,,200,390,5.1
260390,1982,1,1,0,0,1,0,,0,0,1,1,1,3100,,260,390,5.1
`)
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := WriteDyadYearsCSV(&b, DyadYears(ms, 1965, 1965, true)[:2], 1, true); err != nil {
		t.Fatal(err)
	}
	// stateA, stateB: capitalized as in ATOP's directed file.
	want = crlf(`ddyad,year,atopally,defense,offense,neutral,nonagg,consul,shareob,transyr,bilatno,multino,number,asymm,atopid1,stateA,stateB,version
2200,1965,1,1,0,0,0,0,,0,0,1,1,1,3100,2,200,5.1
2260,1965,1,1,0,0,0,0,,0,0,1,1,1,3100,2,260,5.1
`)
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestWriteJSON(t *testing.T) {
	ms := fixtureMembers(t)
	var b bytes.Buffer
	rows := StateYears(ms, 2003, 2003)
	if err := WriteStateYearsJSON(&b, rows); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != len(rows)+2 || lines[0] != "[" || lines[len(lines)-1] != "]" {
		t.Errorf("not one object per line:\n%s", b.String())
	}
	if want := `{"state":2,"year":2003,"defense":true,"offense":false,"neutral":false,"nonagg":false,"consul":true,"number":2,"transyr":false,"atopids":[3100,4200],"version":"5.1"},`; lines[1] != want {
		t.Errorf("first object\n%s\nwant\n%s", lines[1], want)
	}
	var back []StateYear
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back) != len(rows) || back[5].State != 704 || !back[5].TransYr {
		t.Errorf("decoding: %v, %+v", err, back)
	}

	b.Reset()
	dy := DyadYears(ms, 1923, 1923, true)
	if err := WriteDyadYearsJSON(&b, dy); err != nil {
		t.Fatal(err)
	}
	var dback []DyadYear
	if err := json.Unmarshal(b.Bytes(), &dback); err != nil || len(dback) != 6 || !dback[0].ObVary {
		t.Errorf("decoding dyads: %v, %+v", err, dback)
	}
	b.Reset()
	if err := WriteStateYearsJSON(&b, nil); err != nil || b.String() != "[\n]\n" {
		t.Errorf("empty: %q, %v", b.String(), err)
	}
}

// crlf ends each line with CRLF, as ATOP's files and csto's exports do.
func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
