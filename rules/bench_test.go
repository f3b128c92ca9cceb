package rules_test

import (
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/atop"
	"github.com/csto/csto/rules"
)

// BenchmarkImportATOP imports atop5_1m.csv into a record holding the
// default history: read and check the file, build the commands, validate
// and append them in one transaction with their projections. The fresh
// store of each iteration is not timed.
func BenchmarkImportATOP(b *testing.B) {
	path := filepath.Join(realData, "atop", atop.MembersFile)
	if _, err := os.Stat(path); err != nil {
		b.Fatalf("the benchmark needs %s: %v", path, err)
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		reg := openRegistry(b)
		b.StartTimer()
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		ms, err := atop.ReadMembers(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		imp, err := rules.ATOPCommands(reg.Model(), rules.ATOPData{Members: ms})
		if err != nil {
			b.Fatal(err)
		}
		evs, err := reg.SubmitNew(ctx, csto.Actor{Role: csto.RoleSystem, State: "import"}, imp.Commands...)
		if err != nil || len(evs) != len(imp.Commands) {
			b.Fatalf("%d events, %v", len(evs), err)
		}
	}
}

// BenchmarkObligations answers one obligations query on the record with
// all of ATOP imported: Kazakhstan on 2022-01-05 (the CSTO and its ATOP
// alliances still in force in 2018), and Armenia attacked by Azerbaijan
// on 2016-04-02 (with the conflicts).
func BenchmarkObligations(b *testing.B) {
	reg, _ := realRegistry(b)
	m := reg.Model()
	for _, q := range []rules.Query{
		{Target: "KAZ", At: date("2022-01-05"), Lang: csto.English},
		{Target: "ARM", Aggressor: "AZE", At: date("2016-04-02"), Lang: csto.English},
	} {
		b.Run(q.Target, func(b *testing.B) {
			for b.Loop() {
				if _, err := rules.Obligations(m, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStateYearExport is the full state-year export 1815–2018 as
// CSV, side by side: expanded in Go from the in-memory record, and the
// same expansion in plain SQL on the same SQLite database's projection.
func BenchmarkStateYearExport(b *testing.B) {
	reg, st := realRegistry(b)
	m := reg.Model()
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			rows, err := rules.StateYears(m, rules.SourceATOP, 1815, 2018, 2026)
			if err != nil {
				b.Fatal(err)
			}
			if err := atop.WriteStateYearsCSV(io.Discard, rows, atop.StateYearIDColumns); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sql", func(b *testing.B) {
		for b.Loop() {
			rows, err := sqlStateYears(st.DB(), 1815, 2018)
			if err != nil {
				b.Fatal(err)
			}
			w := csv.NewWriter(io.Discard)
			for _, r := range rows {
				rec := []string{strconv.Itoa(r.State), strconv.Itoa(r.Year), "1"}
				for _, ok := range []bool{r.Defense, r.Offense, r.Neutral, r.Nonagg, r.Consul, r.TransYr} {
					rec = append(rec, strconv.FormatBool(ok))
				}
				for _, id := range r.ATOPIDs {
					rec = append(rec, strconv.Itoa(id))
				}
				w.Write(rec)
			}
			w.Flush()
		}
	})
}
