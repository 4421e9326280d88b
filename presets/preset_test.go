package presets

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// fullDraft sets every field of a Draft, reached by reflection, to a distinct
// non-zero value, so a field added to Draft or InstanceSpec later and not
// carried by the preset format fails the round-trip test.
func fullDraft() wizard.Draft {
	var d wizard.Draft
	n := 0
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			n++
			v.SetString(fmt.Sprintf("v%d-é\"\\", n))
		case reflect.Int, reflect.Int64, reflect.Int32:
			n++
			v.SetInt(int64(n))
		case reflect.Bool:
			v.SetBool(true)
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				fill(v.Field(i))
			}
		case reflect.Pointer:
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem())
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
			fill(v.Index(0))
			fill(v.Index(1))
		default:
			panic("fullDraft: unhandled kind " + v.Kind().String())
		}
	}
	fill(reflect.ValueOf(&d).Elem())
	return d
}

func sampleDraft() wizard.Draft {
	return wizard.Draft{
		Region: "cn-hongkong-11",
		Count:  3,
		Spec: apiclient.InstanceSpec{
			Az:           "cn-hongkong-11a",
			InstanceType: "g.n2.large",
			ImageID:      "img-ubuntu2204",
			Name:         "web-01",
			Password:     "Sup3r-Secret!x",
			KeyName:      "ops-key",
			PasswordAuth: "no",
			PrimaryNetworkInterface: apiclient.NetworkInterfaceSpec{
				VpcID:          "vpc-1a2b3c",
				SubnetID:       "subnet-4d5e6f",
				SecurityGroups: []apiclient.SecurityGroupCreate{{GroupID: "sg-web", GroupName: "web"}, {GroupID: "sg-ssh"}},
			},
			SystemDisk: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40},
			DataDisks:  []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.io1", DiskSizeGB: 100}},
			ElasticIPSpec: &apiclient.ElasticIPSpec{
				SizeMbps: 5, Provider: "bgp",
			},
			Charge: &apiclient.ChargeSpec{ChargeMode: apiclient.ChargeModePrepaid, ChargeUnit: "month", ChargeDuration: 1},
		},
		ClientToken: "cocvm-5f2c0000",
	}
}

func TestPresetRoundTripKeepsEverythingButPasswordAndToken(t *testing.T) {
	for name, d := range map[string]wizard.Draft{"full": fullDraft(), "sample": sampleDraft(), "empty": {}} {
		t.Run(name, func(t *testing.T) {
			s := Store{Dir: t.TempDir(), Now: func() time.Time { return time.Date(2025, 3, 4, 5, 6, 7, 8, time.UTC) }}
			if err := s.Save(New("round-trip", "a description\nwith \"quotes\"", d)); err != nil {
				t.Fatal(err)
			}
			p, err := s.Load("round-trip")
			if err != nil {
				t.Fatal(err)
			}
			want := d
			want.Spec.Password = ""
			want.ClientToken = ""
			if got := p.ToDraft(); !reflect.DeepEqual(got, want) {
				t.Errorf("round trip changed the draft:\n got %+v\nwant %+v", got, want)
			}
			if p.Description != "a description\nwith \"quotes\"" || p.Schema != SchemaVersion ||
				!p.Updated.Equal(time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)) {
				t.Errorf("metadata = %q %d %v", p.Description, p.Schema, p.Updated)
			}
		})
	}
}

func TestToDraftIsACopy(t *testing.T) {
	p := New("x", "", sampleDraft())
	d := p.ToDraft()
	d.Spec.DataDisks[0].DiskSizeGB = 999
	d.Spec.ElasticIPSpec.SizeMbps = 999
	d.Spec.PrimaryNetworkInterface.SecurityGroups[0].GroupID = "changed"
	if p.Draft.Spec.DataDisks[0].DiskSizeGB == 999 || p.Draft.Spec.ElasticIPSpec.SizeMbps == 999 ||
		p.Draft.Spec.PrimaryNetworkInterface.SecurityGroups[0].GroupID == "changed" {
		t.Error("changing the draft from ToDraft changed the preset")
	}
}

func TestValidateName(t *testing.T) {
	good := []string{"web", "web-01", "a.b_c", "A", strings.Repeat("x", 64), "9lives", "x."}
	for _, n := range good {
		if err := ValidateName(n); err != nil {
			t.Errorf("ValidateName(%q) = %v, want ok", n, err)
		}
	}
	bad := map[string]string{
		"":                      "empty",
		strings.Repeat("x", 65): "65 characters",
		".hidden":               "starts with '.'",
		"..":                    "starts with '.'",
		"a/b":                   "'/' at position 2",
		`a\b`:                   `'\\' at position 2`,
		"has space":             "' ' at position 4",
		"héllo":                 "'é' at position 2",
	}
	for n, want := range bad {
		err := ValidateName(n)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "1 to 64") {
			t.Errorf("ValidateName(%q) = %v, want an error mentioning %q and the rule", n, err, want)
		}
	}
}

