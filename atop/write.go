package atop

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
)

// The number of ATOPID columns of ATOP 5.1's derived files: 59 in the
// state-year file ("the maximum number of alliances for an individual
// state-year is 59", codebook 2.5, whose list of variables still stops at
// ATOPID53; the 5.1 member rows give 59, Russia's and others' in the
// 1990s), 9 in the dyad-year and directed dyad-year files (2.6, 2.7). A file's count is fixed; it does not depend on which rows it
// holds. Writers take the count; rules.IDColumns gives the one an export
// uses (these, or more when a source needs more).
const (
	StateYearIDColumns = 59
	DyadYearIDColumns  = 9
)

// StateYearHeader returns the header of ATOP's state-year file with k
// ATOPID columns:
//
//	state,year,atopally,defense,offense,neutral,nonagg,consul,number,transyr,atopid1,…,atopidK,version
func StateYearHeader(k int) []string {
	h := []string{"state", "year", "atopally", "defense", "offense", "neutral", "nonagg", "consul", "number", "transyr"}
	return append(appendIDColumns(h, "atopid", k), "version")
}

// DyadYearHeader returns the header of ATOP's dyad-year file with k
// ATOPID columns,
//
//	dyad,year,atopally,defense,offense,neutral,nonagg,consul,shareob,transyr,bilatno,multino,number,asymm,atopid1,…,atopidK,mem1,mem2,version
//
// or, when directed, of its directed dyad-year file, whose first column
// is ddyad and whose mem1,mem2 are stateA,stateB, capitalized as in
// ATOP's file (readers such as R match names case-sensitively).
func DyadYearHeader(k int, directed bool) []string {
	id, a, b := "dyad", "mem1", "mem2"
	if directed {
		id, a, b = "ddyad", "stateA", "stateB"
	}
	h := []string{id, "year", "atopally", "defense", "offense", "neutral", "nonagg", "consul", "shareob", "transyr", "bilatno", "multino", "number", "asymm"}
	return append(appendIDColumns(h, "atopid", k), a, b, "version")
}

// WriteStateYearsCSV writes rows in the layout of ATOP's state-year file
// (StateYearHeader) with k ATOPID columns, 0/1 for the dummies and
// ATOPALLY always 1; a row's unused ATOPID columns are empty, ATOP's
// missing value. A row with more than k alliances is an error.
func WriteStateYearsCSV(w io.Writer, rows []StateYear, k int) error {
	cw := NewCSVWriter(w)
	if err := cw.Write(StateYearHeader(k)); err != nil {
		return err
	}
	rec := make([]string, 0, k+11)
	for i := range rows {
		var err error
		if rec, err = StateYearRecord(rec[:0], &rows[i], k); err != nil {
			return err
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// StateYearRecord appends the cells of r, with k ATOPID columns, to rec.
func StateYearRecord(rec []string, r *StateYear, k int) ([]string, error) {
	if len(r.ATOPIDs) > k {
		return rec, fmt.Errorf("state %d in %d: %d alliances, more than the file's %d ATOPID columns", r.State, r.Year, len(r.ATOPIDs), k)
	}
	rec = append(rec, itoa(r.State), itoa(r.Year), "1")
	rec = appendObligations(rec, r.Obligations)
	rec = append(rec, itoa(r.Number), b01(r.TransYr))
	rec = appendIDs(rec, r.ATOPIDs, k)
	return append(rec, r.Version), nil
}

// WriteDyadYearsCSV writes rows in the layout of ATOP's dyad-year file or,
// when directed, its directed dyad-year file (DyadYearHeader), with k
// ATOPID columns. SHAREOB is 1 or empty ("when SHAREOB is not 1, it is
// missing"); DyadYear.ObVary is not written: ATOP's files have no such
// column. A row with more than k alliances is an error.
func WriteDyadYearsCSV(w io.Writer, rows []DyadYear, k int, directed bool) error {
	cw := NewCSVWriter(w)
	if err := cw.Write(DyadYearHeader(k, directed)); err != nil {
		return err
	}
	rec := make([]string, 0, k+18)
	for i := range rows {
		var err error
		if rec, err = DyadYearRecord(rec[:0], &rows[i], k); err != nil {
			return err
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// DyadYearRecord appends the cells of r, with k ATOPID columns, to rec.
func DyadYearRecord(rec []string, r *DyadYear, k int) ([]string, error) {
	if len(r.ATOPIDs) > k {
		return rec, fmt.Errorf("dyad %d in %d: %d alliances, more than the file's %d ATOPID columns", r.ID(), r.Year, len(r.ATOPIDs), k)
	}
	rec = append(rec, itoa(r.ID()), itoa(r.Year), "1")
	rec = appendObligations(rec, r.Obligations)
	shareob := ""
	if r.ShareOb {
		shareob = "1"
	}
	rec = append(rec, shareob, b01(r.TransYr), itoa(r.BilatNo), itoa(r.MultiNo), itoa(r.Number), b01(r.Asymm))
	rec = appendIDs(rec, r.ATOPIDs, k)
	return append(rec, itoa(r.StateA), itoa(r.StateB), r.Version), nil
}

// NewCSVWriter returns a CSV writer that ends lines as ATOP's files do,
// with CRLF.
func NewCSVWriter(w io.Writer) *csv.Writer {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return cw
}

// WriteStateYearsJSON writes rows as a JSON array, one object per line,
// with the fields of StateYear (ATOP's column names; the dummies as
// booleans; atopids as an array).
func WriteStateYearsJSON(w io.Writer, rows []StateYear) error { return writeJSONArray(w, rows) }

// WriteDyadYearsJSON writes rows as a JSON array, one object per line,
// with the fields of DyadYear, ObVary included.
func WriteDyadYearsJSON(w io.Writer, rows []DyadYear) error { return writeJSONArray(w, rows) }

// writeJSONArray streams rows as "[\n{…},\n{…}\n]\n", one object per line.
func writeJSONArray[T any](w io.Writer, rows []T) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("[")
	for i := range rows {
		b, err := json.Marshal(&rows[i])
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		bw.Write(b)
	}
	bw.WriteString("\n]\n")
	return bw.Flush()
}

func appendIDColumns(header []string, prefix string, k int) []string {
	for i := 1; i <= k; i++ {
		header = append(header, prefix+itoa(i))
	}
	return header
}

func appendIDs(rec []string, ids []int, k int) []string {
	for i := 0; i < k; i++ {
		if i < len(ids) {
			rec = append(rec, itoa(ids[i]))
		} else {
			rec = append(rec, "")
		}
	}
	return rec
}

func appendObligations(rec []string, o Obligations) []string {
	return append(rec, b01(o.Defense), b01(o.Offense), b01(o.Neutral), b01(o.Nonagg), b01(o.Consul))
}
