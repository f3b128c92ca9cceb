package csto_test

import (
	"testing"

	"github.com/csto/csto"
)

func TestSourceSpecificity(t *testing.T) {
	for _, tc := range []struct {
		s    csto.SourceAdd
		want csto.Specificity
	}{
		{csto.SourceAdd{URL: "https://tass.ru/"}, csto.HomePage},
		{csto.SourceAdd{URL: "https://www.dw.com"}, csto.HomePage},
		{csto.SourceAdd{URL: "https://pavlodar.com/"}, csto.HomePage},
		{csto.SourceAdd{URL: "https://24.kg/english/"}, csto.HomePage},
		{csto.SourceAdd{URL: "https://en.odkb-csto.org/en/"}, csto.HomePage},
		{csto.SourceAdd{URL: "tass.com/world/1289593"}, csto.HomePage}, // no scheme: not a page a browser opens
		{csto.SourceAdd{URL: "https://tass.com/world/1289593"}, csto.SpecificPage},
		{csto.SourceAdd{URL: "https://timesca.com/?p=26054"}, csto.SpecificPage},
		{csto.SourceAdd{URL: "https://cis-legislation.com/document.fwx?rgn=11816"}, csto.SpecificPage},
		{csto.SourceAdd{}, csto.Placeholder},
		{csto.SourceAdd{URL: "https://tass.ru/", Unverified: "the article number gives no page"}, csto.Unverified},
		{csto.SourceAdd{Unverified: "print only"}, csto.Unverified},
		{csto.SourceAdd{ID: csto.RecordSource}, csto.OwnRecord},
		{csto.SourceAdd{ID: "other-record"}, csto.Placeholder},
	} {
		if got := tc.s.Specificity(); got != tc.want {
			t.Errorf("%+v: %s; want %s", tc.s, got, tc.want)
		}
		if weak := tc.want != csto.SpecificPage && tc.want != csto.OwnRecord; tc.want.Weak() != weak {
			t.Errorf("%s.Weak() = %v", tc.want, !weak)
		}
	}
}
