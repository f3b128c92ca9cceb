package api_test

import (
	"context"
	"database/sql"
	"fmt"
	"github.com/csto/csto/internal/testenv"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto/api"
	"github.com/csto/csto/drafts"
)

func init() {
	body := `{"text":"- 15 May 1992: Russia and Armenia sign the treaty","source":{"id":"t-src","title":"T","url":"https://example.org/t/page"}}`
	matrix["POST /api/v1/imports/article"] = row{"", body, []string{"secretariat"}, false}
	for _, v := range []string{"edit", "accept", "reject"} {
		matrix["POST /api/v1/drafts/{id}/"+v] = row{"/api/v1/drafts/1/" + v, `{}`, []string{"secretariat"}, false}
	}
	// The matrix's registries review drafts: draft 1 is saved and given
	// its text in three languages, ready to accept.
	setups = append(setups, func(t *testing.T, e *env) {
		svc, err := drafts.Open(context.Background(), openDB(t), false, e.reg)
		if err != nil {
			t.Fatal(err)
		}
		e.api.SetDrafts(svc)
		save := strings.Replace(body, `"text":`, `"save":true,"text":`, 1)
		if r := e.do("POST", "/api/v1/imports/article", "secretariat", save); r.status != 200 {
			t.Fatalf("saving a draft: %d %s", r.status, r.body)
		}
		edit := `{"text":{"ar":"روسيا وأرمينيا توقعان المعاهدة","en":"Russia and Armenia sign the treaty","ru":"Россия и Армения подписывают договор"}}`
		if r := e.do("POST", "/api/v1/drafts/1/edit", "secretariat", edit); r.status != 200 {
			t.Fatalf("editing draft 1: %d %s", r.status, r.body)
		}
	})
}

// TestImportAndReviewOverAPI imports the source article through the API,
// saves it, edits a draft into our own words and accepts it.
func TestImportAndReviewOverAPI(t *testing.T) {
	text := testenv.ReadShared(t, "seed/000_3ce35895901f5b79.txt")
	e, db := newEnv(t), openDB(t)
	svc, err := drafts.Open(context.Background(), db, false, e.reg)
	if err != nil {
		t.Fatal(err)
	}
	srv := api.New(e.reg, e.acc, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return today })
	srv.SetDrafts(svc)
	e.srv = httptest.NewServer(srv)
	t.Cleanup(e.srv.Close)
	body := map[string]any{"text": string(text), "text_lang": "ar", "save": true,
		"source": map[string]any{"id": "aj-import", "title": "Al Jazeera explainer", "published": "2022-01-06", "lang": "ar"}}
	if r := e.do("POST", "/api/v1/imports/article", "delegate:KAZ", body); r.status != 403 {
		t.Fatalf("a delegation imported drafts: %d", r.status)
	}
	before := e.seq()
	r := e.do("POST", "/api/v1/imports/article", "secretariat", body)
	if r.status != 200 || !strings.Contains(string(r.body), `"date":"1992-05-15"`) {
		t.Fatalf("import: %d %.300s", r.status, r.body)
	}
	if e.seq() != before {
		t.Fatal("saving drafts wrote to the log")
	}
	list := e.do("GET", "/api/v1/drafts?status=pending&limit=1000", "secretariat", nil).json(t)
	ds := list["drafts"].([]any)
	// In pages of 7 (the cursor: the last draft's ID), the same list.
	var paged []any
	for after := ""; ; {
		page := e.do("GET", "/api/v1/drafts?status=pending&limit=7"+after, "secretariat", nil).json(t)
		paged = append(paged, page["drafts"].([]any)...)
		next, ok := page["next"].(float64)
		if !ok {
			break
		}
		if len(paged) > len(ds) {
			t.Fatal("the pages do not end")
		}
		after = fmt.Sprintf("&after=%d", int64(next))
	}
	if len(ds) < 8 || fmt.Sprint(paged) != fmt.Sprint(ds) {
		t.Errorf("%d drafts in pages of 7, %d in one page", len(paged), len(ds))
	}
	if r := e.do("GET", "/api/v1/drafts?after=999999", "secretariat", nil); r.status != 400 || !strings.Contains(string(r.body), `"field":"after"`) {
		t.Errorf("a cursor that is no draft's: %d %s", r.status, r.body)
	}
	var id string
	for _, d := range ds {
		if d.(map[string]any)["date"] == "2004-12-02" {
			id = fmt.Sprint(int64(d.(map[string]any)["id"].(float64)))
		}
	}
	if id == "" {
		t.Fatal("no draft dated 2004-12-02")
	}
	if r := e.do("POST", "/api/v1/drafts/"+id+"/accept", "secretariat", `{}`); r.status != 400 {
		t.Fatalf("accepting a draft without our own text: %d %s", r.status, r.body)
	}
	edit := map[string]any{"text": map[string]string{"ar": "الجمعية العامة تمنح المنظمة صفة مراقب", "en": "The General Assembly grants the CSTO observer status", "ru": "Генеральная Ассамблея предоставляет ОДКБ статус наблюдателя"}, "kind": "observer-status"}
	if r := e.do("POST", "/api/v1/drafts/"+id+"/edit", "secretariat", edit); r.status != 200 {
		t.Fatalf("edit: %d %s", r.status, r.body)
	}
	r = e.do("POST", "/api/v1/drafts/"+id+"/accept", "secretariat", `{}`)
	if r.status != 200 || r.json(t)["status"] != "accepted" {
		t.Fatalf("accept: %d %s", r.status, r.body)
	}
	if e.seq() != before+2 {
		t.Errorf("accepting wrote %d events; want the source and the event", e.seq()-before)
	}
	if r := e.do("POST", "/api/v1/drafts/"+id+"/reject", "secretariat", `{"reason":"twice"}`); r.status != 409 {
		t.Errorf("rejecting an accepted draft: %d", r.status)
	}
}

// openDB opens a scratch SQLite database for the draft tables.
func openDB(t *testing.T) *sql.DB {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "drafts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
