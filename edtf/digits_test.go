package edtf

import "testing"

func TestASCIIDigits(t *testing.T) {
	for in, want := range map[string]string{
		"٢٠٢٢-٠١-٠٥": "2022-01-05",
		"۱۹۹۲":       "1992",
		"١٥٠":        "150",
		"2022-٠١":    "2022-01",
		"1996-23":    "1996-23",
		"abc":        "abc",
		"":           "",
	} {
		if got := ASCIIDigits(in); got != want {
			t.Errorf("ASCIIDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseInputArabicIndic(t *testing.T) {
	d, err := ParseInput("٢٠٢٢-٠١-٠٥")
	if err != nil || d.String() != "2022-01-05" {
		t.Fatalf("ParseInput = %v, %v; want 2022-01-05", d, err)
	}
	if _, err := ParseInput("٢٠٢٢-١٣"); err == nil || err.Error() != "٢٠٢٢-١٣: month 13 out of range" {
		t.Errorf("error %v; want it to name the input as typed and the problem", err)
	}
	if _, err := Parse("٢٠٢٢"); err == nil {
		t.Error("Parse accepted Arabic-Indic digits; only ParseInput should")
	}
}
