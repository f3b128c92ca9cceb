package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/drafts"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/importer"
	"github.com/csto/csto/registry"
)

// /imports: the Secretariat's review of imported articles, as the API's
// /api/v1/imports/article and /api/v1/drafts… do it. An article pasted
// into the form is read by the importer (package importer, with the
// gazetteer of the record): "preview" shows the drafts and writes
// nothing; "save" keeps them as a batch beside the log (package drafts)
// and goes to the batch. On /imports/{batch} each pending draft has a
// form: its date, its text in our own words in Arabic, English and
// Russian, its states, organizations and kind; "accept" saves the form
// and submits the draft to the record, through the registry's rules;
// "reject" keeps the reason. Nothing enters the record unreviewed, and
// none of it is for anyone but the Secretariat: every other account is
// refused (403, naming the rule of authority) before a draft is shown.

const (
	// maxArticle is the largest article form accepted: a long article
	// with its source.
	maxArticle = 1 << 20
	// draftsPage drafts a page keep a batch's page small: each pending
	// draft carries its forms.
	draftsPage = 20
)

// SetDrafts enables /imports: the import and review of drafts, stored by
// d (the API's own, so both surfaces see the same batches).
func (s *Server) SetDrafts(d *drafts.Service) { s.drafts = d }

// reviewer is the gate of the import pages and forms: registry.Permit
// says who reviews imported drafts (the Secretariat), for the API and the
// drafts package too.
func reviewer(p *page) error {
	if p.s.drafts == nil {
		return csto.Errorf(csto.NotFound, "", "draft review is not configured")
	}
	return p.m.Permit(p.actor(), registry.ActReviewDrafts, "", p.today)
}

// ImportsLink reports whether the header links /imports: for the
// Secretariat, when the server reviews drafts.
func (p *page) ImportsLink() bool { return p.s.drafts != nil && reviewer(p) == nil }

// openReview starts a GET of an import page: anonymous readers are sent
// to sign in, other accounts refused. It reports whether to go on.
func (s *Server) openReview(w http.ResponseWriter, r *http.Request) (*page, bool) {
	p := s.newPage(w, r, "imports")
	switch {
	case s.accounts == nil || s.drafts == nil:
		s.failStatus(w, p, http.StatusNotFound, r.URL.Path)
		return nil, false
	case p.Account == nil:
		p.seeOther(w, "/signin?next="+url.QueryEscape(r.URL.RequestURI()))
		return nil, false
	}
	if err := reviewer(p); err != nil {
		s.denied(w, p, err)
		return nil, false
	}
	return p, true
}

// importsData is /imports: the batches saved so far and, after a
// preview, the drafts the posted article gives.
type importsData struct {
	Previewed   bool
	Preview     []drafts.Draft
	PreviewLang string // the article's language, when given
	Batches     []batchRow
}

type batchRow struct {
	drafts.Batch
	Pending, Accepted, Rejected int
}

func (s *Server) imports(w http.ResponseWriter, r *http.Request) {
	p, ok := s.openReview(w, r)
	if !ok {
		return
	}
	s.importsPage(w, p, http.StatusOK)
}

// importsPage renders /imports with status; a preview leaves its drafts
// in p.Data.
func (s *Server) importsPage(w http.ResponseWriter, p *page, status int) {
	p.Nav, p.Title = "imports", p.T("web.imports.title")
	d, _ := p.Data.(*importsData)
	if d == nil {
		d = &importsData{}
	}
	ctx := p.r.Context()
	bs, err := s.drafts.Batches(ctx)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	all, err := s.drafts.List(ctx, drafts.Filter{})
	if err != nil {
		s.fail(w, p, err)
		return
	}
	byBatch := map[int64]*batchRow{}
	for _, b := range bs {
		d.Batches = append(d.Batches, batchRow{Batch: b})
	}
	for i := range d.Batches {
		byBatch[d.Batches[i].ID] = &d.Batches[i]
	}
	for _, dr := range all {
		if b := byBatch[dr.Batch]; b != nil {
			b.count(dr.Status)
		}
	}
	p.Data = d
	s.render(w, status, "imports", p)
}

func (b *batchRow) count(st drafts.Status) {
	switch st {
	case drafts.Pending:
		b.Pending++
	case drafts.Accepted:
		b.Accepted++
	case drafts.Rejected:
		b.Rejected++
	}
}

