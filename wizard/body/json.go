package body

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"strings"
	"unicode/utf8"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// The JSON side of the reader. encoding/json checks the syntax (one fast
// pass, exact offsets); the text is then read in place, by byte offset, so
// every value keeps its position and only the fields of the seed's tables are
// ever decoded. json.Decoder's Token walk would also give offsets, but costs
// about 0.4 µs a token: a 1 MiB body of small keys took 80 ms before any
// checking. The walk below can assume well-formed input, which keeps it short.

type kind uint8

const (
	kindNull kind = iota
	kindBool
	kindNumber
	kindString
	kindObject
	kindArray
)

func (k kind) String() string { return k.text().String() }

// text is the kind as words a page says in the person's language.
func (k kind) text() apiclient.Text {
	switch k {
	case kindNull:
		return apiclient.T("null")
	case kindBool:
		return apiclient.T("true or false")
	case kindNumber:
		return apiclient.T("a number")
	case kindString:
		return apiclient.T("a string")
	case kindObject:
		return apiclient.T("an object")
	}
	return apiclient.T("a list")
}

// doc is a JSON text that encoding/json has found well-formed. Values are
// named by the offset of their first byte.
type doc struct {
	data []byte
	// The last position computed, to convert offsets in increasing order in
	// one pass over the text.
	posOff, posLine, posCol int
}

func newDoc(data []byte) *doc { return &doc{data: data, posLine: 1, posCol: 1} }

// space skips white space from off.
func (d *doc) space(off int) int {
	for off < len(d.data) {
		switch d.data[off] {
		case ' ', '\t', '\n', '\r':
			off++
		default:
			return off
		}
	}
	return off
}

func (d *doc) kind(off int) kind {
	switch d.data[off] {
	case '{':
		return kindObject
	case '[':
		return kindArray
	case '"':
		return kindString
	case 't', 'f':
		return kindBool
	case 'n':
		return kindNull
	}
	return kindNumber
}

