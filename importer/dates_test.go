package importer

import (
	"testing"

	"github.com/csto/csto/edtf"
)

// published is the date of the source article, for relative words.
var published = edtf.MustParse("2022-01-06")

// dateTests covers every date pattern the importer reads. want "" means
// no date; match is the expression as written ("" = not checked).
var dateTests = []struct {
	name, in, want, match string
}{
	// Day + paired month names, in either order, with any spacing.
	{"ArabicPairedMonthsSlash", "ـ 15 مايو/أيار 1992: وقعت", "1992-05-15", "15 مايو/أيار 1992"},
	{"ArabicPairedMonthsReversed", "15 أيار/مايو 1992", "1992-05-15", ""},
	{"ArabicPairedMonthsSpaced", "15 أيار / مايو 1992", "1992-05-15", ""},
	{"ArabicPairedMonthsNoSeparator", "15 مايو أيار 1992", "1992-05-15", "15 مايو أيار 1992"},
	{"ArabicPairedMonthsDash", "15 مايو - أيار 1992", "1992-05-15", ""},
	{"ArabicPairedLevantineTwoWords", "2 كانون الأول/ديسمبر 2004", "2004-12-02", "2 كانون الأول/ديسمبر 2004"},
	{"ArabicPairedLevantineSecond", "السابع من أكتوبر/تشرين الأول 2002", "2002-10-07", ""},
	{"ArabicPairedParenthesis", "23 سبتمبر (أيلول) 2013", "2013-09-23", "23 سبتمبر (أيلول) 2013"},
	{"ArabicPairedParenthesisReversed", "23 أيلول (سبتمبر) 2013", "2013-09-23", ""},
	{"ArabicPairedTishrinThani", "1 نوفمبر/تشرين الثاني 1995", "1995-11-01", ""},
	{"ArabicPairedKanunThani", "6 يناير/كانون الثاني 2022", "2022-01-06", ""},
	{"ArabicMonthWithDiacritics", "15 مَايُو 1992", "1992-05-15", ""},
	// One name only.
	{"ArabicSingleGregorian", "20 أبريل 1994", "1994-04-20", ""},
	{"ArabicSingleGregorianHamzaless", "20 ابريل 1994", "1994-04-20", ""},
	{"ArabicSingleLevantine", "14 حزيران 2009", "2009-06-14", ""},
	{"ArabicSingleLevantineAb", "14 آب 2014", "2014-08-14", ""},
	{"ArabicSingleLevantineTwoWords", "10 كانون الأول 2010", "2010-12-10", ""},
	{"ArabicMaghrebJanvier", "1 جانفي 2020", "2020-01-01", ""},
	{"ArabicMaghrebFevrier", "4 فيفري 2019", "2019-02-04", ""},
	{"ArabicMaghrebAvril", "9 أفريل 2009", "2009-04-09", ""},
	{"ArabicMaghrebMai", "15 ماي 1992", "1992-05-15", ""},
	{"ArabicMaghrebJuin", "3 جوان 2010", "2010-06-03", ""},
	{"ArabicMaghrebJuillet", "5 جويلية 1962", "1962-07-05", ""},
	{"ArabicMaghrebAout", "20 أوت 1955", "1955-08-20", ""},
	{"ArabicMaghrebMoroccoDecember", "11 دجنبر 2011", "2011-12-11", ""},
	{"ArabicMaghrebMoroccoSeptember", "شتنبر 2016", "2016-09", ""},
	// Ordinal day words.
	{"ArabicOrdinalFirst", "الأول من نوفمبر/تشرين الثاني 1995", "1995-11-01", "الأول من نوفمبر/تشرين الثاني 1995"},
	{"ArabicOrdinalSecond", "الثاني من أبريل/نيسان 1999", "1999-04-02", ""},
	{"ArabicOrdinalTenth", "العاشر من ديسمبر/كانون الأول 2010", "2010-12-10", ""},
	{"ArabicOrdinalEleventh", "الحادي عشر من سبتمبر 2001", "2001-09-11", ""},
	{"ArabicOrdinalTwentySecond", "الثاني والعشرين من مايو 1990", "1990-05-22", ""},
	{"ArabicOrdinalThirtyFirst", "الحادي والثلاثين من ديسمبر 1999", "1999-12-31", ""},
	{"ArabicOrdinalWithMonthWord", "الخامس من شهر مارس 2003", "2003-03-05", ""},
	{"ArabicOrdinalWithWeekday", "اليوم الخميس السادس من يناير/كانون الثاني 2022", "2022-01-06", ""},
	{"ArabicOrdinalNeedsMin", "أرسلت أول كتيبة", "", ""},
	// Year only.
	{"ArabicYearAam", "ـ عام 1993: وقعت", "1993", "عام 1993"},
	{"ArabicYearSana", "سنة 1974", "1974", ""},
	{"ArabicYearWithArticle", "العام 2001", "2001", ""},
	{"ArabicYearWithClitic", "لعام 2001", "2001", ""},
	{"ArabicYearGregorianMark", "عام 1993م", "1993", ""},
	{"ArabicYearBareAtStart", "1993: انضمت", "1993", "1993"},
	{"ArabicYearAfterFi", "في 1993 انضمت", "1993", "1993"},
	{"ArabicYearBareInsideIsNotADate", "مناورات رابيز 2008", "", ""},
	{"ArabicCountIsNotAYear", "بمشاركة أكثر من 1500 جندي", "", ""},
	{"ArabicSecretaryGeneralIsNotAYear", "الأمين العام للمنظمة", "", ""},
	// Seasons.
	{"ArabicSeasonAutumn", "خريف عام 1996", "1996-23", "خريف عام 1996"},
	{"ArabicSeasonSummerWithClitic", "وصيف 1998", "1998-22", "وصيف 1998"},
	{"ArabicSeasonSpring", "ربيع 2003", "2003-21", ""},
	{"ArabicSeasonSpringWithArticle", "في الربيع عام 2003", "2003-21", ""},
	{"ArabicSeasonWinter", "شتاء 2010", "2010-24", ""},
	{"ArabicSeasonWinterAcrossYears", "شتاء 2008-2009", "2008-24", "شتاء 2008-2009"},
	{"ArabicArabSpringIsNotASeason", "ثورات الربيع العربي عام 2011", "2011", "عام 2011"},
	{"ArabicArabSpringAloneIsNotADate", "منذ الربيع العربي", "", ""},
	{"ArabicRabiAlAwwalIsHijriMonth", "ربيع الأول 1445 هـ", "2023-09-16~/2023-10-15~", "ربيع الأول 1445 هـ"},
	{"ArabicRabiAlThaniIsHijriMonth", "12 ربيع الثاني 1440", "2018-12-21~", ""},
	{"ArabicRabiAlAwwalAloneIsNotADate", "في ربيع الأول", "", ""},
	// Ranges.
	{"ArabicRangePeriod", "ـ في الفترة 1999-2000: نتيجة", "1999/2000", "الفترة 1999-2000"},
	{"ArabicRangePeriodFromTo", "في الفترة من 1999 إلى 2000", "1999/2000", ""},
	{"ArabicRangeFromTo", "من مايو 1999 إلى يونيو 2000", "1999-05/2000-06", ""},
	{"ArabicRangeFromUntilLighaya", "من عام 1994 لغاية عام 1999", "1994/1999", ""},
	{"ArabicRangeFromUntilHatta", "من 2001 حتى 2005", "2001/2005", ""},
	{"ArabicRangeFromUntilWaHatta", "من 2001 وحتى 2005", "2001/2005", ""},
	{"ArabicRangeDaysFromTo", "من 15 إلى 20 مايو 1999", "1999-05-15/1999-05-20", "من 15 إلى 20 مايو 1999"},
	{"ArabicRangeMonthsFromTo", "من مايو إلى يوليو 2008", "2008-05/2008-07", ""},
	{"ArabicRangeBetween", "بين عامي 1999 و2000", "1999/2000", ""},
	{"ArabicRangeDash", "1999-2000", "1999/2000", ""},
	{"ArabicRangeDaysDash", "19-20 ديسمبر 2019", "2019-12-19/2019-12-20", ""},
	{"ArabicPairDaysAnd", "19 و20 ديسمبر 2019", "2019-12-19", "19 و20 ديسمبر 2019"},
	{"ArabicPairYearsDual", "عامي 1999 و2000", "1999", ""},
	{"ArabicSince", "منذ عام 2002", "2002/..", ""},
	// Early, mid, late.
	{"ArabicEarlyYear", "مطلع عام 2008", "2008-01~/2008-04~", "مطلع عام 2008"},
	{"ArabicBeginningYear", "بداية 2008", "2008-01~/2008-04~", ""},
	{"ArabicMidYear", "منتصف 2008", "2008-05~/2008-08~", ""},
	{"ArabicLateYear", "أواخر عام 2008", "2008-09~/2008-12~", ""},
	{"ArabicEndYear", "نهاية عام 2008", "2008-09~/2008-12~", ""},
	{"ArabicLateMonth", "أواخر مايو 2008", "2008-05-21~/2008-05-31~", ""},
	{"ArabicMidMonthWithMonthWord", "منتصف شهر فبراير 2008", "2008-02-11~/2008-02-20~", ""},
	{"ArabicLateSeason", "أواخر صيف 2008", "2008-22~", ""},
	{"ArabicEarlyDecade", "بداية التسعينيات", "1990~/1993~", ""},
	{"ArabicLateDecadeLastCentury", "أواخر التسعينيات من القرن الماضي", "1997~/1999~", ""},
	{"ArabicDecade", "في التسعينيات", "199X", ""},
	{"ArabicEndOfWarIsNotADate", "نهاية الحرب", "", ""},
	// Digits and spacing.
	{"ArabicIndicDigits", "١٥ مايو/أيار ١٩٩٢", "1992-05-15", "١٥ مايو/أيار ١٩٩٢"},
	{"PersianDigits", "۱۵ مايو ۱۹۹۲", "1992-05-15", ""},
	{"ArabicIndicDigitsYear", "عام ١٩٩٣", "1993", ""},
	{"ArabicYearGluedToMonth", "فبراير2019", "2019-02", "فبراير2019"},
	{"ArabicYearGluedToPairedMonth", "مارس/آذار2008", "2008-03", ""},
	// Hijri.
	{"HijriDay", "15 رمضان 1443 هـ", "2022-04-17~", "15 رمضان 1443 هـ"},
	{"HijriDayGluedMark", "1 محرم 1444هـ", "2022-07-30~", ""},
	{"HijriMonthUnmarked", "رمضان 1443", "2022-04-03~/2022-05-02~", ""},
	{"HijriTwoWordMonth", "ذو الحجة 1443 هـ", "2022-07-01~/2022-07-29~", ""},
	{"HijriYear", "عام 1443 هـ", "2021-08-10~/2022-07-29~", ""},
	{"HijriMonthWithoutYearIsNotADate", "في شهر رمضان", "", ""},
	{"HijriMonthNameIsAPersonName", "رمضان قديروف", "", ""},
	// Relative words, against published (2022-01-06, a Thursday).
	{"RelativeYesterday", "وأمس الأربعاء، أعلن", "2022-01-05", "وأمس الأربعاء"},
	{"RelativeDayBeforeYesterday", "أول أمس", "2022-01-04", ""},
	{"RelativeTodayWithWeekday", "اليوم الخميس", "2022-01-06", ""},
	{"RelativeThisMorning", "صباح اليوم", "2022-01-06", "اليوم"},
	{"RelativeTodayAloneIsNotADate", "تضم المنظمة اليوم ست دول", "", ""},
	{"RelativeTomorrow", "غدا", "2022-01-07", ""},
	{"RelativeLastYear", "العام الماضي", "2021", ""},
	{"RelativeNextYear", "السنة المقبلة", "2023", ""},
	{"RelativeThisYear", "العام الجاري", "2022", ""},
	{"RelativeLastMonth", "الشهر الماضي", "2021-12", ""},
	{"RelativeNextMonth", "الشهر المقبل", "2022-02", ""},
	{"RelativeLastMay", "مايو الماضي", "2021-05", ""},
	{"RelativeNextMay", "في مايو المقبل", "2022-05", ""},
	{"RelativeLastThursday", "الخميس الماضي", "2021-12-30", ""},
	{"RelativeNextMonday", "الاثنين المقبل", "2022-01-10", ""},
	{"RelativePastIsNotYesterday", "عالم الأمس", "", ""},
	{"RelativeEarlyLastYear", "مطلع العام الماضي", "2021-01~/2021-04~", ""},
	// Numeric.
	{"NumericISO", "1992-05-15", "1992-05-15", ""},
	{"NumericDayFirst", "15/5/1992", "1992-05-15", ""},
	{"NumericDayFirstDots", "15.05.1992", "1992-05-15", ""},
	// English.
	{"EnglishDayMonthYear", "On 15 May 1992 Russia signed", "1992-05-15", "15 May 1992"},
	{"EnglishMonthDayYear", "May 15, 1992", "1992-05-15", "May 15, 1992"},
	{"EnglishOrdinalDay", "the 15th of May, 1992", "1992-05-15", "the 15th of May, 1992"},
	{"EnglishMonthYear", "May 1992", "1992-05", ""},
	{"EnglishAbbreviatedMonth", "7 Oct. 2002", "2002-10-07", ""},
	{"EnglishYearAtStart", "1993: Azerbaijan joined", "1993", ""},
	{"EnglishYearAfterIn", "Azerbaijan joined in 1993", "1993", "1993"},
	{"EnglishSeason", "autumn 1996", "1996-23", ""},
	{"EnglishSeasonFall", "in the fall of 1996", "1996-23", ""},
	{"EnglishSeasonOf", "the summer of 1998", "1998-22", ""},
	{"EnglishRangeEnDash", "1999–2000", "1999/2000", "1999–2000"},
	{"EnglishRangeFromTo", "from May 1992 to June 1993", "1992-05/1993-06", ""},
	{"EnglishRangeBetween", "between 1999 and 2000", "1999/2000", ""},
	{"EnglishRangeDays", "15–16 May 1992", "1992-05-15/1992-05-16", ""},
	{"EnglishPairDays", "May 15 and 16, 1992", "1992-05-15", ""},
	{"EnglishEarly", "early 2008", "2008-01~/2008-04~", ""},
	{"EnglishMidHyphen", "mid-2008", "2008-05~/2008-08~", "mid-2008"},
	{"EnglishLate", "late 2008", "2008-09~/2008-12~", ""},
	{"EnglishEndOfMonth", "at the end of May 2008", "2008-05-21~/2008-05-31~", ""},
	{"EnglishEarlyDecade", "the early 1990s", "1990~/1993~", ""},
	{"EnglishDecade", "in the 1990s", "199X", ""},
	{"EnglishSince", "since 1992", "1992/..", ""},
	{"EnglishYesterday", "Yesterday, Kazakhstan asked", "2022-01-05", ""},
	{"EnglishLastYear", "last year", "2021", ""},
	{"EnglishLastMay", "last May", "2021-05", ""},
	{"EnglishLowercaseMayIsNotAMonth", "it may 1992 be", "", ""},
	{"EnglishMarchVerbIsNotAMonth", "they march 2000 km", "", ""},
	{"EnglishLateAdjectiveIsNotADate", "the late president", "", ""},
	// Russian.
	{"RussianDayMonthYear", "15 мая 1992 года", "1992-05-15", "15 мая 1992 года"},
	{"RussianYear", "в 1993 году", "1993", ""},
	{"RussianMonthYear", "в мае 2007 года", "2007-05", ""},
	{"RussianSeason", "осенью 1996 года", "1996-23", ""},
	{"RussianRange", "с 1999 по 2000 год", "1999/2000", ""},
	{"RussianLate", "в конце 2008 года", "2008-09~/2008-12~", ""},
	{"RussianYesterday", "вчера", "2022-01-05", ""},
	// Invalid and incomplete dates.
	{"InvalidDayFallsBackToMonth", "31 أبريل 1994", "1994-04", "أبريل 1994"},
	{"DayMonthWithoutYearIsNotADate", "15 مايو", "", ""},
	{"FirstOfTwoDates", "في أكتوبر 2021 وفي نوفمبر 2022", "2021-10", ""},
}

