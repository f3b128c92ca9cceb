package web

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
)

// /operations: the requests member states made (CST Art. 4 assistance,
// Art. 2 consultations) and the operations the Council decided;
// /operations/{id}: one operation as a sequence — the request, the
// decision, the deployment, each state's contingent, the withdrawal — on
// a day scale, drawn by the server as SVG; /exercises: the joint
// exercises by year and level.

type operationsData struct {
	Requests   []registry.RequestView
	Operations []registry.OperationView
}

func (s *Server) operations(w http.ResponseWriter, r *http.Request) {
	s.operationsPage(w, s.newPage(w, r, ""), http.StatusOK)
}

func (s *Server) operationsPage(w http.ResponseWriter, p *page, status int) {
	p.Nav = "operations"
	p.Title = p.T("web.nav.operations")
	d := operationsData{Requests: p.m.RequestList(p.Lang), Operations: p.m.OperationList(p.Lang)}
	p.offerOperations(d)
	p.Data = d
	s.render(w, status, "operations", p)
}

type operationData struct {
	registry.OperationView
	Purpose, Until, Force string
	Decision              *registry.DecisionView
	Request               *registry.RequestView
	Seq                   *sequence
	Contingents           []contingentRow
	Sources               []registry.SourceRef
	StatedTotal           int // the sum of the contingents with a number
}

type contingentRow struct {
	registry.ContingentView
	Pct int // bar length, percent of the largest
}

// sequence is the operation's steps on a day scale.
type sequence struct {
	W, H, AxisY int
	Steps       []seqStep
	Days        []seqDay
}

type seqStep struct {
	X       float64
	Y       int // label baseline, staggered so labels do not collide
	Class   string
	Label   string
	Date    string
	Anchor  string
	LineTop int
}

type seqDay struct {
	X     float64
	Label string
}

func (s *Server) operation(w http.ResponseWriter, r *http.Request) {
	s.operationPage(w, s.newPage(w, r, ""), http.StatusOK)
}

func (s *Server) operationPage(w http.ResponseWriter, p *page, status int) {
	p.Nav = "operations"
	m := p.m
	ov, err := m.Operation(p.r.PathValue("id"), p.Lang)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	op := m.Operations[ov.ID]
	d := operationData{OperationView: ov, Purpose: op.Purpose.In(p.Lang), Until: op.Until.String()}
	if f := m.Forces[op.Force]; f != nil {
		d.Force = f.Name.In(p.Lang)
	}
	if dv, err := m.Decision(op.Decision, p.Lang); err == nil {
		d.Decision = &dv
		if rv, err := m.Request(dv.Request, p.Lang); err == nil {
			d.Request = &rv
		}
	}
	e, ok, err := p.m.ViewAt(op.Seq, p.Lang)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	if ok {
		d.Sources = e.Sources
	}
	most := 1
	for _, c := range ov.Contingents {
		most = max(most, c.Troops)
		d.StatedTotal += c.Troops
	}
	for _, c := range ov.Contingents {
		d.Contingents = append(d.Contingents, contingentRow{ContingentView: c, Pct: int(math.Round(100 * float64(c.Troops) / float64(most)))})
	}
	slices.SortStableFunc(d.Contingents, func(a, b contingentRow) int { return b.Troops - a.Troops })
	d.Seq = p.sequence(&d, op)
	p.Title = ov.Name
	p.offerOperation(d)
	p.Data = d
	s.render(w, status, "operation", p)
}

