package web

import (
	"net/http"
	"slices"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
)

// /account: the signed-in account's page. For a delegation ("My
// delegation"): its state's status, the decisions awaiting its position
// (each with the form to state it), the open sessions, its requests and
// where they stand, the operations it can still contribute to, and the
// forms of its own acts. For the Secretariat: the open sessions and
// votes, the requests no decision has answered yet, and the forms of the
// record it keeps.

type accountData struct {
	Status     registry.At
	Chair      string // the state chairing the Council today
	Sessions   []registry.SessionView
	Decisions  []registry.DecisionView // open votes (for a delegation: without its position)
	Requests   []registry.RequestView  // a delegation's own; for the Secretariat the pending ones
	Operations []registry.OperationView
	Drafts     int // for the Secretariat: drafts awaiting review; -1 when none are kept
}

func (s *Server) account(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "")
	if s.accounts == nil {
		s.failStatus(w, p, http.StatusNotFound, r.URL.Path)
		return
	}
	if p.Account == nil {
		p.seeOther(w, "/signin?next=%2Faccount")
		return
	}
	s.accountPage(w, p, http.StatusOK)
}

func (s *Server) accountPage(w http.ResponseWriter, p *page, status int) {
	m, st := p.m, p.delegate()
	d := accountData{}
	if ch, ok := m.ChairAt(org, p.today); ok {
		d.Chair = ch.State
	}
	switch {
	case st != "":
		d.Status = m.StatusAt(st, org, p.today)
		p.Title = p.Tf("web.account.delegation", p.StateName(st))
	case p.secretariat():
		p.Title = p.T("web.account.secretariat")
		d.Drafts = s.pendingDrafts(p.r.Context())
	default:
		p.Title = p.Tf("web.account.title", p.Account.Name)
	}
	if sessions, err := m.SessionList(org, 0, p.Lang); err == nil {
		for _, sv := range sessions {
			if sv.Status == "open" {
				d.Sessions = append(d.Sessions, sv)
			}
			for _, dv := range sv.Decisions {
				stated := slices.ContainsFunc(dv.Positions, func(x csto.Position) bool { return x.State == st })
				if dv.Outcome == "open" && (st == "" || !stated) {
					d.Decisions = append(d.Decisions, dv)
				}
			}
		}
	}
	for _, rv := range m.RequestList(p.Lang) {
		if st != "" && rv.State == st || st == "" && rv.Status == registry.Pending {
			d.Requests = append(d.Requests, rv)
		}
	}
	slices.Reverse(d.Requests) // the latest first
	for _, op := range m.OperationList(p.Lang) {
		if p.TakesContingent(op.ID) {
			d.Operations = append(d.Operations, op)
		}
	}
	p.Data = d
	s.render(w, status, "account", p)
}
