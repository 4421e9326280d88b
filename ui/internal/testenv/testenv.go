// Package testenv is what the command line's tests and the setup's tests
// both need: empty directories for cocvm's files, a sandbox with known
// keys, and the config file as saved. Only tests import it.
package testenv

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/presets"
)

// The keys StartSandbox's sandbox accepts.
const (
	AccessKey = "AKTEST0000000000000000000000000A"
	SecretKey = "SKTEST-the-real-secret-0123456789"
)

// IsolateDirs points cocvm's XDG directories and HOME into a fresh
// temporary directory. presets reads XDG_* at call time, so t.Setenv works
// even though adrg/xdg caches them at start.
func IsolateDirs(t *testing.T) (home string) {
	t.Helper()
	root := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(root, "state"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(root, "cache"))
	home = filepath.Join(root, "home")
	if err := os.MkdirAll(home, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	return home
}

// StartSandbox runs an in-process sandbox with known keys whose instances
// boot at once.
func StartSandbox(t *testing.T) *sandbox.Running {
	t.Helper()
	run, err := sandbox.Start(context.Background(), sandbox.Options{
		AccessKey: AccessKey,
		SecretKey: SecretKey,
		BootMax:   sandbox.InstantBoot,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	return run
}

// SavedConfig is config.toml as it is now.
func SavedConfig(t *testing.T) presets.Config {
	t.Helper()
	cfg, _, err := presets.LoadConfig(presets.ConfigPath())
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}
