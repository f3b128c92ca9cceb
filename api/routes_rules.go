package api

import (
	"archive/zip"
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/atop"
	"github.com/csto/csto/internal/httpx"
	"github.com/csto/csto/internal/iox"
	"github.com/csto/csto/rules"
)

// The rules engine and the world's alliances (package rules): obligations
// at a date, compliance, what-if scenarios, research exports and the
// reconciliation of ATOP's CSTO with csto's. All are public reads; ATOP is
// imported through the CLI (`csto import atop`), not the API.

var (
	pTarget    = Param{"target", "string", "the state attacked (ISO alpha-3, e.g. KAZ)"}
	pAggressor = Param{"aggressor", "string", "the attacking state (ISO alpha-3)"}
	pAttackAt  = Param{"at", "edtf", "the date of the attack (EDTF); default today"}
	pWithin    = Param{"within", "integer", "days after the attack to search the record for what was done (default 90)"}
	pSource    = Param{"source", "string", "atop (default), curated (the CSTO as csto records it) or all (ATOP with the curated CSTO in place of 4220)"}
	pFrom      = Param{"from", "integer", "first year (default 1815)"}
	pTo        = Param{"to", "integer", "last year (default 2018; this year for curated)"}
	pFormat    = Param{"format", "string", "json (the CSV is at /api/v1/exports/state-year.csv)"}
	pATOPID    = Param{"atopid", "integer", "the ATOP alliance to compare with csto's record of it (default 4220, the CSTO)"}
)

// StateYearsResponse is a state-year export: ATOP's state-year file as
// JSON, one object per state and year.
type StateYearsResponse struct {
	Source string           `json:"source"`
	From   int              `json:"from"`
	To     int              `json:"to"`
	Rows   []atop.StateYear `json:"rows"`
}

// DyadYearsResponse is a dyad-year export: ATOP's dyad-year file as
// JSON, one object per pair of allied states and year.
type DyadYearsResponse struct {
	Source   string          `json:"source"`
	From     int             `json:"from"`
	To       int             `json:"to"`
	Directed bool            `json:"directed"`
	Rows     []atop.DyadYear `json:"rows"`
}

func init() {
	moreRoutes = append(moreRoutes,
		Route{Method: "GET", Pattern: "/api/v1/exports/dyad-year", Tag: "exports",
			Summary: "Dyad-years in the layout of ATOP's dyad-year file (state A, state B = COW codes), as JSON; years outside the data's span are left out; without credentials at most 50,000 rows (all of ATOP is 136,648, directed 273,296): narrow the years",
			Params:  []Param{pSource, pFrom, pTo, {"directed", "string", "true: both directions of each pair (ATOP's directed dyad-year file)"}, pRecorded},
			Resp:    DyadYearsResponse{}, Public: true, Expensive: true, Handle: getDyadYears},
		Route{Method: "GET", Pattern: "/api/v1/obligations", Tag: "rules",
			Summary: "Who is bound to help a state attacked on a date: every alliance in force for it, the allies, the article, the conditions, and conflicts with the aggressor",
			Params:  []Param{pTarget, pAggressor, pAttackAt, pRecorded, pLang}, Resp: rules.Report{}, Public: true, Handle: getObligations},
		Route{Method: "GET", Pattern: "/api/v1/compliance", Tag: "rules",
			Summary: "The Treaty's rules over the recorded history: force between members, conflicting alliances under every claimed date, operations without a Council decision, decisions and their body's rule",
			Params:  []Param{pRecorded, pLang}, Resp: rules.ComplianceReport{}, Public: true, Handle: getCompliance},
		Route{Method: "GET", Pattern: "/api/v1/scenarios/aggression", Tag: "rules",
			Summary: "What-if (writes nothing): the obligations, the steps the Treaty requires, who acts at each, and what the record shows was done",
			Params:  []Param{pTarget, pAggressor, pAttackAt, pWithin, pRecorded, pLang}, Resp: rules.Scenario{}, Public: true, Handle: getScenario},
		Route{Method: "GET", Pattern: "/api/v1/exports/state-year", Tag: "exports",
			Summary: "State-years in the layout of ATOP's state-year file (state = COW code), as JSON",
			Params:  []Param{pSource, pFrom, pTo, pFormat, pRecorded}, Resp: StateYearsResponse{}, Public: true, Expensive: true, Handle: getStateYears},
		Route{Method: "GET", Pattern: "/api/v1/reconcile/atop", Tag: "exports",
			Summary: "Every difference between ATOP's record of the CSTO (4220) and csto's: dates, members, provisions, with both sources",
			Params:  []Param{pATOPID, pRecorded, pLang}, Resp: rules.Reconciliation{}, Public: true, Handle: getReconcileATOP},
	)
}

