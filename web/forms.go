package web

import (
	"context"
	"errors"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/internal/httpx"
)

// A procedure form posts to the server (no script needed). The handler
// (act) checks that a signed-in session sent it with the session's CSRF
// token, reads the fields, calls the service as the signed-in account,
// and answers 303 to the page of what the step made or changed. When the
// registry or the service refuses, the page the form was on is shown
// again with the form's values: a message about a field next to it; a
// rule's refusal above the form, the rule named in the page's language
// and the registry's own (English) words as the detail.

// form is one procedure step's form.
type form struct {
	name   string   // identity on a page; prefix of its fields' ids
	title  string   // label key of its heading
	fields []string // its fields, so that an error about one shows beside it
	pages  []string // the pages that hold it; the first is the default
	action func(key string) string
	// do carries the step out as the page's account and returns the
	// address of the resulting page.
	do func(ctx context.Context, p *page, in formInput) (string, error)
	// gate, when set, refuses an account before the form is read any
	// further: the page that holds the form is not for it at all.
	gate func(p *page) error
	// confirm, when set, says what an irreversible act posted as in will
	// do, in the page's language: the act is then carried out only when
	// posted again from the confirmation page. "" needs no confirmation.
	confirm func(p *page, in formInput) string
}

// formInput is a posted form: its values, the {id} of its address, the
// page's language (for the free texts typed in it).
type formInput struct {
	url.Values
	id   string
	lang csto.Lang
}

// text is a free text typed in the page's language.
func (in formInput) text(field string) csto.Text {
	v := strings.TrimSpace(in.Get(field))
	var t csto.Text
	switch in.lang {
	case csto.Arabic:
		t.AR = v
	case csto.Russian:
		t.RU = v
	default:
		t.EN = v
	}
	return t
}

// texts are free texts, one per non-empty line.
func (in formInput) texts(field string) []csto.Text {
	var out []csto.Text
	for _, line := range strings.Split(in.Get(field), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, formInput{Values: url.Values{"x": {line}}, lang: in.lang}.text("x"))
		}
	}
	return out
}

// trilingual reads field_ar, field_en and field_ru. The record holds every
// name and title in the three languages: a language left empty takes the
// text of the page's language, else of any other, until translated.
func (in formInput) trilingual(field string) csto.Text {
	get := func(l csto.Lang) string { return strings.TrimSpace(in.Get(field + "_" + string(l))) }
	t := csto.Text{AR: get(csto.Arabic), EN: get(csto.English), RU: get(csto.Russian)}
	if t.IsZero() {
		return t
	}
	fill := t.In(in.lang)
	for _, s := range []*string{&t.AR, &t.EN, &t.RU} {
		if *s == "" {
			*s = fill
		}
	}
	return t
}

// date reads an optional EDTF date; empty is today (the service's).
func (in formInput) date(field string) (edtf.Date, error) {
	v := typed(in.Get(field))
	if v == "" {
		return edtf.Date{}, nil
	}
	d, err := edtf.ParseInput(v)
	if err != nil {
		return edtf.Date{}, badParam(field, err)
	}
	return d, nil
}

// count reads an optional whole number, 0 when empty.
func (in formInput) count(field string) (int, error) {
	v := typed(in.Get(field))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(edtf.ASCIIDigits(v))
	if err != nil || n < 0 {
		return 0, csto.Errorf(csto.Invalid, field, "%q is not a whole number of 0 or more", v)
	}
	return n, nil
}

// act makes the handler of form f.
func (s *Server) act(f *form) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, in, ok := s.begin(w, r, f, maxForm)
		if !ok {
			return
		}
		if f.confirm != nil && in.Get("confirm") != "yes" {
			if msg := f.confirm(p, in); msg != "" {
				s.confirmPage(w, p, f, in, msg)
				return
			}
		}
		loc, err := f.do(r.Context(), p, in)
		if err != nil {
			s.refused(w, p, f, in, err)
			return
		}
		p.seeOther(w, doneURL(loc, f.name))
	}
}

// doneURL is the address of the page an act led to, marked so that the
// page says the act was recorded.
func doneURL(loc, form string) string {
	loc, frag, hasFrag := strings.Cut(loc, "#")
	sep := "?"
	if strings.Contains(loc, "?") {
		sep = "&"
	}
	loc += sep + "done=" + url.QueryEscape(form)
	if hasFrag {
		loc += "#" + frag
	}
	return loc
}

// Done is the notice that the act the page was reached by was recorded,
// "" when it was not reached so.
func (p *page) Done() string {
	f := forms[p.r.URL.Query().Get("done")]
	if f == nil || p.Account == nil {
		return ""
	}
	return p.Tf("web.act.done", p.T(f.title))
}

