package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
)

// page is what every template receives: the language, the model the
// page is drawn from, and the page's own Data. Its methods are the
// templates' vocabulary: {{.T "key"}}, {{$.Date .From}}, {{$.State "KAZ"}}.
type page struct {
	Lang    csto.Lang
	Title   string
	Nav     string // the nav entry of this page, marked aria-current
	Status  int    // for error pages
	Error   string
	Scripts []string // asset names of the page's scripts
	Data    any

	SignInOn bool             // the server signs users in
	Account  *account.Account // the signed-in account; nil: anonymous
	CSRF     string           // the session's CSRF token, echoed by every form
	Failed   *failure         // the form a POST could not carry out, shown again
	Refusal  *problem         // why an error page refuses the account (its rule)
	Content  template.HTML    // the rendered content, for the layout

	m      *registry.Model
	r      *http.Request
	today  edtf.Date
	s      *Server
	name   string    // the template rendered
	secret string    // the session cookie's secret
	echo   *echo     // a form carried out without leaving the page, shown as posted
	dl     *download // what the page offers to download (cite.go); nil: nothing
	at     string    // the date the page answers for, EDTF; "" when it has none
}

// T is the interface label key in the page's language.
func (p *page) T(key string) string { return i18n.T(p.Lang, key) }

// Tf is T with fmt arguments.
func (p *page) Tf(key string, args ...any) string { return i18n.Tf(p.Lang, key, args...) }

// Label is the label prefix+value, or value itself when there is none
// (a kind csto learns later still shows, untranslated).
func (p *page) Label(prefix, value string) string {
	if i18n.Has(prefix + value) {
		return i18n.T(p.Lang, prefix+value)
	}
	return value
}

// Subject says what a decision decides, with the state's name.
func (p *page) Subject(s *csto.Subject) string { return i18n.Subject(p.Lang, s, p.StateName) }

// Status of a membership, in the page's language.
func (p *page) StatusName(st csto.Status) string { return p.Label("status.", string(st)) }

// Date formats an EDTF date given as text.
func (p *page) Date(s string) string { return formatDateString(p.Lang, s) }

// DateOf formats an EDTF date.
func (p *page) DateOf(d edtf.Date) string { return FormatDate(p.Lang, d) }

// StateName is a state's name in the page's language.
func (p *page) StateName(code string) string {
	if st := p.m.States[code]; st != nil {
		return st.Name.In(p.Lang)
	}
	return code
}

// State links a state's page with its name.
func (p *page) State(code string) template.HTML {
	if p.m.States[code] == nil {
		return template.HTML(template.HTMLEscapeString(code))
	}
	return template.HTML(`<a href="` + template.HTMLEscapeString(p.Href("/states/", code)) + `">` + template.HTMLEscapeString(p.StateName(code)) + `</a>`)
}

// States links several states, separated by the language's comma.
func (p *page) States(codes []string) template.HTML {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = string(p.State(c))
	}
	return template.HTML(strings.Join(parts, p.comma()))
}

func (p *page) comma() string {
	if p.Lang == csto.Arabic {
		return "، "
	}
	return ", "
}

// OrgName is an organization's name in the page's language.
func (p *page) OrgName(id string) string {
	if o := p.m.Orgs[id]; o != nil {
		return o.Name.In(p.Lang)
	}
	return id
}

// Num writes a number with the language's digit grouping: 12,000 /
// 12 000 / 12,000 (Arabic text in csto uses Western digits, as the
// source article does).
func (p *page) Num(n int) string {
	s := fmt.Sprint(n)
	sep := ","
	if p.Lang == csto.Russian {
		sep = "\u00a0"
	}
	if len(s) <= 4 && p.Lang == csto.Russian {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Langs lists the language switch: each language with the current
// address in it.
func (p *page) Langs() []langLink {
	var out []langLink
	for _, l := range csto.Langs {
		out = append(out, langLink{Lang: l, Name: langNames[l], URL: withLang(l, p.r.URL.Path+"?"+p.r.URL.RawQuery), Current: l == p.Lang})
	}
	return out
}

type langLink struct {
	Lang    csto.Lang
	Name    string
	URL     string
	Current bool
}

var langNames = map[csto.Lang]string{csto.Arabic: "العربية", csto.English: "English", csto.Russian: "Русский"}

// NavItems is the main navigation. Its addresses carry the page's
// language, so a link copied from any page opens in the same language.
func (p *page) NavItems() []navItem {
	var out []navItem
	for _, n := range []struct{ id, path string }{
		{"overview", "/"}, {"members", "/members"}, {"obligations", "/obligations"}, {"timeline", "/timeline"}, {"instruments", "/instruments"},
		{"institutions", "/institutions"}, {"operations", "/operations"}, {"exercises", "/exercises"},
	} {
		out = append(out, navItem{Label: p.T("web.nav." + n.id), Path: p.Href(n.path), Current: n.id == p.Nav})
	}
	return out
}

type navItem struct {
	Label, Path string
	Current     bool
}

// Asset is the versioned address of an embedded asset.
func (p *page) Asset(name string) string { return p.s.assetURL(name) }

// Today is the page's default date.
func (p *page) Today() string { return p.today.String() }

// TodayText is today, written out.
func (p *page) TodayText() string { return p.DateOf(p.today) }

// SiteName is the organization's name for the header.
func (p *page) SiteName() string { return p.T("site.title") }

// Sources lists cited sources, linked when they have an address.
func (p *page) Sources(refs []registry.SourceRef) template.HTML {
	if len(refs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<p class="src"><span class="label">` + template.HTMLEscapeString(p.T("sources")) + `:</span> `)
	for i, s := range refs {
		if i > 0 {
			b.WriteString(" · ")
		}
		title := s.Title
		if title == "" {
			title = s.ID
		}
		lang := ""
		if src := p.m.Sources[s.ID]; src != nil && src.Lang != "" {
			lang = ` lang="` + template.HTMLEscapeString(src.Lang) + `"`
		}
		if strings.HasPrefix(s.URL, "https://") || strings.HasPrefix(s.URL, "http://") {
			b.WriteString(`<a href="` + template.HTMLEscapeString(s.URL) + `" rel="noreferrer external"` + lang + ` dir="auto">` + template.HTMLEscapeString(title) + `</a>`)
		} else {
			b.WriteString(`<cite` + lang + ` dir="auto">` + template.HTMLEscapeString(title) + `</cite>`)
		}
	}
	b.WriteString(`</p>`)
	return template.HTML(b.String())
}
