package atop

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Options control how a file is read.
type Options struct {
	// SkipBad skips rows that break a rule and returns them as a list of
	// *RowError instead of failing the read at the first one. Errors in
	// the header, and errors reading r, always fail the read.
	SkipBad bool
	// Name is the file name used in errors. When it is empty and the
	// reader has a Name method (an *os.File), the base of that name is
	// used.
	Name string
}

// name returns the file name for errors about r.
func (o Options) name(r io.Reader) string {
	if o.Name != "" {
		return o.Name
	}
	if f, ok := r.(interface{ Name() string }); ok {
		return filepath.Base(f.Name())
	}
	return ""
}

// table describes one kind of file: its columns and the rules that tie
// the columns of a row together.
type table[T any] struct {
	cols []column[T]
	// bind, if set, finds further columns by looking at the whole header
	// (mem1…memN) and returns their parser, or what is wrong with the
	// header.
	bind func(header map[string]int) (func(row *T, rec []string) *fieldError, *fieldError)
	// check applies the rules that involve more than one column. It runs
	// only when every column parsed.
	check func(row *T) *fieldError
	// setLine records the row's line, if T keeps it.
	setLine func(row *T, line int)
	// setCells keeps the row's cells by column name, if T keeps them.
	setCells func(row *T, cells map[string]string)
}

// read reads a CSV file with a header row into rows of T, following o.
// Without SkipBad the first bad row ends the read with a *RowError and no
// rows. With SkipBad the bad rows come back in skipped, one *RowError per
// row (its first problem), in file order. err is also non-nil for a bad
// header (a *RowError on line 1) and for errors reading r.
func (t *table[T]) read(r io.Reader, o Options) (rows []T, skipped []*RowError, err error) {
	file := o.name(r)
	cr := csv.NewReader(skipBOM(r))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, &RowError{File: file, Line: 1, Msg: "the file is empty; it needs a header row"}
	}
	if err != nil {
		return nil, nil, csvError(file, err)
	}
	index, more, herr := t.bindHeader(header)
	if herr != nil {
		herr.File = file
		return nil, nil, herr
	}
	width := len(header)
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.ToLower(strings.TrimSpace(h))
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var rowErr *RowError
		line := 0
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, nil, csvError(file, err)
			}
			rowErr = &RowError{File: file, Line: pe.StartLine, Msg: pe.Err.Error()}
			if errors.Is(pe.Err, csv.ErrFieldCount) {
				rowErr.Msg = fmt.Sprintf("the row has %d fields, the header has %d", len(rec), width)
			}
		} else {
			line, _ = cr.FieldPos(0)
			var row T
			if fe := t.parse(&row, rec, index, more); fe != nil {
				rowErr = &RowError{File: file, Line: line, Column: fe.column, Msg: fe.msg}
			} else {
				if t.setLine != nil {
					t.setLine(&row, line)
				}
				if t.setCells != nil {
					cells := make(map[string]string, len(names))
					for i, v := range rec {
						cells[names[i]] = v
					}
					t.setCells(&row, cells)
				}
				rows = append(rows, row)
				continue
			}
		}
		if !o.SkipBad {
			return nil, nil, rowErr
		}
		skipped = append(skipped, rowErr)
	}
	return rows, skipped, nil
}

// bindHeader finds each column of the table in the header. Names are
// matched without regard to case (the codebook writes them in capitals,
// the files in lower case).
func (t *table[T]) bindHeader(header []string) ([]int, func(*T, []string) *fieldError, *RowError) {
	pos := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" {
			return nil, nil, &RowError{Line: 1, Msg: fmt.Sprintf("column %d has no name", i+1)}
		}
		if _, dup := pos[h]; dup {
			return nil, nil, &RowError{Line: 1, Column: h, Msg: "the column appears twice in the header"}
		}
		pos[h] = i
	}
	index := make([]int, len(t.cols))
	for i, c := range t.cols {
		p, ok := pos[c.name]
		if !ok {
			return nil, nil, &RowError{Line: 1, Column: c.name, Msg: "the column is missing from the header"}
		}
		index[i] = p
	}
	var more func(*T, []string) *fieldError
	if t.bind != nil {
		var fe *fieldError
		if more, fe = t.bind(pos); fe != nil {
			return nil, nil, &RowError{Line: 1, Column: fe.column, Msg: fe.msg}
		}
	}
	return index, more, nil
}

// parse fills row from rec and checks it.
func (t *table[T]) parse(row *T, rec []string, index []int, more func(*T, []string) *fieldError) *fieldError {
	for i, c := range t.cols {
		if msg := c.parse(row, rec[index[i]]); msg != "" {
			return &fieldError{column: c.name, msg: msg}
		}
	}
	if more != nil {
		if fe := more(row, rec); fe != nil {
			return fe
		}
	}
	if t.check != nil {
		return t.check(row)
	}
	return nil
}

// csvError wraps an error reading a file's bytes (not a rule of the file).
func csvError(file string, err error) error {
	if file == "" {
		return err
	}
	return fmt.Errorf("%s: %w", file, err)
}

// skipBOM drops a UTF-8 byte order mark at the start of r, which
// spreadsheet programs write and encoding/csv would keep in the first
// header name.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	return br
}
