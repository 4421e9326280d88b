package presets

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cocvm/cocvm/wizard"
	"github.com/cocvm/cocvm/wizard/body"
)

func TestImportOurExport(t *testing.T) {
	p := New("web", "front end", fullDraft())
	p.Updated = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	data := Export(p)
	if !strings.HasSuffix(string(data), "}\n") || !strings.Contains(string(data), "\n  \"cocvmPreset\": 1,\n") {
		t.Errorf("export is not two-space indented JSON with a trailing newline:\n%s", data)
	}
	got, warnings, err := Import(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings = %v, want none", warnings)
	}
	if !reflect.DeepEqual(got, p) {
		t.Errorf("import(export(p)) != p:\n got %+v\nwant %+v", got, p)
	}
	// --name renames it.
	got, _, err = Import(data, "web-copy")
	if err != nil || got.Name != "web-copy" {
		t.Errorf("Import with a name = %q, %v", got.Name, err)
	}
}

const plainBody = `{
  "instanceSpec": {
    "az": "cn-north-1a",
    "instanceType": "g.n2.large",
    "imageId": "img-1",
    "name": "api",
    "password": "Sup3r-Secret!x",
    "primaryNetworkInterface": {"vpcId": "vpc-1", "subnetId": "subnet-1", "securityGroups": [{"groupId": "sg-1"}]},
    "systemDisk": {"diskType": "ssd.gp1", "diskSizeGB": 40}
  },
  "maxCount": 4,
  "clientToken": "cocvm-abc"
}
`

func TestImportPlainBodyDropsPasswordWithWarning(t *testing.T) {
	p, warnings, err := Import([]byte(plainBody), "api")
	if err != nil {
		t.Fatal(err)
	}
	d := p.ToDraft()
	if d.Spec.Password != "" || d.ClientToken != "" {
		t.Errorf("password or token kept: %+v", d)
	}
	if d.Count != 4 || d.Spec.Name != "api" || d.Spec.PrimaryNetworkInterface.SecurityGroups[0].GroupID != "sg-1" || d.Region != "" {
		t.Errorf("draft = %+v", d)
	}
	all := strings.Join(english(warnings), "\n")
	for _, want := range []string{"password in the body was dropped", "presets never hold a password", "clientToken was dropped", "does not say its region"} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "Sup3r-Secret") {
		t.Error("a warning quotes the password")
	}
}

func TestImportErrors(t *testing.T) {
	cases := []struct {
		name, data, presetName string
		want                   []string
	}{
		{"body without name", plainBody, "", []string{"give one with --name"}},
		{"bad name", plainBody, "a b", []string{"' ' at position 2"}},
		{"unknown key in body", "{\n  \"instanceSpec\": {\n    \"az\": \"a\",\n    \"instanceTyp\": \"t\"\n  }\n}", "x",
			[]string{"instanceSpec.instanceTyp: unknown field; did you mean instanceType? (line 4, column 5)"}},
		{"unknown key in export", `{"cocvmPreset": 1, "name": "n", "regoin": "r", "instanceSpec": {}}`, "",
			[]string{"regoin: unknown field; did you mean region?"}},
		{"mis-cased key in body", `{"instanceSpec": {"ImageId": "img-1"}}`, "x",
			[]string{"instanceSpec.ImageId: unknown field; did you mean imageId? (line 1, column 19)"}},
		{"mis-cased key in export", `{"cocvmPreset": 1, "name": "n", "instanceSpec": {"InstanceType": "t"}}`, "",
			[]string{"instanceSpec.InstanceType: unknown field; did you mean instanceType?"}},
		{"mis-cased instanceSpec", `{"InstanceSpec": {"az": "a"}}`, "x",
			[]string{"InstanceSpec: unknown field; did you mean instanceSpec?"}},
		{"duplicate key", `{"instanceSpec": {"az": "a", "az": "b"}}`, "x",
			[]string{"instanceSpec.az: given twice; this value is ignored in favour of the one at line 1, column 30 (line 1, column 19)"}},
		{"invalid UTF-8", "{\"instanceSpec\": {\"name\": \"w\xffb\"}}", "x", []string{"the text is not valid UTF-8 (line 1, column 29)"}},
		{"charge duration 0", `{"instanceSpec": {"charge": {"chargeDuration": 0}}}`, "x",
			[]string{"instanceSpec.charge.chargeDuration: must be 1 to 9 months; got 0 (line 1, column 48)"}},
		{"elastic IP charge duration 0", `{"instanceSpec": {"elasticIpSpec": {"sizeMbps": 5, "provider": "bgp", "chargeDuration": 0}}}`, "x",
			[]string{"instanceSpec.elasticIpSpec.chargeDuration: must be 1 to 9 months; got 0"}},
		{"zero in an export", `{"cocvmPreset": 1, "name": "n", "instanceSpec": {"systemDisk": {"diskType": "ssd.gp1", "diskSizeGB": 0}}}`, "",
			[]string{"instanceSpec.systemDisk.diskSizeGB: must be 40 to 500 GiB; got 0"}},
		{"several problems", `{"instanceSpec": {"ImageId": "i", "az": 1}}`, "x",
			[]string{"2 problems:\n  instanceSpec.ImageId: unknown field; did you mean imageId? (line 1, column 19)\n" +
				"  instanceSpec.az: expected a string, got a number (line 1, column 41)"}},
		{"future export", `{"cocvmPreset": 9, "name": "n", "whatever": true}`, "", []string{"newer cocvm", "schema 9"}},
		{"bad version", `{"cocvmPreset": 0, "name": "n", "instanceSpec": {}}`, "", []string{`"cocvmPreset" is 0`}},
		{"bad time", `{"cocvmPreset": 1, "name": "n", "updated": "yesterday", "instanceSpec": {}}`, "", []string{`"updated" is not a time`}},
		{"neither", `{"az": "x"}`, "x", []string{"neither a cocvm preset export", "nor a createInstances body"}},
		{"not json", "hello", "x", []string{"not JSON: a body starts with '{' (line 1, column 1)"}},
		{"not an object", "\n[1]", "x", []string{`the body must be a JSON object {"instanceSpec": ...}, not a list (line 2, column 1)`}},
		{"wrong type", "{\"instanceSpec\": {\n\"systemDisk\": {\"diskSizeGB\": \"40\"}}}", "x",
			[]string{"instanceSpec.systemDisk.diskSizeGB: expected a whole number, got a string; write 40 without quotes (line 2, column 30)"}},
		{"trailing data", `{"instanceSpec": {}} {}`, "x", []string{"unexpected text after the end of the body (line 1, column 22)"}},
		{"syntax in password", "{\"instanceSpec\": {\"password\": \"Sup3r\\qSecret\"}}", "x", []string{"invalid escape", "(line 1, column 38)"}},
		{"too large", `{"instanceSpec": {}}` + strings.Repeat(" ", 1<<20), "x", []string{"larger than 1 MiB"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := Import([]byte(c.data), c.presetName)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "Sup3r") || strings.Contains(err.Error(), "'q'") {
				t.Errorf("error quotes the password: %q", err)
			}
		})
	}
}

