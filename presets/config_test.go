package presets

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

func sampleConfig() Config {
	return Config{
		Current: "work",
		Profiles: map[string]Profile{
			"work":    {Name: "work", AccessKey: "AKWORK123", SecretKey: "SKsecret-w0rk-value", Region: "cn-north-1", Zone: "cn-north-1a"},
			"sandbox": {Name: "sandbox", Sandbox: true, Region: "cn-hongkong-11", Zone: "cn-hongkong-11a"},
			"odd name": {Name: "odd name", AccessKey: "AK2", SecretKey: "SK\"with\\escapes\n", Region: "r",
				Endpoint: "http://127.0.0.1:8089"},
		},
	}
}

func TestConfigRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cocvm", "config.toml")
	c := sampleConfig()
	if err := SaveConfig(path, c); err != nil {
		t.Fatal(err)
	}
	got, warnings, err := LoadConfig(path)
	if err != nil || len(warnings) != 0 {
		t.Fatalf("LoadConfig = %v, %v", warnings, err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, c)
	}
}

func TestLoadConfigMissingIsEmpty(t *testing.T) {
	c, warnings, err := LoadConfig(filepath.Join(t.TempDir(), "nope", "config.toml"))
	if err != nil || warnings != nil || c.Current != "" || c.Profiles != nil {
		t.Errorf("LoadConfig(missing) = %+v, %v, %v", c, warnings, err)
	}
	if _, ok := c.Profile(""); ok {
		t.Error("an empty config has a profile")
	}
}

func TestConfigPermissions(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no POSIX modes")
	}
	dir := filepath.Join(t.TempDir(), "cocvm")
	path := filepath.Join(dir, "config.toml")
	if err := SaveConfig(path, sampleConfig()); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, _ := os.Stat(p)
		if fi.Mode().Perm() != want {
			t.Errorf("%s mode = %04o, want %04o", p, fi.Mode().Perm(), want)
		}
	}

	// Someone widens both: loading still works and warns about each.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	c, warnings, err := LoadConfig(path)
	if err != nil {
		t.Fatalf("a wide mode must not be an error: %v", err)
	}
	if _, ok := c.Profile("work"); !ok {
		t.Error("profiles not loaded")
	}
	all := strings.Join(english(warnings), "\n")
	if len(warnings) != 2 || !strings.Contains(all, "mode 0644") || !strings.Contains(all, "chmod 600 "+path) ||
		!strings.Contains(all, "mode 0755") || !strings.Contains(all, "chmod 700 "+dir) {
		t.Errorf("warnings = %q", warnings)
	}
	if strings.Contains(all, "SKsecret") {
		t.Error("a warning holds the secret")
	}
	// Saving again makes the file 0600 (the existing directory is left alone).
	if err := SaveConfig(path, c); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("resaved mode = %04o", fi.Mode().Perm())
	}
}

func TestConfigProfileLookup(t *testing.T) {
	c := sampleConfig()
	if p, ok := c.Profile(""); !ok || p.Name != "work" || p.AccessKey != "AKWORK123" {
		t.Errorf(`Profile("") = %+v, %v; want current "work"`, p, ok)
	}
	if p, ok := c.Profile("sandbox"); !ok || !p.Sandbox || p.Name != "sandbox" {
		t.Errorf("Profile(sandbox) = %+v, %v", p, ok)
	}
	if _, ok := c.Profile("missing"); ok {
		t.Error("found a missing profile")
	}
	c.Current = ""
	if _, ok := c.Profile(""); ok {
		t.Error("no current, no default, several profiles: nothing should be chosen")
	}
	c.SetProfile(Profile{Name: DefaultProfile, Region: "r"})
	if p, ok := c.Profile(""); !ok || p.Name != DefaultProfile {
		t.Errorf(`Profile("") without current = %+v, want "default"`, p)
	}
	one := Config{Profiles: map[string]Profile{"only": {Region: "r"}}}
	if p, ok := one.Profile(""); !ok || p.Name != "only" {
		t.Errorf("sole profile not chosen: %+v", p)
	}
	if got := c.ProfileNames(); strings.Join(got, ",") != "default,odd name,sandbox,work" {
		t.Errorf("ProfileNames = %v", got)
	}
}

func TestProfilePrintingMasksSecret(t *testing.T) {
	c := sampleConfig()
	p, _ := c.Profile("work")
	for _, s := range []string{fmt.Sprint(p), fmt.Sprintf("%+v", p), fmt.Sprintf("%#v", p), fmt.Sprintf("%v", c), fmt.Sprintf("%+v", c)} {
		if strings.Contains(s, "SKsecret") {
			t.Errorf("printed profile holds the secret: %s", s)
		}
	}
	if !strings.Contains(fmt.Sprint(p), "AKWORK123") || !strings.Contains(fmt.Sprint(p), "********") {
		t.Errorf("String = %s", p)
	}
}

