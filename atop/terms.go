package atop

// Obligations are the five primary obligations of the codebook (section
// 1.51, 2.33). In a member row they are what that member promises; in an
// alliance or phase row, what any member promises.
type Obligations struct {
	Defense bool `json:"defense"` // active military support if an ally is attacked
	Offense bool `json:"offense"` // active military support in any other case
	Neutral bool `json:"neutral"` // not to aid an ally's adversary
	Nonagg  bool `json:"nonagg"`  // not to use force against an ally
	Consul  bool `json:"consul"`  // to consult in a crisis that may become militarized
}

// Any reports whether at least one obligation is set.
func (o Obligations) Any() bool {
	return o.Defense || o.Offense || o.Neutral || o.Nonagg || o.Consul
}

// Or returns the obligations set in o or in p.
func (o Obligations) Or(p Obligations) Obligations {
	return Obligations{
		Defense: o.Defense || p.Defense,
		Offense: o.Offense || p.Offense,
		Neutral: o.Neutral || p.Neutral,
		Nonagg:  o.Nonagg || p.Nonagg,
		Consul:  o.Consul || p.Consul,
	}
}

var obligationColumns = []column[Obligations]{
	flag("defense", func(o *Obligations) *bool { return &o.Defense }),
	flag("offense", func(o *Obligations) *bool { return &o.Offense }),
	flag("neutral", func(o *Obligations) *bool { return &o.Neutral }),
	flag("nonagg", func(o *Obligations) *bool { return &o.Nonagg }),
	flag("consul", func(o *Obligations) *bool { return &o.Consul }),
}

// Conditions say whether obligations are conditional: CONDITIO for any of
// them, and DEFCON, OFFCON, NEUCON, CONCON for defense, offense,
// neutrality and consultation. A condition is never set without its
// obligation.
type Conditions struct {
	Conditio bool `json:"conditio"`
	DefCon   bool `json:"defcon"`
	OffCon   bool `json:"offcon"`
	NeuCon   bool `json:"neucon"`
	ConCon   bool `json:"concon"`
}

var conditionColumns = []column[Conditions]{
	flag("conditio", func(c *Conditions) *bool { return &c.Conditio }),
	flag("defcon", func(c *Conditions) *bool { return &c.DefCon }),
	flag("offcon", func(c *Conditions) *bool { return &c.OffCon }),
	flag("neucon", func(c *Conditions) *bool { return &c.NeuCon }),
	flag("concon", func(c *Conditions) *bool { return &c.ConCon }),
}

// checkConditions: DEFCON needs DEFENSE, and so on (codebook 2.33, 2.43).
func checkConditions(c Conditions, o Obligations) *fieldError {
	for _, p := range []struct {
		cond, ob bool
		name, of string
	}{
		{c.DefCon, o.Defense, "defcon", "defense"},
		{c.OffCon, o.Offense, "offcon", "offense"},
		{c.NeuCon, o.Neutral, "neucon", "neutral"},
		{c.ConCon, o.Consul, "concon", "consul"},
	} {
		if p.cond && !p.ob {
			return errorf(p.name, "1, but %s is 0: a condition needs its obligation", p.of)
		}
	}
	return nil
}

