package web

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// The status chart: one row per state (or per organization, on a state's
// page), one bar per membership spell, coloured by status, drawn by the
// server as SVG. Time runs in the reading direction: left to right in
// English and Russian, right to left in Arabic. A bound known only to a
// year or a month is drawn hatched over the days it may fall on; a bound
// marked uncertain (?) or approximate (~) is hatched over three months
// either side, so the reader sees the doubt the record keeps.

const (
	chartW      = 960
	chartLabelW = 170
	chartRowH   = 28
	chartBarH   = 18
	chartTop    = 8
	chartAxisH  = 26
	fuzzDays    = 91 // half-width of the hatched band of a qualified bound
)

type chart struct {
	W, H     int
	Statuses []csto.Status // those the patterns are made for
	Rows     []chartRow
	Ticks    []chartTick
	AtX      float64
	AtY2     int
	Title    string
	D0, D1   edtf.Day
	X0, X1   float64 // x of D0 and of D1; X0 > X1 when time runs right to left
	AxisY    int
}

type chartRow struct {
	Y, BarY, TextY int
	TextX          float64
	Anchor         string
	Label, Href    string
	Full           string // the whole name, when Label is shortened
	Bars           []chartBar
}

type chartBar struct {
	X, W   float64
	Status csto.Status
	Fuzzy  bool
	Title  string
}

type chartTick struct {
	X     float64
	Label string
}

// chartSeries is one row's spells. Short, when set, stands in for a
// Label too long for the label column.
type chartSeries struct {
	Label, Short, Href string
	Spells             []csto.Spell
}

// fits reports whether a label fits the chart's label column at its font
// size: about 7.5 px a Latin or Cyrillic letter, 5.5 px an Arabic one.
func fits(label string, lang csto.Lang) bool {
	per := 7.5
	if lang == csto.Arabic {
		per = 5.5
	}
	return float64(utf8.RuneCountInString(label))*per <= chartLabelW-12
}

// newChart lays out rows of spells from the start of year from to the
// end of the year after today, with a marker at the date at.
func (p *page) newChart(title string, rows []chartSeries, from int, at edtf.Date) *chart {
	rtl := p.Lang.Dir() == "rtl"
	c := &chart{W: chartW, Statuses: chartStatuses, Title: title, D0: edtf.DayOf(from, 1, 1), D1: edtf.DayOf(yearOf(p.today)+2, 1, 1)}
	plotA, plotB := float64(chartLabelW), float64(chartW-12)
	if rtl {
		c.X0, c.X1 = float64(chartW-chartLabelW), 12
	} else {
		c.X0, c.X1 = plotA, plotB
	}
	x := func(d edtf.Day) float64 {
		d = min(max(d, c.D0), c.D1)
		return math.Round((c.X0+(c.X1-c.X0)*float64(d-c.D0)/float64(c.D1-c.D0))*10) / 10
	}
	span := func(a, b edtf.Day) (float64, float64) {
		xa, xb := x(a), x(b)
		return min(xa, xb), math.Abs(xb - xa)
	}
	for i, r := range rows {
		y := chartTop + i*chartRowH
		row := chartRow{Y: y, BarY: y + (chartRowH-chartBarH)/2, TextY: y + chartRowH/2 + 5, Label: r.Label, Href: r.Href}
		if !fits(r.Label, p.Lang) && r.Short != "" {
			row.Label, row.Full = r.Short, r.Label
		}
		if rtl {
			row.TextX, row.Anchor = float64(chartW-4), "end"
		} else {
			row.TextX, row.Anchor = float64(chartLabelW-8), "end"
		}
		for _, sp := range r.Spells {
			if sp.Status == csto.Former {
				continue
			}
			pFrom, cFrom := sp.From.Earliest(), sp.From.Latest()+1
			if qualified(sp.From) {
				pFrom, cFrom = pFrom-fuzzDays, cFrom+fuzzDays
			}
			pTo, cTo := c.D1, c.D1
			if !sp.To.IsZero() {
				pTo, cTo = sp.To.Latest()+1, sp.To.Earliest()
				if qualified(sp.To) {
					pTo, cTo = pTo+fuzzDays, cTo-fuzzDays
				}
			}
			title := r.Label + ": " + p.StatusName(sp.Status) + ", " + p.spellSpan(sp)
			add := func(a, b edtf.Day, fuzzy bool) {
				if b <= a || b <= c.D0 || a >= c.D1 {
					return
				}
				bx, bw := span(a, b)
				row.Bars = append(row.Bars, chartBar{X: bx, W: math.Max(bw, 1), Status: sp.Status, Fuzzy: fuzzy, Title: title})
			}
			if cFrom >= cTo {
				add(pFrom, pTo, true)
				continue
			}
			add(pFrom, cFrom, true)
			add(cFrom, cTo, false)
			add(cTo, pTo, true)
		}
		c.Rows = append(c.Rows, row)
	}
	c.AxisY = chartTop + len(rows)*chartRowH
	c.H = c.AxisY + chartAxisH
	c.AtY2 = c.AxisY
	years := yearOf(p.today) + 2 - from
	step := 1
	switch pxPerYear := (plotB - plotA) / float64(years); {
	case pxPerYear < 14:
		step = 5
	case pxPerYear < 34:
		step = 2
	}
	for y := from; y <= yearOf(p.today)+1; y++ {
		if y%step == 0 {
			c.Ticks = append(c.Ticks, chartTick{X: x(edtf.DayOf(y, 1, 1)), Label: strconv.Itoa(y)})
		}
	}
	c.AtX = -1
	if !at.IsZero() {
		c.AtX = x(at.Earliest() + (at.Latest()-at.Earliest())/2)
	}
	return c
}

