package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"github.com/cocvm/cocvm/ui/internal/testenv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

// cliResult is what one cocvm invocation printed and returned.
type cliResult struct {
	code     int
	out, err string
}

// cliOpts configure execCocvm.
type cliOpts struct {
	stdin string
	tty   bool              // both ends are terminals
	env   map[string]string // what Env.Getenv sees
	ctx   context.Context
}

// execCocvm runs cocvm in-process over buffers.
func execCocvm(t *testing.T, o cliOpts, args ...string) cliResult {
	t.Helper()
	var out, errOut bytes.Buffer
	ios := &iostreams.IOStreams{In: strings.NewReader(o.stdin), Out: &out, ErrOut: &errOut, InTTY: o.tty, OutTTY: o.tty}
	ctx := o.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	env := &Env{IO: ios, Getenv: func(k string) string { return o.env[k] }, Clock: quickClock, retry: quickRetry}
	code := run(ctx, args, env)
	return cliResult{code: code, out: out.String(), err: errOut.String()}
}

// quickClock is a real clock whose waits between checks last a hundredth
// of what they say: the sandboxes of the tests boot at once, so the plain
// watch of `create --yes` ends in milliseconds, not seconds.
var quickClock = watch.Clock{Sleep: func(ctx context.Context, d time.Duration) error {
	return apiclient.SleepContext(ctx, d/100)
}}

// quickRetry retries as the client does, with waits of milliseconds.
var quickRetry = apiclient.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond}

// isolateDirs points cocvm's XDG directories and HOME into a fresh
// temporary directory.
var isolateDirs = testenv.IsolateDirs

func testDraft(count int) wizard.Draft {
	d := wizard.Draft{Region: "cn-hongkong-11", Count: count}
	d.Spec.Az = "cn-hongkong-11a"
	d.Spec.InstanceType = "g.n2.medium"
	d.Spec.ImageID = "img-vf7zs2s9l0"
	d.Spec.Name = "web"
	d.Spec.KeyName = "ops-laptop"
	d.Spec.SystemDisk = apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40}
	d.Spec.PrimaryNetworkInterface.VpcID = "vpc-1"
	d.Spec.PrimaryNetworkInterface.SubnetID = "subnet-1"
	d.Spec.PrimaryNetworkInterface.SecurityGroups = []apiclient.SecurityGroupCreate{{GroupID: "sg-1"}}
	return d
}

func savePreset(t *testing.T, name string, d wizard.Draft) {
	t.Helper()
	if err := presets.DefaultStore().Save(presets.New(name, "test preset", d)); err != nil {
		t.Fatal(err)
	}
}

func TestPresetsListEmpty(t *testing.T) {
	isolateDirs(t)
	r := execCocvm(t, cliOpts{}, "presets", "list")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.err)
	}
	for _, want := range []string{"No presets yet", "`s`", "cocvm presets import"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("empty list should mention %q; got %q", want, r.out)
		}
	}
}

func TestPresetsListTableAndCorruptFile(t *testing.T) {
	isolateDirs(t)
	savePreset(t, "web", testDraft(3))
	savePreset(t, "db", testDraft(0))
	bad := filepath.Join(presets.PresetsDir(), "broken.toml")
	if err := os.WriteFile(bad, []byte("schema = 1\nregion = \"cn-hongkong-11\"\ncount = = 3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(bad)

	r := execCocvm(t, cliOpts{}, "presets", "list")
	if r.code != ExitFailed {
		t.Errorf("a corrupt preset should make list exit %d, got %d", ExitFailed, r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want a header and two presets, got %q", r.out)
	}
	if got := strings.Fields(lines[0]); strings.Join(got, " ") != "NAME REGION ZONE TYPE IMAGE COUNT UPDATED" {
		t.Errorf("header = %q", lines[0])
	}
	// Sorted by name; an unset count shows the API's default of 1.
	db := strings.Fields(lines[1])
	web := strings.Fields(lines[2])
	if db[0] != "db" || db[5] != "1" {
		t.Errorf("db row = %q", lines[1])
	}
	if want := []string{"web", "cn-hongkong-11", "cn-hongkong-11a", "g.n2.medium", "img-vf7zs2s9l0", "3"}; strings.Join(web[:6], " ") != strings.Join(want, " ") {
		t.Errorf("web row = %q, want it to start %q", lines[2], want)
	}
	if !strings.Contains(r.err, bad+":3:") {
		t.Errorf("stderr should name the corrupt file and line (%s:3); got %q", bad, r.err)
	}
	after, _ := os.ReadFile(bad)
	if !bytes.Equal(before, after) {
		t.Error("the corrupt file was rewritten")
	}
}

func TestPresetsShowBody(t *testing.T) {
	isolateDirs(t)
	savePreset(t, "web", testDraft(2))
	r := execCocvm(t, cliOpts{}, "presets", "show", "web")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.err)
	}
	p, err := presets.DefaultStore().Load("web")
	if err != nil {
		t.Fatal(err)
	}
	want := string(wizard.Marshal(wizard.Build(p.ToDraft())[0]))
	if r.out != want {
		t.Errorf("stdout is not the body:\n%s\nwant:\n%s", r.out, want)
	}
	if !strings.Contains(r.err, "cn-hongkong-11") {
		t.Errorf("stderr should name the region; got %q", r.err)
	}
}

func TestPresetsShowFleetShowsEveryRequest(t *testing.T) {
	isolateDirs(t)
	savePreset(t, "fleet", testDraft(250))
	r := execCocvm(t, cliOpts{}, "presets", "show", "fleet")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.err)
	}
	dec := json.NewDecoder(strings.NewReader(r.out))
	var counts []int
	for {
		var req apiclient.CreateInstancesRequest
		if err := dec.Decode(&req); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("stdout is not a stream of JSON bodies: %v\n%s", err, r.out)
		}
		counts = append(counts, req.MaxCount)
	}
	if len(counts) != 3 || counts[0] != 100 || counts[1] != 100 || counts[2] != 50 {
		t.Errorf("maxCounts = %v, want [100 100 50]", counts)
	}
	if !strings.Contains(r.err, "request 3 of 3") {
		t.Errorf("stderr should number the requests; got %q", r.err)
	}
}

