package i18n

import "github.com/csto/csto"

// The web pages' answers for journalists and researchers: the
// obligations page, downloads and "cite this", the members slider's
// words, and the procedure forms' confirmation and success notices.
// Keys are only ever added.
func init() {
	for k, v := range webPagesLabels {
		if _, ok := labels[k]; !ok {
			labels[k] = v
		}
	}
}

var webPagesLabels = map[string]csto.Text{
	// /obligations
	"web.nav.obligations":                      {AR: "من يجب أن يساعد؟", EN: "Who must help?", RU: "Кто обязан помочь?"},
	"web.obl.title":                            {AR: "إذا تعرّضت دولة لعدوان، فمن يجب أن يساعدها؟", EN: "If a state is attacked, who must help?", RU: "Если на государство нападут, кто обязан помочь?"},
	"web.obl.lead":                             {AR: "اختر الدولة المعتدى عليها، والمعتدي إن شئت، والتاريخ: تُظهر الصفحة من تُلزمه المعاهدة بالمساعدة، وبموجب أي مادة وبأي صيغة كانت سارية يومئذ، وبأي شروط، والخطوات التي تفرضها المعاهدة وما يُظهره السجل أنه حدث.", EN: "Pick the state attacked, the aggressor if you like, and a date: the page shows who is bound to help, under which article and in the wording then in force, on what conditions, and the steps the Treaty requires with what the record shows was done.", RU: "Выберите государство, подвергшееся нападению, при желании — агрессора, и дату: страница покажет, кто обязан помочь, по какой статье и в какой редакции, действовавшей на ту дату, на каких условиях, а также шаги, которых требует Договор, и что из этого было сделано по данным записи."},
	"web.obl.f.target":                         {AR: "الدولة المعتدى عليها", EN: "State attacked", RU: "Государство, подвергшееся нападению"},
	"web.obl.f.aggressor":                      {AR: "الدولة المعتدية", EN: "Aggressor", RU: "Агрессор"},
	"web.obl.f.at":                             {AR: "تاريخ الهجوم", EN: "Date of the attack", RU: "Дата нападения"},
	"web.obl.ask":                              {AR: "اعرض الجواب", EN: "Show the answer", RU: "Показать ответ"},
	"web.obl.choose":                           {AR: "— اختر دولة —", EN: "— choose a state —", RU: "— выберите государство —"},
	"web.obl.no_aggressor":                     {AR: "— غير محدد —", EN: "— not named —", RU: "— не указан —"},
	"web.obl.examples":                         {AR: "أسئلة للبدء", EN: "Questions to start with", RU: "Вопросы для начала"},
	"web.obl.example.arm":                      {AR: "إذا هاجمت أذربيجانُ أرمينيا في 13 سبتمبر/أيلول 2022، فمن كان يجب أن يساعدها؟", EN: "If Azerbaijan attacked Armenia on 13 September 2022, who had to help?", RU: "Если Азербайджан напал на Армению 13 сентября 2022 г., кто был обязан помочь?"},
	"web.obl.example.kaz":                      {AR: "من كان ملزماً بمساعدة كازاخستان في 5 يناير/كانون الثاني 2022؟", EN: "Who was bound to help Kazakhstan on 5 January 2022?", RU: "Кто был обязан помочь Казахстану 5 января 2022 г.?"},
	"web.obl.example.today":                    {AR: "إذا هوجمت طاجيكستان من أفغانستان اليوم، فمن يجب أن يساعدها؟", EN: "If Tajikistan were attacked from Afghanistan today, who must help?", RU: "Если бы на Таджикистан напали из Афганистана сегодня, кто обязан помочь?"},
	"web.obl.q.target":                         {AR: "من يجب أن يساعد %s إذا تعرّضت لعدوان في %s؟", EN: "Who must help %s if attacked on %s?", RU: "Кто обязан помочь: %s, при нападении %s?"},
	"web.obl.q.aggressor":                      {AR: "إذا تعرّضت %s لعدوان من %s في %s، فمن يجب أن يساعدها؟", EN: "If %s is attacked by %s on %s, who must help?", RU: "Если на %s нападёт %s (%s), кто обязан помочь?"},
	"web.obl.answer":                           {AR: "الجواب", EN: "The answer", RU: "Ответ"},
	"web.obl.bound":                            {AR: "الملزَمون بالمساعدة بموجب %s:", EN: "Bound to help under %s:", RU: "Обязаны помочь по %s:"},
	"web.obl.nobody":                           {AR: "لا أحد", EN: "no one", RU: "никто"},
	"web.obl.no_curated":                       {AR: "لم تكن %s عضواً في %s في هذا التاريخ: لا تُلزم المعاهدة أحداً بمساعدتها.", EN: "%s was not a member of the %s on that date: the Treaty binds no one to help it.", RU: "%s не состояла в %s на эту дату: Договор никого не обязывает ей помогать."},
	"web.obl.target_status":                    {AR: "وضع %s في هذا التاريخ: %s. تبقى طرفاً في المعاهدة.", EN: "%s's status on that date: %s. It remains a party to the Treaty.", RU: "Статус (%s) на эту дату: %s. Государство остаётся участником Договора."},
	"web.obl.allies_status":                    {AR: "أعضاء ملزَمون بالمعاهدة لكن وضعهم ليس كاملاً:", EN: "Members bound by the Treaty whose standing is not full:", RU: "Члены, связанные Договором, но не в полном статусе:"},
	"web.obl.conflict.member":                  {AR: "المعتدي (%s) عضو في %s أيضاً، والمعاهدة تمنعه من استخدام القوة ضد أعضائها.", EN: "The aggressor (%s) is itself a member of the %s, which forbids it to use force against the other members.", RU: "Агрессор (%s) сам состоит в %s, что запрещает ему применять силу против других членов."},
	"web.obl.curated":                          {AR: "التزامات %s", EN: "What the %s obliges", RU: "Обязательства: %s"},
	"web.obl.col.allies":                       {AR: "الملزَمون", EN: "Bound", RU: "Обязаны"},
	"web.obl.col.conditions":                   {AR: "الشروط", EN: "Conditions", RU: "Условия"},
	"web.obl.col.alliance":                     {AR: "التحالف", EN: "Alliance", RU: "Союз"},
	"web.obl.col.obligation":                   {AR: "الالتزام", EN: "Obligation", RU: "Обязательство"},
	"web.obl.col.conflict":                     {AR: "التعارض", EN: "Conflict", RU: "Противоречие"},
	"web.obl.col.owes":                         {AR: "ما يلتزم به هناك", EN: "What it owes there", RU: "Что обязан там"},
	"web.obl.wording":                          {AR: "نص المادة الساري في هذا التاريخ:", EN: "The article as worded on that date:", RU: "Статья в редакции, действовавшей на эту дату:"},
	"web.obl.amended":                          {AR: "الصيغة المعدّلة بموجب: %s", EN: "Wording as amended by: %s", RU: "В редакции: %s"},
	"web.obl.steps":                            {AR: "الخطوات التي تفرضها المعاهدة وما يُظهره السجل", EN: "The steps the Treaty requires, and what the record shows", RU: "Шаги, которых требует Договор, и что показывает запись"},
	"web.obl.window":                           {AR: "بحثنا في السجل في الفترة %s.", EN: "The record was searched over %s.", RU: "Запись просмотрена за период %s."},
	"web.obl.who":                              {AR: "من يجب أن يتصرف", EN: "Who must act", RU: "Кто должен действовать"},
	"web.obl.chair":                            {AR: "رئاسة المجلس في ذلك اليوم", EN: "Chairing the Council that day", RU: "Председатель Совета в тот день"},
	"web.obl.record":                           {AR: "في السجل", EN: "In the record", RU: "В записи"},
	"web.obl.recorded":                         {AR: "مسجَّل", EN: "recorded", RU: "записано"},
	"web.obl.not_recorded":                     {AR: "لا شيء مسجَّل", EN: "nothing recorded", RU: "ничего не записано"},
	"web.obl.step.request":                     {AR: "طلب المساعدة", EN: "Request for assistance", RU: "Просьба о помощи"},
	"web.obl.step.consultations":               {AR: "المشاورات", EN: "Consultations", RU: "Консультации"},
	"web.obl.step.council-decision":            {AR: "قرار مجلس الأمن الجماعي", EN: "Decision of the Collective Security Council", RU: "Решение Совета коллективной безопасности"},
	"web.obl.step.assistance":                  {AR: "تقديم المساعدة", EN: "Assistance", RU: "Оказание помощи"},
	"web.obl.step.notify-un-security-council":  {AR: "إخطار مجلس الأمن الدولي", EN: "Notice to the UN Security Council", RU: "Уведомление Совета Безопасности ООН"},
	"web.obl.conflicts":                        {AR: "التعارضات", EN: "Conflicts", RU: "Противоречия"},
	"web.obl.conflicts_caption":                {AR: "روابط تتعارض مع الالتزامات", EN: "Ties that cut across the obligations", RU: "Связи, противоречащие обязательствам"},
	"web.obl.conflict.aggressor-is-member":     {AR: "المعتدي عضو في التحالف", EN: "the aggressor is a member", RU: "агрессор — член союза"},
	"web.obl.conflict.ally-bound-to-aggressor": {AR: "حليف مرتبط بالمعتدي أيضاً", EN: "an ally is bound to the aggressor too", RU: "союзник связан и с агрессором"},
	"web.obl.atop":                             {AR: "تحالفات أخرى (بيانات ATOP 5.1)", EN: "Other alliances (ATOP 5.1 data)", RU: "Другие союзы (данные ATOP 5.1)"},
	"web.obl.atop_note":                        {AR: "تأتي هذه الالتزامات من مشروع ATOP كما هي، بأرقام تحالفاته.", EN: "These obligations come from the ATOP project as it codes them, by its alliance numbers.", RU: "Эти обязательства взяты из проекта ATOP в его кодировке, по номерам его союзов."},
	"web.obl.atop_caption":                     {AR: "التزامات التحالفات الأخرى تجاه %s في %s", EN: "Other alliances' obligations toward %s on %s", RU: "Обязательства других союзов: %s, на %s"},
	"web.obl.atop_alliance":                    {AR: "تحالف ATOP رقم %s", EN: "ATOP alliance %s", RU: "Союз ATOP № %s"},
	"web.obl.link":                             {AR: "من يجب أن يساعد إذا تعرّضت دولة لعدوان؟", EN: "If a state is attacked, who must help?", RU: "Если на государство нападут, кто обязан помочь?"},
	"web.obl.link_state":                       {AR: "من يجب أن يساعد %s إذا تعرّضت لعدوان؟", EN: "Who must help %s if attacked?", RU: "Кто обязан помочь, если нападут: %s?"},

	// Downloads and "cite this"
	"web.cite.heading":   {AR: "تنزيل البيانات والاستشهاد بالصفحة", EN: "Download and cite this page", RU: "Скачать данные и сослаться на страницу"},
	"web.dl.csv":         {AR: "تنزيل ما تعرضه الصفحة (CSV)", EN: "Download what this page shows (CSV)", RU: "Скачать показанное на странице (CSV)"},
	"web.dl.json":        {AR: "تنزيل ما تعرضه الصفحة (JSON)", EN: "Download what this page shows (JSON)", RU: "Скачать показанное на странице (JSON)"},
	"web.dl.exports":     {AR: "ملفات بحثية بتنسيق ATOP", EN: "Research exports in ATOP's layout", RU: "Исследовательские выгрузки в формате ATOP"},
	"web.dl.format_help": {AR: "اختر csv أو json أو bib أو csl", EN: "give csv, json, bib or csl", RU: "укажите csv, json, bib или csl"},
	"web.cite.title":     {AR: "العنوان", EN: "Title", RU: "Название"},
	"web.cite.version":   {AR: "الإصدار", EN: "Version", RU: "Версия"},
	"web.cite.log":       {AR: "موضع السجل", EN: "Log position", RU: "Позиция журнала"},
	"web.cite.log_at":    {AR: "حجم الشجرة %d، الجذر", EN: "tree size %d, root", RU: "размер дерева %d, корень"},
	"web.cite.at":        {AR: "التاريخ المسؤول عنه", EN: "Date asked about", RU: "Дата запроса"},
	"web.cite.accessed":  {AR: "تاريخ الاطلاع", EN: "Read on", RU: "Дата обращения"},
	"web.cite.url":       {AR: "العنوان الإلكتروني", EN: "Address", RU: "Адрес"},

	// The members slider and map
	"web.members.never":    {AR: "لم تكن عضواً قط، أو لا وضع لها", EN: "never a member, or no status", RU: "никогда не состояло или без статуса"},
	"web.members.map_list": {AR: "الدول على الخريطة", EN: "The states on the map", RU: "Государства на карте"},
	"web.chart.list":       {AR: "الوضع عبر الزمن، دولةً دولة", EN: "Status over time, state by state", RU: "Статус по годам, по государствам"},

	// Safe procedure forms
	"web.act.choose":                 {AR: "— اختر —", EN: "— choose —", RU: "— выберите —"},
	"web.act.today":                  {AR: "يُسجَّل هذا الإجراء بتاريخ اليوم، %s.", EN: "This act is recorded as of today, %s.", RU: "Действие записывается сегодняшней датой, %s."},
	"web.act.confirm.title":          {AR: "تأكيد: %s", EN: "Confirm: %s", RU: "Подтверждение: %s"},
	"web.act.confirm.lead":           {AR: "لا يمكن التراجع عن هذا الإجراء بعد تسجيله.", EN: "This act cannot be undone once it is recorded.", RU: "После записи это действие нельзя отменить."},
	"web.act.confirm.do":             {AR: "نعم، سجّل هذا الإجراء", EN: "Yes, record this act", RU: "Да, записать действие"},
	"web.act.confirm.cancel":         {AR: "إلغاء والعودة", EN: "Cancel and go back", RU: "Отменить и вернуться"},
	"web.act.confirm.notice":         {AR: "ستُخطر %s بانسحابها من المعاهدة. يصبح الانسحاب نافذاً بعد ستة أشهر من الإخطار، ويُسجَّل الإخطار علناً ولا يُحذف.", EN: "%s will give notice of withdrawal from the Treaty. The withdrawal takes effect six months after the notice; the notice is recorded publicly and is never deleted.", RU: "%s направит уведомление о выходе из Договора. Выход вступает в силу через шесть месяцев после уведомления; уведомление записывается открыто и не удаляется."},
	"web.act.confirm.withdraw":       {AR: "ستنسحب %s من المنظمة: تصبح عضواً سابقاً من تاريخ اليوم، ولا تعود إلا بقرار قبول جديد.", EN: "%s will withdraw from the Organization: it becomes a former member as of today and can return only by a new admission.", RU: "%s выйдет из Организации: с сегодняшнего дня она станет бывшим членом и сможет вернуться только через новый приём."},
	"web.act.confirm.freeze":         {AR: "ستجمّد %s مشاركتها في المنظمة: تبقى طرفاً في المعاهدة لكن لا تشارك في هيئاتها حتى تعلن استئنافها.", EN: "%s will freeze its participation: it stays a party to the Treaty but takes no part in the bodies until it declares it resumes.", RU: "%s заморозит своё участие: останется участником Договора, но не будет участвовать в работе органов, пока не заявит о возобновлении."},
	"web.act.confirm.suspend":        {AR: "ستُسجَّل عضوية %s معلّقة بقرار المجلس من تاريخ اليوم.", EN: "%s's membership will be recorded as suspended by the Council's decision, as of today.", RU: "Членство (%s) будет записано как приостановленное решением Совета с сегодняшнего дня."},
	"web.act.confirm.close-decision": {AR: "سيُغلق التصويت على هذا المشروع وتُحسب نتيجته الآن من المواقف المعلنة؛ لا يمكن إعادة فتحه.", EN: "The vote on this draft will close and its outcome be counted now from the positions stated; it cannot be reopened.", RU: "Голосование по проекту будет закрыто, а итог подсчитан сейчас по заявленным позициям; вновь открыть его нельзя."},
	"web.act.done":                   {AR: "تمّ التسجيل: %s.", EN: "Recorded: %s.", RU: "Записано: %s."},
	"web.act.done_link":              {AR: "هذا هو السجل الجديد", EN: "This is the new record", RU: "Вот новая запись"},
	"web.act.nothing_today":          {AR: "لا توجد إجراءات يمكن لهذا الحساب اتخاذها اليوم.", EN: "There is no act this account may take today.", RU: "Сегодня этой учётной записи недоступно ни одно действие."},
}
