package ui

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/wizard"
)

func TestSandboxServeFlagValidation(t *testing.T) {
	isolateDirs(t)
	cases := []struct {
		args []string
		want string // in stderr
	}{
		{[]string{"--addr", "0.0.0.0:8089"}, "--allow-remote"},
		{[]string{"--addr", ":8089"}, "every network interface"},
		{[]string{"--addr", "8089"}, "host:port"},
		{[]string{"--addr", "127.0.0.1:99999"}, "port"},
		{[]string{"--access-key", "AK"}, "--secret-key"},
		{[]string{"--secret-key", "SK"}, "--access-key"},
		{[]string{"--boot-time", "soon"}, "--boot-time"},
		{[]string{"--boot-time", "8s-3s"}, "reversed"},
		{[]string{"--boot-fail-rate", "1.5"}, "--boot-fail-rate"},
		{[]string{"--error-rate", "-0.1"}, "--error-rate"},
		{[]string{"--drop-rate", "2"}, "--drop-rate"},
		{[]string{"--latency", "-1s"}, "--latency"},
		{[]string{"--latency", "fast"}, "--latency"},
		{[]string{"--rate-limit", "lots"}, "--rate-limit"},
		{[]string{"--quota", "0"}, "--quota"},
		{[]string{"extra"}, "no arguments"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := execCocvm(t, cliOpts{}, append([]string{"sandbox", "serve"}, c.args...)...)
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, ExitUsage, r.err)
			}
			if !strings.Contains(r.err, c.want) {
				t.Errorf("stderr %q does not mention %q", r.err, c.want)
			}
			if r.out != "" {
				t.Errorf("nothing should be served; stdout %q", r.out)
			}
		})
	}
}

func TestCheckServeAddr(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, c := range []struct {
		addr        string
		allowRemote bool
		loopback    bool
		ok          bool
	}{
		{"127.0.0.1:8089", false, true, true},
		{"127.0.0.2:0", false, true, true},
		{"[::1]:0", false, true, true},
		{"localhost:0", false, true, true},
		{"0.0.0.0:8089", false, false, false},
		{"0.0.0.0:8089", true, false, true},
		{"[::]:0", false, false, false},
		{"192.0.2.1:80", false, false, false},
		{"192.0.2.1:80", true, false, true},
	} {
		loopback, err := checkServeAddr(ctx, c.addr, c.allowRemote)
		if (err == nil) != c.ok || loopback != c.loopback {
			t.Errorf("checkServeAddr(%q, %v) = %v, %v; want loopback %v, ok %v", c.addr, c.allowRemote, loopback, err, c.loopback, c.ok)
		}
		if err != nil && !isUsageExit(err) {
			t.Errorf("checkServeAddr(%q): %v is not a usage error", c.addr, err)
		}
	}
}

func isUsageExit(err error) bool {
	ee, ok := err.(*exitError)
	return ok && ee.code == ExitUsage
}

var (
	endpointRE  = regexp.MustCompile(`endpoint\s+(http://\S+)`)
	accessKeyRE = regexp.MustCompile(`access key\s+(\S+)`)
	secretKeyRE = regexp.MustCompile(`secret key\s+(\S+)`)
)

func TestSandboxServeStartStop(t *testing.T) {
	isolateDirs(t)
	state := filepath.Join(t.TempDir(), "sandbox.json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, errOut := syncBuffer{written: make(chan struct{}, 1)}, syncBuffer{}
	ios := &iostreams.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"sandbox", "serve", "--addr", "127.0.0.1:0", "--boot-time", "0",
			"--access-key", "AKSERVE0000000000000000000000000", "--secret-key", "SKSERVE-secret-000000000000000000",
			"--state", state}, ios, func(string) string { return "" })
	}()

	var text string
	deadline := time.After(10 * time.Second)
	for text = out.String(); !strings.Contains(text, "Ctrl-C stops it"); text = out.String() {
		select {
		case <-out.written:
		case code := <-done:
			t.Fatalf("serve exited early with %d: %s %s", code, text, errOut.String())
		case <-deadline:
			t.Fatalf("no banner after 10s: %q", text)
		}
	}
	m := endpointRE.FindStringSubmatch(text)
	ak := accessKeyRE.FindStringSubmatch(text)
	sk := secretKeyRE.FindStringSubmatch(text)
	if m == nil || ak == nil || sk == nil {
		t.Fatalf("banner lacks endpoint or keys:\n%s", text)
	}
	if ak[1] != "AKSERVE0000000000000000000000000" || sk[1] != "SKSERVE-secret-000000000000000000" {
		t.Errorf("banner keys %q %q are not the ones given", ak[1], sk[1])
	}
	if !strings.Contains(text, "COCVM_ENDPOINT="+m[1]) || !strings.Contains(text, "cocvm create ") {
		t.Errorf("banner lacks the example command:\n%s", text)
	}

	// The printed keys and endpoint work, and the example request is one
	// the served sandbox accepts.
	c, err := apiclient.New(apiclient.Config{AccessKey: ak[1], SecretKey: sk[1], Endpoint: m[1]})
	if err != nil {
		t.Fatal(err)
	}
	example, err := sandboxExampleDraft(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, wizard.CommandLine(example)) {
		t.Errorf("banner does not show the example command %q", wizard.CommandLine(example))
	}
	resp, err := c.CreateInstances(ctx, example.Region, wizard.Build(example)[0])
	if err != nil {
		t.Fatalf("the example request failed on the served sandbox: %v", err)
	}
	if len(resp.InstanceIDs) != 1 {
		t.Errorf("created %v", resp.InstanceIDs)
	}

	cancel()
	select {
	case code := <-done:
		if code != ExitOK {
			t.Errorf("a clean stop should exit 0, got %d (stderr %q)", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop within 10s of cancel")
	}
	data, err := os.ReadFile(state)
	if err != nil {
		t.Fatalf("state file not written on stop: %v", err)
	}
	if !strings.Contains(string(data), resp.InstanceIDs[0]) {
		t.Error("the state file does not hold the created instance")
	}
	if !strings.Contains(errOut.String(), "Sandbox stopped") {
		t.Errorf("stderr %q", errOut.String())
	}
}

func TestSandboxServeAddressInUse(t *testing.T) {
	isolateDirs(t)
	run := startTestSandbox(t)
	addr := strings.TrimPrefix(run.URL, "http://")
	r := execCocvm(t, cliOpts{}, "sandbox", "serve", "--addr", addr)
	if r.code != ExitFailed || !strings.Contains(r.err, "cannot listen on "+addr) {
		t.Errorf("exit %d, stderr %q", r.code, r.err)
	}
}
