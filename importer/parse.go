package importer

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/csto/csto/edtf"
)

// Options tune Parse and ParseDate.
type Options struct {
	// Lang restricts the date and event words read to one language: "ar",
	// "en" or "ru". "" reads all three: each word's script says which
	// language it is, so mixed text ("(CSTO)" in Arabic, a Russian quote)
	// needs no detection.
	Lang string
	// Published is the article's date, against which relative words (أمس,
	// العام الماضي, yesterday) are resolved. It may be zero: Parse then
	// takes the date the article gives for "today" (اليوم الخميس السادس من
	// يناير/كانون الثاني 2022), if any; ParseDate leaves relative words
	// unresolved.
	Published edtf.Date
	// Subject is the code of the organization that the bare anaphor
	// "المنظمة" ("the Organization") refers to. "" means the organization
	// the text names most often by its full name.
	Subject string
}

// Result is the JSON document of an import: {"drafts":[…]}.
type Result struct {
	Drafts []Draft `json:"drafts"`
}

// Draft is one line of an article read as a proposed event, for review.
type Draft struct {
	Line       int      `json:"line"`   // 1-based line number in the text
	Date       *string  `json:"date"`   // EDTF, or null for an undated line
	Text       string   `json:"text"`   // the line without its bullet and, when the line starts with its date, without the date
	Raw        string   `json:"raw"`    // the line as written
	States     []string `json:"states"` // codes of the states named, in order of first mention
	Orgs       []string `json:"orgs"`   // codes of the organizations named or referred to
	Kind       string   `json:"kind"`   // KindSignature … or KindEvent
	Command    string   `json:"command,omitempty"`
	Confidence float64  `json:"confidence"`
	Notes      []string `json:"notes,omitempty"`
}

// Confidence factors for how a draft's date was found.
const (
	dateExplicit       = 1.0  // written in the line
	dateDerived        = 0.9  // completed from a header, resolved from a relative word, converted from Hijri
	dateMissing        = 0.5  // no date
	kindNone           = 0.5  // the confidence of KindEvent on a dated line
	missingParticipant = 0.8  // the kind's command lacks its state or org
	minCommand         = 0.6  // a typed command needs this confidence
	maxAlsoDated       = 8    // "also dated" notes per line
	maxDateTokens      = 4096 // dates are looked for in the first tokens of a very long line only
)

// Parse reads timeline-style text, one entry per line, into drafts. A
// line may start with a bullet (- – — ـ • * #), then a date expression,
// usually a colon, then the text; a date may also stand anywhere in the
// line. Lines that are only a date (a year or a month) are headers: they
// give no draft and complete the dates of the lines under them (a day and
// month without a year, a day alone under a month), and undated lines
// under them take their date. Other undated lines are kept with a null
// date. Empty lines are skipped.
//
// The draft's date is the first date of the line; other dates on the
// line are kept as notes ("also dated: 1998-22"). States and
// organizations come from g (nil finds none) and from the anaphor
// "المنظمة" (see Options.Subject). The kind comes from the words of the
// line (see chooseKind); the command is proposed only when the kind is
// confident, the line is dated and the command's participants are named;
// a dated line otherwise proposes "event.record", an undated one nothing.
//
// Confidence is the product of the kind's cue score (KindEvent: 0.5), a
// date factor (1 written, 0.9 derived, 0.5 missing) and 0.8 when the
// kind's command lacks a participant.
//
// Parse never panics and runs in time linear in the length of text.
func Parse(text string, g *Gazetteer, opt Options) []Draft {
	p := newParser(text, g, opt)
	return p.drafts()
}

// ParseDate returns the first date expression in s that gives a date,
// with the text of the expression as written. Relative words are
// resolved against opt.Published; without it they are skipped, as are a
// day and month without a year.
func ParseDate(s string, opt Options) (edtf.Date, string, bool) {
	toks := tokenize(s, nil)
	sc := newScanner(toks, langsFor(opt.Lang))
	ctx := dateCtx{ref: opt.Published}
	for i := 0; i < len(toks) && i < maxDateTokens; {
		e, ok := sc.next(i)
		if !ok {
			break
		}
		if r := resolve(e, ctx); r.why == "" {
			return r.date, s[toks[e.i].start:toks[e.j-1].end], true
		}
		i = e.i + 1
	}
	return edtf.Date{}, "", false
}

// pline is one line of the text.
type pline struct {
	no      int    // 1-based
	raw     string // without the line break
	content string // without leading space and bullet
	sc      *scanner
	ments   []mention
}

