package importer

import "strings"

// Event kinds a draft can have.
const (
	KindEvent        = "event" // no kind the text states with confidence
	KindSignature    = "signature"
	KindAccession    = "accession"
	KindWithdrawal   = "withdrawal"
	KindSuspension   = "suspension"
	KindSummit       = "summit"
	KindExercise     = "exercise"
	KindDeployment   = "deployment"
	KindRequest      = "request"
	KindRatification = "ratification"
	KindObserver     = "observer"
)

// commandFor is the command type a draft of each kind proposes, and the
// participants the command needs.
var commandFor = map[string]struct {
	typ        string
	state, org bool
}{
	KindSignature:    {"party.sign", true, false},
	KindRatification: {"party.ratify", true, false},
	KindAccession:    {"membership.join", true, true},
	KindWithdrawal:   {"membership.withdraw", true, true},
	KindSuspension:   {"membership.suspend", true, true},
	KindObserver:     {"membership.observer", true, true},
	KindRequest:      {"request.file", true, true},
	KindDeployment:   {"operation.contingent", true, true},
	KindExercise:     {"exercise.hold", false, true},
	KindSummit:       {"session.hold", false, true},
}

// cueDef is a set of word forms that say what kind of event a line
// reports. A form ending in * is a prefix. When a context word (a prefix)
// occurs among the next window words of the line, the cue scores ctxScore
// instead of score: وقع alone may be "happened", وقع … على "signed".
type cueDef struct {
	kind     string
	lang     lang
	words    string
	score    float64
	ctx      string
	window   int
	ctxScore float64
}

var cueDefs = []cueDef{
	// Arabic (folded forms, found behind clitics and the article).
	{KindSignature, langAr, "وقع وقعت وقعوا وقعا وقعتا يوقع يوقعون يوقعان سيوقع ستوقع", 0.5, "علي معاهد اتفاق بروتوكول ميثاق وثيق وثائق مذكر", 8, 0.9},
	{KindSignature, langAr, "توقيع*", 0.9, "", 0, 0},
	{KindAccession, langAr, "انضم* ينضم* تنضم* سينضم* ستنضم*", 0.85, "", 0, 0},
	{KindWithdrawal, langAr, "انسحب* انسحاب* ينسحب* تنسحب*", 0.85, "", 0, 0},
	{KindSuspension, langAr, "علق علقت يعلق تعلق تعليق", 0.5, "عضوي مشارك", 5, 0.9},
	{KindSuspension, langAr, "جمد جمدت يجمد تجمد تجميد", 0.5, "عضوي مشارك", 5, 0.85},
	{KindSummit, langAr, "قمه قمتهم قمتها قمتين قمم", 0.85, "", 0, 0},
	{KindSummit, langAr, "اجتماع اجتماعه اجتماعها اجتماعات اجتماعاتها", 0.8, "", 0, 0}, // a session of a body
	{KindSummit, langAr, "دوره", 0.5, "اعتيادي استثنائي عادي", 3, 0.8},
	{KindExercise, langAr, "مناور* تدريبات تمرين تمارين", 0.85, "", 0, 0},
	{KindDeployment, langAr, "ارسل ارسلت ارسلوا ارسال يرسل ترسل نشر نشرت", 0.5, "قوات قوه كتيب وحدات جنود جندي بعثه", 6, 0.85},
	{KindRequest, langAr, "طلب طلبت يطلب تطلب", 0.55, "مساعد دعم", 6, 0.9},
	{KindRequest, langAr, "ناشد ناشدت يناشد مناشد*", 0.55, "مساعد دعم", 8, 0.85},
	{KindRatification, langAr, "صدق صدقت صادق صادقت يصادق", 0.55, "علي", 6, 0.9},
	{KindRatification, langAr, "تصديق* مصادق*", 0.85, "", 0, 0},
	{KindObserver, langAr, "مراقب*", 0.7, "", 0, 0},
	// English.
	{KindSignature, langEn, "sign signs signed signing signature signatures", 0.9, "", 0, 0},
	{KindAccession, langEn, "join joins joined joining rejoin rejoins rejoined accession acceded accede admitted admission", 0.85, "", 0, 0},
	{KindWithdrawal, langEn, "withdraw withdraws withdrew withdrawn withdrawal", 0.85, "", 0, 0},
	{KindSuspension, langEn, "suspend suspends suspended suspension", 0.9, "", 0, 0},
	{KindSummit, langEn, "summit summits", 0.85, "", 0, 0},
	{KindSummit, langEn, "meeting meetings session sessions", 0.8, "", 0, 0},
	{KindExercise, langEn, "exercise exercises drill drills manoeuvre manoeuvres maneuver maneuvers wargames", 0.85, "", 0, 0},
	{KindDeployment, langEn, "deploy deploys deployed deploying deployment", 0.85, "", 0, 0},
	{KindDeployment, langEn, "sent send sends dispatched", 0.5, "troop forc contingent battalion peacekeep unit", 5, 0.85},
	{KindRequest, langEn, "request requests requested asked appealed appeal", 0.55, "help assistance support aid", 5, 0.9},
	{KindRatification, langEn, "ratify ratifies ratified ratification", 0.9, "", 0, 0},
	{KindObserver, langEn, "observer observers", 0.85, "", 0, 0},
	// Russian.
	{KindSignature, langRu, "подпис*", 0.9, "", 0, 0},
	{KindAccession, langRu, "вступ* присоедин*", 0.85, "", 0, 0},
	{KindWithdrawal, langRu, "вышл* вышел выход* выйти", 0.8, "", 0, 0},
	{KindSuspension, langRu, "приостанов*", 0.9, "", 0, 0},
	{KindSummit, langRu, "саммит*", 0.85, "", 0, 0},
	{KindSummit, langRu, "заседани* совещани*", 0.8, "", 0, 0},
	{KindExercise, langRu, "учени*", 0.85, "", 0, 0},
	{KindDeployment, langRu, "развертыван* разверну* направил* ввел* ввод*", 0.5, "войск сил контингент миротвор", 5, 0.85},
	{KindRequest, langRu, "просьб* запрос* обратил*", 0.55, "помощ содейств", 5, 0.9},
	{KindRatification, langRu, "ратифи*", 0.9, "", 0, 0},
	{KindObserver, langRu, "наблюдател*", 0.85, "", 0, 0},
}

