package i18n

import (
	"fmt"
	"strings"

	"github.com/csto/csto"
)

// Message says a message about input in lang: format is the English
// format an *csto.Error was made of (csto.Errorf, csto.Refusef; see
// (*csto.Error).Format), args its arguments. ok is false when the
// catalogue lacks the format (the caller shows the English message).
// English is the format itself. The web's test holds the catalogue to
// every format the registry, the service, the drafts and the pages use.
func Message(lang csto.Lang, format string, args ...any) (string, bool) {
	if lang == csto.English {
		return fmt.Sprintf(format, args...), true
	}
	t, ok := messages[format]
	if !ok {
		return "", false
	}
	f := t.AR
	if lang == csto.Russian {
		f = t.RU
	}
	said := make([]any, len(args))
	for i, a := range args {
		said[i] = a
		switch a := a.(type) {
		case *csto.Subject:
			said[i] = subjectIn(lang, a)
		case csto.Standing:
			said[i] = standingIn(lang, a)
		case csto.Phrase:
			said[i] = csto.Text(a).In(lang)
		}
	}
	return fmt.Sprintf(f, said...), true
}

// subjects say what a decision decides (csto.Subject), with the state's
// or host's code or name: a refusal in Arabic or Russian names the act in
// its own words, not "admit SRB".
var subjects = map[string]csto.Text{
	csto.SubjectAdmit:     {AR: "قبول %s عضواً", EN: "admit %s as a member", RU: "принять %s в члены"},
	csto.SubjectSuspend:   {AR: "تعليق عضوية %s", EN: "suspend the membership of %s", RU: "приостановить членство %s"},
	csto.SubjectReinstate: {AR: "إعادة %s إلى المشاركة", EN: "reinstate %s", RU: "восстановить участие %s"},
	csto.SubjectObserver:  {AR: "منح %s صفة المراقب", EN: "grant %s observer status", RU: "предоставить %s статус наблюдателя"},
	csto.SubjectPartner:   {AR: "منح %s صفة الشريك", EN: "grant %s partner status", RU: "предоставить %s статус партнёра"},
	csto.SubjectOperation: {AR: "إنشاء عملية في %s", EN: "establish an operation in %s", RU: "учредить операцию в %s"},
}

// subjectIn says s in lang (Arabic or Russian) with the state's code; an
// act it does not know is said as English does.
func subjectIn(lang csto.Lang, s *csto.Subject) string {
	return Subject(lang, s, func(code string) string { return code })
}

// Subject says what a decision decides in lang, naming the state or host
// by name(code): "قبول صربيا عضواً", "establish an operation in
// Kazakhstan". A nil subject is "no act"; an act the words do not know is
// said as the record spells it.
func Subject(lang csto.Lang, s *csto.Subject, name func(code string) string) string {
	if s == nil {
		return csto.Text{AR: "لا فعل", EN: "no act", RU: "никакого акта"}.In(lang)
	}
	t, ok := subjects[s.Act]
	if !ok {
		return s.String()
	}
	who := s.State
	if s.Act == csto.SubjectOperation {
		who = s.Host
	}
	return fmt.Sprintf(t.In(lang), name(who))
}

// standingIn says a state's standing in lang (Arabic or Russian) with the
// status labels the pages use: "عضوية معلّقة منذ 2012-12-19".
func standingIn(lang csto.Lang, s csto.Standing) string {
	if s.Status == "" {
		return csto.Text{AR: "غير عضو", RU: "не член"}.In(lang)
	}
	return T(lang, "status."+string(s.Status)) + " " + T(lang, "since") + " " + s.Since.String()
}

// HasMessage reports whether the catalogue says format in Arabic and
// Russian.
func HasMessage(format string) bool {
	t, ok := messages[format]
	return ok && t.AR != "" && t.RU != ""
}

// MessageFormats are the catalogue's formats with their translations, for
// the tests that compare verbs.
func MessageFormats() map[string]csto.Text {
	out := make(map[string]csto.Text, len(messages))
	for k, v := range messages {
		v.EN = k
		out[k] = v
	}
	return out
}