type parser struct {
	g       *Gazetteer
	opt     Options
	langs   lang
	lines   []pline
	subject string // org code of the anaphor
	ref     edtf.Date
	refNote string
}

func newParser(text string, g *Gazetteer, opt Options) *parser {
	p := &parser{g: g, opt: opt, langs: langsFor(opt.Lang), ref: opt.Published}
	counts := map[int]int{}
	no := 0
	for rest := text; rest != ""; {
		var line string
		if k := strings.IndexByte(rest, '\n'); k >= 0 {
			line, rest = rest[:k], rest[k+1:]
		} else {
			line, rest = rest, ""
		}
		no++
		line = strings.TrimSuffix(line, "\r")
		content := stripBullet(line)
		if !hasContent(content) {
			continue
		}
		toks := tokenize(content, make([]token, 0, len(content)/6+4))
		pl := pline{no: no, raw: line, content: content, sc: newScanner(toks, p.langs)}
		pl.ments = g.find(toks)
		for _, m := range pl.ments {
			if g.entries[m.entry].Kind != "state" {
				counts[m.entry]++
			}
		}
		p.lines = append(p.lines, pl)
	}
	p.subject = opt.Subject
	if p.subject == "" && g != nil {
		best := -1
		for e, n := range counts {
			if best < 0 || n > counts[best] || (n == counts[best] && e < best) {
				best = e
			}
		}
		if best >= 0 {
			p.subject = g.entries[best].Code
		}
	}
	if p.ref.IsZero() {
		p.findAnchor()
	}
	return p
}

// findAnchor sets the article's date from the first "today" followed by
// an explicit day.
func (p *parser) findAnchor() {
	for _, l := range p.lines {
		sc := l.sc
		for i := range sc.toks {
			if i >= maxDateTokens || !(sc.arToday(i) || sc.word(i, fToday)) {
				continue
			}
			if e, ok := sc.today(i); ok && e.anchor {
				if r := resolve(e, dateCtx{}); r.why == "" {
					p.ref = r.date
					p.refNote = "article date " + r.date.String() + " taken from line " + strconv.Itoa(l.no)
					return
				}
			}
		}
	}
}

// header is the context header lines give.
type header struct {
	ctx  dateCtx
	date string // the header's own date, for undated lines under it
	line int
}

func (p *parser) drafts() []Draft {
	out := make([]Draft, 0, len(p.lines))
	entry := make([]bool, len(p.lines))
	var h header
	for li := range p.lines {
		l := &p.lines[li]
		h.ctx.ref = p.ref
		if m, ok := p.monthHeader(l.sc); ok {
			h.ctx.month, h.ctx.entry, h.line, h.date = m, 0, l.no, ""
			if h.ctx.year != 0 {
				h.date = pdate{y: h.ctx.year, m: m}.gregorian()
			}
			continue
		}
		dates, unresolved := p.lineDates(l, h)
		draft := Draft{Line: l.no, Raw: l.raw, Text: l.content}
		dateF := dateMissing
		if len(dates) > 0 {
			f := dates[0]
			dateline := hasClock(l.sc)
			if isPrefix(l.sc, f.e.i) {
				rest := strings.TrimLeftFunc(l.content[l.sc.toks[f.e.j-1].end:], isSeparator)
				if !hasContent(rest) && f.e.a.rel.unit == relNone && !f.e.anchor && len(dates) == 1 && !dateline {
					p.setHeader(&h, f.e, f.date, l.no)
					continue
				}
				draft.Text = rest
				if f.dayEntry {
					entry[li] = true
				}
			}
			s := f.date.String()
			draft.Date = &s
			draft.Notes = append(draft.Notes, f.notes...)
			dateF = dateExplicit
			if f.derived {
				dateF = dateDerived
			}
			if f.e.a.rel.unit != relNone && p.refNote != "" {
				draft.Notes = append(draft.Notes, p.refNote)
			}
			for _, o := range dates[1:] {
				draft.Notes = append(draft.Notes, "also dated: "+o.date.String()+" «"+l.span(o.e)+"»")
			}
			if dateline {
				draft.Notes = append(draft.Notes, "a dateline (a date with a clock time): it dates the page, not the lines under it")
			} else {
				p.follow(&h, f, l.no)
			}
		} else if prev := p.continued(li, out, entry); prev != nil {
			entry[li] = true
			s := *prev.Date
			draft.Date = &s
			dateF = dateDerived
			draft.Notes = append(draft.Notes, "date of the entry of line "+strconv.Itoa(prev.Line)+": the line continues it")
		} else if h.date != "" {
			s := h.date
			draft.Date = &s
			dateF = dateDerived
			draft.Notes = append(draft.Notes, "date from the header of line "+strconv.Itoa(h.line))
		}
		draft.Notes = append(draft.Notes, unresolved...)
		p.classify(&draft, l, dates, dateF)
		out = append(out, draft)
	}
	return out
}

