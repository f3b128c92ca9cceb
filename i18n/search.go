package i18n

import "github.com/csto/csto"

// The words of search (`csto search`, /search): the kinds of what it
// finds.

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
}