// DoneLink is the address of the record the act made or changed: this
// page's, without the notice.
func (p *page) DoneLink() string {
	q := p.r.URL.Query()
	q.Del("done")
	if len(q) == 0 {
		return p.r.URL.Path
	}
	return p.r.URL.Path + "?" + q.Encode()
}

// confirmData is the confirmation page of an irreversible act: what it
// will do, and the form posted again with confirm=yes.
type confirmData struct {
	Consequence string
	Action      string
	Fields      []hiddenField
	Cancel      string
}

type hiddenField struct{ Name, Value string }

// confirmPage asks the account to confirm an irreversible act.
func (s *Server) confirmPage(w http.ResponseWriter, p *page, f *form, in formInput, msg string) {
	d := confirmData{Consequence: msg, Action: p.r.URL.Path, Cancel: "/account"}
	for _, k := range slices.Sorted(maps.Keys(in.Values)) {
		if k == "csrf" || k == "confirm" {
			continue
		}
		for _, v := range in.Values[k] {
			d.Fields = append(d.Fields, hiddenField{k, v})
		}
	}
	if ref, err := url.Parse(p.r.Referer()); err == nil && ref.Host == p.r.Host {
		d.Cancel = localPath(ref.RequestURI(), d.Cancel)
	}
	p.Title = p.Tf("web.act.confirm.title", p.T(f.title))
	p.Data = d
	s.render(w, http.StatusOK, "confirm", p)
}

// begin reads a form posted to f, of at most limit bytes, and checks who
// sent it: a signed-in session with its CSRF token, and an account that
// passes the form's gate. When it is not so, begin answers (a sign-in
// page, a 403 naming the CSRF token or the rule of authority) and
// reports false.
func (s *Server) begin(w http.ResponseWriter, r *http.Request, f *form, limit int64) (*page, formInput, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	formErr := r.ParseForm()
	p := s.newPage(w, r, "")
	switch {
	case s.accounts == nil:
		s.failStatus(w, p, http.StatusNotFound, r.URL.Path)
		return nil, formInput{}, false
	case formErr != nil:
		s.failStatus(w, p, http.StatusBadRequest, formErr.Error())
		return nil, formInput{}, false
	case p.Account == nil:
		p.Error = p.T("web.signin.needed")
		next := "/account"
		if ref, err := url.Parse(r.Referer()); err == nil && ref.Host == r.Host {
			next = localPath(ref.RequestURI(), next)
		}
		s.signinPage(w, p, http.StatusUnauthorized, signinData{Next: next})
		return nil, formInput{}, false
	case s.csrfRefused(w, p):
		return nil, formInput{}, false
	}
	if f.gate != nil {
		if err := f.gate(p); err != nil {
			s.denied(w, p, err)
			return nil, formInput{}, false
		}
	}
	return p, formInput{Values: r.PostForm, id: r.PathValue("id"), lang: p.Lang}, true
}

// refused shows the page form f was posted from again, with what was
// typed and why f was refused.
func (s *Server) refused(w http.ResponseWriter, p *page, f *form, in formInput, err error) {
	status := httpx.StatusOf(err)
	if status == http.StatusInternalServerError {
		s.log.Error("act", "form", f.name, "account", p.Account.Name, "err", err)
	}
	from := in.Get("from")
	if !slices.Contains(f.pages, from) {
		from = f.pages[0]
	}
	p.m = s.reg.Model() // the record as it is now
	p.Failed = p.failure(f, in.id, in.Values, err)
	formPages[from](s, w, p, status)
}

// denied answers a request the account may not make at all (the gate of
// a form or of a page) with the rule that refuses it, without showing
// the page: 403 naming the rule of authority, or 404 when the server does
// not serve the page.
func (s *Server) denied(w http.ResponseWriter, p *page, err error) {
	var ce *csto.Error
	if !errors.As(err, &ce) || ce.Kind != csto.Forbidden {
		if csto.ErrorKind(err) == csto.NotFound {
			s.failStatus(w, p, http.StatusNotFound, p.r.URL.Path)
			return
		}
		s.fail(w, p, err)
		return
	}
	p.Refusal = p.problemOf(ce)
	s.failStatus(w, p, http.StatusForbidden, p.T("web.denied"))
}

// formPages render the pages that hold forms, with a status: a refused
// form shows again on the page it was posted from.
var formPages = map[string]func(*Server, http.ResponseWriter, *page, int){
	"account":      (*Server).accountPage,
	"imports":      (*Server).importsPage,
	"import":       (*Server).importBatchPage,
	"institutions": (*Server).institutionsPage,
	"session":      (*Server).sessionPage,
	"decision":     (*Server).decisionPage,
	"operations":   (*Server).operationsPage,
	"operation":    (*Server).operationPage,
}