// follow makes a dated entry the context of the lines after it, as a
// header is: "- 25: …" after "- 17 كانون الثاني 2011: …" is 25 January
// 2011, and "وفي أبريل، …" after a line of 2012 is April 2012. Only a
// Gregorian day, month or year counts (not a span since, a decade, a
// season or a part of a period); the header's own date, for undated
// lines under it, stays.
func (p *parser) follow(h *header, f dated, line int) {
	a := f.first
	if a.y == 0 || a.hijri || f.e.kind == eSince || f.e.part != partNone || a.decade || a.season != 0 {
		return
	}
	h.ctx.year, h.ctx.month, h.ctx.entry = a.y, a.m, line
}

// continued returns the draft the undated line li continues, if any: a
// line with the same dash bullet right under an entry of a day alone
// ("- 25: بدء تظاهرات …" then "- في الليل، …"), the style of the agencies'
// day-by-day timelines, where such a line reports more of the same day.
// Under entries with their own full dates, an undated paragraph is more
// often a comment or a general fact, and keeps the header's date or none.
// entry says, per line, whether it is an entry of a day alone, or
// continues one.
func (p *parser) continued(li int, out []Draft, entry []bool) *Draft {
	if li == 0 || len(out) == 0 || !entry[li-1] {
		return nil
	}
	prev := &out[len(out)-1]
	pl := &p.lines[li-1]
	if prev.Line != pl.no || prev.Date == nil {
		return nil
	}
	if b := dashBullet(p.lines[li].raw); b == 0 || b != dashBullet(pl.raw) {
		return nil
	}
	return prev
}

// hasClock reports whether the line gives a clock time ("09:30",
// "12:07 م"): a page's dateline, whose date is the publication's, not the
// events'.
func hasClock(sc *scanner) bool {
	for i := 0; i+2 < len(sc.toks); i++ {
		h, c, m := &sc.toks[i], &sc.toks[i+1], &sc.toks[i+2]
		if h.kind == tokNum && h.ndig <= 2 && h.num < 24 && c.kind == tokPunct && c.s == ":" &&
			m.kind == tokNum && m.ndig == 2 && m.num < 60 && c.start == h.end && m.start == c.end {
			return true
		}
	}
	return false
}

// dashBullet returns the dash a line starts with, or 0.
func dashBullet(raw string) rune {
	s := strings.TrimLeftFunc(raw, unicode.IsSpace)
	if r, _ := utf8.DecodeRuneInString(s); s != "" && strings.ContainsRune("-–—‐‒―ـ", r) {
		return '-'
	}
	return 0
}

// dated is a date expression of a line with its date.
type dated struct {
	e dexpr
	resolved
	dayEntry bool // a day alone at the start of the line ("- 25: …"), completed from the context
}

// lineDates returns the dates of a line in order (at most maxAlsoDated+1),
// and notes on the date expressions that give none.
func (p *parser) lineDates(l *pline, h header) (dates []dated, unresolved []string) {
	sc := l.sc
	if e, ok := p.dayEntry(sc, h.ctx, l.content != strings.TrimLeftFunc(l.raw, unicode.IsSpace)); ok {
		r := resolve(e, h.ctx)
		r.derived = true
		if h.ctx.entry != 0 {
			r.notes = append(r.notes, "day in the month of the entry of line "+strconv.Itoa(h.ctx.entry))
		} else {
			r.notes = append(r.notes, "day under the month header of line "+strconv.Itoa(h.line))
		}
		dates = append(dates, dated{e: e, resolved: r, dayEntry: true})
	}
	for i := 0; i < len(sc.toks) && i < maxDateTokens && len(dates) <= maxAlsoDated; {
		if len(dates) > 0 {
			i = max(i, dates[len(dates)-1].e.j)
		}
		e, ok := sc.next(i)
		if !ok {
			break
		}
		r := resolve(e, h.ctx)
		if r.why != "" {
			// Say why only where a reader sees a date: not for "بين 3 و5".
			if r.why == whyNoRef || r.why == whyHijriFail || r.first.m != 0 {
				unresolved = append(unresolved, "no date for «"+l.span(e)+"»: "+r.why)
			}
			i = e.i + 1
			continue
		}
		dates = append(dates, dated{e: e, resolved: r})
		i = max(e.j, i+1)
	}
	dates = p.preferGregorian(l, dates)
	for k := range dates {
		for _, sl := range sc.slips {
			if sl.i >= dates[k].e.i && sl.j <= dates[k].e.j {
				dates[k].notes = append(dates[k].notes, "month names disagree in «"+l.spanTok(sl.i, sl.j)+
					"»: read as "+time.Month(sl.kept).String()+", the transliterated name")
			}
		}
	}
	return dates, unresolved
}

