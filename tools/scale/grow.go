package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/csto/csto"
	"github.com/csto/csto/atop"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/rules"
	"github.com/csto/csto/service"
)

// The mix of a grown log, per batch of history: the Secretariat records
// news as history (timeline entries, exercises, incidents: copies of the
// default history's, with IDs of their own and the same dates, sources
// and texts, so every one passes the same rules as the original), and
// the delegations and the Secretariat run one Art. 4 procedure through
// the service, step by step, one durable transaction per step, as the
// API and the CLI do. ATOP 5.1 is imported once, as `csto atop import`
// does.
const (
	batchSize           = 500 // history commands per transaction (a reviewed import)
	batchesPerProcedure = 1
)

var (
	secretariat = csto.Actor{Role: csto.RoleSecretariat}
	importActor = csto.Actor{Role: csto.RoleSystem, State: "import"}
)

// generator grows a log to a number of events.
type generator struct {
	reg       *registry.Registry
	svc       *service.Service
	templates []csto.Command // the history's timeline entries, exercises, incidents
	rng       *rand.Rand
	round     int // copies made so far: the suffix of the next IDs
	counts    map[string]int
}

func newGenerator(reg *registry.Registry, seed uint64) (*generator, error) {
	cmds, err := dataset.Commands()
	if err != nil {
		return nil, err
	}
	g := &generator{reg: reg, svc: service.New(reg), rng: rand.New(rand.NewPCG(seed, 12)), counts: map[string]int{}}
	for _, c := range cmds {
		switch c.Type {
		case csto.CmdEventRecord, csto.CmdExerciseHold, csto.CmdIncidentRecord:
			g.templates = append(g.templates, c)
		}
	}
	if len(g.templates) == 0 {
		return nil, fmt.Errorf("the default history has no timeline entries to copy")
	}
	// The log as the history and the round count stand (a grown log can grow again).
	err = reg.Model().CommandIDs(context.Background(), func(id string, _ int64) error {
		if len(id) > 3 && id[:3] == "gen" {
			g.round++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// importATOP imports ATOP 5.1 and COW from dir (atop/ and cow/ below it),
// once: the command IDs derive from the content.
func (g *generator) importATOP(ctx context.Context, dir string) (int, error) {
	var data rules.ATOPData
	read := func(name string, f func(io.Reader) error) error {
		fh, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		defer fh.Close()
		if err := f(fh); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	for _, f := range []struct {
		name string
		read func(io.Reader) error
	}{
		{"atop/" + atop.MembersFile, func(r io.Reader) (err error) { data.Members, err = atop.ReadMembers(r); return }},
		{"atop/" + atop.AlliancesFile, func(r io.Reader) (err error) { data.Alliances, err = atop.ReadAlliances(r); return }},
		{"atop/" + atop.PhasesFile, func(r io.Reader) (err error) { data.Phases, err = atop.ReadPhases(r); return }},
		{"cow/states2016.csv", func(r io.Reader) (err error) { data.COW, err = atop.ReadCOW(r); return }},
	} {
		if err := read(f.name, f.read); err != nil {
			return 0, err
		}
	}
	imp, err := rules.ATOPCommands(g.reg.Model(), data)
	if err != nil {
		return 0, err
	}
	evs, err := g.reg.SubmitNew(ctx, importActor, imp.Commands...)
	g.counts["atop import"] += len(evs)
	return len(evs), err
}

// grow appends until the log holds n events (or a little more: the last
// batch or procedure is not cut).
func (g *generator) grow(ctx context.Context, n int64, progress func(int64)) error {
	for i := 0; g.reg.Model().Seq < n; i++ {
		left := n - g.reg.Model().Seq
		if i%batchesPerProcedure == 0 && left > 20 {
			if err := g.procedure(ctx); err != nil {
				return fmt.Errorf("procedure: %w", err)
			}
			left = n - g.reg.Model().Seq
		}
		if left <= 0 {
			break
		}
		if err := g.history(ctx, int(min(left, batchSize))); err != nil {
			return fmt.Errorf("history batch: %w", err)
		}
		if progress != nil {
			progress(g.reg.Model().Seq)
		}
	}
	return nil
}

// history submits k copies of the history's dated commands, as the
// Secretariat recording reviewed news, in one transaction.
func (g *generator) history(ctx context.Context, k int) error {
	cmds := make([]csto.Command, 0, k)
	for range k {
		g.round++
		c, err := copyOf(g.templates[g.rng.IntN(len(g.templates))], "gen"+strconv.Itoa(g.round))
		if err != nil {
			return err
		}
		g.counts[c.Type]++
		cmds = append(cmds, c)
	}
	_, err := g.reg.Submit(ctx, secretariat, cmds...)
	return err
}

// copyOf returns t as history with IDs of its own (the command's and the
// exercise's or incident's).
func copyOf(t csto.Command, tag string) (csto.Command, error) {
	c := t
	c.ID = tag + ":" + t.ID
	c.History = true
	switch t.Type {
	case csto.CmdExerciseHold, csto.CmdIncidentRecord:
		var data map[string]json.RawMessage
		if err := json.Unmarshal(t.Data, &data); err != nil {
			return c, err
		}
		var id string
		if err := json.Unmarshal(data["id"], &id); err != nil {
			return c, fmt.Errorf("%s: data.id: %w", t.ID, err)
		}
		data["id"], _ = json.Marshal(id + "-" + tag)
		b, err := json.Marshal(data)
		if err != nil {
			return c, err
		}
		c.Data = b
	}
	return c, nil
}

// procedure runs one Art. 4 procedure today through the service, one act
// per transaction: a request by a member, an extraordinary session
// convened by the Secretariat for the chair, a draft, every member's
// position, the decision closed, an operation with two contingents and
// three phases, the session closed.
func (g *generator) procedure(ctx context.Context) error {
	m := g.reg.Model()
	today := g.reg.Today()
	list, err := m.Members("csto", today, "en")
	if err != nil {
		return err
	}
	var members []string
	for _, r := range list.Members.All() {
		if r.Status == csto.Member {
			members = append(members, r.State)
		}
	}
	if len(members) < 2 {
		return fmt.Errorf("fewer than two members of the CSTO today (%s)", today)
	}
	host := members[g.rng.IntN(len(members))]
	delegate := func(s string) csto.Actor { return csto.Actor{Role: csto.RoleDelegate, State: s} }
	step := func(what string, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		g.counts["procedure step"]++
		return nil
	}
	req, err := g.svc.FileRequest(ctx, delegate(host), "en", service.RequestInput{Kind: "assistance"})
	if err := step("request", err); err != nil {
		return err
	}
	s, err := g.svc.Convene(ctx, secretariat, "en", service.ConveneInput{Kind: "extraordinary"})
	if err := step("convene", err); err != nil {
		return err
	}
	d, err := g.svc.Propose(ctx, secretariat, "en", service.ProposeInput{Session: s.ID, Title: csto.Text{AR: "إرسال قوات جماعية إلى " + host, EN: "Collective forces to " + host, RU: "Коллективные силы в " + host}, Basis: "CST Art. 4", Request: req.ID,
		Subject: &csto.Subject{Act: csto.SubjectOperation, Host: host}})
	if err := step("propose", err); err != nil {
		return err
	}
	for _, st := range members {
		_, err := g.svc.Position(ctx, delegate(st), "en", service.PositionInput{Decision: d.ID, Position: "for"})
		if err := step("position "+st, err); err != nil {
			return err
		}
	}
	_, err = g.svc.CloseDecision(ctx, secretariat, "en", service.CloseDecisionInput{Decision: d.ID})
	if err := step("close decision", err); err != nil {
		return err
	}
	op, err := g.svc.CreateOperation(ctx, secretariat, "en", service.OperationInput{Decision: d.ID, Host: host, Name: csto.Text{AR: "عملية في " + host, EN: "Operation in " + host, RU: "Операция в " + host}})
	if err := step("operation", err); err != nil {
		return err
	}
	for i, st := range members[:2] {
		_, err := g.svc.Contingent(ctx, delegate(st), "en", service.ContingentInput{Operation: op.ID, Troops: 100 * (i + 1)})
		if err := step("contingent "+st, err); err != nil {
			return err
		}
	}
	for _, ph := range []string{"deployment-start", "withdrawal-start", "withdrawal-complete"} {
		_, err := g.svc.Phase(ctx, secretariat, "en", service.PhaseInput{Operation: op.ID, Phase: ph})
		if err := step("phase "+ph, err); err != nil {
			return err
		}
	}
	_, err = g.svc.CloseSession(ctx, secretariat, "en", service.CloseSessionInput{Session: s.ID})
	return step("close session", err)
}

// monthOf returns the month of the busiest default-history year the
// timeline query asks for: January 2022 (the Kazakhstan operation).
func monthOf() edtf.Date {
	d, _ := edtf.Parse("2022-01")
	return d
}
