// Package wizard holds the meaning of a createInstances request: the draft a
// person is building, every documented rule as a plain function, and the
// request bodies built from a draft. It does no I/O.
package wizard

import (
	"strconv"

	"github.com/cocvm/cocvm/apiclient"
)

// Draft is everything a person has chosen so far: the region plus the whole
// request. Count may exceed 100; Build splits such a draft into several
// requests.
type Draft struct {
	Region      string
	Spec        apiclient.InstanceSpec
	Count       int // 0 means the documented default of 1
	ClientToken string
}

// Problem is one broken rule, addressed by the JSON path of the field in the
// request body (for example "instanceSpec.primaryNetworkInterface.ip").
type Problem struct {
	Path    string
	Message string
	// Pos is where in a body read from JSON the problem is (zero when the
	// problem is not about a body, or the field is absent from it).
	Pos Position
}

// Position is a place in a JSON body: 1-based line and column, the column
// counted in characters so it matches what an editor shows.
type Position struct {
	Line, Column int
}

// IsZero reports whether the position is unknown.
func (p Position) IsZero() bool { return p.Line == 0 }

// String renders the position as "line L, column C".
func (p Position) String() string {
	if p.IsZero() {
		return ""
	}
	return "line " + strconv.Itoa(p.Line) + ", column " + strconv.Itoa(p.Column)
}

// String renders the problem as one line, "path: message", followed by
// "(line L, column C)" when the problem has a position in a decoded body.
func (p Problem) String() string {
	s := p.Message
	if p.Path != "" {
		s = p.Path + ": " + s
	}
	if !p.Pos.IsZero() {
		s += " (" + p.Pos.String() + ")"
	}
	return s
}
