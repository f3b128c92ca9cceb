package importer

import (
	"strings"
	"testing"

	"github.com/csto/csto/edtf"
)

// TestParseNewsroomPatterns: the forms of Arabic newsroom timelines that
// testdata/newsroom showed, one case each. Each names the line whose
// draft is checked, its date, and a note the reviewer must see.
func TestParseNewsroomPatterns(t *testing.T) {
	tests := []struct {
		name string
		text string
		line int
		date string
		note string // a substring of one of the draft's notes; "" for none required
		body string // the draft's text, when the date is stripped from it; "" to skip
	}{
		{"DayOnlyUnderMonthHeader", "- يناير/ كانون الثاني 2011\n- 17: حاول رجل إحراق نفسه", 2, "2011-01-17", "month header of line 1", "حاول رجل إحراق نفسه"},
		{"DayOnlyAfterDatedEntry", "- 17 كانون الثاني - يناير 2011: حاول رجل إحراق نفسه\n- 25: بدء تظاهرات", 2, "2011-01-25", "entry of line 1", "بدء تظاهرات"},
		{"MonthOnlyAfterDatedLine", "2 مارس 2012: انتخابات\nوفي أبريل، أعلنت الحكومة خطة", 2, "2012-04", "year from the entry of line 1: 2012", "أعلنت الحكومة خطة"},
		{"MonthOnlyLineWithColon", "يشهد العالم في عام 2018 أحداثا\nديسمبر: تنظم فنزويلا انتخابات", 2, "2018-12", "entry of line 1", "تنظم فنزويلا انتخابات"},
		{"HijriGregorianYearPair", "توفي عام 1331هـ / 1913م في القاهرة", 1, "1913", "hijri date beside it", ""},
		{"HijriGregorianNumericPair", "ولد في 21/8/1402هـ / 13/7/1982م بمكة", 1, "1982-07-13", "the Hijri and Gregorian dates disagree", ""},
		{"HijriGregorianParenthesized", "ولد في الرياض عام 1330 هـ (1910 م)", 1, "1910", "hijri date beside it", ""},
		{"HijriGregorianSpanPair", "محمد بن صالح السحيباني (١٣٢٥ - ١٤٠٠ هـ- ١٩٠٧ - ١٩٨٠ م)", 1, "1907/1980", "hijri date beside it", ""},
		{"HijriYearOfTwoDigits", "* 12 هـ انتصار المسلمين في معركة المذار", 1, "0633-03-21~/0634-03-09~", "hijri converted", ""},
		{"NumericYearMonthDaySpaced", "العدد: 3712 - 2012 / 4 / 29 - مقال", 1, "2012-04-29", "", ""},
		{"NumericWithMonthName", "في الذكرى الأولى للثورة 25/يناير/ 2011 ومجرياتها", 1, "2011-01-25", "", ""},
		{"PairedMonthSlip", "25 ديسمبر/كانون ثاني 2019: قمة", 1, "2019-12-25", "month names disagree", "قمة"},
		{"MaghrebiDashDay", "17- دجنبر 2010: إحراق البوعزيزي نفسه", 1, "2010-12-17", "", "إحراق البوعزيزي نفسه"},
		{"MaghrebiDashDayUnderHeader", "## أبريل 2011\n17- دجنبر 2010: إحراق البوعزيزي نفسه", 2, "2010-12-17", "", ""},
		{"DateAtLineStartNoColon", "14 يناير 2011 هروب بن علي إلى السعودية", 1, "2011-01-14", "", "هروب بن علي إلى السعودية"},
		{"DayOfTheSameMonth", "أبرز أحداث شهر يناير من عام 2020\nوفي الخامس من الشهر، لقي شاب مصرعه", 2, "2020-01-05", "the month of the text: 2020-01", ""},
		{"DayOfThatSameMonth", "شهر يناير من عام 2020\nوفي الـ29 من ذات الشهر، أعلن الرئيس خطته", 2, "2020-01-29", "the month of the text", ""},
		{"ContinuationOfADayEntry", "- يناير/ كانون الثاني 2011\n- 25: بدء تظاهرات\n- في الليل، ألقت قوات الأمن الغاز", 3, "2011-01-25", "the line continues it", ""},
		{"NumberedItemIsNotADay", "أهم أحداث شهر كانون الثاني من العام 2020\n1- في 3 كانون الثاني، اغتيل قاسم سليماني", 2, "2020-01-03", "year from the entry of line 1", ""},
		{"DatelineDoesNotSetTheYear", "كان العام 2011 عامرا بالأحداث\n15 يناير 2012 - 09:30 بتوقيت أبوظبي\nفي 11 فبراير، أعلن تنحي الرئيس", 3, "2011-02-11", "year from the entry of line 1: 2011", ""},
		{"DatelineIsNotAHeader", "15 يناير 2012 - 09:30 بتوقيت أبوظبي", 1, "2012-01-15", "a dateline", ""},
		{"WeekdayFixesHijriConversion", "السبت 09 ربيع الأول 1432: العدد 14016", 1, "2011-02-12", "the weekday named fixes the Hijri conversion", ""},
		{"MonthOfThisYear", "أبرز أحداث شهر يناير/كانون الثاني من العام الجاري", 1, "2020-01", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{}
			if tt.name == "MonthOfThisYear" {
				opt.Published = mustDate(t, "2020-02-01")
			}
			var d *Draft
			ds := Parse(tt.text, nil, opt)
			for i := range ds {
				if ds[i].Line == tt.line {
					d = &ds[i]
				}
			}
			if d == nil {
				t.Fatalf("no draft for line %d: %+v", tt.line, ds)
			}
			if got := dateOf(*d); got != tt.date {
				t.Errorf("date %q, want %q (notes %q)", got, tt.date, d.Notes)
			}
			if tt.note != "" && !strings.Contains(strings.Join(d.Notes, "\n"), tt.note) {
				t.Errorf("notes %q lack %q", d.Notes, tt.note)
			}
			if tt.body != "" && d.Text != tt.body {
				t.Errorf("text %q, want %q", d.Text, tt.body)
			}
		})
	}
}

func mustDate(t *testing.T, s string) edtf.Date {
	t.Helper()
	d, err := edtf.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