var importFields = []string{"text", "source_id", "source_title", "source_publisher", "source_published", "source_url", "source_lang"}

// importArticle saves an article's drafts as a batch (the form's "save"
// button); its "preview" button is importPost's.
var importArticle = &form{
	name: "import", title: "web.imports.form", fields: importFields,
	pages: []string{"imports"}, action: fixed("/imports"), gate: reviewer,
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		src, ds, err := in.article(p)
		if err != nil {
			return "", err
		}
		b, err := p.s.drafts.Save(ctx, p.actor(), src, ds)
		if err != nil {
			return "", underscored(err)
		}
		return "/imports/" + strconv.FormatInt(b, 10), nil
	},
}

// importPost is POST /imports: "save" stores the drafts (303 to the
// batch); "preview", the default, shows them and writes nothing.
func (s *Server) importPost(w http.ResponseWriter, r *http.Request) {
	p, in, ok := s.begin(w, r, importArticle, maxArticle)
	if !ok {
		return
	}
	if in.Get("do") == "save" {
		loc, err := importArticle.do(r.Context(), p, in)
		if err != nil {
			s.refused(w, p, importArticle, in, err)
			return
		}
		p.seeOther(w, loc)
		return
	}
	src, ds, err := in.article(p)
	if err != nil {
		s.refused(w, p, importArticle, in, err)
		return
	}
	d := &importsData{Previewed: true, PreviewLang: src.Lang, Preview: make([]drafts.Draft, len(ds))}
	for i, x := range ds {
		d.Preview[i] = drafts.Draft{Line: x.Line, Raw: x.Raw, States: x.States, Orgs: x.Orgs, Kind: x.Kind, Command: x.Command,
			Confidence: x.Confidence, Notes: x.Notes}
		if x.Date != nil {
			d.Preview[i].Date = *x.Date
		}
	}
	p.echo = &echo{form: importArticle.name, values: in.Values}
	p.Data = d
	s.importsPage(w, p, http.StatusOK)
}

// article reads the import form: the text, parsed with the record's
// gazetteer in the article's language (else detected) and with its date
// of publication resolving the relative words ("yesterday"); and the
// source the batch keeps.
func (in formInput) article(p *page) (drafts.Source, []importer.Draft, error) {
	get := func(f string) string { return strings.TrimSpace(in.Get(f)) }
	text := in.Get("text")
	if strings.TrimSpace(text) == "" {
		return drafts.Source{}, nil, csto.Errorf(csto.Invalid, "text", "required")
	}
	src := drafts.Source{ID: get("source_id"), Title: get("source_title"), Publisher: get("source_publisher"), URL: get("source_url"), Lang: get("source_lang")}
	if src.Lang != "" {
		if _, err := csto.ParseLang(src.Lang); err != nil {
			return drafts.Source{}, nil, csto.Errorf(csto.Invalid, "source_lang", "%q is not ar, en or ru", src.Lang)
		}
	}
	if v := typed(in.Get("source_published")); v != "" {
		d, err := edtf.ParseInput(v)
		if err != nil {
			return drafts.Source{}, nil, badParam("source_published", err)
		}
		src.Published = d
	}
	ds := importer.Parse(text, drafts.Gazetteer(p.m), importer.Options{Lang: src.Lang, Published: src.Published})
	return src, ds, nil
}

// underscored names a refused field as the form names it: the drafts
// package's "source.id" and "text.ar" are the fields source_id and
// text_ar.
func underscored(err error) error {
	var ce *csto.Error
	if !errors.As(err, &ce) || !(strings.HasPrefix(ce.Field, "source.") || strings.HasPrefix(ce.Field, "text.")) {
		return err
	}
	c := *ce
	c.Field = strings.Replace(c.Field, ".", "_", 1)
	return &c
}

// The review of one draft: a form with its fields, whose "save" button
// posts to /drafts/{id}/edit and whose "accept" button posts the same
// fields to /drafts/{id}/accept (saved first, then accepted, so that a
// refusal keeps what was written); and a form to reject it.

var draftFields = []string{"date", "text_ar", "text_en", "text_ru", "states", "orgs", "kind"}

