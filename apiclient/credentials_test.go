package apiclient

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCredentialsNeverPrintTheSecret(t *testing.T) {
	c := Credentials{AccessKey: "AKVISIBLE", SecretKey: "SKHIDDEN"}
	p := JDCProfile{Name: "default", Credentials: c}
	for _, s := range []string{
		fmt.Sprint(c), fmt.Sprintf("%v", c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), c.String(),
		fmt.Sprintf("%v", &c), fmt.Sprintf("%+v", p), fmt.Sprintf("%v", p), fmt.Sprintf("%#v", p),
	} {
		if strings.Contains(s, "SKHIDDEN") || !strings.Contains(s, "AKVISIBLE") {
			t.Errorf("%s", s)
		}
	}
	if s := fmt.Sprint(Credentials{AccessKey: "a"}); strings.Contains(s, "*") {
		t.Errorf("empty secret shown as masked: %s", s)
	}
}

func writeJDC(t *testing.T, config, current string) string {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, ".jdc")
	os.MkdirAll(dir, 0o700)
	if config != "" {
		os.WriteFile(filepath.Join(dir, "config"), []byte(config), 0o600)
	}
	if current != "" {
		os.WriteFile(filepath.Join(dir, "current"), []byte(current), 0o600)
	}
	return home
}

const jdcConfig = `[default]
access_key = AKDEFAULT
secret_key = SKDEFAULT
region_id = cn-north-1
endpoint = www.jdcloud-api.com
scheme = https
timeout = 20

[hk]
access_key = AKHK
secret_key = SKHK
region_id = cn-hongkong-11
endpoint = 127.0.0.1:8089
scheme = http
timeout = 5

[Broken]
access_key = AKONLY
`

func TestLoadJDCProfile(t *testing.T) {
	home := writeJDC(t, jdcConfig, "hk\n")
	p, err := LoadJDCProfile(home, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "hk" || p.Credentials != (Credentials{"AKHK", "SKHK"}) || p.RegionID != "cn-hongkong-11" ||
		p.Endpoint != "127.0.0.1:8089" || p.Scheme != "http" || p.Timeout != 5*time.Second {
		t.Errorf("%+v", p)
	}
	if p.EndpointURL() != "http://127.0.0.1:8089" || p.Path != filepath.Join(home, ".jdc", "config") {
		t.Errorf("endpoint %s, path %s", p.EndpointURL(), p.Path)
	}
	p, err = LoadJDCProfile(home, "default")
	if err != nil || p.Credentials.AccessKey != "AKDEFAULT" || p.EndpointURL() != "https://www.jdcloud-api.com" {
		t.Errorf("%+v %v", p, err)
	}

	// No current file: "default".
	home = writeJDC(t, jdcConfig, "")
	if p, err := LoadJDCProfile(home, ""); err != nil || p.Name != "default" {
		t.Errorf("%+v %v", p, err)
	}
}

func TestLoadJDCProfileFailures(t *testing.T) {
	_, err := LoadJDCProfile(t.TempDir(), "")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}

	home := writeJDC(t, jdcConfig, "")
	_, err = LoadJDCProfile(home, "nope")
	if !errors.Is(err, ErrProfileNotFound) || !strings.Contains(err.Error(), "default, hk, Broken") {
		t.Errorf("missing profile: %v", err)
	}
	_, err = LoadJDCProfile(home, "Broken")
	if err == nil || !strings.Contains(err.Error(), "secret_key not set") {
		t.Errorf("half profile: %v", err)
	}

	home = writeJDC(t, "[default]\naccess_key = AK\nsecret_key = SK\ntimeout = soon\n", "")
	if _, err := LoadJDCProfile(home, ""); err == nil || !strings.Contains(err.Error(), "timeout") {
		t.Errorf("bad timeout: %v", err)
	}
	home = writeJDC(t, "[default]\naccess_key = AK\nsecret_key = SK\nscheme = gopher\n", "")
	if _, err := LoadJDCProfile(home, ""); err == nil || !strings.Contains(err.Error(), "scheme") {
		t.Errorf("bad scheme: %v", err)
	}

	// A malformed line holding the secret must not be quoted back.
	home = writeJDC(t, "[default]\naccess_key = AK\nsecret_key SKLEAKED\n[x\n", "")
	_, err = LoadJDCProfile(home, "")
	if err == nil || strings.Contains(err.Error(), "SKLEAKED") {
		t.Errorf("malformed file: %v", err)
	}
}

func FuzzLoadJDCProfile(f *testing.F) {
	f.Add(jdcConfig, "hk")
	f.Add("[default]\nsecret_key = SECRETVALUE9\n", "")
	f.Add("secret_key SECRETVALUE9\n[", "default")
	f.Fuzz(func(t *testing.T, config, profile string) {
		home := t.TempDir()
		os.MkdirAll(filepath.Join(home, ".jdc"), 0o700)
		os.WriteFile(filepath.Join(home, ".jdc", "config"), []byte(config), 0o600)
		_, err := LoadJDCProfile(home, profile)
		if err != nil && strings.Contains(config, "SECRETVALUE9") && strings.Contains(err.Error(), "SECRETVALUE9") {
			t.Fatalf("error quotes the secret: %v", err)
		}
	})
}
