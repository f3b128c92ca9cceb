package importer

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/csto/csto/edtf"
)

func dateOf(d Draft) string {
	if d.Date == nil {
		return ""
	}
	return *d.Date
}

func TestParseBullets(t *testing.T) {
	for _, tt := range []struct{ name, line string }{
		{"Tatweel", "ـ 15 مايو/أيار 1992: وقعت روسيا"},
		{"TatweelRun", "ـــ 15 مايو/أيار 1992: وقعت روسيا"},
		{"EnDash", "– 15 مايو/أيار 1992: وقعت روسيا"},
		{"EmDash", "— 15 مايو/أيار 1992 — وقعت روسيا"},
		{"Hyphen", "- 15 مايو/أيار 1992: وقعت روسيا"},
		{"Bullet", "• 15 مايو/أيار 1992: وقعت روسيا"},
		{"Asterisk", "* 15 مايو/أيار 1992: وقعت روسيا"},
		{"None", "15 مايو/أيار 1992: وقعت روسيا"},
		{"Indented", "   ـ 15 مايو/أيار 1992 :   وقعت روسيا"},
		{"NoColon", "ـ 15 مايو/أيار 1992 وقعت روسيا"},
		{"ArabicComma", "ـ 15 مايو/أيار 1992، وقعت روسيا"},
		{"PrepositionFirst", "ـ في 15 مايو/أيار 1992 وقعت روسيا"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds := Parse(tt.line, testGazetteer, Options{})
			if len(ds) != 1 {
				t.Fatalf("%d drafts", len(ds))
			}
			d := ds[0]
			if dateOf(d) != "1992-05-15" || d.Text != "وقعت روسيا" || d.Raw != tt.line || d.Line != 1 {
				t.Errorf("got date %q text %q raw %q line %d", dateOf(d), d.Text, d.Raw, d.Line)
			}
		})
	}
}

// TestParseHeaders: year and month header lines give no draft; they
// complete the dates under them, and undated lines under them take their
// date.
func TestParseHeaders(t *testing.T) {
	text := strings.Join([]string{
		"عام 1992", // 1: year header
		"ـ 15 مايو/أيار: وقعت روسيا", // 2: day and month, year from the header
		"ـ وقعت أرمينيا أيضا",        // 3: undated: the header's year
		"",                           // 4
		"## 1994",                    // 5: year header (Markdown)
		"أبريل/نيسان",                // 6: month header
		"- 20: دخلت المعاهدة حيز التنفيذ", // 7: a day alone
		"- 2 كانون الأول 2004: قرار",      // 8: complete date, headers not used
		"- بيان",                         // 9: undated: April 1994
		"**2008**",                       // 10: year header
		"- July 5: exercises in Armenia", // 11: English month-first without a year
		"- في الفترة 2009-2010: مناورات", // 12
	}, "\n")
	want := []struct {
		line       int
		date, note string
	}{
		{2, "1992-05-15", "year from header: 1992"},
		{3, "1992", "date from the header of line 1"},
		{7, "1994-04-20", "day under the month header of line 6"},
		{8, "2004-12-02", ""},
		{9, "1994-04", "date from the header of line 6"},
		{11, "2008-07-05", "year from header: 2008"},
		{12, "2009/2010", ""},
	}
	ds := Parse(text, testGazetteer, Options{})
	if len(ds) != len(want) {
		for _, d := range ds {
			t.Logf("%d %q %q", d.Line, dateOf(d), d.Notes)
		}
		t.Fatalf("%d drafts, want %d (headers give none)", len(ds), len(want))
	}
	for i, w := range want {
		d := ds[i]
		if d.Line != w.line || dateOf(d) != w.date || (w.note != "" && !slices.Contains(d.Notes, w.note)) {
			t.Errorf("draft %d: line %d date %q notes %q; want line %d date %q note %q", i, d.Line, dateOf(d), d.Notes, w.line, w.date, w.note)
		}
	}
}

func TestParseUndatedLinesKept(t *testing.T) {
	ds := Parse("انسحاب 3 دول\n\nـ رفضت أذربيجان وجورجيا التوقيع\n   \n", testGazetteer, Options{})
	if len(ds) != 2 || ds[0].Line != 1 || ds[1].Line != 3 {
		t.Fatalf("got %d drafts %+v", len(ds), ds)
	}
	for _, d := range ds {
		if d.Date != nil || d.Command != "" {
			t.Errorf("line %d: date %v command %q, want undated without command", d.Line, d.Date, d.Command)
		}
	}
	if ds[1].Text != "رفضت أذربيجان وجورجيا التوقيع" || !slices.Equal(ds[1].States, []string{"AZE", "GEO"}) {
		t.Errorf("line 3: %q %v", ds[1].Text, ds[1].States)
	}
}

// TestParseTwoDates: a line with two dates gives one draft dated by the
// first, the others kept as notes.
func TestParseTwoDates(t *testing.T) {
	ds := Parse("ـ خلال أحداث خريف عام 1996 وصيف 1998 تم تطبيق بنود المعاهدة", nil, Options{})
	d := ds[0]
	if dateOf(d) != "1996-23" || !slices.Contains(d.Notes, "also dated: 1998-22 «وصيف 1998»") {
		t.Errorf("date %q notes %q", dateOf(d), d.Notes)
	}
	if d.Text != "خلال أحداث خريف عام 1996 وصيف 1998 تم تطبيق بنود المعاهدة" {
		t.Errorf("text %q: a date inside the line stays in the text", d.Text)
	}
}

