package wizard

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A tolerant JSON parser for `cocvm validate`. encoding/json stops at the
// first syntax error and forgets where values were; a person checking a body
// wants every problem at once, with lines and columns. This parser keeps
// positions, reports each syntax error, and recovers from the common ones
// (a missing or extra comma, an extra or missing closing bracket, a missing
// colon, single quotes, unquoted words, an unterminated string) so that the
// decoder and the rules still see the rest of the body.

type jsonKind uint8

const (
	jsonInvalid jsonKind = iota // unusable; a syntax error has been reported
	jsonNull
	jsonBool
	jsonNumber
	jsonString
	jsonObject
	jsonArray
)

func (k jsonKind) String() string {
	switch k {
	case jsonNull:
		return "null"
	case jsonBool:
		return "true or false"
	case jsonNumber:
		return "a number"
	case jsonString:
		return "a string"
	case jsonObject:
		return "an object"
	case jsonArray:
		return "a list"
	}
	return "an invalid value"
}

// jsonValue is one parsed value with the position of its first character.
type jsonValue struct {
	kind    jsonKind
	pos     Position
	text    string // a string's value, or a number's literal
	b       bool
	members []jsonMember
	elems   []*jsonValue
}

type jsonMember struct {
	key    string
	keyPos Position
	value  *jsonValue
}

// syntaxProblem is a syntax error, addressed by the path (as written in the
// body) of the object or list it is in.
type syntaxProblem struct {
	path string
	pos  Position
	msg  string
}

const (
	maxJSONDepth      = 200
	maxSyntaxProblems = 25
)

type jsonParser struct {
	data []byte
	off  int
	// The position of posOff, advanced incrementally: positions are asked
	// for mostly in increasing order.
	posOff   int
	posLine  int
	posCol   int
	problems []syntaxProblem
	stack    []byte // the open brackets, '{' or '['
	stopped  bool
}

// parseJSON parses data, returning the top-level value (nil when there is
// none) and every syntax problem found.
func parseJSON(data []byte) (*jsonValue, []syntaxProblem) {
	p := &jsonParser{data: data, posLine: 1, posCol: 1}
	if len(data) >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf {
		p.off = 3 // a UTF-8 byte order mark, as some editors write
		p.posOff = 3
	}
	p.skipSpace("")
	if p.eof() {
		p.report("", p.off, "the body is empty; expected a JSON object {\"instanceSpec\": ...}")
		return nil, p.problems
	}
	if c := p.data[p.off]; c != '{' && c != '[' {
		// Text before the body, such as the request line of the seed's
		// example: skip to the first '{' if there is one.
		if i := strings.IndexByte(string(p.data[p.off:]), '{'); i > 0 {
			p.report("", p.off, "unexpected text before the body; a body starts with '{'")
			p.off += i
		}
	}
	v := p.value("", 0)
	p.skipSpace("")
	if !p.eof() && !p.stopped {
		p.report("", p.off, "unexpected text after the end of the body")
	}
	return v, p.problems
}

func (p *jsonParser) eof() bool { return p.off >= len(p.data) }

// position converts a byte offset to a line and a column in characters.
func (p *jsonParser) position(off int) Position {
	if off < p.posOff {
		p.posOff, p.posLine, p.posCol = 0, 1, 1
	}
	for p.posOff < off && p.posOff < len(p.data) {
		c := p.data[p.posOff]
		switch {
		case c == '\n':
			p.posLine++
			p.posCol = 1
		case utf8.RuneStart(c):
			p.posCol++
		}
		p.posOff++
	}
	// The column counts characters started before off; the first character
	// of a line is column 1.
	return Position{Line: p.posLine, Column: p.posCol}
}

func (p *jsonParser) report(path string, off int, msg string) {
	if p.stopped {
		return
	}
	if len(p.problems) >= maxSyntaxProblems {
		p.problems = append(p.problems, syntaxProblem{path: path, pos: p.position(off),
			msg: "too many syntax errors; stopped checking the syntax here"})
		p.stopped = true
		return
	}
	p.problems = append(p.problems, syntaxProblem{path: path, pos: p.position(off), msg: msg})
}

