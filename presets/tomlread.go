package presets

import (
	"bytes"
	"errors"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// tomlFile reads one of cocvm's TOML files into its struct (presetFile,
// configFile) strictly: go-toml finds bad syntax, unknown keys and values of
// the wrong type, each with its line; what is added here is the wording a
// person needs (which key, in which table, the known key they probably
// meant) and the refusal of keys that only match when case is ignored, which
// the library accepts.
type tomlFile struct {
	path   string
	data   []byte
	fix    apiclient.Text // what to do, appended to every error of this file
	redact bool           // the file may hold a secret: no message quotes a value
	// refused are keys (lower case) with a message of their own, wherever
	// they are: a preset's password.
	refused map[string]FileError
	keys    []tomlKey // every key of the file, built when first needed
}

// tomlKey is one key of the file as go-toml's parser sees it: its path from
// the root, with "[i]" for element i of an array (of tables), where it
// starts, and the kind of its value (unstable.Table or ArrayTable for a
// header).
type tomlKey struct {
	path   []string
	offset int
	kind   unstable.Kind
}

func (f *tomlFile) fail(line int, problem apiclient.Text) *FileError {
	return &FileError{Path: f.path, Line: line, Problem: problem, Fix: f.fix}
}

// syntax returns the file's plain contents, or where it is not valid TOML.
func (f *tomlFile) syntax() (map[string]any, error) {
	var m map[string]any
	err := toml.Unmarshal(f.data, &m)
	if err == nil {
		return m, nil
	}
	var de *toml.DecodeError
	if !errors.As(err, &de) {
		return nil, f.fail(0, apiclient.T("not valid TOML: %s", f.message(err.Error())))
	}
	line, _ := de.Position()
	return nil, f.fail(line, apiclient.T("not valid TOML: %s", f.message(de.Error())))
}

// decode fills v, a pointer to the file's struct, from a file that syntax
// accepted.
func (f *tomlFile) decode(v any) error {
	root := reflect.TypeOf(v).Elem()
	err := toml.NewDecoder(bytes.NewReader(f.data)).DisallowUnknownFields().Decode(v)
	var missing *toml.StrictMissingError
	var de *toml.DecodeError
	switch {
	case errors.As(err, &missing):
		return f.unknownKey(root, missing.Errors)
	case errors.As(err, &de):
		return f.wrongType(root, de)
	case err != nil:
		return f.fail(0, apiclient.T("cannot be read: %s", f.message(err.Error())))
	}
	// go-toml matches a key to a field ignoring case; a file with both
	// "region" and "Region" would then silently keep one of them.
	for _, k := range f.index() {
		if _, ok := typeAt(root, k.path, false); !ok {
			return f.unknown(root, k)
		}
	}
	return nil
}

func (f *tomlFile) unknownKey(root reflect.Type, errs []toml.DecodeError) error {
	for _, e := range errs {
		k := e.Key()
		if r, ok := f.refused[strings.ToLower(k[len(k)-1])]; ok {
			line, _ := e.Position()
			return &FileError{Path: f.path, Line: line, Problem: r.Problem, Fix: r.Fix}
		}
	}
	// go-toml names a key in an inline table without its parents, so the
	// key is looked up by position.
	line, col := errs[0].Position()
	if k, ok := f.keyAt(line, col); ok {
		return f.unknown(root, k)
	}
	return f.fail(line, apiclient.T("unknown key %s", strconv.Quote(strings.Join(errs[0].Key(), "."))))
}

func (f *tomlFile) unknown(root reflect.Type, k tomlKey) error {
	path := k.path
	if n := len(path); n > 1 && isElement(path[n-1]) {
		path = path[:n-1] // a [[table]] header
	}
	parent, key := path[:len(path)-1], path[len(path)-1]
	t, ok := typeAt(root, parent, true)
	if ok && t.Kind() == reflect.Slice {
		// [data_disks] where [[data_disks]] was meant.
		return f.fail(f.lineOf(parent...), apiclient.T("%s must be %s, not a table", describeKey(parent), wantName(t, parent)))
	}
	msg := apiclient.T("unknown key %q %s", key, tableName(parent))
	if ok {
		if s := suggestKey(key, knownKeys(t)); s != "" {
			msg = apiclient.T("unknown key %q %s (did you mean %q?)", key, tableName(parent), s)
		}
	}
	return f.fail(f.line(k.offset), msg)
}

func (f *tomlFile) wrongType(root reflect.Type, de *toml.DecodeError) error {
	line, col := de.Position()
	k, found := f.keyAt(line, col)
	path, kind := k.path, k.kind
	if n := len(path); found && n > 1 && isElement(path[n-1]) {
		// An element of an array, or a [[table]] header: the array is at
		// fault, for what it holds or for being an array at all.
		if t, ok := typeAt(root, path[:n-1], true); ok && t.Kind() == reflect.Slice {
			return f.fail(line, apiclient.T("%s must be %s, but holds %s", describeKey(path[:n-1]), wantName(t, path[:n-1]), kindName(kind)))
		}
		path = path[:n-1]
	}
	want, ok := typeAt(root, path, true)
	if !found || !ok || fits(want, kind) {
		// Not the key at fault: go-toml keeps no position for an array in
		// an array, and says "line 1" for it.
		return f.fail(0, apiclient.T("cannot be read: %s", f.message(de.Error())))
	}
	return f.fail(line, apiclient.T("%s must be %s, not %s", describeKey(path), wantName(want, path), kindName(kind)))
}

// message returns a message of go-toml's, minus what it quotes from the file
// when the file may hold a secret.
func (f *tomlFile) message(msg string) string {
	msg = strings.TrimPrefix(msg, "toml: ")
	if !f.redact {
		return msg
	}
	msg = quotedFromFile.ReplaceAllStringFunc(msg, func(s string) string {
		if strings.HasPrefix(s, `"`) {
			return "…"
		}
		return ""
	})
	return strings.Join(strings.Fields(msg), " ")
}

// quotedFromFile is how go-toml's messages quote the file: a character
// (U+0071 'q') or a fragment in double quotes.
var quotedFromFile = regexp.MustCompile(`U\+[0-9A-F]{4,6}( '.+?')?|"(?:[^"\\]|\\.)*"`)

// line is the 1-based line of a byte offset.
func (f *tomlFile) line(offset int) int {
	return 1 + bytes.Count(f.data[:min(offset, len(f.data))], []byte("\n"))
}

// lineOf is the line of the first key at or below path, or 0.
func (f *tomlFile) lineOf(path ...string) int {
	for _, k := range f.index() {
		if len(k.path) >= len(path) && slices.Equal(k.path[:len(path)], path) {
			return f.line(k.offset)
		}
	}
	return 0
}

// keyAt is the key whose text holds the 1-based line and byte column: the
// last key that starts there or before (a value follows its key).
func (f *tomlFile) keyAt(line, col int) (tomlKey, bool) {
	off := 0
	for ; line > 1; line-- {
		i := bytes.IndexByte(f.data[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	off += col - 1
	keys := f.index()
	i := sort.Search(len(keys), func(i int) bool { return keys[i].offset > off }) - 1
	if i < 0 {
		return tomlKey{}, false
	}
	return keys[i], true
}

// index lists every key of the file in order, as go-toml's own parser reads
// it (the file has already passed syntax). That parser is in go-toml's
// "unstable" package, outside its compatibility promise: go.mod pins the
// version, and the error tests here cover what is used of it.
func (f *tomlFile) index() []tomlKey {
	if f.keys != nil {
		return f.keys
	}
	f.keys = []tomlKey{}
	var p unstable.Parser
	p.Reset(f.data)
	var table []string
	elements := map[string]int{} // elements so far of each [[array]], by path
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			parts, off := keyParts(e.Key())
			// A header below [[a]] is in a's last element.
			var path []string
			for i, part := range parts {
				path = append(path, part)
				if n, ok := elements[strings.Join(path, "\x00")]; ok && i < len(parts)-1 {
					path = append(path, element(n-1))
				}
			}
			if e.Kind == unstable.ArrayTable {
				id := strings.Join(path, "\x00")
				path = append(path, element(elements[id]))
				elements[id]++
			}
			table = path
			f.keys = append(f.keys, tomlKey{path: path, offset: off, kind: e.Kind})
		case unstable.KeyValue:
			f.keys = appendKeyValue(f.keys, table, e)
		}
	}
	return f.keys
}

func appendKeyValue(keys []tomlKey, table []string, kv *unstable.Node) []tomlKey {
	rel, off := keyParts(kv.Key())
	path := append(slices.Clip(table), rel...)
	v := kv.Value()
	keys = append(keys, tomlKey{path: path, offset: off, kind: v.Kind})
	return appendInValue(keys, path, v)
}

// appendInValue adds the keys and array elements inside an inline value.
func appendInValue(keys []tomlKey, path []string, v *unstable.Node) []tomlKey {
	it := v.Children()
	switch v.Kind {
	case unstable.InlineTable:
		for it.Next() {
			if n := it.Node(); n.Kind == unstable.KeyValue {
				keys = appendKeyValue(keys, path, n)
			}
		}
	case unstable.Array:
		for i := 0; it.Next(); {
			n := it.Node()
			if n.Kind == unstable.Comment {
				continue
			}
			ep := append(slices.Clip(path), element(i))
			i++
			// go-toml keeps no position for an array in an array.
			if n.Kind != unstable.Array {
				keys = append(keys, tomlKey{path: ep, offset: int(n.Raw.Offset), kind: n.Kind})
			}
			keys = appendInValue(keys, ep, n)
		}
	}
	return keys
}

func keyParts(it unstable.Iterator) (parts []string, offset int) {
	offset = -1
	for it.Next() {
		n := it.Node()
		if offset < 0 {
			offset = int(n.Raw.Offset)
		}
		parts = append(parts, string(n.Data))
	}
	return parts, offset
}

func element(i int) string       { return "[" + strconv.Itoa(i) + "]" }
func isElement(part string) bool { return strings.HasPrefix(part, "[") && strings.HasSuffix(part, "]") }

// typeAt follows path through the file's struct type t and returns the type
// of what is there; ok is false when a key is not one of the struct's.
// fold matches keys to fields ignoring case, as go-toml does.
func typeAt(t reflect.Type, path []string, fold bool) (reflect.Type, bool) {
	for _, part := range path {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch {
		case isElement(part) && t.Kind() == reflect.Slice, t.Kind() == reflect.Map:
			t = t.Elem()
		case t.Kind() == reflect.Struct && t != timeType:
			f, ok := fieldByKey(t, part, fold)
			if !ok {
				return nil, false
			}
			t = f.Type
		default:
			return nil, false
		}
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t, true
}

var timeType = reflect.TypeFor[time.Time]()

func fieldByKey(t reflect.Type, key string, fold bool) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if f := t.Field(i); tomlName(f) == key || fold && strings.EqualFold(tomlName(f), key) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func tomlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	return name
}

// knownKeys are the keys a table of type t may hold.
func knownKeys(t reflect.Type) []string {
	if t.Kind() != reflect.Struct || t == timeType {
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		keys = append(keys, tomlName(t.Field(i)))
	}
	return keys
}

// suggestKey returns the known key closest to k: the same up to case and
// underscores, or within two edits (fewer for short keys).
func suggestKey(k string, known []string) string {
	known = slices.Sorted(slices.Values(known))
	best, bestD := "", 3
	for _, n := range known {
		if strings.EqualFold(strings.ReplaceAll(n, "_", ""), strings.ReplaceAll(k, "_", "")) {
			return n
		}
		// Short keys are within two edits of almost anything.
		if d := wizard.EditDistance(strings.ToLower(k), n); d < bestD && 3*d <= len(k) {
			best, bestD = n, d
		}
	}
	return best
}

// tableName says where a table is, as the file writes its header.
func tableName(path []string) apiclient.Text {
	if len(path) == 0 {
		return apiclient.T("at the top level")
	}
	name := strings.Join(withoutElements(path), ".")
	if last := path[len(path)-1]; isElement(last) {
		n, _ := strconv.Atoi(strings.Trim(last, "[]"))
		return apiclient.T("in [[%s]] number %s", name, strconv.Itoa(n+1))
	}
	return apiclient.T("in [%s]", name)
}

func describeKey(path []string) string {
	return strconv.Quote(strings.Join(withoutElements(path), "."))
}

func withoutElements(path []string) []string {
	out := make([]string, 0, len(path))
	for _, p := range path {
		if !isElement(p) {
			out = append(out, p)
		}
	}
	return out
}

// wantName says what a value of Go type t is written as.
func wantName(t reflect.Type, path []string) apiclient.Text {
	switch {
	case t == timeType:
		return apiclient.T("a date and time such as 2025-01-02T15:04:05Z (no quotes)")
	case t.Kind() == reflect.String:
		return apiclient.T("a string in quotes")
	case t.Kind() == reflect.Int:
		return apiclient.T("a whole number")
	case t.Kind() == reflect.Bool:
		return apiclient.T("true or false (no quotes)")
	case t.Kind() == reflect.Slice:
		return apiclient.T("a list of tables ([[%s]] sections)", strings.Join(withoutElements(path), "."))
	}
	return apiclient.T("a table")
}

// fits says whether a TOML value of kind k can be decoded into Go type t.
func fits(t reflect.Type, k unstable.Kind) bool {
	switch k {
	case unstable.String:
		return t.Kind() == reflect.String
	case unstable.Integer:
		return t.Kind() == reflect.Int
	case unstable.Float:
		return t.Kind() == reflect.Float64
	case unstable.Bool:
		return t.Kind() == reflect.Bool
	case unstable.DateTime, unstable.LocalDate, unstable.LocalDateTime, unstable.LocalTime:
		return t == timeType
	case unstable.Array, unstable.ArrayTable:
		return t.Kind() == reflect.Slice
	}
	return t.Kind() == reflect.Map || t.Kind() == reflect.Struct && t != timeType
}

func kindName(k unstable.Kind) apiclient.Text {
	switch k {
	case unstable.String:
		return apiclient.T("a string")
	case unstable.Integer:
		return apiclient.T("an integer")
	case unstable.Float:
		return apiclient.T("a decimal number")
	case unstable.Bool:
		return apiclient.T("true/false")
	case unstable.DateTime, unstable.LocalDate, unstable.LocalDateTime, unstable.LocalTime:
		return apiclient.T("a date/time")
	case unstable.Array:
		return apiclient.T("an array")
	case unstable.ArrayTable:
		return apiclient.T("a list of tables")
	}
	return apiclient.T("a table")
}