var draftEdit = &form{
	name: "draft", title: "web.imports.draft", fields: draftFields,
	pages: []string{"import"}, action: under("/drafts/", "/edit"), gate: reviewer,
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		d, err := in.saveDraft(ctx, p)
		if err != nil {
			return "", err
		}
		return p.s.draftPlace(ctx, d)
	},
}

var draftAccept = &form{
	name: "draft", title: "web.imports.draft", fields: draftFields,
	pages: []string{"import"}, action: under("/drafts/", "/accept"), gate: reviewer,
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		d, err := in.saveDraft(ctx, p)
		if err != nil {
			return "", err
		}
		if d, err = p.s.drafts.Accept(ctx, p.actor(), d.ID); err != nil {
			return "", acceptError(err)
		}
		return p.s.draftPlace(ctx, d)
	},
}

var draftReject = &form{
	name: "draft-reject", title: "web.imports.reject_title", fields: []string{"reason"},
	pages: []string{"import"}, action: under("/drafts/", "/reject"), gate: reviewer,
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		id, err := draftID(in.id)
		if err != nil {
			return "", err
		}
		d, err := p.s.drafts.Reject(ctx, p.actor(), id, strings.TrimSpace(in.Get("reason")))
		if err != nil {
			return "", err
		}
		return p.s.draftPlace(ctx, d)
	},
}

func draftID(v string) (int64, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, csto.Errorf(csto.NotFound, "id", "no draft %q", v)
	}
	return id, nil
}

// saveDraft applies the posted fields to draft in.id (those posted; a
// form without fields changes nothing) and returns it.
func (in formInput) saveDraft(ctx context.Context, p *page) (drafts.Draft, error) {
	id, err := draftID(in.id)
	if err != nil {
		return drafts.Draft{}, err
	}
	cur, err := p.s.drafts.Get(ctx, id)
	if err != nil {
		return drafts.Draft{}, err
	}
	if !slices.ContainsFunc(draftFields, in.Has) {
		return cur, nil
	}
	var e drafts.Edit
	get := func(f string) string { return strings.TrimSpace(in.Get(f)) }
	if in.Has("date") {
		v := typed(in.Get("date"))
		e.Date = &v
	}
	t := cur.Text
	for _, l := range []struct {
		s    *string
		lang csto.Lang
	}{{&t.AR, csto.Arabic}, {&t.EN, csto.English}, {&t.RU, csto.Russian}} {
		if f := "text_" + string(l.lang); in.Has(f) {
			*l.s = get(f)
		}
	}
	e.Text = &t
	if in.Has("states") {
		v := codes(in.Get("states"), strings.ToUpper)
		e.States = &v
	}
	if in.Has("orgs") {
		v := codes(in.Get("orgs"), strings.ToLower)
		e.Orgs = &v
	}
	if in.Has("kind") {
		v := get("kind")
		e.Kind = &v
	}
	d, err := p.s.drafts.Update(ctx, p.actor(), id, e)
	if err != nil {
		return drafts.Draft{}, underscored(err)
	}
	return d, nil
}

