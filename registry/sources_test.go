package registry_test

import (
	"context"
	"errors"
	"testing"

	"github.com/csto/csto"
)

// TestSourceRevision checks that a source is corrected by a new command
// (revision n+1 of the same ID, with a reason), that the projection and
// the model show the corrected record, and that a revision out of order,
// without a reason, of an unknown source, or a second revision 0 is
// refused and changes nothing.
func TestSourceRevision(t *testing.T) {
	reg, st := open(t)
	load(t, reg, fixture()...)
	rev := func(id string, n int, url, reason string) csto.Command {
		return cmd(id, csto.CmdSourceAdd, "", csto.SourceAdd{ID: "src", Title: "A source, page", URL: url, Revision: n, Reason: reason})
	}
	for _, tc := range []struct {
		name        string
		c           csto.Command
		kind        csto.Kind
		field, rule string
	}{
		{"ErrSecondRegistration", cmd("source:src-again", csto.CmdSourceAdd, "", csto.SourceAdd{ID: "src", Title: "Again"}), csto.Conflict, "", "unique-id"},
		{"ErrSkipsARevision", rev("source:src:r2", 2, "https://example.org/a/1", "the page"), csto.Conflict, "", "unique-id"},
		{"ErrNoReason", rev("source:src:r1", 1, "https://example.org/a/1", ""), csto.Invalid, "data.reason", ""},
		{"ErrNegative", rev("source:src:r-1", -1, "https://example.org/a/1", "x"), csto.Invalid, "data.revision", ""},
		{"ErrUnknownSource", cmd("source:nope:r1", csto.CmdSourceAdd, "", csto.SourceAdd{ID: "nope", Title: "N", Revision: 1, Reason: "x"}), csto.NotFound, "data.id", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := dump(t, st.DB())
			_, err := reg.Submit(context.Background(), system, tc.c)
			var ce *csto.Error
			if !errors.As(err, &ce) || ce.Kind != tc.kind || ce.Field != tc.field || ce.Rule != tc.rule {
				t.Fatalf("Submit = %v; want kind %s field %q rule %q", err, tc.kind, tc.field, tc.rule)
			}
			if dump(t, st.DB()) != before {
				t.Error("a refused revision changed the database")
			}
		})
	}
	if got := reg.Model().Sources["src"].Specificity(); got != csto.Placeholder {
		t.Fatalf("the fixture source is %s; want a placeholder", got)
	}
	load(t, reg, rev("source:src:r1", 1, "https://example.org/a/1", "the specific page was found"))
	s := reg.Model().Sources["src"]
	if s.Revision != 1 || s.URL != "https://example.org/a/1" || s.Specificity() != csto.SpecificPage {
		t.Errorf("after revision 1: %+v (%s)", s, s.Specificity())
	}
	var url string
	if err := st.DB().QueryRow(`SELECT url FROM p_sources WHERE id = 'src'`).Scan(&url); err != nil || url != "https://example.org/a/1" {
		t.Errorf("p_sources url %q (%v); want the revised URL", url, err)
	}
	if err := reg.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := st.DB().QueryRow(`SELECT url FROM p_sources WHERE id = 'src'`).Scan(&url); err != nil || url != "https://example.org/a/1" {
		t.Errorf("after rebuild, p_sources url %q (%v); want the revised URL", url, err)
	}
	// A revision may mark a source unverified: it stays weak, with its reason.
	load(t, reg, cmd("source:src:r2", csto.CmdSourceAdd, "", csto.SourceAdd{ID: "src", Title: "A source", Revision: 2,
		Reason: "the page does not state the fact", Unverified: "no page stating the fact was found"}))
	sc, err := reg.Model().CheckSources()
	if err != nil {
		t.Fatal(err)
	}
	if sc.Count[csto.Unverified] != 1 || len(sc.Weak) == 0 {
		t.Errorf("counts %v, %d weak facts; want 1 unverified source and every fixture fact weak", sc.Count, len(sc.Weak))
	}
}
