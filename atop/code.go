package atop

import (
	"encoding/json"
	"strconv"
)

// Code is a coded value of an ATOP column that the codebook lets be
// missing ("coded missing if we have not located the original agreement"),
// such as ESTMODE or ORGAN1. The meaning of each value is the codebook's
// for that column.
type Code int16

// Missing is the value of a Code the data leave out. It is ATOP's own
// missing code (-9), which the 5.1 CSV files write as an empty field.
const Missing Code = -9

// Known reports whether c is a value rather than Missing.
func (c Code) Known() bool { return c != Missing }

// String returns the value in decimal, or "" for Missing (as in the CSV
// files).
func (c Code) String() string {
	if c == Missing {
		return ""
	}
	return strconv.Itoa(int(c))
}

// MarshalJSON writes the value as a number, or null for Missing.
func (c Code) MarshalJSON() ([]byte, error) {
	if c == Missing {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(c), 10), nil
}

// UnmarshalJSON reads a number, or null as Missing.
func (c *Code) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*c = Missing
		return nil
	}
	var v int16
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*c = Code(v)
	return nil
}
