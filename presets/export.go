package presets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
	"github.com/cocvm/cocvm/wizard/body"
)

// exportFile is the JSON form of a preset (`cocvm presets export`). The
// instanceSpec uses the API's own JSON names, so it reads like the body.
type exportFile struct {
	// CocvmPreset is the schema version; its presence marks our export.
	CocvmPreset int        `json:"cocvmPreset"`
	Name        string     `json:"name"`
	Description string     `json:"description,omitempty"`
	Updated     *time.Time `json:"updated,omitempty"`
	Region      string     `json:"region"`
	Count       int        `json:"count,omitempty"`
	// ExtraZones are the zones besides instanceSpec.az, comma-separated.
	ExtraZones   string                 `json:"extraZones,omitempty"`
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
		ExtraZones:   strings.Join(d.ExtraZones, ","),
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
// for a body, which has no name of its own). Both are read by the one reader
// of a body (wizard/body): a key that is not in the seed's tables (its case
// included), a key given twice, a malformed value or an integer written as 0
// is refused with the reader's own words, as `cocvm validate` and the sandbox
// give them. Missing fields are not: the wizard asks for them. The warnings
// say what was dropped or is missing: a body's password (a preset never
// holds one), its clientToken (each create gets a fresh one) and its region
// (a body does not carry one: the preset's region is empty, and the caller
// may set Draft.Region before saving). Data over 1 MiB is refused
// (body.ErrTooLarge). Import does not save; the caller checks Store.Exists
// and calls Save.
func Import(data []byte, name string) (Preset, []apiclient.Text, error) {
	if len(data) > body.MaxSize {
		return Preset{}, nil, body.ErrTooLarge
	}
	// Which of the two it is; anything malformed is left to the reader.
	var top map[string]json.RawMessage
	if json.Unmarshal(bytes.TrimPrefix(data, []byte("\ufeff")), &top) == nil && top["cocvmPreset"] != nil {
		return importExport(data, top["cocvmPreset"], name)
	}
	return importBody(data, name)
}

// ImportFrom reads at most 1 MiB from r, refusing a larger input without
// reading the rest, and imports it as Import does.
func ImportFrom(r io.Reader, name string) (Preset, []apiclient.Text, error) {
	data, err := io.ReadAll(io.LimitReader(r, body.MaxSize+1))
	if err != nil {
		return Preset{}, nil, err
	}
	return Import(data, name)
}

// refused is the reader's refusal of a document, or nil.
func refused(b *body.Body) error {
	if ps := b.Refused(); len(ps) > 0 {
		return &body.Error{Problems: ps}
	}
	return nil
}

func importExport(data []byte, version json.RawMessage, name string) (Preset, []apiclient.Text, error) {
	// The version first: a newer export may hold keys this cocvm does not
	// know, and the right advice is to update.
	var v int
	if json.Unmarshal(version, &v) == nil && v > SchemaVersion {
		return Preset{}, nil, apiclient.Errorf("exported by a newer cocvm (preset schema %d; this cocvm reads up to %d): update cocvm to import it", v, SchemaVersion)
	}
	var f struct {
		name, description, updated, region, zones string
		count                                     int
	}
	b := body.DecodeWith(data, []body.Field{
		{Name: "cocvmPreset", Int: &v},
		{Name: "name", String: &f.name},
		{Name: "description", String: &f.description},
		{Name: "updated", String: &f.updated},
		{Name: "region", String: &f.region},
		{Name: "count", Int: &f.count},
		{Name: "extraZones", String: &f.zones},
	})
	if err := refused(b); err != nil {
		return Preset{}, nil, err
	}
	if v < 1 {
		return Preset{}, nil, apiclient.Errorf(`"cocvmPreset" is %d, not a preset format version (expected %d)`, v, SchemaVersion)
	}
	if name == "" {
		name = f.name
	}
	if err := ValidateName(name); err != nil {
		return Preset{}, nil, apiclient.Errorf("%v (choose another with --name)", err)
	}
	var warnings []apiclient.Text
	spec := b.Request.InstanceSpec
	if spec.Password != "" {
		warnings = append(warnings, apiclient.T("the password in the file was dropped: presets never hold a password; give it with --password-stdin or in the wizard when creating"))
	}
	d := wizard.Draft{Region: f.region, Spec: spec, Count: f.count}
	for _, z := range strings.Split(f.zones, ",") {
		if z = strings.TrimSpace(z); z != "" {
			d.ExtraZones = append(d.ExtraZones, z)
		}
	}
	p := New(name, f.description, d)
	if f.updated != "" {
		t, err := time.Parse(time.RFC3339Nano, f.updated)
		if err != nil {
			return Preset{}, nil, apiclient.Errorf(`"updated" is not a time as cocvm writes it (RFC 3339, such as 2025-01-02T03:04:05Z)`)
		}
		p.Updated = t
	}
	return p, warnings, nil
}

func importBody(data []byte, name string) (Preset, []apiclient.Text, error) {
	b := body.Decode(data)
	if b.IsObject() && !b.Has(wizard.PathSpec) {
		return Preset{}, nil, apiclient.Errorf(`neither a cocvm preset export (it has no "cocvmPreset" key) nor a createInstances body (it has no "instanceSpec" key)`)
	}
	if err := refused(b); err != nil {
		return Preset{}, nil, err
	}
	if name == "" {
		return Preset{}, nil, apiclient.Errorf("a createInstances body has no preset name: give one with --name")
	}
	if err := ValidateName(name); err != nil {
		return Preset{}, nil, err
	}
	req := b.Request
	var warnings []apiclient.Text
	if req.InstanceSpec.Password != "" {
		warnings = append(warnings, apiclient.T("the password in the body was dropped: presets never hold a password; give it with --password-stdin or in the wizard when creating"))
	}
	if req.ClientToken != "" {
		warnings = append(warnings, apiclient.T("the body's clientToken was dropped: each create gets a fresh one, so the preset can be used more than once"))
	}
	warnings = append(warnings, apiclient.T("a createInstances body does not say its region (that is part of the request URL), so the preset has none yet: give it with --region when creating from it, or set region in the preset file"))
	p := New(name, "", wizard.Draft{Spec: req.InstanceSpec, Count: req.MaxCount})
	return p, warnings, nil
}
