// Package drafts keeps imported draft events awaiting review. A draft is
// not part of the CSTO's record: drafts live beside the event log in
// tables of their own, and enter the record only when the Secretariat
// accepts one, as a command checked by the same rules as any other. A
// batch keeps the source the drafts came from, which is registered as a
// source when the first draft of the batch is accepted.
package drafts

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/importer"
	"github.com/csto/csto/internal/sidedb"
	"github.com/csto/csto/registry"
)

// Source describes the publication a batch was imported from.
type Source struct {
	ID        string    `json:"id"` // the source ID it is registered under
	Title     string    `json:"title"`
	Publisher string    `json:"publisher,omitempty"`
	Published edtf.Date `json:"published,omitzero"`
	URL       string    `json:"url,omitempty"`
	Lang      string    `json:"lang,omitempty"`
}

// Status is where a draft stands.
type Status string

// The statuses.
const (
	Pending  Status = "pending"
	Accepted Status = "accepted"
	Rejected Status = "rejected"
)

// Draft is a stored draft: what the importer proposed, as the reviewer
// edited it.
type Draft struct {
	ID         int64     `json:"id"`
	Batch      int64     `json:"batch"`
	Line       int       `json:"line"`
	Date       string    `json:"date,omitempty"` // EDTF; empty when undated
	Raw        string    `json:"raw"`            // the line as imported
	Text       csto.Text `json:"text"`           // the event's text, written by the reviewer in three languages
	States     []string  `json:"states"`
	Orgs       []string  `json:"orgs"`
	Kind       string    `json:"kind"`
	Command    string    `json:"command,omitempty"` // the command the importer proposed
	Confidence float64   `json:"confidence"`
	Notes      []string  `json:"notes,omitempty"`
	Status     Status    `json:"status"`
	Reason     string    `json:"reason,omitempty"` // why rejected
	Event      int64     `json:"event,omitempty"`  // the event it became
}

// Batch is one imported article.
type Batch struct {
	ID      int64     `json:"id"`
	Source  Source    `json:"source"`
	Created time.Time `json:"created"`
	Actor   string    `json:"actor"`
	Drafts  int       `json:"drafts"`
}

// Service stores and reviews drafts on a database/sql handle.
type Service struct {
	db       *sql.DB
	postgres bool
	reg      *registry.Registry
	Now      func() time.Time
}

// Open prepares the draft tables on db.
func Open(ctx context.Context, db *sql.DB, postgres bool, reg *registry.Registry) (*Service, error) {
	s := &Service{db: db, postgres: postgres, reg: reg, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		return nil, fmt.Errorf("drafts: %w", err)
	}
	return s, nil
}

// ErrNeedsSetup is OpenReader's answer when the draft tables are missing
// or older than this csto: Open makes or migrates them.
var ErrNeedsSetup = errors.New("drafts: the draft tables need setting up")

// OpenReader opens the drafts for reading only (a query of the command
// line beside a writer): it checks the tables' version by reading it and
// writes nothing; it answers ErrNeedsSetup when Open would change them.
// List and Get read; the review's changes need Open's handle.
func OpenReader(ctx context.Context, db *sql.DB, postgres bool, reg *registry.Registry) (*Service, error) {
	ok, err := sidedb.Current(ctx, db, postgres, "draft_schema", "the draft tables", len(migrations))
	if err != nil {
		return nil, fmt.Errorf("drafts: %w", err)
	}
	if !ok {
		return nil, ErrNeedsSetup
	}
	return &Service{db: db, postgres: postgres, reg: reg, Now: time.Now}, nil
}

func (s *Service) q(query string) string { return sidedb.Rebind(query, s.postgres) }

// reviewer refuses anyone but the Secretariat (and csto itself), as
// registry.Permit says.
func (s *Service) reviewer(a csto.Actor) error {
	return s.reg.Model().Permit(a, registry.ActReviewDrafts, "", edtf.Date{})
}

