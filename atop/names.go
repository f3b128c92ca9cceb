package atop

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/csto/csto"
)

// Names returns a state's name in Arabic, English and Russian, for a code
// as StateCode gives it.
//
// States that exist today (ISO 3166-1 codes) are named by the Unicode
// CLDR region names of golang.org/x/text: ARM is أرمينيا, Armenia,
// Армения. Those names are current and short ("Czechia", "Congo -
// Kinshasa"), as CLDR has them. Former states (ISO 3166-3: DDR, CSK, YUG,
// YMD, and SUN for the Soviet Union) and states ISO never coded ("COW-…",
// "ATOP-8152") are named from a table written for csto, because CLDR
// either lacks them or maps an old code to its successor (DDR → Germany).
//
// cow is the state's COW entry; its English name is the fallback for a
// code that is in neither source (AR and RU are then empty, so the Text
// fails csto.Text.Check). The tests rule that out for every code
// StateCode returns.
func Names(code string, cow COWState) csto.Text {
	if t, ok := formerNames[code]; ok {
		return t
	}
	if r, ok := isoRegion(code); ok {
		return csto.Text{
			AR: arabicRegions.Name(r),
			EN: englishRegions.Name(r),
			RU: russianRegions.Name(r),
		}
	}
	return csto.Text{EN: cow.Name}
}

var (
	arabicRegions  = display.Arabic.Regions()
	englishRegions = display.English.Regions()
	russianRegions = display.Russian.Regions()
)

// isoRegion returns the region of a current ISO 3166-1 alpha-3 code: one
// CLDR knows, that is its own canonical form (not an old code CLDR maps to
// a successor) and that has an English name.
func isoRegion(code string) (language.Region, bool) {
	if len(code) != 3 || !isUpper(code) {
		return language.Region{}, false
	}
	r, err := language.ParseRegion(code)
	if err != nil || r.ISO3() != code || r.Canonicalize() != r || !r.IsCountry() {
		return language.Region{}, false
	}
	if englishRegions.Name(r) == "" {
		return language.Region{}, false
	}
	return r, true
}

// formerNames names the states CLDR cannot: former states with an ISO
// 3166-3 code, states ISO never coded, and Annam. English follows common
// usage rather than COW's spelling ("Württemberg", not "Wuerttemburg").
var formerNames = map[string]csto.Text{
	// ISO 3166-3.
	"SUN": {AR: "الاتحاد السوفيتي", EN: "Soviet Union", RU: "Советский Союз"},
	"DDR": {AR: "جمهورية ألمانيا الديمقراطية", EN: "German Democratic Republic", RU: "Германская Демократическая Республика"},
	"CSK": {AR: "تشيكوسلوفاكيا", EN: "Czechoslovakia", RU: "Чехословакия"},
	"YUG": {AR: "يوغوسلافيا", EN: "Yugoslavia", RU: "Югославия"},
	"YMD": {AR: "اليمن الجنوبي", EN: "South Yemen", RU: "Южный Йемен"},

	// COW only.
	"COW-YAR": {AR: "اليمن الشمالي", EN: "North Yemen", RU: "Северный Йемен"},
	"COW-RVN": {AR: "فيتنام الجنوبية", EN: "South Vietnam", RU: "Южный Вьетнам"},
	"COW-KOR": {AR: "كوريا", EN: "Korea", RU: "Корея"},
	"COW-AUH": {AR: "الإمبراطورية النمساوية المجرية", EN: "Austria-Hungary", RU: "Австро-Венгрия"},
	"COW-BAV": {AR: "بافاريا", EN: "Bavaria", RU: "Бавария"},
	"COW-BAD": {AR: "بادن", EN: "Baden", RU: "Баден"},
	"COW-SAX": {AR: "ساكسونيا", EN: "Saxony", RU: "Саксония"},
	"COW-WRT": {AR: "فورتمبيرغ", EN: "Württemberg", RU: "Вюртемберг"},
	"COW-HAN": {AR: "هانوفر", EN: "Hanover", RU: "Ганновер"},
	"COW-HSE": {AR: "هسن-كاسل", EN: "Hesse-Kassel", RU: "Гессен-Кассель"},
	"COW-HSG": {AR: "هسن-دارمشتات", EN: "Hesse-Darmstadt", RU: "Гессен-Дармштадт"},
	"COW-MEC": {AR: "مكلنبورغ-شفيرين", EN: "Mecklenburg-Schwerin", RU: "Мекленбург-Шверин"},
	"COW-MOD": {AR: "مودينا", EN: "Modena", RU: "Модена"},
	"COW-PMA": {AR: "بارما", EN: "Parma", RU: "Парма"},
	"COW-TUS": {AR: "توسكانا", EN: "Tuscany", RU: "Тоскана"},
	"COW-SIC": {AR: "مملكة الصقليتين", EN: "Kingdom of the Two Sicilies", RU: "Королевство обеих Сицилий"},
	"COW-PAP": {AR: "الدولة البابوية", EN: "Papal States", RU: "Папская область"},
	"COW-ZAN": {AR: "زنجبار", EN: "Zanzibar", RU: "Занзибар"},

	// Not in COW: ATOP follows Gleditsch and Ward.
	"ATOP-8152": {AR: "آنام", EN: "Annam", RU: "Аннам"},
}