func TestCorruptConfigErrorsNameLineAndNeverTheSecret(t *testing.T) {
	const secret = "SKsecret-w0rk-value"
	cases := []struct {
		name, file string
		line       int
		want       string
	}{
		{"unterminated", "current = \"work\"\n[profiles.work]\nsecret_key = \"" + secret + "\n", 3, "not valid TOML"},
		{"bad escape", "[profiles.work]\nsecret_key = \"SKsecret\\qw0rk-value\"\n", 2, "invalid escape character"},
		{"unquoted", "[profiles.work]\nsecret_key = " + secret + "\n", 2, "not valid TOML"},
		{"digits", "[profiles.work]\nsecret_key = 98765432109876543210987654321\n", 2, "not valid TOML"},
		{"wrong type", "[profiles.work]\nsecret_key = 12345\n", 2, `"profiles.work.secret_key" must be a string`},
		{"unknown key", "[profiles.work]\nsecret_key = \"" + secret + "\"\nsecretkey = \"" + secret + "\"\n", 3, `unknown key "secretkey" in [profiles.work] (did you mean "secret_key"?)`},
		{"unknown top", "current = \"w\"\nprofile = \"x\"\n", 2, `unknown key "profile"`},
		{"profiles not a table", "profiles = 3\n", 1, `"profiles" must be a table`},
		{"empty profile name", "[profiles.\"\"]\nregion = \"r\"\n", 1, "needs a name"},
		{"control in profile name", "[profiles.ok]\nregion = \"r\"\n\n[profiles.\"a\\u0001\"]\nregion = \"r\"\n", 4, "needs a name"},
		{"float out of range", "[profiles.work]\nsecret_key = 98765e99999\n", 2, "not valid TOML"},
		{"key differing in case", "[profiles.work]\nSecret_Key = \"" + secret + "\"\n", 2, `unknown key "Secret_Key" in [profiles.work] (did you mean "secret_key"?)`},
		{"unquoted in inline table", "profiles = {work = {secret_key = " + secret + "}}\n", 1, "not valid TOML"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.toml")
			if err := os.WriteFile(path, []byte(c.file), 0o600); err != nil {
				t.Fatal(err)
			}
			_, _, err := LoadConfig(path)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want *FileError", err)
			}
			if fe.Path != path || fe.Line != c.line {
				t.Errorf("error %q: want %s line %d", err, path, c.line)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "leaves the file as it is") {
				t.Errorf("error %q lacks %q or what to do", err, c.want)
			}
			for _, frag := range []string{"SKsecret", "w0rk", "98765", "'q'", `\q`} {
				if strings.Contains(err.Error(), frag) {
					t.Errorf("error %q quotes part of the secret (%q)", err, frag)
				}
			}
			if b, _ := os.ReadFile(path); string(b) != c.file {
				t.Error("the corrupt config was rewritten")
			}
		})
	}
}

func TestSaveConfigRefusesEmptyProfileName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	err := SaveConfig(path, Config{Profiles: map[string]Profile{"": {SecretKey: "SKsecret"}}})
	if err == nil || strings.Contains(err.Error(), "SKsecret") {
		t.Errorf("err = %v", err)
	}
	if _, serr := os.Stat(path); serr == nil {
		t.Error("a file was written")
	}
}

func TestPathsFollowXDGAtCallTime(t *testing.T) {
	cfg, state := t.TempDir(), t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("XDG_STATE_HOME", state)
	if ConfigPath() != filepath.Join(cfg, "cocvm", "config.toml") ||
		DefaultStore().Dir != filepath.Join(cfg, "cocvm", "presets") ||
		JournalPath() != filepath.Join(state, "cocvm", "journal.jsonl") {
		t.Errorf("paths = %s %s %s", ConfigPath(), DefaultStore().Dir, JournalPath())
	}
	// A relative value is not a valid XDG base directory and is ignored.
	t.Setenv("XDG_CONFIG_HOME", "relative/dir")
	if strings.HasPrefix(ConfigDir(), "relative") {
		t.Errorf("relative XDG_CONFIG_HOME used: %s", ConfigDir())
	}
}

// The language and the API budget are kept, and a negative budget is
// refused with its line.
func TestConfigLanguageAndBudget(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	c := Config{Language: "zh", CallsPerSecond: 2.5}
	c.SetProfile(Profile{Name: "default", Sandbox: true})
	if err := SaveConfig(path, c); err != nil {
		t.Fatal(err)
	}
	got, _, err := LoadConfig(path)
	if err != nil || got.Language != "zh" || got.CallsPerSecond != 2.5 {
		t.Fatalf("LoadConfig = %+v, %v", got, err)
	}
	if err := os.WriteFile(path, []byte("current = 'default'\ncalls_per_second = -1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadConfig(path); err == nil || !strings.Contains(err.Error(), "config.toml:2:") || !strings.Contains(err.Error(), "calls_per_second") {
		t.Fatalf("a negative budget: %v", err)
	}
}

// english is the English of warnings.
func english(warnings []apiclient.Text) []string {
	out := make([]string, len(warnings))
	for i, w := range warnings {
		out[i] = w.String()
	}
	return out
}