func TestParseRelative(t *testing.T) {
	text := "أرسلت موسكو اليوم الخميس السادس من يناير/كانون الثاني 2022 قوات\nوأمس الأربعاء، طلب توكاييف المساعدة"
	t.Run("ArticleDateFromToday", func(t *testing.T) {
		ds := Parse(text, testGazetteer, Options{})
		if dateOf(ds[0]) != "2022-01-06" || dateOf(ds[1]) != "2022-01-05" {
			t.Fatalf("dates %q %q", dateOf(ds[0]), dateOf(ds[1]))
		}
		if !slices.Contains(ds[1].Notes, "article date 2022-01-06 taken from line 1") {
			t.Errorf("notes %q", ds[1].Notes)
		}
	})
	t.Run("PublishedWins", func(t *testing.T) {
		ds := Parse(text, testGazetteer, Options{Published: edtf.MustParse("2022-01-10")})
		if dateOf(ds[1]) != "2022-01-09" {
			t.Errorf("yesterday against 2022-01-10 = %q", dateOf(ds[1]))
		}
		if !slices.ContainsFunc(ds[1].Notes, func(n string) bool { return strings.HasPrefix(n, "weekday mismatch") }) {
			t.Errorf("no weekday mismatch note (2022-01-09 is a Sunday, the text says Wednesday): %q", ds[1].Notes)
		}
	})
	t.Run("Unresolved", func(t *testing.T) {
		ds := Parse("وأمس الأربعاء، طلب توكاييف المساعدة", testGazetteer, Options{})
		if ds[0].Date != nil || !slices.Contains(ds[0].Notes, "no date for «وأمس الأربعاء»: relative date without the article's date") {
			t.Errorf("date %v notes %q", ds[0].Date, ds[0].Notes)
		}
	})
}

func TestParseNotes(t *testing.T) {
	for _, tt := range []struct{ name, line, date, note string }{
		{"RangeKept", "ـ 19 و20 ديسمبر 2019: قمة", "2019-12-19", "range kept: 2019-12-19/2019-12-20"},
		{"Hijri", "ـ 15 رمضان 1443 هـ: بيان", "2022-04-17~", "hijri converted (tabular calendar, ±1–2 days): 15 Ramadan 1443 AH"},
		{"EarlyMidLate", "ـ مطلع عام 2008: بيان", "2008-01~/2008-04~", "early 2008 read as the sub-range 2008-01~/2008-04~"},
		{"InvalidDay", "ـ 31 أبريل 1994: بيان", "1994-04", "no date for «31 أبريل 1994»: not a calendar date"},
		{"NoYear", "ـ 15 مايو: بيان", "", "no date for «15 مايو»: no year"},
		{"Numeric", "ـ 15/5/1992: بيان", "1992-05-15", "numeric date read day first"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := Parse(tt.line, nil, Options{})[0]
			if dateOf(d) != tt.date || !slices.Contains(d.Notes, tt.note) {
				t.Errorf("date %q notes %q; want %q with %q", dateOf(d), d.Notes, tt.date, tt.note)
			}
		})
	}
}

// TestParseAnaphor: "المنظمة" is the subject organization, except as an
// adjective after a definite noun.
func TestParseAnaphor(t *testing.T) {
	text := "أعلنت منظمة معاهدة الأمن الجماعي ومنظمة معاهدة الأمن الجماعي وحلف الناتو\nـ عام 2010: قمة المنظمة\nـ عام 2011: محاربة الجريمة المنظمة\nـ عام 2012: اجتماع للمنظمة"
	ds := Parse(text, testGazetteer, Options{})
	for i, want := range [][]string{{"csto", "nato"}, {"csto"}, {}, {"csto"}} {
		if !slices.Equal(ds[i].Orgs, want) {
			t.Errorf("line %d: orgs %v, want %v", ds[i].Line, ds[i].Orgs, want)
		}
	}
	ds = Parse(text, testGazetteer, Options{Subject: "nato"})
	if !slices.Equal(ds[1].Orgs, []string{"nato"}) {
		t.Errorf("Subject nato: orgs %v", ds[1].Orgs)
	}
	if ds := Parse("ـ عام 2010: قمة المنظمة", testGazetteer, Options{}); len(ds[0].Orgs) != 0 {
		t.Errorf("no organization named: orgs %v", ds[0].Orgs)
	}
}

// TestParseJSON checks the output shape of the issue.
func TestParseJSON(t *testing.T) {
	ds := Parse("ـ 15 مايو/أيار 1992: وقّعت روسيا وأرمينيا على معاهدة الأمن الجماعي\r\nبيان", testGazetteer, Options{})
	b, err := json.Marshal(Result{Drafts: ds})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"drafts":[` +
		`{"line":1,"date":"1992-05-15","text":"وقّعت روسيا وأرمينيا على معاهدة الأمن الجماعي","raw":"ـ 15 مايو/أيار 1992: وقّعت روسيا وأرمينيا على معاهدة الأمن الجماعي","states":["RUS","ARM"],"orgs":[],"kind":"signature","command":"party.sign","confidence":0.9},` +
		`{"line":2,"date":null,"text":"بيان","raw":"بيان","states":[],"orgs":[],"kind":"event","confidence":0.25}]}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
}

func TestParseEdgeInputs(t *testing.T) {
	for _, in := range []string{"", "\n\n", "ـ", "- : -", "عام", "من", "1992-", "الأول من", "كانون", "ربيع", "بين 3 و 5 آلاف", strings.Repeat("ـ", 1000), "\xff\xfe مايو 1992"} {
		for _, d := range Parse(in, testGazetteer, Options{}) {
			if d.Date != nil {
				if _, err := edtf.Parse(*d.Date); err != nil {
					t.Errorf("Parse(%q): date %q: %v", in, *d.Date, err)
				}
			}
		}
	}
	if ds := Parse("", nil, Options{}); ds == nil || len(ds) != 0 {
		t.Errorf("Parse(\"\") = %#v, want an empty slice", ds)
	}
}
