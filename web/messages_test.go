package web_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/csto/csto/i18n"
)

// TestEveryMessageSaidInEveryLanguage: every message about input the
// registry, the service, the drafts and the pages make (csto.Errorf and
// csto.Refusef with a written format, but of kind Internal) is in the catalogue in Arabic and
// Russian, so no form or filter answers a reader in English alone. (A
// format passed through as "%s" or "%v" says another error's message.)
func TestEveryMessageSaidInEveryLanguage(t *testing.T) {
	formats := map[string]string{}
	for _, dir := range []string{"..", "../registry", "../service", "../drafts", "."} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			fs := token.NewFileSet()
			af, err := parser.ParseFile(fs, f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(af, func(n ast.Node) bool {
				c, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := c.Fun.(*ast.SelectorExpr)
				if !ok {
					if id, isID := c.Fun.(*ast.Ident); isID && (dir == ".." || dir == "../registry") {
						sel = &ast.SelectorExpr{Sel: id} // csto's own calls, the registry's wrappers
					} else {
						return true
					}
				}
				// The registry's own wrappers of Refusef and Errorf
				// (refuse, forbid, implausible) are read where they are
				// called; at is where the format is, plus one.
				at := map[string]int{"Errorf": 3, "Refusef": 2}[sel.Sel.Name]
				if dir == "../registry" && sel.X == nil {
					at = map[string]int{"refuse": 2, "forbid": 1, "implausible": 2}[sel.Sel.Name]
				}
				if at--; at < 0 || len(c.Args) <= at {
					return true
				}
				if x, isSel := sel.X.(*ast.Ident); sel.X != nil && (!isSel || x.Name != "csto") {
					return true // fmt.Errorf and the like
				}
				if k, isSel := c.Args[0].(*ast.SelectorExpr); sel.Sel.Name == "Errorf" && isSel && k.Sel.Name == "Internal" {
					return true // csto's own faults: no reader sees their words
				}
				if s, ok := literal(c.Args[at]); ok && s != "%s" && s != "%v" {
					formats[s] = fs.Position(c.Pos()).String()
				}
				return true
			})
		}
	}
	if len(formats) < 100 {
		t.Fatalf("found only %d formats: the scan is broken", len(formats))
	}
	for f, pos := range formats {
		if !i18n.HasMessage(f) {
			t.Errorf("%s: %q is not in i18n's catalogue (i18n/messages.go)", pos, f)
		}
	}
}

// literal is a string literal, or a sum of them.
func literal(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			a, ok1 := literal(e.X)
			b, ok2 := literal(e.Y)
			return a + b, ok1 && ok2
		}
	}
	return "", false
}