// codes splits a list of codes typed with commas (Latin or Arabic),
// semicolons or spaces, each once, in case.
func codes(s string, cased func(string) string) []string {
	out := []string{}
	for _, c := range strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '،' || r == ';' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
	}) {
		if c = cased(c); !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// acceptError says a refused acceptance about a field in the page's
// language: an undated draft, a text missing in a language. Rules of the
// record stay as the registry gives them.
func acceptError(err error) error {
	var ce *csto.Error
	if !errors.As(err, &ce) || ce.Rule != "" || ce.Kind != csto.Invalid {
		return underscored(err)
	}
	switch {
	case ce.Field == "date":
		return hinted{ce, "web.imports.err.undated"}
	case strings.HasPrefix(ce.Field, "text."):
		c := underscored(ce).(*csto.Error)
		return hinted{c, "web.imports.err.text"}
	}
	return underscored(err)
}

// draftPlace is the address of a draft on its batch's page.
func (s *Server) draftPlace(ctx context.Context, d drafts.Draft) (string, error) {
	all, err := s.drafts.List(ctx, drafts.Filter{Batch: d.Batch})
	if err != nil {
		return "", err
	}
	loc := "/imports/" + strconv.FormatInt(d.Batch, 10)
	if i := slices.IndexFunc(all, func(x drafts.Draft) bool { return x.ID == d.ID }); i >= draftsPage {
		loc += "?page=" + strconv.Itoa(i/draftsPage+1)
	}
	return loc + "#d" + strconv.FormatInt(d.ID, 10), nil
}

// batchData is /imports/{batch}: the batch's source, its drafts by
// status, a page of them.
type batchData struct {
	Batch              drafts.Batch
	Status             string
	Filters            []statusLink
	Drafts             []draftRow
	Total, Page, Pages int
	First, Last        int
	PrevURL, NextURL   string
}

type statusLink struct {
	Label, URL string
	Count      int
	Current    bool
}

// draftRow is a draft as its page shows it.
type draftRow struct {
	drafts.Draft
	Key      string     // its ID, the key of its forms
	Values   url.Values // its fields as the form shows them
	EventURL string     // for an accepted draft: its entry on the timeline
}

// Pending reports whether the draft awaits review (and has forms).
func (r draftRow) Pending() bool { return r.Status == drafts.Pending }

func (s *Server) importBatch(w http.ResponseWriter, r *http.Request) {
	p, ok := s.openReview(w, r)
	if !ok {
		return
	}
	s.importBatchPage(w, p, http.StatusOK)
}

// importBatchPage renders a batch's page with status: the batch of the
// address, or, when a draft's form was refused, the draft's batch at the
// page that holds it.
func (s *Server) importBatchPage(w http.ResponseWriter, p *page, status int) {
	p.Nav = "imports"
	ctx := p.r.Context()
	q := p.r.URL.Query()
	d := batchData{Page: 1}
	var batch, focus int64
	if v := p.r.PathValue("batch"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			s.fail(w, p, csto.Errorf(csto.NotFound, "batch", "no batch %q", v))
			return
		}
		batch = n
		switch st := drafts.Status(q.Get("status")); st {
		case "", drafts.Pending, drafts.Accepted, drafts.Rejected:
			d.Status = string(st)
		default:
			s.fail(w, p, csto.Errorf(csto.Invalid, "status", "%q is not pending, accepted or rejected", st))
			return
		}
	} else if p.Failed != nil {
		id, err := draftID(p.Failed.Key)
		if err == nil {
			var dr drafts.Draft
			if dr, err = s.drafts.Get(ctx, id); err == nil {
				batch, focus = dr.Batch, id
			}
		}
		if err != nil {
			s.fail(w, p, err)
			return
		}
	}
	bs, err := s.drafts.Batches(ctx)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	i := slices.IndexFunc(bs, func(b drafts.Batch) bool { return b.ID == batch })
	if i < 0 {
		s.fail(w, p, csto.Errorf(csto.NotFound, "batch", "no batch %d", batch))
		return
	}
	d.Batch = bs[i]
	all, err := s.drafts.List(ctx, drafts.Filter{Batch: batch})
	if err != nil {
		s.fail(w, p, err)
		return
	}
	var counts batchRow
	var shown []drafts.Draft
	for _, x := range all {
		counts.count(x.Status)
		if d.Status == "" || string(x.Status) == d.Status {
			shown = append(shown, x)
		}
	}
	base := "/imports/" + strconv.FormatInt(batch, 10)
	for _, f := range []struct {
		status string
		n      int
	}{{"", len(all)}, {"pending", counts.Pending}, {"accepted", counts.Accepted}, {"rejected", counts.Rejected}} {
		u := base
		if f.status != "" {
			u += "?status=" + f.status
		}
		d.Filters = append(d.Filters, statusLink{Label: p.Label("web.imports.status.", orDefault(f.status, "all")), URL: u, Count: f.n, Current: f.status == d.Status})
	}
	d.Total = len(shown)
	d.Pages = max(1, (d.Total+draftsPage-1)/draftsPage)
	if v := q.Get("page"); v != "" && focus == 0 {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > d.Pages {
			s.fail(w, p, csto.Errorf(csto.Invalid, "page", "%q is not a page of this list (1–%d)", v, d.Pages))
			return
		}
		d.Page = n
	}
	if focus != 0 {
		if i := slices.IndexFunc(shown, func(x drafts.Draft) bool { return x.ID == focus }); i >= 0 {
			d.Page = i/draftsPage + 1
		}
	}
	lo, hi := (d.Page-1)*draftsPage, min(d.Page*draftsPage, d.Total)
	d.First, d.Last = lo+1, hi
	for _, x := range shown[lo:hi] {
		d.Drafts = append(d.Drafts, draftRow{Draft: x, Key: strconv.FormatInt(x.ID, 10), Values: draftValues(x), EventURL: eventURL(x)})
	}
	pageAt := func(n int) string {
		v := url.Values{}
		if d.Status != "" {
			v.Set("status", d.Status)
		}
		v.Set("page", strconv.Itoa(n))
		return base + "?" + v.Encode()
	}
	if d.Page > 1 {
		d.PrevURL = pageAt(d.Page - 1)
	}
	if d.Page < d.Pages {
		d.NextURL = pageAt(d.Page + 1)
	}
	p.Title = p.Tf("web.imports.batch_title", batch, d.Batch.Source.Title)
	p.Data = d
	s.render(w, status, "import", p)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// draftValues are a draft's fields as its form shows them.
func draftValues(d drafts.Draft) url.Values {
	return url.Values{"date": {d.Date}, "text_ar": {d.Text.AR}, "text_en": {d.Text.EN}, "text_ru": {d.Text.RU},
		"states": {strings.Join(d.States, ", ")}, "orgs": {strings.Join(d.Orgs, ", ")}, "kind": {d.Kind}}
}

// eventURL is an accepted draft's entry on the timeline: every
// organization, the draft's date, the entry's anchor.
func eventURL(d drafts.Draft) string {
	if d.Status != drafts.Accepted || d.Event == 0 {
		return ""
	}
	v := url.Values{"org": {""}}
	if d.Date != "" {
		v.Set("from", d.Date)
		v.Set("to", d.Date)
	}
	return "/timeline?" + v.Encode() + "#e" + strconv.FormatInt(d.Event, 10)
}

// DraftKinds are the kinds a draft can be given: those the importer
// reads, and the draft's own when it is another.
func (p *page) DraftKinds(current string) []option {
	kinds := []string{importer.KindEvent, importer.KindSignature, importer.KindRatification, importer.KindAccession, importer.KindWithdrawal,
		importer.KindSuspension, importer.KindObserver, importer.KindSummit, importer.KindExercise, importer.KindDeployment, importer.KindRequest}
	if current != "" && !slices.Contains(kinds, current) {
		kinds = append(kinds, current)
	}
	out := p.labelled("web.kind.", kinds...)
	for i := range out {
		out[i].Selected = out[i].Value == current
	}
	return out
}

// ArticleLangs are the languages an article can be read in; none given,
// the importer detects it.
func (p *page) ArticleLangs() []option {
	out := []option{{Value: "", Label: p.T("web.imports.lang.detect")}}
	for _, l := range csto.Langs {
		out = append(out, option{Value: string(l), Label: p.T("web.lang." + string(l))})
	}
	return out
}

// OrgNames names organizations in the page's language, separated by the
// language's comma.
func (p *page) OrgNames(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = p.OrgName(id)
	}
	return strings.Join(names, p.comma())
}

// Percent writes a confidence (0–1) as a whole percentage.
func (p *page) Percent(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" }

// UTC writes a time of the record to the minute, in UTC.
func (p *page) UTC(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") }

// AcceptURL is where a draft's form posts to accept it.
func (p *page) AcceptURL(key string) string { return "/drafts/" + url.PathEscape(key) + "/accept" }

// pendingDrafts counts the drafts awaiting review, for the Secretariat's
// page; -1 when the server does not review drafts or cannot count.
func (s *Server) pendingDrafts(ctx context.Context) int {
	if s.drafts == nil {
		return -1
	}
	ds, err := s.drafts.List(ctx, drafts.Filter{Status: drafts.Pending})
	if err != nil {
		s.log.Error("drafts", "err", err)
		return -1
	}
	return len(ds)
}

// WebAddress reports whether u is an address the page may link: http or
// https.
func (p *page) WebAddress(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// LangName is a language's name in itself ("العربية"), or the code.
func (p *page) LangName(code string) string {
	if l, err := csto.ParseLang(code); err == nil {
		return langNames[l]
	}
	return code
}
