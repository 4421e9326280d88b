package body

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// problemLines renders problems as "path: message" lines without positions.
func problemLines(ps []wizard.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		p.Pos = wizard.Position{}
		out[i] = p.String()
	}
	return out
}

// fullLines renders problems with their positions.
func fullLines(ps []wizard.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

func wantLines(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n  got:\n    %s\n  want:\n    %s", strings.Join(got, "\n    "), strings.Join(want, "\n    "))
	}
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// minimalBody is the wizard's minimal golden body, which the cases below
// change.
func minimalBody(t testing.TB) string { return string(readFile(t, "../testdata/minimal.json")) }

// TestSeedExample reads the request example of the createInstances document,
// copied verbatim (request line included) into testdata. Malformed JSON
// stops at its first syntax error, so a person fixes one at a time: each fix
// below is what the previous message asks for, and the repaired example has
// every one of its real problems listed.
func TestSeedExample(t *testing.T) {
	text := string(readFile(t, "testdata/seed-example.txt"))
	steps := []struct {
		fix  func(string) string
		want []string
	}{
		{nil, []string{"not JSON: a body starts with '{' (line 1, column 1)"}},
		{func(s string) string { _, rest, _ := strings.Cut(s, "\n"); return rest },
			[]string{`missing ',' before "primaryNetworkInterface" (line 14, column 5)`}},
		{func(s string) string {
			return strings.Replace(s, "\"chargeDuration\":1\n    }\n", "\"chargeDuration\":1\n    },\n", 1)
		}, []string{"expected ',' or ']' after the list item, found '}' (line 31, column 5)"}},
		{func(s string) string { return strings.Replace(s, "      }\n    }\n    ]", "      }\n    ]", 1) }, []string{
			"InstanceSpec: unknown field; did you mean instanceSpec? (line 3, column 3)",
			"InstanceSpec.ImageId: unknown field; did you mean imageId? (line 5, column 5)",
			"InstanceSpec.InstanceType: unknown field; did you mean instanceType? (line 6, column 5)",
			"InstanceSpec.primaryNetworkInterface.networkInterface: unknown field; subnetId and securityGroups belong " +
				"directly in instanceSpec.primaryNetworkInterface, not nested in networkInterface (line 15, column 7)",
			`InstanceSpec.primaryNetworkInterface.networkInterface.securityGroups[0]: expected an object, got a string; ` +
				`write {"groupId": "sg-p2d1****ya"} (line 18, column 11)`,
			"instanceSpec.password: contains '#', which is not allowed; use letters, digits and only these special " +
				"characters: !@$%^-_=+[{}]:,./? (line 8, column 16)",
			"instanceSpec.primaryNetworkInterface.vpcId: required: the VPC of the instances (vpc-...)",
		}},
	}
	var b *Body
	for i, step := range steps {
		if step.fix != nil {
			fixed := step.fix(text)
			if fixed == text {
				t.Fatalf("fix %d changed nothing", i)
			}
			text = fixed
		}
		b = Decode([]byte(text))
		wantLines(t, fullLines(b.Check()), step.want...)
	}
	// Recovery read everything else the example says.
	wantSpec := apiclient.InstanceSpec{
		Az: "cn-north-1a", InstanceType: "g.n2.large", ImageID: "img-m5s0****29", Name: "instance",
		Password: "A1i2n@Apix#",
		PrimaryNetworkInterface: apiclient.NetworkInterfaceSpec{
			SubnetID:       "subnet-c2p3****9o",
			SecurityGroups: []apiclient.SecurityGroupCreate{{GroupID: "sg-p2d1****ya"}},
		},
		SystemDisk: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 100},
		DataDisks:  []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.gp1", DiskSizeGB: 100}},
		Charge:     &apiclient.ChargeSpec{ChargeMode: "prepaid_by_duration", ChargeUnit: "month", ChargeDuration: 1},
	}
	if d := b.Draft(); !reflect.DeepEqual(d.Spec, wantSpec) || d.Count != 1 {
		t.Errorf("decoded draft:\n  got  %+v\n  want %+v", d.Spec, wantSpec)
	}
}