// Gazetteer builds the importer's gazetteer from the record: every state
// and organization with every name, abbreviation and alias in the three
// languages.
func Gazetteer(m *registry.Model) *importer.Gazetteer {
	var es []importer.Entry
	for code, st := range m.States {
		names := []string{st.Name.AR, st.Name.EN, st.Name.RU}
		names = append(names, st.Aliases.AR...)
		names = append(names, st.Aliases.EN...)
		names = append(names, st.Aliases.RU...)
		es = append(es, importer.Entry{Code: code, Kind: "state", Names: nonEmpty(names)})
	}
	for id, o := range m.Orgs {
		names := []string{o.Name.AR, o.Name.EN, o.Name.RU, o.Abbr.AR, o.Abbr.EN, o.Abbr.RU}
		es = append(es, importer.Entry{Code: id, Kind: "org", Names: nonEmpty(names)})
	}
	return importer.NewGazetteer(es)
}

func nonEmpty(ss []string) []string {
	out := ss[:0]
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// Save stores drafts as a new batch from src and returns the batch ID.
func (s *Service) Save(ctx context.Context, actor csto.Actor, src Source, ds []importer.Draft) (int64, error) {
	if err := s.reviewer(actor); err != nil {
		return 0, err
	}
	if !csto.ValidID(src.ID) {
		return 0, csto.Errorf(csto.Invalid, "source.id", "%q is not a valid source id (lower-case letters, digits and . _ : -)", src.ID)
	}
	if strings.TrimSpace(src.Title) == "" {
		return 0, csto.Errorf(csto.Invalid, "source.title", "a batch needs its source's title")
	}
	srcJSON, _ := json.Marshal(src)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var batch int64
	now := s.Now().UTC().Format(time.RFC3339Nano)
	if err := tx.QueryRowContext(ctx, s.q(`INSERT INTO draft_batches (source, created, actor) VALUES (?, ?, ?) RETURNING id`),
		string(srcJSON), now, actor.String()).Scan(&batch); err != nil {
		return 0, err
	}
	for _, d := range ds {
		date := ""
		if d.Date != nil {
			date = *d.Date
		}
		states, _ := json.Marshal(orEmpty(d.States))
		orgs, _ := json.Marshal(orEmpty(d.Orgs))
		notes, _ := json.Marshal(orEmpty(d.Notes))
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO drafts (batch, line, date, raw, text, states, orgs, kind, command, confidence, notes, status, reason, event)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 0)`),
			batch, d.Line, date, d.Raw, `{"ar":"","en":"","ru":""}`, string(states), string(orgs), d.Kind, d.Command, d.Confidence, string(notes), string(Pending)); err != nil {
			return 0, err
		}
	}
	return batch, tx.Commit()
}

func orEmpty(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// Filter selects drafts; zero fields select all.
type Filter struct {
	Batch  int64
	Status Status
	// After is a cursor: only the drafts after the draft of this ID in
	// the list's order (batch, line). 0: from the first.
	After int64
	// Limit is the most drafts returned (0: all).
	Limit int
}

// List returns the drafts f selects, by batch and line: a page of them
// when f has a cursor or a limit (read with SQL, so a page costs the same
// however many drafts there are).
func (s *Service) List(ctx context.Context, f Filter) ([]Draft, error) {
	var batch, line int64
	if f.After != 0 {
		err := s.db.QueryRowContext(ctx, s.q(`SELECT batch, line FROM drafts WHERE id = ?`), f.After).Scan(&batch, &line)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, csto.Errorf(csto.Invalid, "after", "no draft %d to continue after", f.After)
		} else if err != nil {
			return nil, err
		}
	}
	query := `SELECT id, batch, line, date, raw, text, states, orgs, kind, command, confidence, notes, status, reason, event
		FROM drafts WHERE (? = 0 OR batch = ?) AND (? = '' OR status = ?)
		AND (? = 0 OR batch > ? OR batch = ? AND (line > ? OR line = ? AND id > ?)) ORDER BY batch, line, id`
	if f.Limit > 0 {
		query += ` LIMIT ` + strconv.Itoa(f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, s.q(query),
		f.Batch, f.Batch, string(f.Status), string(f.Status), f.After, batch, batch, line, line, f.After)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Draft{}
	for rows.Next() {
		d, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

type scanner interface{ Scan(...any) error }

func scan(r scanner) (Draft, error) {
	var (
		d                         Draft
		text, states, orgs, notes string
		status                    string
	)
	if err := r.Scan(&d.ID, &d.Batch, &d.Line, &d.Date, &d.Raw, &text, &states, &orgs, &d.Kind, &d.Command, &d.Confidence, &notes, &status, &d.Reason, &d.Event); err != nil {
		return Draft{}, err
	}
	d.Status = Status(status)
	json.Unmarshal([]byte(text), &d.Text)
	json.Unmarshal([]byte(states), &d.States)
	json.Unmarshal([]byte(orgs), &d.Orgs)
	json.Unmarshal([]byte(notes), &d.Notes)
	return d, nil
}

// Get returns draft id.
func (s *Service) Get(ctx context.Context, id int64) (Draft, error) {
	d, err := scan(s.db.QueryRowContext(ctx, s.q(`SELECT id, batch, line, date, raw, text, states, orgs, kind, command, confidence, notes, status, reason, event
		FROM drafts WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return Draft{}, csto.Errorf(csto.NotFound, "id", "no draft %d", id)
	}
	return d, err
}

