package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/ui/iostreams"
)

// runCLI runs cocvm with args and stdin in an empty home and XDG dirs,
// with no credentials and sandbox instances that boot at once.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Setenv("JDCLOUD_ACCESS_KEY", "")
	t.Setenv("JDCLOUD_SECRET_KEY", "")
	t.Setenv("COCVM_SANDBOX_BOOT_TIME", "0")
	return runCLIWith(t, os.Getenv, stdin, args...)
}

// runCLIWith runs cocvm with args and stdin in an empty home and XDG dirs,
// reading its environment through getenv.
func runCLIWith(t *testing.T, getenv func(string) string, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, ".state"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
	var out, errOut bytes.Buffer
	ios := &iostreams.IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut}
	code = run(context.Background(), args, &Env{IO: ios, Getenv: getenv, Clock: quickClock, retry: quickRetry})
	return out.String(), errOut.String(), code
}

// validFlags build a complete request for the sandbox's catalogue.
var validFlags = []string{
	"--region", "cn-hongkong-11", "--az", "cn-hongkong-11a", "--type", "g.n2.large",
	"--image", "img-vf7zs2s9l0", "--vpc", "vpc-ubyo4gybak", "--subnet", "subnet-tcj8hjycl7",
	"--sg", "sg-4limh7c6e0", "--name", "web", "--system-disk", "ssd.gp1:40",
}

const testPassword = "Blue.Lake42"

func TestPreviewMasksPasswordUnlessAsked(t *testing.T) {
	args := append([]string{"preview", "--password-stdin"}, validFlags...)
	out, errOut, code := runCLI(t, testPassword+"\n", args...)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if strings.Contains(out, testPassword) || !strings.Contains(out, `"password": "********"`) {
		t.Errorf("preview did not mask the password:\n%s", out)
	}
	out, _, code = runCLI(t, testPassword+"\n", append(args, "--show-password")...)
	if code != 0 || !strings.Contains(out, testPassword) {
		t.Errorf("--show-password: exit %d, body:\n%s", code, out)
	}
}

