package rules_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"sync"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
)

// openRegistry opens a registry on a fresh SQLite file with the default
// history loaded.
func openRegistry(t testing.TB) *registry.Registry {
	t.Helper()
	reg, _ := openStore(t)
	return reg
}

// openStore is openRegistry that also returns the store, for SQL.
func openStore(t testing.TB) (*registry.Registry, *sqlite.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "csto.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	reg, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dataset.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	return reg, st
}

var (
	historyOnce  sync.Once
	historyModel *registry.Model
)

// history returns the model of the default history, shared by the tests
// that only read it.
func history(t testing.TB) *registry.Model {
	t.Helper()
	historyOnce.Do(func() { historyModel = openRegistry(t).Model() })
	if historyModel == nil {
		t.Fatal("the default history did not load")
	}
	return historyModel
}

func date(s string) edtf.Date { return edtf.MustParse(s) }

func text(s string) csto.Text { return csto.Text{AR: s + " (ar)", EN: s, RU: s + " (ru)"} }

// submit submits commands as the system and fails the test on a refusal.
func submit(t testing.TB, reg *registry.Registry, cmds ...csto.Command) {
	t.Helper()
	if _, err := reg.Submit(context.Background(), csto.Actor{Role: csto.RoleSystem, State: "test"}, cmds...); err != nil {
		t.Fatal(err)
	}
}

// cmd builds a dated command citing the source article.
func cmd(t testing.TB, id, typ, date string, data any) csto.Command {
	t.Helper()
	raw, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	c := csto.Command{ID: id, Type: typ, Data: raw, Sources: []string{"aljazeera-2022-01-06"}, Text: text(id)}
	if date != "" {
		c.Date = edtf.MustParse(date)
	}
	return c
}

func pretty(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}
