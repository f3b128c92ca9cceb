package atop

import (
	"fmt"
	"strconv"
)

// RowError is a row that breaks a rule of its file: a value that is not
// what its column holds, a row with the wrong number of fields, or a
// missing or duplicated column in the header (Line 1).
type RowError struct {
	File   string // base name of the file, e.g. "atop5_1m.csv"; "" if unknown
	Line   int    // 1-based line where the row starts; the header is line 1
	Column string // the column's header name; "" when the error is about the whole row
	Msg    string // what is wrong, e.g. `"19x2" is not a year`
}

// Error returns "FILE:LINE: COLUMN: MSG", e.g.
// `atop5_1m.csv:17: yrent: "19x2" is not a year`. Without a file name it
// starts "line LINE:"; without a column the COLUMN part is left out.
func (e *RowError) Error() string {
	var s string
	if e.File != "" {
		s = e.File + ":" + strconv.Itoa(e.Line) + ": "
	} else {
		s = "line " + strconv.Itoa(e.Line) + ": "
	}
	if e.Column != "" {
		s += e.Column + ": "
	}
	return s + e.Msg
}

// fieldError is what a column parser or a row check returns: the column
// it concerns and the message. The reader adds the file and line.
type fieldError struct {
	column string
	msg    string
}

func errorf(column, format string, args ...any) *fieldError {
	return &fieldError{column: column, msg: fmt.Sprintf(format, args...)}
}
