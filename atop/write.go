package atop

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
)

// WriteStateYearsCSV writes rows in the layout of ATOP's state-year file:
//
//	state,year,atopally,defense,offense,neutral,nonagg,consul,number,transyr,atopid1,…,atopidK,version
//
// with 0/1 for the dummies, ATOPALLY always 1, and as many ATOPID columns
// as the row with the most alliances needs (at least one); a row's unused
// ATOPID columns are empty, ATOP's missing value.
func WriteStateYearsCSV(w io.Writer, rows []StateYear) error {
	k := 1
	for i := range rows {
		k = max(k, len(rows[i].ATOPIDs))
	}
	cw := csv.NewWriter(w)
	header := []string{"state", "year", "atopally", "defense", "offense", "neutral", "nonagg", "consul", "number", "transyr"}
	header = appendIDColumns(header, "atopid", k)
	if err := cw.Write(append(header, "version")); err != nil {
		return err
	}
	rec := make([]string, 0, len(header)+1)
	for i := range rows {
		r := &rows[i]
		rec = append(rec[:0], itoa(r.State), itoa(r.Year), "1")
		rec = appendObligations(rec, r.Obligations)
		rec = append(rec, itoa(r.Number), b01(r.TransYr))
		rec = appendIDs(rec, r.ATOPIDs, k)
		if err := cw.Write(append(rec, r.Version)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteDyadYearsCSV writes rows in the layout of ATOP's dyad-year file,
//
//	dyad,year,atopally,defense,offense,neutral,nonagg,consul,shareob,transyr,bilatno,multino,number,asymm,atopid1,…,atopidK,mem1,mem2,version
//
// or, when directed, of its directed dyad-year file, whose first column is
// ddyad and whose mem1,mem2 are statea,stateb. SHAREOB is 1 or empty
// ("when SHAREOB is not 1, it is missing"); the ATOPID columns are as in
// WriteStateYearsCSV. DyadYear.ObVary is not written: ATOP's files have no
// such column.
func WriteDyadYearsCSV(w io.Writer, rows []DyadYear, directed bool) error {
	k := 1
	for i := range rows {
		k = max(k, len(rows[i].ATOPIDs))
	}
	id, a, b := "dyad", "mem1", "mem2"
	if directed {
		id, a, b = "ddyad", "statea", "stateb"
	}
	cw := csv.NewWriter(w)
	header := []string{id, "year", "atopally", "defense", "offense", "neutral", "nonagg", "consul", "shareob", "transyr", "bilatno", "multino", "number", "asymm"}
	header = appendIDColumns(header, "atopid", k)
	if err := cw.Write(append(header, a, b, "version")); err != nil {
		return err
	}
	rec := make([]string, 0, len(header)+3)
	for i := range rows {
		r := &rows[i]
		rec = append(rec[:0], itoa(r.ID()), itoa(r.Year), "1")
		rec = appendObligations(rec, r.Obligations)
		shareob := ""
		if r.ShareOb {
			shareob = "1"
		}
		rec = append(rec, shareob, b01(r.TransYr), itoa(r.BilatNo), itoa(r.MultiNo), itoa(r.Number), b01(r.Asymm))
		rec = appendIDs(rec, r.ATOPIDs, k)
		if err := cw.Write(append(rec, itoa(r.StateA), itoa(r.StateB), r.Version)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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
