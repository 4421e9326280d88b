package launch

import (
	"io"

	"github.com/cocvm/cocvm/wizard"
)

// WriteBodies writes every request body of d, the password masked unless
// show.
func WriteBodies(w io.Writer, d wizard.Draft, show bool) error {
	for _, req := range wizard.Build(d) {
		if !show {
			req = wizard.Redact(req)
		}
		if _, err := w.Write(wizard.Marshal(req)); err != nil {
			return err
		}
	}
	return nil
}
