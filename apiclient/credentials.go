package apiclient

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gopkg.in/ini.v1"
)

// Environment variables holding credentials (the pair JD Cloud's Packer
// builder reads).
const (
	EnvAccessKey = "JDCLOUD_ACCESS_KEY"
	EnvSecretKey = "JDCLOUD_SECRET_KEY"
)

// Credentials is a JD Cloud access key pair. Its String and GoString methods
// mask the secret key, so printing one by accident leaks nothing.
type Credentials struct {
	AccessKey string
	SecretKey string
}

// String shows the access key and masks the secret key.
func (c Credentials) String() string {
	return fmt.Sprintf("{AccessKey:%s SecretKey:%s}", c.AccessKey, mask(c.SecretKey))
}

// GoString masks the secret key for %#v too.
func (c Credentials) GoString() string {
	return fmt.Sprintf("apiclient.Credentials{AccessKey:%q, SecretKey:%q}", c.AccessKey, mask(c.SecretKey))
}

// Complete reports whether both keys are set.
func (c Credentials) Complete() bool { return c.AccessKey != "" && c.SecretKey != "" }

func mask(secret string) string {
	if secret == "" {
		return ""
	}
	return "********"
}

// JDCProfile is one profile of JD Cloud CLI's ~/.jdc/config. Fields the file
// leaves out stay empty or zero; the CLI's own defaults are region
// cn-north-1, endpoint www.jdcloud-api.com, scheme https and 20 s, which are
// not COC-VM defaults, so they are not filled in here.
type JDCProfile struct {
	Name        string
	Path        string // the config file read
	Credentials Credentials
	RegionID    string
	Endpoint    string // host, or host:port, as jdc stores it
	Scheme      string // "http" or "https"
	Timeout     time.Duration
}

// EndpointURL is the profile's endpoint as a base URL (scheme + host), or ""
// when the profile names no endpoint.
func (p JDCProfile) EndpointURL() string {
	if p.Endpoint == "" {
		return ""
	}
	if strings.Contains(p.Endpoint, "://") {
		return p.Endpoint
	}
	scheme := p.Scheme
	if scheme == "" {
		scheme = "https"
	}
	return scheme + "://" + p.Endpoint
}

// ErrProfileNotFound is wrapped by LoadJDCProfile when the config file exists
// but has no section of the requested name.
var ErrProfileNotFound = Errorf("profile not found")

// LoadJDCProfile reads one profile of home/.jdc/config. profile "" means the
// name in home/.jdc/current, or "default" when that file is absent or empty.
// A missing config file gives an error wrapping fs.ErrNotExist. Errors never
// quote the file's contents, so they cannot carry the secret key.
func LoadJDCProfile(home, profile string) (JDCProfile, error) {
	dir := filepath.Join(home, ".jdc")
	if profile == "" {
		profile = "default"
		if data, err := os.ReadFile(filepath.Join(dir, "current")); err == nil {
			if name := strings.TrimSpace(string(data)); name != "" {
				profile = name
			}
		}
	}
	path := filepath.Join(dir, "config")
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return JDCProfile{}, Errorf("JD Cloud CLI config %s: %v", path, fs.ErrNotExist)
		}
		return JDCProfile{}, Errorf("read JD Cloud CLI config: %v", err)
	}
	f, err := ini.LoadSources(ini.LoadOptions{InsensitiveKeys: true}, data)
	if err != nil {
		// ini's messages quote the offending line, which may be the secret.
		return JDCProfile{}, Errorf("JD Cloud CLI config %s is not a valid INI file", path)
	}
	sec, err := f.GetSection(profile)
	if err != nil {
		names := profileNames(f)
		if len(names) == 0 {
			return JDCProfile{}, Errorf("JD Cloud CLI config %s: %v: %q (profiles: none)", path, ErrProfileNotFound, profile)
		}
		return JDCProfile{}, Errorf("JD Cloud CLI config %s: %v: %q (profiles: %s)",
			path, ErrProfileNotFound, profile, strings.Join(names, ", "))
	}
	p := JDCProfile{
		Name: profile,
		Path: path,
		Credentials: Credentials{
			AccessKey: strings.TrimSpace(sec.Key("access_key").String()),
			SecretKey: strings.TrimSpace(sec.Key("secret_key").String()),
		},
		RegionID: strings.TrimSpace(sec.Key("region_id").String()),
		Endpoint: strings.TrimSpace(sec.Key("endpoint").String()),
		Scheme:   strings.ToLower(strings.TrimSpace(sec.Key("scheme").String())),
	}
	switch ak, sk := p.Credentials.AccessKey == "", p.Credentials.SecretKey == ""; {
	case ak && sk:
		return p, Errorf("JD Cloud CLI config %s, profile %q: %s and %s not set", path, profile, "access_key", "secret_key")
	case ak:
		return p, Errorf("JD Cloud CLI config %s, profile %q: %s not set", path, profile, "access_key")
	case sk:
		return p, Errorf("JD Cloud CLI config %s, profile %q: %s not set", path, profile, "secret_key")
	}
	if p.Scheme != "" && p.Scheme != "http" && p.Scheme != "https" {
		return p, Errorf("JD Cloud CLI config %s, profile %q: scheme %q is neither http nor https", path, profile, p.Scheme)
	}
	if t := strings.TrimSpace(sec.Key("timeout").String()); t != "" {
		secs, err := strconv.Atoi(t)
		if err != nil || secs < 0 {
			return p, Errorf("JD Cloud CLI config %s, profile %q: timeout %q is not a number of seconds", path, profile, t)
		}
		p.Timeout = time.Duration(secs) * time.Second
	}
	return p, nil
}

func profileNames(f *ini.File) []string {
	var names []string
	for _, s := range f.Sections() {
		if s.Name() != ini.DefaultSection {
			names = append(names, s.Name())
		}
	}
	return names
}