func TestPreviewProblemsGoToStderrWithExit1(t *testing.T) {
	out, errOut, code := runCLI(t, "", "preview", "--az", "cn-hongkong-11a", "--count", "3", "--ip", "10.0.0.9")
	if code != ExitFailed {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(out, `"az": "cn-hongkong-11a"`) {
		t.Errorf("the body is still printed; got %q", out)
	}
	for _, want := range []string{"instanceSpec.instanceType:", "instanceSpec.imageId:", "maxCount:"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestPasswordProblemsNeverQuoteThePassword(t *testing.T) {
	const bad = "tyui8765Ab"
	args := append([]string{"preview", "--password-stdin"}, validFlags...)
	out, errOut, code := runCLI(t, bad+"\n", args...)
	if code != ExitFailed {
		t.Fatalf("exit %d, want 1 for a bad password", code)
	}
	for _, part := range []string{bad, "tyui", "876", "765"} {
		if strings.Contains(out+errOut, part) {
			t.Errorf("output quotes %q of the password:\n%s\n%s", part, out, errOut)
		}
	}
	if !strings.Contains(errOut, "instanceSpec.password: breaks the rule: no keyboard runs") {
		t.Errorf("the broken rule is not named:\n%s", errOut)
	}
}

func TestValidateExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	out, _, code := runCLI(t, "", append([]string{"preview"}, validFlags...)...)
	if code != 0 {
		t.Fatalf("preview exit %d", code)
	}
	if err := os.WriteFile(good, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runCLI(t, "", "validate", good); code != 0 {
		t.Errorf("valid body: exit %d, %s", code, errOut)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"InstanceSpec": {}, "maxCount": 0}`), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, code = runCLI(t, "", "validate", bad)
	if code != ExitFailed || !strings.Contains(out, "InstanceSpec: unknown field; did you mean instanceSpec?") {
		t.Errorf("invalid body: exit %d, output:\n%s", code, out)
	}
	if _, errOut, code := runCLI(t, "", "validate", filepath.Join(dir, "missing.json")); code != ExitUsage {
		t.Errorf("unreadable file: exit %d (%s), want 2", code, errOut)
	}
	if _, _, code := runCLI(t, "{}", "validate", "-"); code != ExitFailed {
		t.Errorf("empty body on stdin: exit %d, want 1", code)
	}
}

func TestCreateYesOnTheSandboxPrintsJSON(t *testing.T) {
	args := append([]string{"--sandbox", "create", "--yes", "-o", "json", "--password-stdin", "--count", "2"}, validFlags...)
	out, errOut, code := runCLI(t, testPassword+"\n", args...)
	var res struct {
		RequestID   string   `json:"requestId"`
		ClientToken string   `json:"clientToken"`
		RegionID    string   `json:"regionId"`
		InstanceIDs []string `json:"instanceIds"`
		Instances   []struct {
			InstanceID string `json:"instanceId"`
			Status     string `json:"status"`
			PrivateIP  string `json:"privateIpAddress"`
			Failed     bool   `json:"failed"`
		} `json:"instances"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("stdout is not the JSON object (%v):\n%s\nstderr:\n%s", err, out, errOut)
	}
	if res.RequestID == "" || res.ClientToken == "" || res.RegionID != "cn-hongkong-11" || len(res.InstanceIDs) != 2 || len(res.Instances) != 2 {
		t.Fatalf("unexpected result %+v", res)
	}
	running := 0
	for _, in := range res.Instances {
		if in.Status == "running" && !in.Failed {
			running++
			if in.PrivateIP == "" {
				t.Errorf("%s runs without a private IP", in.InstanceID)
			}
		}
	}
	if want := map[bool]int{true: 0, false: 1}[running == 2]; code != want {
		t.Errorf("exit %d with %d of 2 running", code, running)
	}
	if !strings.Contains(errOut, "submitted 2 × g.n2.large in cn-hongkong-11a") || !strings.Contains(errOut, "done:") {
		t.Errorf("progress lines missing:\n%s", errOut)
	}
	if strings.Contains(out+errOut, testPassword) {
		t.Error("the password reached the output")
	}
}

func TestCreateYesInvalidSendsNothing(t *testing.T) {
	// Flags left out take the wizard's defaults; a name the rules refuse stays.
	_, errOut, code := runCLI(t, "", "--sandbox", "create", "--yes", "--az", "cn-hongkong-11a", "--name", "no spaces allowed")
	if code != ExitFailed || !strings.Contains(errOut, "nothing was sent") || !strings.Contains(errOut, "instanceSpec.name:") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}

func TestWizardWithoutTerminalNamesYes(t *testing.T) {
	_, errOut, code := runCLI(t, "", "create")
	if code != ExitUsage || !strings.Contains(errOut, "--yes") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"create", "--no-such-flag"},
		{"create", "--yes", "--password-auth", "maybe"},
		{"create", "-o", "yaml"},
		{"validate"},
		{"no-such-command"},
		{"presets", "no-such-command"},
	} {
		if _, errOut, code := runCLI(t, "", args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
}

// --accessible asks every step as plain line prompts; answers piped in, one
// per line, walk it to a running instance.
func TestAccessibleWizardCreatesFromPipedAnswers(t *testing.T) {
	answers := strings.Join([]string{
		"1", "1", // region, zone
		"2",           // type: the second in stock, g.n2.large
		"1",           // image: the newest ready public Linux one
		"1", "1", "0", // VPC, subnet, security groups as preselected
		"", "n", // no private IP, no elastic IP
		"1", "", "", // system disk ssd.gp1, a bare Enter keeps the 40 GiB shown, no data disks
		"1", "1", "n", // month, 1, no auto-renew
		"1", testPassword, testPassword, "web", "1", // password login, name, count
		"y",
	}, "\n") + "\n"
	out, errOut, code := runCLI(t, answers, "--sandbox", "--accessible", "create")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"Step 7 of 7: Login & name", `"instanceType": "g.n2.large"`, `"password": "********"`, "1 running",
		"2 vCPU", "System disk size in GiB (40 to 500, steps of 10) [40]", `"diskSizeGB": 40`} {
		if !strings.Contains(out+errOut, want) {
			t.Errorf("output lacks %q:\n%s\n%s", want, out, errOut)
		}
	}
	if strings.Contains(out+errOut, testPassword) {
		t.Error("the password was echoed")
	}
}
