package ui

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/iostreams"
)

// scriptedAsker answers setup's questions from a script, so the flow runs
// without a terminal. An exhausted script cancels.
type scriptedAsker struct {
	t            *testing.T
	methods      []setupMethod
	keyList      []apiclient.Credentials
	after        []afterCheck
	regionAnswer string // "" takes the default
	zoneAnswer   string

	// What the flow offered.
	methodDefault setupMethod
	jdcOffered    *apiclient.JDCProfile
	keysPrefill   []string
	keepFor       []string
	secretOnly    []bool
	secretWrong   []bool
}

func (s *scriptedAsker) method(_ context.Context, def setupMethod, jdc *apiclient.JDCProfile) (setupMethod, error) {
	s.methodDefault, s.jdcOffered = def, jdc
	if len(s.methods) == 0 {
		return 0, errSetupAborted
	}
	m := s.methods[0]
	s.methods = s.methods[1:]
	return m, nil
}

func (s *scriptedAsker) keys(_ context.Context, ak, keepFor string, secretOnly bool) (apiclient.Credentials, error) {
	s.keysPrefill = append(s.keysPrefill, ak)
	s.secretOnly = append(s.secretOnly, secretOnly)
	s.keepFor = append(s.keepFor, keepFor)
	if len(s.keyList) == 0 {
		return apiclient.Credentials{}, errSetupAborted
	}
	k := s.keyList[0]
	s.keyList = s.keyList[1:]
	return k, nil
}

func (s *scriptedAsker) region(_ context.Context, def string) (string, error) {
	if s.regionAnswer == "" {
		return def, nil
	}
	return s.regionAnswer, nil
}

func (s *scriptedAsker) zone(_ context.Context, r apiclient.Region, def string) (string, error) {
	if s.zoneAnswer == "" {
		return def, nil
	}
	return s.zoneAnswer, nil
}

func (s *scriptedAsker) afterFailedCheck(_ context.Context, secretWrong bool) (afterCheck, error) {
	s.secretWrong = append(s.secretWrong, secretWrong)
	if len(s.after) == 0 {
		return 0, errSetupAborted
	}
	a := s.after[0]
	s.after = s.after[1:]
	return a, nil
}

// setupEnv is an Env over buffers whose Getenv reads vars.
func setupEnv(vars map[string]string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	env := &Env{
		IO:     &iostreams.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Getenv: func(k string) string { return vars[k] },
	}
	return env, &out, &errOut
}

// startTestSandbox runs an in-process sandbox with known keys.
func startTestSandbox(t *testing.T) *sandbox.Running {
	t.Helper()
	run, err := sandbox.Start(context.Background(), sandbox.Options{
		AccessKey: "AKTEST0000000000000000000000000A",
		SecretKey: "SKTEST-the-real-secret-0123456789",
		BootMax:   sandbox.InstantBoot,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	return run
}

func loadSavedConfig(t *testing.T) presets.Config {
	t.Helper()
	cfg, _, err := presets.LoadConfig(presets.ConfigPath())
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestSetupSavesSandboxProfile(t *testing.T) {
	home := isolateDirs(t)
	env, out, _ := setupEnv(map[string]string{"HOME": home})
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodSandbox}, regionAnswer: "ap-singapore-11", zoneAnswer: "ap-singapore-11b"}
	p, err := newSetupFlow(env, ask, true).run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ask.methodDefault != methodSandbox {
		t.Error("the sandbox should be preselected on a first run")
	}
	if ask.jdcOffered != nil {
		t.Error("JD Cloud CLI import offered without ~/.jdc/config")
	}
	want := presets.Profile{Name: "default", Sandbox: true, Region: "ap-singapore-11", Zone: "ap-singapore-11b"}
	if p != want {
		t.Errorf("profile = %v, want %v", p, want)
	}
	cfg := loadSavedConfig(t)
	if got, ok := cfg.Profile(""); !ok || got != want || cfg.Current != "default" {
		t.Errorf("saved current profile = %v (current %q), want %v", got, cfg.Current, want)
	}
	fi, err := os.Stat(presets.ConfigPath())
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("config mode: %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	if di, _ := os.Stat(filepath.Dir(presets.ConfigPath())); di.Mode().Perm() != 0o700 {
		t.Errorf("config dir mode %v, want 0700", di.Mode().Perm())
	}
	for _, w := range []string{"Welcome to cocvm", "No JD Cloud credentials were found", presets.ConfigPath(), "Saved profile \"default\""} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("output lacks %q:\n%s", w, out.String())
		}
	}
}

