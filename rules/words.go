package rules

import (
	"fmt"

	"github.com/csto/csto"
)

// The words of the engine's answers, in three languages. Names, article
// texts and conditions come from the record; these are only the sentences
// that frame them.

// conditionTexts are ATOP's condition variables as text, by the part
// after the obligation's prefix (defcoadv → "adv").
var conditionTexts = map[string]csto.Text{
	"adv": {AR: "فقط في مواجهة خصم معيّن أو نوع معيّن من الخصوم", EN: "only against a particular adversary or kind of adversary", RU: "только против определённого противника или вида противников"},
	"loc": {AR: "فقط في نزاع يقع في مكان معيّن", EN: "only for a conflict in a particular location", RU: "только при конфликте в определённом месте"},
	"con": {AR: "فقط في نزاع قائم بعينه", EN: "only in a particular ongoing conflict", RU: "только в определённом идущем конфликте"},
	"num": {AR: "بحسب عدد الخصوم", EN: "depending on the number of adversaries", RU: "в зависимости от числа противников"},
	"dem": {AR: "إذا استوفى الحليف أو الخصم مطالب يحددها الاتفاق", EN: "if the ally or the adversary meets demands the agreement sets", RU: "если союзник или противник выполняет требования, оговорённые в соглашении"},
	"npr": {AR: "إذا لم يستفز الحليف الخصم", EN: "if the ally did not provoke the adversary", RU: "если союзник не спровоцировал противника"},
	"att": {AR: "إذا تعرّض الحليف لهجوم", EN: "if the ally is attacked", RU: "если союзник подвергся нападению"},
	"req": {AR: "بناءً على طلب الحليف التشاور", EN: "on an ally's request to consult", RU: "по просьбе союзника о консультациях"},
	"mob": {AR: "بشرط آخر ينص عليه الاتفاق", EN: "on another condition the agreement sets", RU: "при ином условии, предусмотренном соглашением"},
}

// conditionText returns the text of an ATOP condition code.
func conditionText(code string) csto.Text {
	if code == "olimob" {
		return conditionTexts["mob"]
	}
	if len(code) == 8 {
		return conditionTexts[code[5:]]
	}
	return csto.Text{EN: code}
}

