package api

import (
	"context"
	"strconv"

	"github.com/csto/csto"
	"github.com/csto/csto/drafts"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/importer"
	"github.com/csto/csto/registry"
)

// SetDrafts enables the import and draft review endpoints.
func (s *Server) SetDrafts(d *drafts.Service) { s.drafts = d }

// ImportArticle is the body of POST /api/v1/imports/article.
type ImportArticle struct {
	Text     string        `json:"text"`
	TextLang string        `json:"text_lang,omitempty"` // ar, en, ru; default: detect
	Source   drafts.Source `json:"source"`              // published resolves relative words
	Save     bool          `json:"save,omitempty"`      // store as a batch for review
}

// ImportResult is the drafts an article gave, and the batch they were
// saved as.
type ImportResult struct {
	Batch  int64            `json:"batch,omitempty"`
	Drafts []importer.Draft `json:"drafts"`
}

// DraftList lists drafts.
type DraftList struct {
	Drafts []drafts.Draft `json:"drafts"`
	Next   int64          `json:"next,omitempty"` // pass as ?after= for the next page; absent on the last
}

// Rejection is the body of POST /api/v1/drafts/{id}/reject.
type Rejection struct {
	Reason string `json:"reason,omitempty"`
}

// Empty is an empty JSON body.
type Empty struct{}

func init() {
	pBatch := Param{"batch", "integer", "only this batch"}
	pStatus := Param{"status", "string", "only drafts with this status: pending, accepted, rejected"}
	moreRoutes = append(moreRoutes,
		Route{Method: "POST", Pattern: "/api/v1/imports/article", Tag: "imports", Summary: "Turn timeline text into dated, sourced drafts (the Secretariat); with save, store them for review",
			Body: ImportArticle{}, Resp: ImportResult{}, Write: true, May: (*request).secretariatOnly, Handle: postImportArticle},
		Route{Method: "GET", Pattern: "/api/v1/drafts", Tag: "imports", Summary: "Drafts awaiting or after review",
			Params: []Param{pBatch, pStatus, pAfter, pLimit}, Resp: DraftList{}, Handle: getDrafts},
		Route{Method: "GET", Pattern: "/api/v1/drafts/{id}", Tag: "imports", Summary: "One draft", Resp: drafts.Draft{}, Handle: getDraft},
		Route{Method: "POST", Pattern: "/api/v1/drafts/{id}/edit", Tag: "imports", Summary: "Edit a pending draft: date, text in three languages, states, organizations, kind",
			Body: drafts.Edit{}, Resp: drafts.Draft{}, Write: true, May: (*request).secretariatOnly, Handle: postDraftEdit},
		Route{Method: "POST", Pattern: "/api/v1/drafts/{id}/accept", Tag: "imports", Summary: "Accept a draft: it enters the record as an event, through the normal rules",
			Body: Empty{}, Resp: drafts.Draft{}, Write: true, May: (*request).secretariatOnly, Handle: postDraftAccept},
		Route{Method: "POST", Pattern: "/api/v1/drafts/{id}/reject", Tag: "imports", Summary: "Reject a draft",
			Body: Rejection{}, Resp: drafts.Draft{}, Write: true, May: (*request).secretariatOnly, Handle: postDraftReject},
	)
}

func (r *request) draftsService() (*drafts.Service, error) {
	if r.s.drafts == nil {
		return nil, &csto.Error{Kind: csto.Internal, Message: "draft review is not configured"}
	}
	return r.s.drafts, nil
}

// secretariatOnly refuses everyone but the Secretariat: the drafts are
// the Secretariat's working material, not the public record
// (registry.Permit, ActReviewDrafts).
func (r *request) secretariatOnly() error {
	return r.s.reg.Model().Permit(r.actor(), registry.ActReviewDrafts, "", edtf.Date{})
}

func postImportArticle(r *request) (any, error) {
	return act(r, nil, func(ctx context.Context, in ImportArticle) (any, error) {
		if err := r.secretariatOnly(); err != nil {
			return nil, err
		}
		svc, err := r.draftsService()
		if err != nil {
			return nil, err
		}
		if in.TextLang != "" {
			if _, err := csto.ParseLang(in.TextLang); err != nil {
				return nil, csto.Errorf(csto.Invalid, "text_lang", "%q is not ar, en or ru", in.TextLang)
			}
		}
		m := r.s.reg.Model()
		res := ImportResult{Drafts: importer.Parse(in.Text, drafts.Gazetteer(m), importer.Options{Lang: in.TextLang, Published: in.Source.Published})}
		if in.Save {
			if res.Batch, err = svc.Save(ctx, r.actor(), in.Source, res.Drafts); err != nil {
				return nil, err
			}
		}
		return res, nil
	})
}

func (r *request) draftID() (int64, error) {
	id, err := strconv.ParseInt(r.path("id"), 10, 64)
	if err != nil {
		return 0, csto.Errorf(csto.NotFound, "id", "no draft %q", r.path("id"))
	}
	return id, nil
}

func getDrafts(r *request) (any, error) {
	if err := r.secretariatOnly(); err != nil {
		return nil, err
	}
	svc, err := r.draftsService()
	if err != nil {
		return nil, err
	}
	var f drafts.Filter
	if v := r.URL.Query().Get("batch"); v != "" {
		if f.Batch, err = strconv.ParseInt(v, 10, 64); err != nil {
			return nil, csto.Errorf(csto.Invalid, "batch", "%q is not a batch number", v)
		}
	}
	switch st := drafts.Status(r.URL.Query().Get("status")); st {
	case "", drafts.Pending, drafts.Accepted, drafts.Rejected:
		f.Status = st
	default:
		return nil, csto.Errorf(csto.Invalid, "status", "%q is not pending, accepted or rejected", st)
	}
	if f.After, f.Limit, err = r.page(); err != nil {
		return nil, err
	}
	f.Limit++ // one more than the page: whether there is a next one
	ds, err := svc.List(r.Context(), f)
	if err != nil {
		return nil, err
	}
	list := DraftList{Drafts: ds}
	if n := f.Limit - 1; len(ds) > n {
		list.Drafts, list.Next = ds[:n], ds[n-1].ID
	}
	return list, nil
}

// draft checks that the Secretariat calls, and returns the draft service
// and the draft ID of the path.
func (r *request) draft() (*drafts.Service, int64, error) {
	if err := r.secretariatOnly(); err != nil {
		return nil, 0, err
	}
	svc, err := r.draftsService()
	if err != nil {
		return nil, 0, err
	}
	id, err := r.draftID()
	return svc, id, err
}

func getDraft(r *request) (any, error) {
	svc, id, err := r.draft()
	if err != nil {
		return nil, err
	}
	return svc.Get(r.Context(), id)
}

func postDraftEdit(r *request) (any, error) {
	return act(r, nil, func(ctx context.Context, e drafts.Edit) (any, error) {
		svc, id, err := r.draft()
		if err != nil {
			return nil, err
		}
		return svc.Update(ctx, r.actor(), id, e)
	})
}

func postDraftAccept(r *request) (any, error) {
	return act(r, nil, func(ctx context.Context, _ Empty) (any, error) {
		svc, id, err := r.draft()
		if err != nil {
			return nil, err
		}
		return svc.Accept(ctx, r.actor(), id)
	})
}

func postDraftReject(r *request) (any, error) {
	return act(r, nil, func(ctx context.Context, in Rejection) (any, error) {
		svc, id, err := r.draft()
		if err != nil {
			return nil, err
		}
		return svc.Reject(ctx, r.actor(), id, in.Reason)
	})
}