func TestSetupKeysCheckedAgainstSandbox(t *testing.T) {
	home := isolateDirs(t)
	run := startTestSandbox(t)
	good := apiclient.Credentials{AccessKey: run.AccessKey, SecretKey: run.SecretKey}
	bad := apiclient.Credentials{AccessKey: run.AccessKey, SecretKey: "SKTEST-wrong-secret-9876543210"}
	env, out, errOut := setupEnv(map[string]string{"HOME": home})
	env.Flags.Endpoint = run.URL
	env.Flags.Profile = "work"

	// Wrong secret first: the check says so, and the person enters them again.
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodKeys}, keyList: []apiclient.Credentials{bad, good}, after: []afterCheck{checkReenter}}
	p, err := newSetupFlow(env, ask, false).run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "The keys do not work") || !strings.Contains(text, "sign result is not same") {
		t.Errorf("a wrong secret should be reported plainly with the gateway's message:\n%s", text)
	}
	if !strings.Contains(text, "✓ The keys work") {
		t.Errorf("good keys should be confirmed:\n%s", text)
	}
	if len(ask.keysPrefill) != 2 || ask.keysPrefill[1] != run.AccessKey {
		t.Errorf("re-entering should keep the access key; prefills %q", ask.keysPrefill)
	}
	// The gateway blamed the secret: only the secret is asked again.
	if len(ask.secretWrong) != 1 || !ask.secretWrong[0] || len(ask.secretOnly) != 2 || ask.secretOnly[0] || !ask.secretOnly[1] {
		t.Errorf("secretWrong %v, secretOnly %v; want [true], [false true]", ask.secretWrong, ask.secretOnly)
	}
	if p.Name != "work" || p.AccessKey != good.AccessKey || p.SecretKey != good.SecretKey || p.Endpoint != run.URL || p.Sandbox {
		t.Errorf("saved %v", p)
	}
	cfg := loadSavedConfig(t)
	if cfg.Current != "work" {
		t.Errorf("current profile %q, want work", cfg.Current)
	}
	if strings.Contains(text+errOut.String(), good.SecretKey) || strings.Contains(text+errOut.String(), bad.SecretKey) {
		t.Error("a secret key reached the output")
	}
	if !strings.Contains(text, "cocvm --profile work") {
		t.Errorf("the next command should name the profile:\n%s", text)
	}
}

func TestSetupBadKeysSaveAnywayOrCancel(t *testing.T) {
	home := isolateDirs(t)
	run := startTestSandbox(t)
	bad := apiclient.Credentials{AccessKey: "AKUNKNOWN00000000000000000000000", SecretKey: "whatever-secret-value"}

	env, out, _ := setupEnv(map[string]string{"HOME": home, "COCVM_ENDPOINT": run.URL})
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodKeys}, keyList: []apiclient.Credentials{bad}, after: []afterCheck{checkCancel}}
	_, err := newSetupFlow(env, ask, false).run(context.Background())
	if !errors.Is(err, errSetupAborted) {
		t.Fatalf("cancel after a failed check: err %v", err)
	}
	if !strings.Contains(out.String(), "Invalid accessKey") {
		t.Errorf("an unknown access key should be reported with the gateway's message:\n%s", out.String())
	}
	if _, err := os.Stat(presets.ConfigPath()); !os.IsNotExist(err) {
		t.Error("a cancelled setup wrote the config")
	}

	env, _, _ = setupEnv(map[string]string{"HOME": home, "COCVM_ENDPOINT": run.URL})
	ask = &scriptedAsker{t: t, methods: []setupMethod{methodKeys}, keyList: []apiclient.Credentials{bad}, after: []afterCheck{checkSaveAnyway}}
	p, err := newSetupFlow(env, ask, false).run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if p.AccessKey != bad.AccessKey || loadSavedConfig(t).Profiles["default"].SecretKey != bad.SecretKey {
		t.Error("save anyway did not save the keys")
	}
	if p.Endpoint != "" {
		t.Errorf("COCVM_ENDPOINT from the environment was saved into the profile: %q", p.Endpoint)
	}
}