// skipSpace skips white space, and comments after reporting them.
func (p *jsonParser) skipSpace(path string) {
	for !p.eof() {
		switch c := p.data[p.off]; c {
		case ' ', '\t', '\n', '\r':
			p.off++
		case '/':
			if p.off+1 < len(p.data) && (p.data[p.off+1] == '/' || p.data[p.off+1] == '*') {
				p.report(path, p.off, "comments are not allowed in JSON")
				if p.data[p.off+1] == '/' {
					for !p.eof() && p.data[p.off] != '\n' {
						p.off++
					}
				} else if end := strings.Index(string(p.data[p.off+2:]), "*/"); end >= 0 {
					p.off += 2 + end + 2
				} else {
					p.off = len(p.data)
				}
				continue
			}
			return
		default:
			if c == 0xc2 && p.off+1 < len(p.data) && p.data[p.off+1] == 0xa0 {
				p.report(path, p.off, "a non-breaking space is not white space in JSON")
				p.off += 2
				continue
			}
			return
		}
	}
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func joinIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '_' || c == '-' || c == '.' || c == '+' || c >= utf8.RuneSelf
}

// startsValue reports whether c can begin a value (or a bare word taken as
// one), which after a complete value means a comma is missing.
func startsValue(c byte) bool {
	return c == '"' || c == '\'' || c == '{' || c == '[' || isWordByte(c)
}

func (p *jsonParser) value(path string, depth int) *jsonValue {
	p.skipSpace(path)
	if p.stopped {
		return &jsonValue{kind: jsonInvalid}
	}
	if p.eof() {
		p.report(path, p.off, "unexpected end of the body; expected a value")
		return &jsonValue{kind: jsonInvalid, pos: p.position(p.off)}
	}
	if depth >= maxJSONDepth {
		p.report("", p.off, "nested too deeply")
		p.stopped = true
		return &jsonValue{kind: jsonInvalid, pos: p.position(p.off)}
	}
	start := p.off
	switch c := p.data[p.off]; {
	case c == '{':
		return p.object(path, depth)
	case c == '[':
		return p.array(path, depth)
	case c == '"' || c == '\'':
		s, _ := p.str(path)
		return &jsonValue{kind: jsonString, pos: p.position(start), text: s}
	case c == '-' || '0' <= c && c <= '9':
		return p.number(path)
	case isWordByte(c):
		return p.word(path)
	case c == ',' || c == '}' || c == ']' || c == ':':
		p.report(path, p.off, "expected a value before '"+string(c)+"'")
		return &jsonValue{kind: jsonInvalid, pos: p.position(start)}
	default:
		r, size := utf8.DecodeRune(p.data[p.off:])
		p.report(path, p.off, "unexpected character "+describeRune(r))
		p.off += size
		return &jsonValue{kind: jsonInvalid, pos: p.position(start)}
	}
}

// word reads true, false, null, or a bare word, which is taken as a string
// after reporting the missing quotes.
func (p *jsonParser) word(path string) *jsonValue {
	start := p.off
	for !p.eof() && isWordByte(p.data[p.off]) {
		p.off++
	}
	w := string(p.data[start:p.off])
	pos := p.position(start)
	switch w {
	case "true", "false":
		return &jsonValue{kind: jsonBool, pos: pos, b: w == "true"}
	case "null":
		return &jsonValue{kind: jsonNull, pos: pos}
	}
	switch lw := strings.ToLower(w); lw {
	case "true", "false":
		p.report(path, start, "write "+lw+" in lower case")
		return &jsonValue{kind: jsonBool, pos: pos, b: lw == "true"}
	case "null":
		p.report(path, start, "write null in lower case")
		return &jsonValue{kind: jsonNull, pos: pos}
	}
	p.report(path, start, "text must be in double quotes: \""+w+"\"")
	return &jsonValue{kind: jsonString, pos: pos, text: w}
}

func (p *jsonParser) number(path string) *jsonValue {
	start := p.off
	for !p.eof() && (isWordByte(p.data[p.off])) {
		p.off++
	}
	lit := string(p.data[start:p.off])
	pos := p.position(start)
	if !validNumber(lit) {
		p.report(path, start, "invalid number "+strconv.Quote(lit))
		return &jsonValue{kind: jsonInvalid, pos: pos}
	}
	return &jsonValue{kind: jsonNumber, pos: pos, text: lit}
}

