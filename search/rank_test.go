package search

import "testing"

// TestWindowScore: in the window (SQLite), a word in the title counts
// ten times a word in the text only, whole words and prefixes alike, so
// that the exercise named "Rubezh-2004" ranks above an event that
// mentions it.
func TestWindowScore(t *testing.T) {
	words := []queryTerm{{forms: []form{{"rubezh", false}}}, {forms: []form{{"200", true}, {"x", false}}}}
	named := windowScore(words, "rubezh 2004 рубеж")
	mentioned := windowScore(words, "учения 2004")
	neither := windowScore(words, "csto")
	if named != 20 || mentioned != 11 || neither != 2 {
		t.Errorf("scores %v (both words in the title), %v (one), %v (none); want 20, 11, 2", named, mentioned, neither)
	}
}