// Batches lists the batches, newest first.
func (s *Service) Batches(ctx context.Context) ([]Batch, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT b.id, b.source, b.created, b.actor, (SELECT count(*) FROM drafts d WHERE d.batch = b.id)
		FROM draft_batches b ORDER BY b.id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Batch{}
	for rows.Next() {
		var b Batch
		var src, created string
		if err := rows.Scan(&b.ID, &src, &created, &b.Actor, &b.Drafts); err != nil {
			return nil, err
		}
		json.Unmarshal([]byte(src), &b.Source)
		b.Created, _ = time.Parse(time.RFC3339Nano, created)
		out = append(out, b)
	}
	return out, rows.Err()
}

func (s *Service) batchSource(ctx context.Context, batch int64) (Source, error) {
	var src string
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT source FROM draft_batches WHERE id = ?`), batch).Scan(&src); err != nil {
		return Source{}, err
	}
	var out Source
	return out, json.Unmarshal([]byte(src), &out)
}

// Edit is a reviewer's change to a pending draft; nil fields stay.
type Edit struct {
	Date   *string    `json:"date,omitempty"`
	Text   *csto.Text `json:"text,omitempty"`
	States *[]string  `json:"states,omitempty"`
	Orgs   *[]string  `json:"orgs,omitempty"`
	Kind   *string    `json:"kind,omitempty"`
}

// Update applies a reviewer's edit to a pending draft.
func (s *Service) Update(ctx context.Context, actor csto.Actor, id int64, e Edit) (Draft, error) {
	if err := s.reviewer(actor); err != nil {
		return Draft{}, err
	}
	d, err := s.pending(ctx, id)
	if err != nil {
		return Draft{}, err
	}
	if e.Date != nil {
		if *e.Date != "" {
			if _, err := edtf.Parse(*e.Date); err != nil {
				return Draft{}, csto.Errorf(csto.Invalid, "date", "%v", err)
			}
		}
		d.Date = *e.Date
	}
	if e.Text != nil {
		d.Text = *e.Text
	}
	if e.States != nil {
		d.States = upper(*e.States)
	}
	if e.Orgs != nil {
		d.Orgs = *e.Orgs
	}
	if e.Kind != nil {
		d.Kind = *e.Kind
	}
	text, _ := json.Marshal(d.Text)
	states, _ := json.Marshal(orEmpty(d.States))
	orgs, _ := json.Marshal(orEmpty(d.Orgs))
	if _, err := s.db.ExecContext(ctx, s.q(`UPDATE drafts SET date = ?, text = ?, states = ?, orgs = ?, kind = ? WHERE id = ?`),
		d.Date, string(text), string(states), string(orgs), d.Kind, id); err != nil {
		return Draft{}, err
	}
	return s.Get(ctx, id)
}

func upper(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToUpper(strings.TrimSpace(s))
	}
	return out
}

func (s *Service) pending(ctx context.Context, id int64) (Draft, error) {
	d, err := s.Get(ctx, id)
	if err != nil {
		return Draft{}, err
	}
	if d.Status != Pending {
		return Draft{}, csto.Refusef("review", "draft %d is already %s", id, d.Status)
	}
	return d, nil
}

// Reject marks a pending draft rejected, with the reason.
func (s *Service) Reject(ctx context.Context, actor csto.Actor, id int64, reason string) (Draft, error) {
	if err := s.reviewer(actor); err != nil {
		return Draft{}, err
	}
	if _, err := s.pending(ctx, id); err != nil {
		return Draft{}, err
	}
	if _, err := s.db.ExecContext(ctx, s.q(`UPDATE drafts SET status = ?, reason = ? WHERE id = ? AND status = ?`),
		string(Rejected), reason, id, string(Pending)); err != nil {
		return Draft{}, err
	}
	return s.Get(ctx, id)
}

// Accept turns a pending draft into an event through the normal
// validation: an event.record of the draft's kind, date, states and
// organizations, with its text in three languages, citing the batch's
// source (registered in the same transaction when it is new). A draft
// without a date, or without its text in ar, en and ru, is refused.
func (s *Service) Accept(ctx context.Context, actor csto.Actor, id int64) (Draft, error) {
	if err := s.reviewer(actor); err != nil {
		return Draft{}, err
	}
	d, err := s.pending(ctx, id)
	if err != nil {
		return Draft{}, err
	}
	if d.Date == "" {
		return Draft{}, csto.Errorf(csto.Invalid, "date", "an undated draft cannot enter the record; give it a date first")
	}
	if err := d.Text.Check("text"); err != nil {
		return Draft{}, csto.Errorf(csto.Invalid, err.(*csto.Error).Field, "write the event's text in ar, en and ru before accepting (imported sentences are not copied into the record)")
	}
	src, err := s.batchSource(ctx, d.Batch)
	if err != nil {
		return Draft{}, err
	}
	var cmds []csto.Command
	if s.reg.Model().Sources[src.ID] == nil {
		data, _ := json.Marshal(csto.SourceAdd{ID: src.ID, Title: src.Title, Publisher: src.Publisher, Published: src.Published, URL: src.URL, Lang: src.Lang})
		cmds = append(cmds, csto.Command{ID: "source:" + src.ID, Type: csto.CmdSourceAdd, Data: data})
	}
	kind := d.Kind
	if kind == "" || kind == "event" {
		kind = "imported"
	}
	data, _ := json.Marshal(csto.EventRecord{Kind: kind, States: d.States, Orgs: d.Orgs})
	date, _ := edtf.Parse(d.Date)
	cmds = append(cmds, csto.Command{ID: fmt.Sprintf("draft:%s:%d:%d", src.ID, d.Batch, d.Line), Type: csto.CmdEventRecord, Date: date,
		History: true, Sources: []string{src.ID}, Text: d.Text, Data: data}) // what an article reports happened before it
	evs, err := s.reg.Submit(ctx, actor, cmds...)
	if err != nil {
		return Draft{}, err
	}
	if _, err := s.db.ExecContext(ctx, s.q(`UPDATE drafts SET status = ?, event = ? WHERE id = ?`), string(Accepted), evs[len(evs)-1].Seq, id); err != nil {
		return Draft{}, err
	}
	return s.Get(ctx, id)
}

var migrations = []string{
	`CREATE TABLE draft_batches (
		id      INTEGER PRIMARY KEY,
		source  TEXT NOT NULL,
		created TEXT NOT NULL,
		actor   TEXT NOT NULL
	);
	CREATE TABLE drafts (
		id         INTEGER PRIMARY KEY,
		batch      INTEGER NOT NULL REFERENCES draft_batches (id),
		line       INTEGER NOT NULL,
		date       TEXT NOT NULL,
		raw        TEXT NOT NULL,
		text       TEXT NOT NULL,
		states     TEXT NOT NULL,
		orgs       TEXT NOT NULL,
		kind       TEXT NOT NULL,
		command    TEXT NOT NULL,
		confidence REAL NOT NULL,
		notes      TEXT NOT NULL,
		status     TEXT NOT NULL,
		reason     TEXT NOT NULL,
		event      INTEGER NOT NULL
	)`,
}

func (s *Service) migrate(ctx context.Context) error {
	return sidedb.Migrate(ctx, s.db, s.postgres, 7305316172, "draft_schema", "the draft tables", migrations)
}
