// Package importer reads timeline-style article text into dated, sourced
// draft events for review: Arabic first (the sources csto reads are mostly
// Arabic news), English and Russian too. It is the pure parsing half of
// "csto import article": it reads text and returns Drafts; it stores and
// submits nothing.
//
//	g := importer.NewGazetteer(entries) // states and organizations, every spelling
//	drafts := importer.Parse(text, g, importer.Options{Published: edtf.MustParse("2022-01-06")})
//	d, expr, ok := importer.ParseDate("خريف عام 1996", importer.Options{}) // 1996-23, "خريف عام 1996"
//
// # Lines
//
// Each non-empty line is one draft, with its 1-based line number, the raw
// line, and the text without its bullet (- – — ـ • * #) and, when the line
// starts with its date, without the date and the colon after it. A line
// that is only a date ("عام 1992", "## 1994", "مايو/أيار") is a header: it
// gives no draft, completes the yearless dates under it ("15 مايو", "20:"),
// and undated lines under it take its date. Other undated lines are kept
// with a null date.
//
// # Dates
//
// Dates are EDTF (package edtf). The grammar reads, in any of the three
// languages: day, month and year in either order, with one month name or
// two names of the same month ("مايو/أيار", "كانون الأول/ديسمبر", "سبتمبر
// (أيلول)"); Gregorian transliterated, Levantine and Maghreb month names;
// Arabic ordinal days ("الأول من"); years with or without a year word
// ("عام 1993"; a bare year only at the start of a line or after في/in);
// seasons (EDTF 21–24: "خريف عام 1996" is 1996-23; not الربيع العربي, and
// ربيع الأول is a Hijri month); decades ("التسعينيات", "the 1990s": 199X);
// ranges; early/mid/late; relative words; Hijri dates; numeric dates;
// Arabic-Indic and Persian digits; a year glued to its month (فبراير2019).
//
// Representation choices:
//
//   - Ranges ("في الفترة 1999-2000", "من … إلى/حتى/لغاية …", "between …
//     and …") are EDTF intervals: 1999/2000. Two days or years joined by
//     "and" ("19 و20 ديسمبر 2019", "عامي 1999 و2000") name the days of
//     one event: the date is the first, and the range is kept in a note
//     ("range kept: 2019-12-19/2019-12-20"). "منذ/since 2002" is 2002/..
//   - Early, mid and late (مطلع بداية أوائل / منتصف أواسط / أواخر نهاية;
//     early mid late; в начале/середине/конце) are sub-ranges with
//     approximate ends, not a qualifier on the whole period: a qualifier
//     would keep "early 2008" spanning all of 2008 (qualifiers never move
//     Earliest/Latest in csto), where the sub-range narrows it and the ~
//     says its bounds are soft. A year is divided in thirds (early 2008 =
//     2008-01~/2008-04~, mid = 05–08, late = 09–12), a month by ten days
//     (1–10, 11–20, 21–end), a decade as 0–3, 4–6, 7–9; a season only
//     gets the ~ ("late summer 2008" = 2008-22~).
//   - Two dates on one line ("خريف عام 1996 وصيف 1998"): one draft, dated
//     by the first; every other date is a note ("also dated: 1998-22
//     «وصيف 1998»"). A line is one entry for review, and its line number
//     stays a unique key; the reviewer splits it if it is two events.
//   - Hijri dates (a Hijri month name, or a year marked هـ) are converted
//     with the tabular Islamic calendar (HijriToDay) and marked
//     approximate, because the calendars in use differ from it by a day
//     or two: "15 رمضان 1443 هـ" is 2022-04-17~; a Hijri month or year
//     is the interval of its days ("رمضان 1443" = 2022-04-03~/2022-05-02~).
//     A note gives the Hijri date.
//   - Relative words (أمس, أول أمس, غدا, اليوم + weekday, العام/الشهر
//     الماضي/المقبل/الجاري, مايو الماضي, الخميس المقبل; yesterday, last
//     year; вчера, в прошлом году) are resolved against Options.Published,
//     or else against the date the article gives for "today" ("اليوم
//     الخميس السادس من يناير/كانون الثاني 2022"). Arabic اليوم alone is not a
//     date: it as often means "nowadays". Unresolved, the line is undated
//     with a note.
//   - A date that is not a calendar date ("31 أبريل 1994") is refused with
//     a note; a coarser date on the line (أبريل 1994) may then be taken.
//
// # Entities, kinds, confidence
//
// States and organizations come from a Gazetteer (every spelling; Arabic
// clitics, the article and nisba adjectives handled; Russian case
// endings). "المنظمة" (the Organization) refers to Options.Subject, or to
// the organization the text names most. The kind (signature, accession,
// withdrawal, suspension, summit, exercise, deployment, request,
// ratification, observer) comes from cue words, with context (وقع … على),
// negation (رفضت التوقيع) and hedging (لو انضمت); the first strong cue of
// the line wins. Confidence is the cue's score × a date factor (1 written,
// 0.9 derived, 0.5 none) × 0.8 when the proposed command lacks a
// participant; a typed command ("party.sign", "membership.suspend", …) is
// proposed only at confidence ≥ 0.6 with a date and its participants,
// "event.record" for other dated drafts.
package importer