func TestCheck(t *testing.T) {
	minimal := minimalBody(t)
	replace := func(old, new string) string {
		if !strings.Contains(minimal, old) {
			panic("test body lacks " + old)
		}
		return strings.Replace(minimal, old, new, 1)
	}
	const (
		specOpen = `"instanceSpec": {`
		sysDisk  = `"diskType": "ssd.gp1"`
	)
	allRequired := []string{
		"instanceSpec.az: required: the availability zone, for example cn-hongkong-11a",
		"instanceSpec.instanceType: required: the instance type, for example g.n2.large",
		"instanceSpec.imageId: required: the image id (img-...)",
		"instanceSpec.name: required: the instance name, 1 to 64 characters of Chinese, letters, digits, '_', '-' or '.'",
		"instanceSpec.primaryNetworkInterface.vpcId: required: the VPC of the instances (vpc-...)",
		"instanceSpec.primaryNetworkInterface.subnetId: required: the subnet of the instances (subnet-...)",
		`instanceSpec.primaryNetworkInterface.securityGroups: required: at least one security group ({"groupId": "sg-..."})`,
		"instanceSpec.systemDisk.diskType: required: the system disk type, for example ssd.gp1",
	}
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"valid minimal", minimal, nil},
		{"byte order mark", "\ufeff" + minimal, nil},

		// Unknown fields and suggestions: the case of a key matters.
		{"mis-cased field", replace(`"imageId"`, `"ImageId"`), []string{
			"instanceSpec.ImageId: unknown field; did you mean imageId?",
		}},
		{"mis-cased field also given", replace(`"name"`, `"imageID": "x", "name"`), []string{
			"instanceSpec.imageID: unknown field; did you mean imageId? (imageId is also given, so this one is ignored)",
		}},
		{"typo read as the field", replace(`"imageId"`, `"imagId"`), []string{
			"instanceSpec.imagId: unknown field; did you mean imageId?",
		}},
		{"snake case read as the field", replace(`"imageId"`, `"image_id"`), []string{
			"instanceSpec.image_id: unknown field; did you mean imageId?",
		}},
		{"field in the wrong object", replace(`"vpcId": "vpc-a1b2c3"`, `"subnetIdX": 1`), []string{
			"instanceSpec.primaryNetworkInterface.subnetIdX: unknown field; did you mean subnetId? (subnetId is also given, so this one is ignored)",
			"instanceSpec.primaryNetworkInterface.vpcId: required: the VPC of the instances (vpc-...)",
		}},
		{"field belongs elsewhere", replace(`"name"`, `"vpcId": "v", "name"`), []string{
			"instanceSpec.vpcId: unknown field here; vpcId belongs in instanceSpec.primaryNetworkInterface",
		}},
		{"unknown field", replace(sysDisk, sysDisk+`, "iops": 1`), []string{
			"instanceSpec.systemDisk.iops: unknown field; expected one of diskType, diskSizeGB",
		}},
		{"top-level field inside instanceSpec", replace(`"name"`, `"maxCount": 2, "name"`), []string{
			"instanceSpec.maxCount: unknown field here; maxCount belongs in the top level, next to instanceSpec",
		}},

		// Wrong JSON types: the value is reported, the rules about it are not.
		{"number as string", replace(specOpen, `"maxCount": "1", `+specOpen), []string{
			"maxCount: expected a whole number, got a string; write 1 without quotes",
		}},
		{"string as number", replace(`"az": "cn-hongkong-11a"`, `"az": 5`), []string{
			"instanceSpec.az: expected a string, got a number",
		}},
		{"fraction", replace(sysDisk, sysDisk+`, "diskSizeGB": 40.5`), []string{
			"instanceSpec.systemDisk.diskSizeGB: expected a whole number, got 40.5",
		}},
		{"several", replace(specOpen, `"maxCount": 1e2, "clientToken": 7, `+specOpen+
			`"password": 12345678, "charge": {"autoRenew": "true", "chargeDuration": 99999999999}, `), []string{
			"maxCount: expected a whole number, got 1e2",
			"clientToken: expected a string, got a number",
			"instanceSpec.password: expected a string, got a number",
			"instanceSpec.charge.autoRenew: expected true or false, got a string; write true without quotes",
			"instanceSpec.charge.chargeDuration: the number 99999999999 is too large",
		}},
		{"object of the wrong type", `{"instanceSpec": [], "maxCount": 0}`, []string{
			"instanceSpec: expected an object, got a list",
			"maxCount: must be 1 to 100; got 0",
		}},
		{"object where a list belongs", replace(specOpen, specOpen+`"dataDisks": {"diskType": "ssd.gp1", "diskSizeGB": 25}, `), []string{
			"instanceSpec.dataDisks: expected a list, got an object; put it in [ ]",
			"instanceSpec.dataDisks[0].diskSizeGB: must be a multiple of 10 GiB; got 25",
		}},
		{"null is absent", replace(specOpen, `"maxCount": null, "clientToken": null, `+specOpen+`"charge": null, `), nil},

		// An explicit 0 is not an absent field.
		{"explicit zeros", replace(specOpen, `"maxCount": 0, `+specOpen+
			`"charge": {"chargeDuration": 0}, "elasticIpSpec": {"sizeMbps": 0, "provider": "bgp", "chargeDuration": 0}, `+
			`"dataDisks": [{"diskType": "ssd.gp1", "diskSizeGB": 0}], `), []string{
			"instanceSpec.elasticIpSpec.sizeMbps: must be 1 to 200 Mbps; got 0",
			"instanceSpec.elasticIpSpec.chargeDuration: must be 1 to 9 months; got 0",
			"instanceSpec.dataDisks[0].diskSizeGB: must be 20 to 32000 GiB; got 0",
			"instanceSpec.charge.chargeDuration: must be 1 to 9 months; got 0",
			"maxCount: must be 1 to 100; got 0",
		}},
		{"explicit year 0", replace(specOpen, specOpen+`"charge": {"chargeUnit": "year", "chargeDuration": 0}, `), []string{
			"instanceSpec.charge.chargeDuration: must be 1 to 3 years; got 0",
		}},
		{"explicit system disk 0", replace(sysDisk, sysDisk+`, "diskSizeGB": 0`), []string{
			"instanceSpec.systemDisk.diskSizeGB: must be 40 to 500 GiB; got 0",
		}},
		{"data disk without a size", replace(specOpen, specOpen+`"dataDisks": [{"diskType": "ssd.gp1"}], `), nil},
		{"maxCount 100", replace(specOpen, `"maxCount": 100, `+specOpen), nil},
		{"maxCount 101", replace(specOpen, `"maxCount": 101, `+specOpen), []string{
			"maxCount: one request creates at most 100 instances; got 101 (cocvm create splits larger counts into several requests)",
		}},
		{"duplicate field", replace(specOpen, `"maxCount": 1, "maxCount": 2, `+specOpen), []string{
			"maxCount: given twice; this value is ignored in favour of the one at line 2, column 18",
		}},
		{"duplicate object", replace(specOpen, `"instanceSpec": {}, `+specOpen), []string{
			"instanceSpec: given twice; this value is ignored in favour of the one at line 2, column 23",
		}},
		{"invalid UTF-8", replace(`"web-01"`, "\"web\xff01\""), []string{"the text is not valid UTF-8"}},
		{"invalid UTF-8 in a key", replace(`"name"`, "\"n\xffme\""), []string{"the text is not valid UTF-8"}},

		// Syntax errors: the first one, in words.
		{"empty", "", []string{`the body is empty; expected a JSON object {"instanceSpec": ...}`}},
		{"only space", " \n\t", []string{`the body is empty; expected a JSON object {"instanceSpec": ...}`}},
		{"only a byte order mark", "\ufeff", []string{`the body is empty; expected a JSON object {"instanceSpec": ...}`}},
		{"not an object", "[1, 2]", []string{`the body must be a JSON object {"instanceSpec": ...}, not a list`}},
		{"text after the body", minimal + "x", []string{"unexpected text after the end of the body"}},
		{"two bodies", minimal + minimal, []string{"unexpected text after the end of the body"}},
		{"missing comma between fields", replace(`"az": "cn-hongkong-11a",`, `"az": "cn-hongkong-11a"`), []string{
			`missing ',' before "instanceType"`,
		}},
		{"missing comma before a string value", replace(`"web-01"`, `"web" "01"`), []string{
			`expected ',' or '}' after the value, found '"'`,
		}},
		{"missing comma between list items", replace(`"groupId": "sg-g7h8i9"
        }`, `"groupId": "sg-g7h8i9"
        } {"groupId": "sg-x"}`), []string{
			"expected ',' or ']' after the list item, found '{'",
		}},
		{"trailing comma", replace(sysDisk, sysDisk+","), []string{"trailing ',' before '}'"}},
		{"trailing comma in a list", `{"instanceSpec": {"dataDisks": [{},]}}`, []string{"trailing ',' before ']'"}},
		{"double comma", replace(`"az": "cn-hongkong-11a",`, `"az": "cn-hongkong-11a",,`), []string{"extra ','"}},
		{"extra closing brace in a list", replace(`"groupId": "sg-g7h8i9"
        }`, `"groupId": "sg-g7h8i9"
        }}`), []string{"expected ',' or ']' after the list item, found '}'"}},
		{"missing closing brace at the end", strings.TrimSuffix(minimal, "}\n"), []string{
			"unexpected end of the body: missing '}' to close the object opened at line 1, column 1",
		}},
		{"unterminated list", `{"instanceSpec": {"dataDisks": [`, []string{
			"unexpected end of the body: missing ']' to close the list opened at line 1, column 32",
		}},
		{"missing colon", replace(`"name": "web-01"`, `"name" "web-01"`), []string{`missing ':' after the field name, found '"'`}},
		{"equals for colon", replace(`"name": "web-01"`, `"name"= "web-01"`), []string{"missing ':' after the field name, found '='"}},
		{"single quotes", replace(`"name": "web-01"`, `"name": 'web-01'`), []string{"strings and field names must be in double quotes, not single quotes"}},
		{"bare word", replace(`"name": "web-01"`, `"name": web`), []string{"text must be in double quotes"}},
		{"unquoted field name", replace(`"name"`, `name`), []string{"field names must be in double quotes, found 'n'"}},
		{"comment", replace(specOpen, specOpen+" // the spec\n"), []string{"comments are not allowed in JSON"}},
		{"comment before a value", `{"maxCount": /* two */ 2}`, []string{"comments are not allowed in JSON"}},
		{"capitalised literal", replace(specOpen, specOpen+`"charge": {"autoRenew": True}, `), []string{"write true in lower case"}},
		{"misspelt literal", replace(specOpen, specOpen+`"charge": {"autoRenew": tru}, `), []string{
			"invalid word: write true, false or null in lower case, or put text in double quotes",
		}},
		{"unterminated string", replace(`"web-01"`, `"web-01`), []string{
			"unterminated string: the closing quote is missing on this line",
		}},
		{"unterminated string at the end", `{"instanceSpec": {"name": "web`, []string{
			"unterminated string: the closing quote is missing",
		}},
		{"bad escape", replace(`"web-01"`, `"web\q01"`), []string{`invalid escape: after \ write ", \, /, b, f, n, r, t or u`}},
		{"bad unicode escape", replace(`"web-01"`, `"web\u01"`), []string{`\u must be followed by four hexadecimal digits`}},
		{"leading zero", replace(sysDisk, sysDisk+`, "diskSizeGB": 040`), []string{"invalid number: a number cannot start with 0"}},
		{"invalid number", replace(sysDisk, sysDisk+`, "diskSizeGB": 4.`), []string{"invalid number"}},
		{"control character", replace(`"web-01"`, "\"web\x01\""), []string{"a control character inside a string must be escaped"}},
		{"non-breaking space", replace(`"name": "web-01"`, "\"name\":\u00a0\"web-01\""), []string{"expected a value, found a non-breaking space"}},
		{"empty object", "{}", allRequired},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := Decode([]byte(tc.body)).Check()
			wantLines(t, problemLines(ps), tc.want...)
			for _, p := range ps {
				if strings.HasPrefix(tc.name, "valid") || p.Message.IsZero() {
					t.Errorf("unexpected problem %v", p)
				}
			}
		})
	}
}