// ruleQuery reads target, aggressor and at.
func (r *request) ruleQuery() (rules.Query, error) {
	q := r.URL.Query()
	at, err := r.date("at", true)
	if err != nil {
		return rules.Query{}, err
	}
	if q.Get("target") == "" {
		return rules.Query{}, csto.Errorf(csto.Invalid, "target", "give the state attacked (ISO alpha-3)")
	}
	return rules.Query{Target: strings.ToUpper(q.Get("target")), Aggressor: strings.ToUpper(q.Get("aggressor")), At: at, Lang: r.lang}, nil
}

func getObligations(r *request) (any, error) {
	q, err := r.ruleQuery()
	if err != nil {
		return nil, err
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	return rules.Obligations(m, q)
}

func getCompliance(r *request) (any, error) {
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	return rules.Compliance(m, r.lang)
}

func getScenario(r *request) (any, error) {
	q, err := r.ruleQuery()
	if err != nil {
		return nil, err
	}
	within, err := r.positive("within", 3650)
	if err != nil {
		return nil, err
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	return rules.AggressionScenario(m, rules.ScenarioQuery{Query: q, Window: within})
}

// exportParams reads source, from and to.
func (r *request) exportParams() (source string, from, to int, err error) {
	source = r.URL.Query().Get("source")
	if source == "" {
		source = rules.SourceATOP
	}
	if !containsString(rules.Sources, source) {
		return "", 0, 0, csto.Errorf(csto.Invalid, "source", "%q is not one of %s", source, strings.Join(rules.Sources, ", "))
	}
	if from, err = r.year("from"); err != nil {
		return "", 0, 0, err
	}
	if to, err = r.year("to"); err != nil {
		return "", 0, 0, err
	}
	from, to, err = rules.ExportYears(source, from, to, r.s.now().UTC().Year())
	return source, from, to, err
}

func getStateYears(r *request) (any, error) {
	if f := r.URL.Query().Get("format"); f != "" && f != "json" {
		return nil, csto.Errorf(csto.Invalid, "format", "%q: this route answers JSON; the CSV is at /api/v1/exports/state-year.csv", f)
	}
	source, from, to, err := r.exportParams()
	if err != nil {
		return nil, err
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	year := r.s.now().UTC().Year()
	rows, err := r.s.built.stateYears.get(m, fmt.Sprintf("%s|%d|%d|%d", source, from, to, year), func() ([]atop.StateYear, error) {
		return rules.StateYears(m, source, from, to, year)
	})
	if err != nil {
		return nil, err
	}
	if rows == nil {
		rows = []atop.StateYear{}
	}
	return StateYearsResponse{Source: source, From: from, To: to, Rows: rows}, nil
}

func getDyadYears(r *request) (any, error) {
	directed := false
	switch v := r.URL.Query().Get("directed"); v {
	case "", "false":
	case "true":
		directed = true
	default:
		return nil, csto.Errorf(csto.Invalid, "directed", "%q is not true or false", v)
	}
	source, from, to, err := r.exportParams()
	if err != nil {
		return nil, err
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	year := r.s.now().UTC().Year()
	rows, err := r.s.built.dyadYears.get(m, fmt.Sprintf("%s|%d|%d|%d|%t", source, from, to, year, directed), func() ([]atop.DyadYear, error) {
		return rules.DyadYears(m, source, from, to, year, directed)
	})
	if err != nil {
		return nil, err
	}
	if limit := r.s.AnonymousExportRows; r.account == nil && len(rows) > limit {
		return nil, csto.Errorf(csto.Invalid, "to", "%d–%d is %d dyad-years; an anonymous export is at most %d rows: narrow from and to, or use an API token",
			from, to, len(rows), limit)
	}
	if rows == nil {
		rows = []atop.DyadYear{}
	}
	return DyadYearsResponse{Source: source, From: from, To: to, Directed: directed, Rows: rows}, nil
}

func getReconcileATOP(r *request) (any, error) {
	id, err := r.positive("atopid", 9999)
	if err != nil {
		return nil, err
	}
	if id == 0 {
		id = 4220
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	return rules.ReconcileATOP(m, id, r.lang)
}

// positive parses the query parameter name as a whole number from 1 to
// limit; 0 when absent.
func (r *request) positive(name string, limit int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > limit {
		return 0, csto.Errorf(csto.Invalid, name, "%q is not a whole number from 1 to %d", v, limit)
	}
	return n, nil
}

func containsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// The research exports as files: each panel of an export (rules.Panels),
// its companion (.cells) and the readings under each claim, streamed as
// CSV; the data package descriptor; and the whole package as one zip.
// The same parameters select the export on every route; the year range is
// clamped to the source's span.
var (
	pNNA     = Param{"nna", "string", "true: leave out the alliances that are solely nonaggression pacts (ATOP's NNA files, codebook 2.2)"}
	pReading = Param{"reading", "string", "preferred (default), or each-claim: recompute the panels under each contested claim; readings.csv lists the cells that change"}
	pPanels  = Param{"panels", "string", "comma-separated panels (default all): state-year, dyad-year, directed-dyad-year, member, alliance, phase"}
)

func init() {
	files := []string{}
	for _, p := range rules.Panels {
		files = append(files, p)
		switch p {
		case rules.PanelStateYear, rules.PanelDyadYear, rules.PanelDirectedDyadYear:
			files = append(files, p+".cells")
		}
	}
	for _, f := range files {
		summary := "The " + f + " file of the research export, as CSV in ATOP 5.1's layout (see docs/ATOP.md)"
		if strings.HasSuffix(f, ".cells") {
			summary = "The companion of " + strings.TrimSuffix(f, ".cells") + ".csv: per derived cell, its value, certain or possible, and the EDTF dates and source IDs it rests on"
		}
		moreRoutes = append(moreRoutes, Route{Method: "GET", Pattern: "/api/v1/exports/" + f + ".csv", Tag: "exports", Summary: summary,
			Params: []Param{pSource, pFrom, pTo, pNNA, pReading, pRecorded}, Public: true, Expensive: true, Raw: exportFile(f), RawType: "text/csv"})
	}
	moreRoutes = append(moreRoutes,
		Route{Method: "GET", Pattern: "/api/v1/exports/readings.csv", Tag: "exports",
			Summary: "The cells of the year panels each contested claim of the curated record changes (reading=each-claim implied)",
			Params:  []Param{pSource, pFrom, pTo, pNNA, pRecorded}, Public: true, Expensive: true, Raw: exportFile("readings"), RawType: "text/csv"},
		Route{Method: "GET", Pattern: "/api/v1/exports/datapackage.json", Tag: "exports",
			Summary: "The Frictionless data package descriptor of the export: schema of every file, licence, sources, the log position (seq, head hash)",
			Params:  []Param{pSource, pFrom, pTo, pNNA, pReading, pPanels, pRecorded}, Public: true, Expensive: true, Raw: exportDescriptor, RawType: "application/json"},
		Route{Method: "GET", Pattern: "/api/v1/exports/package.zip", Tag: "exports",
			Summary: "The whole export as one zip, streamed: every panel asked for, its companion, readings.csv with reading=each-claim, and datapackage.json (with each file's size and SHA-256) last",
			Params:  []Param{pSource, pFrom, pTo, pNNA, pReading, pPanels, pRecorded}, Public: true, Expensive: true, Raw: exportZip, RawType: "application/zip"},
	)
}

// exportQuery reads the parameters of an export route.
func (r *request) exportQuery() (rules.ExportQuery, error) {
	source, from, to, err := r.exportParams()
	if err != nil {
		return rules.ExportQuery{}, err
	}
	q := rules.ExportQuery{Source: source, From: from, To: to, ThisYear: r.s.now().UTC().Year(), Reading: r.URL.Query().Get("reading")}
	switch v := r.URL.Query().Get("nna"); v {
	case "", "false":
	case "true":
		q.NNA = true
	default:
		return q, csto.Errorf(csto.Invalid, "nna", "%q is not true or false", v)
	}
	if v := r.URL.Query().Get("panels"); v != "" {
		q.Panels = strings.Split(v, ",")
	}
	return q, nil
}

// serveExport builds the export of the request (or takes the one built
// for the same model and query, exports.go: built) and hands it to write;
// errors before the first byte are problems.
func serveExport(s *Server, w http.ResponseWriter, hr *http.Request, adjust func(*rules.ExportQuery), write func(*rules.Export) error) {
	r := &request{Request: hr, s: s, lang: httpx.Lang(hr), w: w}
	fail := func(err error) { httpx.WriteProblem(w, httpx.ProblemFor(err, requestID(hr.Context()))) }
	q, err := r.exportQuery()
	if err != nil {
		fail(err)
		return
	}
	if adjust != nil {
		adjust(&q)
	}
	m, err := r.model()
	if err != nil {
		fail(err)
		return
	}
	ex, err := s.built.export(m, q)
	if err != nil {
		fail(err)
		return
	}
	if err := write(ex); err != nil {
		// The status line is sent: the client sees a truncated body.
		s.log.Error("export", "path", hr.URL.Path, "request_id", requestID(hr.Context()), "err", err)
	}
}

// exportFile streams one file of the export: a panel ("state-year"), a
// companion ("state-year.cells") or "readings".
func exportFile(name string) func(s *Server) http.HandlerFunc {
	panel := strings.TrimSuffix(name, ".cells")
	return func(s *Server) http.HandlerFunc {
		return func(w http.ResponseWriter, hr *http.Request) {
			serveExport(s, w, hr, func(q *rules.ExportQuery) {
				if name == "readings" {
					q.Reading, q.Panels = rules.ReadingEachClaim, []string{rules.PanelStateYear, rules.PanelDyadYear, rules.PanelDirectedDyadYear}
				} else {
					q.Panels = []string{panel}
				}
			}, func(ex *rules.Export) error {
				t, _ := ex.Table(name)
				w.Header().Set("Content-Type", "text/csv; charset=utf-8")
				w.Header().Set("Content-Disposition", `attachment; filename="`+ex.Query.Source+"-"+t.Path()+`"`)
				w.Header().Set("X-Csto-Log-Seq", strconv.FormatInt(ex.Seq, 10))
				w.Header().Set("X-Csto-Log-Head", ex.Head)
				bw := bufio.NewWriterSize(w, 1<<16)
				if _, err := t.WriteCSV(bw); err != nil {
					return err
				}
				return bw.Flush()
			})
		}
	}
}

func exportDescriptor(s *Server) http.HandlerFunc {
	return func(w http.ResponseWriter, hr *http.Request) {
		serveExport(s, w, hr, nil, func(ex *rules.Export) error {
			w.Header().Set("Content-Type", "application/json")
			return rules.WritePackage(w, ex.Package(nil))
		})
	}
}

// exportZip streams the export as a zip: each file is compressed as it is
// written, and datapackage.json, with each file's size and hash, comes
// last. Memory holds the export's rows, not its files.
func exportZip(s *Server) http.HandlerFunc {
	return func(w http.ResponseWriter, hr *http.Request) {
		serveExport(s, w, hr, nil, func(ex *rules.Export) error {
			w.Header().Set("Content-Type", "application/zip")
			w.Header().Set("Content-Disposition", `attachment; filename="csto-atop-`+ex.Query.Source+`.zip"`)
			zw := zip.NewWriter(w)
			files := map[string]rules.FileInfo{}
			for _, t := range ex.Tables {
				f, err := zw.Create(t.Path())
				if err != nil {
					return err
				}
				h := sha256.New()
				cw := &iox.Counter{W: io.MultiWriter(f, h)}
				bw := bufio.NewWriterSize(cw, 1<<16)
				rows, err := t.WriteCSV(bw)
				if err != nil {
					return err
				}
				if err := bw.Flush(); err != nil {
					return err
				}
				files[t.Name] = rules.FileInfo{Bytes: cw.N, SHA: hex.EncodeToString(h.Sum(nil)), Rows: rows}
			}
			f, err := zw.Create("datapackage.json")
			if err != nil {
				return err
			}
			if err := rules.WritePackage(f, ex.Package(files)); err != nil {
				return err
			}
			return zw.Close()
		})
	}
}
