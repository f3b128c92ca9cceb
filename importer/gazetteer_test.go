package importer

import (
	"slices"
	"testing"
)

func TestGazetteer(t *testing.T) {
	for _, tt := range []struct {
		name, in     string
		states, orgs []string
	}{
		{"ArabicPlain", "روسيا", []string{"RUS"}, nil},
		{"ArabicConjunction", "وأرمينيا", []string{"ARM"}, nil},
		{"ArabicPreposition", "بكازاخستان", []string{"KAZ"}, nil},
		{"ArabicConjunctionPreposition", "ولروسيا", []string{"RUS"}, nil},
		{"ArabicAlternativeSpellings", "كزاخستان وقرغيزيا وقيرغيزستان وكازاخستان", []string{"KAZ", "KGZ"}, nil},
		{"ArabicLongestNameWins", "روسيا البيضاء", []string{"BLR"}, nil},
		{"ArabicLongestNameWithClitic", "لروسيا البيضاء مع روسيا", []string{"BLR", "RUS"}, nil},
		{"ArabicBelarusSpellings", "بيلاروسيا وروسيا البيضاء", []string{"BLR"}, nil},
		{"ArabicArticleName", "الصين", []string{"CHN"}, nil},
		{"ArabicArticleWithConjunction", "والصين", []string{"CHN"}, nil},
		{"ArabicArticleWithPreposition", "بالصين", []string{"CHN"}, nil},
		{"ArabicArticleLil", "للهند", []string{"IND"}, nil},
		{"ArabicArticleNameNeedsArticle", "هند", nil, nil}, // a given name, not India
		{"ArabicMultiWordWithArticle", "بالولايات المتحدة", []string{"USA"}, nil},
		{"ArabicNisbaMasculine", "الرئيس الكازاخستاني", []string{"KAZ"}, nil},
		{"ArabicNisbaFeminine", "العاصمة الروسية", []string{"RUS"}, nil},
		{"ArabicNisbaPlural", "الأرمينيين", []string{"ARM"}, nil},
		{"ArabicNisbaOfArticleName", "الشركات الصينية", []string{"CHN"}, nil},
		{"ArabicDemonymSpelled", "البرلمان الأوزبكي", []string{"UZB"}, nil},
		{"ArabicDemonymSpelledFeminine", "الحدود الطاجيكية الأفغانية", []string{"TJK", "AFG"}, nil},
		{"ArabicDiacriticsAndTatweel", "رُوسْيـــا", []string{"RUS"}, nil},
		{"ArabicAlefForms", "اوزبكستان وإيران وايران", []string{"UZB", "IRN"}, nil},
		{"ArabicOrgFullName", "بمنظمة معاهدة الأمن الجماعي", nil, []string{"csto"}},
		{"ArabicOrgShortName", "منظمة الأمن الجماعي", nil, []string{"csto"}},
		{"ArabicTreatyIsNotTheOrg", "معاهدة الأمن الجماعي", nil, nil},
		{"ArabicOrgPrefixOfLongerPhrase", "بمنظمة شنغهاي للتعاون الأمني", nil, []string{"sco"}},
		{"ArabicOrgNato", "حلف شمال الأطلسي \"ناتو\" وحلف الناتو", nil, []string{"nato"}},
		{"ArabicOrgLilUmam", "الجمعية العامة للأمم المتحدة", nil, []string{"un"}},
		{"ArabicOrgInQuotes", "منظمة \"غوام\"", nil, []string{"guam"}},
		{"ArabicPresentationForms", "ﺭﻭﺳﻴﺎ", []string{"RUS"}, nil},
		{"EnglishCaseInsensitive", "RUSSIA and belarus", []string{"RUS", "BLR"}, nil},
		{"EnglishPossessive", "Russia's proposal", []string{"RUS"}, nil},
		{"EnglishMultiWord", "the Collective Security Treaty Organization", nil, []string{"csto"}},
		{"EnglishAbbreviation", "the CSTO and the SCO", nil, []string{"csto", "sco"}},
		{"RussianNominative", "Россия", []string{"RUS"}, nil},
		{"RussianCases", "России, Россией, Казахстане, Армению", []string{"RUS", "KAZ", "ARM"}, nil},
		{"RussianAbbreviation", "саммит ОДКБ", nil, []string{"csto"}},
		{"RussianMultiWordInflected", "Организации Договора о коллективной безопасности", nil, []string{"csto"}},
		{"NoEntity", "التعاون العسكري والحفاظ على الأمن", nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			states, orgs := testGazetteer.Entities(tt.in)
			if !slices.Equal(states, orEmpty(tt.states)) || !slices.Equal(orgs, orEmpty(tt.orgs)) {
				t.Errorf("Entities(%q) = %v %v, want %v %v", tt.in, states, orgs, tt.states, tt.orgs)
			}
		})
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestGazetteerNilAndEmpty(t *testing.T) {
	var g *Gazetteer
	if s, o := g.Entities("روسيا"); len(s)+len(o) != 0 {
		t.Errorf("nil gazetteer found %v %v", s, o)
	}
	if s, o := NewGazetteer(nil).Entities("روسيا"); len(s)+len(o) != 0 {
		t.Errorf("empty gazetteer found %v %v", s, o)
	}
	g = NewGazetteer([]Entry{{Code: "X", Kind: "state", Names: []string{"", "  ", "ـ"}}})
	if s, o := g.Entities("x ـ"); len(s)+len(o) != 0 {
		t.Errorf("blank names matched: %v %v", s, o)
	}
}

// TestGazetteerSharedSpelling: a spelling two entries share goes to the first.
func TestGazetteerSharedSpelling(t *testing.T) {
	g := NewGazetteer([]Entry{
		{Code: "GEO", Kind: "state", Names: []string{"Georgia"}},
		{Code: "USA-GA", Kind: "state", Names: []string{"Georgia", "State of Georgia"}},
	})
	if s, _ := g.Entities("Georgia"); !slices.Equal(s, []string{"GEO"}) {
		t.Errorf("Georgia = %v, want GEO", s)
	}
	if s, _ := g.Entities("the State of Georgia"); !slices.Equal(s, []string{"USA-GA"}) {
		t.Errorf("State of Georgia = %v, want USA-GA", s)
	}
}

func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"أإآٱا", "ااااا"},
		{"مستشفى", "مستشفي"},
		{"منظمة", "منظمه"},
		{"وقّعت", "وقعت"},
		{"مـــايو", "مايو"},
		{"١٩٩٢ ۱۹۹۲", "1992 1992"},
		{"Russia ОДКБ Ёлка", "russia одкб елка"},
		{"ﻻ", "لا"},
		{"کابل", "كابل"},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(Fold(tt.in)); got != Fold(tt.in) {
			t.Errorf("Fold is not idempotent on %q", tt.in)
		}
	}
	if got := ASCIIDigits("عام ١٩٩٣ و۲۰۰۰"); got != "عام 1993 و2000" {
		t.Errorf("ASCIIDigits = %q", got)
	}
	if s := "no digits"; ASCIIDigits(s) != s {
		t.Error("ASCIIDigits changed a string without digits")
	}
}
