// Package screentest checks the screens cocvm draws, for the tests of ui's
// packages: that a screen fits the terminal it was drawn for, and that it
// matches its golden file, testdata/<test name>.golden, through
// charmbracelet/x/exp/golden (go test -update rewrites the files).
package screentest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// Golden fails unless screen fits a w×h terminal and matches the golden
// file of the running test (or subtest).
func Golden(t testing.TB, screen string, w, h int) {
	t.Helper()
	Fits(t, screen, w, h)
	golden.RequireEqual(t, []byte(screen))
}

// Fits fails when a line of screen is wider than w cells or there are more
// than h lines (a final newline ends the last line).
func Fits(t testing.TB, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(screen, "\n"), "\n")
	if len(lines) > h {
		t.Errorf("%d lines do not fit a %d-line terminal", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, lw, w, l)
		}
	}
}

// Path is the golden file of the test (or subtest) named name, as Golden
// reads it: for tests that compare another drawing with the same file.
func Path(name string) string {
	return filepath.Join("testdata", name+".golden")
}
