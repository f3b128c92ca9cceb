package api

import (
	"bufio"
	"encoding/json"
	"io"
)

// streamer is an answer written as it is encoded rather than encoded
// whole first: the year-panel exports, whose answers run to tens of MiB
// (all of ATOP directed: 56 MiB). The server's memory then holds the rows
// and one buffer, not also the whole encoding.
type streamer interface {
	stream(w io.Writer) error
}

// field is a member of the envelope around the rows.
type field struct {
	name  string
	value any
}

// writeRows writes {"name":value,…,"rows":[row,…]} through a 64 KiB
// buffer, one row encoded at a time, with the bytes json.Encoder would
// give the whole (no HTML escaping; a newline after each value, which is
// whitespace to a JSON reader).
func writeRows[T any](w io.Writer, envelope []field, rows []T) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	bw.WriteByte('{')
	for _, f := range envelope {
		name, err := json.Marshal(f.name)
		if err != nil {
			return err
		}
		bw.Write(name)
		bw.WriteByte(':')
		if err := enc.Encode(f.value); err != nil {
			return err
		}
		bw.WriteByte(',')
	}
	bw.WriteString(`"rows":[`)
	for i := range rows {
		if i > 0 {
			bw.WriteByte(',')
		}
		if err := enc.Encode(&rows[i]); err != nil {
			return err
		}
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

func (x StateYearsResponse) stream(w io.Writer) error {
	return writeRows(w, []field{{"source", x.Source}, {"from", x.From}, {"to", x.To}}, x.Rows)
}

func (x DyadYearsResponse) stream(w io.Writer) error {
	return writeRows(w, []field{{"source", x.Source}, {"from", x.From}, {"to", x.To}, {"directed", x.Directed}}, x.Rows)
}