func TestPresetsShowMissingAndBadName(t *testing.T) {
	isolateDirs(t)
	if r := execCocvm(t, cliOpts{}, "presets", "show", "nope"); r.code != ExitFailed || !strings.Contains(r.err, `no preset named "nope"`) {
		t.Errorf("missing preset: exit %d, stderr %q", r.code, r.err)
	}
	if r := execCocvm(t, cliOpts{}, "presets", "show", "../etc"); r.code != ExitUsage {
		t.Errorf("a name with a path in it should be a usage error, got exit %d (%q)", r.code, r.err)
	}
	if r := execCocvm(t, cliOpts{}, "presets", "show"); r.code != ExitUsage {
		t.Errorf("show without a name: exit %d, want %d", r.code, ExitUsage)
	}
	if r := execCocvm(t, cliOpts{}, "presets", "frobnicate"); r.code != ExitUsage || !strings.Contains(r.err, "frobnicate") {
		t.Errorf("unknown subcommand: exit %d, stderr %q", r.code, r.err)
	}
}

func TestPresetsDelete(t *testing.T) {
	isolateDirs(t)
	store := presets.DefaultStore()
	savePreset(t, "web", testDraft(1))

	r := execCocvm(t, cliOpts{}, "presets", "delete", "web")
	if r.code != ExitUsage || !strings.Contains(r.err, "--yes") {
		t.Errorf("no terminal, no --yes: exit %d, stderr %q; want exit 2 naming --yes", r.code, r.err)
	}
	if !store.Exists("web") {
		t.Fatal("deleted without confirmation")
	}

	r = execCocvm(t, cliOpts{tty: true, stdin: "n\n"}, "presets", "delete", "web")
	if r.code != ExitOK || !store.Exists("web") {
		t.Errorf("answering n should keep it: exit %d, exists %v", r.code, store.Exists("web"))
	}
	if !strings.Contains(r.err, "Delete preset web? (y/N)") {
		t.Errorf("the question was not asked: %q", r.err)
	}

	r = execCocvm(t, cliOpts{tty: true, stdin: "y\n"}, "presets", "delete", "web")
	if r.code != ExitOK || store.Exists("web") {
		t.Errorf("answering y should delete it: exit %d, exists %v, stderr %q", r.code, store.Exists("web"), r.err)
	}

	savePreset(t, "web", testDraft(1))
	r = execCocvm(t, cliOpts{}, "presets", "delete", "--yes", "web")
	if r.code != ExitOK || store.Exists("web") {
		t.Errorf("--yes should delete without asking: exit %d, stderr %q", r.code, r.err)
	}

	r = execCocvm(t, cliOpts{}, "presets", "delete", "--yes", "web")
	if r.code != ExitFailed || !strings.Contains(r.err, `no preset named "web"`) {
		t.Errorf("deleting a missing preset: exit %d, stderr %q", r.code, r.err)
	}
}

func TestPresetsDeleteInterrupted(t *testing.T) {
	isolateDirs(t)
	savePreset(t, "web", testDraft(1))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// The reader never answers; only the cancelled context ends the prompt.
	pr, pw := io.Pipe()
	defer pw.Close()
	var out, errOut bytes.Buffer
	ios := &iostreams.IOStreams{In: pr, Out: &out, ErrOut: &errOut, InTTY: true, OutTTY: true}
	code := Run(ctx, []string{"presets", "delete", "web"}, ios, func(string) string { return "" })
	if code != ExitInterrupted {
		t.Errorf("exit %d, want %d", code, ExitInterrupted)
	}
	if !presets.DefaultStore().Exists("web") {
		t.Error("an interrupted delete deleted the preset")
	}
}

