package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// Exec runs one statement with $n placeholders in the caller's
// transaction.
type Exec func(ctx context.Context, query string, args ...any) error

// ProjectionTables are the tables a rebuild empties and refills.
var ProjectionTables = []string{"p_sources", "p_states", "p_orgs", "p_timeline", "p_memberships", "p_alliances", "p_alliance_members"}

// ProjectEvent writes the rows one event contributes to the projections:
// a reference row for source.add, state.add and org.add, and a timeline
// row for every dated (non-reference) event. c is e's command when the
// writer has it decoded (csto.Projection.Commands); nil, and e's body is
// decoded.
func ProjectEvent(ctx context.Context, exec Exec, e *csto.Event, c *csto.Command) error {
	if c == nil {
		d, err := e.Command()
		if err != nil {
			return fmt.Errorf("event %d: %w", e.Seq, err)
		}
		c = &d
	}
	var err error
	// Only the reference and ATOP rows need the payload: a timeline row is
	// the command's own fields, so its payload is not decoded again (a
	// tenth of a write's CPU).
	var p any
	switch c.Type {
	case csto.CmdSourceAdd, csto.CmdStateAdd, csto.CmdOrgAdd, csto.CmdAllianceAdd, csto.CmdAllianceMember:
		if p, err = c.Payload(); err != nil {
			return fmt.Errorf("event %d: %w", e.Seq, err)
		}
	}
	switch p := p.(type) {
	case *csto.SourceAdd:
		// A revision of a source (csto.SourceAdd.Revision) supersedes its row.
		err = exec(ctx, `INSERT INTO p_sources (id, title, publisher, published, url, seq) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (id) DO UPDATE SET title = excluded.title, publisher = excluded.publisher,
			published = excluded.published, url = excluded.url, seq = excluded.seq`,
			p.ID, p.Title, p.Publisher, p.Published.String(), p.URL, e.Seq)
	case *csto.StateAdd:
		err = exec(ctx, `INSERT INTO p_states (code, cow, wikidata, name_ar, name_en, name_ru, exists_from, seq)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			p.Code, p.COW, p.Wikidata, p.Name.AR, p.Name.EN, p.Name.RU, p.ExistsFrom.String(), e.Seq)
	case *csto.OrgAdd:
		err = exec(ctx, `INSERT INTO p_orgs (id, kind, name_ar, name_en, name_ru, founded, seq) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			p.ID, p.Kind, p.Name.AR, p.Name.EN, p.Name.RU, c.Date.String(), e.Seq)
	case *csto.AllianceAdd:
		err = exec(ctx, `INSERT INTO p_alliances (id, atopid, began, ended, observed, phases, version, seq)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			p.ID, p.ATOPID, c.Date.String(), textOrNil(p.End), p.Observed.String(), len(p.Phases), p.Version, e.Seq)
	case *csto.AllianceMember:
		err = projectAllianceMember(ctx, exec, *c, p, e.Seq)
	}
	if err != nil {
		return fmt.Errorf("project event %d: %w", e.Seq, err)
	}
	if csto.IsReference(c.Type) {
		return nil
	}
	srcs, err := json.Marshal(c.Sources)
	if err != nil {
		return fmt.Errorf("project event %d: %w", e.Seq, err)
	}
	err = exec(ctx, `INSERT INTO p_timeline (seq, type, date, earliest, latest, text_ar, text_en, text_ru, sources)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		e.Seq, c.Type, c.Date.String(), int64(c.Date.Earliest()), int64(c.Date.Latest()), c.Text.AR, c.Text.EN, c.Text.RU, string(srcs))
	if err != nil {
		return fmt.Errorf("project event %d: %w", e.Seq, err)
	}
	return nil
}

// ReplaceSpells replaces the stored spells of pairs with spells.
func ReplaceSpells(ctx context.Context, exec Exec, pairs []csto.Pair, spells []csto.Spell) error {
	for _, p := range pairs {
		if err := exec(ctx, `DELETE FROM p_memberships WHERE state = $1 AND org = $2`, p.State, p.Org); err != nil {
			return fmt.Errorf("clear spells %s/%s: %w", p.State, p.Org, err)
		}
	}
	return InsertSpells(ctx, exec, spells)
}

// InsertSpells adds spells to p_memberships.
func InsertSpells(ctx context.Context, exec Exec, spells []csto.Spell) error {
	for _, sp := range spells {
		var to any
		if !sp.To.IsZero() {
			to = sp.To.String()
		}
		if err := exec(ctx, `INSERT INTO p_memberships
			(state, org, status, from_date, from_earliest, from_latest, to_date, to_earliest, to_latest, seq)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			sp.State, sp.Org, string(sp.Status), sp.From.String(), int64(sp.From.Earliest()), int64(sp.From.Latest()),
			to, DayOrNil(sp.To, false), DayOrNil(sp.To, true), sp.Seq); err != nil {
			return fmt.Errorf("project spell %s/%s: %w", sp.State, sp.Org, err)
		}
	}
	return nil
}

// DayOrNil returns d's earliest (or latest) day as an int64, or nil (SQL
// NULL) for the zero date.
func DayOrNil(d edtf.Date, latest bool) any {
	if d.IsZero() {
		return nil
	}
	if latest {
		return int64(d.Latest())
	}
	return int64(d.Earliest())
}

// projectAllianceMember writes one row of p_alliance_members: the span
// and the member's obligations as ATOP's five dummies (nonagg also for
// csto's non-use of force among members) and NOOTHALL.
func projectAllianceMember(ctx context.Context, exec Exec, c csto.Command, p *csto.AllianceMember, seq int64) error {
	has := map[string]int{}
	for _, pr := range p.Provisions {
		has[pr.Kind] = 1
	}
	nonagg := max(has["nonaggression"], has["non-use-of-force"])
	var exitYear any
	if !p.Exit.IsZero() {
		y, _, _ := p.Exit.Earliest().Date()
		exitYear = int64(y)
	}
	entryYear, _, _ := c.Date.Earliest().Date()
	return exec(ctx, `INSERT INTO p_alliance_members (seq, alliance, phase, state, cow, entry, entry_earliest, entry_year,
		exit_date, exit_latest, exit_year, defense, offense, neutral, nonagg, consul, noothall)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
		seq, p.Alliance, p.Phase, p.State, p.COW, c.Date.String(), int64(c.Date.Earliest()), int64(entryYear),
		textOrNil(p.Exit), DayOrNil(p.Exit, true), exitYear,
		has["defense"], has["offense"], has["neutrality"], nonagg, has["consultation"], has["noothall"])
}

// textOrNil returns d as text, or nil (SQL NULL) for the zero date.
func textOrNil(d edtf.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// Decoded returns the command of the i-th of n new events from proj,
// or nil when the writer did not pass them (ProjectEvent then decodes the
// event's body).
func Decoded(proj *csto.Projection, i, n int) *csto.Command {
	if len(proj.Commands) != n {
		return nil
	}
	return &proj.Commands[i]
}