func TestPositions(t *testing.T) {
	// Columns count characters: the Chinese name before the error is two
	// characters, not six bytes (column 39, not 43).
	ps := Decode([]byte("{\"instanceSpec\": {\"name\": \"主机\", \"az\": 5}}")).Check()
	if len(ps) == 0 || ps[0].Path != "instanceSpec.az" || ps[0].Pos != (wizard.Position{Line: 1, Column: 39}) {
		t.Errorf("first problem %+v, want instanceSpec.az at line 1, column 39", ps)
	}
	// A rule problem carries the position of the value it is about.
	ps = Decode([]byte("{\n\"instanceSpec\": {\n  \"name\": \".web\"}}")).Check()
	found := false
	for _, p := range ps {
		if p.Path == wizard.PathName {
			found = true
			if p.Pos != (wizard.Position{Line: 3, Column: 11}) {
				t.Errorf("name problem at %v, want line 3, column 11", p.Pos)
			}
		}
	}
	if !found {
		t.Error("no problem about the name")
	}
	// A byte order mark is not a column; a syntax error has its place.
	for body, want := range map[string]string{
		"\ufeff{\"maxCount\": \"x\"}":       "maxCount: expected a whole number, got a string (line 1, column 14)",
		"{\n  \"maxCount\": 1\n  \"x\": 2}": `missing ',' before "x" (line 3, column 3)`,
		"{\"name\": \"ab\ncd\"}":            "unterminated string: the closing quote is missing on this line (line 1, column 13)",
	} {
		wantLines(t, fullLines(Decode([]byte(body)).Problems), want)
	}
}

