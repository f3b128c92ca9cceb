package web

import (
	"net/http"
	"slices"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
)

// The overview answers the questions a reader of the source article asks
// first: what the CSTO is, who its members are now, when and how it was
// founded, what the Treaty obliges, and what it has done in crises; each
// answer links to the page that tells the whole of it.

const org = "csto" // the organization csto is about; other orgs are context

type overviewData struct {
	Org        registry.OrgView
	Treaty     *instrumentFacts
	Charter    *instrumentFacts
	Articles   []articleFacts // the Treaty's articles that oblige
	Secretary  *registry.TermView
	Chair      *registry.ChairYear
	Requests   []registry.RequestView
	Operations []registry.OperationView
	KeyDates   []registry.EntryView
	MemberN    int // members in good standing today
}

// instrumentFacts is when and where an instrument was signed and entered
// into force.
type instrumentFacts struct {
	ID, Name, Place, Adopted, InForce string
}

// articleFacts is an article with the provisions it makes and the
// amendments that later reworded it.
type articleFacts struct {
	Instrument string
	registry.ArticleView
	Amended []amendment
}

type amendment struct {
	Instrument, Name, InForce, Text string
}

// keyTypes are the events that make the CSTO's history at a glance.
var keyTypes = []string{csto.CmdInForce, csto.CmdPartyNonRenewal, csto.CmdJoin, csto.CmdSuspend, csto.CmdFreeze,
	csto.CmdWithdraw, csto.CmdOperationCreate, csto.CmdRequestFile}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "overview")
	m := p.m
	ov, err := m.Org(org, p.today, p.Lang)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	d := overviewData{Org: ov, Requests: m.RequestList(p.Lang), Operations: m.OperationList(p.Lang)}
	for _, mr := range ov.Members.All() {
		if mr.Status == csto.Member {
			d.MemberN++
		}
	}
	d.Treaty = p.instrumentFacts("cst")
	d.Charter = p.instrumentFacts("charter")
	if cst := m.Instruments["cst"]; cst != nil {
		for _, a := range p.instrumentArticles(cst) {
			if len(a.Provisions) > 0 {
				d.Articles = append(d.Articles, a)
			}
		}
	}
	for i := range ov.Officers {
		if ov.Officers[i].Office == "secretary-general" {
			d.Secretary = &ov.Officers[i]
		}
	}
	if c, err := m.ChairForYear(org, yearOf(p.today)); err == nil {
		d.Chair = &c
	}
	tl, err := m.Timeline(registry.TimelineFilter{Org: org}, p.Lang)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	for _, e := range tl.Events {
		if slices.Contains(keyTypes, e.Type) || e.Type == csto.CmdInstrumentAdd && (e.Seq == seqOf(m.Instruments["cst"]) || e.Seq == seqOf(m.Instruments["charter"])) {
			d.KeyDates = append(d.KeyDates, e)
		}
	}
	p.Title = ov.Name
	p.offerOverview(d)
	p.Data = d
	s.render(w, http.StatusOK, "overview", p)
}

func (p *page) instrumentFacts(id string) *instrumentFacts {
	in := p.m.Instruments[id]
	if in == nil {
		return nil
	}
	return &instrumentFacts{ID: in.ID, Name: in.Name.In(p.Lang), Place: in.Place.In(p.Lang), Adopted: in.Adopted.String(), InForce: in.InForce.String()}
}

// instrumentArticles lists an instrument's articles in the page's
// language, each with the later instruments' rewording of it.
func (p *page) instrumentArticles(in *registry.Instrument) []articleFacts {
	var amenders []*registry.Instrument
	for _, o := range p.m.Instruments {
		if slices.Contains(o.Amends, in.ID) {
			amenders = append(amenders, o)
		}
	}
	slices.SortFunc(amenders, func(a, b *registry.Instrument) int { return compareDates(a.Adopted.String(), b.Adopted.String()) })
	var out []articleFacts
	for _, a := range in.Articles {
		af := articleFacts{Instrument: in.ID, ArticleView: articleView(a, p.Lang)}
		for _, am := range amenders {
			for _, aa := range am.Articles {
				if aa.Num == a.Num {
					af.Amended = append(af.Amended, amendment{Instrument: am.ID, Name: am.Name.In(p.Lang), InForce: am.InForce.String(), Text: aa.Text.In(p.Lang)})
				}
			}
		}
		out = append(out, af)
	}
	return out
}

func articleView(a csto.Article, l csto.Lang) registry.ArticleView {
	av := registry.ArticleView{Num: a.Num, Title: a.Title.In(l), Text: a.Text.In(l)}
	for _, pr := range a.Provisions {
		pv := registry.ProvisionView{Kind: pr.Kind}
		for _, c := range pr.Conditions {
			pv.Conditions = append(pv.Conditions, c.In(l))
		}
		av.Provisions = append(av.Provisions, pv)
	}
	return av
}

func seqOf(in *registry.Instrument) int64 {
	if in == nil {
		return -1
	}
	return in.Seq
}
