package registry_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
)

// TestPublishedModelsNeverChange: a write shares the published model's
// maps and slices with the model it builds (docs/ARCHITECTURE.md,
// "Writes"). Every model published along the way — after single writes,
// a batch, a refused batch, a correction whose trial failed, a
// correction adopted from its trial, a refresh — still holds exactly
// what it held when published, while readers read them all concurrently
// (run with -race).
func TestPublishedModelsNeverChange(t *testing.T) {
	ctx := context.Background()
	reg, _ := open(t)
	load(t, reg, fixture()...)
	type kept struct {
		what string
		m    *registry.Model
		copy *registry.Model
	}
	var (
		models []kept
		stop   = make(chan struct{})
		wg     sync.WaitGroup
		mu     sync.Mutex
	)
	keep := func(what string) {
		m := reg.Model()
		mu.Lock()
		models = append(models, kept{what, m, registry.Copy(m)})
		mu.Unlock()
	}
	// Readers walk every kept model while the writes go on.
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				mu.Lock()
				ms := append([]kept(nil), models...)
				mu.Unlock()
				for _, k := range ms {
					n := k.m.Commands.Len()
					for _, e := range k.m.Entries {
						n += len(e.Type())
					}
					for x := range k.m.Exercises.All() {
						n += int(x.Troops())
					}
					_ = k.m.Fixes("freeze:UZB")
					_ = k.m.StatusAt("UZB", "csto", k.m.Entries[0].Date())
				}
			}
		}()
	}
	keep("the fixture")
	entry := func(id string) csto.Command {
		return cmd(id, csto.CmdEventRecord, "2020-01-01", csto.EventRecord{Kind: "statement", States: []string{"KAZ"}})
	}
	for i := range 20 {
		load(t, reg, entry(fmt.Sprintf("e:%d", i)))
		keep(fmt.Sprintf("entry %d", i))
	}
	var batch []csto.Command
	for i := range 50 {
		batch = append(batch, entry(fmt.Sprintf("b:%d", i)), cmd(fmt.Sprintf("x:%d", i), csto.CmdExerciseHold, "2021-05-01",
			csto.ExerciseHold{ID: fmt.Sprintf("x-%d", i), Org: "csto", Name: name("Exercise"), Participants: []string{"RUS"}}))
	}
	load(t, reg, batch...)
	keep("a batch")
	// A refused batch: its first commands were applied to the write's
	// model (appended in place past the published model) before the last
	// was refused.
	if _, err := reg.Submit(ctx, system, entry("r:1"), entry("r:2"), entry("e:0")); err == nil {
		t.Fatal("a batch repeating a command ID was accepted")
	}
	load(t, reg, entry("after-refusal"))
	keep("a write after a refused batch")
	// A correction refused after its trial derived part of the record.
	if _, err := reg.Submit(ctx, system, correction("fix:x", "freeze:ARM", `{"date":"1990-01-01"}`, "src")); err == nil {
		t.Fatal("a correction breaking state-existence was accepted")
	}
	load(t, reg, entry("after-trial"))
	keep("a write after a refused correction")
	// A correction adopted from its trial, then more writes on the
	// re-derived model.
	load(t, reg, correction("fix:1", "freeze:UZB", `{"date":"2012-06-28","text":{"en":"corrected"}}`, "src"))
	keep("a correction")
	for i := range 5 {
		load(t, reg, entry(fmt.Sprintf("c:%d", i)))
		keep(fmt.Sprintf("entry %d after the correction", i))
	}
	if _, err := reg.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	load(t, reg, entry("after-refresh"))
	keep("after a refresh")
	close(stop)
	wg.Wait()
	for _, k := range models {
		if err := registry.SameModel(k.m, k.copy); err != nil {
			t.Errorf("the model published after %s (event %d) changed: %v", k.what, k.m.Seq, err)
		}
	}
	if n := len(models); models[n-1].m.Commands.Len() != int(models[n-1].m.Seq) {
		t.Errorf("the last model holds %d commands for %d events", models[n-1].m.Commands.Len(), models[n-1].m.Seq)
	}
}
