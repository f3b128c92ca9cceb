package i18n

import "github.com/csto/csto"

// The Secretariat's import of timeline articles and review of their
// drafts on the web pages (/imports). Keys are only ever added.
func init() {
	for k, v := range webImportLabels {
		if _, ok := labels[k]; !ok {
			labels[k] = v
		}
	}
}

var webImportLabels = map[string]csto.Text{
	"web.denied": {AR: "لا يحق لهذا الحساب فتح هذه الصفحة أو إرسال نماذجها.", EN: "This account may not open this page or send its forms.", RU: "Эта учётная запись не может открыть эту страницу или отправлять её формы."},

	// The page and the import form.
	"web.imports.link":  {AR: "المسودات المستوردة", EN: "Imported drafts", RU: "Импортированные черновики"},
	"web.imports.title": {AR: "استيراد المقالات ومراجعة المسودات", EN: "Import articles and review their drafts", RU: "Импорт статей и проверка черновиков"},
	"web.imports.lead": {AR: "الصق نص مقال ذي تسلسل زمني: يصبح كل سطر مسودة بتاريخها والدول والمنظمات التي يذكرها ونوع الحدث. «معاينة» لا تكتب شيئاً، و«حفظ» يحفظ المسودات دفعةً للمراجعة. لا يدخل شيء السجل قبل أن تقبل الأمانة العامة المسودة، بعد أن تكتب نصها بكلماتنا باللغات الثلاث.",
		EN: "Paste a timeline article: each line becomes a draft with its date, the states and organizations it names, and the kind of event. Preview writes nothing; save keeps the drafts as a batch for review. Nothing enters the record until the Secretariat accepts a draft, its text written in our own words in the three languages.",
		RU: "Вставьте статью-хронологию: каждая строка становится черновиком с датой, упомянутыми государствами и организациями и видом события. «Просмотр» ничего не записывает; «Сохранить» сохраняет черновики пакетом для проверки. В реестр ничего не попадает, пока Секретариат не примет черновик, написав его текст своими словами на трёх языках."},
	"web.imports.form":               {AR: "استيراد مقال", EN: "Import an article", RU: "Импорт статьи"},
	"web.imports.f.text":             {AR: "نص المقال (مدخل في كل سطر)", EN: "The article's text (one entry a line)", RU: "Текст статьи (по записи в строке)"},
	"web.imports.f.source":           {AR: "المصدر", EN: "The source", RU: "Источник"},
	"web.imports.f.source_title":     {AR: "عنوان المصدر", EN: "Title", RU: "Название"},
	"web.imports.f.source_id":        {AR: "معرّف المصدر", EN: "Source ID", RU: "Идентификатор источника"},
	"web.imports.f.source_publisher": {AR: "الناشر (اختياري)", EN: "Publisher (optional)", RU: "Издатель (необязательно)"},
	"web.imports.f.source_published": {AR: "تاريخ النشر (EDTF، اختياري)", EN: "Published on (EDTF, optional)", RU: "Дата публикации (EDTF, необязательно)"},
	"web.imports.f.source_url":       {AR: "العنوان على الشبكة (اختياري)", EN: "Web address (optional)", RU: "Веб-адрес (необязательно)"},
	"web.imports.f.source_lang":      {AR: "لغة المقال", EN: "Language of the article", RU: "Язык статьи"},
	"web.imports.f.source_help": {AR: "المعرّف والعنوان مطلوبان للحفظ؛ المعرّف بحروف لاتينية صغيرة وأرقام و. _ : - (مثلاً aj-2022-01-06). يُفهم «أمس» و«العام الماضي» نسبةً إلى تاريخ النشر.",
		EN: "The ID and the title are needed to save; the ID in lower-case letters, digits and . _ : - (e.g. aj-2022-01-06). “Yesterday” and “last year” are read against the date of publication.",
		RU: "Для сохранения нужны идентификатор и название; идентификатор — строчные латинские буквы, цифры и . _ : - (например, aj-2022-01-06). «Вчера» и «в прошлом году» отсчитываются от даты публикации."},
	"web.imports.lang.detect": {AR: "— اكتشاف تلقائي —", EN: "— detect —", RU: "— определить —"},
	"web.imports.preview":     {AR: "معاينة", EN: "Preview", RU: "Просмотр"},
	"web.imports.save":        {AR: "حفظ للمراجعة", EN: "Save for review", RU: "Сохранить для проверки"},

	// The preview.
	"web.imports.preview_title":   {AR: "معاينة: لم يُحفظ شيء", EN: "Preview: nothing is saved", RU: "Просмотр: ничего не сохранено"},
	"web.imports.preview_count":   {AR: "عدد المسودات: %d.", EN: "%d drafts.", RU: "Черновиков: %d."},
	"web.imports.preview_caption": {AR: "المسودات كما قرأها المستورد، بترتيب الأسطر", EN: "The drafts as the importer read them, in line order", RU: "Черновики, как их прочёл импорт, по порядку строк"},
	"web.imports.col.line":        {AR: "السطر", EN: "Line", RU: "Строка"},
	"web.imports.col.raw":         {AR: "السطر كما كُتب", EN: "The line as written", RU: "Строка как написана"},
	"web.imports.col.states":      {AR: "الدول", EN: "States", RU: "Государства"},
	"web.imports.col.orgs":        {AR: "المنظمات", EN: "Organizations", RU: "Организации"},
	"web.imports.col.kind":        {AR: "النوع", EN: "Kind", RU: "Вид"},
	"web.imports.col.confidence":  {AR: "الثقة", EN: "Confidence", RU: "Уверенность"},
	"web.imports.col.notes":       {AR: "ملاحظات", EN: "Notes", RU: "Примечания"},
	"web.imports.undated":         {AR: "بلا تاريخ", EN: "undated", RU: "без даты"},

	// The batches.
	"web.imports.batches":         {AR: "الدفعات المحفوظة", EN: "Saved batches", RU: "Сохранённые пакеты"},
	"web.imports.batches_caption": {AR: "الدفعات، الأحدث أولاً، ومسوداتها بحسب حالتها", EN: "Batches, the latest first, with their drafts by status", RU: "Пакеты, сначала последние, с черновиками по состоянию"},
	"web.imports.no_batches":      {AR: "لم تُحفظ أي دفعة بعد.", EN: "No batch saved yet.", RU: "Пакетов пока нет."},
	"web.imports.col.batch":       {AR: "الدفعة", EN: "Batch", RU: "Пакет"},
	"web.imports.col.source":      {AR: "المصدر", EN: "Source", RU: "Источник"},
	"web.imports.col.publisher":   {AR: "الناشر", EN: "Publisher", RU: "Издатель"},
	"web.imports.col.published":   {AR: "تاريخ النشر", EN: "Published", RU: "Опубликовано"},
	"web.imports.col.url":         {AR: "العنوان", EN: "Address", RU: "Адрес"},
	"web.imports.col.saved":       {AR: "الحفظ (UTC)", EN: "Saved (UTC)", RU: "Сохранено (UTC)"},
	"web.imports.col.drafts":      {AR: "المسودات", EN: "Drafts", RU: "Черновики"},
	"web.imports.status.all":      {AR: "الكل", EN: "all", RU: "все"},
	"web.imports.status.pending":  {AR: "قيد المراجعة", EN: "pending", RU: "на проверке"},
	"web.imports.status.accepted": {AR: "مقبولة", EN: "accepted", RU: "приняты"},
	"web.imports.status.rejected": {AR: "مرفوضة", EN: "rejected", RU: "отклонены"},
	"web.imports.account_link":    {AR: "استيراد المقالات ومراجعة المسودات (%d قيد المراجعة)", EN: "Import articles and review drafts (%d pending)", RU: "Импорт статей и проверка черновиков (на проверке: %d)"},

	// One batch.
	"web.imports.batch_title": {AR: "الدفعة %d: %s", EN: "Batch %d: %s", RU: "Пакет %d: %s"},
	"web.imports.back":        {AR: "→ كل الدفعات واستيراد جديد", EN: "← All batches and a new import", RU: "← Все пакеты и новый импорт"},
	"web.imports.review_note": {AR: "لكل مسودة: صحّح التاريخ والدول والمنظمات والنوع، واكتب الحدث بكلماتنا بالعربية والإنجليزية والروسية، ثم اقبلها أو ارفضها. تدخل المسودة المقبولة السجل حدثاً يستشهد بهذا المصدر، بعد أن تمر بقواعد السجل كأي خطوة أخرى.",
		EN: "For each draft: correct the date, the states, the organizations and the kind, write the event in our own words in Arabic, English and Russian, then accept or reject it. An accepted draft enters the record as an event citing this source, through the record's rules like any other step.",
		RU: "Для каждого черновика: исправьте дату, государства, организации и вид, напишите событие своими словами по-арабски, по-английски и по-русски, затем примите или отклоните его. Принятый черновик входит в реестр событием со ссылкой на этот источник, пройдя правила реестра, как любой другой шаг."},
	"web.imports.filter":           {AR: "عرض المسودات", EN: "Show drafts", RU: "Показать черновики"},
	"web.imports.shown":            {AR: "المسودات %d–%d من %d", EN: "Drafts %d–%d of %d", RU: "Черновики %d–%d из %d"},
	"web.imports.line":             {AR: "السطر %d", EN: "Line %d", RU: "Строка %d"},
	"web.imports.none":             {AR: "لا مسودات بهذه الحالة.", EN: "No drafts with this status.", RU: "Черновиков в этом состоянии нет."},
	"web.imports.accepted_as":      {AR: "في السجل: الحدث %d.", EN: "In the record: event %d.", RU: "В реестре: событие %d."},
	"web.imports.on_timeline":      {AR: "اعرضه في التسلسل الزمني", EN: "See it on the timeline", RU: "Показать в хронологии"},
	"web.imports.rejected_because": {AR: "رُفضت:", EN: "Rejected:", RU: "Отклонён:"},
	"web.imports.rejected":         {AR: "رُفضت.", EN: "Rejected.", RU: "Отклонён."},

	// The review forms.
	"web.imports.draft":        {AR: "مراجعة المسودة", EN: "Review the draft", RU: "Проверка черновика"},
	"web.imports.reject_title": {AR: "رفض المسودة", EN: "Reject the draft", RU: "Отклонить черновик"},
	"web.imports.f.date":       {AR: "التاريخ (EDTF)", EN: "Date (EDTF)", RU: "Дата (EDTF)"},
	"web.imports.f.states":     {AR: "الدول (رموز ISO تفصل بينها فواصل)", EN: "States (ISO codes, separated by commas)", RU: "Государства (коды ISO через запятую)"},
	"web.imports.f.orgs":       {AR: "المنظمات (رموز تفصل بينها فواصل)", EN: "Organizations (codes, separated by commas)", RU: "Организации (коды через запятую)"},
	"web.imports.f.kind":       {AR: "نوع الحدث", EN: "Kind of event", RU: "Вид события"},
	"web.imports.f.texts":      {AR: "الحدث بكلماتنا", EN: "The event in our own words", RU: "Событие своими словами"},
	"web.imports.f.text_ar":    {AR: "بالعربية", EN: "In Arabic", RU: "По-арабски"},
	"web.imports.f.text_en":    {AR: "بالإنجليزية", EN: "In English", RU: "По-английски"},
	"web.imports.f.text_ru":    {AR: "بالروسية", EN: "In Russian", RU: "По-русски"},
	"web.imports.f.texts_help": {AR: "اللغات الثلاث مطلوبة للقبول؛ لا تُنسخ جمل المقال إلى السجل.", EN: "All three are needed to accept; the article's sentences are not copied into the record.", RU: "Для принятия нужны все три; фразы статьи в реестр не копируются."},
	"web.imports.f.reason":     {AR: "سبب الرفض (اختياري)", EN: "Reason (optional)", RU: "Причина (необязательно)"},
	"web.imports.save_draft":   {AR: "حفظ التعديلات", EN: "Save changes", RU: "Сохранить изменения"},
	"web.imports.accept":       {AR: "حفظ وقبول في السجل", EN: "Save and accept into the record", RU: "Сохранить и принять в реестр"},
	"web.imports.reject":       {AR: "رفض", EN: "Reject", RU: "Отклонить"},
	"web.imports.err.undated": {AR: "لا تدخل مسودة بلا تاريخ السجل: أعطها تاريخاً أولاً.", EN: "An undated draft cannot enter the record: give it a date first.",
		RU: "Черновик без даты не может войти в реестр: сначала укажите дату."},
	"web.imports.err.text": {AR: "اكتب نص الحدث بهذه اللغة قبل القبول.", EN: "Write the event's text in this language before accepting.",
		RU: "Перед принятием напишите текст события на этом языке."},

	// The rule a review refuses under (package drafts).
	"web.rulename.review": {AR: "مراجعة المسودات", EN: "review of drafts", RU: "проверка черновиков"},

	// The kinds the importer reads, and the kind of an accepted draft
	// that has none of them.
	"web.kind.event":      {AR: "حدث", EN: "event", RU: "событие"},
	"web.kind.imported":   {AR: "حدث", EN: "event", RU: "событие"},
	"web.kind.signature":  {AR: "توقيع", EN: "signature", RU: "подписание"},
	"web.kind.accession":  {AR: "انضمام", EN: "accession", RU: "присоединение"},
	"web.kind.withdrawal": {AR: "انسحاب", EN: "withdrawal", RU: "выход"},
	"web.kind.suspension": {AR: "تعليق العضوية", EN: "suspension", RU: "приостановление членства"},
	"web.kind.observer":   {AR: "صفة مراقب", EN: "observer status", RU: "статус наблюдателя"},
	"web.kind.exercise":   {AR: "مناورة", EN: "exercise", RU: "учения"},
	"web.kind.deployment": {AR: "نشر قوات", EN: "deployment", RU: "развёртывание"},
	"web.kind.request":    {AR: "طلب", EN: "request", RU: "обращение"},
}
