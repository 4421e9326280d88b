package presets

import (
	"errors"
	"fmt"
	"github.com/cocvm/cocvm/wizard"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// tomlDoc reads one of cocvm's TOML files strictly: the BurntSushi parser
// turns the text into plain maps (so only syntax can fail there), and the
// typed getters below take each key by its exact name, so a misspelt,
// mis-cased or unknown key is an error that names the key and its line
// instead of being silently ignored.
type tomlDoc struct {
	path string
	data []byte
	fix  string     // what to do, appended to every error of this file
	err  *FileError // the first problem; later reads are no-ops
	// order is each key's position in the file (first occurrence), keyed
	// by its components joined with NUL, array indices left out.
	order map[string]int
}

// parseTOML parses data. redact is set for files that may hold secrets: the
// parser's messages can quote a fragment of a value, so they are replaced by
// messages that quote nothing.
func parseTOML(path string, data []byte, fix string, redact bool) (*tomlDoc, *tomlTable, error) {
	doc := &tomlDoc{path: path, data: data, fix: fix}
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		return nil, nil, doc.syntaxError(err, redact)
	}
	doc.order = map[string]int{}
	for i, k := range md.Keys() {
		id := strings.Join(k, "\x00")
		if _, ok := doc.order[id]; !ok {
			doc.order[id] = i
		}
	}
	return doc, &tomlTable{doc: doc, m: m, seen: map[string]bool{}, asked: map[string]bool{}}, nil
}

func (d *tomlDoc) syntaxError(err error, redact bool) *FileError {
	fe := &FileError{Path: d.path, Fix: d.fix}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		fe.Line = pe.Position.Line
		fe.Problem = "not valid TOML: " + pe.Message
		if redact {
			fe.Problem = "not valid TOML: " + redactParseMessage(pe.Message)
		}
		return fe
	}
	fe.Problem = "not valid TOML"
	if !redact {
		fe.Problem += ": " + err.Error()
	}
	return fe
}

// redactParseMessage keeps the kind of syntax error but drops anything the
// parser quoted from the file, which could be part of a secret key.
func redactParseMessage(msg string) string {
	switch {
	case strings.HasPrefix(msg, "invalid escape in string"):
		return "invalid escape sequence in a string"
	case strings.HasPrefix(msg, "invalid UTF-8 byte"):
		return "invalid UTF-8 in a string"
	case strings.HasPrefix(msg, "invalid datetime"):
		return "invalid date or time"
	case strings.Contains(msg, "out of range"):
		return "number out of range"
	}
	var b strings.Builder
	var quote rune
	for _, r := range msg {
		switch {
		case quote != 0 && r == quote:
			quote = 0
			b.WriteString("…")
			b.WriteRune(r)
		case quote != 0:
		case r == '"' || r == '\'':
			quote = r
			b.WriteRune(r)
		case r >= '0' && r <= '9':
			// Bare numbers in a message can be a value (an unquoted
			// secret of digits); nothing useful is lost without them.
		default:
			b.WriteRune(r)
		}
	}
	if quote != 0 {
		b.WriteString("…")
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func (d *tomlDoc) fail(path []string, format string, args ...any) {
	if d.err != nil {
		return
	}
	d.err = &FileError{
		Path:    d.path,
		Line:    findKeyLine(d.data, path),
		Problem: fmt.Sprintf(format, args...),
		Fix:     d.fix,
	}
}

// tomlTable is one table of the document; path locates it for error lines.
type tomlTable struct {
	doc   *tomlDoc
	path  []string // keys from the root; "[i]" marks element i of an array of tables
	name  string   // how messages name the table, e.g. "[network]"
	m     map[string]any
	seen  map[string]bool // keys read
	asked map[string]bool // keys the reader knows, present or not (for suggestions)
}

func (t *tomlTable) keyPath(key string) []string {
	return append(append([]string(nil), t.path...), key)
}

func (t *tomlTable) describe(key string) string {
	full := strings.Join(append(cleanPath(t.path), key), ".")
	return strconv.Quote(full)
}

func cleanPath(p []string) []string {
	out := make([]string, 0, len(p))
	for _, c := range p {
		if !strings.HasPrefix(c, "[") {
			out = append(out, c)
		}
	}
	return out
}

func (t *tomlTable) get(key string) (any, bool) {
	t.asked[key] = true
	v, ok := t.m[key]
	if ok {
		t.seen[key] = true
	}
	return v, ok
}

// has reports whether key is present without reading it.
func (t *tomlTable) has(key string) bool {
	_, ok := t.m[key]
	return ok
}

func (t *tomlTable) wrongType(key string, want string, v any) {
	t.doc.fail(t.keyPath(key), "%s must be %s, not %s", t.describe(key), want, tomlTypeName(v))
}

func tomlTypeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a decimal number"
	case bool:
		return "true/false"
	case time.Time:
		return "a date/time"
	case map[string]any:
		return "a table"
	case []map[string]any, []any:
		return "an array"
	}
	return fmt.Sprintf("%T", v)
}

