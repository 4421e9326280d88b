package theme

import (
	"strings"
)

// ColorJSON colours an indented JSON document: keys, strings, numbers and
// punctuation each in their own style. It expects the output of
// wizard.Marshal (valid JSON), and leaves anything else as it is.
func ColorJSON(st *Styles, doc string) string {
	var b strings.Builder
	b.Grow(len(doc) * 2)
	for _, line := range strings.Split(strings.TrimRight(doc, "\n"), "\n") {
		b.WriteString(colorJSONLine(st, line))
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n")
}

func colorJSONLine(st *Styles, line string) string {
	var b strings.Builder
	i := 0
	for i < len(line) {
		c := line[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(line) && line[j] != '"' {
				if line[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(line) {
				j = len(line) - 1
			}
			tok := line[i : j+1]
			rest := strings.TrimLeft(line[j+1:], " ")
			if strings.HasPrefix(rest, ":") {
				b.WriteString(st.JSONKey.Render(tok))
			} else {
				b.WriteString(st.JSONString.Render(tok))
			}
			i = j + 1
		case c == '-' || (c >= '0' && c <= '9'):
			j := i
			for j < len(line) && strings.IndexByte("-+.eE0123456789", line[j]) >= 0 {
				j++
			}
			b.WriteString(st.JSONNumber.Render(line[i:j]))
			i = j
		case strings.HasPrefix(line[i:], "true"), strings.HasPrefix(line[i:], "null"):
			b.WriteString(st.JSONNumber.Render(line[i : i+4]))
			i += 4
		case strings.HasPrefix(line[i:], "false"):
			b.WriteString(st.JSONNumber.Render(line[i : i+5]))
			i += 5
		case c == ' ':
			b.WriteByte(c)
			i++
		default:
			b.WriteString(st.JSONPunct.Render(string(c)))
			i++
		}
	}
	return b.String()
}
