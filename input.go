package csto

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/csto/csto/internal/strictjson"
)

// Input rules that hold for every command, whichever surface submitted
// it (CLI, API, web forms, accepted drafts): its JSON is read strictly,
// and no text carries characters that change what a reader sees without
// being seen. The registry calls CheckInput before its record rules.

// InvisibleControl reports whether r is a character csto refuses in text,
// and its name:
//
//   - the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
//     U+2066–U+2069), which reorder what is displayed ("Trojan Source");
//   - zero-width and invisible formatting characters that can hide or join
//     text unseen: U+200B, U+2060–U+2064, U+FEFF, U+FFF9–U+FFFB, the tag
//     characters U+E0000–U+E007F, the line and paragraph separators;
//   - C0 controls except tab, line feed and carriage return, DEL, and the
//     C1 controls (U+0080–U+009F).
//
// Allowed, because Arabic and other scripts need them: ZWNJ and ZWJ
// (U+200C, U+200D), which control how letters join; the left-to-right,
// right-to-left and Arabic letter marks (U+200E, U+200F, U+061C), which
// order numbers and Latin names inside Arabic text but override nothing.
func InvisibleControl(r rune) (string, bool) {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return "", false
	case r < 0x20 || r == 0x7F:
		return "control character", true
	case r >= 0x80 && r <= 0x9F:
		return "C1 control character", true
	case r >= 0x202A && r <= 0x202E:
		return [...]string{"left-to-right embedding", "right-to-left embedding", "pop directional formatting",
			"left-to-right override", "right-to-left override"}[r-0x202A], true
	case r >= 0x2066 && r <= 0x2069:
		return [...]string{"left-to-right isolate", "right-to-left isolate", "first strong isolate", "pop directional isolate"}[r-0x2066], true
	case r == 0x200B:
		return "zero width space", true
	case r >= 0x2060 && r <= 0x2064:
		return "invisible formatting character", true
	case r == 0x2028 || r == 0x2029:
		return "line or paragraph separator", true
	case r == 0xFEFF:
		return "zero width no-break space", true
	case r >= 0xFFF9 && r <= 0xFFFB:
		return "interlinear annotation character", true
	case r >= 0xE0000 && r <= 0xE007F:
		return "tag character", true
	}
	return "", false
}

// CheckText refuses s when it holds an invisible control character (see
// InvisibleControl), naming field, the character and where it is.
func CheckText(field, s string) error {
	i := 0
	for _, r := range s {
		i++
		if name, bad := InvisibleControl(r); bad {
			return Errorf(Invalid, field, "character %d is U+%04X (%s): invisible control characters, which can hide or reorder what a reader sees, are refused in text", i, r, name)
		}
	}
	if !utf8.ValidString(s) {
		return Errorf(Invalid, field, "the text is not valid UTF-8")
	}
	return nil
}

// CheckInput applies CheckText to every string of c: its envelope, its
// claims and every string and key of its data, each named by its path
// (text.ar, claims[0].note.en, data.name.ru).
func CheckInput(c *Command) error {
	for _, f := range []struct {
		field string
		s     string
	}{{"id", c.ID}, {"type", c.Type}} {
		if err := CheckText(f.field, f.s); err != nil {
			return err
		}
	}
	for i, s := range c.Sources {
		if err := CheckText(fmt.Sprintf("sources[%d]", i), s); err != nil {
			return err
		}
	}
	if err := checkTexts("text", c.Text); err != nil {
		return err
	}
	if err := checkTexts("preferred", c.Preferred); err != nil {
		return err
	}
	for i, cl := range c.Claims {
		at := fmt.Sprintf("claims[%d]", i)
		if err := CheckText(at+".field", cl.Field); err != nil {
			return err
		}
		if err := CheckJSONText(at+".value", cl.Value); err != nil {
			return err
		}
		for j, s := range cl.Sources {
			if err := CheckText(fmt.Sprintf("%s.sources[%d]", at, j), s); err != nil {
				return err
			}
		}
		if err := checkTexts(at+".note", cl.Note); err != nil {
			return err
		}
	}
	return CheckJSONText("data", c.Data)
}

func checkTexts(field string, t Text) error {
	for _, p := range []struct {
		lang string
		s    string
	}{{"ar", t.AR}, {"en", t.EN}, {"ru", t.RU}} {
		if err := CheckText(field+"."+p.lang, p.s); err != nil {
			return err
		}
	}
	return nil
}

// CheckJSONText checks every string and key of the JSON value raw, naming
// each by its path under field ("" for the top).
func CheckJSONText(field string, raw json.RawMessage) error {
	if len(raw) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var walk func(path string) error
	walk = func(path string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case string:
			if path == "" {
				path = "body"
			}
			return CheckText(path, tok)
		case json.Delim:
			switch tok {
			case '{':
				for dec.More() {
					kt, err := dec.Token()
					if err != nil {
						return err
					}
					key := kt.(string)
					at := key
					if path != "" {
						at = path + "." + key
					}
					if err := CheckText(at, key); err != nil {
						return err
					}
					if err := walk(at); err != nil {
						return err
					}
				}
			case '[':
				for i := 0; dec.More(); i++ {
					if err := walk(path + "[" + strconv.Itoa(i) + "]"); err != nil {
						return err
					}
				}
			}
			_, err := dec.Token() // the closing delimiter
			return err
		}
		return nil
	}
	err := walk(field)
	var ce *Error
	if err == nil || errors.As(err, &ce) {
		return err
	}
	if errors.Is(err, io.EOF) {
		return nil
	}
	if field == "" {
		field = "body"
	}
	return Errorf(Invalid, field, "malformed JSON")
}

// decodeStrict decodes the JSON data into v strictly (exact keys, each
// once, no unknown ones, no null in place of the value), naming the
// field under prefix.
func decodeStrict(prefix string, data []byte, v any) error {
	err := strictjson.Decode(data, v)
	if err == nil {
		return nil
	}
	var se *strictjson.Error
	if !errors.As(err, &se) {
		return Errorf(Invalid, prefix, "%v", err)
	}
	field := prefix
	if se.Field != "" {
		field = prefix + "." + se.Field
	}
	return Errorf(Invalid, field, "%s", se.Message)
}
