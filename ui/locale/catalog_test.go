package locale

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// printerCalls are the methods of *message.Printer that take a format:
// the index of the format among the arguments.
var printerCalls = map[string]int{"Sprintf": 0, "Printf": 0, "Fprintf": 1}

// textCalls are the functions of apiclient that make a Text: the index of
// the format among the arguments.
var textCalls = map[string]int{"T": 0, "Errorf": 0}

// wrappers are functions of ours that pass their format on to one of the
// calls above: their callers' formats are read, and inside them (only) a
// format that is their parameter named format is not reported (so too in
// a method named Sprintf, Printf or Fprintf, whose callers are read as a
// printer's). A new wrapper must be listed here, or its own call is
// reported.
var wrappers = map[string]int{"usageError": 0}

// usedMessages collects every format a person may read, in the non-test
// files of the module (the sandbox aside: its words are the API's): the
// format of a call of Sprintf, Printf or Fprintf on anything but the fmt
// package (a printer), and of apiclient.T and apiclient.Errorf (T and
// Errorf inside apiclient). A format that is not a literal is reported:
// the catalogue could not be checked against it (except in sayText, which
// formats Texts, whose formats are checked where they are made).
func usedMessages(t *testing.T, root string) map[string]string {
	t.Helper()
	used := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "sandbox" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			// Inside a function listed in wrappers, or a method named as
			// a printer's (its callers are read as printer calls), its
			// parameter format passes on unread.
			var inWrapper, inSayText bool
			if fd, ok := decl.(*ast.FuncDecl); ok {
				_, wrapper := wrappers[fd.Name.Name]
				_, printer := printerCalls[fd.Name.Name]
				inWrapper = wrapper && fd.Recv == nil || printer && fd.Recv != nil
				inSayText = f.Name.Name == "locale" && fd.Name.Name == "sayText"
			}
			ast.Inspect(decl, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				at, ok := formatAt(f, call)
				if !ok || len(call.Args) <= at {
					return true
				}
				arg := call.Args[at]
				if id, ok := arg.(*ast.Ident); ok && id.Name == "format" && inWrapper {
					return true
				}
				s, ok := constString(arg)
				if !ok && inSayText {
					return true // a Text's format, checked where the Text is made
				}
				if !ok {
					t.Errorf("%s: a printer's format must be a literal, for the catalogue", fset.Position(call.Pos()))
					return true
				}
				if strings.Contains(s, "%w") {
					t.Errorf("%s: %q: write an error argument with %%v (a printer does not know %%w)", fset.Position(arg.Pos()), s)
				}
				used[s] = fset.Position(arg.Pos()).String()
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return used
}

// constString is the value of a string literal, or of literals joined
// with +.
func constString(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		a, ok1 := constString(x.X)
		b, ok2 := constString(x.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return constString(x.X)
	}
	return "", false
}

// formatAt says whether call takes a format a person reads, and where.
func formatAt(f *ast.File, call *ast.CallExpr) (int, bool) {
	switch fun := call.Fun.(type) {
	case *ast.SelectorExpr:
		x, _ := fun.X.(*ast.Ident)
		if x != nil && x.Name == "apiclient" {
			at, ok := textCalls[fun.Sel.Name]
			return at, ok
		}
		if x != nil && x.Name == "fmt" {
			return 0, false
		}
		at, ok := printerCalls[fun.Sel.Name]
		return at, ok
	case *ast.Ident:
		if at, ok := wrappers[fun.Name]; ok {
			return at, true
		}
		if f.Name.Name == "apiclient" {
			at, ok := textCalls[fun.Name]
			return at, ok
		}
	}
	return 0, false
}

// verbs are the formatting verbs of a format, without argument indexes,
// sorted: a translation must use the same ones.
func verbs(format string) []string {
	var out []string
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[2] != "%" {
			out = append(out, m[1]+m[2])
		}
	}
	slices.Sort(out)
	return out
}

var verbRE = regexp.MustCompile(`%(?:\[\d+\])?([-+# 0]*\d*(?:\.\d+)?)([a-zA-Z%])`)

// Every message the code formats through a printer has a Chinese entry,
// and the Chinese catalogue holds nothing the code no longer says.
func TestCatalogueCoversEveryMessage(t *testing.T) {
	used := usedMessages(t, "../..")
	for msg, where := range used {
		zh, ok := zhMessages[msg]
		if !ok {
			t.Errorf("%s: %q has no Chinese entry (ui/locale/zh_*.go)", where, msg)
			continue
		}
		if a, b := verbs(msg), verbs(zh); !slices.Equal(a, b) {
			t.Errorf("%s: %q is translated %q, whose verbs %v are not the source's %v", where, msg, zh, b, a)
		}
	}
	for _, k := range ChineseKeys() {
		if _, ok := used[k]; !ok {
			t.Errorf("the Chinese catalogue has %q, which no code uses", k)
		}
	}
	for k := range englishPlurals {
		if _, ok := used[k]; !ok {
			t.Errorf("the English plurals have %q, which no code uses", k)
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