func (t *tomlTable) str(key string) string {
	v, ok := t.get(key)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.wrongType(key, `a string in double quotes`, v)
	}
	return s
}

// optInt returns nil when key is absent.
func (t *tomlTable) optInt(key string) *int {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	n, ok := v.(int64)
	if !ok {
		t.wrongType(key, "a whole number", v)
		return nil
	}
	if n < math.MinInt || n > math.MaxInt {
		t.doc.fail(t.keyPath(key), "%s is too large", t.describe(key))
		return nil
	}
	i := int(n)
	return &i
}

func (t *tomlTable) int(key string) int {
	if p := t.optInt(key); p != nil {
		return *p
	}
	return 0
}

func (t *tomlTable) bool(key string) bool {
	v, ok := t.get(key)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		t.wrongType(key, "true or false (no quotes)", v)
	}
	return b
}

func (t *tomlTable) time(key string) time.Time {
	v, ok := t.get(key)
	if !ok {
		return time.Time{}
	}
	tm, ok := v.(time.Time)
	if !ok {
		t.wrongType(key, "a date and time such as 2025-01-02T15:04:05Z (no quotes)", v)
	}
	return tm
}

func (t *tomlTable) child(path []string, name string, m map[string]any) *tomlTable {
	return &tomlTable{doc: t.doc, path: path, name: name, m: m, seen: map[string]bool{}, asked: map[string]bool{}}
}

// table returns the sub-table key, or nil when it is absent.
func (t *tomlTable) table(key string) *tomlTable {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.wrongType(key, "a table", v)
		return nil
	}
	return t.child(t.keyPath(key), "["+strings.Join(cleanPath(t.keyPath(key)), ".")+"]", m)
}

// tables returns the elements of an array of tables ([[key]]).
func (t *tomlTable) tables(key string) []*tomlTable {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	var elems []map[string]any
	switch a := v.(type) {
	case []map[string]any:
		elems = a
	case []any:
		for _, e := range a {
			m, ok := e.(map[string]any)
			if !ok {
				t.doc.fail(t.keyPath(key), "%s must be a list of tables ([[%s]] sections), but holds %s",
					t.describe(key), strings.Join(cleanPath(t.keyPath(key)), "."), tomlTypeName(e))
				return nil
			}
			elems = append(elems, m)
		}
	default:
		t.wrongType(key, fmt.Sprintf("a list of tables ([[%s]] sections)", strings.Join(cleanPath(t.keyPath(key)), ".")), v)
		return nil
	}
	out := make([]*tomlTable, len(elems))
	for i, m := range elems {
		p := append(t.keyPath(key), "["+strconv.Itoa(i)+"]")
		out[i] = t.child(p, fmt.Sprintf("[[%s]] number %d", strings.Join(cleanPath(p), "."), i+1), m)
	}
	return out
}