func TestPresetsExport(t *testing.T) {
	isolateDirs(t)
	savePreset(t, "web", testDraft(3))
	p, _ := presets.DefaultStore().Load("web")
	want := presets.Export(p)

	r := execCocvm(t, cliOpts{}, "presets", "export", "web")
	if r.code != ExitOK || r.out != string(want) {
		t.Errorf("export to stdout: exit %d, got\n%s\nwant\n%s", r.code, r.out, want)
	}

	file := filepath.Join(t.TempDir(), "web.json")
	r = execCocvm(t, cliOpts{}, "presets", "export", "web", file)
	if r.code != ExitOK {
		t.Fatalf("export to file: exit %d, stderr %q", r.code, r.err)
	}
	got, err := os.ReadFile(file)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("file holds %q (err %v), want the export", got, err)
	}
	if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o600 {
		t.Errorf("exported file mode %v, want 0600", fi.Mode().Perm())
	}
	if r.out != "" {
		t.Errorf("export to a file printed %q on stdout", r.out)
	}
}

func TestPresetsImport(t *testing.T) {
	isolateDirs(t)
	store := presets.DefaultStore()
	savePreset(t, "web", testDraft(3))
	p, _ := store.Load("web")
	exported := filepath.Join(t.TempDir(), "web.json")
	if err := os.WriteFile(exported, presets.Export(p), 0o600); err != nil {
		t.Fatal(err)
	}

	// Our own export, back under its own name: refused without --force.
	r := execCocvm(t, cliOpts{}, "presets", "import", exported)
	if r.code != ExitFailed || !strings.Contains(r.err, "--force") {
		t.Errorf("import over an existing preset: exit %d, stderr %q", r.code, r.err)
	}
	r = execCocvm(t, cliOpts{}, "presets", "import", exported, "--name", "web2")
	if r.code != ExitOK {
		t.Fatalf("import --name: exit %d, stderr %q", r.code, r.err)
	}
	p2, err := store.Load("web2")
	if err != nil {
		t.Fatal(err)
	}
	if string(wizard.Marshal(wizard.Build(p2.ToDraft())[0])) != string(wizard.Marshal(wizard.Build(p.ToDraft())[0])) || p2.Draft.Region != p.Draft.Region {
		t.Error("the imported preset differs from the exported one")
	}
	if r := execCocvm(t, cliOpts{}, "presets", "import", exported, "--force"); r.code != ExitOK {
		t.Errorf("import --force: exit %d, stderr %q", r.code, r.err)
	}

	// A plain body from stdin: its password is dropped, with a warning.
	const password = "Zq7!mR2#kLp9"
	body := `{"instanceSpec":{"az":"cn-hongkong-11a","instanceType":"g.n2.medium","imageId":"img-vf7zs2s9l0","name":"api","password":"` + password + `"},"maxCount":2}`
	r = execCocvm(t, cliOpts{stdin: body}, "presets", "import", "-", "--name", "api")
	if r.code != ExitOK {
		t.Fatalf("import of a body: exit %d, stderr %q", r.code, r.err)
	}
	if !strings.Contains(r.err, "password") || !strings.Contains(r.err, "dropped") {
		t.Errorf("no warning that the password was dropped: %q", r.err)
	}
	data, _ := os.ReadFile(store.Path("api"))
	if bytes.Contains(data, []byte(password)) || strings.Contains(r.out+r.err, password) {
		t.Error("the password reached the preset file or the output")
	}

	// A body needs a name; a missing file and bad JSON are errors.
	if r := execCocvm(t, cliOpts{stdin: body}, "presets", "import", "-"); r.code != ExitFailed || !strings.Contains(r.err, "--name") {
		t.Errorf("body without --name: exit %d, stderr %q", r.code, r.err)
	}
	if r := execCocvm(t, cliOpts{}, "presets", "import", filepath.Join(t.TempDir(), "none.json")); r.code != ExitFailed || !strings.Contains(r.err, "no such file") {
		t.Errorf("missing file: exit %d, stderr %q", r.code, r.err)
	}
	if r := execCocvm(t, cliOpts{stdin: "{\n  \"instanceSpec\": {\n    \"az\": 3\n  }\n}"}, "presets", "import", "-", "--name", "x"); r.code != ExitFailed || !strings.Contains(r.err, "line 3") {
		t.Errorf("bad JSON: exit %d, stderr %q; want the line named", r.code, r.err)
	}
	if r := execCocvm(t, cliOpts{stdin: body}, "presets", "import", "-", "--name", "bad/name"); r.code != ExitUsage {
		t.Errorf("invalid --name: exit %d, want %d", r.code, ExitUsage)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader in different
// goroutines.
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	written chan struct{} // when not nil, gets a wake-up after writes
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.written != nil {
		select {
		case s.written <- struct{}{}:
		default:
		}
	}
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
