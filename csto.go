// Package csto holds the domain of the Collective Security Treaty
// Organization registry: states, organizations, instruments, membership
// statuses, institutions, procedures and the commands that change them.
//
// The root package imports no infrastructure. Storage lives in store/,
// dates in edtf/, the embedded history in dataset/, the CLI in cmd/csto.
package csto

import "fmt"

// Lang is one of the three languages csto speaks.
type Lang string

// The languages every name and text of the dataset is written in.
const (
	Arabic  Lang = "ar"
	English Lang = "en"
	Russian Lang = "ru"
)

// Langs lists the supported languages in display order.
var Langs = []Lang{Arabic, English, Russian}

// ParseLang returns the language named by s, or an invalid error.
func ParseLang(s string) (Lang, error) {
	switch Lang(s) {
	case Arabic, English, Russian:
		return Lang(s), nil
	}
	return "", Errorf(Invalid, "lang", "%q is not a language csto speaks (ar, en or ru)", s)
}

// Dir is the writing direction of the language: "rtl" or "ltr".
func (l Lang) Dir() string {
	if l == Arabic {
		return "rtl"
	}
	return "ltr"
}

// Text is a string in the three languages.
type Text struct {
	AR string `json:"ar"`
	EN string `json:"en"`
	RU string `json:"ru"`
}

// In returns the text in lang, falling back to English, then to any
// language that has it.
func (t Text) In(lang Lang) string {
	var s string
	switch lang {
	case Arabic:
		s = t.AR
	case Russian:
		s = t.RU
	default:
		s = t.EN
	}
	if s != "" {
		return s
	}
	for _, s := range []string{t.EN, t.RU, t.AR} {
		if s != "" {
			return s
		}
	}
	return ""
}

// IsZero reports whether the text is empty in every language.
func (t Text) IsZero() bool { return t.AR == "" && t.EN == "" && t.RU == "" }

// Check returns an invalid error naming field when a language is missing.
func (t Text) Check(field string) error {
	for _, p := range []struct {
		lang Lang
		s    string
	}{{Arabic, t.AR}, {English, t.EN}, {Russian, t.RU}} {
		if p.s == "" {
			return Errorf(Invalid, fmt.Sprintf("%s.%s", field, p.lang), "text is required in %s", p.lang)
		}
	}
	return nil
}

// Aliases are other spellings of a name, per language.
type Aliases struct {
	AR []string `json:"ar,omitempty"`
	EN []string `json:"en,omitempty"`
	RU []string `json:"ru,omitempty"`
}
