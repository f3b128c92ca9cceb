package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/api"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
)

// TestReadyzReportsADegradedRecord: a row forged into the log behind
// csto's back (chained correctly, but naming an operation that does not
// exist) makes /readyz answer 503 "degraded" naming the event, while the
// queries keep answering from the events before it and writes are 503.
func TestReadyzReportsADegradedRecord(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "csto.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dataset.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.New(reg, nil, slog.New(slog.DiscardHandler), time.Now))
	defer srv.Close()
	get := func(path string) (int, string) {
		t.Helper()
		r, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		return r.StatusCode, string(b)
	}
	if code, body := get("/readyz"); code != 200 {
		t.Fatalf("readyz before: %d %s", code, body)
	}
	_, members := get("/api/v1/orgs/csto/members?at=2022-01-06")

	var e csto.Event
	if err := st.DB().QueryRow(`SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1`).Scan(&e.Seq, &e.PrevHash); err != nil {
		t.Fatal(err)
	}
	good := e.Seq
	data, _ := json.Marshal(csto.OperationPhase{Operation: "op-nowhere", Phase: "deployment-start"})
	e.Body, _ = json.Marshal(csto.Command{ID: "forged", Type: csto.CmdOperationPhase, Date: edtf.MustParse("2022-01-07"), Text: csto.Text{AR: "ن", EN: "t", RU: "т"}, Data: data})
	e.Date = edtf.MustParse("2022-01-07")
	e.Seq, e.CommandID, e.Type, e.Actor, e.Recorded = e.Seq+1, "forged", csto.CmdOperationPhase, "system:history", time.Now().UTC().Truncate(time.Microsecond)
	e.Hash = e.ComputeHash()
	if _, err := st.DB().Exec(`INSERT INTO events (seq, command_id, type, date, recorded, actor, body, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Seq, e.CommandID, e.Type, e.Date.String(), e.Recorded.Format(time.RFC3339Nano), e.Actor, string(e.Body), e.PrevHash, e.Hash); err != nil {
		t.Fatal(err)
	}
	time.Sleep(reg.MaxAge)

	code, body := get("/readyz")
	var h api.Health
	if err := json.Unmarshal([]byte(body), &h); err != nil {
		t.Fatalf("readyz after a forged event: %v: %s", err, body)
	}
	if code != 503 || h.Status != "degraded" || h.LogPosition != good || !strings.Contains(h.Detail, `unknown operation "op-nowhere"`) {
		t.Fatalf("readyz after a forged event: %d %s; want 503 degraded at %d naming the operation", code, body, good)
	}
	if code, got := get("/api/v1/orgs/csto/members?at=2022-01-06"); code != 200 || got != members {
		t.Errorf("members on a degraded record: %d %s; want the answer of the good prefix %s", code, got, members)
	}
	if code, body := get("/api/v1/orgs/csto/chair?year=1"); code != 404 {
		t.Errorf("chair?year=1: %d %s; want 404", code, body)
	}
}