func TestStoreSaveLoadListDelete(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "cocvm", "presets")}
	if ps, errs := s.List(); len(ps) != 0 || len(errs) != 0 {
		t.Fatalf("List on a missing dir = %v, %v", ps, errs)
	}
	if s.Exists("web") {
		t.Fatal("Exists before save")
	}
	for _, n := range []string{"web", "db", "batch"} {
		d := sampleDraft()
		d.Spec.Name = n
		if err := s.Save(New(n, "", d)); err != nil {
			t.Fatal(err)
		}
	}
	if !s.Exists("web") || s.Exists("nope") || s.Exists("../web") {
		t.Error("Exists is wrong")
	}
	ps, errs := s.List()
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var names []string
	for _, p := range ps {
		names = append(names, p.Name+"="+p.Draft.Spec.Name)
	}
	if strings.Join(names, ",") != "batch=batch,db=db,web=web" {
		t.Errorf("List = %v", names)
	}

	// Overwrite is allowed (the caller confirms).
	d := sampleDraft()
	d.Count = 7
	if err := s.Save(New("web", "bigger", d)); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Load("web"); p.Draft.Count != 7 || p.Description != "bigger" {
		t.Errorf("overwrite not saved: %+v", p)
	}

	if err := s.Delete("db"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load("db"); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), `no preset named "db"`) {
		t.Errorf("Load after delete = %v", err)
	}
	if err := s.Delete("db"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Delete twice = %v", err)
	}
	if err := s.Save(New("../escape", "", d)); err == nil {
		t.Error("Save accepted a name with a slash")
	}
	if _, err := s.Load("../web"); err == nil {
		t.Error("Load accepted a name with a slash")
	}
}

func TestStorePermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no POSIX modes")
	}
	s := Store{Dir: filepath.Join(t.TempDir(), "cocvm", "presets")}
	if err := s.Save(New("web", "", sampleDraft())); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{s.Dir: 0o700, filepath.Dir(s.Dir): 0o700, s.Path("web"): 0o600} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s mode = %04o, want %04o", path, fi.Mode().Perm(), want)
		}
	}
}