// validNumber checks the JSON number grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// str reads a string in double quotes (or, after reporting it, single
// quotes). A raw line break ends an unterminated string.
func (p *jsonParser) str(path string) (string, bool) {
	start := p.off
	quote := p.data[p.off]
	if quote == '\'' {
		p.report(path, start, "strings must be in double quotes, not single quotes")
	}
	p.off++
	var b strings.Builder
	badUTF8 := false
	for {
		if p.eof() {
			p.report(path, start, "unterminated string: the closing quote is missing")
			return b.String(), false
		}
		c := p.data[p.off]
		switch {
		case c == quote:
			p.off++
			return b.String(), true
		case c == '\n' || c == '\r':
			p.report(path, start, "unterminated string: the closing quote is missing on this line")
			// `"web-01,` at the end of a line: the comma was meant to
			// follow the string, so leave it to be read as one.
			k := p.off - 1
			for k > start && (p.data[k] == ' ' || p.data[k] == '\t') {
				k--
			}
			s := b.String()
			if k > start && p.data[k] == ',' {
				p.off = k
				s = strings.TrimSuffix(strings.TrimRight(s, " \t"), ",")
			}
			return s, false
		case c < ' ':
			p.report(path, p.off, "a control character inside a string must be escaped")
			b.WriteByte(c)
			p.off++
		case c == '\\':
			p.escape(path, &b)
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(p.data[p.off:])
			if r == utf8.RuneError && size == 1 && !badUTF8 {
				p.report(path, p.off, "the text is not valid UTF-8")
				badUTF8 = true
			}
			b.WriteRune(r)
			p.off += size
		default:
			b.WriteByte(c)
			p.off++
		}
	}
}

func (p *jsonParser) escape(path string, b *strings.Builder) {
	at := p.off
	p.off++ // the backslash
	if p.eof() {
		return
	}
	c := p.data[p.off]
	p.off++
	switch c {
	case '"', '\\', '/', '\'':
		if c == '\'' {
			p.report(path, at, "\\' is not a JSON escape; write ' as it is")
		}
		b.WriteByte(c)
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		r, ok := p.hex4()
		if !ok {
			p.report(path, at, "\\u must be followed by four hexadecimal digits")
			return
		}
		if utf16.IsSurrogate(r) {
			save := p.off
			if p.off+1 < len(p.data) && p.data[p.off] == '\\' && p.data[p.off+1] == 'u' {
				p.off += 2
				if r2, ok := p.hex4(); ok {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						b.WriteRune(dec)
						return
					}
				}
			}
			p.off = save
			r = utf8.RuneError
		}
		b.WriteRune(r)
	default:
		p.report(path, at, "invalid escape \\"+string(rune(c)))
		b.WriteByte(c)
	}
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.off+4 > len(p.data) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.data[p.off:p.off+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.off += 4
	return rune(n), true
}

func (p *jsonParser) openedAt(off int) string {
	return " opened at " + p.position(off).String()
}

// strayCloser handles a closing bracket that does not match the innermost
// open one (a '}' in a list, a ']' in an object). It reports whether the
// current container should end here, leaving the closer to the outer
// container it belongs to (the current one lacks its own closer), or skips
// it as an extra one. What follows the closer decides: the current
// container's own closer means the stray one is extra; `, "name":` means an
// object goes on, `, value` that a list goes on; anything else (the end, or
// another closer) means the stray closer ends an outer container.
func (p *jsonParser) strayCloser(path string, openOff int) (closeHere bool) {
	closer := p.data[p.off]
	// own closes the current container; opener is what the stray closer
	// would close.
	own, opener := byte(']'), byte('{')
	kind, strayKind := "list", "object"
	if closer == ']' {
		own, opener = '}', '['
		kind, strayKind = "object", "list"
	}
	outer := false
	for _, o := range p.stack[:len(p.stack)-1] {
		outer = outer || o == opener
	}
	save := p.off
	p.off++
	p.skipSpaceQuiet()
	var next string
	switch {
	case p.eof():
		next = "end"
	case p.data[p.off] == own:
		next = "own"
	case p.data[p.off] == ',':
		p.off++
		p.skipSpaceQuiet()
		next = "element"
		if !p.eof() && p.data[p.off] == '"' {
			if end := strings.IndexByte(string(p.data[p.off+1:]), '"'); end >= 0 {
				p.off += end + 2
				p.skipSpaceQuiet()
				if !p.eof() && p.data[p.off] == ':' {
					next = "member"
				}
			}
		}
	default:
		next = "other"
	}
	p.off = save
	// Does what follows continue the current container?
	continues := next == "own" || (kind == "list" && next == "element") || (kind == "object" && next == "member")
	if !continues && outer {
		p.report(path, p.off, "missing '"+string(own)+"' to close the "+kind+p.openedAt(openOff))
		return true
	}
	p.report(path, p.off, "unexpected '"+string(closer)+"': there is no "+strayKind+
		" open here to close (an extra closing bracket?)")
	p.off++
	return false
}

// skipSpaceQuiet skips white space without reporting anything.
func (p *jsonParser) skipSpaceQuiet() {
	for !p.eof() {
		switch p.data[p.off] {
		case ' ', '\t', '\n', '\r':
			p.off++
		default:
			return
		}
	}
}

