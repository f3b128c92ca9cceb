package csto_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/csto/csto"
)

func TestCheckText(t *testing.T) {
	for _, ok := range []string{
		"Collective Security Treaty Organization",
		"منظمة معاهدة الأمن الجماعي",
		"قمة \u200fOДКБ\u200f في 2022",   // right-to-left marks around a Latin name
		"می\u200cخواهم",                  // ZWNJ, as Persian and Arabic-script text joins
		"Организация\tДоговора\r\nстрок", // tab and line breaks of a textarea
		"\u061c١٢٣", // Arabic letter mark
	} {
		if err := csto.CheckText("text.ar", ok); err != nil {
			t.Errorf("CheckText(%q) = %v; want nil", ok, err)
		}
	}
	for _, bad := range []string{
		"KAZ\u202e2024", "\u202aLRE", "\u202bRLE", "\u202cPDF", "\u202dLRO",
		"\u2066LRI", "\u2067RLI", "\u2068FSI", "\u2069PDI",
		"zero\u200bwidth", "word\u2060joiner", "\ufeffBOM", "bell\a", "nul\x00", "esc\x1b[31m", "del\x7f", "c1\u0085",
		"line\u2028sep", "tag\U000E0041", "ann\ufff9",
	} {
		err := csto.CheckText("text.en", bad)
		var ce *csto.Error
		if !errors.As(err, &ce) || ce.Kind != csto.Invalid || ce.Field != "text.en" {
			t.Errorf("CheckText(%q) = %v; want an invalid error on text.en", bad, err)
		}
	}
}

func TestCheckInputNamesTheField(t *testing.T) {
	for _, tc := range []struct{ json, field string }{
		{`{"id":"x","type":"event.record","date":"2022","text":{"ar":"a","en":"b\u202e","ru":"c"},"data":{"kind":"x"}}`, "text.en"},
		{`{"id":"x","type":"event.record","date":"2022","sources":["s","t\u2066"],"data":{"kind":"x"}}`, "sources[1]"},
		{`{"id":"x","type":"state.add","data":{"code":"ARM","name":{"ar":"a","en":"b","ru":"Арм\u200bения"}}}`, "data.name.ru"},
		{`{"id":"x","type":"event.record","date":"2022","claims":[{"field":"date","value":"20\u202e21","sources":["s"],"note":{"en":"n"}}],"data":{"kind":"x"}}`, "claims[0].value"},
		{`{"id":"x","type":"event.record","date":"2022","claims":[{"field":"date","value":"2021","sources":["s"],"note":{"en":"n\u0007"}}],"data":{"kind":"x"}}`, "claims[0].note.en"},
		{`{"id":"x","type":"event.record","date":"2022","data":{"kind":"x","tags":["a","b\u2069"]}}`, "data.tags[1]"},
	} {
		var c csto.Command
		if err := json.Unmarshal([]byte(tc.json), &c); err != nil {
			t.Fatal(err)
		}
		err := csto.CheckInput(&c)
		var ce *csto.Error
		if !errors.As(err, &ce) || ce.Field != tc.field {
			t.Errorf("CheckInput(%s) = %v; want an error on %q", tc.json, err, tc.field)
		}
	}
}