// preferGregorian reads a Hijri date written beside its Gregorian
// equivalent ("1331هـ / 1913م", "21/8/1402هـ / 13/7/1982م", "عام 1330 هـ
// (1910 م)", "(1325 - 1400 هـ- 1907 - 1980 م)") as the Gregorian date,
// which the writer gives as the reader's calendar; the Hijri date is
// noted, and so is a disagreement between the two.
func (p *parser) preferGregorian(l *pline, dates []dated) []dated {
	if len(dates) < 2 || dates[0].e.a.hijri == dates[1].e.a.hijri || !adjacent(l.sc, dates[0].e.j, dates[1].e.i) {
		return dates
	}
	hi, gr := dates[0], dates[1]
	if gr.e.a.hijri {
		hi, gr = gr, hi
	}
	gr.notes = append(gr.notes, "hijri date beside it: «"+l.span(hi.e)+"»")
	if !overlaps(hi.date, gr.date) {
		gr.notes = append(gr.notes, "the Hijri and Gregorian dates disagree: «"+l.span(hi.e)+"» is "+hi.date.String())
	}
	return append([]dated{gr}, dates[2:]...)
}

// adjacent reports whether only punctuation, or the word الموافق
// ("corresponding to"), stands between tokens i and j (at most three).
func adjacent(sc *scanner, i, j int) bool {
	if j-i > 3 {
		return false
	}
	for k := i; k < j; k++ {
		if t := sc.tok(k); t.kind != tokPunct && t.s != "الموافق" && t.s != "الموافقه" {
			return false
		}
	}
	return true
}

// overlaps reports whether two dates share a day.
func overlaps(a, b edtf.Date) bool {
	return a.Latest() >= b.Earliest() && b.Latest() >= a.Earliest()
}

// spanTok returns the text of tokens [i, j) as written.
func (l *pline) spanTok(i, j int) string {
	return l.content[l.sc.toks[i].start:l.sc.toks[j-1].end]
}

// span returns the text of a date expression as written.
func (l *pline) span(e dexpr) string {
	return l.content[l.sc.toks[e.i].start:l.sc.toks[e.j-1].end]
}

// classify sets the entities, kind, command and confidence of a draft.
func (p *parser) classify(draft *Draft, l *pline, dates []dated, dateF float64) {
	draft.States, draft.Orgs = []string{}, []string{}
	for _, m := range l.ments {
		draft.States, draft.Orgs = p.g.addMention(draft.States, draft.Orgs, m.entry)
	}
	if p.subject != "" && p.hasAnaphor(l) {
		draft.Orgs = appendNew(draft.Orgs, p.subject)
	}

	skip := make([]bool, len(l.sc.toks)) // date tokens do not count as context
	for _, f := range dates {
		for k := f.e.i; k < f.e.j && k < len(skip); k++ {
			skip[k] = true
		}
	}
	kind, score := chooseKind(findCues(l.sc.toks, skip, p.langs))
	draft.Kind = kind
	conf := kindNone
	if kind != KindEvent {
		conf = score
	} else if score > 0 {
		draft.Notes = append(draft.Notes, "weak kind cue ignored")
	}
	conf *= dateF
	if c, ok := commandFor[kind]; ok {
		missing := (c.state && len(draft.States) == 0) || (c.org && len(draft.Orgs) == 0)
		if missing {
			conf *= missingParticipant
		}
		if draft.Date != nil && !missing && conf >= minCommand {
			draft.Command = c.typ
		}
	}
	if draft.Command == "" && draft.Date != nil {
		draft.Command = "event.record"
	}
	draft.Confidence = math.Round(conf*100) / 100
}

// setHeader makes a date-only line the context of the lines under it.
func (p *parser) setHeader(h *header, e dexpr, d edtf.Date, line int) {
	h.ctx.year, h.ctx.month, h.ctx.entry = 0, 0, 0
	if e.kind == eSingle && !e.a.hijri && !e.a.decade && e.part == partNone && e.a.season == 0 {
		y, m, _ := d.Earliest().Date()
		h.ctx.year = y
		if d.Precision() >= edtf.PrecisionMonth {
			h.ctx.month = m
		}
	}
	h.date, h.line = d.String(), line
}

