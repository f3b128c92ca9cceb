package csto_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/csto/csto"
)

func TestPayloadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, json, field string
	}{
		{"ErrBadID", `{"id":"Bad id","type":"event.record","date":"2022","text":{"ar":"a","en":"b","ru":"c"},"data":{"kind":"x"}}`, "id"},
		{"ErrUnknownType", `{"id":"x","type":"nope","data":{}}`, "type"},
		{"ErrNoDate", `{"id":"x","type":"event.record","text":{"ar":"a","en":"b","ru":"c"},"data":{"kind":"x"}}`, "date"},
		{"ErrNoRussian", `{"id":"x","type":"event.record","date":"2022","text":{"ar":"a","en":"b"},"data":{"kind":"x"}}`, "text.ru"},
		{"ErrNoData", `{"id":"x","type":"state.add"}`, "data"},
		{"ErrUnknownField", `{"id":"x","type":"state.add","data":{"code":"ARM","flag":"red"}}`, "data.flag"},
		{"ErrKeyCaseVariant", `{"id":"x","type":"state.add","data":{"code":"ARM","CODE":"RUS"}}`, "data.CODE"},
		{"ErrKeyTwice", `{"id":"x","type":"state.add","data":{"code":"ARM","code":"RUS"}}`, "data.code"},
		{"ErrNullData", `{"id":"x","type":"state.add","data":null}`, "data"},
		{"ErrWrongType", `{"id":"x","type":"state.add","data":{"code":7}}`, "data.code"},
		{"ErrBadDateInData", `{"id":"x","type":"state.add","data":{"code":"ARM","exists_from":"1991-13-01"}}`, "data.exists_from"},
		{"ErrClaimWithoutSource", `{"id":"x","type":"event.record","date":"2022","text":{"ar":"a","en":"b","ru":"c"},"claims":[{"field":"date","value":"2021"}],"data":{"kind":"x"}}`, "claims[0].sources"},
		{"ErrClaimWithoutReason", `{"id":"x","type":"event.record","date":"2022","text":{"ar":"a","en":"b","ru":"c"},"claims":[{"field":"date","value":"2021","sources":["s"]}],"data":{"kind":"x"}}`, "preferred"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c csto.Command
			if err := json.Unmarshal([]byte(tc.json), &c); err != nil {
				t.Fatal(err)
			}
			_, err := c.Payload()
			var ce *csto.Error
			if !errors.As(err, &ce) || ce.Kind != csto.Invalid || ce.Field != tc.field {
				t.Fatalf("Payload() = %v; want an invalid error on field %q", err, tc.field)
			}
		})
	}
}

// FuzzCommand feeds arbitrary JSON to the command decoder: it must never
// panic, and an accepted payload must re-encode and decode to itself.
func FuzzCommand(f *testing.F) {
	f.Add([]byte(`{"id":"sign:ARM","type":"party.sign","date":"1992-05-15","sources":["s"],"text":{"ar":"a","en":"b","ru":"c"},"data":{"state":"ARM","instrument":"cst"}}`))
	f.Add([]byte(`{"id":"x","type":"membership.notice","date":"2024-02-22/..","text":{"ar":"a","en":"b","ru":"c"},"data":{"state":"ARM","org":"csto","effective":"2025?"}}`))
	f.Add([]byte(`{"id":"x","type":"state.add","data":{"code":"ARM","name":{"ar":"أرمينيا","en":"Armenia","ru":"Армения"},"exists_from":"1991-12-21"}}`))
	f.Add([]byte(`{"id":"x","type":"exercise.hold","date":"2008-07-22","claims":[{"field":"participants","value":["ARM"],"sources":["s"]}],"preferred":{"ar":"a","en":"b","ru":"c"},"text":{"ar":"a","en":"b","ru":"c"},"data":{"id":"r","org":"csto","name":{"ar":"a","en":"b","ru":"c"}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var c csto.Command
		if json.Unmarshal(b, &c) != nil {
			return
		}
		p, err := c.Payload()
		if err != nil {
			var ce *csto.Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *csto.Error", err)
			}
			return
		}
		again, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("accepted payload does not re-encode: %v", err)
		}
		c.Data = again
		if _, err := c.Payload(); err != nil {
			t.Fatalf("re-encoded payload refused: %v", err)
		}
	})
}