// Words before a cue that deny it (رفضت التوقيع "refused to sign") or make
// it hypothetical (في حال لو انضمت "if it joined"), by prefix.
var (
	negators = newWordSet("رفض* ترفض* يرفض* لم لن عدم دون بدون not never refus* declin* без не отказ*")
	hedges   = newWordSet("لو اذا حال امكاني* احتمال* اقترح* عرض* مستعد* استعداد* يمكن سوف if may might could would possib* propos* offer* если возможн* может предлож*")
	// Before مراقب: "according to observers" is not observer status.
	observerNot = newWordSet("وفق وفقا حسب بحسب يري قال يقول")
	// Before مراقب: بصفة مراقب, "with the status of observer".
	statusWords = newWordSet("صفه")
)

type cueForm struct {
	def    *cueDef
	ctx    wordSet // def.ctx as a set
	prefix bool
}

var (
	cueExact  = map[string]cueForm{} // folded word -> cue
	cuePrefix = map[string]cueForm{} // folded prefix -> cue
	cueHeads  = map[string]bool{}    // the first two letters of every prefix: a cheap gate
)

func init() {
	for i := range cueDefs {
		d := &cueDefs[i]
		ctx := newPrefixSet(d.ctx)
		for _, w := range strings.Fields(d.words) {
			if p, ok := strings.CutSuffix(w, "*"); ok {
				cuePrefix[Fold(p)] = cueForm{def: d, ctx: ctx, prefix: true}
				cueHeads[head2(Fold(p))] = true
			} else {
				cueExact[Fold(w)] = cueForm{def: d, ctx: ctx}
			}
		}
	}
}

// wordSet is a set of folded words; a word written with a trailing * is
// a prefix.
type wordSet struct {
	exact    map[string]bool
	prefixes []string
}

func newWordSet(s string) wordSet {
	ws := wordSet{exact: map[string]bool{}}
	for _, w := range strings.Fields(s) {
		if p, ok := strings.CutSuffix(w, "*"); ok {
			ws.prefixes = append(ws.prefixes, Fold(p))
		} else {
			ws.exact[Fold(w)] = true
		}
	}
	return ws
}

// newPrefixSet is a wordSet of prefixes only.
func newPrefixSet(s string) wordSet {
	f := strings.Fields(s)
	for i := range f {
		f[i] += "*"
	}
	return newWordSet(strings.Join(f, " "))
}

// matches reports whether a reading of token t (Arabic: behind its
// clitics) is in the set.
func (ws wordSet) matches(t *token) bool {
	if t == nil || t.kind != tokWord {
		return false
	}
	hit := false
	stems(t, func(stem string, _ clitic) bool {
		if ws.exact[stem] {
			hit = true
			return false
		}
		for _, x := range ws.prefixes {
			if strings.HasPrefix(stem, x) {
				hit = true
				return false
			}
		}
		return true
	})
	return hit
}

// stems calls yield with the readings of a word: for Arabic every
// clitic split (arSplits), otherwise the word itself.
func stems(t *token, yield func(string, clitic) bool) {
	if t.script == scriptArabic {
		arSplits(t.s, yield)
		return
	}
	yield(t.s, 0)
}

