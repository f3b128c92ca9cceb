package i18n

import "github.com/csto/csto"

// The words of search (`csto search`, /search): the kinds of what it
// finds; the web's search box in every page's header and /search, its
// results grouped by kind.

func init() {
	for k, v := range searchLabels {
		labels[k] = v
	}
}

var searchLabels = map[string]csto.Text{
	"search.title":           {AR: "البحث", EN: "Search", RU: "Поиск"},
	"search.none":            {AR: "لا نتائج لـ«%s»", EN: "nothing found for “%s”", RU: "по запросу «%s» ничего не найдено"},
	"search.kind.state":      {AR: "دولة", EN: "state", RU: "государство"},
	"search.kind.org":        {AR: "منظمة أو هيئة", EN: "organization or body", RU: "организация или орган"},
	"search.kind.instrument": {AR: "وثيقة قانونية", EN: "instrument", RU: "документ"},
	"search.kind.source":     {AR: "مصدر", EN: "source", RU: "источник"},
	"search.kind.session":    {AR: "دورة", EN: "session", RU: "сессия"},
	"search.kind.decision":   {AR: "قرار", EN: "decision", RU: "решение"},
	"search.kind.exercise":   {AR: "مناورة", EN: "exercise", RU: "учения"},
	"search.kind.operation":  {AR: "عملية أو طلب", EN: "operation or request", RU: "операция или запрос"},
	"search.kind.membership": {AR: "عضوية", EN: "membership", RU: "членство"},
	"search.kind.alliance":   {AR: "تحالف", EN: "alliance", RU: "союз"},
	"search.kind.event":      {AR: "حدث", EN: "event", RU: "событие"},

	// The web's box and results page.
	"web.search.label":       {AR: "ابحث في السجل", EN: "Search the record", RU: "Поиск по записям"},
	"web.search.placeholder": {AR: "دولة، معاهدة، دورة…", EN: "state, treaty, session…", RU: "государство, договор, сессия…"},
	"web.search.button":      {AR: "ابحث", EN: "Search", RU: "Найти"},
	"web.search.help": {AR: "يجب أن ترد كل كلمة في النتيجة. لا فرق بين أشكال الهمزة والألف، ولا بين التاء المربوطة والهاء، ويُهمَل التشكيل والتطويل؛ والأرقام الهندية كالعربية، ونهايات الكلمات الروسية لا تُعتبر.",
		EN: "Every word must appear in a result. Arabic hamza and alef forms, ta marbuta, diacritics and tatweel are matched alike, Arabic-Indic digits as 0–9, and Russian words whatever their ending.",
		RU: "Каждое слово должно встречаться в результате. Формы арабских букв (хамза, алиф, та марбута), огласовки и татвиль не различаются, арабско-индийские цифры читаются как 0–9, русские слова — в любом падеже."},
	"web.search.limited": {AR: "عمليات بحث كثيرة من هذا العنوان دون تسجيل الدخول. حاول مجدداً بعد %d ثانية، أو سجّل الدخول.",
		EN: "Too many searches from this address without signing in. Try again in %d s, or sign in.",
		RU: "Слишком много поисковых запросов с этого адреса без входа. Повторите через %d с или войдите."},
	"web.search.title_q":  {AR: "نتائج البحث عن «%s»", EN: "Search results for “%s”", RU: "Результаты поиска «%s»"},
	"web.search.count":    {AR: "عدد النتائج: %d، الأفضل أولاً، مجمّعة حسب النوع", EN: "%d results, best first, grouped by kind", RU: "Найдено: %d; сначала лучшие, по видам"},
	"web.search.too_long": {AR: "نص البحث أطول من %d بايت", EN: "the query is longer than %d bytes", RU: "запрос длиннее %d байт"},
	"web.search.no_word":  {AR: "لا يحوي نص البحث كلمة يُبحث عنها", EN: "the query has no word to look for", RU: "в запросе нет слова для поиска"},

	"web.search.group.state":      {AR: "الدول", EN: "States", RU: "Государства"},
	"web.search.group.org":        {AR: "المنظمات والهيئات", EN: "Organizations and bodies", RU: "Организации и органы"},
	"web.search.group.instrument": {AR: "الوثائق القانونية", EN: "Instruments", RU: "Документы"},
	"web.search.group.session":    {AR: "الدورات", EN: "Sessions", RU: "Сессии"},
	"web.search.group.decision":   {AR: "القرارات", EN: "Decisions", RU: "Решения"},
	"web.search.group.exercise":   {AR: "المناورات", EN: "Exercises", RU: "Учения"},
	"web.search.group.operation":  {AR: "العمليات والطلبات", EN: "Operations and requests", RU: "Операции и запросы"},
	"web.search.group.membership": {AR: "العضوية", EN: "Membership", RU: "Членство"},
	"web.search.group.alliance":   {AR: "التحالفات", EN: "Alliances", RU: "Союзы"},
	"web.search.group.source":     {AR: "المصادر", EN: "Sources", RU: "Источники"},
	"web.search.group.event":      {AR: "الأحداث", EN: "Events", RU: "События"},
}