// ConditionDetail is the member level's 27 conditions (codebook 2.33):
// on what an obligation depends (adversary, location, an ongoing
// conflict, the number of adversaries, demands, no provocation, an attack,
// a request to consult) and OLIMOB, any other condition.
type ConditionDetail struct {
	DefCoAdv bool `json:"defcoadv"`
	DefCoLoc bool `json:"defcoloc"`
	DefCoCon bool `json:"defcocon"`
	DefCoNum bool `json:"defconum"`
	DefCoDem bool `json:"defcodem"`
	DefCoNPr bool `json:"defconpr"`
	OffCoAdv bool `json:"offcoadv"`
	OffCoLoc bool `json:"offcoloc"`
	OffCoCon bool `json:"offcocon"`
	OffCoNum bool `json:"offconum"`
	OffCoDem bool `json:"offcodem"`
	NeuCoAdv bool `json:"neucoadv"`
	NeuCoLoc bool `json:"neucoloc"`
	NeuCoCon bool `json:"neucocon"`
	NeuCoNum bool `json:"neuconum"`
	NeuCoDem bool `json:"neucodem"`
	NeuCoNPr bool `json:"neuconpr"`
	NeuCoAtt bool `json:"neucoatt"`
	ConCoAdv bool `json:"concoadv"`
	ConCoLoc bool `json:"concoloc"`
	ConCoCon bool `json:"concocon"`
	ConCoReq bool `json:"concoreq"`
	OliMob   bool `json:"olimob"`
}

var conditionDetailColumns = []column[ConditionDetail]{
	flag("defcoadv", func(c *ConditionDetail) *bool { return &c.DefCoAdv }),
	flag("defcoloc", func(c *ConditionDetail) *bool { return &c.DefCoLoc }),
	flag("defcocon", func(c *ConditionDetail) *bool { return &c.DefCoCon }),
	flag("defconum", func(c *ConditionDetail) *bool { return &c.DefCoNum }),
	flag("defcodem", func(c *ConditionDetail) *bool { return &c.DefCoDem }),
	flag("defconpr", func(c *ConditionDetail) *bool { return &c.DefCoNPr }),
	flag("offcoadv", func(c *ConditionDetail) *bool { return &c.OffCoAdv }),
	flag("offcoloc", func(c *ConditionDetail) *bool { return &c.OffCoLoc }),
	flag("offcocon", func(c *ConditionDetail) *bool { return &c.OffCoCon }),
	flag("offconum", func(c *ConditionDetail) *bool { return &c.OffCoNum }),
	flag("offcodem", func(c *ConditionDetail) *bool { return &c.OffCoDem }),
	flag("neucoadv", func(c *ConditionDetail) *bool { return &c.NeuCoAdv }),
	flag("neucoloc", func(c *ConditionDetail) *bool { return &c.NeuCoLoc }),
	flag("neucocon", func(c *ConditionDetail) *bool { return &c.NeuCoCon }),
	flag("neuconum", func(c *ConditionDetail) *bool { return &c.NeuCoNum }),
	flag("neucodem", func(c *ConditionDetail) *bool { return &c.NeuCoDem }),
	flag("neuconpr", func(c *ConditionDetail) *bool { return &c.NeuCoNPr }),
	flag("neucoatt", func(c *ConditionDetail) *bool { return &c.NeuCoAtt }),
	flag("concoadv", func(c *ConditionDetail) *bool { return &c.ConCoAdv }),
	flag("concoloc", func(c *ConditionDetail) *bool { return &c.ConCoLoc }),
	flag("concocon", func(c *ConditionDetail) *bool { return &c.ConCoCon }),
	flag("concoreq", func(c *ConditionDetail) *bool { return &c.ConCoReq }),
	flag("olimob", func(c *ConditionDetail) *bool { return &c.OliMob }),
}

// checkConditionDetail: each summary condition is 1 exactly when one of
// its detailed conditions is, and CONDITIO exactly when any detailed
// condition or OLIMOB is ("this is a summary dummy variable").
func checkConditionDetail(d ConditionDetail, c Conditions) *fieldError {
	def := d.DefCoAdv || d.DefCoLoc || d.DefCoCon || d.DefCoNum || d.DefCoDem || d.DefCoNPr
	off := d.OffCoAdv || d.OffCoLoc || d.OffCoCon || d.OffCoNum || d.OffCoDem
	neu := d.NeuCoAdv || d.NeuCoLoc || d.NeuCoCon || d.NeuCoNum || d.NeuCoDem || d.NeuCoNPr || d.NeuCoAtt
	con := d.ConCoAdv || d.ConCoLoc || d.ConCoCon || d.ConCoReq
	for _, p := range []struct {
		summary, detail bool
		name            string
	}{
		{c.DefCon, def, "defcon"},
		{c.OffCon, off, "offcon"},
		{c.NeuCon, neu, "neucon"},
		{c.ConCon, con, "concon"},
		{c.Conditio, def || off || neu || con || d.OliMob, "conditio"},
	} {
		if p.summary != p.detail {
			return errorf(p.name, "%s, but the detailed conditions it summarizes say %s", b01(p.summary), b01(p.detail))
		}
	}
	return nil
}