func TestExportNeverHoldsPassword(t *testing.T) {
	p := Preset{Name: "x", Draft: wizard.Draft{ClientToken: "tok-123"}}
	p.Draft.Spec.Password = "Sup3r-Secret!x"
	out := string(Export(p))
	if strings.Contains(out, "Sup3r") || strings.Contains(out, "tok-123") {
		t.Errorf("export holds a secret:\n%s", out)
	}
}

// TestImportReadsAsValidateDoes: presets import and `cocvm validate` read a
// body with the one reader, so a refusal is worded the same.
func TestImportReadsAsValidateDoes(t *testing.T) {
	for _, data := range []string{
		`{"instanceSpec": {"ImageId": "img-1"}}`,
		`{"instanceSpec": {"az": "a"}, "maxCount": 1, "maxCount": 2}`,
		`{"instanceSpec": {"dataDisks": [{"diskType": "ssd.gp1", "diskSizeGB": "x"}]}}`,
		`{"instanceSpec": {"az": }}`,
	} {
		_, _, err := Import([]byte(data), "x")
		want := body.Decode([]byte(data)).Check()[0].String()
		if err == nil || err.Error() != want {
			t.Errorf("import of %s: %v, want %q", data, err, want)
		}
	}
}

func TestImportAcceptsWhatTheSeedAllows(t *testing.T) {
	// A data disk without a size (the seed marks it optional), a byte
	// order mark, and fields left out: a preset may be incomplete.
	data := "\ufeff" + `{"instanceSpec": {"az": "cn-north-1a", "dataDisks": [{"diskType": "ssd.gp1"}]}}`
	p, _, err := Import([]byte(data), "partial")
	if err != nil {
		t.Fatal(err)
	}
	if d := p.ToDraft(); len(d.Spec.DataDisks) != 1 || d.Spec.DataDisks[0].DiskSizeGB != 0 || d.Spec.Az != "cn-north-1a" {
		t.Errorf("draft = %+v", d.Spec)
	}
}

// endless is an input that never ends.
type endless struct{ n int }

func (r *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	r.n += len(p)
	return len(p), nil
}

func TestImportFromStopsAt1MiB(t *testing.T) {
	r := &endless{}
	if _, _, err := ImportFrom(r, "x"); !errors.Is(err, body.ErrTooLarge) {
		t.Fatalf("an endless input: %v", err)
	}
	if r.n > 2<<20 {
		t.Errorf("read %d bytes of an endless input", r.n)
	}
	if p, _, err := ImportFrom(strings.NewReader(plainBody), "api"); err != nil || p.Name != "api" {
		t.Errorf("ImportFrom a body: %v", err)
	}
}
