// Package body is the one reader of a createInstances request body. `cocvm
// validate`, `cocvm presets import` and the sandbox's createInstances handler
// all read a body through it, so a body is refused, or accepted, the same way
// everywhere and with the same words.
//
// The reader is strict. A key that is not in the seed's tables (its case
// included: InstanceSpec is not instanceSpec), a key given twice, a value of
// the wrong JSON type or out of the Integer range, text that is not UTF-8 and
// a syntax error are all problems of the body itself. What the reader does not
// decide is whether the body is complete: a preset may leave fields out, the
// rules (wizard.Validate) say what is missing.
//
// Every problem carries its line and column. For well-formed JSON every
// problem is reported; for malformed JSON, the first syntax error. A near-miss
// key comes with a suggestion ("did you mean imageId?") and is read as the
// field it resembles, so the rules still see the rest of the body.
package body

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// MaxSize is the largest body read, 1 MiB. A createInstances body is a few
// KiB; anything larger is refused before it is read to the end.
const MaxSize = 1 << 20

// MaxListed is how many problems a person is shown at most, before "and N
// more".
const MaxListed = 50

// tooLarge says why an input larger than MaxSize is refused.
var tooLarge = apiclient.T("larger than 1 MiB, so not a createInstances body (one is a few KiB); check that this is the right file")

// ErrTooLarge is the refusal of an input larger than MaxSize (an
// *apiclient.TextError: locale.Say puts it in the person's language).
var ErrTooLarge error = &apiclient.TextError{Text: tooLarge}

// Body is a createInstances body as read.
type Body struct {
	// Request is everything that could be read. A field with a problem is
	// left as absent.
	Request apiclient.CreateInstancesRequest
	// Problems are what is wrong with the body itself, in the order they
	// appear in it. Rules about the request's values are not among them:
	// see Check.
	Problems []wizard.Problem

	doc      *doc
	object   bool // the top level is an object, so the rules apply
	unusable map[string]bool
	zeros    map[string]bool
	offs     map[string]int
}

// Read reads one body from r, at most MaxSize bytes of it: a larger input is
// refused with ErrTooLarge without reading the rest. Other errors are r's.
func Read(r io.Reader) (*Body, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, ErrTooLarge
	}
	return Decode(data), nil
}

// Decode reads a createInstances body: instanceSpec, maxCount and
// clientToken at the top level. Data over MaxSize is one problem,
// ErrTooLarge's.
func Decode(data []byte) *Body {
	return decode(data, requestDefs)
}

// Field is a top-level field of a document that holds an instanceSpec with
// other fields than a body's (a preset export): its name, and the string or
// whole number it is read into (set exactly one of String and Int).
type Field struct {
	Name   string
	String *string
	Int    *int
}

// DecodeWith reads a JSON object whose top level holds instanceSpec and
// fields, in place of a body's maxCount and clientToken. The instanceSpec and
// the fields are read as strictly as by Decode.
func DecodeWith(data []byte, fields []Field) *Body {
	return decode(data, func(r *apiclient.CreateInstancesRequest) []fieldDef {
		var defs []fieldDef
		for _, f := range fields {
			if f.Int != nil {
				defs = append(defs, num(f.Name, f.Int))
			} else {
				defs = append(defs, str(f.Name, f.String))
			}
		}
		return append(defs, specDef(&r.InstanceSpec))
	})
}

func decode(data []byte, top func(*apiclient.CreateInstancesRequest) []fieldDef) *Body {
	d := &decoder{doc: newDoc(data), unusable: map[string]bool{}, zeros: map[string]bool{}, offs: make(map[string]int, len(data)/256)}
	b := &Body{doc: d.doc, unusable: d.unusable, zeros: d.zeros, offs: d.offs}
	defer b.finish(d)
	if len(data) > MaxSize {
		d.problem("", -1, tooLarge)
		return b
	}
	start := 0
	if bytes.HasPrefix(data, bom) {
		start = len(bom) // as some editors write; JSON readers may skip it
	}
	if at, msg, ok := d.syntax(start); !ok {
		d.problem("", at, msg)
		return b
	}
	root := d.space(start)
	if k := d.kind(root); k != kindObject {
		d.problem("", root, apiclient.T(`the body must be a JSON object {"instanceSpec": ...}, not %v`, k.text()))
		return b
	}
	b.object = true
	d.offs[""] = root
	d.fields(root, "", "", top(&b.Request))
	return b
}

// finish orders the problems by position and gives each its line and
// column, converting offsets in one pass over the text.
func (b *Body) finish(d *decoder) {
	ps, at := d.problems, d.at
	if !slices.IsSorted(at) {
		idx := make([]int, len(ps))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(x, y int) int { return at[x] - at[y] })
		sortedPs, sortedAt := make([]wizard.Problem, len(ps)), make([]int, len(ps))
		for i, j := range idx {
			sortedPs[i], sortedAt[i] = ps[j], at[j]
		}
		ps, at = sortedPs, sortedAt
	}
	for i := range ps {
		if at[i] >= 0 {
			ps[i].Pos = b.doc.position(at[i])
		}
	}
	b.Problems = slices.Clip(ps)
}

// IsObject reports whether the body is a JSON object, so that its fields
// could be read (it may still have problems).
func (b *Body) IsObject() bool { return b.object }

// Draft is the draft the body describes, without a region (a body does not
// say it).
func (b *Body) Draft() wizard.Draft { return wizard.RequestToDraft("", b.Request) }

