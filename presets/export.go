package presets

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// exportFile is the JSON form of a preset (`cocvm presets export`). The
// instanceSpec uses the API's own JSON names, so it reads like the body.
type exportFile struct {
	// CocvmPreset is the schema version; its presence marks our export.
	CocvmPreset  int                    `json:"cocvmPreset"`
	Name         string                 `json:"name"`
	Description  string                 `json:"description,omitempty"`
	Updated      *time.Time             `json:"updated,omitempty"`
	Region       string                 `json:"region"`
	Count        int                    `json:"count,omitempty"`
	InstanceSpec apiclient.InstanceSpec `json:"instanceSpec"`
}

// Export returns the preset as indented JSON (two spaces, trailing newline)
// for `cocvm presets export`. It holds no password and no clientToken.
func Export(p Preset) []byte {
	d := Scrub(p.Draft)
	f := exportFile{
		CocvmPreset:  SchemaVersion,
		Name:         p.Name,
		Description:  p.Description,
		Region:       d.Region,
		Count:        d.Count,
		InstanceSpec: d.Spec,
	}
	if !p.Updated.IsZero() {
		u := p.Updated
		f.Updated = &u
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		// Only an Updated year outside 0..9999 can fail to encode; such a
		// time cannot come from a preset file, so this is a caller's bug.
		panic(fmt.Sprintf("presets: exporting %q: %v", p.Name, err))
	}
	return b.Bytes()
}

// Import reads what `cocvm presets import` is given: our export, or a plain
// createInstances body. name, when not empty, names the preset (it must be
// for a body, which has no name of its own). The warnings say what was
// dropped or is missing: a body's password (a preset never holds one), its
// clientToken (each create gets a fresh one) and its region (a body does
// not carry one: the preset's region is empty, and the caller may set
// Draft.Region before saving). Unknown keys are errors naming the key.
// Import does not save; the caller checks Store.Exists and calls Save.
func Import(data []byte, name string) (Preset, []string, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return Preset{}, nil, jsonError(data, err)
	}
	switch {
	case top["cocvmPreset"] != nil:
		return importExport(data, name)
	case top["instanceSpec"] != nil:
		return importBody(data, name)
	}
	return Preset{}, nil, errors.New(`neither a cocvm preset export (it has no "cocvmPreset" key) nor a createInstances body (it has no "instanceSpec" key)`)
}

func importExport(data []byte, name string) (Preset, []string, error) {
	var v struct {
		CocvmPreset int `json:"cocvmPreset"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return Preset{}, nil, jsonError(data, err)
	}
	if v.CocvmPreset > SchemaVersion {
		return Preset{}, nil, fmt.Errorf("exported by a newer cocvm (preset schema %d; this cocvm reads up to %d): update cocvm to import it", v.CocvmPreset, SchemaVersion)
	}
	if v.CocvmPreset < 1 {
		return Preset{}, nil, fmt.Errorf(`"cocvmPreset" is %d, not a preset format version (expected %d)`, v.CocvmPreset, SchemaVersion)
	}
	var f exportFile
	if err := strictJSON(data, &f); err != nil {
		return Preset{}, nil, err
	}
	if name == "" {
		name = f.Name
	}
	if err := ValidateName(name); err != nil {
		return Preset{}, nil, fmt.Errorf("%w (choose another with --name)", err)
	}
	var warnings []string
	if f.InstanceSpec.Password != "" {
		warnings = append(warnings, passwordWarning("the file"))
	}
	p := New(name, f.Description, wizard.Draft{Region: f.Region, Spec: f.InstanceSpec, Count: f.Count})
	if f.Updated != nil {
		p.Updated = *f.Updated
	}
	return p, warnings, nil
}

func importBody(data []byte, name string) (Preset, []string, error) {
	var req apiclient.CreateInstancesRequest
	if err := strictJSON(data, &req); err != nil {
		return Preset{}, nil, err
	}
	if name == "" {
		return Preset{}, nil, errors.New("a createInstances body has no preset name: give one with --name")
	}
	if err := ValidateName(name); err != nil {
		return Preset{}, nil, err
	}
	var warnings []string
	if req.InstanceSpec.Password != "" {
		warnings = append(warnings, passwordWarning("the body"))
	}
	if req.ClientToken != "" {
		warnings = append(warnings, "the body's clientToken was dropped: each create gets a fresh one, so the preset can be used more than once")
	}
	warnings = append(warnings, "a createInstances body does not say its region (that is part of the request URL), so the preset has none yet: give it with --region when creating from it, or set region in the preset file")
	p := New(name, "", wizard.Draft{Spec: req.InstanceSpec, Count: req.MaxCount})
	return p, warnings, nil
}

func passwordWarning(what string) string {
	return "the password in " + what + " was dropped: presets never hold a password; give it with --password-stdin or in the wizard when creating"
}

// strictJSON decodes data into v, refusing unknown keys. Import has already
// parsed data as one JSON object, so trailing data cannot reach here.
func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(data, err)
	}
	return nil
}

// quotedCharRE matches the character encoding/json quotes in a syntax
// error ("invalid character 'q' in string escape code"): inside a string it
// is part of a value, perhaps a password, so it is dropped.
var quotedCharRE = regexp.MustCompile(`character '(?:[^'\\]|\\.)*'`)

var unknownFieldRE = regexp.MustCompile(`^json: unknown field "(.*)"$`)

// jsonError turns an encoding/json error into a message with a line number.
// It never quotes a value from the input (it could be a password).
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("line %d: not valid JSON: %s", lineOf(data, int(se.Offset)), quotedCharRE.ReplaceAllString(se.Error(), "character"))
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			return fmt.Errorf("line %d: expected a JSON object, found a JSON %s", lineOf(data, int(te.Offset)), te.Value)
		}
		return fmt.Errorf("line %d: %q must be %s, not a JSON %s", lineOf(data, int(te.Offset)), field, jsonKind(te.Type.Kind().String()), te.Value)
	case unknownFieldRE.MatchString(err.Error()):
		key := unknownFieldRE.FindStringSubmatch(err.Error())[1]
		line := lineOfKey(data, key)
		if line > 0 {
			return fmt.Errorf("line %d: unknown key %q: correct or remove it", line, key)
		}
		return fmt.Errorf("unknown key %q: correct or remove it", key)
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the JSON ends too early")
	}
	return err
}

func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "int", "int64":
		return "a whole number"
	case "bool":
		return "true or false"
	case "struct", "map":
		return "an object"
	case "slice":
		return "an array"
	}
	return kind
}

func lineOf(data []byte, offset int) int {
	if offset > len(data) {
		offset = len(data)
	}
	if offset < 0 {
		offset = 0
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// lineOfKey finds the first line holding "key" followed by a colon.
func lineOfKey(data []byte, key string) int {
	q, _ := json.Marshal(key)
	re := regexp.MustCompile(regexp.QuoteMeta(string(q)) + `\s*:`)
	loc := re.FindIndex(data)
	if loc == nil {
		return 0
	}
	return lineOf(data, loc[0])
}
