package httpx

import (
	"net/http"
	"time"

	"golang.org/x/text/language"

	"github.com/csto/csto"
)

// LangCookie keeps a reader's choice of language (?lang=) for the pages
// that follow.
const LangCookie = "lang"

// supported are csto's languages as x/text tags, English first: the
// matcher answers its first tag when nothing else matches.
var (
	supported = []csto.Lang{csto.English, csto.Arabic, csto.Russian}
	matcher   = language.NewMatcher([]language.Tag{language.English, language.Arabic, language.Russian})
)

// Lang picks the language of an answer to r: ?lang= when it names one of
// ar, en, ru; then the lang cookie; then Accept-Language, matched by
// x/text's matcher (ar-EG is Arabic, ru-RU Russian, "fr, ru;q=0.5"
// Russian); then English. The web pages and the API both ask it.
func Lang(r *http.Request) csto.Lang {
	if l, err := csto.ParseLang(r.URL.Query().Get("lang")); err == nil {
		return l
	}
	if c, err := r.Cookie(LangCookie); err == nil {
		if l, err := csto.ParseLang(c.Value); err == nil {
			return l
		}
	}
	return matchAccept(r.Header.Get("Accept-Language"))
}

// matchAccept matches an Accept-Language header against csto's languages.
func matchAccept(header string) csto.Lang {
	if header == "" {
		return csto.English
	}
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return csto.English
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return csto.English
	}
	return supported[i]
}

// RememberLang sets the lang cookie when r chose a language with ?lang=,
// so that the reader's next pages keep it.
func RememberLang(w http.ResponseWriter, r *http.Request, secure bool) {
	l, err := csto.ParseLang(r.URL.Query().Get("lang"))
	if err != nil {
		return
	}
	http.SetCookie(w, &http.Cookie{Name: LangCookie, Value: string(l), Path: "/", MaxAge: int(365 * 24 * time.Hour / time.Second),
		SameSite: http.SameSiteLaxMode, HttpOnly: true, Secure: secure})
}
