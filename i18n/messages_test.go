package i18n

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// TestMessagesKeepTheirVerbs: each translation takes the English
// format's arguments in the same order (%q may become «%s»).
func TestMessagesKeepTheirVerbs(t *testing.T) {
	norm := func(f string) []string {
		v := verbs(f)
		for i := range v {
			v[i] = strings.Replace(v[i], "q", "s", 1)
		}
		return v
	}
	for format, tr := range messages {
		want := norm(format)
		for _, l := range []struct {
			lang csto.Lang
			s    string
		}{{csto.Arabic, tr.AR}, {csto.Russian, tr.RU}} {
			if l.s == "" {
				t.Errorf("%q has no %s", format, l.lang)
			} else if got := norm(l.s); strings.Contains(l.s, "%[") {
				// Explicit indexes may leave an argument out, never add one.
				for _, v := range got {
					if n, err := strconv.Atoi(v[2:strings.IndexByte(v, ']')]); err != nil || n < 1 || n > len(want) {
						t.Errorf("%q in %s takes %s of %d arguments", format, l.lang, v, len(want))
					}
				}
			} else if !slices.Equal(got, want) {
				t.Errorf("%q in %s takes %v, the English %v", format, l.lang, got, want)
			}
		}
	}
	if got, _ := Message(csto.Arabic, "unknown state %q", "XYZ"); got != "دولة غير معروفة «XYZ»" {
		t.Errorf("Message: %q", got)
	}
	if got, _ := Message(csto.Arabic, "%q is not a date csto reads (%s): write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-09-13), or a period as YYYY-MM/YYYY-MM", "2022-13", "month 13 out of range"); strings.Contains(got, "EXTRA") || strings.Contains(got, "month") || !strings.HasPrefix(got, "«2022-13»") {
		t.Errorf("a date's message: %q", got)
	}
	if _, ok := Message(csto.Russian, "no such format %d", 1); ok {
		t.Error("a format the catalogue lacks is said")
	}
}

// TestSubjectInRefusals: a decision's subject in an Arabic or Russian
// refusal is said in that language, with the state's code; English keeps
// the subject's own wording.
func TestSubjectInRefusals(t *testing.T) {
	const f = "decision %s decided %s, not %s"
	op := &csto.Subject{Act: csto.SubjectOperation, Host: "KAZ"}
	admit := &csto.Subject{Act: csto.SubjectAdmit, State: "SRB"}
	for _, tt := range []struct {
		lang csto.Lang
		want string
	}{
		{csto.English, "decision dec-1 decided establish operation in KAZ, not admit SRB"},
		{csto.Arabic, "القرار dec-1 قرّر إنشاء عملية في KAZ، لا قبول SRB عضواً"},
		{csto.Russian, "решение dec-1 решило учредить операцию в KAZ, а не принять SRB в члены"},
	} {
		got, ok := Message(tt.lang, f, "dec-1", op, admit)
		if !ok || got != tt.want {
			t.Errorf("%s: %q (%v), want %q", tt.lang, got, ok, tt.want)
		}
	}
	for act := range subjects {
		if !slices.Contains(csto.SubjectActs, act) {
			t.Errorf("subjects says %q, which is not one of csto.SubjectActs", act)
		}
	}
	for _, act := range csto.SubjectActs {
		if _, ok := subjects[act]; !ok {
			t.Errorf("subjects has no words for %q", act)
		}
	}
}

// TestStandingAndPhraseInRefusals: a state's standing and csto's own words
// in a refusal are said in the reader's language; only the state's code
// and the date stay as they are.
func TestStandingAndPhraseInRefusals(t *testing.T) {
	const f = "only a member state may request %s; %s is %s"
	since, err := edtf.Parse("2012-12-19")
	if err != nil {
		t.Fatal(err)
	}
	what := csto.Phrase{EN: "assistance", AR: "المساعدة", RU: "помощи"}
	for _, tt := range []struct {
		lang csto.Lang
		st   csto.Standing
		want string
	}{
		{csto.English, csto.Standing{Status: csto.Suspended, Since: since}, "only a member state may request assistance; UZB is suspended since 2012-12-19"},
		{csto.English, csto.Standing{}, "only a member state may request assistance; UZB is not a member"},
		{csto.Arabic, csto.Standing{Status: csto.Suspended, Since: since}, "لا يطلب المساعدة إلا دولة عضو؛ ووضع UZB هو عضوية معلّقة منذ 2012-12-19"},
		{csto.Russian, csto.Standing{Status: csto.Suspended, Since: since}, "просить о помощи может только государство-член; статус UZB — членство приостановлено с 2012-12-19"},
		{csto.Russian, csto.Standing{}, "просить о помощи может только государство-член; статус UZB — не член"},
	} {
		got, ok := Message(tt.lang, f, what, "UZB", tt.st)
		if !ok || got != tt.want {
			t.Errorf("%s: %q (%v), want %q", tt.lang, got, ok, tt.want)
		}
	}
	for _, s := range []csto.Status{csto.Signatory, csto.Member, csto.Suspended, csto.ParticipationFrozen, csto.Observer, csto.Partner, csto.Former} {
		for _, lang := range []csto.Lang{csto.Arabic, csto.Russian} {
			if got := standingIn(lang, csto.Standing{Status: s, Since: since}); strings.ContainsAny(got, "abcdefghijklmnopqrstuvwxyz") {
				t.Errorf("%s standing %q in %s: %q has Latin letters", s, s, lang, got)
			}
		}
	}
}