// sequence lays the operation's dated steps on a line, one day a unit,
// in the reading direction.
func (p *page) sequence(d *operationData, op *registry.Operation) *sequence {
	type step struct {
		date        edtf.Date
		class, text string
	}
	var steps []step
	if d.Request != nil {
		if rq := p.m.Requests[d.Request.ID]; rq != nil {
			steps = append(steps, step{rq.Date, "request", p.Tf("web.operation.request", p.StateName(rq.State))})
		}
	}
	steps = append(steps, step{op.Decided, "decision", p.T("web.operation.decision")})
	for _, ph := range op.Phases {
		cls := "phase"
		if strings.HasPrefix(ph.Phase, "withdrawal") {
			cls = "withdrawal"
		}
		steps = append(steps, step{ph.Date, cls, p.Label("phase.", ph.Phase)})
	}
	lo, hi := steps[0].date.Earliest(), steps[0].date.Latest()
	for _, st := range steps {
		lo, hi = min(lo, st.date.Earliest()), max(hi, st.date.Latest())
	}
	lo, hi = lo-1, hi+1
	const w, left, right = 960, 60, 60
	rtl := p.Lang.Dir() == "rtl"
	x := func(day edtf.Day) float64 {
		f := float64(day-lo) / float64(hi-lo)
		if rtl {
			f = 1 - f
		}
		return math.Round((left+f*(w-left-right))*10) / 10
	}
	sq := &sequence{W: w}
	rows := 3
	sq.AxisY = 30 + rows*34
	sq.H = sq.AxisY + 36
	for day := lo; day <= hi; day++ {
		_, _, dd := day.Date()
		sq.Days = append(sq.Days, seqDay{X: x(day), Label: strconv.Itoa(dd)})
	}
	for i, st := range steps {
		mid := st.date.Earliest() + (st.date.Latest()-st.date.Earliest())/2
		// Labels run away from the near edge, so none is cut off.
		anchor := "start"
		if xm := x(mid); (!rtl && xm > w*0.6) || (rtl && xm > w*0.4) {
			anchor = "end"
		}
		y := 24 + (i%rows)*34
		sq.Steps = append(sq.Steps, seqStep{X: x(mid), Y: y, Class: st.class, Label: st.text, Date: p.DateOf(st.date), Anchor: anchor, LineTop: y + 6})
	}
	return sq
}

// Exercises.

type exercisesData struct {
	Year, Level      string
	Years            []option
	Levels           []option
	Groups           []exerciseYear // the page's exercises, under their years
	Total            int            // how many the filters select
	Page, Pages      int
	PrevURL, NextURL string
	all              []registry.ExerciseView // every exercise the filters select, built for a download only
}

// exercisesPage is how many exercises a page of /exercises shows.
const exercisesPage = 100

type exerciseYear struct {
	Year      int
	Exercises []registry.ExerciseView
}

var exerciseLevels = []string{"strategic", "operational", "tactical"}

func (s *Server) exercises(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "exercises")
	p.Title = p.T("web.nav.exercises")
	q := r.URL.Query()
	d := exercisesData{Year: q.Get("year"), Level: q.Get("level")}
	year := 0
	if d.Year != "" {
		y, err := strconv.Atoi(typed(d.Year))
		if err != nil || y < 1 || y > 9998 {
			p.Error = p.errorMessage(csto.Errorf(csto.Invalid, "year", "%q is not a year", d.Year))
			d.Year = ""
			p.Data = p.exercisesData(d, 0)
			s.render(w, http.StatusBadRequest, "exercises", p)
			return
		}
		year = y
	}
	if d.Level != "" && !slices.Contains(exerciseLevels, d.Level) {
		p.Error = p.errorMessage(csto.Errorf(csto.Invalid, "level", "unknown level %q (strategic, operational or tactical)", d.Level))
		d.Level = ""
		p.Data = p.exercisesData(d, year)
		s.render(w, http.StatusBadRequest, "exercises", p)
		return
	}
	d.Page = 1
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > math.MaxInt/exercisesPage {
			n = 0 // refused below, once the pages are counted
		}
		d.Page = n
	}
	d = p.exercisesData(d, year)
	if d.Page < 1 || d.Page > d.Pages {
		s.fail(w, p, csto.Errorf(csto.Invalid, "page", "%q is not a page of this list (1–%d)", q.Get("page"), d.Pages))
		return
	}
	if q.Get("format") != "" { // a download holds every exercise the filters select
		pg, err := p.m.ExercisePage(registry.ExerciseFilter{Org: org, Year: year, Level: d.Level}, p.Lang)
		if err != nil {
			s.fail(w, p, err)
			return
		}
		d.all = pg.Exercises
	}
	if d.Page > 1 {
		d.PrevURL = pageURL(r.URL, d.Page-1)
	}
	if d.Page < d.Pages {
		d.NextURL = pageURL(r.URL, d.Page+1)
	}
	p.offerExercises(d)
	p.Data = d
	s.render(w, http.StatusOK, "exercises", p)
}

