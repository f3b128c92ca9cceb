package i18n

import (
	"testing"

	"github.com/csto/csto"
)

func TestCountAgreement(t *testing.T) {
	for _, tc := range []struct {
		lang csto.Lang
		key  string
		n    int
		want string
	}{
		{csto.Arabic, "troops", 2030, "2030 جنديًا"},
		{csto.Arabic, "troops", 4000, "4000 جندي"},
		{csto.Arabic, "troops", 100, "100 جندي"},
		{csto.Arabic, "troops", 150, "150 جنديًا"},
		{csto.Arabic, "troops", 5, "5 جنود"},
		{csto.Arabic, "troops", 203, "203 جنود"},
		{csto.Arabic, "troops", 1, "جندي واحد"},
		{csto.Arabic, "troops", 2, "جنديان"},
		{csto.Arabic, "vehicles", 250, "250 آليةً"},
		{csto.Russian, "troops", 21, "21 военнослужащий"},
		{csto.Russian, "troops", 11, "11 военнослужащих"},
		{csto.Russian, "vehicles", 3, "3 единицы техники"},
		{csto.Russian, "vehicles", 12, "12 единиц техники"},
		{csto.Russian, "vehicles", 250, "250 единиц техники"},
		{csto.English, "troops", 2030, "2030 troops"},
		{csto.English, "troops", 1, "1 soldier"},
	} {
		if got := Count(tc.lang, tc.key, tc.n); got != tc.want {
			t.Errorf("Count(%s, %s, %d) = %q, want %q", tc.lang, tc.key, tc.n, got, tc.want)
		}
	}
}

func TestCite(t *testing.T) {
	if got := Cite(csto.Arabic, "CST Art. 4"); got != "المادة 4 من معاهدة الأمن الجماعي" {
		t.Errorf("ar: %q", got)
	}
	if got := Cite(csto.Russian, "CST Art. 2"); got != "ст. 2 ДКБ" {
		t.Errorf("ru: %q", got)
	}
	if got := Cite(csto.English, "CST Art. 2"); got != "CST Art. 2" {
		t.Errorf("en: %q", got)
	}
	if got := Cite(csto.Arabic, "something else"); got != "something else" {
		t.Errorf("other: %q", got)
	}
}
