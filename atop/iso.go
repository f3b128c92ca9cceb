package atop

// CodeKind says what kind of code StateCode gives a state.
type CodeKind int

// The kinds of state code.
const (
	// ISO is an ISO 3166-1 alpha-3 code of a state that has one today.
	ISO CodeKind = iota + 1
	// ISOFormer is an ISO 3166-3 code of a state that no longer exists
	// (DDR, CSK, YUG, YMD).
	ISOFormer
	// COWOnly is "COW-" and the COW abbreviation, for a state ISO never
	// coded (Bavaria, Austria-Hungary, …).
	COWOnly
	// ATOPOnly is "ATOP-" and ATOP's own code, for a member with no COW
	// code at all: Annam (8152).
	ATOPOnly
)

func (k CodeKind) String() string {
	switch k {
	case ISO:
		return "ISO 3166-1"
	case ISOFormer:
		return "ISO 3166-3"
	case COWOnly:
		return "COW"
	case ATOPOnly:
		return "ATOP"
	}
	return ""
}

type stateCode struct {
	code string
	kind CodeKind
}

// StateCode returns the code csto keys a state by for a COW country code
// that appears in ATOP (every member of atop5_1m.csv, plus the Papal
// States and Zanzibar), and what kind of code it is; ok is false for any
// other code.
//
// The decisions, each checked by the tests:
//
//   - A state that exists today has its ISO 3166-1 alpha-3 code, whatever
//     its COW abbreviation: COW abbreviations are not ISO codes, and
//     several are other states' ISO codes (COW AUS is Austria, ISO AUS
//     Australia; COW SWZ Switzerland, ISO SWZ Eswatini; COW SLV Slovenia,
//     ISO SLV El Salvador; COW MNG Montenegro, ISO MNG Mongolia; COW KOR
//     the Korea of 1887–1905, ISO KOR South Korea; COW CZE
//     Czechoslovakia, ISO CZE Czechia).
//   - A COW code covers the whole history COW gives it: 365 (Russia and
//     the USSR, which COW treats as one state) is RUS; 255 (Germany, the
//     Reich before 1945 and united Germany from 1990) is DEU; 345
//     (Yugoslavia, and in COW also Serbia after 2006) is YUG; 816 (North
//     Vietnam, then Vietnam) is VNM; 679 (Yemen from 1990) is YEM.
//   - 260, the German Federal Republic, is DEU as well: united Germany is
//     the Federal Republic continued (the GDR acceded to it in 1990, and
//     ISO kept DEU). It is the one code two COW codes share; ATOP ends the
//     FRG's memberships on 1990-10-03, the day Germany's begin, so the two
//     never overlap.
//   - Former states with an ISO 3166-3 code have it: 265 GDR → DDR, 315
//     Czechoslovakia → CSK, 680 South Yemen → YMD.
//   - States ISO never coded are "COW-" and their COW abbreviation: the
//     German and Italian states before unification, Austria-Hungary, Korea
//     (1887–1905), North Yemen (678, COW-YAR: ISO's YEM passed to united
//     Yemen, which COW codes 679) and South Vietnam (817, COW-RVN).
//   - Annam (8152), which ATOP takes from Gleditsch and Ward and COW does
//     not list, is "ATOP-8152".
func StateCode(ccode int) (code string, kind CodeKind, ok bool) {
	c, ok := stateCodes[ccode]
	return c.code, c.kind, ok
}

// MergedCodes lists the COW codes that share a state code, by design (see
// StateCode). Every other COW code has a code of its own.
var MergedCodes = map[string][]int{"DEU": {255, 260}}