// TestGoldenBodies: every body the wizard builds (its golden files) is read
// back with no problem and to the same request.
func TestGoldenBodies(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*.json")
	if len(files) < 4 {
		t.Fatalf("golden bodies: %v", files)
	}
	for _, f := range files {
		data := readFile(t, f)
		b := Decode(data)
		wantLines(t, fullLines(b.Check()))
		if got := wizard.Marshal(b.Request); string(got) != string(data) {
			t.Errorf("%s read back as:\n%s", f, got)
		}
	}
}

func TestZerosAndRefused(t *testing.T) {
	body := `{"instanceSpec": {
  "ImageId": "img-1",
  "charge": {"chargeDuration": 0},
  "dataDisks": [{"diskType": "ssd.gp1", "diskSizeGB": 0}, {"diskType": "ssd.gp1"}]
}}`
	b := Decode([]byte(body))
	wantLines(t, fullLines(b.Zeros()),
		"instanceSpec.dataDisks[0].diskSizeGB: must be 20 to 32000 GiB; got 0 (line 4, column 55)",
		"instanceSpec.charge.chargeDuration: must be 1 to 9 months; got 0 (line 3, column 32)",
	)
	// Import refuses the body's own problems and the zeros, not what is
	// missing (the name, the network...).
	wantLines(t, fullLines(b.Refused()),
		"instanceSpec.ImageId: unknown field; did you mean imageId? (line 2, column 3)",
		"instanceSpec.dataDisks[0].diskSizeGB: must be 20 to 32000 GiB; got 0 (line 4, column 55)",
		"instanceSpec.charge.chargeDuration: must be 1 to 9 months; got 0 (line 3, column 32)",
	)
	if !b.Zero("instanceSpec.charge.chargeDuration") || b.Zero("instanceSpec.dataDisks[1].diskSizeGB") {
		t.Error("Zero does not tell a 0 from a field left out")
	}
	// The disk without a size is a note at the disk, not a problem.
	wantLines(t, fullLines(b.Notes()), "instanceSpec.dataDisks[1].diskSizeGB: not given, so the service's default "+
		"size applies; createInstances documents no default, so give a size (20 to 32000 GiB, in steps of 10) to "+
		"know what you get (line 4, column 59)")
	if !b.Has("instanceSpec.charge") || b.Has("instanceSpec.systemDisk") {
		t.Error("Has is wrong")
	}
}

