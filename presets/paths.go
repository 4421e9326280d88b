package presets

import (
	"os"
	"path/filepath"

	"github.com/adrg/xdg"
)

// appDir is the directory name cocvm uses under the XDG base directories.
const appDir = "cocvm"

// ConfigDir is $XDG_CONFIG_HOME/cocvm. The environment is read at call time
// (adrg/xdg reads it once at program start), so a variable set later, as
// tests do, is honoured; a relative value is ignored as the XDG spec says,
// falling back to the platform default (~/.config on Linux).
func ConfigDir() string {
	return filepath.Join(baseDir("XDG_CONFIG_HOME", xdg.ConfigHome), appDir)
}

// StateDir is $XDG_STATE_HOME/cocvm (~/.local/state/cocvm on Linux), read at
// call time like ConfigDir.
func StateDir() string {
	return filepath.Join(baseDir("XDG_STATE_HOME", xdg.StateHome), appDir)
}

// ConfigPath is the configuration file: $XDG_CONFIG_HOME/cocvm/config.toml.
func ConfigPath() string { return filepath.Join(ConfigDir(), "config.toml") }

// PresetsDir is where presets live: $XDG_CONFIG_HOME/cocvm/presets.
func PresetsDir() string { return filepath.Join(ConfigDir(), "presets") }

// JournalPath is the request journal: $XDG_STATE_HOME/cocvm/journal.jsonl.
func JournalPath() string { return filepath.Join(StateDir(), "journal.jsonl") }

func baseDir(env, fallback string) string {
	if v := os.Getenv(env); v != "" && filepath.IsAbs(v) {
		return v
	}
	return fallback
}

// File modes: everything cocvm writes is private to the user. Presets and the
// journal hold no secret, but they do name a person's infrastructure.
const (
	dirMode  = 0o700
	fileMode = 0o600
)

// ensureDir creates dir (and parents) with mode 0700.
func ensureDir(dir string) error {
	return os.MkdirAll(dir, dirMode)
}
