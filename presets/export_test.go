package presets

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cocvm/cocvm/wizard"
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
	all := strings.Join(warnings, "\n")
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
			[]string{"line 4", `unknown key "instanceTyp"`}},
		{"unknown key in export", `{"cocvmPreset": 1, "name": "n", "regoin": "r", "instanceSpec": {}}`, "",
			[]string{`unknown key "regoin"`}},
		{"future export", `{"cocvmPreset": 9, "name": "n", "whatever": true}`, "", []string{"newer cocvm", "schema 9"}},
		{"neither", `{"az": "x"}`, "x", []string{"neither a cocvm preset export", "nor a createInstances body"}},
		{"not json", "hello", "x", []string{"line 1", "not valid JSON"}},
		{"not an object", "\n[1]", "x", []string{"line 2", "expected a JSON object, found a JSON array"}},
		{"wrong type", "{\"instanceSpec\": {\n\"systemDisk\": {\"diskSizeGB\": \"40\"}}}", "x", []string{"line 2", "instanceSpec.systemDisk.diskSizeGB", "a whole number"}},
		{"trailing data", `{"instanceSpec": {}} {}`, "x", []string{"not valid JSON", "after top-level value"}},
		{"syntax in password", "{\"instanceSpec\": {\"password\": \"Sup3r\\qSecret\"}}", "x", []string{"not valid JSON"}},
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