func TestListSkipsCorruptFilesButListsTheRest(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	if err := s.Save(New("good", "", sampleDraft())); err != nil {
		t.Fatal(err)
	}
	bad := "schema = 1\nregion = \"cn-north-1\"\n\n[instance]\naz = \"cn-north-1a\nname = \"x\"\n"
	if err := os.WriteFile(s.Path("broken"), []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.Dir, "bad name.toml"), []byte("schema = 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Neither temp files nor other files are presets.
	os.WriteFile(filepath.Join(s.Dir, ".good.toml.tmp-123"), []byte("junk"), 0o600)
	os.WriteFile(filepath.Join(s.Dir, "README"), []byte("junk"), 0o600)

	ps, errs := s.List()
	if len(ps) != 1 || ps[0].Name != "good" {
		t.Errorf("List = %v, want just good", ps)
	}
	if len(errs) != 2 {
		t.Fatalf("errors = %v, want 2", errs)
	}
	var fe *FileError
	if !errors.As(errs[1], &fe) || fe.Path != s.Path("broken") || fe.Line != 5 {
		t.Errorf("corrupt preset error = %#v", errs[1])
	}
	msg := errs[1].Error()
	if !strings.Contains(msg, s.Path("broken")+":5:") || !strings.Contains(msg, "leaves the file as it is") {
		t.Errorf("message %q should name file:line and what to do", msg)
	}
	if !strings.Contains(errs[0].Error(), "bad name.toml") || !strings.Contains(errs[0].Error(), "Rename") {
		t.Errorf("bad-name error = %v", errs[0])
	}
	// The corrupt file is left exactly as it was.
	if b, _ := os.ReadFile(s.Path("broken")); string(b) != bad {
		t.Error("the corrupt file was changed")
	}
}

func TestDecodePresetErrors(t *testing.T) {
	const head = "schema = 1\nregion = \"r\"\n"
	cases := []struct {
		name, file string
		line       int
		want       []string
	}{
		{"syntax", head + "count = = 2\n", 3, []string{"not valid TOML"}},
		{"unknown top key", head + "\nregoin = \"x\"\n", 4, []string{`unknown key "regoin" at the top level`, `did you mean "region"?`}},
		{"unknown key in table", head + "[network]\nvpc_id = \"v\"\nsbnet_id = \"s\"\n", 5, []string{`unknown key "sbnet_id" in [network]`, `"subnet_id"`}},
		{"mis-cased key", head + "[instance]\nInstanceType = \"t\"\n", 4, []string{`unknown key "InstanceType" in [instance]`, `"instance_type"`}},
		{"unknown table", head + "[instances]\naz = \"a\"\n", 3, []string{`unknown key "instances"`, `"instance"`}},
		{"second data disk", head + "[[data_disks]]\ndisk_type = \"a\"\n[[data_disks]]\ndisk_type = \"b\"\nsize = 3\n", 7,
			[]string{`unknown key "size" in [[data_disks]] number 2`}},
		{"security group", head + "[network]\n[[network.security_groups]]\ngroup_id = \"a\"\n[[network.security_groups]]\ngroupid = \"b\"\n", 7,
			[]string{`unknown key "groupid" in [[network.security_groups]] number 2`, `"group_id"`}},
		{"inline table", head + "network = {vpc_id = \"v\", sbnet_id = \"s\"}\n", 3, []string{`unknown key "sbnet_id" in [network]`}},
		// The line of the key itself, not of the array holding it.
		{"inline array", head + "data_disks = [\n  {disk_type = \"a\"},\n  {disk_typ = \"b\"},\n]\n", 5, []string{`unknown key "disk_typ" in [[data_disks]] number 2`}},
		{"wrong type", head + "count = \"3\"\n", 3, []string{`"count" must be a whole number, not a string`}},
		{"wrong type in table", head + "[system_disk]\ndisk_size_gb = 4.5\n", 4, []string{`"system_disk.disk_size_gb" must be a whole number, not a decimal number`}},
		{"table expected", head + "charge = \"monthly\"\n", 3, []string{`"charge" must be a table, not a string`}},
		{"bool expected", head + "[charge]\nauto_renew = \"yes\"\n", 4, []string{`"charge.auto_renew" must be true or false`}},
		{"password", head + "[instance]\nname = \"n\"\npassword = \"Hunter2-Hunter2\"\n", 5, []string{"never holds a password", "--password-stdin"}},
		{"no schema", "region = \"r\"\n", 0, []string{"no schema key", "schema = 1"}},
		{"future schema", "# hi\nschema = 2\nbrand_new_key = 1\n", 2, []string{"newer cocvm", "schema 2", "Update cocvm"}},
		{"zero schema", "schema = 0\n", 1, []string{"not a preset format version"}},
		{"duplicate key", head + "region = \"s\"\n", 3, []string{"not valid TOML"}},
		// TOML keys are case-sensitive: the library would read Count as
		// count, and a file with both would silently keep one.
		{"key differing in case", head + "count = 2\nCount = 3\n", 4, []string{`unknown key "Count" at the top level`, `did you mean "count"?`}},
		{"password differing in case", head + "[instance]\nPassword = \"Hunter2-Hunter2\"\n", 4, []string{"never holds a password"}},
		{"wrong type in inline table", head + "network = {vpc_id = 3}\n", 3, []string{`"network.vpc_id" must be a string in quotes, not an integer`}},
		{"array of the wrong thing", head + "data_disks = [1]\n", 3, []string{`"data_disks" must be a list of tables ([[data_disks]] sections), but holds an integer`}},
		{"table for a string", head + "[instance.az]\n", 3, []string{`"instance.az" must be a string in quotes, not a table`}},
		{"time in quotes", head + "updated = \"2025-01-02\"\n", 3, []string{`"updated" must be a date and time such as`, "not a string"}},
		{"schema in quotes", "# hi\nschema = \"1\"\n", 2, []string{`"schema" must be a whole number, not a string`}},
		{"array of tables for a table", head + "[[instance]]\naz = \"a\"\n", 3, []string{`"instance" must be a table, not a list of tables`}},
		{"table for an array of tables", head + "[data_disks]\ndisk_type = \"a\"\n", 3, []string{`"data_disks" must be a list of tables ([[data_disks]] sections), not a table`}},
		{"table below an array element", head + "[[data_disks]]\n[[data_disks]]\n[data_disks.x]\n", 5, []string{`unknown key "x" in [[data_disks]] number 2`}},
		// go-toml keeps no position for an array in an array: no line
		// rather than a wrong one.
		{"array in an array", head + "data_disks = [[1]]\n", 0, []string{"cannot be read"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := decodePreset("/x/p.toml", "p", []byte(c.file))
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FileError", err)
			}
			if fe.Line != c.line || fe.Path != "/x/p.toml" || fe.Fix.IsZero() {
				t.Errorf("FileError = %+v, want line %d", fe, c.line)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "Hunter2") {
				t.Errorf("error quotes the password: %q", err)
			}
		})
	}
}

func TestEncodedPresetIsCommentedAndHasNoPassword(t *testing.T) {
	p := New("web", "front end", sampleDraft())
	p.Updated = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	out := string(mustEncodePreset(t, p))
	for _, want := range []string{
		"# cocvm preset \"web\"", "never holds a password", "schema = 1", "updated = 2025-01-02T03:04:05Z",
		"region = 'cn-hongkong-11'", "[instance]", "# Availability zone (instanceSpec.az).",
		"[[network.security_groups]]", "[[data_disks]]", "[elastic_ip]", "[charge]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("encoded preset lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Sup3r-Secret") || strings.Contains(out, "cocvm-5f2c") {
		t.Errorf("encoded preset holds the password or client token:\n%s", out)
	}
	// Even a Preset built by hand (not through New) loses them.
	p.Draft.Spec.Password = "Sup3r-Secret!x"
	if strings.Contains(string(mustEncodePreset(t, p)), "Sup3r-Secret") {
		t.Error("encodePreset wrote a password")
	}
}
