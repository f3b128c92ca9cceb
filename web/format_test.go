package web

import (
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

func TestFormatDate(t *testing.T) {
	for _, tc := range []struct {
		name, in   string
		ar, en, ru string
	}{
		{"Day", "1992-05-15", "15 مايو/أيار 1992", "15 May 1992", "15 мая 1992 г."},
		{"DayJanuary", "2022-01-06", "6 يناير/كانون الثاني 2022", "6 January 2022", "6 января 2022 г."},
		{"DayDecember", "2002-12-01", "1 ديسمبر/كانون الأول 2002", "1 December 2002", "1 декабря 2002 г."},
		{"Month", "2007-05", "مايو/أيار 2007", "May 2007", "май 2007 г."},
		{"MonthOctober", "2018-10", "أكتوبر/تشرين الأول 2018", "October 2018", "октябрь 2018 г."},
		{"Year", "1993", "1993", "1993", "1993 г."},
		{"SeasonAutumn", "1996-23", "خريف 1996", "autumn 1996", "осень 1996 г."},
		{"SeasonSummer", "1998-22", "صيف 1998", "summer 1998", "лето 1998 г."},
		{"SeasonWinter", "2001-24", "شتاء 2001", "winter 2001", "зима 2001 г."},
		{"SeasonSpring", "2001-21", "ربيع 2001", "spring 2001", "весна 2001 г."},
		{"Uncertain", "2022-01-19?", "19 يناير/كانون الثاني 2022 (غير مؤكد)", "19 January 2022 (uncertain)", "19 января 2022 г. (не точно)"},
		{"Approximate", "2021-01-01~", "1 يناير/كانون الثاني 2021 (تقريبي)", "1 January 2021 (approximate)", "1 января 2021 г. (приблизительно)"},
		{"UncertainAndApproximate", "1997%", "1997 (غير مؤكد وتقريبي)", "1997 (uncertain, approximate)", "1997 г. (не точно, приблизительно)"},
		{"UnspecifiedDecade", "199X", "1990–1999", "1990–1999", "1990–1999 гг."},
		{"UnspecifiedMonth", "2004-XX", "2004", "2004", "2004 г."},
		{"UnspecifiedDay", "2004-06-XX", "يونيو/حزيران 2004", "June 2004", "июнь 2004 г."},
		{"DateTime", "2022-01-06T10:30:00Z", "6 يناير/كانون الثاني 2022 10:30", "6 January 2022 10:30", "6 января 2022 г. 10:30"},
		{"IntervalYears", "1999/2000", "1999–2000", "1999–2000", "1999–2000 гг."},
		{"IntervalSameMonth", "2004-08-02/2004-08-06", "2–6 أغسطس/آب 2004", "2–6 August 2004", "2–6 августа 2004 г."},
		{"IntervalSameYear", "2021-04-28/2021-05-01", "28 أبريل/نيسان – 1 مايو/أيار 2021", "28 April – 1 May 2021", "28 апреля – 1 мая 2021 г."},
		{"IntervalMixed", "2008-07-22/2008-08", "22 يوليو/تموز 2008 – أغسطس/آب 2008", "22 July 2008 – August 2008", "22 июля 2008 г. – август 2008 г."},
		{"IntervalQualified", "2004-06~/2004-08?", "يونيو/حزيران 2004 (تقريبي) – أغسطس/آب 2004 (غير مؤكد)", "June 2004 (approximate) – August 2004 (uncertain)", "июнь 2004 г. (приблизительно) – август 2004 г. (не точно)"},
		{"OpenEnd", "2024-02-22/..", "منذ 22 فبراير/شباط 2024", "since 22 February 2024", "с 22 февраля 2024 г."},
		{"OpenStart", "../2000", "حتى 2000", "until 2000", "до 2000 г."},
		{"UnknownEnd", "1999/", "1999 – غير معروف", "1999 – unknown", "1999 г. – неизвестно"},
		{"UnknownStart", "/2000-03", "غير معروف – مارس/آذار 2000", "unknown – March 2000", "неизвестно – март 2000 г."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := edtf.MustParse(tc.in)
			for _, w := range []struct {
				lang csto.Lang
				want string
			}{{csto.Arabic, tc.ar}, {csto.English, tc.en}, {csto.Russian, tc.ru}} {
				if got := FormatDate(w.lang, d); got != w.want {
					t.Errorf("FormatDate(%s, %s) = %q, want %q", w.lang, tc.in, got, w.want)
				}
			}
		})
	}
	if got := FormatDate(csto.English, edtf.Date{}); got != "" {
		t.Errorf("zero date = %q, want empty", got)
	}
	if got := formatDateString(csto.English, "not a date"); got != "not a date" {
		t.Errorf("non-EDTF text = %q, want it unchanged", got)
	}
}

func TestMonthNamesHaveBothArabicNames(t *testing.T) {
	levantine := []string{"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"}
	for m := 1; m <= 12; m++ {
		got := MonthName(csto.Arabic, m)
		if want := "/" + levantine[m-1]; len(got) < len(want) || got[len(got)-len(want):] != want {
			t.Errorf("month %d = %q, want the Levantine name %q after a slash", m, got, levantine[m-1])
		}
	}
}
