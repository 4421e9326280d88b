package presets

import (
	"fmt"
	"strings"
)

// FileError is a problem with one of cocvm's files that a person must fix by
// hand: it names the file, the line when known, what is wrong and what to do.
// cocvm never rewrites or deletes a file because of such a problem.
type FileError struct {
	Path    string
	Line    int    // 1-based; 0 when the problem is not on one line
	Problem string // what is wrong, never quoting a secret
	Fix     string // what to do next
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	b.WriteString(e.Problem)
	if e.Fix != "" {
		b.WriteString(". ")
		b.WriteString(e.Fix)
	}
	return b.String()
}