func (p *jsonParser) object(path string, depth int) *jsonValue {
	openOff := p.off
	v := &jsonValue{kind: jsonObject, pos: p.position(p.off)}
	p.off++
	p.stack = append(p.stack, '{')
	defer func() { p.stack = p.stack[:len(p.stack)-1] }()
	for {
		p.skipSpace(path)
		if p.stopped {
			return v
		}
		if p.eof() {
			p.report(path, p.off, "unexpected end of the body: missing '}' to close the object"+p.openedAt(openOff))
			return v
		}
		c := p.data[p.off]
		switch {
		case c == '}':
			p.off++
			return v
		case c == ']':
			if p.strayCloser(path, openOff) {
				return v
			}
			continue
		case c == ',':
			p.report(path, p.off, "extra ','")
			p.off++
			continue
		case c == '"' || c == '\'' || isWordByte(c):
		default:
			r, size := utf8.DecodeRune(p.data[p.off:])
			p.report(path, p.off, "expected a field name in double quotes, found "+describeRune(r))
			p.off += size
			continue
		}

		keyOff := p.off
		var key string
		if c == '"' || c == '\'' {
			key, _ = p.str(path)
		} else {
			for !p.eof() && isWordByte(p.data[p.off]) {
				p.off++
			}
			key = string(p.data[keyOff:p.off])
			p.report(path, keyOff, "field names must be in double quotes: \""+key+"\"")
		}
		m := jsonMember{key: key, keyPos: p.position(keyOff)}
		p.skipSpace(path)
		switch {
		case !p.eof() && p.data[p.off] == ':':
			p.off++
			m.value = p.value(joinKey(path, key), depth+1)
		case !p.eof() && p.data[p.off] == '=':
			p.report(path, p.off, "expected ':' after \""+key+"\", found '='")
			p.off++
			m.value = p.value(joinKey(path, key), depth+1)
		case !p.eof() && (startsValue(p.data[p.off]) || p.data[p.off] == '-'):
			p.report(path, p.off, "missing ':' after \""+key+"\"")
			m.value = p.value(joinKey(path, key), depth+1)
		default:
			p.report(path, p.off, "missing ':' and a value after \""+key+"\"")
			m.value = &jsonValue{kind: jsonInvalid, pos: p.position(p.off)}
		}
		v.members = append(v.members, m)

		// After a member: ',' then more, or '}'.
		p.skipSpace(path)
		if p.stopped || p.eof() {
			continue // reported at the top of the loop
		}
		switch c := p.data[p.off]; {
		case c == ',':
			commaOff := p.off
			p.off++
			p.skipSpace(path)
			if !p.eof() && p.data[p.off] == '}' {
				p.report(path, commaOff, "trailing ',' before '}'")
			}
		case c == '}' || c == ']':
			// handled at the top of the loop
		case c == '"' || c == '\'' || isWordByte(c):
			next := p.peekKey()
			p.report(path, p.off, "missing ',' before "+next)
		}
	}
}

// peekKey describes what follows for a "missing ','" message: the next
// field name in quotes when there is one.
func (p *jsonParser) peekKey() string {
	rest := p.data[p.off:]
	if len(rest) > 0 && rest[0] == '"' {
		if end := strings.IndexAny(string(rest[1:]), "\"\n"); end >= 0 && end < 80 {
			return string(rest[:end+2])
		}
	}
	return "the next field"
}

func (p *jsonParser) array(path string, depth int) *jsonValue {
	openOff := p.off
	v := &jsonValue{kind: jsonArray, pos: p.position(p.off)}
	p.off++
	p.stack = append(p.stack, '[')
	defer func() { p.stack = p.stack[:len(p.stack)-1] }()
	for {
		p.skipSpace(path)
		if p.stopped {
			return v
		}
		if p.eof() {
			p.report(path, p.off, "unexpected end of the body: missing ']' to close the list"+p.openedAt(openOff))
			return v
		}
		switch c := p.data[p.off]; c {
		case ']':
			p.off++
			return v
		case '}':
			if p.strayCloser(path, openOff) {
				return v
			}
			continue
		case ',':
			p.report(path, p.off, "extra ','")
			p.off++
			continue
		}
		before := p.off
		e := p.value(joinIndex(path, len(v.elems)), depth+1)
		v.elems = append(v.elems, e)
		if p.off == before && !p.stopped {
			p.off++ // value() reported and consumed nothing: make progress
		}

		p.skipSpace(path)
		if p.stopped || p.eof() {
			continue
		}
		switch c := p.data[p.off]; {
		case c == ',':
			commaOff := p.off
			p.off++
			p.skipSpace(path)
			if !p.eof() && p.data[p.off] == ']' {
				p.report(path, commaOff, "trailing ',' before ']'")
			}
		case c == ']' || c == '}':
		case startsValue(c):
			p.report(path, p.off, "missing ',' between list items")
		}
	}
}