func qualified(d edtf.Date) bool { return d.Uncertain() || d.Approximate() }

// spellSpan writes a spell's period: "15 May 1992 – 20 April 1994",
// or "since 20 April 1994" while it lasts.
func (p *page) spellSpan(sp csto.Spell) string {
	if sp.To.IsZero() {
		return p.Tf("web.since", p.DateOf(sp.From))
	}
	return p.DateOf(sp.From) + " – " + p.DateOf(sp.To)
}

// chartStatuses are the statuses the legend explains, in order.
var chartStatuses = []csto.Status{csto.Signatory, csto.Member, csto.Suspended, csto.ParticipationFrozen, csto.Observer, csto.Partner}

// Legend lists the statuses with their labels.
func (p *page) Legend() []legendItem {
	var out []legendItem
	for _, st := range chartStatuses {
		out = append(out, legendItem{Status: st, Label: p.StatusName(st)})
	}
	return out
}

type legendItem struct {
	Status csto.Status
	Label  string
}

// firstYear is the year of the earliest spell's start, at most def.
func firstYear(series []chartSeries, def int) int {
	y := def
	for _, s := range series {
		for _, sp := range s.Spells {
			y = min(y, yearOf(sp.From))
		}
	}
	return y
}

// sortSeries orders rows by the start of their first spell, then label.
func sortSeries(series []chartSeries) {
	slices.SortStableFunc(series, func(a, b chartSeries) int {
		if c := edtf.Compare(a.Spells[0].From, b.Spells[0].From); c != 0 {
			return c
		}
		return strings.Compare(a.Label, b.Label)
	})
}

// chartListRow is one row of the chart as text: a state (or an
// organization) and its spells, for screens too narrow to read the chart.
type chartListRow struct {
	Label, Href string
	Spells      []chartListSpell
}

type chartListSpell struct {
	Status csto.Status
	Span   string
}

// chartList writes the chart's rows as a list.
func (p *page) chartList(series []chartSeries) []chartListRow {
	var out []chartListRow
	for _, s := range series {
		row := chartListRow{Label: s.Label, Href: s.Href}
		for _, sp := range s.Spells {
			if sp.Status != csto.Former {
				row.Spells = append(row.Spells, chartListSpell{Status: sp.Status, Span: p.spellSpan(sp)})
			}
		}
		out = append(out, row)
	}
	return out
}

// chartListView is a chart's list for the chart-list template.
type chartListView struct {
	P     *page
	Title string
	Rows  []chartListRow
}

// ChartList hands a chart's list to the chart-list template.
func (p *page) ChartList(title string, rows []chartListRow) chartListView {
	return chartListView{P: p, Title: title, Rows: rows}
}
