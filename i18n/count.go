package i18n

import (
	"regexp"
	"strconv"

	"github.com/csto/csto"
)

// A countable noun's forms: Arabic singular (the genitive after 100,
// 1000, …), its accusative (tamyiz after 11–99), dual and plural (after
// 3–10); Russian after 1, after 2–4 and after 5 or more (and 11–14);
// English singular and plural.
type noun struct {
	arSing, arAcc, arDual, arPlural string
	ru1, ru2, ru5                   string
	en1, en                         string
}

var nouns = map[string]noun{
	"troops":   {"جندي", "جنديًا", "جنديان", "جنود", "военнослужащий", "военнослужащих", "военнослужащих", "soldier", "troops"},
	"vehicles": {"آلية", "آليةً", "آليتان", "آليات", "единица техники", "единицы техники", "единиц техники", "vehicle", "vehicles"},
	"aircraft": {"طائرة", "طائرةً", "طائرتان", "طائرات", "летательный аппарат", "летательных аппарата", "летательных аппаратов", "aircraft", "aircraft"},
}

// Nouns lists the nouns Count knows.
func Nouns() []string { return []string{"troops", "vehicles", "aircraft"} }

// Count writes n of a noun ("troops", "vehicles", "aircraft") with the
// noun in the form the language's number agreement asks for: Arabic
// "2030 جنديًا", "4000 جندي", "5 جنود", "جنديان"; Russian "21
// военнослужащий", "3 единицы техники"; English "1 soldier", "100
// troops". An unknown noun is written after the number as it is.
func Count(lang csto.Lang, key string, n int) string {
	num := strconv.Itoa(n)
	w, ok := nouns[key]
	if !ok {
		return num + " " + key
	}
	switch lang {
	case csto.Arabic:
		m := n % 100
		switch {
		case n == 1:
			return w.arSing + " واحد"
		case n == 2:
			return w.arDual
		case m >= 3 && m <= 10:
			return num + " " + w.arPlural
		case m >= 11:
			return num + " " + w.arAcc
		default: // 0, and 100, 1000, 101, 102, …: the genitive singular
			return num + " " + w.arSing
		}
	case csto.Russian:
		m10, m100 := n%10, n%100
		switch {
		case m10 == 1 && m100 != 11:
			return num + " " + w.ru1
		case m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14):
			return num + " " + w.ru2
		default:
			return num + " " + w.ru5
		}
	}
	if n == 1 {
		return num + " " + w.en1
	}
	return num + " " + w.en
}

var citeRE = regexp.MustCompile(`^(CST|Charter) Art\. ([0-9]+(?:\.[0-9]+)?)$`)

// Cite renders an article citation as the rules write it ("CST Art. 4",
// "Charter Art. 5") in lang: "المادة 4 من معاهدة الأمن الجماعي", "ст. 4
// ДКБ". Any other text is returned as it is.
func Cite(lang csto.Lang, cite string) string {
	if Has("cite." + cite) { // a rule that is not an article: "Charter: consensus"
		return T(lang, "cite."+cite)
	}
	m := citeRE.FindStringSubmatch(cite)
	if m == nil || lang == csto.English {
		return cite
	}
	return Tf(lang, "cite."+m[1], m[2])
}

func init() {
	for k, v := range map[string]csto.Text{
		"cite.CST":                {AR: "المادة %s من معاهدة الأمن الجماعي", EN: "CST Art. %s", RU: "ст. %s ДКБ"},
		"cite.Charter":            {AR: "المادة %s من الميثاق", EN: "Charter Art. %s", RU: "ст. %s Устава"},
		"cite.Charter: consensus": {AR: "الميثاق: التوافق", EN: "Charter: consensus", RU: "Устав: консенсус"},

		"rule.none": {AR: "لا تتخذ قرارات (هيئة عاملة)", EN: "none (not a deciding body)", RU: "не принимает решений (рабочий орган)"},

		"provision.defense":          {AR: "الدفاع المشترك", EN: "defence", RU: "взаимная оборона"},
		"provision.offense":          {AR: "العمل الهجومي المشترك", EN: "offence", RU: "совместные наступательные действия"},
		"provision.neutrality":       {AR: "الحياد", EN: "neutrality", RU: "нейтралитет"},
		"provision.nonaggression":    {AR: "عدم الاعتداء", EN: "non-aggression", RU: "ненападение"},
		"provision.consultation":     {AR: "التشاور", EN: "consultation", RU: "консультации"},
		"provision.noothall":         {AR: "عدم الانضمام إلى أحلاف مناوئة", EN: "no conflicting alliances", RU: "неучастие во враждебных союзах"},
		"provision.non-use-of-force": {AR: "عدم استخدام القوة", EN: "non-use of force", RU: "неприменение силы"},

		"session.open":   {AR: "مفتوحة", EN: "open", RU: "открыта"},
		"session.closed": {AR: "مختتمة", EN: "closed", RU: "закрыта"},

		"request.kind.assistance":    {AR: "طلب مساعدة", EN: "assistance", RU: "помощь"},
		"request.kind.consultations": {AR: "طلب مشاورات", EN: "consultations", RU: "консультации"},

		"bound":     {AR: "ملزِم لـ", EN: "bound", RU: "обязывает"},
		"decides":   {AR: "يقرّر", EN: "decides", RU: "решает"},
		"article":   {AR: "المادة", EN: "Art.", RU: "ст."},
		"documents": {AR: "الوثائق", EN: "documents", RU: "документы"},
	} {
		labels[k] = v
	}
}

// Value renders a word of the record's claim values (the actors a source
// names: "Taliban") in lang; a value with no label, such as a code or a
// date, is returned as it is.
func Value(lang csto.Lang, v string) string {
	if Has("value." + v) {
		return T(lang, "value."+v)
	}
	return v
}

func init() {
	for k, v := range map[string]csto.Text{
		"value.Taliban":       {AR: "طالبان", EN: "Taliban", RU: "талибы"},
		"value.Islamic State": {AR: "تنظيم الدولة", EN: "Islamic State", RU: "«Исламское государство»"},
	} {
		labels[k] = v
	}
}
