package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
)

// declaredKinds reads every constant of type Kind from the root
// package's source, so a kind appended there without a status here
// fails this test.
func declaredKinds(t *testing.T) []csto.Kind {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../../error.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []csto.Kind
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Kind" {
				continue
			}
			for _, v := range vs.Values {
				s, err := strconv.Unquote(v.(*ast.BasicLit).Value)
				if err != nil {
					t.Fatal(err)
				}
				kinds = append(kinds, csto.Kind(s))
			}
		}
	}
	if len(kinds) < 7 {
		t.Fatalf("read %d kinds from error.go: %v", len(kinds), kinds)
	}
	return kinds
}

// TestStatusOfEveryKind is the one test of the kind → status table: every
// kind the root package declares has its status
// and a problem of that kind carries it, its kind, and a
// detail that hides internal faults.
func TestStatusOfEveryKind(t *testing.T) {
	want := map[csto.Kind]int{
		"invalid": 400, "not-found": 404, "conflict": 409, "forbidden": 403,
		"unauthenticated": 401, "internal": 500, "unavailable": 503,
	}
	kinds := declaredKinds(t)
	for _, k := range kinds {
		w, ok := want[k]
		if !ok {
			t.Errorf("kind %q has no agreed status: add it to the table and to this test", k)
			continue
		}
		if got := Status(k); got != w {
			t.Errorf("Status(%q) = %d, want %d", k, got, w)
		}
		err := fmt.Errorf("wrapped: %w", &csto.Error{Kind: k, Field: "f", Message: "the message"})
		if got := StatusOf(err); got != w {
			t.Errorf("StatusOf(%q error) = %d, want %d", k, got, w)
		}
		rec := httptest.NewRecorder()
		WriteProblem(rec, ProblemFor(err, "req-1"))
		var p Problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if rec.Code != w || p.Status != w || p.Kind != string(k) || p.Instance != "req-1" ||
			rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d %s %+v", k, rec.Code, rec.Header().Get("Content-Type"), p)
		}
		if hidden := p.Detail != "f: the message"; hidden != (w == 500) {
			t.Errorf("%s: detail %q (a 500 hides the message, others show it)", k, p.Detail)
		}
	}
	if len(statuses) != len(kinds) {
		t.Errorf("the table has %d kinds, error.go declares %d", len(statuses), len(kinds))
	}
	// Errors outside the kinds: a plain error is internal; a transport
	// error and the sign-in limit carry their own status.
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, 200},
		{errors.New("disk on fire"), 500},
		{&StatusError{Status: http.StatusRequestEntityTooLarge, Kind: "too-large", Msg: "big"}, 413},
		{&account.LimitedError{}, 429},
	} {
		if got := StatusOf(tc.err); got != tc.want {
			t.Errorf("StatusOf(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}
