package dataset_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/i18n/latin"
)

// TestNoLatinInArabicOrRussianText: every Arabic and Russian text of the
// default history as the record reads it after its corrections — event
// texts, why-preferred notes, claim notes, corrections' reasons, names and
// titles in payloads — has no Latin word that is not a code (i18n/latin:
// ISO alpha-3, EDTF, the record's identifiers, the reviewed list). A
// writer's English left in a translation ("Taliban، Islamic State") fails
// here before any view shows it. And one Arabic spelling of Nikolai
// Bordyuzha (نيكولاي بورديوجا), whose name the history wrote three ways.
func TestNoLatinInArabicOrRussianText(t *testing.T) {
	m := loaded(t).Model()
	check, err := latin.ForRecord(m)
	if err != nil {
		t.Fatal(err)
	}
	cmds, err := dataset.Commands()
	if err != nil {
		t.Fatal(err)
	}
	texts := 0
	for _, c := range cmds {
		if c.Type == csto.CmdSourceAdd { // a source's title and notes are in the source's language
			continue
		}
		eff, ok, err := m.Effective(t.Context(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			t.Fatalf("%s is not in the record", c.ID)
		}
		b, _ := json.Marshal(eff)
		var v any
		json.Unmarshal(b, &v)
		walkTexts(v, "", func(path, lang, s string) {
			texts++
			if bad := check.Words(s); len(bad) > 0 {
				t.Errorf("%s %s (%s): Latin %q in %q", c.ID, path, lang, bad, s)
			}
			if lang == "ar" && (strings.Contains(s, "بورديوزا") || strings.Contains(s, "نيقولاي بورديوجا")) {
				t.Errorf("%s %s: Bordyuzha spelled otherwise than نيكولاي بورديوجا: %q", c.ID, path, s)
			}
		})
	}
	if texts < 1000 {
		t.Errorf("only %d Arabic and Russian texts checked", texts)
	}
}

// walkTexts calls f with every string held under a key "ar" or "ru".
func walkTexts(v any, path string, f func(path, lang, s string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && (k == "ar" || k == "ru") {
				f(path, k, s)
				continue
			}
			walkTexts(x, path+"/"+k, f)
		}
	case []any:
		for _, x := range v {
			walkTexts(x, path, f)
		}
	}
}