func TestSetupKeepsSavedSecret(t *testing.T) {
	home := isolateDirs(t)
	run := startTestSandbox(t)
	cfg := presets.Config{Current: "default"}
	cfg.SetProfile(presets.Profile{Name: "default", AccessKey: run.AccessKey, SecretKey: run.SecretKey, Region: "ap-thailand-11", Zone: "ap-thailand-11c", Endpoint: run.URL})
	if err := presets.SaveConfig(presets.ConfigPath(), cfg); err != nil {
		t.Fatal(err)
	}
	env, _, _ := setupEnv(map[string]string{"HOME": home})
	// An empty secret for the same access key keeps the saved one.
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodKeys}, keyList: []apiclient.Credentials{{AccessKey: run.AccessKey}}}
	p, err := newSetupFlow(env, ask, false).run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ask.methodDefault != methodKeys {
		t.Error("with keys saved, entering keys should be preselected, not the sandbox")
	}
	if len(ask.keepFor) != 1 || ask.keepFor[0] != run.AccessKey {
		t.Errorf("keepFor = %q", ask.keepFor)
	}
	if p.SecretKey != run.SecretKey || p.Region != "ap-thailand-11" || p.Zone != "ap-thailand-11c" || p.Endpoint != run.URL {
		t.Errorf("re-running setup lost what was saved: %v", p)
	}
}

func TestSetupImportsJDCloudCLIProfile(t *testing.T) {
	home := isolateDirs(t)
	run := startTestSandbox(t)
	hostPort := strings.TrimPrefix(run.URL, "http://")
	jdc := "[default]\naccess_key = " + run.AccessKey + "\nsecret_key = " + run.SecretKey +
		"\nregion_id = ap-singapore-11\nendpoint = " + hostPort + "\nscheme = http\ntimeout = 20\n"
	if err := os.MkdirAll(filepath.Join(home, ".jdc"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".jdc", "config"), []byte(jdc), 0o600); err != nil {
		t.Fatal(err)
	}
	env, out, _ := setupEnv(map[string]string{"HOME": home})
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodJDC}}
	p, err := newSetupFlow(env, ask, true).run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ask.jdcOffered == nil || ask.jdcOffered.Name != "default" {
		t.Fatalf("the JD Cloud CLI profile was not offered: %v", ask.jdcOffered)
	}
	if p.AccessKey != run.AccessKey || p.SecretKey != run.SecretKey || p.Endpoint != run.URL || p.Region != "ap-singapore-11" {
		t.Errorf("imported %v", p)
	}
	if !strings.Contains(out.String(), "✓ The keys work") {
		t.Errorf("imported keys should be checked too:\n%s", out.String())
	}
}

func TestSetupRefusesCorruptConfig(t *testing.T) {
	home := isolateDirs(t)
	path := presets.ConfigPath()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	corrupt := []byte("current = \"default\"\n[profiles.default\nsecret_key = \"s3cr3t-value\"\n")
	if err := os.WriteFile(path, corrupt, 0o600); err != nil {
		t.Fatal(err)
	}
	env, _, _ := setupEnv(map[string]string{"HOME": home})
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodSandbox}}
	_, err := newSetupFlow(env, ask, false).run(context.Background())
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("want an error naming %s, got %v", path, err)
	}
	if strings.Contains(err.Error(), "s3cr3t-value") {
		t.Error("the error quotes the secret")
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, corrupt) {
		t.Error("the corrupt config was rewritten")
	}
}

