// Package i18n holds the interface's words in Arabic, English and Russian:
// labels, status names and headings shared by the CLI and the web pages.
// The dataset's own names and texts live in the dataset.
package i18n

import (
	"fmt"
	"slices"
	"sync"

	"github.com/csto/csto"
)

// T returns the label key in lang, or the key itself when it is unknown
// (so a missing label shows up in review instead of vanishing, and in
// Missing, which the tests read).
func T(lang csto.Lang, key string) string {
	if t, ok := labels[key]; ok {
		return t.In(lang)
	}
	missing.Store(key, true)
	return key
}

// missing holds every key T was asked for and does not have.
var missing sync.Map

// Missing returns, sorted, the keys T was asked for since the program
// started and does not have: the tests that render every view fail on any.
func Missing() []string {
	var ks []string
	missing.Range(func(k, _ any) bool { ks = append(ks, k.(string)); return true })
	slices.Sort(ks)
	return ks
}

// Tf is T with fmt.Sprintf arguments.
func Tf(lang csto.Lang, key string, args ...any) string {
	return fmt.Sprintf(T(lang, key), args...)
}

// Has reports whether key has a label.
func Has(key string) bool { _, ok := labels[key]; return ok }

var labels = map[string]csto.Text{
	// Statuses.
	"status.signatory":            {AR: "دولة موقّعة", EN: "signatory", RU: "подписавшее государство"},
	"status.member":               {AR: "عضو", EN: "member", RU: "член"},
	"status.suspended":            {AR: "عضوية معلّقة", EN: "suspended", RU: "членство приостановлено"},
	"status.participation-frozen": {AR: "مشاركة مجمّدة", EN: "participation frozen", RU: "участие заморожено"},
	"status.observer":             {AR: "مراقب", EN: "observer", RU: "наблюдатель"},
	"status.partner":              {AR: "شريك", EN: "partner", RU: "партнёр"},
	"status.former":               {AR: "عضو سابق", EN: "former member", RU: "бывший член"},
	"certainty.certain":           {AR: "مؤكد", EN: "certain", RU: "достоверно"},
	"certainty.possible":          {AR: "محتمل", EN: "possible", RU: "возможно"},

	// Headings and phrases.
	"members.title": {AR: "أعضاء %s في %s", EN: "Members of %s on %s", RU: "%s — члены на %s"},
	"members.none":  {AR: "لا أعضاء في هذا التاريخ", EN: "no members on this date", RU: "на эту дату членов нет"},
	"since":         {AR: "منذ", EN: "since", RU: "с"},
	"membership.applied": {AR: "سُجّل الطلب: %s ليست عضواً في %s، وتصبح عضواً حين يقرر مجلس الأمن الجماعي قبولها",
		EN: "application recorded: %s is not a member of %s; it becomes one when the Collective Security Council decides its admission",
		RU: "заявление записано: %s не является членом %s; членом оно становится, когда Совет коллективной безопасности решит о его приёме"},
	"membership.not_member": {AR: "%s ليست عضواً في %s", EN: "%s is not a member of %s", RU: "%s не является членом %s"},
	"until":                 {AR: "حتى", EN: "until", RU: "по"},
	"sources":               {AR: "المصادر", EN: "sources", RU: "источники"},
	"contested":             {AR: "رواية أخرى", EN: "other claim", RU: "другая версия"},
	"preferred":             {AR: "سبب الترجيح", EN: "why preferred", RU: "почему предпочтено"},
	"corrected":             {AR: "صُحّح", EN: "corrected", RU: "исправлено"},
	"timeline.title":        {AR: "التسلسل الزمني", EN: "Timeline", RU: "Хронология"},
	"cli.more":              {AR: "هناك المزيد: أعد الأمر نفسه مع --after %d", EN: "More follow: run the same command with --after %d", RU: "Далее есть ещё: повторите команду с --after %d"},
	"timeline.none":         {AR: "لا أحداث في هذه الفترة", EN: "no events in this period", RU: "за этот период событий нет"},
	"state.memberships":     {AR: "العضويات", EN: "Memberships", RU: "Членство"},
	"state.events":          {AR: "الأحداث", EN: "Events", RU: "События"},
	"state.exists_from":     {AR: "دولة منذ", EN: "state since", RU: "государство с"},
	"org.founded":           {AR: "التأسيس", EN: "founded", RU: "основана"},
	"org.headquarters":      {AR: "المقر", EN: "headquarters", RU: "штаб-квартира"},
	"org.bodies":            {AR: "الهيئات", EN: "Bodies", RU: "Органы"},
	"org.instruments":       {AR: "الوثائق القانونية", EN: "Instruments", RU: "Документы"},
	"org.members":           {AR: "الأعضاء اليوم", EN: "Members today", RU: "Члены сегодня"},
	"org.operations":        {AR: "العمليات", EN: "Operations", RU: "Операции"},
	"org.forces":            {AR: "القوات", EN: "Forces", RU: "Силы"},
	"org.officers":          {AR: "الأمين العام", EN: "Secretary-General", RU: "Генеральный секретарь"},
	"org.chair":             {AR: "الرئاسة", EN: "Chair", RU: "Председательство"},
	"in_force":              {AR: "النفاذ", EN: "in force", RU: "вступление в силу"},
	"not_in_force":          {AR: "لم يُسجَّل النفاذ", EN: "not in force", RU: "вступление в силу не записано"},
	"decision_rule":         {AR: "قاعدة القرار", EN: "decision rule", RU: "порядок принятия решений"},
	"rule.consensus":        {AR: "بالتوافق", EN: "consensus", RU: "консенсус"},
	"acting":                {AR: "بالنيابة", EN: "acting", RU: "и.о."},
	"troops":                {AR: "جندي", EN: "troops", RU: "военнослужащих"},
	"vehicles":              {AR: "آلية", EN: "vehicles", RU: "единиц техники"},
	"host":                  {AR: "الدولة المضيفة", EN: "host", RU: "принимающая сторона"},
	"decided":               {AR: "القرار", EN: "decided", RU: "решение"},
	"verify.ok":             {AR: "السجل سليم: %d حدثاً، آخر بصمة %s", EN: "chain intact: %d events, head %s", RU: "цепочка цела: %d событий, последний хеш %s"},
	"rebuild.ok":            {AR: "أعيد بناء الإسقاطات من %d حدثاً", EN: "projections rebuilt from %d events", RU: "проекции перестроены из %d событий"},

	// Web.
	"site.title":    {AR: "منظمة معاهدة الأمن الجماعي", EN: "Collective Security Treaty Organization", RU: "Организация Договора о коллективной безопасности"},
	"nav.members":   {AR: "الأعضاء", EN: "Members", RU: "Члены"},
	"nav.timeline":  {AR: "التسلسل الزمني", EN: "Timeline", RU: "Хронология"},
	"form.at":       {AR: "في تاريخ", EN: "on date", RU: "на дату"},
	"form.show":     {AR: "عرض", EN: "Show", RU: "Показать"},
	"col.state":     {AR: "الدولة", EN: "State", RU: "Государство"},
	"col.status":    {AR: "الوضع", EN: "Status", RU: "Статус"},
	"col.since":     {AR: "منذ", EN: "Since", RU: "С"},
	"col.certainty": {AR: "الدقة", EN: "Certainty", RU: "Достоверность"},
	"col.date":      {AR: "التاريخ", EN: "Date", RU: "Дата"},
	"col.event":     {AR: "الحدث", EN: "Event", RU: "Событие"},
}
