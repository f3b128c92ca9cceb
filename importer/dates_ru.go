package importer

// The Russian date lexicon: month names in the nominative, genitive and
// prepositional cases ("май", "15 мая", "в мае"), seasons in the
// instrumental ("осенью 1996 года"), and the year words that follow the
// number ("1993 год", "в 1993 году", "1993 г.").

func init() {
	for m, names := range []string{
		1: "январь января январе", 2: "февраль февраля феврале", 3: "март марта марте",
		4: "апрель апреля апреле", 5: "май мая мае", 6: "июнь июня июне", 7: "июль июля июле",
		8: "август августа августе", 9: "сентябрь сентября сентябре", 10: "октябрь октября октябре",
		11: "ноябрь ноября ноябре", 12: "декабрь декабря декабре",
	} {
		mm := int8(m)
		add(langRu, names, func(w *wordInfo) { w.month = mm })
	}
	for s, names := range map[int8]string{
		21: "весна весной весны весну весне", 22: "лето летом лета", 23: "осень осенью осени", 24: "зима зимой зимы зиму",
	} {
		add(langRu, names, func(w *wordInfo) { w.season = s })
	}
	for d, names := range map[int8]string{
		1: "воскресенье", 2: "понедельник", 3: "вторник", 4: "среда среду", 5: "четверг", 6: "пятница пятницу", 7: "суббота субботу",
	} {
		add(langRu, names, func(w *wordInfo) { w.weekday = d })
	}
	for p, names := range map[int8]string{partEarly: "начале начала", partMid: "середине середины", partLate: "конце конца"} {
		add(langRu, names, func(w *wordInfo) { w.part = p })
	}
	addRoles([]roles{
		{f: fYearAfter, ru: "год года году годах годов годы гг г"},
		{f: fMonthWord, ru: "месяц месяце месяца"},
		{f: fFrom | fSince, ru: "с со"},
		{f: fTo, ru: "по до"},
		{f: fBetween, ru: "между"},
		{f: fAnd, ru: "и"},
		{f: fPeriod, ru: "период"},
		{f: fIn, ru: "в во"},
		{f: fLast, ru: "прошлом прошлого прошлый прошлой прошлую"},
		{f: fNext, ru: "следующем следующего будущем"},
		{f: fThis, ru: "этом этого текущем"},
		{f: fToday, ru: "сегодня"},
		{f: fYesterday, ru: "вчера"},
		{f: fTomorrow, ru: "завтра"},
		{f: fCentury, ru: "век века веке"},
	})
}
