package presets

import (
	"bytes"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
)

// encodeTOML writes v, one of the file structs, as a commented TOML file: a
// file a person is meant to read and edit should explain itself. header
// becomes the comment block at the top; each key's own comment comes from
// its struct's `comment` tag.
func encodeTOML(header []string, v any) ([]byte, error) {
	var b bytes.Buffer
	for _, l := range header {
		// A control character would end the comment early or make the
		// file invalid.
		l = strings.Map(func(r rune) rune {
			if isControl(r) {
				return ' '
			}
			return r
		}, strings.ToValidUTF8(l, "\uFFFD"))
		b.WriteString(strings.TrimRight("# "+l, " ") + "\n")
	}
	b.WriteByte('\n')
	body, err := toml.Marshal(v)
	if err != nil {
		return nil, err
	}
	b.Write(body)
	return b.Bytes(), nil
}