var words = map[string]csto.Text{
	"unobserved": {
		AR: "كان سارياً في 2018-12-31، آخر يوم ترصده بيانات ATOP 5.1؛ لا تقول البيانات شيئاً عمّا بعده",
		EN: "in force on 2018-12-31, the last day ATOP 5.1 observes; the data say nothing after it",
		RU: "действовал 2018-12-31, в последний день наблюдения ATOP 5.1; после него данные ничего не говорят"},
	"obvary": {
		AR: "تختلف التزامات هذا العضو من شريك إلى آخر (OBVARY في ATOP)",
		EN: "this member's obligations differ from partner to partner (ATOP OBVARY)",
		RU: "обязательства этого участника различаются в зависимости от партнёра (OBVARY в ATOP)"},
	"force": {
		AR: "اشتباك مسلح بين %s، وكلها أطراف ملزمة بعدم استخدام القوة فيما بينها (%s)",
		EN: "armed clash between %s, all parties bound not to use force among themselves (%s)",
		RU: "вооружённое столкновение; стороны — %s — обязаны не применять силу друг против друга (%s)"},
	"noothall": {
		AR: "%s: عضوية في %s، التي يعدّها مصدر مناوئة لـ%s، مع الالتزام في الوقت نفسه بـ%s (%s: %s)",
		EN: "%s was a member of %s, which a source holds contrary to %s, while bound by %s (%s: %s)",
		RU: "%s: членство в %s, которую источник считает направленной против %s, при обязательствах по %s (%s: %s)"},
	"noothall.claim": {
		AR: "لا تتداخل العضويتان وفق التاريخ المرجّح؛ يقوم التداخل على رواية متنازع عليها فقط",
		EN: "under the preferred date the memberships do not overlap; the overlap rests on a contested claim only",
		RU: "по предпочтительной дате членства не пересекаются; пересечение следует лишь из оспариваемого утверждения"},
	"operation": {
		AR: "العملية %s: %s",
		EN: "operation %s: %s",
		RU: "операция %s: %s"},
	"operation.nodecision": {
		AR: "لا يوجد قرار معتمد لمجلس الأمن الجماعي تستند إليه",
		EN: "no adopted decision of the Collective Security Council creates it",
		RU: "её не создаёт принятое решение Совета коллективной безопасности"},
	"operation.body": {
		AR: "قررها %s وليس مجلس الأمن الجماعي (رؤساء الدول)",
		EN: "decided by %s, not by the Collective Security Council (the heads of state)",
		RU: "решение принято органом %s, а не Советом коллективной безопасности (главами государств)"},
	"decision.absent": {
		AR: "القرار %s اعتُمد بالتوافق بينما غاب %s دون أن يعترض أو يعلن عدم اهتمامه؛ يَعدّ csto الغائب غير مشارك، لكن قراءة تشترط موافقة كل الأعضاء لا تعدّه معتمداً",
		EN: "decision %s was adopted by consensus while %s was absent, neither objecting nor declaring itself not interested; csto counts an absent member as not taking part, but a reading that requires every member's agreement would not count it adopted",
		RU: "решение %s принято консенсусом в отсутствие %s, который не возражал и не заявлял о незаинтересованности; csto считает отсутствующего не участвующим, но при прочтении, требующем согласия каждого члена, решение не считалось бы принятым"},
	"decision.norequest": {
		AR: "القرار %s يستند إلى %s دون طلب من الدولة المعنية، والمادة بصيغتها النافذة تشترط الطلب",
		EN: "decision %s rests on %s without a request from the state concerned, which the article in force requires",
		RU: "решение %s основано на %s без просьбы соответствующего государства, которую требует действующая редакция статьи"},

	"step.request": {
		AR: "تطلب الدولة المعتدى عليها المساعدة",
		EN: "the member attacked asks for assistance",
		RU: "подвергшееся нападению государство-член просит о помощи"},
	"step.consultations": {
		AR: "تُفعّل الدول الأعضاء فوراً آلية المشاورات المشتركة لتنسيق مواقفها",
		EN: "the members at once set joint consultations in motion to coordinate their positions",
		RU: "государства-члены незамедлительно приводят в действие механизм совместных консультаций"},
	"step.council-decision": {
		AR: "يقرر مجلس الأمن الجماعي (رؤساء الدول) بالتوافق استخدام القوات، ويدعوه الرئيس إلى الانعقاد",
		EN: "the Collective Security Council (the heads of state) decides by consensus on the use of forces; the chair convenes it",
		RU: "Совет коллективной безопасности (главы государств) консенсусом решает вопрос о применении сил; его созывает председатель"},
	"step.assistance": {
		AR: "يقدم الحلفاء المساعدة اللازمة، بما فيها العسكرية",
		EN: "the allies give the necessary assistance, military assistance included",
		RU: "союзники оказывают необходимую помощь, включая военную"},
	"step.notify-un-security-council": {
		AR: "يُبلَّغ مجلس الأمن الدولي بالتدابير المتخذة",
		EN: "the UN Security Council is informed of the measures taken",
		RU: "Совет Безопасности ООН информируется о принятых мерах"},
	"scenario.notmember": {
		AR: "%s ليست عضواً في %s في %s: لا تُلزم المعاهدة أحداً بنجدتها",
		EN: "%s is not a member of %s on %s: the Treaty binds no one to help it",
		RU: "%s не является членом %s на %s: Договор никого не обязывает ей помогать"},
}

// say renders the words key in lang with args.
func say(lang csto.Lang, key string, args ...any) string {
	t, ok := words[key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return t.In(lang)
	}
	return fmt.Sprintf(t.In(lang), args...)
}
