package web

import (
	"errors"
	"fmt"

	"github.com/csto/csto"
	"github.com/csto/csto/i18n"
)

// Messages about input in the reader's language. The registry, the
// service and the pages word their errors in English (csto.Errorf); the
// catalogue in i18n says each format in Arabic and Russian, so a form's
// or a filter's message reaches the reader in the page's language. An
// error the catalogue lacks, or whose message was rewritten after it was
// made, shows in English, marked so.

// say is err's message in the page's language; ok is false when it can
// only be said in English, or the page is in English (the message as it
// was written serves).
func (p *page) say(err error) (msg string, ok bool) {
	var ce *csto.Error
	if p.Lang == csto.English || !errors.As(err, &ce) {
		return "", false // English is what the message was written in
	}
	format, args := ce.Format()
	if format == "" || fmt.Sprintf(format, args...) != ce.Message {
		return "", false
	}
	return i18n.Message(p.Lang, format, args...)
}

// errorMessage is what a page says of a refused filter or address: the
// field it is about and the message, in the page's language when the
// catalogue has it.
func (p *page) errorMessage(err error) string {
	var ce *csto.Error
	if !errors.As(err, &ce) || ce.Kind == csto.Internal {
		return csto.ErrorMessage(err)
	}
	msg, ok := p.say(err)
	if !ok {
		return csto.ErrorMessage(err)
	}
	switch {
	case ce.Rule != "":
		return p.Label("web.rulename.", ce.Rule) + ": " + msg
	case ce.Field != "":
		return p.Label("web.param.", ce.Field) + ": " + msg
	}
	return msg
}

// detail is a refusal's own words for a problem: in the page's language
// when the catalogue has them, else the registry's English.
func (p *page) detail(ce *csto.Error) (string, csto.Lang) {
	if msg, ok := p.say(ce); ok {
		if ce.Rule != "" {
			msg = p.Label("web.rulename.", ce.Rule) + ": " + msg
		}
		return msg, p.Lang
	}
	return ce.Error(), csto.English
}