// monthHeader reports whether the line is a month name alone ("مايو/أيار",
// "May", "شهر مايو:"), which sets the month of the lines under it.
func (p *parser) monthHeader(sc *scanner) (int, bool) {
	i := 0
	m, h, k, ok := sc.monthGroup(i)
	if !ok || h {
		return 0, false
	}
	for ; k < len(sc.toks); k++ {
		if sc.toks[k].kind != tokPunct {
			return 0, false
		}
	}
	return m, true
}

// dayEntry reads a line that starts with a day alone ("15: …", "15 - …")
// under a month header.
func (p *parser) dayEntry(sc *scanner, ctx dateCtx, bulleted bool) (dexpr, bool) {
	if ctx.month == 0 || ctx.year == 0 {
		return dexpr{}, false
	}
	d, k, ok := sc.day(0)
	if !ok || !(sc.isPunct(k, ":") || sc.isPunct(k, "-") || sc.isPunct(k, ")") || sc.isPunct(k, ".")) {
		return dexpr{}, false
	}
	// "1- في 3 كانون الثاني" and "2. «عين الأسد»" are numbered items: a
	// day entry behind a dash, a parenthesis or a dot stands after a
	// bullet ("- 17 - …"), and no date follows it.
	if !sc.isPunct(k, ":") {
		if !bulleted {
			return dexpr{}, false
		}
		if _, ok := sc.exprAt(k + 1); ok {
			return dexpr{}, false
		}
		if sc.word(k+1, fIn) {
			if _, ok := sc.exprAt(k + 2); ok {
				return dexpr{}, false
			}
		}
	}
	if e, ok := sc.exprAt(0); ok && e.j > k { // "17- دجنبر 2010" is a whole date
		return dexpr{}, false
	}
	return dexpr{i: 0, j: k, a: pdate{y: ctx.year, m: ctx.month, d: d}}, true
}

// isPrefix reports whether a date starting at token i begins the line:
// only punctuation and words like في/in/on come before it.
func isPrefix(sc *scanner, i int) bool {
	for k := 0; k < i; k++ {
		if sc.toks[k].kind != tokPunct && !sc.word(k, fIn) {
			return false
		}
	}
	return true
}

// hasAnaphor reports whether the line refers to the subject organization
// as "المنظمة" (the Organization): the word with its article, alone or
// behind a clitic, and not an adjective — "الجريمة المنظمة" (organized
// crime) follows a definite noun — or "the Organization" capitalised.
func (p *parser) hasAnaphor(l *pline) bool {
	toks := l.sc.toks
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord {
			continue
		}
		if t.script == scriptLatin {
			if t.upper && (t.s == "organization" || t.s == "organisation") && i > 0 && toks[i-1].s == "the" {
				return true
			}
			continue
		}
		if t.script != scriptArabic || !strings.HasSuffix(t.s, "منظمه") {
			continue
		}
		var cl clitic
		hit := false
		arSplits(t.s, func(stem string, c clitic) bool {
			if stem == "منظمه" && c&clArt != 0 {
				hit, cl = true, c
				return false
			}
			return true
		})
		if !hit {
			continue
		}
		if cl&clPrep == 0 && i > 0 && isDefinite(&toks[i-1]) {
			continue
		}
		return true
	}
	return false
}

// isDefinite reports whether an Arabic word carries the article.
func isDefinite(t *token) bool {
	if t.kind != tokWord || t.script != scriptArabic {
		return false
	}
	w := strings.TrimPrefix(t.s, "و")
	return strings.HasPrefix(w, "ال") || strings.HasPrefix(w, "لل")
}

// bulletRunes start an entry line: dashes, the tatweel, bullets, and
// Markdown's * # >.
const bulletRunes = "-–—‐‒―ـ•*·◦▪▫●○■□►▸‣⁃#>"

// stripBullet returns line without leading space and bullets.
func stripBullet(line string) string {
	return strings.TrimLeftFunc(line, func(r rune) bool {
		return unicode.IsSpace(r) || isIgnorable(r) || strings.ContainsRune(bulletRunes, r)
	})
}

// isSeparator is what may stand between a line's date and its text.
func isSeparator(r rune) bool {
	return unicode.IsSpace(r) || isIgnorable(r) || strings.ContainsRune(":：-–—ـ,،;؛.", r)
}

// hasContent reports whether s has a letter or a digit.
func hasContent(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
