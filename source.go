package csto

import (
	"net/url"
	"strings"
)

// RecordSource is the source cited by acts submitted through csto itself:
// the event in the log is the primary record of the act.
const RecordSource = "csto-record"

// Specificity says how far a reader can check a source.
type Specificity string

// A source is a specific page when its URL opens the one page or document
// that states the fact. The other kinds are weak.
const (
	SpecificPage Specificity = "specific"    // a URL to one page or document
	OwnRecord    Specificity = "record"      // the registry's own log (csto-record)
	HomePage     Specificity = "home-page"   // a URL to a site's front page
	Placeholder  Specificity = "placeholder" // no URL at all
	Unverified   Specificity = "unverified"  // reviewed: no specific page found, and the record says why
)

// Specificities lists the kinds, the checkable ones first.
var Specificities = []Specificity{SpecificPage, OwnRecord, Unverified, HomePage, Placeholder}

// Weak reports whether a reader cannot open the page that states a fact.
func (s Specificity) Weak() bool { return s != SpecificPage && s != OwnRecord }

// Specificity classifies the source by its record: Unverified when the
// record says it could not be verified, OwnRecord for RecordSource,
// Placeholder without a URL,
// HomePage when the URL's path names no page (empty, "/", or a language
// front such as "/en/") and it has no query, else SpecificPage.
func (s *SourceAdd) Specificity() Specificity {
	switch {
	case s.Unverified != "":
		return Unverified
	case s.ID == RecordSource && s.URL == "":
		return OwnRecord
	case s.URL == "":
		return Placeholder
	case IsHomePage(s.URL):
		return HomePage
	}
	return SpecificPage
}

// languageFronts are path segments that only choose a site's language.
var languageFronts = map[string]bool{"ar": true, "en": true, "eng": true, "english": true, "ru": true, "rus": true, "fr": true, "kz": true, "am": true}

// IsHomePage reports whether u is a site's front page rather than a
// specific page: no path (or a language front alone) and no query. A
// URL that does not parse counts as a home page: a reader cannot open it.
func IsHomePage(u string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return true
	}
	if p.RawQuery != "" {
		return false
	}
	path := strings.Trim(p.Path, "/")
	return path == "" || languageFronts[strings.ToLower(path)]
}
