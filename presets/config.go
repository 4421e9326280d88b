package presets

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cocvm/cocvm/apiclient"
)

// DefaultProfile is the profile used when none is named and the config names
// no current one.
const DefaultProfile = "default"

// Config is config.toml: credential profiles and which one is current. It is
// the only file cocvm writes that may hold a secret (the secret key), which
// is why it is kept at mode 0600 in a 0700 directory.
type Config struct {
	// Current is the profile used when --profile is not given.
	Current string
	// Language is the language cocvm speaks ("zh" or "en"); empty means
	// the locale decides.
	Language string
	// CallsPerSecond is the API budget cocvm allows itself in a region;
	// 0 means the default.
	CallsPerSecond float64
	// Profiles by name. The map key is the name; Profile.Name is filled in
	// on load and by Profile, and ignored on save.
	Profiles map[string]Profile
}

// Profile is one set of credentials and defaults.
type Profile struct {
	Name      string
	AccessKey string
	SecretKey string
	// Region and Zone are the defaults the wizard starts from.
	Region string
	Zone   string
	// Endpoint overrides the API endpoint (empty means JD Cloud's).
	Endpoint string
	// Sandbox means this profile talks to the built-in sandbox; access key,
	// secret key and endpoint are then not needed.
	Sandbox bool
}

// String shows the profile with the secret key masked, so printing a
// profile (or a Config holding it) with %v or %+v cannot leak the secret.
func (p Profile) String() string {
	return fmt.Sprintf("{Name:%s AccessKey:%s SecretKey:%s Region:%s Zone:%s Endpoint:%s Sandbox:%t}",
		p.Name, p.AccessKey, maskSecret(p.SecretKey), p.Region, p.Zone, p.Endpoint, p.Sandbox)
}

// GoString is String for %#v.
func (p Profile) GoString() string { return "presets.Profile" + p.String() }

func maskSecret(s string) string {
	if s == "" {
		return ""
	}
	return "********"
}

// Profile looks a profile up by name. The empty name means the current
// profile; when the config names none, the one called "default", or else
// the only profile there is. The returned profile has Name set.
func (c Config) Profile(name string) (Profile, bool) {
	if name == "" {
		name = c.Current
	}
	if name == "" {
		if _, ok := c.Profiles[DefaultProfile]; ok {
			name = DefaultProfile
		} else if len(c.Profiles) == 1 {
			for n := range c.Profiles {
				name = n
			}
		}
	}
	p, ok := c.Profiles[name]
	if !ok {
		return Profile{}, false
	}
	p.Name = name
	return p, true
}

// ProfileNames lists the profiles, sorted.
func (c Config) ProfileNames() []string {
	names := make([]string, 0, len(c.Profiles))
	for n := range c.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// SetProfile adds or replaces the profile called p.Name.
func (c *Config) SetProfile(p Profile) {
	if c.Profiles == nil {
		c.Profiles = map[string]Profile{}
	}
	c.Profiles[p.Name] = p
}

// LoadConfig reads config.toml. A missing file is an empty config and no
// error. A file or directory that others may read gives a warning, not an
// error. A corrupt file gives a *FileError naming the line; the file is never
// rewritten because of it, and no error quotes a value from it.
func LoadConfig(path string) (Config, []apiclient.Text, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Config{}, nil, nil
	}
	if err != nil {
		return Config{}, nil, apiclient.Errorf("reading %s: %v", path, err)
	}
	warnings := permissionWarnings(path)
	c, err := decodeConfig(path, data)
	if err != nil {
		return Config{}, warnings, err
	}
	return c, warnings, nil
}

// permissionWarnings says when the config file or its directory is open to
// other users. Windows has no such mode bits to check.
func permissionWarnings(path string) []apiclient.Text {
	if runtime.GOOS == "windows" {
		return nil
	}
	var out []apiclient.Text
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		out = append(out, apiclient.T("%s can be read by other users (mode %04o) and holds your secret key: run `chmod 600 %s`",
			path, fi.Mode().Perm(), path))
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err == nil && fi.Mode().Perm()&0o077 != 0 {
		out = append(out, apiclient.T("%s is open to other users (mode %04o): run `chmod 700 %s`",
			dir, fi.Mode().Perm(), dir))
	}
	return out
}