var stateCodes = map[int]stateCode{
	2:    {"USA", ISO},
	20:   {"CAN", ISO},
	31:   {"BHS", ISO},
	40:   {"CUB", ISO},
	41:   {"HTI", ISO},
	42:   {"DOM", ISO},
	51:   {"JAM", ISO},
	52:   {"TTO", ISO},
	53:   {"BRB", ISO},
	54:   {"DMA", ISO},
	55:   {"GRD", ISO},
	56:   {"LCA", ISO},
	57:   {"VCT", ISO},
	58:   {"ATG", ISO},
	60:   {"KNA", ISO},
	70:   {"MEX", ISO},
	80:   {"BLZ", ISO},
	90:   {"GTM", ISO},
	91:   {"HND", ISO},
	92:   {"SLV", ISO},
	93:   {"NIC", ISO},
	94:   {"CRI", ISO},
	95:   {"PAN", ISO},
	100:  {"COL", ISO},
	101:  {"VEN", ISO},
	110:  {"GUY", ISO},
	115:  {"SUR", ISO},
	130:  {"ECU", ISO},
	135:  {"PER", ISO},
	140:  {"BRA", ISO},
	145:  {"BOL", ISO},
	150:  {"PRY", ISO},
	155:  {"CHL", ISO},
	160:  {"ARG", ISO},
	165:  {"URY", ISO},
	200:  {"GBR", ISO},
	205:  {"IRL", ISO},
	210:  {"NLD", ISO},
	211:  {"BEL", ISO},
	212:  {"LUX", ISO},
	220:  {"FRA", ISO},
	221:  {"MCO", ISO},
	223:  {"LIE", ISO},
	225:  {"CHE", ISO},
	230:  {"ESP", ISO},
	232:  {"AND", ISO},
	235:  {"PRT", ISO},
	240:  {"COW-HAN", COWOnly},
	245:  {"COW-BAV", COWOnly},
	255:  {"DEU", ISO},
	260:  {"DEU", ISO},
	265:  {"DDR", ISOFormer},
	267:  {"COW-BAD", COWOnly},
	269:  {"COW-SAX", COWOnly},
	271:  {"COW-WRT", COWOnly},
	273:  {"COW-HSE", COWOnly},
	275:  {"COW-HSG", COWOnly},
	280:  {"COW-MEC", COWOnly},
	290:  {"POL", ISO},
	300:  {"COW-AUH", COWOnly},
	305:  {"AUT", ISO},
	310:  {"HUN", ISO},
	315:  {"CSK", ISOFormer},
	316:  {"CZE", ISO},
	317:  {"SVK", ISO},
	325:  {"ITA", ISO},
	327:  {"COW-PAP", COWOnly},
	329:  {"COW-SIC", COWOnly},
	331:  {"SMR", ISO},
	332:  {"COW-MOD", COWOnly},
	335:  {"COW-PMA", COWOnly},
	337:  {"COW-TUS", COWOnly},
	338:  {"MLT", ISO},
	339:  {"ALB", ISO},
	341:  {"MNE", ISO},
	343:  {"MKD", ISO},
	344:  {"HRV", ISO},
	345:  {"YUG", ISOFormer},
	346:  {"BIH", ISO},
	349:  {"SVN", ISO},
	350:  {"GRC", ISO},
	352:  {"CYP", ISO},
	355:  {"BGR", ISO},
	359:  {"MDA", ISO},
	360:  {"ROU", ISO},
	365:  {"RUS", ISO},
	366:  {"EST", ISO},
	367:  {"LVA", ISO},
	368:  {"LTU", ISO},
	369:  {"UKR", ISO},
	370:  {"BLR", ISO},
	371:  {"ARM", ISO},
	372:  {"GEO", ISO},
	373:  {"AZE", ISO},
	375:  {"FIN", ISO},
	380:  {"SWE", ISO},
	385:  {"NOR", ISO},
	390:  {"DNK", ISO},
	395:  {"ISL", ISO},
	402:  {"CPV", ISO},
	403:  {"STP", ISO},
	404:  {"GNB", ISO},
	411:  {"GNQ", ISO},
	420:  {"GMB", ISO},
	432:  {"MLI", ISO},
	433:  {"SEN", ISO},
	434:  {"BEN", ISO},
	435:  {"MRT", ISO},
	436:  {"NER", ISO},
	437:  {"CIV", ISO},
	438:  {"GIN", ISO},
	439:  {"BFA", ISO},
	450:  {"LBR", ISO},
	451:  {"SLE", ISO},
	452:  {"GHA", ISO},
	461:  {"TGO", ISO},
	471:  {"CMR", ISO},
	475:  {"NGA", ISO},
	481:  {"GAB", ISO},
	482:  {"CAF", ISO},
	483:  {"TCD", ISO},
	484:  {"COG", ISO},
	490:  {"COD", ISO},
	500:  {"UGA", ISO},
	501:  {"KEN", ISO},
	510:  {"TZA", ISO},
	511:  {"COW-ZAN", COWOnly},
	516:  {"BDI", ISO},
	517:  {"RWA", ISO},
	520:  {"SOM", ISO},
	522:  {"DJI", ISO},
	530:  {"ETH", ISO},
	531:  {"ERI", ISO},
	540:  {"AGO", ISO},
	541:  {"MOZ", ISO},
	551:  {"ZMB", ISO},
	552:  {"ZWE", ISO},
	553:  {"MWI", ISO},
	560:  {"ZAF", ISO},
	565:  {"NAM", ISO},
	570:  {"LSO", ISO},
	571:  {"BWA", ISO},
	572:  {"SWZ", ISO},
	580:  {"MDG", ISO},
	581:  {"COM", ISO},
	590:  {"MUS", ISO},
	591:  {"SYC", ISO},
	600:  {"MAR", ISO},
	615:  {"DZA", ISO},
	616:  {"TUN", ISO},
	620:  {"LBY", ISO},
	625:  {"SDN", ISO},
	626:  {"SSD", ISO},
	630:  {"IRN", ISO},
	640:  {"TUR", ISO},
	645:  {"IRQ", ISO},
	651:  {"EGY", ISO},
	652:  {"SYR", ISO},
	660:  {"LBN", ISO},
	663:  {"JOR", ISO},
	666:  {"ISR", ISO},
	670:  {"SAU", ISO},
	678:  {"COW-YAR", COWOnly},
	679:  {"YEM", ISO},
	680:  {"YMD", ISOFormer},
	690:  {"KWT", ISO},
	692:  {"BHR", ISO},
	694:  {"QAT", ISO},
	696:  {"ARE", ISO},
	698:  {"OMN", ISO},
	700:  {"AFG", ISO},
	701:  {"TKM", ISO},
	702:  {"TJK", ISO},
	703:  {"KGZ", ISO},
	704:  {"UZB", ISO},
	705:  {"KAZ", ISO},
	710:  {"CHN", ISO},
	712:  {"MNG", ISO},
	713:  {"TWN", ISO},
	730:  {"COW-KOR", COWOnly},
	731:  {"PRK", ISO},
	732:  {"KOR", ISO},
	740:  {"JPN", ISO},
	750:  {"IND", ISO},
	770:  {"PAK", ISO},
	771:  {"BGD", ISO},
	775:  {"MMR", ISO},
	780:  {"LKA", ISO},
	781:  {"MDV", ISO},
	790:  {"NPL", ISO},
	800:  {"THA", ISO},
	811:  {"KHM", ISO},
	812:  {"LAO", ISO},
	816:  {"VNM", ISO},
	817:  {"COW-RVN", COWOnly},
	820:  {"MYS", ISO},
	830:  {"SGP", ISO},
	835:  {"BRN", ISO},
	840:  {"PHL", ISO},
	850:  {"IDN", ISO},
	860:  {"TLS", ISO},
	900:  {"AUS", ISO},
	910:  {"PNG", ISO},
	920:  {"NZL", ISO},
	946:  {"KIR", ISO},
	947:  {"TUV", ISO},
	950:  {"FJI", ISO},
	955:  {"TON", ISO},
	990:  {"WSM", ISO},
	8152: {"ATOP-8152", ATOPOnly},
}