// keys returns the keys of the table sorted, for maps keyed by
// user-chosen names (profiles); the caller reads each with table.
func (t *tomlTable) keys() []string {
	ks := make([]string, 0, len(t.m))
	for k := range t.m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// finish reports the first key (in file order) that the reader never asked
// for, suggesting the known key it most likely meant.
func (t *tomlTable) finish() {
	if t == nil || t.doc.err != nil {
		return
	}
	var unknown []string
	for k := range t.m {
		if !t.seen[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return
	}
	// Report the first in file order. Looking lines up per key would be
	// quadratic in the size of the file; the parser's key order is not.
	pos := func(k string) int {
		if p, ok := t.doc.order[strings.Join(cleanPath(t.keyPath(k)), "\x00")]; ok {
			return p
		}
		return len(t.doc.order)
	}
	sort.Slice(unknown, func(i, j int) bool {
		pi, pj := pos(unknown[i]), pos(unknown[j])
		if pi != pj {
			return pi < pj
		}
		return unknown[i] < unknown[j]
	})
	k := unknown[0]
	where := "at the top level"
	if t.name != "" {
		where = "in " + t.name
	}
	msg := fmt.Sprintf("unknown key %s %s", strconv.Quote(k), where)
	if s := suggestKey(k, t.asked); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	t.doc.fail(t.keyPath(k), "%s", msg)
}

// suggestKey returns the known key closest to k: the same up to case and
// underscores, or within two edits (fewer for short keys).
func suggestKey(k string, known map[string]bool) string {
	best, bestD := "", 3
	names := make([]string, 0, len(known))
	for n := range known {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if strings.EqualFold(n, k) || strings.EqualFold(strings.ReplaceAll(n, "_", ""), strings.ReplaceAll(k, "_", "")) {
			return n
		}
		// Short keys are within two edits of almost anything.
		if d := wizard.EditDistance(strings.ToLower(k), n); d < bestD && 3*d <= len(k) {
			best, bestD = n, d
		}
	}
	return best
}

// findKeyLine finds the line that defines the key at path (components from
// the root, "[i]" for element i of an array of tables), or 0. It is a light
// scan, not a parser: it follows [table] and [[array]] headers and the
// dotted keys before "=", and skips multi-line strings. It only runs on
// files the parser accepted, so the layout is valid TOML.
func findKeyLine(data []byte, path []string) int {
	lines := strings.Split(string(data), "\n")
	var ctx []string
	counts := map[string]int{}
	inMulti := ""
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		if inMulti != "" {
			if strings.Count(line, inMulti)%2 == 1 {
				inMulti = ""
			}
			continue
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, "[[") {
			end := strings.Index(line, "]]")
			if end < 0 {
				continue
			}
			h := splitDottedKey(line[2:end])
			id := strings.Join(h, "\x00")
			n := counts[id]
			counts[id] = n + 1
			ctx = append(h, "["+strconv.Itoa(n)+"]")
			if hasPrefix(ctx, path) {
				return i + 1
			}
			continue
		}
		if line[0] == '[' {
			end := strings.LastIndex(line, "]")
			if end < 0 {
				continue
			}
			ctx = splitDottedKey(line[1:end])
			if hasPrefix(ctx, path) {
				return i + 1
			}
			continue
		}
		eq := indexOutsideQuotes(line, '=')
		if eq < 0 {
			continue
		}
		full := append(append([]string(nil), ctx...), splitDottedKey(line[:eq])...)
		rest := line[eq+1:]
		if hasPrefix(full, path) {
			return i + 1
		}
		// A key inside an inline table or array is on its parent's line.
		if v := strings.TrimSpace(rest); (strings.HasPrefix(v, "{") || strings.HasPrefix(v, "[")) && hasPrefix(path, full) {
			return i + 1
		}
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(rest, q)%2 == 1 {
				inMulti = q
			}
		}
	}
	return 0
}

// hasPrefix reports whether want is a prefix of (or equal to) got.
func hasPrefix(got, want []string) bool {
	if len(want) == 0 || len(got) < len(want) {
		return false
	}
	for i := range want {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func indexOutsideQuotes(s string, c byte) int {
	var q byte
	for i := 0; i < len(s); i++ {
		switch {
		case q != 0 && s[i] == '\\' && q == '"':
			i++
		case q != 0 && s[i] == q:
			q = 0
		case q != 0:
		case s[i] == '"' || s[i] == '\'':
			q = s[i]
		case s[i] == c:
			return i
		}
	}
	return -1
}

// splitDottedKey splits `a."b.c".d` into its parts, unquoting quoted ones.
func splitDottedKey(s string) []string {
	var parts []string
	for {
		s = strings.TrimSpace(s)
		dot := indexOutsideQuotes(s, '.')
		part := s
		if dot >= 0 {
			part = s[:dot]
		}
		parts = append(parts, unquoteKey(strings.TrimSpace(part)))
		if dot < 0 {
			return parts
		}
		s = s[dot+1:]
	}
}

func unquoteKey(k string) string {
	if len(k) >= 2 && k[0] == '\'' && k[len(k)-1] == '\'' {
		return k[1 : len(k)-1]
	}
	if len(k) >= 2 && k[0] == '"' && k[len(k)-1] == '"' {
		if u, err := strconv.Unquote(k); err == nil {
			return u
		}
		return k[1 : len(k)-1]
	}
	return k
}
