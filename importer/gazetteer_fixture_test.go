package importer

// testEntries is the gazetteer of the tests: the states and organizations
// of the source article, with the spellings it uses and their usual
// English and Russian names.
var testEntries = []Entry{
	{Code: "ARM", Kind: "state", Names: []string{"أرمينيا", "أرمينية", "Armenia", "Армения"}},
	{Code: "AZE", Kind: "state", Names: []string{"أذربيجان", "Azerbaijan", "Азербайджан"}},
	{Code: "BLR", Kind: "state", Names: []string{"روسيا البيضاء", "بيلاروسيا", "بيلاروس", "Belarus", "Беларусь", "Белоруссия"}},
	{Code: "GEO", Kind: "state", Names: []string{"جورجيا", "Georgia", "Грузия"}},
	{Code: "KAZ", Kind: "state", Names: []string{"كازاخستان", "كزاخستان", "قازاقستان", "Kazakhstan", "Казахстан"}},
	{Code: "KGZ", Kind: "state", Names: []string{"قيرغيزستان", "قرغيزستان", "قرغيزيا", "قيرغيزيا", "Kyrgyzstan", "Kirghizia", "Киргизия", "Кыргызстан"}},
	{Code: "RUS", Kind: "state", Names: []string{"روسيا", "روسيا الاتحادية", "Russia", "Russian Federation", "Россия"}},
	{Code: "TJK", Kind: "state", Names: []string{"طاجيكستان", "طاجيكي", "Tajikistan", "Таджикистан"}},
	{Code: "UZB", Kind: "state", Names: []string{"أوزبكستان", "أوزبكي", "Uzbekistan", "Узбекистан"}},
	{Code: "AFG", Kind: "state", Names: []string{"أفغانستان", "الأفغان", "أفغاني", "Afghanistan", "Афганистан"}},
	{Code: "SRB", Kind: "state", Names: []string{"صربيا", "Serbia", "Сербия"}},
	{Code: "IRN", Kind: "state", Names: []string{"إيران", "Iran", "Иран"}},
	{Code: "UKR", Kind: "state", Names: []string{"أوكرانيا", "Ukraine", "Украина"}},
	{Code: "MDA", Kind: "state", Names: []string{"مولدوفا", "مولدافيا", "Moldova", "Молдавия", "Молдова"}},
	{Code: "CHN", Kind: "state", Names: []string{"الصين", "China", "Китай"}},
	{Code: "IND", Kind: "state", Names: []string{"الهند", "India", "Индия"}},
	{Code: "MNG", Kind: "state", Names: []string{"منغوليا", "Mongolia", "Монголия"}},
	{Code: "PAK", Kind: "state", Names: []string{"باكستان", "Pakistan", "Пакистан"}},
	{Code: "USA", Kind: "state", Names: []string{"الولايات المتحدة", "أمريكا", "United States", "USA", "США"}},
	{Code: "csto", Kind: "org", Names: []string{"منظمة معاهدة الأمن الجماعي", "منظمة الأمن الجماعي", "CSTO", "Collective Security Treaty Organization", "ОДКБ", "Организация Договора о коллективной безопасности"}},
	{Code: "guam", Kind: "org", Names: []string{"غوام", "GUAM", "ГУАМ"}},
	{Code: "sco", Kind: "org", Names: []string{"منظمة شنغهاي للتعاون", "Shanghai Cooperation Organisation", "Shanghai Cooperation Organization", "SCO", "ШОС"}},
	{Code: "nato", Kind: "org", Names: []string{"الناتو", "ناتو", "حلف شمال الأطلسي", "حلف الناتو", "NATO", "НАТО"}},
	{Code: "warsaw-pact", Kind: "org", Names: []string{"حلف وارسو", "Warsaw Pact", "Варшавский договор"}},
	{Code: "cis", Kind: "org", Names: []string{"كومنولث الدول المستقلة", "رابطة الدول المستقلة", "Commonwealth of Independent States", "CIS", "СНГ"}},
	{Code: "un", Kind: "org", Names: []string{"الأمم المتحدة", "United Nations", "UN", "ООН"}},
}

var testGazetteer = NewGazetteer(testEntries)