// TestSetupWithoutTerminal: `cocvm setup </dev/null` exits 2 (usage: it
// needs a terminal), as the wizard does in the same situation, and says
// what fits: credentials already found (which, where from, never the
// secret; setup is only needed to change them), or every way to give them.
func TestSetupWithoutTerminal(t *testing.T) {
	const ak, sk = "AKFOUND000000000000000000000000A", "SK-never-printed-0123456789"
	writeConfig := func(t *testing.T, p presets.Profile) {
		t.Helper()
		cfg := presets.Config{Current: p.Name}
		cfg.SetProfile(p)
		if err := presets.SaveConfig(presets.ConfigPath(), cfg); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		arrange func(t *testing.T, home string) map[string]string // returns the environment
		args    []string
		want    []string
		notWant []string
	}{
		{
			name:    "none found",
			arrange: func(t *testing.T, home string) map[string]string { return map[string]string{"HOME": home} },
			want: []string{"setup needs a terminal", "--accessible", "No JD Cloud credentials were found",
				"JDCLOUD_ACCESS_KEY", "--access-key", "{config}", "~/.jdc/config", "--sandbox"},
			notWant: []string{"already set up"},
		},
		{
			name: "environment",
			arrange: func(t *testing.T, home string) map[string]string {
				return map[string]string{"HOME": home, "JDCLOUD_ACCESS_KEY": ak, "JDCLOUD_SECRET_KEY": sk}
			},
			want: []string{"credentials are already set up: access key " + ak + ", from environment (JDCLOUD_ACCESS_KEY)",
				"To change them, setup needs a terminal", "--accessible"},
			notWant: []string{"No JD Cloud credentials were found"},
		},
		{
			name: "cocvm's profile",
			arrange: func(t *testing.T, home string) map[string]string {
				writeConfig(t, presets.Profile{Name: "work", AccessKey: ak, SecretKey: sk, Region: "cn-hongkong-11"})
				return map[string]string{"HOME": home}
			},
			want:    []string{"access key " + ak + ", from profile work in {config}", "To change them, setup needs a terminal"},
			notWant: []string{"No JD Cloud credentials were found"},
		},
		{
			name: "sandbox profile",
			arrange: func(t *testing.T, home string) map[string]string {
				writeConfig(t, presets.Profile{Name: "default", Sandbox: true, Region: "cn-hongkong-11"})
				return map[string]string{"HOME": home}
			},
			want:    []string{"credentials are already set up: the built-in sandbox, from profile default (sandbox)", "To change them"},
			notWant: []string{"No JD Cloud credentials were found"},
		},
		{
			name: "JD Cloud CLI profile",
			arrange: func(t *testing.T, home string) map[string]string {
				if err := os.MkdirAll(filepath.Join(home, ".jdc"), 0o700); err != nil {
					t.Fatal(err)
				}
				jdc := "[default]\naccess_key = " + ak + "\nsecret_key = " + sk + "\nregion_id = cn-hongkong-11\n"
				if err := os.WriteFile(filepath.Join(home, ".jdc", "config"), []byte(jdc), 0o600); err != nil {
					t.Fatal(err)
				}
				return map[string]string{"HOME": home}
			},
			want:    []string{"access key " + ak + ", from JD Cloud CLI profile default", "To change them"},
			notWant: []string{"No JD Cloud credentials were found"},
		},
		{
			name:    "flags",
			arrange: func(t *testing.T, home string) map[string]string { return map[string]string{"HOME": home} },
			args:    []string{"--access-key", ak, "--secret-key", sk},
			want:    []string{"access key " + ak + ", from the --access-key and --secret-key flags", "To change them"},
		},
		{
			name:    "a profile that does not exist yet",
			arrange: func(t *testing.T, home string) map[string]string { return map[string]string{"HOME": home} },
			args:    []string{"--profile", "staging"},
			want:    []string{"setup needs a terminal", `no profile named "staging"`},
			notWant: []string{"already set up"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := isolateDirs(t)
			env := tt.arrange(t, home)
			before, _ := os.ReadFile(presets.ConfigPath())
			setup := execCocvm(t, cliOpts{env: env}, append(tt.args, "setup")...)
			wizard := execCocvm(t, cliOpts{env: env}, tt.args...)
			if setup.code != ExitUsage || wizard.code != setup.code {
				t.Errorf("setup exits %d, the wizard %d; want both %d", setup.code, wizard.code, ExitUsage)
			}
			for _, w := range tt.want {
				w = strings.ReplaceAll(w, "{config}", presets.ConfigPath())
				if !strings.Contains(setup.err, w) {
					t.Errorf("stderr lacks %q:\n%s", w, setup.err)
				}
			}
			for _, w := range append(tt.notWant, sk) {
				if strings.Contains(setup.err+setup.out, w) {
					t.Errorf("output has %q:\n%s", w, setup.err)
				}
			}
			if setup.out != "" {
				t.Errorf("stdout %q", setup.out)
			}
			if after, _ := os.ReadFile(presets.ConfigPath()); !bytes.Equal(before, after) {
				t.Error("setup without a terminal changed the config")
			}
		})
	}
	env, _, _ := setupEnv(nil)
	if _, err := runSetup(context.Background(), env, true); !errors.Is(err, errSetupNeedsTerminal) {
		t.Errorf("runSetup without a terminal: %v", err)
	}
}

