package wizard

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

// TestDecodeSeedExample decodes the request example of the createInstances
// document, copied verbatim (request line included) into testdata. It must
// come out invalid with every one of its real problems listed.
func TestDecodeSeedExample(t *testing.T) {
	data, err := os.ReadFile("testdata/seed-example.txt")
	if err != nil {
		t.Fatal(err)
	}
	d, ps := DecodeBody(data)
	var lines []string
	for _, p := range ps {
		lines = append(lines, p.String())
	}
	want := []string{
		"unexpected text before the body; a body starts with '{' (line 1, column 1)",
		"InstanceSpec: unknown field; did you mean instanceSpec? (line 4, column 3)",
		"InstanceSpec.ImageId: unknown field; did you mean imageId? (line 6, column 5)",
		"InstanceSpec.InstanceType: unknown field; did you mean instanceType? (line 7, column 5)",
		`InstanceSpec: missing ',' before "primaryNetworkInterface" (line 15, column 5)`,
		"InstanceSpec.primaryNetworkInterface.networkInterface: unknown field; subnetId and securityGroups belong " +
			"directly in instanceSpec.primaryNetworkInterface, not nested in networkInterface (line 16, column 7)",
		`InstanceSpec.primaryNetworkInterface.networkInterface.securityGroups[0]: expected an object, got a string; ` +
			`write {"groupId": "sg-p2d1****ya"} (line 19, column 11)`,
		"InstanceSpec.dataDisks: unexpected '}': there is no object open here to close (an extra closing bracket?) (line 32, column 5)",
		"instanceSpec.password: contains '#', which is not allowed; use letters, digits and only these special " +
			"characters: !@$%^-_=+[{}]:,./? (line 9, column 16)",
		"instanceSpec.primaryNetworkInterface.vpcId: required: the VPC of the instances (vpc-...)",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n  got:\n    %s\n  want:\n    %s", strings.Join(lines, "\n    "), strings.Join(want, "\n    "))
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
	if !reflect.DeepEqual(d.Spec, wantSpec) || d.Count != 1 {
		t.Errorf("decoded draft:\n  got  %+v\n  want %+v", d.Spec, wantSpec)
	}
}

// minimalBody is the minimal golden body, which the cases below change.
func minimalBody() string { return string(Marshal(Build(minimalDraft())[0])) }

func TestDecodeBody(t *testing.T) {
	replace := func(old, new string) string {
		b := minimalBody()
		if !strings.Contains(b, old) {
			panic("test body lacks " + old)
		}
		return strings.Replace(b, old, new, 1)
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
		{"valid minimal", minimalBody(), nil},

		// Unknown fields and suggestions.
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
			`"charge": {"chargeDuration": 0}, "elasticIpSpec": {"sizeMbps": 0, "provider": "bgp"}, `+
			`"dataDisks": [{"diskType": "ssd.gp1", "diskSizeGB": 0}], `), []string{
			"instanceSpec.elasticIpSpec.sizeMbps: must be 1 to 200 Mbps; got 0",
			"instanceSpec.dataDisks[0].diskSizeGB: must be 20 to 32000 GiB; got 0",
			"instanceSpec.charge.chargeDuration: must be 1 to 9 months; got 0",
			"maxCount: must be 1 to 100; got 0",
		}},
		{"explicit system disk 0", replace(sysDisk, sysDisk+`, "diskSizeGB": 0`), []string{
			"instanceSpec.systemDisk.diskSizeGB: must be 40 to 500 GiB; got 0",
		}},
		{"maxCount 100", replace(specOpen, `"maxCount": 100, `+specOpen), nil},
		{"maxCount 101", replace(specOpen, `"maxCount": 101, `+specOpen), []string{
			"maxCount: one request creates at most 100 instances; got 101 (cocvm create splits larger counts into several requests)",
		}},
		{"duplicate field", replace(specOpen, `"maxCount": 1, "maxCount": 2, `+specOpen), []string{
			"maxCount: given twice; this value is ignored in favour of the one at line 2, column 18",
		}},

		// Syntax errors, recovered from.
		{"empty", "", []string{`the body is empty; expected a JSON object {"instanceSpec": ...}`}},
		{"only space", " \n\t", []string{`the body is empty; expected a JSON object {"instanceSpec": ...}`}},
		{"not an object", "[1, 2]", []string{`the body must be a JSON object {"instanceSpec": ...}, not a list`}},
		{"text after the body", minimalBody() + "x", []string{"unexpected text after the end of the body"}},
		{"missing comma between fields", replace(`"az": "cn-hongkong-11a",`, `"az": "cn-hongkong-11a"`), []string{
			`instanceSpec: missing ',' before "instanceType"`,
		}},
		{"missing comma between list items", replace(`"groupId": "sg-g7h8i9"
        }`, `"groupId": "sg-g7h8i9"
        } {"groupId": "sg-x"}`), []string{
			"instanceSpec.primaryNetworkInterface.securityGroups: missing ',' between list items",
		}},
		{"trailing commas", replace(sysDisk, sysDisk+","), []string{
			"instanceSpec.systemDisk: trailing ',' before '}'",
		}},
		{"double comma", replace(`"az": "cn-hongkong-11a",`, `"az": "cn-hongkong-11a",,`), []string{
			"instanceSpec: extra ','",
		}},
		{"extra closing brace in a list", replace(`"groupId": "sg-g7h8i9"
        }`, `"groupId": "sg-g7h8i9"
        }}`), []string{
			"instanceSpec.primaryNetworkInterface.securityGroups: unexpected '}': there is no object open here to close (an extra closing bracket?)",
		}},
		{"missing closing bracket of a list", replace(`}
      ]
    },`, `}
    },`), []string{
			"instanceSpec.primaryNetworkInterface.securityGroups: missing ']' to close the list opened at line 10, column 25",
		}},
		{"missing closing brace at the end", strings.TrimSuffix(minimalBody(), "}\n"), []string{
			"unexpected end of the body: missing '}' to close the object opened at line 1, column 1",
		}},
		{"missing colon", replace(`"name": "web-01"`, `"name" "web-01"`), []string{
			`instanceSpec: missing ':' after "name"`,
		}},
		{"single quotes and bare words", replace(`"name": "web-01"`, `'name': web-01`), []string{
			"instanceSpec: strings must be in double quotes, not single quotes",
			`instanceSpec.name: text must be in double quotes: "web-01"`,
		}},
		{"unquoted field name", replace(`"name"`, `name`), []string{
			`instanceSpec: field names must be in double quotes: "name"`,
		}},
		{"comment", replace(specOpen, specOpen+" // the spec\n"), []string{
			"instanceSpec: comments are not allowed in JSON",
		}},
		{"capitalised literal", replace(specOpen, specOpen+`"charge": {"autoRenew": True}, `), []string{
			"instanceSpec.charge.autoRenew: write true in lower case",
		}},
		{"unterminated string", replace(`"web-01"`, `"web-01`), []string{
			"instanceSpec.name: unterminated string: the closing quote is missing on this line",
		}},
		{"bad escape", replace(`"web-01"`, `"web\q01"`), []string{
			`instanceSpec.name: invalid escape \q`,
		}},
		{"invalid number", replace(sysDisk, sysDisk+`, "diskSizeGB": 040`), []string{
			`instanceSpec.systemDisk.diskSizeGB: invalid number "040"`,
		}},
		{"empty object", "{}", allRequired},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, ps := DecodeBody([]byte(tc.body))
			wantLines(t, ps, tc.want...)
			for _, p := range ps {
				if strings.HasPrefix(tc.name, "valid") || p.Message == "" {
					t.Errorf("unexpected problem %v", p)
				}
			}
		})
	}
}