// Has reports whether the body gives the field at path (a canonical path,
// such as "instanceSpec" or "instanceSpec.charge.chargeDuration"), null
// included.
func (b *Body) Has(path string) bool {
	_, ok := b.offset(path)
	return ok
}

// offset finds the value at a canonical path: recorded (objects, lists and
// values read under another path), or else the last member of that name in
// the recorded parent, as the reader read it.
func (b *Body) offset(path string) (int, bool) {
	if off, ok := b.offs[path]; ok || path == "" {
		return off, ok
	}
	par := parent(path)
	off, ok := b.offs[par]
	if !ok || b.doc.kind(off) != kindObject {
		return 0, false // lists hold objects, which are recorded
	}
	name := strings.TrimPrefix(path[len(par):], ".")
	found := false
	for m := range b.doc.members(off) {
		if m.is(name) {
			off, found = m.valOff, true
		}
	}
	return off, found
}

// Zero reports whether the integer at path was written as 0, which is out
// of range for every Integer of the seed's tables, where a draft would read
// 0 as absent.
func (b *Body) Zero(path string) bool { return b.zeros[path] }

// Check is everything wrong with the body, as `cocvm validate` reports it:
// the body's own problems, then every rule of the request (wizard's, for one
// request, with integers written as 0 out of range), each with the position of
// the value it is about. A rule is not reported for a field whose value could
// not be read at all, since that problem is already listed.
func (b *Body) Check() []wizard.Problem {
	if !b.object {
		return slices.Clone(b.Problems)
	}
	var rules []wizard.Problem
	for _, p := range wizard.ValidateDecoded(b.Request, nil, b.Zero) {
		if !b.covered(p.Path) {
			rules = append(rules, p)
		}
	}
	b.locate(rules, false)
	return slices.Concat(b.Problems, rules)
}

// Zeros are the rule problems about integers written as 0 ("must be 1 to 9
// months; got 0"). A draft cannot hold such a zero (0 is absent there), so
// presets import refuses them with the body's own problems, and the sandbox
// answers them as out of range.
func (b *Body) Zeros() []wizard.Problem {
	if len(b.zeros) == 0 || !b.object {
		return nil
	}
	var out []wizard.Problem
	for _, p := range wizard.ValidateDecoded(b.Request, nil, b.Zero) {
		if b.zeros[p.Path] {
			out = append(out, p)
		}
	}
	b.locate(out, false)
	return out
}

// Refused is what presets import refuses a document for: the body's own
// problems and Zeros. The rest may be missing; the wizard asks for it.
func (b *Body) Refused() []wizard.Problem {
	return append(slices.Clone(b.Problems), b.Zeros()...)
}

// Notes are remarks that are not problems (wizard.Notes), at the object they
// are about.
func (b *Body) Notes() []wizard.Problem {
	if !b.object {
		return nil
	}
	ns := wizard.Notes(b.Draft(), b.Zero)
	b.locate(ns, true)
	return ns
}

// locate gives each problem the position of the value it is about, or with
// nearest, of its nearest ancestor in the body. Offsets are converted in
// increasing order, in one pass over the text.
func (b *Body) locate(ps []wizard.Problem, nearest bool) {
	idx := make([]int, 0, len(ps))
	offs := make([]int, len(ps))
	for i, p := range ps {
		off, ok := b.offset(p.Path)
		for path := p.Path; !ok && nearest && path != ""; {
			path = parent(path)
			off, ok = b.offset(path)
		}
		if ok {
			offs[i] = off
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(x, y int) int { return offs[x] - offs[y] })
	for _, i := range idx {
		ps[i].Pos = b.doc.position(offs[i])
	}
}

// covered reports whether path, or an ancestor of it, could not be read.
func (b *Body) covered(path string) bool {
	for ; path != ""; path = parent(path) {
		if b.unusable[path] {
			return true
		}
	}
	return false
}

// parent drops the last step of a path: a.b[2].c -> a.b[2] -> a.b -> a.
func parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// Error is a body refused for its problems, for a caller that reports one
// error (presets import).
type Error struct {
	Problems []wizard.Problem
}

// Text lists the problems one a line, MaxListed at most, as words a page
// says in the person's language; its English is Error.
func (e *Error) Text() apiclient.Text {
	if len(e.Problems) == 1 {
		return e.Problems[0].Text()
	}
	t := apiclient.T("%s problems:", strconv.Itoa(len(e.Problems)))
	lines, more := Listed(e.Problems)
	for _, l := range lines {
		t = apiclient.T("%v\n  %v", t, l.Text())
	}
	if more > 0 {
		t = apiclient.T("%v\n  %v", t, AndMore(more))
	}
	return t
}

// Unwrap is the same message as an *apiclient.TextError, so that
// locale.Say, which sees through a wrapper that adds no words, says it in
// the person's language.
func (e *Error) Unwrap() error { return &apiclient.TextError{Text: e.Text()} }

// Error lists the problems one a line, MaxListed at most.
func (e *Error) Error() string { return e.Text().String() }

// Listed splits problems into those shown, MaxListed at most, and how many
// more there are.
func Listed(ps []wizard.Problem) (shown []wizard.Problem, more int) {
	if len(ps) <= MaxListed {
		return ps, 0
	}
	return ps[:MaxListed], len(ps) - MaxListed
}

// AndMore is the line after the problems shown: "and 3 more problems"
// (String for the sandbox's English answers).
func AndMore(n int) apiclient.Text {
	if n == 1 {
		return apiclient.T("and 1 more problem")
	}
	return apiclient.T("and %s more problems", strconv.Itoa(n))
}
