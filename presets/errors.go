package presets

import (
	"strconv"

	"github.com/cocvm/cocvm/apiclient"
)

// FileError is a problem with one of cocvm's files that a person must fix by
// hand: it names the file, the line when known, what is wrong and what to do.
// cocvm never rewrites or deletes a file because of such a problem.
type FileError struct {
	Path    string
	Line    int            // 1-based; 0 when the problem is not on one line
	Problem apiclient.Text // what is wrong, never quoting a secret
	Fix     apiclient.Text // what to do next
}

// Error is the problem in English (a log's or -o json's words).
func (e *FileError) Error() string { return e.Text().String() }

// Text is the problem for a person (ui says it in the person's language).
// The line is a plain number: a printer would write 1,000.
func (e *FileError) Text() apiclient.Text {
	line := strconv.Itoa(e.Line)
	switch {
	case e.Line > 0 && !e.Fix.IsZero():
		return apiclient.T("%s:%s: %s. %s", e.Path, line, e.Problem, e.Fix)
	case e.Line > 0:
		return apiclient.T("%s:%s: %s", e.Path, line, e.Problem)
	case !e.Fix.IsZero():
		return apiclient.T("%s: %s. %s", e.Path, e.Problem, e.Fix)
	}
	return apiclient.T("%s: %s", e.Path, e.Problem)
}
