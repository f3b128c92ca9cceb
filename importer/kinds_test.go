package importer

import "testing"

// kindTests give a line's text (dated by the test) and the kind and
// command its draft must have. command "" means "event.record".
var kindTests = []struct {
	name, text, kind, command string
}{
	{"ArabicSignatureShadda", "وقّعت روسيا وأرمينيا على المعاهدة", KindSignature, "party.sign"},
	{"ArabicSignatureWithAla", "وقعت أذربيجان على المعاهدة", KindSignature, "party.sign"},
	{"ArabicSignatureVerbalNoun", "التوقيع على ميثاق منظمة معاهدة الأمن الجماعي من قبل روسيا", KindSignature, "party.sign"},
	{"ArabicWaqaaAloneIsNotSignature", "وقع انفجار في العاصمة", KindEvent, ""},
	{"ArabicSignatureRefusedIsNot", "رفضت أذربيجان التوقيع على المعاهدة", KindEvent, ""},
	{"ArabicAccession", "انضمت أوزبكستان إلى منظمة معاهدة الأمن الجماعي", KindAccession, "membership.join"},
	{"ArabicAccessionHypotheticalIsNot", "في حال لو انضمت إيران إلى منظمة معاهدة الأمن الجماعي", KindEvent, ""},
	{"ArabicWithdrawal", "انسحبت أوزبكستان من منظمة غوام", KindWithdrawal, "membership.withdraw"},
	{"ArabicWithdrawalVerbalNoun", "إعلان انسحاب جورجيا من كومنولث الدول المستقلة", KindWithdrawal, "membership.withdraw"},
	{"ArabicSuspension", "علقت أوزبكستان عضويتها في منظمة معاهدة الأمن الجماعي", KindSuspension, "membership.suspend"},
	{"ArabicSuspensionVerbalNoun", "تعليق عضوية أوزبكستان في منظمة معاهدة الأمن الجماعي", KindSuspension, "membership.suspend"},
	{"ArabicAllaqaWithoutMembershipIsNot", "علق الرئيس على الأحداث", KindEvent, ""},
	{"ArabicSummit", "انعقدت قمة منظمة معاهدة الأمن الجماعي في موسكو", KindSummit, "session.hold"},
	{"ArabicSummitWithoutOrg", "انعقدت القمة في موسكو", KindSummit, ""},
	{"ArabicExerciseManoeuvres", "جرت مناورات منظمة معاهدة الأمن الجماعي في أرمينيا", KindExercise, "exercise.hold"},
	{"ArabicExerciseTrainings", "تدريبات مشتركة لقوات منظمة معاهدة الأمن الجماعي", KindExercise, "exercise.hold"},
	{"ArabicDeployment", "أرسلت روسيا قوات إلى كازاخستان ضمن منظمة معاهدة الأمن الجماعي", KindDeployment, "operation.contingent"},
	{"ArabicSendingLetterIsNotDeployment", "أرسلت روسيا رسالة إلى كازاخستان", KindEvent, ""},
	{"ArabicRequest", "طلب رئيس كازاخستان المساعدة من منظمة معاهدة الأمن الجماعي", KindRequest, "request.file"},
	{"ArabicRequestAppeal", "ناشدت طاجيكستان منظمة معاهدة الأمن الجماعي للمساعدة", KindRequest, "request.file"},
	{"ArabicRatification", "صدق البرلمان الأوزبكي على الانضمام", KindRatification, "party.ratify"},
	{"ArabicRatificationVerbalNoun", "مصادقة برلمان أرمينيا على المعاهدة", KindRatification, "party.ratify"},
	{"ArabicObserver", "تم قبول صربيا كمراقب في منظمة معاهدة الأمن الجماعي", KindObserver, "membership.observer"},
	{"ArabicObserverStatus", "منح أفغانستان صفة مراقب في منظمة معاهدة الأمن الجماعي", KindObserver, "membership.observer"},
	{"ArabicAnalystsAreNotObservers", "وفق مراقبين فإن روسيا تسعى إلى ذلك", KindEvent, ""},
	{"ArabicFirstStrongCueWins", "أقرت قمة منظمة معاهدة الأمن الجماعي إجراء مناورات", KindSummit, "session.hold"},
	{"EnglishSignature", "Russia and Armenia signed the treaty", KindSignature, "party.sign"},
	{"EnglishAccession", "Uzbekistan joined the CSTO", KindAccession, "membership.join"},
	{"EnglishWithdrawal", "Georgia withdrew from the CSTO", KindWithdrawal, "membership.withdraw"},
	{"EnglishSuspension", "Uzbekistan suspended its membership in the CSTO", KindSuspension, "membership.suspend"},
	{"EnglishSummit", "The CSTO summit was held in Moscow", KindSummit, "session.hold"},
	{"EnglishExercise", "CSTO forces held exercises in Armenia", KindExercise, "exercise.hold"},
	{"EnglishDeployment", "Russia sent troops to Kazakhstan under the CSTO", KindDeployment, "operation.contingent"},
	{"EnglishRequest", "Kazakhstan asked the CSTO for assistance", KindRequest, "request.file"},
	{"EnglishRatification", "The parliament of Uzbekistan ratified the protocol", KindRatification, "party.ratify"},
	{"EnglishObserver", "Serbia became an observer to the CSTO", KindObserver, "membership.observer"},
	{"EnglishNegated", "Azerbaijan did not sign the protocol", KindEvent, ""},
	{"EnglishHedged", "Iran could join the CSTO", KindEvent, ""},
	{"RussianSignature", "Россия подписала договор", KindSignature, "party.sign"},
	{"RussianWithdrawal", "Узбекистан вышел из ОДКБ", KindWithdrawal, "membership.withdraw"},
	{"RussianSuspension", "Узбекистан приостановил членство в ОДКБ", KindSuspension, "membership.suspend"},
	{"RussianExercise", "учения ОДКБ в Армении", KindExercise, "exercise.hold"},
	{"RussianRequest", "Казахстан обратился к ОДКБ за помощью", KindRequest, "request.file"},
	{"NoCue", "يقع مقر المنظمة في موسكو", KindEvent, ""},
}

