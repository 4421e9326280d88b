package ui

import (
	"bytes"
	"context"
	"errors"
	"github.com/cocvm/cocvm/ui/internal/testenv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/setup"
)

// setupEnv is an Env over buffers whose Getenv reads vars.
func setupEnv(vars map[string]string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	env := &Env{
		IO:     &iostreams.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Getenv: func(k string) string { return vars[k] },
	}
	return env, &out, &errOut
}

// The helpers the setup's tests use too.
var (
	startTestSandbox = testenv.StartSandbox
	loadSavedConfig  = testenv.SavedConfig
)

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
	r := execCocvm(t, cliOpts{stdin: "\n\n\n\n", env: map[string]string{"HOME": home}}, "--accessible", "setup")
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
	// The language kept, keys, access key, secret, second region, its
	// second zone.
	in := "\n2\n" + run.AccessKey + "\n" + run.SecretKey + "\n2\n2\n"
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
	if !errors.Is(err, setup.ErrAborted) {
		t.Errorf("runSetup error %v does not wrap setup.ErrAborted", err)
	}
}

// A config file others can read, with no credentials in it: the wizard
// reads it, finds none, and runs the setup, which reads it again. Its
// warning is said once.
func TestSetupWarnsOnceAboutAnOpenConfig(t *testing.T) {
	home := isolateDirs(t)
	path := presets.ConfigPath()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("language = \"en\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	// The first run: no credentials, so the setup runs (the piped input
	// ends in the wizard after it).
	r := execCocvm(t, cliOpts{stdin: "\n\n\n\n", env: map[string]string{"HOME": home}}, "--accessible")
	if n := strings.Count(r.err, "warning:"); n != 1 {
		t.Errorf("the warning is said %d times, want once:\n%s", n, r.err)
	}
}
