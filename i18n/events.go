package i18n

import (
	"fmt"

	"github.com/csto/csto"
)

// Sentence renders the event sentence key in all three languages; each
// argument gives its value per language (a state's name, a date).
func Sentence(key string, args ...func(csto.Lang) string) csto.Text {
	f := func(l csto.Lang) string {
		vs := make([]any, len(args))
		for i, a := range args {
			vs[i] = a(l)
		}
		return fmt.Sprintf(T(l, key), vs...)
	}
	return csto.Text{AR: f(csto.Arabic), EN: f(csto.English), RU: f(csto.Russian)}
}

// Same is an argument that reads the same in every language.
func Same(s string) func(csto.Lang) string { return func(csto.Lang) string { return s } }

// Of is an argument taken from a trilingual text.
func Of(t csto.Text) func(csto.Lang) string { return t.In }

func init() {
	for k, v := range map[string]csto.Text{
		"ev.request.assistance":    {AR: "%s تطلب المساعدة من الدول الأعضاء بموجب المادة 4 من معاهدة الأمن الجماعي", EN: "%s requests assistance from the member states under Article 4 of the Collective Security Treaty", RU: "%s обращается к государствам-членам за помощью в соответствии со статьёй 4 Договора о коллективной безопасности"},
		"ev.request.consultations": {AR: "%s تطلب مشاورات بموجب المادة 2 من معاهدة الأمن الجماعي", EN: "%s requests consultations under Article 2 of the Collective Security Treaty", RU: "%s запрашивает консультации в соответствии со статьёй 2 Договора о коллективной безопасности"},
		"ev.session.convene":       {AR: "انعقاد دورة (%s) لـ%s", EN: "%[2]s convened (%[1]s session)", RU: "Созвана сессия (%s): %s"},
		"ev.session.attend":        {AR: "%s في الدورة %s: %s", EN: "%s at session %s: %s", RU: "%s на сессии %s: %s"},
		"ev.session.close":         {AR: "اختتام الدورة %s", EN: "Session %s closed", RU: "Сессия %s закрыта"},
		"ev.decision.propose":      {AR: "طرح مشروع قرار في الدورة %s: %s", EN: "Draft decision put to session %s: %s", RU: "На сессию %s внесён проект решения: %s"},
		"ev.decision.position":     {AR: "موقف %s من القرار %s: %s", EN: "%s's position on decision %s: %s", RU: "Позиция %s по решению %s: %s"},
		"ev.decision.close":        {AR: "إغلاق التصويت على القرار %s", EN: "Vote on decision %s closed", RU: "Голосование по решению %s завершено"},
		"ev.operation.create":      {AR: "إنشاء العملية: %s (الدولة المضيفة: %s)", EN: "Operation created: %s (host: %s)", RU: "Создана операция: %s (принимающая сторона: %s)"},
		"ev.operation.contingent":  {AR: "%s تساهم بوحدة في العملية %s", EN: "%s contributes a contingent to operation %s", RU: "%s направляет контингент в операцию %s"},
		"ev.operation.report":      {AR: "العملية %s: القوام المعلن %s جندي و%s آلية", EN: "Operation %s: reported strength %s troops and %s vehicles", RU: "Операция %s: заявленная численность — %s военнослужащих и %s единиц техники"},
		"ev.operation.phase":       {AR: "العملية %s: %s", EN: "Operation %s: %s", RU: "Операция %s: %s"},
		"ev.membership.apply":      {AR: "%s تتقدم بطلب عضوية في %s", EN: "%s applies for membership of %s", RU: "%s подаёт заявку на членство в %s"},
		"ev.membership.join":       {AR: "قبول %s عضواً في %s", EN: "%s admitted to %s", RU: "%s принята в %s"},
		"ev.membership.suspend":    {AR: "تعليق عضوية %s في %s", EN: "%s's membership of %s suspended", RU: "Членство %s в %s приостановлено"},
		"ev.membership.reinstate":  {AR: "إعادة عضوية %s في %s", EN: "%s's membership of %s reinstated", RU: "Членство %s в %s восстановлено"},
		"ev.membership.freeze":     {AR: "%s تعلن تجميد مشاركتها في %s", EN: "%s declares its participation in %s frozen", RU: "%s заявляет о замораживании своего участия в %s"},
		"ev.membership.notice":     {AR: "%s تخطر بانسحابها من %s", EN: "%s gives notice of withdrawal from %s", RU: "%s уведомляет о выходе из %s"},
		"ev.membership.withdraw":   {AR: "%s تنسحب من %s", EN: "%s withdraws from %s", RU: "%s выходит из %s"},
		"ev.membership.observer":   {AR: "منح %s صفة مراقب في %s", EN: "%s granted observer status in %s", RU: "%s получает статус наблюдателя в %s"},
		"ev.membership.partner":    {AR: "منح %s صفة شريك في %s", EN: "%s granted partner status in %s", RU: "%s получает статус партнёра в %s"},

		"phase.deployment-start":      {AR: "بدء الانتشار", EN: "deployment begins", RU: "начало развёртывания"},
		"phase.deployment-complete":   {AR: "اكتمال الانتشار", EN: "deployment complete", RU: "развёртывание завершено"},
		"phase.withdrawal-start":      {AR: "بدء الانسحاب", EN: "withdrawal begins", RU: "начало вывода"},
		"phase.withdrawal-complete":   {AR: "اكتمال الانسحاب", EN: "withdrawal complete", RU: "вывод завершён"},
		"position.for":                {AR: "موافقة", EN: "for", RU: "за"},
		"position.objects":            {AR: "اعتراض", EN: "objects", RU: "возражает"},
		"position.abstains":           {AR: "امتناع", EN: "abstains", RU: "воздерживается"},
		"position.not-interested":     {AR: "غير معنية", EN: "not interested", RU: "не заинтересовано"},
		"position.absent":             {AR: "غائبة", EN: "absent", RU: "отсутствует"},
		"presence.present":            {AR: "حاضرة", EN: "present", RU: "присутствует"},
		"presence.absent":             {AR: "غائبة", EN: "absent", RU: "отсутствует"},
		"presence.boycott":            {AR: "مقاطعة", EN: "boycott", RU: "бойкот"},
		"kind.regular":                {AR: "عادية", EN: "regular", RU: "очередная"},
		"kind.extraordinary":          {AR: "استثنائية", EN: "extraordinary", RU: "внеочередная"},
		"kind.informal":               {AR: "غير رسمية", EN: "informal", RU: "неформальная"},
		"kind.online":                 {AR: "عبر الاتصال المرئي", EN: "online", RU: "в режиме онлайн"},
		"outcome.adopted":             {AR: "اعتُمد", EN: "adopted", RU: "принято"},
		"outcome.rejected":            {AR: "لم يُعتمد", EN: "not adopted", RU: "не принято"},
		"outcome.open":                {AR: "مفتوح", EN: "open", RU: "открыто"},
		"request.pending":             {AR: "قيد النظر", EN: "pending", RU: "на рассмотрении"},
		"request.granted":             {AR: "لُبّي", EN: "granted", RU: "удовлетворён"},
		"request.refused":             {AR: "رُفض", EN: "refused", RU: "отклонён"},
		"request.answered":            {AR: "رُدّ عليه دون تلبيته", EN: "answered, not granted", RU: "рассмотрен, не удовлетворён"},
		"chair.recorded":              {AR: "مسجّلة", EN: "recorded", RU: "по записи"},
		"chair.rotation":              {AR: "حسب التناوب", EN: "by rotation", RU: "по ротации"},
		"chair.expected":              {AR: "المتوقع حسب التناوب", EN: "expected by rotation", RU: "ожидалось по ротации"},
		"chair.deviation":             {AR: "خروج عن التناوب", EN: "deviation from the rotation", RU: "отступление от ротации"},
		"chair.temporary":             {AR: "مؤقتاً بدلاً من %s", EN: "temporarily in place of %s", RU: "временно вместо %s"},
		"officers.none":               {AR: "لا شاغلين للمناصب في هذا التاريخ", EN: "no office holders on this date", RU: "на эту дату должностных лиц нет"},
		"office.secretary-general":    {AR: "الأمين العام", EN: "Secretary-General", RU: "Генеральный секретарь"},
		"office.chief-of-joint-staff": {AR: "رئيس الأركان المشتركة", EN: "Chief of the Joint Staff", RU: "Начальник Объединённого штаба"},
	} {
		labels[k] = v
	}
}