func TestKind(t *testing.T) {
	for _, tt := range kindTests {
		t.Run(tt.name, func(t *testing.T) {
			ds := Parse("- 2008: "+tt.text, testGazetteer, Options{})
			if len(ds) != 1 {
				t.Fatalf("%d drafts", len(ds))
			}
			d := ds[0]
			want := tt.command
			if want == "" {
				want = "event.record"
			}
			if d.Kind != tt.kind || d.Command != want {
				t.Errorf("%q: kind %q command %q (confidence %v), want %q %q", tt.text, d.Kind, d.Command, d.Confidence, tt.kind, want)
			}
			if d.Confidence < 0 || d.Confidence > 1 {
				t.Errorf("confidence %v out of [0, 1]", d.Confidence)
			}
		})
	}
}

// TestConfidence: the date and the participants weigh on confidence, and
// an undated draft proposes no command.
func TestConfidence(t *testing.T) {
	const text = "انسحبت أوزبكستان من منظمة غوام"
	dated := Parse("ـ عام 2005: "+text, testGazetteer, Options{})[0]
	undated := Parse(text, testGazetteer, Options{})[0]
	noOrg := Parse("ـ عام 2005: انسحبت أوزبكستان", testGazetteer, Options{})[0]
	if dated.Confidence != 0.85 || dated.Command != "membership.withdraw" {
		t.Errorf("dated: %v %q", dated.Confidence, dated.Command)
	}
	if undated.Confidence >= dated.Confidence || undated.Command != "" || undated.Kind != KindWithdrawal {
		t.Errorf("undated: %v %q %q", undated.Confidence, undated.Command, undated.Kind)
	}
	if noOrg.Confidence >= dated.Confidence || noOrg.Command != "event.record" || noOrg.Kind != KindWithdrawal {
		t.Errorf("without org: %v %q %q", noOrg.Confidence, noOrg.Command, noOrg.Kind)
	}
}