// The messages a reader may meet in a form or a page's filters, keyed by
// their English format; the verbs in the same order. Codes and IDs in the
// arguments stay as they are.
var messages = map[string]csto.Text{
	// Input and its shape.
	"required":                                        {AR: "هذا الحقل مطلوب", RU: "обязательное поле"},
	"malformed JSON":                                  {AR: "نص JSON غير سليم", RU: "некорректный JSON"},
	"not JSON: %v":                                    {AR: "ليس JSON: %v", RU: "не JSON: %v"},
	"numbers cannot be negative":                      {AR: "لا يجوز أن يكون العدد سالباً", RU: "число не может быть отрицательным"},
	"the text is not valid UTF-8":                     {AR: "النص ليس ترميز UTF-8 صالحاً", RU: "текст не в допустимой кодировке UTF-8"},
	"text is required in %s":                          {AR: "النص مطلوب باللغة %s", RU: "нужен текст на языке %s"},
	"%q is not a whole number of 0 or more":           {AR: "«%s» ليس عدداً صحيحاً يساوي 0 أو أكثر", RU: "«%s» — не целое число от 0"},
	"%q is not a year":                                {AR: "«%s» ليس سنة", RU: "«%s» — не год"},
	"%d is not a year":                                {AR: "%d ليس سنة", RU: "%d — не год"},
	"%d is not a year: %v":                            {AR: "%d ليس سنة: %v", RU: "%d — не год: %v"},
	"%q is not ar, en or ru":                          {AR: "«%s» ليست ar أو en أو ru", RU: "«%s» — не ar, en или ru"},
	"%q is not a language csto speaks (ar, en or ru)": {AR: "«%s» ليست لغة يتكلمها csto (ar أو en أو ru)", RU: "«%s» — не язык csto (ar, en или ru)"},
	// (The parser's own reason, the second argument, is English: the
	// translations leave it out.)
	"%q is not a date csto reads (%s): write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-09-13), or a period as YYYY-MM/YYYY-MM": {
		AR: "«%[1]s» ليس تاريخاً يقرؤه csto: اكتب سنة أو سنة-شهر أو سنة-شهر-يوم (مثل 2022-09-13 أو ٢٠٢٢-٠٩-١٣)، أو فترة بالشكل 2022-01/2022-03",
		RU: "«%[1]s» — не дата: напишите ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД (например, 2022-09-13) или период ГГГГ-ММ/ГГГГ-ММ"},
	"character %d is U+%04X (%s): invisible control characters, which can hide or reorder what a reader sees, are refused in text": {
		AR: "الحرف %d هو U+%04X (%s): تُرفض في النص محارف التحكم غير المرئية التي قد تخفي ما يراه القارئ أو تعيد ترتيبه",
		RU: "символ %d — U+%04X (%s): невидимые управляющие символы, способные скрыть или переставить видимый текст, не допускаются"},
	"%q takes no qualifier":                            {AR: "«%s» لا يقبل وصفاً إضافياً", RU: "«%s» не допускает уточнения"},
	"%q is not a page of this list (1–%d)":             {AR: "«%s» ليست صفحة من هذه القائمة (1–%d)", RU: "«%s» — нет такой страницы списка (1–%d)"},
	"%q is not a log position between 2 and %d":        {AR: "«%s» ليس موضعاً في السجل بين 2 و%d", RU: "«%s» — не позиция журнала от 2 до %d"},
	"%d is not the position of a timeline entry":       {AR: "%d ليس موضع حدث في الخط الزمني", RU: "%d — не позиция события хронологии"},
	"%d is negative":                                   {AR: "%d عدد سالب", RU: "%d — отрицательное число"},
	"%d is not the position of one of these exercises": {AR: "%d ليس موضع إحدى هذه المناورات", RU: "%d — не позиция одного из этих учений"},
	"no draft %d to continue after":                    {AR: "لا توجد مسودة %d لمتابعة ما بعدها", RU: "нет черновика %d, после которого продолжить"},
	"%q is not pending, accepted or rejected":          {AR: "«%s» ليست: قيد المراجعة أو مقبولة أو مرفوضة", RU: "«%s» — не «ожидает», «принят» или «отклонён»"},
	"this page has no table %q (it has %s)":            {AR: "ليس في هذه الصفحة جدول «%s» (فيها: %s)", RU: "на этой странице нет таблицы «%s» (есть: %s)"},
	"this page has no table to download as CSV":        {AR: "ليس في هذه الصفحة جدول يُنزَّل بصيغة CSV", RU: "на этой странице нет таблицы для CSV"},
	"search is not configured":                         {AR: "البحث غير مُعَدّ على هذا الخادم", RU: "поиск на этом сервере не настроен"},
	"draft review is not configured":                   {AR: "مراجعة المسودات غير مُعَدّة على هذا الخادم", RU: "проверка черновиков на этом сервере не настроена"},

	// Identifiers and codes.
	"%s is not %s (between %d and %d)": {AR: "%s ليس %s (بين %d و%d)", RU: "%s — не %s (от %d до %d)"},
	"%d is not a COW country code":     {AR: "%d ليس رمز دولة في COW", RU: "%d — не код страны COW"},
	"%d is not an ATOP number":         {AR: "%d ليس رقماً في ATOP", RU: "%d — не номер ATOP"},
	"%q is not an ISO 3166-1 alpha-3 code (or COW-XXX, ATOP-NNNN for states ISO never coded)": {
		AR: "«%s» ليس رمز ISO 3166-1 ثلاثي الأحرف (أو COW-XXX أو ATOP-NNNN لدولة لا رمز لها في ISO)",
		RU: "«%s» — не трёхбуквенный код ISO 3166-1 (или COW-XXX, ATOP-NNNN для государств без кода ISO)"},
	"%q is not a valid command id (letters, digits and . _ : -, at most 128)": {
		AR: "«%s» ليس معرّف أمر صالحاً (حروف وأرقام و. _ : -، 128 على الأكثر)", RU: "«%s» — недопустимый идентификатор команды (буквы, цифры и . _ : -, не более 128)"},
	"%q is not a valid alliance id":     {AR: "«%s» ليس معرّف تحالف صالحاً", RU: "«%s» — недопустимый идентификатор союза"},
	"%q is not a valid body id":         {AR: "«%s» ليس معرّف هيئة صالحاً", RU: "«%s» — недопустимый идентификатор органа"},
	"%q is not a valid decision id":     {AR: "«%s» ليس معرّف قرار صالحاً", RU: "«%s» — недопустимый идентификатор решения"},
	"%q is not a valid exercise id":     {AR: "«%s» ليس معرّف مناورة صالحاً", RU: "«%s» — недопустимый идентификатор учений"},
	"%q is not a valid force id":        {AR: "«%s» ليس معرّف قوة صالحاً", RU: "«%s» — недопустимый идентификатор сил"},
	"%q is not a valid incident id":     {AR: "«%s» ليس معرّف حادثة صالحاً", RU: "«%s» — недопустимый идентификатор инцидента"},
	"%q is not a valid instrument id":   {AR: "«%s» ليس معرّف وثيقة صالحاً", RU: "«%s» — недопустимый идентификатор документа"},
	"%q is not a valid operation id":    {AR: "«%s» ليس معرّف عملية صالحاً", RU: "«%s» — недопустимый идентификатор операции"},
	"%q is not a valid organization id": {AR: "«%s» ليس معرّف منظمة صالحاً", RU: "«%s» — недопустимый идентификатор организации"},
	"%q is not a valid request id":      {AR: "«%s» ليس معرّف طلب صالحاً", RU: "«%s» — недопустимый идентификатор запроса"},
	"%q is not a valid session id":      {AR: "«%s» ليس معرّف دورة صالحاً", RU: "«%s» — недопустимый идентификатор сессии"},
	"%q is not a valid source id":       {AR: "«%s» ليس معرّف مصدر صالحاً", RU: "«%s» — недопустимый идентификатор источника"},
	"%q is not a valid source id (lower-case letters, digits and . _ : -)": {
		AR: "«%s» ليس معرّف مصدر صالحاً (حروف لاتينية صغيرة وأرقام و. _ : -)", RU: "«%s» — недопустимый идентификатор источника (строчные латинские буквы, цифры и . _ : -)"},
	"a delegate acts for a state: delegate:ISO3 (got %q)": {AR: "المندوب يعمل باسم دولة: delegate:ISO3 (وردت «%s»)", RU: "делегат действует от имени государства: delegate:ISO3 (получено «%s»)"},

	// Unknown things.
	"unknown alliance %q":                                         {AR: "تحالف غير معروف «%s»", RU: "неизвестный союз «%s»"},
	"unknown body %q of %s":                                       {AR: "هيئة غير معروفة «%s» في %s", RU: "неизвестный орган «%s» организации %s"},
	"unknown command type %q":                                     {AR: "نوع أمر غير معروف «%s»", RU: "неизвестный тип команды «%s»"},
	"unknown decision %q":                                         {AR: "قرار غير معروف «%s»", RU: "неизвестное решение «%s»"},
	"unknown force %q":                                            {AR: "قوة غير معروفة «%s»", RU: "неизвестные силы «%s»"},
	"unknown instrument %q":                                       {AR: "وثيقة غير معروفة «%s»", RU: "неизвестный документ «%s»"},
	"unknown membership step %q":                                  {AR: "خطوة عضوية غير معروفة «%s»", RU: "неизвестный шаг членства «%s»"},
	"unknown operation %q":                                        {AR: "عملية غير معروفة «%s»", RU: "неизвестная операция «%s»"},
	"unknown organization %q":                                     {AR: "منظمة غير معروفة «%s»", RU: "неизвестная организация «%s»"},
	"unknown request %q":                                          {AR: "طلب غير معروف «%s»", RU: "неизвестный запрос «%s»"},
	"unknown session %q":                                          {AR: "دورة غير معروفة «%s»", RU: "неизвестная сессия «%s»"},
	"unknown source %q":                                           {AR: "مصدر غير معروف «%s»", RU: "неизвестный источник «%s»"},
	"unknown state %q":                                            {AR: "دولة غير معروفة «%s»", RU: "неизвестное государство «%s»"},
	"unknown condition code %q (one of %v)":                       {AR: "رمز شرط غير معروف «%s» (أحد %v)", RU: "неизвестный код условия «%s» (один из %v)"},
	"unknown level %q (one of %v)":                                {AR: "مستوى غير معروف «%s» (أحد %v)", RU: "неизвестный уровень «%s» (один из %v)"},
	"unknown level %q (strategic, operational or tactical)":       {AR: "مستوى غير معروف «%s» (استراتيجي أو عملياتي أو تكتيكي)", RU: "неизвестный уровень «%s» (стратегический, оперативный или тактический)"},
	"unknown phase %q (one of %v)":                                {AR: "مرحلة غير معروفة «%s» (إحدى %v)", RU: "неизвестный этап «%s» (один из %v)"},
	"unknown position %q (one of %v)":                             {AR: "موقف غير معروف «%s» (أحد %v)", RU: "неизвестная позиция «%s» (одна из %v)"},
	"unknown presence %q (one of %v)":                             {AR: "حضور غير معروف «%s» (أحد %v)", RU: "неизвестное присутствие «%s» (одно из %v)"},
	"unknown provision %q (one of %v)":                            {AR: "حكم غير معروف «%s» (أحد %v)", RU: "неизвестное положение «%s» (одно из %v)"},
	"unknown legal basis %q (one of %v, or none)":                 {AR: "أساس قانوني غير معروف «%s» (أحد %v، أو دون أساس)", RU: "неизвестное правовое основание «%s» (одно из %v или никакого)"},
	"unknown request kind %q (assistance or consultations)":       {AR: "نوع طلب غير معروف «%s» (مساعدة أو مشاورات)", RU: "неизвестный вид запроса «%s» (помощь или консультации)"},
	"unknown role %q (public, delegate:ISO3, secretariat, admin)": {AR: "دور غير معروف «%s» (public أو delegate:ISO3 أو secretariat أو admin)", RU: "неизвестная роль «%s» (public, delegate:ISO3, secretariat, admin)"},
	"unknown session kind %q (one of %v)":                         {AR: "نوع دورة غير معروف «%s» (أحد %v)", RU: "неизвестный вид сессии «%s» (один из %v)"},
	"no chair of %s is on record":                                 {AR: "لا رئيس لـ%s في السجل", RU: "председатель %s в записях не указан"},
	"no chair of %s is on record for %d, and the rotation rule does not reach it": {
		AR: "لا رئيس لـ%s في السجل لعام %d، وقاعدة التناوب لا تبلغه", RU: "председатель %s на %d г. в записях не указан, и правило ротации до этого года не доходит"},
	"%s has no body with a rotating chair on record":      {AR: "ليس لـ%s في السجل هيئة برئاسة دورية", RU: "у %s в записях нет органа с ротацией председателя"},
	"%s has no phase %d":                                  {AR: "ليس لـ%s مرحلة رقمها %d", RU: "у %s нет этапа %d"},
	"no command %q in the log to correct":                 {AR: "لا أمر «%s» في السجل لتصحيحه", RU: "в журнале нет команды «%s» для исправления"},
	"the record cannot read back the events it shows: %v": {AR: "تعذّرت قراءة الأحداث المعروضة من السجل: %v", RU: "не удалось прочитать из журнала показываемые события: %v"},
	"the log cannot be read back to correct %s: %v":       {AR: "تعذّرت قراءة السجل لتصحيح %s: %v", RU: "не удалось прочитать журнал, чтобы исправить %s: %v"},
	"revision %d of unknown source %q":                    {AR: "المراجعة %d لمصدر غير معروف «%s»", RU: "редакция %d неизвестного источника «%s»"},
	"no batch %d":                                         {AR: "لا دفعة رقمها %d", RU: "нет пакета %d"},
	"no batch %q":                                         {AR: "لا دفعة «%s»", RU: "нет пакета «%s»"},
	"no draft %d":                                         {AR: "لا مسودة رقمها %d", RU: "нет черновика %d"},
	"no draft %q":                                         {AR: "لا مسودة «%s»", RU: "нет черновика «%s»"},

	// What a command needs.
	"a %s command needs a date":         {AR: "أمر %s يحتاج إلى تاريخ", RU: "команде %s нужна дата"},
	"a %s command needs data":           {AR: "أمر %s يحتاج إلى بيانات", RU: "команде %s нужны данные"},
	"a claim needs a field and a value": {AR: "الرواية تحتاج إلى حقل وقيمة", RU: "версии нужны поле и значение"},
	"a claim needs at least one source": {AR: "الرواية تحتاج إلى مصدر واحد على الأقل", RU: "версии нужен хотя бы один источник"},
	"a contested fact needs the reason its preferred claim is preferred, in ar, en and ru": {
		AR: "الواقعة المتنازع عليها تحتاج إلى سبب ترجيح روايتها المفضّلة، بالعربية والإنجليزية والروسية", RU: "для спорного факта нужна причина, по которой предпочтена его версия, на ar, en и ru"},
	"a dated fact needs at least one source":                       {AR: "الواقعة المؤرّخة تحتاج إلى مصدر واحد على الأقل", RU: "датированному факту нужен хотя бы один источник"},
	"a membership needs its entry date":                            {AR: "العضوية تحتاج إلى تاريخ دخولها", RU: "членству нужна дата вступления"},
	"a notice of withdrawal says when the withdrawal takes effect": {AR: "إشعار الانسحاب يذكر متى يسري الانسحاب", RU: "в уведомлении о выходе указывается, когда выход вступает в силу"},
	"only a notice of withdrawal has an effective date":            {AR: "وحده إشعار الانسحاب له تاريخ سريان", RU: "дата вступления в силу бывает только у уведомления о выходе"},
	"a withdrawal cannot take effect (%s) before its notice (%s)":  {AR: "لا يسري الانسحاب (%s) قبل إشعاره (%s)", RU: "выход не может вступить в силу (%s) раньше уведомления (%s)"},
	"a phase needs the date it began":                              {AR: "المرحلة تحتاج إلى تاريخ بدئها", RU: "этапу нужна дата начала"},
	"a source needs a title":                                       {AR: "المصدر يحتاج إلى عنوان", RU: "источнику нужно название"},
	"a state needs the date it came into being":                    {AR: "الدولة تحتاج إلى تاريخ نشوئها", RU: "государству нужна дата возникновения"},
	"an alliance has at least one phase":                           {AR: "للتحالف مرحلة واحدة على الأقل", RU: "у союза есть хотя бы один этап"},
	"an alliance needs the date it began":                          {AR: "التحالف يحتاج إلى تاريخ بدئه", RU: "союзу нужна дата начала"},
	"an article needs its number":                                  {AR: "المادة تحتاج إلى رقمها", RU: "статье нужен номер"},
	"an event needs a kind":                                        {AR: "الحدث يحتاج إلى نوع", RU: "событию нужен вид"},
	"an incident needs its parties":                                {AR: "الحادثة تحتاج إلى أطرافها", RU: "инциденту нужны стороны"},
	"an office term needs the office":                              {AR: "ولاية المنصب تحتاج إلى المنصب", RU: "сроку полномочий нужна должность"},
	"an organization is not contrary to itself":                    {AR: "المنظمة لا تناقض نفسها", RU: "организация не противоречит сама себе"},
	"a reading of an organization as contrary to another needs the source that holds it": {
		AR: "عدُّ منظمةٍ مناقضةً لأخرى يحتاج إلى المصدر الذي يقول بذلك", RU: "прочтению организации как противоречащей другой нужен источник, который так считает"},
	"say from when the source holds %s contrary to %s": {AR: "اذكر منذ متى يعدّ المصدر %s مناقضة لـ%s", RU: "укажите, с какого времени источник считает %s противоречащей %s"},
	"article %s is given twice":                        {AR: "المادة %s مذكورة مرتين", RU: "статья %s указана дважды"},
	"no article given":                                 {AR: "لم تُذكر أي مادة", RU: "не указано ни одной статьи"},
	"phase %d is negative or given twice":              {AR: "المرحلة %d سالبة أو مذكورة مرتين", RU: "этап %d отрицателен или указан дважды"},
	"%s has two positions":                             {AR: "لـ%s موقفان", RU: "у %s две позиции"},
	"a member present to state a position is not absent; record absence with session attend": {
		AR: "العضو الحاضر ليُبدي موقفه ليس غائباً؛ يُسجَّل الغياب في الحضور", RU: "член, присутствующий, чтобы заявить позицию, не отсутствует; отсутствие отмечается в явке"},
	"decision %s is of %s, not of %s":                                  {AR: "القرار %s تابع لـ%s لا لـ%s", RU: "решение %s относится к %s, а не к %s"},
	"session %s is of %s/%s, not %s/%s":                                {AR: "الدورة %s تابعة لـ%s/%s لا لـ%s/%s", RU: "сессия %s относится к %s/%s, а не к %s/%s"},
	"%s registers reference data, which is neither an act nor history": {AR: "%s يسجّل بيانات مرجعية، وهي ليست فعلاً ولا تاريخاً", RU: "%s вносит справочные данные — не акт и не история"},
	"every event records its actor":                                    {AR: "كل حدث يسجّل من قام به", RU: "каждое событие записывает своего автора"},
	"command %q is already in the log (event %d)":                      {AR: "الأمر «%s» موجود في السجل (الحدث %d)", RU: "команда «%s» уже в журнале (событие %d)"},
	"a revision is 0 (a new source) or more (a correction), not %d":    {AR: "المراجعة 0 (مصدر جديد) أو أكثر (تصحيح)، لا %d", RU: "редакция — 0 (новый источник) или больше (исправление), а не %d"},
	"a revision of a source says what it corrects":                     {AR: "مراجعة المصدر تذكر ما تصحّحه", RU: "редакция источника указывает, что она исправляет"},
	"the encoding of an instrument's articles cites the text it reads": {AR: "ترميز مواد الوثيقة يستشهد بالنص الذي يقرؤه", RU: "кодирование статей документа ссылается на читаемый текст"},
	"the end (%s) is before the start (%s)":                            {AR: "النهاية (%s) قبل البداية (%s)", RU: "конец (%s) раньше начала (%s)"},
	"the end of the period (%s) is before its start (%s)":              {AR: "نهاية الفترة (%s) قبل بدايتها (%s)", RU: "конец периода (%s) раньше его начала (%s)"},
	"the mandate cannot end (%s) before it begins (%s)":                {AR: "لا تنتهي الولاية (%s) قبل أن تبدأ (%s)", RU: "мандат не может закончиться (%s) раньше начала (%s)"},

	// What a decision decides (registry/decides.go).
	"unknown act %q (one of %v)": {AR: "فعل غير معروف «%s» (أحد %v)", RU: "неизвестный акт «%s» (один из %v)"},
	"an operation's subject names its host (data.subject.host), not a state": {
		AR: "موضوع العملية يذكر الدولة المضيفة (data.subject.host) لا دولةً", RU: "предмет операции называет принимающее государство (data.subject.host), а не государство"},
	"only an operation has a host; %s names a state (data.subject.state)": {
		AR: "الدولة المضيفة للعملية وحدها؛ %s يذكر دولة (data.subject.state)", RU: "принимающее государство есть только у операции; %s называет государство (data.subject.state)"},
	"%q is not a subject: write the act and the state, e.g. \"admit SRB\" or \"establish-operation KAZ\"": {
		AR: "«%s» ليس موضوعاً: اكتب الفعل والدولة، مثل \"admit SRB\" أو \"establish-operation KAZ\"", RU: "«%s» — не предмет: укажите акт и государство, например \"admit SRB\" или \"establish-operation KAZ\""},
	"decision %s was taken by %s; %s is decided by the Collective Security Council (%s)": {
		AR: "القرار %s اتخذته %s؛ أما %s فيقرره مجلس الأمن الجماعي (%s)", RU: "решение %s принято органом %s; %s решает Совет коллективной безопасности (%s)"},
	"decision %s was not adopted (%s); it cannot authorize %s": {
		AR: "القرار %s لم يُعتمد (%s)؛ فلا يجيز %s", RU: "решение %s не принято (%s); оно не может разрешить %s"},
	"decision %s was adopted on %s; it was not in force on %s": {
		AR: "اعتُمد القرار %s يوم %s؛ فلم يكن نافذاً يوم %s", RU: "решение %s принято %s; %s оно ещё не действовало"},
	"decision %s records no subject: it decided no act, not %s": {
		AR: "القرار %s لا يذكر موضوعاً: لم يقرر أي فعل، لا %s", RU: "в решении %s не записан предмет: оно не решало никакого акта, в том числе %s"},
	"decision %s decided %s, not %s": {AR: "القرار %s قرّر %s، لا %s", RU: "решение %s решило %s, а не %s"},
	"%s is not an act a decision decides; it cites no decision": {
		AR: "%s ليس فعلاً يقرره قرار؛ فلا يستشهد بقرار", RU: "%s — не акт, который решается решением; он не ссылается на решение"},
	"an operation is created only by a decision of the Council (data.decision)": {
		AR: "لا تُنشأ العملية إلا بقرار من المجلس (data.decision)", RU: "операция создаётся только решением Совета (data.decision)"},

	// Corrections.
	"a correction cannot change a command's %s": {AR: "لا يغيّر التصحيح %s الأمر", RU: "исправление не может менять %s команды"},
	"a correction may change date, sources, text, claims, preferred or data, not %q": {
		AR: "يجوز للتصحيح أن يغيّر التاريخ أو المصادر أو النص أو الروايات أو المرجَّح أو البيانات، لا «%s»", RU: "исправление может менять дату, источники, текст, версии, предпочтение или данные, но не «%s»"},
	"a correction of %s needs the sources that support the corrected values (only a rewording of texts needs none)": {
		AR: "تصحيح %s يحتاج إلى المصادر التي تسند القيم المصحّحة (وحدها إعادة صياغة النصوص لا تحتاج إليها)", RU: "исправлению %s нужны источники исправленных значений (без них — только переформулировка текстов)"},
	"a correction's patch changes nothing":                             {AR: "رقعة التصحيح لا تغيّر شيئاً", RU: "исправление ничего не меняет"},
	"a correction's patch is a JSON object of the fields it changes":   {AR: "رقعة التصحيح كائن JSON بالحقول التي تغيّرها", RU: "исправление — объект JSON с изменяемыми полями"},
	"the patch's data is an object of the payload's fields it changes": {AR: "بيانات الرقعة كائن بحقول الحمولة التي تغيّرها", RU: "данные исправления — объект с изменяемыми полями"},
	"the corrected %s: %s":                                             {AR: "%s المصحَّح: %s", RU: "исправленное %s: %s"},
	"the corrected %s: %v":                                             {AR: "%s المصحَّح: %v", RU: "исправленное %s: %v"},
	"the corrected command does not decode: %v":                        {AR: "الأمر المصحَّح لا يُقرأ: %v", RU: "исправленная команда не читается: %v"},

	// The imported drafts.
	"a batch needs its source's title":                               {AR: "الدفعة تحتاج إلى عنوان مصدرها", RU: "пакету нужно название источника"},
	"an undated draft cannot enter the record; give it a date first": {AR: "لا تدخل مسودة بلا تاريخ في السجل؛ أعطها تاريخاً أولاً", RU: "черновик без даты не войдёт в записи; сначала укажите дату"},
	"draft %d is already %s":                                         {AR: "المسودة %d صارت %s", RU: "черновик %d уже %s"},
	"the Secretariat reviews imported drafts; %s may not":            {AR: "الأمانة العامة هي التي تراجع المسودات المستوردة؛ لا يجوز ذلك لـ%s", RU: "импортированные черновики проверяет Секретариат; %s не может"},
	"write the event's text in ar, en and ru before accepting (imported sentences are not copied into the record)": {
		AR: "اكتب نص الحدث بالعربية والإنجليزية والروسية قبل القبول (لا تُنسخ الجمل المستوردة إلى السجل)", RU: "перед принятием напишите текст события на ar, en и ru (импортированные фразы в записи не копируются)"},

	// The time rules (registry/time.go).
	"an act takes effect when it is recorded, so its date is today, %s (or none); %s is not. An act that happened on another day is history, which the Secretariat records with its sources (\"history\": true)": {
		AR: "يسري الفعل يوم تسجيله، فتاريخه اليوم %s (أو لا تاريخ)؛ وليس %s. والفعل الذي وقع في يوم آخر تاريخٌ تسجّله الأمانة العامة بمصادره",
		RU: "акт вступает в силу в день записи, поэтому его дата — сегодня, %s (или не указана); %s — нет. Акт, совершённый в другой день, — это история, которую Секретариат вносит с источниками"},
	"history needs the sources that report it; %s is the record of acts taken in csto, not of what happened before": {
		AR: "التاريخ يحتاج إلى المصادر التي ترويه؛ %s سجلّ الأفعال المتّخذة في csto، لا سجلّ ما وقع قبلها", RU: "истории нужны сообщающие о ней источники; %s — запись актов, совершённых в csto, а не того, что было раньше"},
	"%s (%s) is after today (%s); only %s may lie ahead": {AR: "%s (%s) بعد اليوم (%s)؛ لا يجوز تاريخ مقبل إلا في: %s", RU: "%s (%s) позже сегодняшнего дня (%s); в будущем может быть только %s"},
	// The registry's refusals (refuse, forbid, implausible).
	"%d is more than any true value (at most %d)":                                                {AR: "%d أكبر من أي قيمة حقيقية (الحد الأقصى %d)", RU: "%d больше любого реального значения (не более %d)"},
	"%d: a number of the record cannot be negative":                                              {AR: "%d: لا يكون عدد في السجل سالباً", RU: "%d: число в записи не может быть отрицательным"},
	"%s (%s) cannot precede %s (%s)":                                                             {AR: "لا يمكن أن يسبق %s (%s) ما هو %s (%s)", RU: "%s (%s) не может предшествовать %s (%s)"},
	"%s already entered into force on %s":                                                        {AR: "%s دخل حيز النفاذ من قبل في %s", RU: "%s уже вступил в силу %s"},
	"%s already has a contingent in %s":                                                          {AR: "لدى %s وحدة من قبل في %s", RU: "у %s уже есть контингент в %s"},
	"%s already has a membership of %s phase %d entered on %s (event %d)":                        {AR: "لدى %s عضوية من قبل في %s، المرحلة %d، بدأت في %s (الحدث %d)", RU: "у %s уже есть членство в %s, этап %d, с %s (событие %d)"},
	"%s already ratified %s":                                                                     {AR: "%s صادقت من قبل على %s", RU: "%s уже ратифицировало %s"},
	"%s already reached phase %s":                                                                {AR: "%s بلغت من قبل المرحلة %s", RU: "%s уже достигла этапа %s"},
	"%s already signed %s":                                                                       {AR: "%s وقّعت من قبل على %s", RU: "%s уже подписало %s"},
	"%s already signed %s: it is %s":                                                             {AR: "%s وقّعت من قبل على %s: وضعها %s", RU: "%s уже подписало %s: его статус — %s"},
	"%s cannot act on %s (%s) before it was adopted (%s)":                                        {AR: "لا يمكن لـ%s أن يسري على %s (%s) قبل اعتماده (%s)", RU: "%s не может действовать в отношении %s (%s) до своего принятия (%s)"},
	"%s cannot enter into force (%s) before it was adopted (%s)":                                 {AR: "لا يمكن أن يدخل %s حيز النفاذ (%s) قبل اعتماده (%s)", RU: "%s не может вступить в силу (%s) до своего принятия (%s)"},
	"%s cannot leave %s (%s) before entering it (%s)":                                            {AR: "لا يمكن لـ%s أن تغادر %s (%s) قبل دخولها (%s)", RU: "%s не может выйти из %s (%s) раньше вступления (%s)"},
	"%s cannot ratify %s: it has not signed it":                                                  {AR: "لا يمكن لـ%s أن تصادق على %s: فهي لم توقّعه", RU: "%s не может ратифицировать %s: оно его не подписало"},
	"%s cannot reach %s after %s":                                                                {AR: "لا يمكن لـ%s أن تبلغ %s بعد %s", RU: "%s не может перейти к %s после %s"},
	"%s completed its withdrawal on %s":                                                          {AR: "أتمّت %s انسحابها في %s", RU: "%s завершило выход %s"},
	"%s did not exist on %s (established %s)":                                                    {AR: "لم يكن %s موجوداً في %s (أُنشئ في %s)", RU: "%s не существовал на %s (учреждён %s)"},
	"%s did not exist on %s (founded %s)":                                                        {AR: "لم تكن %s موجودة في %s (تأسست في %s)", RU: "%s не существовала на %s (основана %s)"},
	"%s did not exist on %s (it exists from %s)":                                                 {AR: "لم تكن %s موجودة في %s (موجودة منذ %s)", RU: "%s не существовало на %s (существует с %s)"},
	"%s is %s of %s and cannot also be an observer or partner":                                   {AR: "%s ذات صفة %s في %s، فلا يمكن أن تكون مراقباً أو شريكاً أيضاً", RU: "%s имеет статус «%s» в %s и не может быть также наблюдателем или партнёром"},
	"%s is already %s of %s":                                                                     {AR: "%s لها من قبل صفة %s في %s", RU: "%s уже имеет статус «%s» в %s"},
	"%s is already recorded as contrary to %s (event %d)":                                        {AR: "%s مسجّلة من قبل على أنها مناقضة لـ%s (الحدث %d)", RU: "%s уже записана как противостоящая %s (событие %d)"},
	"%s is an organization's id":                                                                 {AR: "%s معرّف منظمة", RU: "%s — идентификатор организации"},
	"%s is before %s, the earliest day of the record":                                            {AR: "%s يسبق %s، أول يوم في السجل", RU: "%s раньше %s, первого дня записи"},
	"%s is before decision %s was proposed (%s)":                                                 {AR: "%s يسبق اقتراح القرار %s (%s)", RU: "%s раньше, чем было предложено решение %s (%s)"},
	"%s is before session %s was convened (%s)":                                                  {AR: "%s يسبق انعقاد الدورة %s (%s)", RU: "%s раньше созыва сессии %s (%s)"},
	"%s is itself a correction; correct %s instead":                                              {AR: "%s تصحيح في ذاته؛ صحّح %s بدلاً منه", RU: "%s само является исправлением; исправьте вместо него %s"},
	"%s is not a member of %s on %s and has no seat at the session":                              {AR: "%s ليست عضواً في %s في %s وليس لها مقعد في الدورة", RU: "%s не является членом %s на %s и не имеет места на сессии"},
	"%s is not a party to %s on %s":                                                              {AR: "%s ليست طرفاً في %s في %s", RU: "%s не является участником %s на %s"},
	"%s is recorded by the Secretariat, not by a delegation":                                     {AR: "%s تسجّله الأمانة العامة لا أحد الوفود", RU: "%s записывает Секретариат, а не делегация"},
	"%s may not change the record":                                                               {AR: "لا يحق لـ%s تغيير السجل", RU: "%s не может изменять запись"},
	"%s may not exercise the chair's powers":                                                     {AR: "لا يحق لـ%s ممارسة صلاحيات الرئاسة", RU: "%s не может осуществлять полномочия председателя"},
	"%s needs a decision of the Council (data.decision)":                                         {AR: "يحتاج %s إلى قرار من المجلس (data.decision)", RU: "для %s нужно решение Совета (data.decision)"},
	"%s was %s at session %s and took no part in its decisions":                                  {AR: "كانت %s في حالة %s في الدورة %s ولم تشارك في قراراتها", RU: "%s имело статус «%s» на сессии %s и не участвовало в её решениях"},
	"%s's presence is recorded by the Secretariat or announced by its own delegates; %s may not": {AR: "حضور %s تسجّله الأمانة العامة أو يعلنه مندوبوها؛ ولا يحق ذلك لـ%s", RU: "присутствие %s записывает Секретариат или объявляют делегаты этого государства; %s не может"},
	"ATOP alliance %d is already registered as %s":                                               {AR: "تحالف ATOP رقم %d مسجّل من قبل باسم %s", RU: "союз ATOP %d уже зарегистрирован как %s"},
	"a %s happens on a day; %s is not one":                                                       {AR: "يقع %s في يوم بعينه؛ و%s ليس يوماً", RU: "%s происходит в определённый день; %s — не день"},
	"a contingent (%s) cannot precede the decision (%s)":                                         {AR: "لا يمكن أن تسبق الوحدة (%s) القرار (%s)", RU: "контингент (%s) не может предшествовать решению (%s)"},
	"a decision (%s) cannot answer a request filed later (%s)":                                   {AR: "لا يمكن لقرار (%s) أن يجيب عن طلب قُدّم بعده (%s)", RU: "решение (%s) не может отвечать на просьбу, поданную позже (%s)"},
	"a member of %s may declare itself not interested %s":                                        {AR: "يجوز لعضو في %s أن يعلن عدم اهتمامه %s", RU: "член %s может заявить о незаинтересованности %s"},
	"a party ceases by non-renewal only when a %d-year term of %s ends (the day after: %s)":      {AR: "لا تنتهي صفة الطرف بعدم التجديد إلا بانتهاء مدة %d سنوات لـ%s (اليوم التالي: %s)", RU: "участие прекращается непродлением лишь по окончании %d-летнего срока %s (на следующий день: %s)"},
	"a phase (%s) cannot precede the decision (%s)":                                              {AR: "لا يمكن أن تسبق المرحلة (%s) القرار (%s)", RU: "этап (%s) не может предшествовать решению (%s)"},
	"alliance %s is already registered":                                                          {AR: "التحالف %s مسجّل من قبل", RU: "союз %s уже зарегистрирован"},
	"an administrator keeps reference data; %s is the Secretariat's or a delegation's":           {AR: "يحفظ المسؤول التقني البيانات المرجعية؛ أما %s فمن شأن الأمانة العامة أو أحد الوفود", RU: "администратор ведёт справочные данные; %s — дело Секретариата или делегации"},
	"body %s is already registered":                                                              {AR: "الهيئة %s مسجّلة من قبل", RU: "орган %s уже зарегистрирован"},
	"decision %s answers %s's request; the operation's host must be %s, not %s":                  {AR: "القرار %s يجيب عن طلب %s؛ فالدولة المضيفة للعملية يجب أن تكون %s لا %s", RU: "решение %s отвечает на просьбу %s; принимающим государством операции должно быть %s, а не %s"},
	"decision %s is already recorded":                                                            {AR: "القرار %s مسجّل من قبل", RU: "решение %s уже записано"},
	"decision %s is closed: %s":                                                                  {AR: "القرار %s مغلق: %s", RU: "решение %s закрыто: %s"},
	"exercise %s is already recorded":                                                            {AR: "التمرين %s مسجّل من قبل", RU: "учение %s уже записано"},
	"force %s is already registered":                                                             {AR: "القوة %s مسجّلة من قبل", RU: "силы %s уже зарегистрированы"},
	"history is recorded by the Secretariat, with its sources, and confers no past office; %s may not record it": {AR: "التاريخ تسجّله الأمانة العامة بمصادره، ولا يمنح أحداً منصباً في الماضي؛ ولا يحق لـ%s تسجيله", RU: "историю записывает Секретариат с источниками, и она не даёт прошлых полномочий; %s не может её записывать"},
	"incident %s is already recorded":                                                                       {AR: "الحادثة %s مسجّلة من قبل", RU: "инцидент %s уже записан"},
	"instrument %s is already registered":                                                                   {AR: "الوثيقة %s مسجّلة من قبل", RU: "документ %s уже зарегистрирован"},
	"no chair of %s is on record for %s, so no one can convene its session":                                 {AR: "لا رئيس لـ%s مسجّلاً لعام %s، فلا أحد يستطيع عقد دورته", RU: "председатель %s на %s не записан, поэтому созвать сессию некому"},
	"non-renewal applies to %s's membership instrument, not to %s":                                          {AR: "عدم التجديد يسري على وثيقة العضوية في %s لا على %s", RU: "непродление касается документа о членстве в %s, а не %s"},
	"notice of withdrawal from a non-member: %s is %s":                                                      {AR: "إشعار انسحاب من غير عضو: وضع %s هو %s", RU: "уведомление о выходе от нечлена: статус %s — %s"},
	"only %s's delegates act in its name; %s may not":                                                       {AR: "لا يتصرف باسم %s إلا مندوبوها؛ ولا يحق ذلك لـ%s", RU: "только делегаты %s действуют от имени этого государства; %s не может"},
	"only a member can be suspended; %s is %s":                                                              {AR: "لا تُعلَّق إلا عضوية عضو؛ ووضع %s هو %s", RU: "приостановить можно только члена; статус %s — %s"},
	"only a member can declare its participation frozen; %s is %s":                                          {AR: "لا يعلن تجميد مشاركته إلا عضو؛ ووضع %s هو %s", RU: "заморозить участие может объявить только член; статус %s — %s"},
	"only a member in good standing takes part in a decision; %s is %s":                                     {AR: "لا يشارك في القرار إلا عضو كامل الحقوق؛ ووضع %s هو %s", RU: "в решении участвует только полноправный член; статус %s — %s"},
	"only a member state contributes a contingent; %s is %s":                                                {AR: "لا تقدّم وحدة إلا دولة عضو؛ ووضع %s هو %s", RU: "контингент предоставляет только государство-член; статус %s — %s"},
	"only a member state in good standing chairs; %s is %s on %s":                                           {AR: "لا يتولى الرئاسة إلا دولة عضو كاملة الحقوق؛ ووضع %s هو %s في %s", RU: "председательствует только полноправное государство-член; статус %s — %s на %s"},
	"only a member state may request %s; %s is %s":                                                          {AR: "لا يطلب %s إلا دولة عضو؛ ووضع %s هو %s", RU: "просить о %s может только государство-член; статус %s — %s"},
	"only a suspended member can be reinstated; %s is %s":                                                   {AR: "لا يُعاد إلا عضو معلّقة عضويته؛ ووضع %s هو %s", RU: "восстановить можно только приостановленного члена; статус %s — %s"},
	"only parties sign instruments of %s; %s is %s":                                                         {AR: "لا يوقّع وثائق %s إلا أطرافها؛ ووضع %s هو %s", RU: "документы %s подписывают только участники; статус %s — %s"},
	"operation %s is already recorded":                                                                      {AR: "العملية %s مسجّلة من قبل", RU: "операция %s уже записана"},
	"organization %s is already registered":                                                                 {AR: "المنظمة %s مسجّلة من قبل", RU: "организация %s уже зарегистрирована"},
	"request %s is already recorded":                                                                        {AR: "الطلب %s مسجّل من قبل", RU: "просьба %s уже записана"},
	"session %s closed on %s":                                                                               {AR: "أُغلقت الدورة %s في %s", RU: "сессия %s закрыта %s"},
	"session %s is already recorded":                                                                        {AR: "الدورة %s مسجّلة من قبل", RU: "сессия %s уже записана"},
	"source %q is already registered (a correction is a new revision of it)":                                {AR: "المصدر «%s» مسجّل من قبل (التصحيح مراجعة جديدة له)", RU: "источник «%s» уже зарегистрирован (исправление — его новая редакция)"},
	"source %q is at revision %d; the next revision is %d, not %d":                                          {AR: "المصدر «%s» في مراجعته %d؛ والمراجعة التالية %d لا %d", RU: "источник «%s» в редакции %d; следующая редакция — %d, а не %d"},
	"state %s is already registered":                                                                        {AR: "الدولة %s مسجّلة من قبل", RU: "государство %s уже зарегистрировано"},
	"the chair's powers belong to the chairing state's delegates (%s on %s) or the Secretariat; %s may not": {AR: "صلاحيات الرئاسة لمندوبي الدولة الرئيسة (%s في %s) أو للأمانة العامة؛ ولا يحق ذلك لـ%s", RU: "полномочия председателя принадлежат делегатам председательствующего государства (%s на %s) или Секретариату; %s не может"},
	"the host of an operation under the Treaty is a member state; %s is %s":                                 {AR: "الدولة المضيفة لعملية بموجب المعاهدة دولة عضو؛ ووضع %s هو %s", RU: "принимающее государство операции по Договору — государство-член; статус %s — %s"},
	"the identifier of what %s registered cannot be corrected: later events refer to it":                    {AR: "لا يمكن تصحيح معرّف ما سجّله %s: فأحداث لاحقة تشير إليه", RU: "идентификатор того, что зарегистрировал %s, исправить нельзя: на него ссылаются последующие события"},
	"the record cannot be replayed with this correction of %s: %v":                                          {AR: "لا يمكن إعادة بناء السجل مع هذا التصحيح لـ%s: %v", RU: "запись нельзя воспроизвести с этим исправлением %s: %v"},
	"withdrawal of a non-member: %s is %s":                                                                  {AR: "انسحاب غير عضو: وضع %s هو %s", RU: "выход нечлена: статус %s — %s"},
}

// verbs are a format's verbs in order, for the tests.
func verbs(f string) []string {
	var out []string
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(f) && strings.IndexByte("0123456789.+-# []", f[j]) >= 0 {
			j++
		}
		if j < len(f) {
			if f[j] != '%' {
				out = append(out, f[i:j+1])
			}
			i = j
		}
	}
	return out
}