func b01(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// Promises are the further obligations of codebook 2.33 (member level) and
// 2.43 (any member): to deny support to an ally's enemies (NOTAIDEN, 0–4),
// diplomatic aid (DIPAID), territory or resources (TERRRES), no separate
// peace (SEPPEACE, 0–3), no commitments to third parties (THIRDCOM), and
// no alliances contrary to this one (NOOTHALL).
type Promises struct {
	NotAiden Code `json:"notaiden"`
	DipAid   Code `json:"dipaid"`
	TerrRes  Code `json:"terrres"`
	SepPeace Code `json:"seppeace"`
	ThirdCom Code `json:"thirdcom"`
	NoOthAll Code `json:"noothall"`
}

var promiseColumns = []column[Promises]{
	coded("notaiden", 0, 4, func(p *Promises) *Code { return &p.NotAiden }),
	coded("dipaid", 0, 1, func(p *Promises) *Code { return &p.DipAid }),
	coded("terrres", 0, 1, func(p *Promises) *Code { return &p.TerrRes }),
	coded("seppeace", 0, 3, func(p *Promises) *Code { return &p.SepPeace }),
	coded("thirdcom", 0, 1, func(p *Promises) *Code { return &p.ThirdCom }),
	coded("noothall", 0, 1, func(p *Promises) *Code { return &p.NoOthAll }),
}

// Terms are the alliance-level ("A") variables, the same for every member
// of a phase: identifiers in the COW alliance data, formation, duration
// and termination provisions (2.32), the threat named (2.33),
// institutionalization (2.34), other content (2.35) and documentation
// (2.36). Each Code holds the codebook's value for its column.
type Terms struct {
	COWID    Code   `json:"cowid"`  // COW alliance data 3.0 id, Missing if not there
	COW4ID   Code   `json:"cow4id"` // COW alliance data 4.1 id, Missing if not there
	Bilat    bool   `json:"bilat"`  // never more than two members in the phase
	MaxPhase int    `json:"maxphase"`
	Wartime  bool   `json:"wartime"`
	EstMode  Code   `json:"estmode"` // 1 treaty requiring ratification, 0 not
	PubSecr  Code   `json:"pubsecr"` // 0 public, 1 secret articles, 2 secret treaty
	SecrArt  Code   `json:"secrart"`
	ProAdd   Code   `json:"proadd"`
	FutMem   Code   `json:"futmem"`
	SpecLgth Code   `json:"speclgth"`
	Length   Code   `json:"length"` // months of the initial term
	Renounce Code   `json:"renounce"`
	ProRen   Code   `json:"proren"`
	RenewLgt Code   `json:"renewlgt"` // months of each renewal
	Term     Code   `json:"term"`     // 0 censored, 1 fulfilment, 2 violation, 3 renegotiation
	Active   bool   `json:"active"`   // some member promises defense or offense
	Asymm    bool   `json:"asymm"`    // obligations differ among members
	SpecThrt Code   `json:"specthrt"`
	StatThr1 Code   `json:"statthr1"` // COW code of a state named as a threat, 0 none
	StatThr2 Code   `json:"statthr2"`
	ConWtin  Code   `json:"conwtin"`
	MedArb   Code   `json:"medarb"`
	MilCon   Code   `json:"milcon"` // 0 none, 1 in hostilities, 2 in peacetime, 3 common defense policy
	MilAid   Code   `json:"milaid"`
	IntCom   Code   `json:"intcom"`
	Subord   Code   `json:"subord"`
	Organ1   Code   `json:"organ1"` // 0 none, 1 regular meetings, 2 named organization, 3 permanent bureaucracy
	OrgPurp1 Code   `json:"orgpurp1"`
	Organ2   Code   `json:"organ2"`
	OrgPurp2 Code   `json:"orgpurp2"`
	Base     Code   `json:"base"`
	Contrib  Code   `json:"contrib"`
	ArmRed   Code   `json:"armred"`
	AcqTerr  Code   `json:"acqterr"`
	DivGains Code   `json:"divgains"`
	DemWith  Code   `json:"demwith"`
	RefLNUN  Code   `json:"reflnun"`
	RefOthIO Code   `json:"refothio"`
	NatRefAl Code   `json:"natrefal"`
	CompAg   Code   `json:"compag"`
	NoMiCoop Code   `json:"nomicoop"`
	ConRes   Code   `json:"conres"`
	AgProIs  Code   `json:"agprois"`
	ConMen   Code   `json:"conmen"`
	EcAid    Code   `json:"ecaid"`
	Interv   Code   `json:"interv"`
	Source   int    `json:"source"` // 1 the agreement, 2 secondary sources only
	New5     bool   `json:"new5"`
	Rev5     bool   `json:"rev5"`
	Version  string `json:"version"`
}

// termColumns are the columns of Terms, with the codebook's ranges
// (Appendix B). One range is wider than the codebook's: REFOTHIO is a
// dummy there, but ATOP 5.1 codes it 2 for one alliance (4860), so 2 is
// accepted.
var termColumns = []column[Terms]{
	coded("cowid", 1, 9999, func(t *Terms) *Code { return &t.COWID }),
	coded("cow4id", 1, 9999, func(t *Terms) *Code { return &t.COW4ID }),
	flag("bilat", func(t *Terms) *bool { return &t.Bilat }),
	number("maxphase", 0, 9, func(t *Terms) *int { return &t.MaxPhase }),
	flag("wartime", func(t *Terms) *bool { return &t.Wartime }),
	coded("estmode", 0, 1, func(t *Terms) *Code { return &t.EstMode }),
	coded("pubsecr", 0, 2, func(t *Terms) *Code { return &t.PubSecr }),
	coded("secrart", 0, 8, func(t *Terms) *Code { return &t.SecrArt }),
	coded("proadd", 0, 3, func(t *Terms) *Code { return &t.ProAdd }),
	coded("futmem", 0, 3, func(t *Terms) *Code { return &t.FutMem }),
	coded("speclgth", 0, 3, func(t *Terms) *Code { return &t.SpecLgth }),
	coded("length", 0, 9999, func(t *Terms) *Code { return &t.Length }),
	coded("renounce", 0, 4, func(t *Terms) *Code { return &t.Renounce }),
	coded("proren", 0, 2, func(t *Terms) *Code { return &t.ProRen }),
	coded("renewlgt", 0, 9999, func(t *Terms) *Code { return &t.RenewLgt }),
	requiredCode("term", 0, 3, func(t *Terms) *Code { return &t.Term }),
	flag("active", func(t *Terms) *bool { return &t.Active }),
	flag("asymm", func(t *Terms) *bool { return &t.Asymm }),
	coded("specthrt", 0, 6, func(t *Terms) *Code { return &t.SpecThrt }),
	coded("statthr1", 0, 999, func(t *Terms) *Code { return &t.StatThr1 }),
	coded("statthr2", 0, 999, func(t *Terms) *Code { return &t.StatThr2 }),
	coded("conwtin", 0, 3, func(t *Terms) *Code { return &t.ConWtin }),
	coded("medarb", 0, 1, func(t *Terms) *Code { return &t.MedArb }),
	coded("milcon", 0, 3, func(t *Terms) *Code { return &t.MilCon }),
	coded("milaid", 0, 4, func(t *Terms) *Code { return &t.MilAid }),
	coded("intcom", 0, 1, func(t *Terms) *Code { return &t.IntCom }),
	coded("subord", 0, 2, func(t *Terms) *Code { return &t.Subord }),
	coded("organ1", 0, 3, func(t *Terms) *Code { return &t.Organ1 }),
	coded("orgpurp1", 0, 5, func(t *Terms) *Code { return &t.OrgPurp1 }),
	coded("organ2", 0, 3, func(t *Terms) *Code { return &t.Organ2 }),
	coded("orgpurp2", 0, 5, func(t *Terms) *Code { return &t.OrgPurp2 }),
	coded("base", 0, 3, func(t *Terms) *Code { return &t.Base }),
	coded("contrib", 0, 1, func(t *Terms) *Code { return &t.Contrib }),
	coded("armred", 0, 2, func(t *Terms) *Code { return &t.ArmRed }),
	coded("acqterr", 0, 2, func(t *Terms) *Code { return &t.AcqTerr }),
	coded("divgains", 0, 1, func(t *Terms) *Code { return &t.DivGains }),
	coded("demwith", 0, 1, func(t *Terms) *Code { return &t.DemWith }),
	coded("reflnun", 0, 2, func(t *Terms) *Code { return &t.RefLNUN }),
	coded("refothio", 0, 2, func(t *Terms) *Code { return &t.RefOthIO }),
	natrefal,
	coded("compag", 0, 6, func(t *Terms) *Code { return &t.CompAg }),
	coded("nomicoop", 0, 1, func(t *Terms) *Code { return &t.NoMiCoop }),
	coded("conres", 0, 2, func(t *Terms) *Code { return &t.ConRes }),
	coded("agprois", 0, 5, func(t *Terms) *Code { return &t.AgProIs }),
	coded("conmen", 0, 1, func(t *Terms) *Code { return &t.ConMen }),
	coded("ecaid", 0, 3, func(t *Terms) *Code { return &t.EcAid }),
	coded("interv", 0, 4, func(t *Terms) *Code { return &t.Interv }),
	number("source", 1, 2, func(t *Terms) *int { return &t.Source }),
	flag("new5", func(t *Terms) *bool { return &t.New5 }),
	flag("rev5", func(t *Terms) *bool { return &t.Rev5 }),
	version("version", func(t *Terms) *string { return &t.Version }),
}

// natrefal is NATREFAL, whose codes are 0–3 and 9 ("any other reference").
var natrefal = func() column[Terms] {
	c := coded("natrefal", 0, 9, func(t *Terms) *Code { return &t.NatRefAl })
	return column[Terms]{c.name, func(t *Terms, s string) string {
		if msg := c.parse(t, s); msg != "" {
			return msg
		}
		if v := t.NatRefAl; v.Known() && v > 3 && v != 9 {
			return v.String() + " is not a code of this column (0–3, 9)"
		}
		return ""
	}}
}()

// checkTerms applies the codebook's rules between alliance-level columns:
// MAXPHASE is 0 or at least 2, a public treaty has no secret content
// (SECRART 0) and a secret treaty SECRART 8. (ACTIVE is checked where the
// obligations of every member are known: in an alliance or phase row, and
// across the member rows of a phase by NewDataset.)
func checkTerms(t *Terms) *fieldError {
	switch {
	case t.MaxPhase == 1:
		return errorf("maxphase", "1 is not a number of phases (0 for one phase, else 2 or more)")
	case t.PubSecr == 0 && t.SecrArt.Known() && t.SecrArt != 0:
		return errorf("secrart", "%s, but a public treaty (pubsecr 0) has secrart 0", t.SecrArt)
	case t.PubSecr == 2 && t.SecrArt.Known() && t.SecrArt != 8:
		return errorf("secrart", "%s, but a secret treaty (pubsecr 2) has secrart 8", t.SecrArt)
	}
	return nil
}
