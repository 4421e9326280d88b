package ui

import (
	"encoding/json"
	"strings"
	"testing"
)

// The wizard's choices for the sandbox's cn-hongkong-11, as create --yes
// reports them.
var defaultLines = []string{
	"cocvm: --az not given: cn-hongkong-11a (the first zone of cn-hongkong-11)\n",
	"cocvm: --type not given: g.n2.medium (the first type listed in stock in cn-hongkong-11a)\n",
	"cocvm: --image not given: img-vf7zs2s9l0 (Ubuntu 22.04 64位, the newest ready Linux image that runs g.n2.medium)\n",
	"cocvm: --system-disk not given: ssd.gp1:40 (the image's minimum of 40 GB, rounded up to 10, at least 40)\n",
	"cocvm: --vpc not given: vpc-ubyo4gybak (default-vpc, the first VPC of cn-hongkong-11)\n",
	"cocvm: --subnet not given: subnet-tcj8hjycl7 (default-a, the VPC's first subnet in cn-hongkong-11a with free addresses)\n",
	"cocvm: --sg not given: sg-4limh7c6e0 (default, the VPC's default group)\n",
}

func TestCreateYesTakesTheWizardsDefaults(t *testing.T) {
	out, errOut, code := runCLI(t, "", "--sandbox", "create", "--yes", "--name", "ci", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	var r createResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(r.Instances) != 1 || r.Instances[0].Status != "running" || r.Instances[0].Name != "ci" {
		t.Errorf("want one running instance named ci: %+v", r.Instances)
	}
	for _, line := range defaultLines {
		if !strings.Contains(errOut, line) {
			t.Errorf("stderr lacks %q:\n%s", line, errOut)
		}
	}
	if strings.Contains(errOut, "--name not given") || strings.Contains(errOut, "--region not given") {
		t.Errorf("a flag given (or the session's region) reported as a default:\n%s", errOut)
	}
}

func TestPreviewTakesTheSameDefaultsAsTheFlagsTheyName(t *testing.T) {
	chosen, errOut, code := runCLI(t, "", "--sandbox", "preview", "--name", "ci")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	for _, line := range defaultLines {
		if !strings.Contains(errOut, line) {
			t.Errorf("stderr lacks %q:\n%s", line, errOut)
		}
	}
	given, errOut, code := runCLI(t, "", "--sandbox", "preview", "--name", "ci", "--region", "cn-hongkong-11",
		"--az", "cn-hongkong-11a", "--type", "g.n2.medium", "--image", "img-vf7zs2s9l0", "--vpc", "vpc-ubyo4gybak",
		"--subnet", "subnet-tcj8hjycl7", "--sg", "sg-4limh7c6e0", "--system-disk", "ssd.gp1:40")
	if code != 0 || errOut != "" {
		t.Fatalf("every flag given: exit %d, stderr %s", code, errOut)
	}
	if chosen != given {
		t.Errorf("the defaults build\n%s\nthe flags that name them\n%s", chosen, given)
	}
}

func TestPreviewExitsOneWhenTheBodyIsNotValid(t *testing.T) {
	out, errOut, code := runCLI(t, "", "--sandbox", "preview", "--name", "no spaces allowed")
	if code != ExitFailed || !strings.Contains(out, `"instanceType": "g.n2.medium"`) || !strings.Contains(errOut, "instanceSpec.name:") {
		t.Errorf("exit %d, stdout %s, stderr %s; want the body, the name's problem and exit 1", code, out, errOut)
	}
	// Without an API nothing is chosen: the body says what is missing.
	out, errOut, code = runCLI(t, "", "preview", "--name", "ci")
	if code != ExitFailed || !strings.Contains(errOut, "the flags left out take no defaults") || !strings.Contains(out, `"instanceType": ""`) {
		t.Errorf("no API: exit %d, stdout %s, stderr %s", code, out, errOut)
	}
}