func TestParseDate(t *testing.T) {
	for _, tt := range dateTests {
		t.Run(tt.name, func(t *testing.T) {
			d, match, ok := ParseDate(tt.in, Options{Published: published})
			if tt.want == "" {
				if ok {
					t.Fatalf("ParseDate(%q) = %s (%q), want no date", tt.in, d, match)
				}
				return
			}
			if !ok || d.String() != tt.want {
				t.Fatalf("ParseDate(%q) = %q (%q, %v), want %q", tt.in, d, match, ok, tt.want)
			}
			if tt.match != "" && match != tt.match {
				t.Errorf("ParseDate(%q) matched %q, want %q", tt.in, match, tt.match)
			}
			if _, err := edtf.Parse(d.String()); err != nil {
				t.Errorf("ParseDate(%q) = %q: not EDTF: %v", tt.in, d, err)
			}
		})
	}
}

// TestParseDateRelativeNeedsPublished: without the article's date a
// relative word gives no date, and ParseDate looks further.
func TestParseDateRelativeNeedsPublished(t *testing.T) {
	if d, m, ok := ParseDate("أمس", Options{}); ok {
		t.Errorf("ParseDate(أمس) without Published = %s (%q)", d, m)
	}
	if d, _, ok := ParseDate("أمس، في ذكرى 15 مايو 1992", Options{}); !ok || d.String() != "1992-05-15" {
		t.Errorf("got %s, %v; want the next date, 1992-05-15", d, ok)
	}
	// A month-precision article date resolves months and years, not days.
	month := Options{Published: edtf.MustParse("2022-01")}
	if d, _, ok := ParseDate("الشهر الماضي", month); !ok || d.String() != "2021-12" {
		t.Errorf("last month against 2022-01 = %s, %v", d, ok)
	}
	if _, _, ok := ParseDate("أمس", month); ok {
		t.Errorf("yesterday against a month resolved")
	}
}

// TestParseDateLang: Options.Lang restricts the words read.
func TestParseDateLang(t *testing.T) {
	for _, tt := range []struct{ lang, in, want string }{
		{"ar", "15 May 1992", ""},
		{"en", "15 May 1992", "1992-05-15"},
		{"en", "15 مايو 1992", ""},
		{"ar", "15 مايو 1992", "1992-05-15"},
		{"ru", "15 мая 1992 года", "1992-05-15"},
		{"AR", "عام 1993", "1993"},
	} {
		d, _, ok := ParseDate(tt.in, Options{Lang: tt.lang})
		if got := d.String(); got != tt.want || ok != (tt.want != "") {
			t.Errorf("ParseDate(%q, Lang %s) = %q, want %q", tt.in, tt.lang, got, tt.want)
		}
	}
}
