package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/ui/iostreams"
)

// minimalValidBody passes every rule.
const minimalValidBody = `{
  "instanceSpec": {
    "az": "cn-hongkong-11a",
    "instanceType": "g.n2.large",
    "imageId": "img-vf7zs2s9l0",
    "name": "web",
    "primaryNetworkInterface": {"vpcId": "vpc-1", "subnetId": "subnet-1", "securityGroups": [{"groupId": "sg-1"}]},
    "systemDisk": {"diskType": "ssd.gp1", "diskSizeGB": 40}
  }
}
`

// withSpec puts members first in instanceSpec of the minimal valid body.
func withSpec(members string) string {
	return strings.Replace(minimalValidBody, `"instanceSpec": {`, `"instanceSpec": {`+members+`, `, 1)
}

func TestValidateOutput(t *testing.T) {
	tests := []struct {
		name, stdin string
		code        int
		want        []string // the lines of stdout
	}{
		{"valid", minimalValidBody, ExitOK, []string{"valid"}},
		{"wrongly cased key", withSpec(`"ImageId": "img-1"`), ExitFailed, []string{
			"instanceSpec.ImageId: unknown field; did you mean imageId? (imageId is also given, so this one is ignored) (line 2, column 20)",
		}},
		{"duplicate key", withSpec(`"name": "api"`), ExitFailed, []string{
			"instanceSpec.name: given twice; this value is ignored in favour of the one at line 6, column 5 (line 2, column 20)",
		}},
		{"charge duration 0", withSpec(`"charge": {"chargeDuration": 0}`), ExitFailed, []string{
			"instanceSpec.charge.chargeDuration: must be 1 to 9 months; got 0 (line 2, column 49)",
		}},
		{"elastic IP charge duration 0", withSpec(`"elasticIpSpec": {"sizeMbps": 5, "provider": "bgp", "chargeUnit": "year", "chargeDuration": 0}`), ExitFailed, []string{
			"instanceSpec.elasticIpSpec.chargeUnit: must match the instances' charge unit (month); got year (line 2, column 86)",
			"instanceSpec.elasticIpSpec.chargeDuration: must be 1 to 3 years; got 0 (line 2, column 112)",
		}},
		{"data disk without a size", withSpec(`"dataDisks": [{"diskType": "ssd.gp1"}]`), ExitOK, []string{
			"note: instanceSpec.dataDisks[0].diskSizeGB: not given, so the service's default size applies; createInstances " +
				"documents no default, so give a size (20 to 32000 GiB, in steps of 10) to know what you get (line 2, column 34)",
			"valid",
		}},
		{"syntax error", `{"instanceSpec": {"az": }`, ExitFailed, []string{"expected a value, found '}' (line 1, column 25)"}},
		{"byte order mark", "\ufeff" + minimalValidBody, ExitOK, []string{"valid"}},
		{"invalid UTF-8", withSpec("\"keyName\": \"k\xff\""), ExitFailed, []string{"the text is not valid UTF-8 (line 2, column 33)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tc.stdin, "validate", "-")
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tc.code, errOut)
			}
			if got := strings.Split(strings.TrimSuffix(out, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("stdout:\n  got:\n    %s\n  want:\n    %s", strings.Join(got, "\n    "), strings.Join(tc.want, "\n    "))
			}
		})
	}
}

// TestValidateListsAtMost50: a file of many unknown keys gets 50 lines and
// the count of the rest, not a line each.
func TestValidateListsAtMost50(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`{"instanceSpec": {}`)
	for i := range 5000 {
		sb.WriteString(`, "k` + strings.Repeat("x", i%7) + `": 1`)
	}
	sb.WriteString("}")
	file := filepath.Join(t.TempDir(), "keys.json")
	if err := os.WriteFile(file, []byte(sb.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, code := runCLI(t, "", "validate", file)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != ExitFailed || len(lines) != 51 || lines[50] != "and 4958 more problems" {
		t.Errorf("exit %d, %d lines, last %q", code, len(lines), lines[len(lines)-1])
	}
}

// endlessInput is stdin that never ends.
type endlessInput struct{ n int }

func (r *endlessInput) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	r.n += len(p)
	return len(p), nil
}

// TestValidateRefusesOver1MiB: a larger input is refused at once, exit 2,
// without reading the rest.
func TestValidateRefusesOver1MiB(t *testing.T) {
	in := &endlessInput{}
	var out, errOut bytes.Buffer
	code := Run(context.Background(), []string{"validate", "-"}, &iostreams.IOStreams{In: in, Out: &out, ErrOut: &errOut}, func(string) string { return "" })
	if code != ExitUsage || !strings.Contains(errOut.String(), "stdin is larger than 1 MiB") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	if in.n > 2<<20 {
		t.Errorf("read %d bytes of an endless input, want at most 1 MiB and a buffer", in.n)
	}
	// A file as well.
	file := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(file, bytes.Repeat([]byte(" "), 1<<20+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runCLI(t, "", "validate", file); code != ExitUsage || !strings.Contains(errOut, "big.json is larger than 1 MiB") {
		t.Errorf("a file over 1 MiB: exit %d, stderr %q", code, errOut)
	}
}

// TestValidateNeverQuotesThePassword: password problems name the rules
// broken, not the characters.
func TestValidateNeverQuotesThePassword(t *testing.T) {
	const bad = "tyui8765Ab#"
	out, _, code := runCLI(t, withSpec(`"password": "`+bad+`"`), "validate", "-")
	if code != ExitFailed || !strings.Contains(out, "instanceSpec.password: breaks the rule") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	for _, part := range []string{bad, "tyui", "876", "#"} {
		if strings.Contains(out, part) {
			t.Errorf("output quotes %q of the password:\n%s", part, out)
		}
	}
}

// presets import stops reading past 1 MiB too, and names the source.
func TestPresetsImportRefusesOver1MiB(t *testing.T) {
	isolateDirs(t)
	in := &endlessInput{}
	var out, errOut bytes.Buffer
	code := Run(context.Background(), []string{"presets", "import", "-", "--name", "big"}, &iostreams.IOStreams{In: in, Out: &out, ErrOut: &errOut}, func(string) string { return "" })
	if code == ExitOK || !strings.Contains(errOut.String(), "stdin is larger than 1 MiB") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
	if in.n > 2<<20 {
		t.Errorf("read %d bytes of an endless input, want at most 1 MiB and a buffer", in.n)
	}
}
