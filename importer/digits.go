package importer

// digitValue returns the value of r if it is an ASCII digit (0-9), an
// Arabic-Indic digit (U+0660–U+0669, used in Arabic text) or an Extended
// Arabic-Indic digit (U+06F0–U+06F9, the Persian and Urdu forms).
// Other scripts' digits are not dates in the texts csto reads and are
// treated as ordinary symbols.
func digitValue(r rune) (int, bool) {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0'), true
	case 0x0660 <= r && r <= 0x0669:
		return int(r - 0x0660), true
	case 0x06F0 <= r && r <= 0x06F9:
		return int(r - 0x06F0), true
	}
	return 0, false
}

// ASCIIDigits returns s with every Arabic-Indic and Persian digit replaced
// by its ASCII digit ("١٩٩٢" and "۱۹۹۲" become "1992"); everything else is
// unchanged. It returns s itself when there is nothing to replace.
func ASCIIDigits(s string) string {
	i := 0
	for ; i < len(s); i++ {
		if s[i] == 0xD9 || s[i] == 0xDB { // lead bytes of U+0640–U+067F and U+06C0–U+06FF
			break
		}
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for _, r := range s[i:] {
		if v, ok := digitValue(r); ok {
			b = append(b, byte('0'+v))
			continue
		}
		b = append(b, string(r)...)
	}
	return string(b)
}
