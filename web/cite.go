package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
)

// Downloads and "cite this". A data page offers what it shows as CSV and
// JSON at its own address with ?format=csv or ?format=json, and a
// citation of itself: its title, csto's version, the position of the log
// the page was answered from, the date it was asked about, the address
// (with ?lang= and ?at=) and the day it was read — also as BibTeX
// (?format=bib) and CSL-JSON (?format=csl). The same handler computes the
// page and its downloads, so they cannot disagree.

// download is what a page offers to download: a value for JSON, its
// tables for CSV (one file each, ?table= picks one; the first is the
// default).
type download struct {
	name   string // the file's base name: "members-csto-2026-12-02"
	json   any
	tables []*table
}

// table is one table a page shows, as its CSV download gives it: the
// same rows, in the same order, with machine-readable cells (codes,
// EDTF dates) where the page writes names and dates out.
type table struct {
	name   string // its ?table= value and the file name's tail
	label  string // what the page calls it, in the page's language
	header []string
	rows   [][]string
	// count is how many rows the download holds when the page builds
	// them only for a download (the timeline's pages); else len(rows).
	count int
}

// size is how many rows the table's download holds.
func (t *table) size() int { return max(t.count, len(t.rows)) }

// newTable starts a table; name is its ?table= value, label its caption
// in the page's language.
func newTable(name, label string, header ...string) *table {
	return &table{name: name, label: label, header: header}
}

// add appends a row.
func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// objects is the table as JSON objects, a key per column.
func (t *table) objects() []map[string]string {
	out := make([]map[string]string, 0, len(t.rows))
	for _, r := range t.rows {
		o := make(map[string]string, len(t.header))
		for i, h := range t.header {
			if i < len(r) {
				o[h] = r[i]
			}
		}
		out = append(out, o)
	}
	return out
}

// offer makes the page's data downloadable: v as JSON (nil: the tables,
// as objects), each table as CSV. at is the date the page answers for
// ("" when it has none). Every data page calls it, once, with what it
// shows.
func (p *page) offer(name, at string, v any, tables ...*table) {
	if v == nil {
		all := map[string]any{}
		for _, t := range tables {
			all[t.name] = t.objects()
		}
		v = all
	}
	p.dl = &download{name: name, json: v, tables: tables}
	p.at = at
}

// logPosition is the position of the log a model was answered from: the
// size and root hash of its Merkle tree, the root in base64 as a signed
// checkpoint writes it (csto verify --checkpoint checks one against the
// other).
func logPosition(m *registry.Model) (size int64, root string) {
	h := m.Tree()
	return h.Size, h.Root.String()
}

// version is csto's version: the module version it was built as, else
// its VCS revision, else "devel".
var version = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "devel+" + s.Value[:12]
		}
	}
	return "devel"
})

// citation describes the page as it was answered.
type citation struct {
	Title    string
	Version  string
	TreeSize int64
	Root     string
	At       string // the date asked about, EDTF
	AtText   string
	Accessed string // the day the page was read, ISO 8601
	URL      string // absolute, with ?lang= and, when the page has a date, ?at=
	BibTeX   string
	CSL      string
	CSV      []dlLink // the tables' CSV downloads
	JSON     string   // the JSON download's address
}

// dlLink is one table's CSV download.
type dlLink struct {
	Table, Label, URL string
	Rows              int
}

// Cite is the page's citation, nil for pages that offer no downloads.
func (p *page) Cite() *citation {
	if p.dl == nil {
		return nil
	}
	size, root := logPosition(p.m)
	c := &citation{Title: p.Title, Version: version(), TreeSize: size, Root: root, At: p.at, Accessed: p.today.String(), URL: p.citeURL()}
	if p.at != "" {
		c.AtText = p.Date(p.at)
	}
	c.BibTeX = p.bibtex(c)
	if b, err := json.MarshalIndent(p.csl(c), "", "  "); err == nil {
		c.CSL = string(b)
	}
	c.JSON = p.formatURL("json", "")
	for i, t := range p.dl.tables {
		name := t.name
		if i == 0 {
			name = "" // the default table's address needs no ?table=
		}
		c.CSV = append(c.CSV, dlLink{Table: t.name, Label: t.label, URL: p.formatURL("csv", name), Rows: t.size()})
	}
	return c
}

// citeURL is the page's absolute address with its language and date.
func (p *page) citeURL() string {
	q := url.Values{}
	for k, v := range p.r.URL.Query() {
		if k != "format" {
			q[k] = v
		}
	}
	q.Set("lang", string(p.Lang))
	if p.at != "" {
		q.Set("at", p.at)
	}
	scheme := "http"
	if p.r.TLS != nil || p.s.SecureCookies {
		scheme = "https"
	}
	return scheme + "://" + p.r.Host + p.r.URL.Path + "?" + q.Encode()
}

// formatURL is the page's own (relative) address for a download format
// (and table, for CSV).
func (p *page) formatURL(format, table string) string {
	q := url.Values{}
	for k, v := range p.r.URL.Query() {
		if k != "table" {
			q[k] = v
		}
	}
	if table != "" {
		q.Set("table", table)
	}
	q.Set("lang", string(p.Lang))
	if p.at != "" {
		q.Set("at", p.at)
	}
	q.Set("format", format)
	return p.r.URL.Path + "?" + q.Encode()
}

