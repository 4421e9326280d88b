package locale

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// printerCalls are the methods of *message.Printer that take a format:
// the index of the format among the arguments.
var printerCalls = map[string]int{"Sprintf": 0, "Printf": 0, "Fprintf": 1}

// usedMessages collects every format string passed to a printer in the
// non-test files under root: a call of Sprintf, Printf or Fprintf on
// anything but the fmt package. A format that is not a literal is
// reported: the catalogue could not be checked against it.
func usedMessages(t *testing.T, root string) map[string]string {
	t.Helper()
	used := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			at, ok := printerCalls[sel.Sel.Name]
			if !ok || len(call.Args) <= at {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "fmt" {
				return true
			}
			lit, ok := call.Args[at].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: a printer's format must be a literal, for the catalogue", fset.Position(call.Pos()))
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Errorf("%s: %v", fset.Position(lit.Pos()), err)
				return true
			}
			used[s] = fset.Position(lit.Pos()).String()
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return used
}

// Every message the code formats through a printer has a Chinese entry,
// and the Chinese catalogue holds nothing the code no longer says.
func TestCatalogueCoversEveryMessage(t *testing.T) {
	used := usedMessages(t, "..")
	for msg, where := range used {
		if _, ok := zhMessages[msg]; !ok {
			t.Errorf("%s: %q has no Chinese entry (ui/locale/zh.go)", where, msg)
		}
	}
	for _, k := range ChineseKeys() {
		if _, ok := used[k]; !ok {
			t.Errorf("the Chinese catalogue has %q, which no code in ui/... uses", k)
		}
	}
	for k := range englishPlurals {
		if _, ok := used[k]; !ok {
			t.Errorf("the English plurals have %q, which no code in ui/... uses", k)
		}
	}
}

// Counted messages choose their English form from the count; Chinese has
// one form; a message without an entry prints its English source.
func TestPrinterPlurals(t *testing.T) {
	en, zh := Printer(English), Printer(Chinese)
	for _, tc := range []struct{ got, want string }{
		{en.Sprintf("%d instances", 1), "1 instance"},
		{en.Sprintf("%d instances", 2), "2 instances"},
		{en.Sprintf("%d instances", 0), "0 instances"},
		{zh.Sprintf("%d instances", 1), "1 台实例"},
		{zh.Sprintf("%d instances", 3), "3 台实例"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	keys := ChineseKeys()
	if !slices.Contains(keys, "%d instances") {
		t.Errorf("ChineseKeys lacks a known entry: %v", keys)
	}
}