func (p *page) exercisesData(d exercisesData, year int) exercisesData {
	d.Years = []option{{Value: "", Label: p.T("web.filter.all_years"), Selected: d.Year == ""}}
	for _, y := range p.m.ExerciseYears(org) {
		d.Years = append(d.Years, option{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: strconv.Itoa(y) == d.Year})
	}
	d.Levels = []option{{Value: "", Label: p.T("web.filter.all_levels"), Selected: d.Level == ""}}
	for _, l := range exerciseLevels {
		d.Levels = append(d.Levels, option{Value: l, Label: p.Label("web.level.", l), Selected: l == d.Level})
	}
	// The page's views only: the rest are counted.
	pg, err := p.m.ExercisePage(registry.ExerciseFilter{Org: org, Year: year, Level: d.Level,
		Offset: max(d.Page-1, 0) * exercisesPage, Limit: exercisesPage}, p.Lang)
	if err != nil {
		return d // the filters were checked before: an offset out of range shows no exercise
	}
	d.Total = pg.Total
	d.Pages = max(1, (d.Total+exercisesPage-1)/exercisesPage)
	for _, x := range pg.Exercises {
		y := yearOf(edtf.MustParse(x.Date))
		if n := len(d.Groups); n == 0 || d.Groups[n-1].Year != y {
			d.Groups = append(d.Groups, exerciseYear{Year: y})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Exercises = append(g.Exercises, x)
	}
	return d
}

// /requests/{id}: one request and where it stands — the decisions that
// answered it and the operation that followed. A request filed through
// the forms lands here.

type requestData struct {
	registry.RequestView
	Decisions  []registry.DecisionView
	Operations []registry.OperationView
	Sources    []registry.SourceRef
}

func (s *Server) request(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "operations")
	rv, err := p.m.Request(r.PathValue("id"), p.Lang)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	d := requestData{RequestView: rv}
	for _, id := range rv.Answers {
		if dv, err := p.m.Decision(id, p.Lang); err == nil {
			d.Decisions = append(d.Decisions, dv)
			for _, op := range p.m.OperationList(p.Lang) {
				if op.Decision == id {
					d.Operations = append(d.Operations, op)
				}
			}
		}
	}
	if rq := p.m.Requests[rv.ID]; rq != nil {
		e, ok, err := p.m.ViewAt(rq.Seq, p.Lang)
		if err != nil {
			s.fail(w, p, err)
			return
		}
		if ok {
			d.Sources = e.Sources
		}
	}
	p.Title = p.Tf("web.request.title", p.Label("web.request.", rv.Kind), rv.Name)
	p.offerRequest(d)
	p.Data = d
	s.render(w, http.StatusOK, "request", p)
}

// TakesContingent reports whether the signed-in delegation can still
// pledge a contingent to operation id: it has none there yet and the
// operation has not completed its withdrawal.
func (p *page) TakesContingent(id string) bool {
	st, op := p.delegate(), p.m.Operations[id]
	if op == nil || !p.Can("contingent") { // registry.Model.Offer: the delegation, in good standing
		return false
	}
	for _, ph := range op.Phases {
		if ph.Phase == "withdrawal-complete" {
			return false
		}
	}
	return !slices.ContainsFunc(op.Contingents, func(c csto.OperationContingent) bool { return c.State == st })
}