func TestDecodeWith(t *testing.T) {
	var name, region string
	var version, count int
	fields := []Field{{Name: "cocvmPreset", Int: &version}, {Name: "name", String: &name},
		{Name: "region", String: &region}, {Name: "count", Int: &count}}
	b := DecodeWith([]byte(`{"cocvmPreset": 1, "name": "web", "region": "cn-north-1", "count": 3,
		"instanceSpec": {"az": "cn-north-1a"}}`), fields)
	if len(b.Problems) != 0 || version != 1 || name != "web" || region != "cn-north-1" || count != 3 || b.Request.InstanceSpec.Az != "cn-north-1a" {
		t.Errorf("DecodeWith read %d %q %q %d %+v, problems %v", version, name, region, count, b.Request.InstanceSpec, b.Problems)
	}
	b = DecodeWith([]byte(`{"cocvmPreset": 1, "Name": "web", "maxCount": 2, "instanceSpec": {"InstanceType": "x"}}`), fields)
	wantLines(t, problemLines(b.Problems),
		"Name: unknown field; did you mean name?",
		"maxCount: unknown field; expected one of cocvmPreset, name, region, count, instanceSpec",
		"instanceSpec.InstanceType: unknown field; did you mean instanceType?",
	)
}

// countingReader is an endless body that counts what was read of it.
type countingReader struct{ n int }

