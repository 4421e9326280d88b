package presets

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// tomlWriter writes the small, commented TOML files cocvm keeps. The
// BurntSushi encoder cannot write comments, and a file a person is meant to
// read and edit should explain itself, so the files are written by hand and
// read back with the BurntSushi parser (tomlread.go).
type tomlWriter struct {
	b bytes.Buffer
}

func (w *tomlWriter) bytes() []byte { return w.b.Bytes() }

// comment writes each line as a "# " comment. Control characters would end
// the comment early or make the file invalid, so they become spaces.
func (w *tomlWriter) comment(lines ...string) {
	for _, l := range lines {
		l = strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f {
				return ' '
			}
			return r
		}, strings.ToValidUTF8(l, "\uFFFD"))
		if l == "" {
			w.b.WriteString("#\n")
			continue
		}
		w.b.WriteString("# ")
		w.b.WriteString(l)
		w.b.WriteByte('\n')
	}
}

func (w *tomlWriter) blank() { w.b.WriteByte('\n') }

// table writes a [a.b] header preceded by a blank line.
func (w *tomlWriter) table(path ...string) {
	w.b.WriteString("\n[")
	w.b.WriteString(tomlKeyPath(path))
	w.b.WriteString("]\n")
}

// arrayTable writes a [[a.b]] header preceded by a blank line.
func (w *tomlWriter) arrayTable(path ...string) {
	w.b.WriteString("\n[[")
	w.b.WriteString(tomlKeyPath(path))
	w.b.WriteString("]]\n")
}

func (w *tomlWriter) keyValue(key, value, comment string) {
	if comment != "" {
		w.comment(comment)
	}
	w.b.WriteString(tomlKey(key))
	w.b.WriteString(" = ")
	w.b.WriteString(value)
	w.b.WriteByte('\n')
}

func (w *tomlWriter) str(key, v, comment string) { w.keyValue(key, tomlString(v), comment) }

func (w *tomlWriter) int(key string, v int, comment string) {
	w.keyValue(key, strconv.Itoa(v), comment)
}

func (w *tomlWriter) bool(key string, v bool, comment string) {
	w.keyValue(key, strconv.FormatBool(v), comment)
}

// time writes an offset date-time. The time keeps its own offset: converting
// to UTC could move a year-0000 time out of TOML's four-digit range.
func (w *tomlWriter) time(key string, v time.Time, comment string) {
	w.keyValue(key, v.Format(time.RFC3339Nano), comment)
}

func tomlKeyPath(path []string) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = tomlKey(p)
	}
	return strings.Join(parts, ".")
}

// tomlKey writes a key bare when TOML allows it and quoted otherwise.
func tomlKey(k string) string {
	if k == "" {
		return `""`
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return tomlString(k)
		}
	}
	return k
}

// tomlString quotes s as a TOML basic string. TOML strings must be valid
// UTF-8, so invalid bytes become U+FFFD (they cannot come from a file cocvm
// read, only from a caller's odd input).
func tomlString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