func TestDecodePositions(t *testing.T) {
	// Columns count characters: the Chinese name before the error is two
	// characters, not six bytes (column 39, not 43).
	body := "{\"instanceSpec\": {\"name\": \"主机\", \"az\": 5}}"
	_, ps := DecodeBody([]byte(body))
	if len(ps) == 0 || ps[0].Path != "instanceSpec.az" || ps[0].Pos != (Position{Line: 1, Column: 39}) {
		t.Errorf("first problem %+v, want instanceSpec.az at line 1, column 39", ps)
	}
	// A rule problem carries the position of the value it is about.
	body = "{\n\"instanceSpec\": {\n  \"name\": \".web\"}}"
	_, ps = DecodeBody([]byte(body))
	found := false
	for _, p := range ps {
		if p.Path == PathName {
			found = true
			if p.Pos != (Position{Line: 3, Column: 11}) {
				t.Errorf("name problem at %v, want line 3, column 11", p.Pos)
			}
		}
	}
	if !found {
		t.Error("no problem about the name")
	}
}

func TestDecodeRoundTrip(t *testing.T) {
	for _, d := range []Draft{minimalDraft(), fullDraft(), splitDraft()} {
		for _, req := range Build(d) {
			got, ps := DecodeBody(Marshal(req))
			if len(ps) != 0 {
				t.Errorf("problems decoding a built body: %v", problemLines(ps))
			}
			if want := RequestToDraft("", req); !reflect.DeepEqual(got, want) {
				t.Errorf("round trip:\n  got  %+v\n  want %+v", got, want)
			}
		}
	}
}

func TestDecodeTooManySyntaxErrors(t *testing.T) {
	body := "{" + strings.Repeat(`"a" `, 100) + "}"
	_, ps := DecodeBody([]byte(body))
	if len(ps) > maxSyntaxProblems+1+50 {
		t.Errorf("%d problems for one broken line", len(ps))
	}
	last := ""
	for _, p := range ps {
		if strings.Contains(p.Message, "too many syntax errors") {
			last = p.Message
		}
	}
	if last == "" {
		t.Error("no note that checking stopped")
	}
}

func TestDecodeDeepNesting(t *testing.T) {
	body := strings.Repeat("[", 100000)
	_, ps := DecodeBody([]byte(body))
	want := []string{
		"nested too deeply (line 1, column 201)",
		`the body must be a JSON object {"instanceSpec": ...}, not a list (line 1, column 1)`,
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("deep nesting: %q", got)
	}
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