func (r *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	r.n += len(p)
	return len(p), nil
}

func TestReadBounds(t *testing.T) {
	r := &countingReader{}
	if _, err := Read(r); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("an endless body: %v, want ErrTooLarge", err)
	}
	if r.n > 2*MaxSize {
		t.Errorf("read %d bytes of an endless body; the limit is %d", r.n, MaxSize)
	}
	if !strings.Contains(ErrTooLarge.Error(), "1 MiB") {
		t.Errorf("the refusal does not say the limit: %q", ErrTooLarge)
	}
	// Exactly MaxSize is read; Decode refuses more, as Read does.
	padded := minimalBody(t)
	padded += strings.Repeat(" ", MaxSize-len(padded))
	if b, err := Read(strings.NewReader(padded)); err != nil || len(b.Check()) != 0 {
		t.Errorf("a valid body of exactly 1 MiB: %v", err)
	}
	wantLines(t, problemLines(Decode([]byte(padded+" ")).Problems), ErrTooLarge.Error())
	// A reader's own error is returned as it is.
	boom := errors.New("boom")
	if _, err := Read(errReader{boom}); !errors.Is(err, boom) {
		t.Errorf("read error: %v", err)
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// TestManyProblems: every problem is found, but a person is shown at most
// MaxListed of them.
func TestManyProblems(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("{")
	for i := range 500000 / 8 {
		if i > 0 {
			sb.WriteString(",\n")
		}
		sb.WriteString(`"k` + strings.Repeat("x", i%5) + `":1`)
	}
	sb.WriteString("}")
	b := Decode([]byte(sb.String()))
	if len(b.Problems) != 62500 {
		t.Fatalf("%d problems, want one per unknown key", len(b.Problems))
	}
	shown, more := Listed(b.Check())
	if len(shown) != MaxListed || more != 62500+8-MaxListed { // and the 8 required fields of instanceSpec
		t.Errorf("Listed: %d shown, %d more", len(shown), more)
	}
	msg := (&Error{Problems: b.Problems}).Error()
	if lines := strings.Split(msg, "\n"); len(lines) != MaxListed+2 || lines[0] != "62500 problems:" ||
		lines[len(lines)-1] != "  and 62450 more problems" {
		t.Errorf("Error: %d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
	if got := (&Error{Problems: b.Problems[:1]}).Error(); got != b.Problems[0].String() {
		t.Errorf("one problem: %q", got)
	}
}

func TestDeepNesting(t *testing.T) {
	wantLines(t, fullLines(Decode([]byte(strings.Repeat("[", 100000))).Problems), "nested too deeply (line 1, column 10001)")
	// Deep but well-formed, under a field that is not read: skipped, not
	// walked.
	deep := `{"x": ` + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + `}`
	ps := Decode([]byte(deep)).Problems
	wantLines(t, problemLines(ps), "x: unknown field; expected one of instanceSpec, maxCount, clientToken")
}

func TestSuggestField(t *testing.T) {
	defs := specDefs(new(apiclient.InstanceSpec))
	for key, want := range map[string]string{
		"InstanceType":   "instanceType",
		"image_id":       "imageId",
		"IMAGEID":        "imageId",
		"imagId":         "imageId",
		"pasword":        "password",
		"keyname":        "keyName",
		"dataDisk":       "dataDisks",
		"elasticIPSpec":  "elasticIpSpec",
		"primaryNetwork": "",
		"zone":           "",
		"ip":             "",
		"x":              "",
	} {
		got := ""
		if k := suggestField(key, defs); k >= 0 {
			got = defs[k].name
		}
		if got != want {
			t.Errorf("suggestField(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestReaderKnowsEveryField keeps the reader in step with the wire types: a
// field added to apiclient must be added here too, with the same name.
func TestReaderKnowsEveryField(t *testing.T) {
	homes := map[string][]string{}
	for _, h := range fieldHomes() {
		homes[h.canon] = h.names
	}
	for canon, typ := range map[string]reflect.Type{
		"":                        reflect.TypeOf(apiclient.CreateInstancesRequest{}),
		wizard.PathSpec:           reflect.TypeOf(apiclient.InstanceSpec{}),
		wizard.PathEIP:            reflect.TypeOf(apiclient.ElasticIPSpec{}),
		wizard.PathNetwork:        reflect.TypeOf(apiclient.NetworkInterfaceSpec{}),
		wizard.PathSecurityGroups: reflect.TypeOf(apiclient.SecurityGroupCreate{}),
		wizard.PathSystemDisk:     reflect.TypeOf(apiclient.InstanceDiskAttachmentSpec{}),
		wizard.PathCharge:         reflect.TypeOf(apiclient.ChargeSpec{}),
	} {
		var names []string
		for i := range typ.NumField() {
			name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			names = append(names, name)
		}
		if !reflect.DeepEqual(names, homes[canon]) {
			t.Errorf("%s: the reader reads %v, the wire type has %v", typ.Name(), homes[canon], names)
		}
	}
}

// TestAgreesWithEncodingJSON: a body the reader accepts whole decodes to
// what encoding/json makes of it.
func TestAgreesWithEncodingJSON(t *testing.T) {
	data := readFile(t, "../testdata/full.json")
	var want apiclient.CreateInstancesRequest
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if got := Decode(data).Request; !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
