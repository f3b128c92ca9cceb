package i18n

import "github.com/csto/csto"

// `csto sources check`: how far a reader can check each source. Keys are
// only ever added.
func init() {
	for k, v := range sourceLabels {
		if _, ok := labels[k]; !ok {
			labels[k] = v
		}
	}
}

var sourceLabels = map[string]csto.Text{
	"sources.summary":         {AR: "المصادر: %d (%s)", EN: "sources: %d (%s)", RU: "источники: %d (%s)"},
	"sources.weak-facts":      {AR: "وقائع لا تستند إلا إلى مصادر ضعيفة: %d", EN: "facts resting only on weak sources: %d", RU: "факты, опирающиеся только на слабые источники: %d"},
	"sources.fail.unreviewed": {AR: "%d من المصادر صفحة رئيسية أو بلا رابط ولم تُراجَع", EN: "%d sources are an unreviewed home page or placeholder", RU: "источников — главная страница сайта или заглушка без проверки: %d"},
	"sources.fail.weak":       {AR: "%d من الوقائع لا تستند إلا إلى مصادر ضعيفة", EN: "%d facts rest only on weak sources", RU: "фактов, опирающихся только на слабые источники: %d"},
	"sources.weakly-sourced":  {AR: "مصادر ضعيفة فقط", EN: "weakly sourced", RU: "только слабые источники"},
	"specificity.specific":    {AR: "صفحة محددة", EN: "specific page", RU: "конкретная страница"},
	"specificity.record":      {AR: "سجل النظام", EN: "the registry's record", RU: "запись реестра"},
	"specificity.unverified":  {AR: "غير موثَّق", EN: "unverified", RU: "не проверен"},
	"specificity.home-page":   {AR: "صفحة رئيسية", EN: "home page", RU: "главная страница"},
	"specificity.placeholder": {AR: "بلا رابط", EN: "placeholder", RU: "заглушка"},
}