// The accessible prompts are huh's own; these drive them through the whole
// command with a pipe for input.
func TestSetupAccessibleSandboxDefaults(t *testing.T) {
	home := isolateDirs(t)
	r := execCocvm(t, cliOpts{stdin: "\n\n\n", env: map[string]string{"HOME": home}}, "--accessible", "setup")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", r.code, r.err, r.out)
	}
	for _, w := range []string{"1. Try the sandbox (no account needed)", "2. Enter an access key and secret", "Default region", "Saved profile"} {
		if !strings.Contains(r.out, w) {
			t.Errorf("stdout lacks %q:\n%s", w, r.out)
		}
	}
	if strings.Contains(r.out, "JD Cloud CLI") {
		t.Error("import offered without ~/.jdc/config")
	}
	p, ok := loadSavedConfig(t).Profile("")
	first := apiclient.Regions()[0]
	if !ok || !p.Sandbox || p.Region != first.ID || p.Zone != first.Zones[0] {
		t.Errorf("saved %v", p)
	}
}

func TestSetupAccessibleKeys(t *testing.T) {
	home := isolateDirs(t)
	run := startTestSandbox(t)
	// Keys, access key, secret, second region, its second zone.
	in := "2\n" + run.AccessKey + "\n" + run.SecretKey + "\n2\n2\n"
	r := execCocvm(t, cliOpts{stdin: in, env: map[string]string{"HOME": home}}, "--accessible", "--endpoint", run.URL, "setup")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", r.code, r.err, r.out)
	}
	if strings.Contains(r.out+r.err, run.SecretKey) {
		t.Error("the secret key reached the output")
	}
	if !strings.Contains(r.out, "The keys work") {
		t.Errorf("no confirmation:\n%s", r.out)
	}
	p, _ := loadSavedConfig(t).Profile("")
	r2 := apiclient.Regions()[1]
	if p.AccessKey != run.AccessKey || p.SecretKey != run.SecretKey || p.Region != r2.ID || p.Zone != r2.Zones[1] {
		t.Errorf("saved %v", p)
	}
}

func TestSetupAccessibleInputEnds(t *testing.T) {
	home := isolateDirs(t)
	r := execCocvm(t, cliOpts{stdin: "2\n", env: map[string]string{"HOME": home}}, "--accessible", "setup")
	if r.code != ExitFailed || !strings.Contains(r.err, "nothing was saved") {
		t.Errorf("exit %d, stderr %q", r.code, r.err)
	}
	if _, err := os.Stat(presets.ConfigPath()); !os.IsNotExist(err) {
		t.Error("setup saved although the input ended")
	}
}

func TestSetupInterruptedExits130(t *testing.T) {
	home := isolateDirs(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := execCocvm(t, cliOpts{ctx: ctx, stdin: "\n\n\n", env: map[string]string{"HOME": home}}, "--accessible", "setup")
	if r.code != ExitInterrupted {
		t.Errorf("exit %d, want %d (stderr %q)", r.code, ExitInterrupted, r.err)
	}
	if _, err := os.Stat(presets.ConfigPath()); !os.IsNotExist(err) {
		t.Error("an interrupted setup saved")
	}
	env, _, _ := setupEnv(map[string]string{"HOME": home})
	env.Flags.Accessible = true
	_, err := runSetup(ctx, env, true)
	if !errors.Is(err, errSetupAborted) {
		t.Errorf("runSetup error %v does not wrap errSetupAborted", err)
	}
}

func TestLineReaderOneLinePerRead(t *testing.T) {
	lr := &lineReader{r: bufio.NewReader(strings.NewReader("a\nbb\n"))}
	buf := make([]byte, 64)
	n, _ := lr.Read(buf)
	if string(buf[:n]) != "a\n" {
		t.Errorf("first read %q", buf[:n])
	}
	lr.mark()
	n, _ = lr.Read(buf)
	if string(buf[:n]) != "bb\n" || lr.endedSinceMark() {
		t.Errorf("second read %q", buf[:n])
	}
	lr.mark()
	if n, err := lr.Read(buf); n != 0 || err == nil || !lr.endedSinceMark() {
		t.Errorf("at the end: n %d, err %v, ended %v", n, err, lr.endedSinceMark())
	}
}
