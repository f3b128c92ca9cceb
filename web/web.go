// Package web serves csto's pages: server-rendered HTML in Arabic,
// English or Russian, with every asset embedded and no request to any
// other host.
package web

import (
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
)

//go:embed templates/*.html
var templateFS embed.FS

// Server serves the web pages of one registry.
type Server struct {
	reg  *registry.Registry
	log  *slog.Logger
	now  func() time.Time
	tmpl *template.Template
	mux  *http.ServeMux
}

// New returns the web handler.
func New(reg *registry.Registry, log *slog.Logger, now func() time.Time) *Server {
	s := &Server{reg: reg, log: log, now: now, mux: http.NewServeMux()}
	s.tmpl = template.Must(template.New("").Funcs(template.FuncMap{
		"t":      i18n.T,
		"status": func(l csto.Lang, st csto.Status) string { return i18n.T(l, "status."+string(st)) },
	}).ParseFS(templateFS, "templates/*.html"))
	s.mux.HandleFunc("GET /{$}", s.members)
	s.mux.HandleFunc("GET /timeline", s.timeline)
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	s.mux.ServeHTTP(w, r)
}

// lang picks the page language: ?lang=, then the cookie, then
// Accept-Language, then English. A ?lang= choice is kept in a cookie.
func lang(w http.ResponseWriter, r *http.Request) csto.Lang {
	if l, err := csto.ParseLang(r.URL.Query().Get("lang")); err == nil {
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true})
		return l
	}
	if c, err := r.Cookie("lang"); err == nil {
		if l, err := csto.ParseLang(c.Value); err == nil {
			return l
		}
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.TrimSpace(strings.SplitN(part, ";", 2)[0])
		if l, err := csto.ParseLang(strings.ToLower(strings.SplitN(tag, "-", 2)[0])); err == nil {
			return l
		}
	}
	return csto.English
}

type page struct {
	Lang  csto.Lang
	Title string
	Error string
	Data  any
}

func (s *Server) render(w http.ResponseWriter, status int, name string, p page) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := s.tmpl.ExecuteTemplate(w, name, p); err != nil {
		s.log.Error("render", "template", name, "err", err)
	}
}

func (s *Server) members(w http.ResponseWriter, r *http.Request) {
	l := lang(w, r)
	at := edtf.FromDay(edtf.DayFromTime(s.now().UTC()))
	status, msg := http.StatusOK, ""
	if v := r.URL.Query().Get("at"); v != "" {
		d, err := edtf.Parse(v)
		if err != nil {
			status, msg = http.StatusBadRequest, "at: "+err.Error()
		} else {
			at = d
		}
	}
	m := s.reg.Model()
	list, err := m.Members("csto", at, l)
	if err != nil {
		status, msg = http.StatusInternalServerError, csto.ErrorMessage(err)
	}
	s.render(w, status, "members.html", page{Lang: l, Title: i18n.T(l, "site.title"), Error: msg, Data: list})
}

func (s *Server) timeline(w http.ResponseWriter, r *http.Request) {
	l := lang(w, r)
	tl, err := s.reg.Model().Timeline(registry.TimelineFilter{Org: "csto"}, l)
	status, msg := http.StatusOK, ""
	if err != nil {
		status, msg = http.StatusInternalServerError, csto.ErrorMessage(err)
	}
	s.render(w, status, "timeline.html", page{Lang: l, Title: i18n.T(l, "timeline.title"), Error: msg, Data: tl})
}
