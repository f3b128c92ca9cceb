package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/csto/csto"
)

// /audit: the event log, the latest first, a page at a time — each
// event's position, when it was recorded, who submitted it, its type and
// date, and the first digits of its hash and of the hash it links to —
// and the state of the hash chain, recomputed on every visit. Public, as
// the API's /api/v1/events and /api/v1/verify are; each event links to
// its JSON there.

const auditPageSize = 50

type auditData struct {
	Intact     bool
	Events     int64 // the log's length
	Head       string
	BadEvent   int64
	Reason     string
	Rows       []auditRow
	Newer      string // address of the newer page, "" on the first
	Older      string
	From, To   int64 // the positions shown
	PageNumber int
	Pages      int
}

type auditRow struct {
	Seq            int64
	Recorded       time.Time
	Actor, Type    string
	Date           string
	Hash, PrevHash string
	JSON           string
}

// RecordedTime writes a recorded time in UTC, to the second, as RFC 3339.
func (p *page) RecordedTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (s *Server) audit(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "")
	p.Title = p.T("web.audit.title")
	m, err := s.reg.Refresh(r.Context())
	if err != nil {
		s.fail(w, p, err)
		return
	}
	p.m = m
	d := auditData{Intact: true, Events: m.Seq, Head: m.Head}
	// before: the page shows the events before this position.
	before := m.Seq + 1
	if v := r.URL.Query().Get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 2 || n > m.Seq+1 {
			s.fail(w, p, csto.Errorf(csto.Invalid, "before", "%q is not a log position between 2 and %d", v, m.Seq+1))
			return
		}
		before = n
	}
	after := max(before-1-auditPageSize, 0)
	err = s.reg.EventsPage(r.Context(), after, int(before-1-after), func(e csto.Event) error {
		d.Rows = append(d.Rows, auditRow{Seq: e.Seq, Recorded: e.Recorded, Actor: e.Actor, Type: e.Type, Date: e.Date.String(),
			Hash: prefix(e.Hash), PrevHash: prefix(e.PrevHash), JSON: "/api/v1/events?after=" + strconv.FormatInt(e.Seq-1, 10) + "&limit=1"})
		return nil
	})
	if err != nil {
		s.fail(w, p, err)
		return
	}
	for i, j := 0, len(d.Rows)-1; i < j; i, j = i+1, j-1 { // the latest first
		d.Rows[i], d.Rows[j] = d.Rows[j], d.Rows[i]
	}
	if len(d.Rows) > 0 {
		d.To, d.From = d.Rows[0].Seq, d.Rows[len(d.Rows)-1].Seq
	}
	if before <= m.Seq {
		d.Newer = "/audit?before=" + strconv.FormatInt(min(before+auditPageSize, m.Seq+1), 10)
		if before+auditPageSize > m.Seq {
			d.Newer = "/audit"
		}
	}
	if d.From > 1 {
		d.Older = "/audit?before=" + strconv.FormatInt(d.From, 10)
	}
	d.Pages = int((m.Seq + auditPageSize - 1) / auditPageSize)
	d.PageNumber = int((m.Seq-before+1)/auditPageSize) + 1
	if err := s.reg.Verify(r.Context()); err != nil {
		var ce *csto.ChainError
		if !errors.As(err, &ce) {
			s.fail(w, p, err)
			return
		}
		d.Intact, d.BadEvent, d.Reason = false, ce.Seq, ce.Reason
	}
	p.offerAudit(d)
	p.Data = d
	s.render(w, http.StatusOK, "audit", p)
}

// prefix is the first 12 hex digits of a hash: enough to compare by eye.
func prefix(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}
