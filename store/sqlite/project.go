package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/csto/csto"
)

// projectionTables are emptied and refilled by Rebuild.
var projectionTables = []string{"p_sources", "p_states", "p_orgs", "p_timeline", "p_memberships"}

// projectEvent writes the rows one event contributes to the projections.
func projectEvent(ctx context.Context, tx *sql.Tx, e *csto.Event) error {
	c, err := e.Command()
	if err != nil {
		return fmt.Errorf("event %d: %w", e.Seq, err)
	}
	p, err := c.Payload()
	if err != nil {
		return fmt.Errorf("event %d: %w", e.Seq, err)
	}
	switch p := p.(type) {
	case *csto.SourceAdd:
		_, err = tx.ExecContext(ctx, `INSERT INTO p_sources (id, title, publisher, published, url, seq) VALUES (?, ?, ?, ?, ?, ?)`,
			p.ID, p.Title, p.Publisher, p.Published.String(), p.URL, e.Seq)
	case *csto.StateAdd:
		_, err = tx.ExecContext(ctx, `INSERT INTO p_states (code, cow, wikidata, name_ar, name_en, name_ru, exists_from, seq)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			p.Code, p.COW, p.Wikidata, p.Name.AR, p.Name.EN, p.Name.RU, p.ExistsFrom.String(), e.Seq)
	case *csto.OrgAdd:
		_, err = tx.ExecContext(ctx, `INSERT INTO p_orgs (id, kind, name_ar, name_en, name_ru, founded, seq) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			p.ID, p.Kind, p.Name.AR, p.Name.EN, p.Name.RU, c.Date.String(), e.Seq)
	}
	if err != nil {
		return fmt.Errorf("project event %d: %w", e.Seq, err)
	}
	if csto.IsReference(c.Type) {
		return nil
	}
	srcs, _ := json.Marshal(c.Sources)
	_, err = tx.ExecContext(ctx, `INSERT INTO p_timeline (seq, type, date, earliest, latest, text_ar, text_en, text_ru, sources)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, c.Type, c.Date.String(), int64(c.Date.Earliest()), int64(c.Date.Latest()), c.Text.AR, c.Text.EN, c.Text.RU, string(srcs))
	if err != nil {
		return fmt.Errorf("project event %d: %w", e.Seq, err)
	}
	return nil
}

// replaceSpells replaces the stored spells of pairs with spells.
func replaceSpells(ctx context.Context, tx *sql.Tx, pairs []csto.Pair, spells []csto.Spell) error {
	for _, p := range pairs {
		if _, err := tx.ExecContext(ctx, `DELETE FROM p_memberships WHERE state = ? AND org = ?`, p.State, p.Org); err != nil {
			return err
		}
	}
	return insertSpells(ctx, tx, spells)
}

func insertSpells(ctx context.Context, tx *sql.Tx, spells []csto.Spell) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO p_memberships
		(state, org, status, from_date, from_earliest, from_latest, to_date, to_earliest, to_latest, seq)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, sp := range spells {
		var to any
		if !sp.To.IsZero() {
			to = sp.To.String()
		}
		if _, err := stmt.ExecContext(ctx, sp.State, sp.Org, string(sp.Status), sp.From.String(),
			int64(sp.From.Earliest()), int64(sp.From.Latest()), to, dayOrNil(sp.To, false), dayOrNil(sp.To, true), sp.Seq); err != nil {
			return fmt.Errorf("project spell %s/%s: %w", sp.State, sp.Org, err)
		}
	}
	return nil
}
