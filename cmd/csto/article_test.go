package main

import (
	"encoding/json"
	"github.com/csto/csto/internal/testenv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedArticle is the source article in the shared folder (see testenv).
var seedArticle = filepath.Join(testenv.SharedDir(), "seed", "000_3ce35895901f5b79.txt")

// TestImportArticle imports the source article: drafts are printed, not
// written; with --save they become a batch that only the Secretariat can
// accept, and an accepted draft enters the record through the normal
// rules, citing the article.
func TestImportArticle(t *testing.T) {
	testenv.Shared(t, "seed/000_3ce35895901f5b79.txt")
	dir := t.TempDir()
	mustRun(t, dir, "members") // initialise with the history
	before := countEvents(t, dir)

	out := mustRun(t, dir, "import", "article", seedArticle, "--source-date", "2022-01-06", "--json")
	var res struct {
		Drafts []struct {
			Line   int      `json:"line"`
			Date   *string  `json:"date"`
			States []string `json:"states"`
			Kind   string   `json:"kind"`
		} `json:"drafts"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range res.Drafts {
		if d.Date != nil && *d.Date == "1992-05-15" && d.Kind == "signature" && len(d.States) == 6 {
			found = true
		}
	}
	if !found {
		t.Errorf("no signature draft of six states on 1992-05-15 in %s", out)
	}
	if countEvents(t, dir) != before {
		t.Fatal("import without --save wrote to the log")
	}

	refused(t, dir, "authority", "drafts", "accept", "1")
	if _, errs, code := run(t, dir, "import", "article", seedArticle, "--save"); code != 2 || !strings.Contains(errs, "--as secretariat") {
		t.Fatalf("--save without the Secretariat: exit %d %q", code, errs)
	}
	mustRun(t, dir, "import", "article", seedArticle, "--source-date", "2022-01-06", "--save", "--as", "secretariat",
		"--source-id", "aljazeera-2022-01-06-import", "--source-title", "Al Jazeera explainer on the CSTO", "--publisher", "Al Jazeera", "--text-lang", "ar")
	list := mustRun(t, dir, "drafts", "list", "--status", "pending", "--json")
	var drafts struct {
		Drafts []struct {
			ID   int64  `json:"id"`
			Line int    `json:"line"`
			Date string `json:"date"`
		} `json:"drafts"`
	}
	if err := json.Unmarshal([]byte(list), &drafts); err != nil {
		t.Fatalf("drafts list: %v: %s", err, list)
	}
	if len(drafts.Drafts) != len(res.Drafts) {
		t.Fatalf("%d drafts saved, %d parsed", len(drafts.Drafts), len(res.Drafts))
	}
	var id string
	for _, d := range drafts.Drafts {
		if d.Date == "1995-11-01" {
			id = jsonNum(d.ID)
		}
	}
	if id == "" {
		t.Fatal("no draft dated 1995-11-01")
	}
	// Nothing enters the record unreviewed, nor without our own wording.
	if _, errs, code := run(t, dir, "drafts", "accept", id, "--as", "secretariat"); code != 2 || !strings.Contains(errs, "text") {
		t.Fatalf("accepting a draft with no text of our own: exit %d %q", code, errs)
	}
	mustRun(t, dir, "drafts", "edit", id, "--as", "secretariat",
		"--text-ar", "تسجيل المعاهدة لدى الأمانة العامة للأمم المتحدة",
		"--text-en", "The treaty is registered with the UN Secretariat",
		"--text-ru", "Договор зарегистрирован в Секретариате ООН", "--kind", "un-registration")
	acc := mustRun(t, dir, "drafts", "accept", id, "--as", "secretariat", "--json")
	if !strings.Contains(acc, `"status":"accepted"`) {
		t.Fatalf("accept: %s", acc)
	}
	if got := countEvents(t, dir); got != before+2 { // the source, then the event
		t.Fatalf("accepting one draft wrote %d events, want 2 (source and event)", got-before)
	}
	tl := mustRun(t, dir, "timeline", "--kind", "un-registration", "--json")
	if !strings.Contains(tl, "aljazeera-2022-01-06-import") || !strings.Contains(tl, "registered with the UN Secretariat") {
		t.Errorf("the accepted draft is not in the timeline with its source: %s", tl)
	}
	refused(t, dir, "review", "drafts", "reject", id, "--as", "secretariat")
	mustRun(t, dir, "verify")
}

func TestImportArticleBadInput(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin.txt")
	os.WriteFile(bin, []byte{0xff, 0xfe, 0x00}, 0o644)
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("- 15 May 1992: signed\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "article"}, "usage"},
		{[]string{"import", "article", filepath.Join(dir, "missing.txt")}, "FILE"},
		{[]string{"import", "article", bin}, "not UTF-8"},
		{[]string{"import", "article", good, "--source-date", "2022-13"}, "--source-date"},
		{[]string{"import", "article", good, "--text-lang", "fr"}, "--text-lang"},
		{[]string{"import", "nothing"}, "usage"},
		{[]string{"drafts", "show", "x"}, "ID"},
	} {
		_, errs, code := run(t, dir, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("csto %s: exit %d, %q; want exit 2 naming %q", strings.Join(tc.args, " "), code, errs, tc.want)
		}
	}
}

func jsonNum(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