// cueHit is one cue found in a line.
type cueHit struct {
	kind  string
	score float64
	at    int // token index
}

// findCues returns the kind cues of a line's tokens, in text order, with
// their scores after context, negation and hedging. skip marks tokens that
// are part of a date expression: they do not count in the context window.
func findCues(toks []token, skip []bool, langs lang) []cueHit {
	var out []cueHit
	for i := range toks {
		t := &toks[i]
		if t.kind != tokWord || (skip != nil && skip[i]) {
			continue
		}
		form, cl, ok := cueOf(t, langs)
		if !ok {
			continue
		}
		d := form.def
		score := d.score
		if d.ctx != "" && contextHas(toks, skip, i, d.window, form.ctx) {
			score = d.ctxScore
		}
		switch d.kind {
		case KindSignature:
			if t.shadda { // وقّع: the shadda makes it "signed"
				score = max(score, 0.9)
			}
		case KindObserver:
			if t.script == scriptArabic {
				if wordsBefore(toks, skip, i, 2, observerNot) {
					continue
				}
				if cl&clPrep != 0 && strings.HasPrefix(strings.TrimPrefix(t.s, "و"), "ك") || wordsBefore(toks, skip, i, 2, statusWords) {
					score = 0.9 // كمراقب, بصفة مراقب: as an observer
				}
			}
		}
		if wordsBefore(toks, skip, i, 4, negators) {
			continue
		}
		if wordsBefore(toks, skip, i, 6, hedges) {
			score *= 0.6
		}
		out = append(out, cueHit{kind: d.kind, score: score, at: i})
	}
	return out
}

// head2 returns the first two letters of s.
func head2(s string) string {
	n := 0
	for i := range s {
		if n == 2 {
			return s[:i]
		}
		n++
	}
	return s
}

// maxCuePrefix is the length in letters of the longest cue prefix (приостанов).
const maxCuePrefix = 12

// cueOf returns the cue word t is, if any.
func cueOf(t *token, langs lang) (cueForm, clitic, bool) {
	var (
		form  cueForm
		resCl clitic
		found bool
	)
	stems(t, func(stem string, cl clitic) bool {
		if f, ok := cueExact[stem]; ok && f.def.lang&langs != 0 {
			form, resCl, found = f, cl, true
			return false
		}
		if !cueHeads[head2(stem)] {
			return true
		}
		// Prefixes of 3 to maxCuePrefix letters.
		n := 0
		for i := range stem {
			if n >= 3 {
				if f, ok := cuePrefix[stem[:i]]; ok && f.def.lang&langs != 0 {
					form, resCl, found = f, cl, true
					return false
				}
			}
			n++
			if n > maxCuePrefix {
				break
			}
		}
		if n >= 3 && n <= maxCuePrefix {
			if f, ok := cuePrefix[stem]; ok && f.def.lang&langs != 0 {
				form, resCl, found = f, cl, true
				return false
			}
		}
		return true
	})
	return form, resCl, found
}

// maxReach bounds, in tokens of any kind, how far a cue's context is
// looked for, so that a cue costs constant time however much punctuation
// or date text surrounds it.
const maxReach = 40

// contextHas reports whether one of the window words after token i
// (date tokens not counted) starts with a context prefix.
func contextHas(toks []token, skip []bool, i, window int, ctx wordSet) bool {
	for k, n := i+1, 0; k < len(toks) && k <= i+maxReach && n < window; k++ {
		if toks[k].kind != tokWord || (skip != nil && skip[k]) {
			continue
		}
		if ctx.matches(&toks[k]) {
			return true
		}
		n++
	}
	return false
}

// wordsBefore reports whether one of the n words before token i starts
// with a prefix of set.
func wordsBefore(toks []token, skip []bool, i, n int, set wordSet) bool {
	for k, c := i-1, 0; k >= 0 && k >= i-maxReach && c < n; k-- {
		if toks[k].kind != tokWord || (skip != nil && skip[k]) {
			continue
		}
		if set.matches(&toks[k]) {
			return true
		}
		c++
	}
	return false
}

// minKindScore is the score below which a cue gives no kind.
const minKindScore = 0.6

// chooseKind picks a line's kind from its cues: the first strong cue
// (score ≥ 0.8) in text order — the main verb usually comes first — or
// else the highest-scoring one. A kind below minKindScore is not taken.
func chooseKind(cues []cueHit) (kind string, score float64) {
	for _, c := range cues {
		if c.score >= 0.8 {
			return c.kind, c.score
		}
	}
	for _, c := range cues {
		if c.score > score {
			kind, score = c.kind, c.score
		}
	}
	if score < minKindScore {
		return KindEvent, score
	}
	return kind, score
}