// end is the offset just after the value at off.
func (d *doc) end(off int) int {
	switch d.data[off] {
	case '"':
		return d.stringEnd(off)
	case '{', '[':
		depth := 0
		for i := off; i < len(d.data); i++ {
			switch d.data[i] {
			case '"':
				i = d.stringEnd(i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return len(d.data)
	}
	i := off
	for i < len(d.data) && !strings.ContainsRune(" \t\r\n,]}", rune(d.data[i])) {
		i++
	}
	return i
}

// stringEnd is the offset just after the string starting at off.
func (d *doc) stringEnd(off int) int {
	for i := off + 1; i < len(d.data); i++ {
		switch d.data[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(d.data)
}

// str decodes the string at off.
func (d *doc) str(off int) string {
	end := d.stringEnd(off)
	raw := d.data[off+1 : end-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	var s string
	_ = json.Unmarshal(d.data[off:end], &s) // well-formed, so it cannot fail
	return s
}

// literal is the text of the number, true, false or null at off.
func (d *doc) literal(off int) string { return string(d.data[off:d.end(off)]) }

// member is one member of an object: its key as written (between the
// quotes), and where the key and the value start.
type member struct {
	raw            []byte
	escaped        bool // raw holds a backslash
	keyOff, valOff int
}

// is reports whether the key is name, without making a string of it.
func (m member) is(name string) bool {
	if m.escaped {
		return m.text() == name
	}
	return string(m.raw) == name
}

// text is the key, decoded.
func (m member) text() string {
	if !m.escaped {
		return string(m.raw)
	}
	var s string
	_ = json.Unmarshal(append(append([]byte{'"'}, m.raw...), '"'), &s) // well-formed
	return s
}

// members yields the members of the object at off, in order. It is an
// iterator rather than a list: an object may have a hundred thousand keys,
// and reading it twice costs less than keeping them.
func (d *doc) members(off int) iter.Seq[member] {
	return func(yield func(member) bool) {
		i := d.space(off + 1)
		for i < len(d.data) && d.data[i] == '"' {
			end := d.stringEnd(i)
			raw := d.data[i+1 : end-1]
			m := member{raw: raw, escaped: bytes.IndexByte(raw, '\\') >= 0, keyOff: i}
			m.valOff = d.space(d.space(end) + 1) // past the ':'
			if !yield(m) {
				return
			}
			i = d.space(d.end(m.valOff))
			if i < len(d.data) && d.data[i] == ',' {
				i = d.space(i + 1)
			}
		}
	}
}

// elems yields the offsets of the elements of the list at off.
func (d *doc) elems(off int) iter.Seq[int] {
	return func(yield func(int) bool) {
		i := d.space(off + 1)
		for i < len(d.data) && d.data[i] != ']' {
			if !yield(i) {
				return
			}
			i = d.space(d.end(i))
			if i < len(d.data) && d.data[i] == ',' {
				i = d.space(i + 1)
			}
		}
	}
}

// position converts an offset to a line and a column in characters, as an
// editor counts them. A byte order mark is not a character.
func (d *doc) position(off int) wizard.Position {
	if off < d.posOff {
		d.posOff, d.posLine, d.posCol = 0, 1, 1
	}
	if d.posOff == 0 && bytes.HasPrefix(d.data, bom) {
		d.posOff = len(bom)
	}
	for ; d.posOff < off && d.posOff < len(d.data); d.posOff++ {
		switch c := d.data[d.posOff]; {
		case c == '\n':
			d.posLine++
			d.posCol = 1
		case utf8.RuneStart(c):
			d.posCol++
		}
	}
	return wizard.Position{Line: d.posLine, Column: d.posCol}
}

var bom = []byte{0xef, 0xbb, 0xbf}

// skipper makes json.Unmarshal check the syntax and decode nothing.
type skipper struct{}

func (*skipper) UnmarshalJSON([]byte) error { return nil }

// syntax checks that the text from off is one JSON value. It returns the
// offset and a message for the first error, or ok.
func (d *doc) syntax(off int) (at int, msg apiclient.Text, ok bool) {
	var err error
	if !json.Valid(d.data[off:]) {
		// Only now, for the error's place and words: Unmarshal scans twice.
		err = json.Unmarshal(d.data[off:], new(skipper))
	}
	se, isSyntax := err.(*json.SyntaxError)
	if !isSyntax {
		// Well-formed, apart from bytes that are not UTF-8 (encoding/json
		// quietly replaces them): a body is text.
		if i := invalidUTF8(d.data[off:]); i >= 0 {
			return off + i, apiclient.T("the text is not valid UTF-8"), false
		}
		return 0, apiclient.Text{}, true
	}
	if se.Offset == 0 || strings.HasPrefix(se.Error(), "unexpected end") {
		at, msg = d.endMessage(off)
		return at, msg, false
	}
	at = off + int(se.Offset) - 1 // the byte that broke the syntax
	return at, d.syntaxMessage(off, at, se.Error()), false
}

func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// syntaxWords put encoding/json's account of a syntax error, by its
// context, in words a person can act on. found: the error is about a byte
// outside any string, which may be named.
var syntaxWords = []struct {
	context string
	words   apiclient.Text
	found   bool
}{
	{"after top-level value", apiclient.T("unexpected text after the end of the body"), false},
	{"after object key:value pair", apiclient.T("expected ',' or '}' after the value"), true},
	{"after object key", apiclient.T("missing ':' after the field name"), true},
	{"after array element", apiclient.T("expected ',' or ']' after the list item"), true},
	{"beginning of object key string", apiclient.T("field names must be in double quotes"), true},
	{"beginning of value", apiclient.T("expected a value"), true},
	{"in string literal", apiclient.T("a control character inside a string must be escaped"), false},
	{"in string escape code", apiclient.T(`invalid escape: after \ write ", \, /, b, f, n, r, t or u`), false},
	{"hexadecimal character escape", apiclient.T(`\u must be followed by four hexadecimal digits`), false},
	{"numeric literal", apiclient.T("invalid number"), false},
	{"in literal", apiclient.T("invalid word: write true, false or null in lower case, or put text in double quotes"), false},
	{"max depth", apiclient.T("nested too deeply"), false},
}

// syntaxMessage says what is wrong at the byte at, from encoding/json's
// error text: the common mistakes by name, the rest by syntaxWords. It never
// quotes anything from inside a string: that could be a password.
func (d *doc) syntaxMessage(start, at int, text string) apiclient.Text {
	c := d.data[at]
	prev := byte(0) // the last byte before at that is not white space
	for i := at - 1; i >= start && prev == 0; i-- {
		if b := d.data[i]; b != ' ' && b != '\t' && b != '\n' && b != '\r' {
			prev = b
		}
	}
	word := at
	for word < len(d.data) && ('a' <= d.data[word]|0x20 && d.data[word]|0x20 <= 'z') {
		word++
	}
	lower := strings.ToLower(string(d.data[at:word]))
	outside := !strings.Contains(text, " in ") // not inside a string, a number or a word
	switch {
	case c == '/' && at+1 < len(d.data) && (d.data[at+1] == '/' || d.data[at+1] == '*'):
		return apiclient.T("comments are not allowed in JSON")
	case prev == 0:
		return apiclient.T("not JSON: a body starts with '{'")
	case (c == '}' || c == ']') && prev == ',':
		return apiclient.T("trailing ',' before '%c'", rune(c))
	case c == ',' && (prev == ',' || prev == '[' || prev == '{'):
		return apiclient.T("extra ','")
	case c == '\'':
		return apiclient.T("strings and field names must be in double quotes, not single quotes")
	case c == '"' && strings.HasSuffix(text, "key:value pair") && d.isKey(at):
		return apiclient.T("missing ',' before %v", d.keyText(at))
	case '0' <= c && c <= '9' && prev == '0':
		return apiclient.T("invalid number: a number cannot start with 0")
	case (c == '\n' || c == '\r') && strings.Contains(text, "in string literal"):
		return apiclient.T("unterminated string: the closing quote is missing on this line")
	case outside && (lower == "true" || lower == "false" || lower == "null"):
		return apiclient.T("write %s in lower case", lower)
	case outside && lower != "" && strings.HasSuffix(text, "beginning of value"):
		return apiclient.T("text must be in double quotes")
	}
	for _, w := range syntaxWords {
		if strings.Contains(text, w.context) {
			if w.found {
				return apiclient.T("%v, found %v", w.words, quoteRune(d.runeAt(at)))
			}
			return w.words
		}
	}
	return apiclient.T("not valid JSON")
}

func (d *doc) runeAt(off int) rune {
	r, _ := utf8.DecodeRune(d.data[off:])
	return r
}

// isKey reports whether the string at off is followed by ':'.
func (d *doc) isKey(off int) bool {
	end := d.stringEnd(off)
	i := d.space(end)
	return d.data[end-1] == '"' && i < len(d.data) && d.data[i] == ':'
}

// keyText is the field name at off in quotes (a string), or words for a
// long one (an apiclient.Text).
func (d *doc) keyText(off int) any {
	raw := string(d.data[off:d.stringEnd(off)])
	if utf8.RuneCountInString(raw) > 40 {
		return apiclient.T("the next field")
	}
	return raw
}

// endMessage explains a text that ends too early: empty, inside a string,
// or with an object or a list still open.
func (d *doc) endMessage(start int) (int, apiclient.Text) {
	if d.space(start) == len(d.data) {
		return len(d.data), apiclient.T(`the body is empty; expected a JSON object {"instanceSpec": ...}`)
	}
	var open []int
	inString, stringStart := false, 0
	for i := start; i < len(d.data); i++ {
		c := d.data[i]
		if inString {
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString, stringStart = true, i
		case '{', '[':
			open = append(open, i)
		case '}', ']':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if inString {
		return stringStart, apiclient.T("unterminated string: the closing quote is missing")
	}
	if len(open) == 0 {
		return len(d.data), apiclient.T("unexpected end of the body")
	}
	o := open[len(open)-1]
	if d.data[o] == '[' {
		return len(d.data), apiclient.T("unexpected end of the body: missing ']' to close the list opened at %v", d.position(o).Text())
	}
	return len(d.data), apiclient.T("unexpected end of the body: missing '}' to close the object opened at %v", d.position(o).Text())
}

// quoteRune names a character outside any string, so a person can find it.
func quoteRune(r rune) apiclient.Text {
	switch {
	case r == utf8.RuneError:
		return apiclient.T("a byte that is not UTF-8")
	case r == 0xa0:
		return apiclient.T("a non-breaking space")
	case r < ' ' || r == 0x7f:
		return apiclient.T("U+%s", fmt.Sprintf("%04X", r))
	}
	return apiclient.T("'%c'", r)
}