// failure is a refused form: what was typed, and why it was refused.
type failure struct {
	Form, Key string
	Title     string // the form's heading
	Anchor    string // the form's id on the page
	values    url.Values
	errs      map[string]*fieldError
	Problem   *problem
	// Shown is set when the page showed the form (with the messages);
	// else the layout shows the messages. A page does not offer a form
	// to an account with no use for it, but the account may post it
	// anyway, and must learn why it was refused.
	Shown bool
}

// Errors are the messages about fields, by field, for a page that did
// not show the form.
func (f *failure) Errors() []fieldMessage {
	var out []fieldMessage
	for _, name := range forms[f.Form].fields {
		if e := f.errs[name]; e != nil {
			out = append(out, fieldMessage{Field: name, fieldError: e})
		}
	}
	return out
}

type fieldMessage struct {
	Field string
	*fieldError
}

// fieldError is a message about one field: a sentence in the page's
// language and, when the registry or the service said more, its words.
type fieldError struct {
	Text, Detail string
	Lang         csto.Lang // the Detail's language
}

// problem is a refusal not about one field: of a rule of the Treaty, the
// Charter or the record, or of authority.
type problem struct {
	Lead   string    // what happened, in the page's language
	Rule   string    // the rule's name in the page's language; "" when none
	Detail string    // the registry's own words, naming the rule
	Lang   csto.Lang // the Detail's: the page's when the catalogue says it, else English
}

func (p *page) failure(f *form, key string, vals url.Values, err error) *failure {
	fl := &failure{Form: f.name, Key: key, Title: p.T(f.title), Anchor: formPrefix(f.name, key), values: vals, errs: map[string]*fieldError{}}
	var ce *csto.Error
	if !errors.As(err, &ce) || ce.Kind == csto.Internal {
		fl.Problem = &problem{Lead: p.T("web.act.internal")}
		return fl
	}
	if field := formField(ce.Field); ce.Rule == "" && slices.Contains(f.fields, field) {
		fe := &fieldError{Text: p.T("web.act.check"), Detail: ce.Message, Lang: csto.English}
		if msg, ok := p.say(ce); ok {
			fe.Text, fe.Detail = msg, ""
		}
		var h hinted
		switch {
		case ce.Message == "required":
			fe = &fieldError{Text: p.T("web.act.required")}
		case errors.As(err, &h):
			if fe.Detail == "" { // the hint, then the message in the page's language
				fe.Detail, fe.Lang = fe.Text, p.Lang
			}
			fe.Text = p.T(h.key)
		}
		fl.errs[field] = fe
		return fl
	}
	fl.Problem = p.problemOf(ce)
	return fl
}

// problemOf says why ce refused a request, in the page's language: a
// lead by its kind and rule, the rule's name, and the registry's words.
func (p *page) problemOf(ce *csto.Error) *problem {
	pr := &problem{}
	pr.Detail, pr.Lang = p.detail(ce)
	switch {
	case ce.Kind == csto.Forbidden && ce.Rule == "":
		pr.Lead = p.T("web.denied")
	case ce.Kind == csto.Forbidden:
		pr.Lead = p.T("web.act.forbidden")
	case ce.Kind == csto.Unauthenticated:
		pr.Lead = p.T("web.signin.needed")
	case ce.Rule != "":
		pr.Lead = p.T("web.act.refused")
	case ce.Kind == csto.NotFound:
		pr.Lead = p.T("web.act.not_found")
	case ce.Kind == csto.Conflict:
		pr.Lead = p.T("web.act.conflict")
	default:
		pr.Lead = p.T("web.act.invalid")
	}
	if ce.Rule != "" {
		pr.Rule = p.Label("web.rulename.", ce.Rule)
	}
	return pr
}

// hinted is a refusal about a field with a sentence of its own, a label
// key, for the page to say in its language before the service's words.
type hinted struct {
	err *csto.Error
	key string
}

func (h hinted) Error() string { return h.err.Error() }
func (h hinted) Unwrap() error { return h.err }

// formField maps an error's field ("data.title.en", "kind") to the form
// field it is about ("title", "kind").
func formField(f string) string {
	f = strings.TrimPrefix(f, "data.")
	if i := strings.IndexAny(f, ".["); i >= 0 {
		f = f[:i]
	}
	return f
}

func formPrefix(name, key string) string {
	if key == "" {
		return "f-" + name
	}
	return "f-" + name + "-" + key
}

// forms are the procedure forms by name.
var forms = map[string]*form{}

func init() {
	for _, f := range []*form{fileRequest, convene, attend, propose, closeSession, position, closeDecision,
		createOperation, contingent, phase, report, membership,
		importArticle, draftEdit, draftReject} { // draftAccept is a second button of draftEdit's form
		forms[f.name] = f
	}
}

// formView is a form as a template draws it: empty, or as it was
// posted when it was refused.
type formView struct {
	p       *page
	f       *form
	Key     string
	Prefix  string
	Action  string
	From    string
	CSRF    string
	Title   string
	Problem *problem
	values  url.Values
	errs    map[string]*fieldError
}