// SaveConfig writes c to path atomically with mode 0600, creating the
// directory with mode 0700 when it does not exist (an existing directory
// is left as it is; LoadConfig warns when it is open to others).
func SaveConfig(path string, c Config) error {
	for name := range c.Profiles {
		if !validProfileName(name) {
			return apiclient.Errorf("saving %s: profile name %q: use a non-empty name without control characters", path, name)
		}
	}
	if err := ensureDir(filepath.Dir(path)); err != nil {
		return apiclient.Errorf("saving %s: %v", path, err)
	}
	data, err := encodeConfig(c)
	if err != nil {
		return apiclient.Errorf("saving %s: %v", path, err)
	}
	return WriteFileAtomic(path, data, fileMode)
}

// validProfileName: a name is written as a TOML key, which must be UTF-8,
// and a control character in it could not be shown in a message.
func validProfileName(name string) bool {
	return name != "" && utf8.ValidString(name) && !strings.ContainsFunc(name, isControl)
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// configFile is config.toml, each key with the comment written above it.
type configFile struct {
	Current        string                  `toml:"current,omitempty" comment:"The profile used when --profile is not given."`
	Language       string                  `toml:"language,omitempty" comment:"The language cocvm speaks: zh (简体中文) or en; left out, the locale decides."`
	CallsPerSecond float64                 `toml:"calls_per_second,omitempty" comment:"API calls per second cocvm allows itself in a region (default 5)."`
	Profiles       map[string]profileTable `toml:"profiles,omitempty"`
}

type profileTable struct {
	Sandbox   bool   `toml:"sandbox,omitempty" comment:"Use the built-in sandbox instead of JD Cloud."`
	AccessKey string `toml:"access_key,omitempty" comment:"JD Cloud AccessKey ID."`
	SecretKey string `toml:"secret_key,omitempty" comment:"AccessKey secret: cocvm never prints, logs or copies it elsewhere."`
	Region    string `toml:"region" comment:"Default region, e.g. cn-north-1."`
	Zone      string `toml:"zone" comment:"Default availability zone in that region."`
	Endpoint  string `toml:"endpoint,omitempty" comment:"API endpoint instead of JD Cloud's."`
}

func encodeConfig(c Config) ([]byte, error) {
	f := configFile{Current: c.Current, Language: c.Language, CallsPerSecond: c.CallsPerSecond}
	for name, p := range c.Profiles {
		if f.Profiles == nil {
			f.Profiles = map[string]profileTable{}
		}
		f.Profiles[name] = profileTable{Sandbox: p.Sandbox, AccessKey: p.AccessKey, SecretKey: p.SecretKey,
			Region: p.Region, Zone: p.Zone, Endpoint: p.Endpoint}
	}
	return encodeTOML([]string{
		"cocvm configuration, written by `cocvm setup`; safe to edit by hand.",
		"It holds secret keys, so it must stay private: mode 0600 in a 0700",
		"directory. cocvm warns when it finds it readable by other users.",
		"",
		"Each [profiles.NAME] table may set access_key, secret_key, region, zone,",
		"endpoint, and sandbox = true (use the built-in sandbox: no account needed).",
	}, f)
}

func decodeConfig(path string, data []byte) (Config, error) {
	f := tomlFile{path: path, data: data, fix: apiclient.T("Correct that line; cocvm leaves the file as it is"), redact: true}
	if _, err := f.syntax(); err != nil {
		return Config{}, err
	}
	var cf configFile
	if err := f.decode(&cf); err != nil {
		return Config{}, err
	}
	if cf.CallsPerSecond < 0 {
		return Config{}, f.fail(f.lineOf("calls_per_second"), apiclient.T("calls_per_second must be positive (or left out for the default 5)"))
	}
	c := Config{Current: cf.Current, Language: cf.Language, CallsPerSecond: cf.CallsPerSecond}
	for name, p := range cf.Profiles {
		c.SetProfile(Profile{Name: name, AccessKey: p.AccessKey, SecretKey: p.SecretKey,
			Region: p.Region, Zone: p.Zone, Endpoint: p.Endpoint, Sandbox: p.Sandbox})
	}
	for _, name := range c.ProfileNames() {
		if !validProfileName(name) {
			return Config{}, f.fail(f.lineOf("profiles", name), apiclient.T("a profile needs a name without control characters, found %q", name))
		}
	}
	return c, nil
}
