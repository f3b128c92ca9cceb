package i18n

import "github.com/csto/csto"

// The notes of `csto reconcile atop` and /api/v1/reconcile/atop (package
// rules, reconcile.go): why ATOP's record of the CSTO and csto's differ,
// and where they agree in substance though their dates differ. Kept apart
// from the labels so that the exports' edits stay local.
var reconcileLabels = map[string]csto.Text{
	"reconcile.in-force": {
		AR: "يحسب ATOP العضوية من التوقيع (%s)؛ ويَعدّ csto الأطراف ملزَمة من بدء نفاذ المعاهدة (%s) ويدرجها قبل ذلك دولاً موقّعة",
		EN: "ATOP counts memberships from the signature (%s); csto binds the parties from the treaty's entry into force (%s) and lists them as signatories before",
		RU: "ATOP отсчитывает членство с подписания (%s); csto считает участников связанными со вступления договора в силу (%s), а до того — подписавшими государствами"},
	"reconcile.phase-signature": {
		AR: "يبدأ ATOP المرحلة عند توقيع الوثيقة؛ ويطبّق csto أحكامها من بدء نفاذها",
		EN: "ATOP begins the phase at the instrument's signature; csto applies its terms from its entry into force",
		RU: "ATOP начинает этап с подписания документа; csto применяет его положения со вступления в силу"},
	"reconcile.phase-none": {
		AR: "لا يسجّل csto وثيقة وُقّعت أو بدأ نفاذها في ذلك اليوم",
		EN: "csto records no instrument signed or entering into force that day",
		RU: "csto не знает документа, подписанного или вступившего в силу в этот день"},
	"reconcile.phase-amendment": {
		AR: "غيّر التعديل الأحكام، لكن ATOP لا يبدأ له مرحلة",
		EN: "the amendment changed the terms, but ATOP starts no phase for it",
		RU: "поправка изменила условия, но ATOP не начинает для неё нового этапа"},
	"reconcile.span-no-curated": {
		AR: "لا يسجّل csto عندئذ عضوية سارية ولا مشاركة مجمّدة",
		EN: "csto records no membership in good standing or frozen participation then",
		RU: "csto не знает в это время ни действующего членства, ни замороженного участия"},
	"reconcile.span-no-atop": {
		AR: "لا يسجّل ATOP عضوية عندئذ؛ وفي csto: %s",
		EN: "ATOP records no membership then; csto: %s",
		RU: "ATOP не знает членства в это время; в csto: %s"},
	"reconcile.csto": {
		AR: "في csto: %s",
		EN: "csto: %s",
		RU: "в csto: %s"},
	"reconcile.status-from": {
		AR: "%s منذ %s",
		EN: "%s from %s",
		RU: "%s с %s"},
	"reconcile.exit": {
		AR: "يقرأ كلاهما نهاية العضوية على أنها أول يوم خارجها؛ وفي csto: %s",
		EN: "both read the end as the first day out; csto: %s",
		RU: "оба считают концом членства первый день вне его; в csto: %s"},
	"reconcile.exit-expiry": {
		AR: "متفقان في الجوهر: خروج ATOP (%s) هو يوم انقضاء مدة المعاهدة الأولى، ويؤرّخ csto الخروج بأول يوم بعده (%s)، أول يوم من المعاهدة الممدّدة التي لم تنضم إليها الدولة؛ فالفارق يوم واحد في طريقة التأريخ لا في الوقائع؛ وفي csto: %s",
		EN: "the two agree in substance: ATOP's exit (%s) is the day the Treaty's first term expired, and csto dates the departure from the day after (%s), the first day of the extended Treaty the state did not join; the one day between them is a convention of dating, not a disagreement on the facts; csto: %s",
		RU: "по существу записи совпадают: выход в ATOP (%s) — день истечения первого срока Договора, а csto датирует выход следующим днём (%s), первым днём продлённого Договора, к которому государство не присоединилось; разница в один день — условность датировки, а не расхождение в фактах; в csto: %s"},
	"reconcile.exit-publication": {
		AR: "يؤرّخ ATOP الخروج بيوم نشر المذكرة (%s، وهو التاريخ الذي تدّعيه مصادر للحدث %s)، ويؤرّخه csto بقرار مجلس الأمن الجماعي (%s)؛ وقبل القرار يسجّل csto مشاركة الدولة مجمّدة لا منتهية؛ وفي csto: %s",
		EN: "ATOP dates the exit from the note's publication (%s, the date sources claim for %s); csto from the Collective Security Council's decision (%s), before which it records the state's participation as frozen, not ended; csto: %s",
		RU: "ATOP датирует выход днём обнародования ноты (%s — дата, которую источники называют для события %s), csto — решением Совета коллективной безопасности (%s); до решения csto считает участие государства замороженным, а не прекращённым; в csto: %s"},
	"reconcile.provision-no-atop": {
		AR: "لا يرمّز ATOP هذا الالتزام لأي عضو",
		EN: "ATOP codes no such obligation for any member",
		RU: "ATOP не кодирует такого обязательства ни для одного участника"},
	"reconcile.provision-no-curated": {
		AR: "لا تنص أي مادة في سجل csto على هذا الحكم",
		EN: "no article of csto's record makes this provision",
		RU: "ни одна статья в записи csto не содержит такого положения"},
	"reconcile.condition-unconditional": {
		AR: "يرمّز ATOP الالتزام غير مشروط (لا شرط مفصّل، وOLIMOB تساوي 0)؛ وقراءة csto للمادة تجعله مشروطاً",
		EN: "ATOP codes the obligation as unconditional (no detailed condition, OLIMOB 0); csto's reading of the article conditions it",
		RU: "ATOP кодирует обязательство как безусловное (нет детальных условий, OLIMOB 0); по прочтению статьи в csto оно обусловлено"},
	"reconcile.condition-no-curated": {
		AR: "لا تنص مواد csto على هذا الشرط",
		EN: "csto's articles make no such condition",
		RU: "статьи в записи csto не содержат такого условия"},
	// The values of a difference (rules.Reconciliation); the English is
	// the API's original wording.
	"reconcile.v.phase":         {AR: "المرحلة %d منذ %s", EN: "phase %d from %s", RU: "этап %d с %s"},
	"reconcile.v.signed":        {AR: "%s: التوقيع في %s، والنفاذ منذ %s", EN: "%s signed %s, in force %s", RU: "%s: подписан %s, в силе с %s"},
	"reconcile.v.amending":      {AR: "%[1]s: نافذ منذ %[2]s، ويعدّل المواد %[4]s من %[3]s", EN: "%s in force %s, amending %s Arts. %s", RU: "%s: в силе с %s, изменяет %s, ст. %s"},
	"reconcile.v.in-force-on":   {AR: "سارية في %s", EN: "in force on %s", RU: "в силе на %s"},
	"reconcile.v.in-force":      {AR: "سارية", EN: "in force", RU: "в силе"},
	"reconcile.v.from":          {AR: "%s منذ %s", EN: "%s from %s", RU: "%s с %s"},
	"reconcile.v.unconditional": {AR: "%s دون شرط", EN: "%s without condition", RU: "%s без условий"},
	"reconcile.v.condition":     {AR: "%s: %s (منذ %s)", EN: "%s %s (from %s)", RU: "%s: %s (с %s)"},
	// The kinds of difference, as the text view heads them.
	"reconcile.kind.in-force":     {AR: "بدء النفاذ", EN: "in-force", RU: "вступление в силу"},
	"reconcile.kind.phase":        {AR: "المراحل", EN: "phase", RU: "этапы"},
	"reconcile.kind.member-span":  {AR: "مدة العضوية", EN: "member-span", RU: "период членства"},
	"reconcile.kind.member-entry": {AR: "بدء العضوية", EN: "member-entry", RU: "начало членства"},
	"reconcile.kind.member-exit":  {AR: "نهاية العضوية", EN: "member-exit", RU: "конец членства"},
	"reconcile.kind.provision":    {AR: "الالتزام", EN: "provision", RU: "обязательство"},
	"reconcile.kind.condition":    {AR: "الشرط", EN: "condition", RU: "условие"},
	"reconcile.heading": {
		AR: "ATOP %d (%s) وسجل csto للمنظمة %s: %d فروق",
		EN: "ATOP %d (%s) and csto's %s: %d differences",
		RU: "ATOP %d (%s) и запись csto об организации %s: различий — %d"},
}

func init() {
	for k, v := range reconcileLabels {
		labels[k] = v
	}
}
