// Package wizard holds the meaning of a createInstances request: the draft a
// person is building, every documented rule as a plain function, and the
// request bodies built from a draft. It does no I/O.
package wizard

import (
	"slices"
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
	// ExtraZones are the zones besides Spec.Az that a fleet is spread
	// over: Count is divided evenly over Spec.Az and these, each zone with
	// requests and a subnet of its own (PlanZones, BuildSpread). Empty
	// means Spec.Az alone, as a draft has always been.
	ExtraZones []string
}

// Zones are the zones the draft's instances go to: Spec.Az, then
// ExtraZones, each once, empty ones left out.
func (d Draft) Zones() []string {
	var out []string
	for _, z := range append([]string{d.Spec.Az}, d.ExtraZones...) {
		if z != "" && !slices.Contains(out, z) {
			out = append(out, z)
		}
	}
	return out
}

// SetZones makes zones the draft's: the first is Spec.Az, the rest
// ExtraZones (nil for one zone, so a one-zone draft is what it always was).
func (d *Draft) SetZones(zones []string) {
	d.Spec.Az, d.ExtraZones = "", nil
	if len(zones) > 0 {
		d.Spec.Az = zones[0]
	}
	if len(zones) > 1 {
		d.ExtraZones = slices.Clone(zones[1:])
	}
}

// Problem is one broken rule, addressed by the JSON path of the field in the
// request body (for example "instanceSpec.primaryNetworkInterface.ip").
type Problem struct {
	Path string
	// Message says what is wrong, in English words that ui can put in the
	// person's language (Message.String() is the English).
	Message apiclient.Text
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

// Text is the position as words a page says in the person's language
// ("line L, column C" in English); zero when the position is unknown.
func (p Position) Text() apiclient.Text {
	if p.IsZero() {
		return apiclient.Text{}
	}
	return apiclient.T("line %s, column %s", strconv.Itoa(p.Line), strconv.Itoa(p.Column))
}

// Text is the problem as String renders it, as words a page says in the
// person's language (locale.Say); its English is String.
func (p Problem) Text() apiclient.Text {
	switch {
	case p.Path != "" && !p.Pos.IsZero():
		return apiclient.T("%s: %v (%v)", p.Path, p.Message, p.Pos.Text())
	case p.Path != "":
		return apiclient.T("%s: %v", p.Path, p.Message)
	case !p.Pos.IsZero():
		return apiclient.T("%v (%v)", p.Message, p.Pos.Text())
	}
	return p.Message
}

// String renders the problem as one line, "path: message", followed by
// "(line L, column C)" when the problem has a position in a decoded body.
func (p Problem) String() string {
	s := p.Message.String()
	if p.Path != "" {
		s = p.Path + ": " + s
	}
	if !p.Pos.IsZero() {
		s += " (" + p.Pos.String() + ")"
	}
	return s
}
