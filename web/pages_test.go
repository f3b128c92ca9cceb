package web_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
)

// The timeline's numbered pages build their own events' views only
// (registry.Model.TimelineWindow); read one after the other they must be
// exactly the events the filter selects, in order, as the JSON download
// (which asks for every event) gives them, and each page must say which
// of how many it shows. (TestEveryDownloadHoldsThePageRows counts the
// CSV's rows against the pages'.)
func TestTimelinePagesAreTheTimeline(t *testing.T) {
	srv := server(t)
	rowID := regexp.MustCompile(`<li id="e(\d+)">`)
	for _, filter := range []string{"org=", "org=csto", "org=&state=KAZ", "org=&from=2000&to=2015"} {
		t.Run(filter, func(t *testing.T) {
			resp, body := get(t, srv.URL+"/timeline?lang=en&format=json&"+filter)
			if resp.StatusCode != 200 {
				t.Fatalf("download: status %d", resp.StatusCode)
			}
			var all struct {
				Events []struct{ Seq int64 } `json:"events"`
			}
			if err := json.Unmarshal([]byte(body), &all); err != nil {
				t.Fatal(err)
			}
			var want []int64
			for _, e := range all.Events {
				want = append(want, e.Seq)
			}
			if len(want) == 0 {
				t.Fatal("the filter selects nothing: a test that cannot fail")
			}
			var got []int64
			pages := (len(want) + 49) / 50
			for n := 1; n <= pages; n++ {
				resp, body := get(t, srv.URL+"/timeline?lang=en&"+filter+"&page="+strconv.Itoa(n))
				if resp.StatusCode != 200 {
					t.Fatalf("page %d: status %d", n, resp.StatusCode)
				}
				for _, m := range rowID.FindAllStringSubmatch(body, -1) {
					seq, _ := strconv.ParseInt(m[1], 10, 64)
					got = append(got, seq)
				}
				first, last := (n-1)*50+1, min(n*50, len(want))
				wantIn(t, body, fmt.Sprintf("Events %d–%d of %d", first, last, len(want)))
			}
			if !slices.Equal(got, want) {
				t.Fatalf("the pages show %d events %v,\nthe download %d %v", len(got), got, len(want), want)
			}
			if resp, _ := get(t, srv.URL+"/timeline?lang=en&"+filter+"&page="+strconv.Itoa(pages+1)); resp.StatusCode != 400 {
				t.Errorf("the page after the last: status %d, want 400", resp.StatusCode)
			}
		})
	}
	for _, bad := range []string{"0", "-1", "abc", "9223372036854775807", "1.5"} {
		resp, body := get(t, srv.URL+"/timeline?lang=en&page="+bad)
		if resp.StatusCode != 400 {
			t.Errorf("page=%s: status %d, want 400", bad, resp.StatusCode)
		}
		wantIn(t, body, "is not a page of this list")
	}
}

// A state's page lists its first events and says where the rest are; the
// download holds what the page shows.
func TestStatePageListsTheFirstEvents(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	secretariat := csto.Actor{Role: csto.RoleSecretariat, Account: "secretariat"}
	for i := range 130 {
		data, _ := json.Marshal(csto.EventRecord{Kind: "statement", States: []string{"TJK"}, Orgs: []string{"csto"}})
		c := csto.Command{ID: fmt.Sprintf("test:tjk:%d", i), Type: csto.CmdEventRecord, Data: data,
			Date: edtf.MustParse(fmt.Sprintf("2019-%02d-%02d", 1+i%12, 1+i%28)), Text: csto.Text{AR: "بيان", EN: "A statement", RU: "Заявление"},
			Sources: []string{"aljazeera-2022-01-06"}, History: true}
		if _, err := e.reg.Submit(ctx, secretariat, c); err != nil {
			t.Fatal(err)
		}
	}
	n, err := e.reg.Model().TimelineCount(registry.TimelineFilter{State: "TJK"})
	if err != nil || n <= 130 {
		t.Fatalf("TJK takes part in %d events (%v), want over 130", n, err)
	}
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	for _, tc := range []struct{ lang, note string }{
		{"en", fmt.Sprintf("The first 100 of %d events; the rest are in the timeline", n)},
		{"ar", fmt.Sprintf("أول 100 من %d حدثاً", n)},
	} {
		resp, body := get(t, srv.URL+"/states/TJK?lang="+tc.lang)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d", tc.lang, resp.StatusCode)
		}
		wantIn(t, body, tc.note, `href="/timeline?lang=`+tc.lang+`&amp;org=&amp;state=TJK"`)
	}
	_, body := get(t, srv.URL+"/states/TJK?lang=en&format=csv&table=events")
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(rows) != 1+100 {
		t.Errorf("the events download holds %d rows (%v), want a header and the page's 100", len(rows), err)
	}
	// A state with fewer events than a page shows them all, without the note.
	_, body = get(t, srv.URL+"/states/ARM?lang=en")
	if regexp.MustCompile(`The first \d+ of`).MatchString(body) {
		t.Error("ARM's page says it shows only the first events")
	}
}

// /exercises pages a long list by number, building the page's views only;
// the pages, read one after the other, are the download's exercises in
// order.
func TestExercisesPages(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	secretariat := csto.Actor{Role: csto.RoleSecretariat, Account: "secretariat"}
	for i := range 120 {
		id := fmt.Sprintf("test-exercise-%03d", i)
		data, _ := json.Marshal(csto.ExerciseHold{ID: id, Org: "csto", Name: csto.Text{AR: "مناورة", EN: "Exercise " + id, RU: "Учения"}, Participants: []string{"KAZ", "RUS"}})
		c := csto.Command{ID: "test:" + id, Type: csto.CmdExerciseHold, Data: data, Date: edtf.MustParse(fmt.Sprintf("2015-%02d-%02d", 1+i%12, 1+i%28)),
			Text: csto.Text{AR: "مناورة", EN: "An exercise", RU: "Учения"}, Sources: []string{"aljazeera-2022-01-06"}, History: true}
		if _, err := e.reg.Submit(ctx, secretariat, c); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	_, body := get(t, srv.URL+"/exercises?lang=en&format=json")
	var all struct {
		Exercises []struct{ ID string } `json:"exercises"`
	}
	if err := json.Unmarshal([]byte(body), &all); err != nil || len(all.Exercises) <= 120 {
		t.Fatalf("the download: %d exercises (%v), want over 120", len(all.Exercises), err)
	}
	var want []string
	for _, x := range all.Exercises {
		want = append(want, x.ID)
	}
	pages := (len(want) + 99) / 100
	article := regexp.MustCompile(`<article class="article" id="([^"]+)">`)
	var got []string
	for n := 1; n <= pages; n++ {
		resp, body := get(t, srv.URL+"/exercises?lang=en&page="+strconv.Itoa(n))
		if resp.StatusCode != 200 {
			t.Fatalf("page %d: status %d", n, resp.StatusCode)
		}
		for _, m := range article.FindAllStringSubmatch(body, -1) {
			got = append(got, m[1])
		}
		wantIn(t, body, fmt.Sprintf("Page %d of %d", n, pages))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("the pages show %d exercises, the download %d\n%v\n%v", len(got), len(want), got, want)
	}
	for _, bad := range []string{"0", strconv.Itoa(pages + 1), "x"} {
		if resp, _ := get(t, srv.URL+"/exercises?lang=en&page="+bad); resp.StatusCode != 400 {
			t.Errorf("page=%s: status %d, want 400", bad, resp.StatusCode)
		}
	}
}