func (p *page) citeKey() string {
	name := "csto"
	if p.dl != nil && p.dl.name != "" {
		name = p.dl.name
	}
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, name)
}

func bibEscape(s string) string {
	r := strings.NewReplacer(`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "%", `\%`, "&", `\&`, "$", `\$`, "#", `\#`, "_", `\_`)
	return r.Replace(s)
}

func (p *page) bibtex(c *citation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "@misc{%s,\n", p.citeKey())
	fmt.Fprintf(&b, "  title        = {{%s}},\n", bibEscape(c.Title))
	fmt.Fprintf(&b, "  author       = {{csto}},\n")
	fmt.Fprintf(&b, "  howpublished = {\\url{%s}},\n", c.URL)
	fmt.Fprintf(&b, "  version      = {%s},\n", bibEscape(c.Version))
	fmt.Fprintf(&b, "  language     = {%s},\n", p.Lang)
	note := fmt.Sprintf("Event log tree size %d, root %s", c.TreeSize, c.Root)
	if c.At != "" {
		note += "; as of " + c.At
	}
	fmt.Fprintf(&b, "  note         = {%s},\n", bibEscape(note))
	fmt.Fprintf(&b, "  urldate      = {%s}\n}\n", c.Accessed)
	return b.String()
}

// csl is the citation as a CSL-JSON item (a list of one).
func (p *page) csl(c *citation) []map[string]any {
	day := func(iso string) map[string]any {
		parts := []any{}
		for _, s := range strings.Split(iso, "-") {
			if n, err := strconv.Atoi(s); err == nil {
				parts = append(parts, n)
			}
		}
		return map[string]any{"date-parts": []any{parts}}
	}
	note := fmt.Sprintf("Event log tree size %d, root %s", c.TreeSize, c.Root)
	if c.At != "" {
		note += "; as of " + c.At
	}
	return []map[string]any{{
		"id": p.citeKey(), "type": "dataset", "title": c.Title, "author": []any{map[string]any{"literal": "csto"}},
		"URL": c.URL, "version": c.Version, "language": string(p.Lang), "accessed": day(c.Accessed), "note": note,
	}}
}

// serveDownload answers ?format= for a page that offers downloads, and
// reports whether it did.
func (s *Server) serveDownload(w http.ResponseWriter, p *page) bool {
	format := p.r.URL.Query().Get("format")
	if format == "" || p.dl == nil {
		return false
	}
	var (
		body  []byte
		ctype string
		ext   string
	)
	switch format {
	case "json":
		b, err := json.MarshalIndent(p.dl.json, "", "  ")
		if err != nil {
			s.fail(w, p, err)
			return true
		}
		body, ctype, ext = append(b, '\n'), "application/json; charset=utf-8", "json"
	case "csv":
		t, err := p.dl.table(p.r.URL.Query().Get("table"))
		if err != nil {
			s.fail(w, p, err)
			return true
		}
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		cw.Write(t.header)
		cw.WriteAll(t.rows)
		body, ctype, ext = buf.Bytes(), "text/csv; charset=utf-8", "csv"
		if t != p.dl.tables[0] {
			p.dl.name += "-" + t.name
		}
	case "bib":
		c := p.Cite()
		body, ctype, ext = []byte(c.BibTeX), "application/x-bibtex; charset=utf-8", "bib"
	case "csl":
		body, ctype, ext = []byte(p.Cite().CSL+"\n"), "application/vnd.citationstyles.csl+json", "json"
		p.dl.name += ".csl"
	default:
		s.failStatus(w, p, http.StatusBadRequest, "format: "+p.T("web.dl.format_help"))
		return true
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", `attachment; filename="`+p.citeKey()+`.`+ext+`"`)
	h.Add("Vary", "Cookie, Accept-Language")
	h.Set("Cache-Control", "no-cache")
	// The citation, as the page gives it, on every format alike (a CSV
	// has no place for it inside, and a JSON file's shape is the page's
	// data): the log position the file was answered from, and the
	// address to cite (RFC 8574's cite-as), with ?lang= and ?at=.
	size, root := logPosition(p.m)
	h.Set("Csto-Log-Tree-Size", strconv.FormatInt(size, 10))
	h.Set("Csto-Log-Root", root)
	h.Set("Link", "<"+p.citeURL()+`>; rel="cite-as"`)
	w.Write(body)
	return true
}

// table is the download's table called name; "" is the first.
func (d *download) table(name string) (*table, error) {
	if len(d.tables) == 0 {
		return nil, csto.Errorf(csto.Invalid, "format", "this page has no table to download as CSV")
	}
	if name == "" {
		return d.tables[0], nil
	}
	var names []string
	for _, t := range d.tables {
		if t.name == name {
			return t, nil
		}
		names = append(names, t.name)
	}
	return nil, csto.Errorf(csto.Invalid, "table", "this page has no table %q (it has %s)", name, strings.Join(names, ", "))
}
