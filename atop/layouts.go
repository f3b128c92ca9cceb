package atop

// The column layouts of ATOP 5.1's member, alliance and alliance-phase
// files, in their order: what csto's member-, alliance- and phase-level
// exports write (see rules.LevelTable). The names are ATOP's (lower case,
// as in the files). MEM1…MEMn, the members of an alliance or phase, come
// between INTERV and SOURCE; their number is fixed per file
// (AllianceMemColumns, PhaseMemColumns), as ATOP's files fix it.

// MemberColumns are the columns of atop5_1m.csv.
var MemberColumns = []string{
	"atopid", "cowid", "cow4id", "member", "cowsys", "yrent", "moent", "dayent", "yrexit", "moexit",
	"dayexit", "ineffect", "bilat", "phase", "maxphase", "wartime", "cowwar", "estmode", "pubsecr",
	"secrart", "proadd", "futmem", "speclgth", "length", "renounce", "proren", "renewlgt", "term",
	"termmode", "termcaus", "defense", "offense", "neutral", "nonagg", "consul", "active", "conditio",
	"defcon", "offcon", "neucon", "concon", "defcoadv", "defcoloc", "defcocon", "defconum",
	"defcodem", "defconpr", "offcoadv", "offcoloc", "offcocon", "offconum", "offcodem", "neucoadv",
	"neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt", "concoadv", "concoloc",
	"concocon", "concoreq", "olimob", "asymm", "obvary", "notaiden", "dipaid", "terrres", "seppeace",
	"thirdcom", "noothall", "specthrt", "statthr1", "statthr2", "conwtin", "medarb", "milcon",
	"milaid", "intcom", "subord", "organ1", "orgpurp1", "organ2", "orgpurp2", "base", "contrib",
	"armred", "acqterr", "divgains", "demwith", "reflnun", "refothio", "natrefal", "compag",
	"nomicoop", "conres", "agprois", "conmen", "ecaid", "interv", "source", "new5", "rev5", "version",
}

// AllianceMemColumns and PhaseMemColumns are the numbers of MEMk columns
// of atop5_1a.csv and atop5_1aph.csv: the largest alliance (the CSCE/OSCE)
// and the largest phase.
const (
	AllianceMemColumns = 59
	PhaseMemColumns    = 57
)

// AllianceColumns are the columns of atop5_1a.csv.
var AllianceColumns = withMembers([]string{
	"atopid", "cowid", "cow4id", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "ineffect",
	"bilat", "maxphase", "wartime", "estmode", "pubsecr", "secrart", "proadd", "futmem", "speclgth",
	"length", "renounce", "proren", "renewlgt", "term", "defense", "offense", "neutral", "nonagg",
	"consul", "active", "conditio", "defcon", "offcon", "neucon", "concon", "asymm", "notaiden",
	"dipaid", "terrres", "seppeace", "thirdcom", "noothall", "specthrt", "statthr1", "statthr2",
	"conwtin", "medarb", "milcon", "milaid", "intcom", "subord", "organ1", "orgpurp1", "organ2",
	"orgpurp2", "base", "contrib", "armred", "acqterr", "divgains", "demwith", "reflnun", "refothio",
	"natrefal", "compag", "nomicoop", "conres", "agprois", "conmen", "ecaid", "interv",
}, AllianceMemColumns, trailingColumns)

// PhaseColumns are the columns of atop5_1aph.csv.
var PhaseColumns = withMembers([]string{
	"atopid", "atopidphase", "cowid", "cow4id", "begyr", "begmo", "begday", "endyr", "endmo",
	"endday", "ineffect", "bilat", "phase", "maxphase", "wartime", "estmode", "pubsecr", "secrart",
	"proadd", "futmem", "speclgth", "length", "renounce", "proren", "renewlgt", "term", "defense",
	"offense", "neutral", "nonagg", "consul", "active", "conditio", "defcon", "offcon", "neucon",
	"concon", "asymm", "notaiden", "dipaid", "terrres", "seppeace", "thirdcom", "noothall",
	"specthrt", "statthr1", "statthr2", "conwtin", "medarb", "milcon", "milaid", "intcom", "subord",
	"organ1", "orgpurp1", "organ2", "orgpurp2", "base", "contrib", "armred", "acqterr", "divgains",
	"demwith", "reflnun", "refothio", "natrefal", "compag", "nomicoop", "conres", "agprois", "conmen",
	"ecaid", "interv",
}, PhaseMemColumns, trailingColumns)

var trailingColumns = []string{"source", "new5", "rev5", "version"}

func withMembers(head []string, k int, tail []string) []string {
	out := append([]string(nil), head...)
	out = appendIDColumns(out, "mem", k)
	return append(out, tail...)
}