// Form returns form name about key (the session, decision or operation
// it acts on; "" for none) for the template.
func (p *page) Form(name, key string) *formView {
	f := forms[name]
	if f == nil {
		panic("web: no form " + name)
	}
	v := &formView{p: p, f: f, Key: key, Prefix: formPrefix(name, key), Action: f.action(url.PathEscape(key)), From: p.name, CSRF: p.CSRF, Title: p.T(f.title)}
	if fl := p.Failed; fl != nil && fl.Form == name && fl.Key == key {
		v.values, v.errs, v.Problem = fl.values, fl.errs, fl.Problem
		fl.Shown = true
	} else if e := p.echo; e != nil && e.form == name && e.key == key {
		v.values = e.values
	}
	return v
}

// echo is a form posted and carried out without leaving its page (a
// preview): the page shows it again as it was posted.
type echo struct {
	form, key string
	values    url.Values
}

// With gives the form's fields the values vals (what is on record), unless
// it shows what was posted.
func (v *formView) With(vals url.Values) *formView {
	if v.values == nil {
		v.values = vals
	}
	return v
}

// ID is the id of a field's control.
func (v *formView) ID(field string) string { return v.Prefix + "-" + field }

// Value is a field's posted value.
func (v *formView) Value(field string) string { return v.values.Get(field) }

// Checked reports whether a checkbox was ticked.
func (v *formView) Checked(field string) bool { return v.values.Get(field) != "" }

// Err is the message about a field, or nil.
func (v *formView) Err(field string) *fieldError { return v.errs[field] }

// Attrs are a control's id, name and, when its value was refused, the
// marks that tie it to the message: aria-invalid and aria-describedby.
func (v *formView) Attrs(field string) template.HTMLAttr {
	id := template.HTMLEscapeString(v.ID(field))
	a := `id="` + id + `" name="` + template.HTMLEscapeString(field) + `"`
	if v.errs[field] != nil {
		a += ` aria-invalid="true" aria-describedby="` + id + `-err"`
	}
	return template.HTMLAttr(a)
}

// Options marks the posted choice among opts (else the option marked
// already).
func (v *formView) Options(field string, opts []option) []option {
	if v.values == nil {
		return opts
	}
	got := v.values.Get(field)
	out := make([]option, len(opts))
	for i, o := range opts {
		o.Selected = o.Value == got
		out[i] = o
	}
	return out
}

// P is the page, for the templates' words and lists.
func (v *formView) P() *page { return v.p }

// Message is the message about a field, tied to its control by id, or
// nothing.
func (v *formView) Message(field string) template.HTML {
	e := v.errs[field]
	if e == nil {
		return ""
	}
	s := `<p class="field-error" id="` + template.HTMLEscapeString(v.ID(field)) + `-err"><strong>` + template.HTMLEscapeString(e.Text) + `</strong>`
	if e.Detail != "" {
		s += ` <span lang="` + string(e.Lang) + `" dir="` + e.Lang.Dir() + `">` + template.HTMLEscapeString(e.Detail) + `</span>`
	}
	return template.HTML(s + `</p>`)
}

// fieldView is one field of a form for the shared field templates
// (f-select, f-text, …): its name, its label and, for a list, its
// choices.
type fieldView struct {
	V           *formView
	Name, Label string
	opts        []option
}

// Field returns a field of the form with its label (a label key) and
// choices (nil but for lists).
func (v *formView) Field(name, label string, opts []option) fieldView {
	return fieldView{V: v, Name: name, Label: v.p.T(label), opts: opts}
}

func (f fieldView) ID() string               { return f.V.ID(f.Name) }
func (f fieldView) Attrs() template.HTMLAttr { return f.V.Attrs(f.Name) }
func (f fieldView) Value() string            { return f.V.Value(f.Name) }
func (f fieldView) Checked() bool            { return f.V.Checked(f.Name) }
func (f fieldView) Options() []option        { return f.V.Options(f.Name, f.opts) }
func (f fieldView) Message() template.HTML   { return f.V.Message(f.Name) }
func (f fieldView) Invalid() bool            { return f.V.errs[f.Name] != nil }
func (f fieldView) Part(l csto.Lang) fieldView {
	return fieldView{V: f.V, Name: f.Name + "_" + string(l)}
}

// Langs are the three languages of a trilingual field, each with its
// name in itself, the page's language first.
func (f fieldView) Langs() []langLink {
	out := []langLink{{Lang: f.V.p.Lang, Name: langNames[f.V.p.Lang]}}
	for _, l := range csto.Langs {
		if l != f.V.p.Lang {
			out = append(out, langLink{Lang: l, Name: langNames[l]})
		}
	}
	return out
}
