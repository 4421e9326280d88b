package presets

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

// TestNoFileHoldsThePassword writes everything this package writes, from a
// draft with a password, under fresh XDG directories, then reads every file
// there: the password is in none, and the secret key only in config.toml.
func TestNoFileHoldsThePassword(t *testing.T) {
	root := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(root, "state"))
	const password = "Pw-7fK2qZr9!x"
	const secretKey = "SK-3c9d7e1f0a2b"

	d := sampleDraft()
	d.Spec.Password = password
	d.ClientToken = "cocvm-token-1"

	cfg := Config{Current: "work", Profiles: map[string]Profile{
		"work": {AccessKey: "AK-1", SecretKey: secretKey, Region: d.Region},
	}}
	if err := SaveConfig(ConfigPath(), cfg); err != nil {
		t.Fatal(err)
	}
	s := DefaultStore()
	if err := s.Save(New("web", "", d)); err != nil {
		t.Fatal(err)
	}
	// A preset built by hand around the draft, bypassing New.
	if err := s.Save(Preset{Name: "raw", Draft: d}); err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"instanceSpec": {"name": "x", "password": "` + password + `"}, "maxCount": 2}`)
	imported, _, err := Import(body, "imported")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Save(imported); err != nil {
		t.Fatal(err)
	}
	p, err := s.Load("web")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "export.json"), Export(p), 0o600); err != nil {
		t.Fatal(err)
	}
	// Export of a preset that somehow still holds the password.
	if err := os.WriteFile(filepath.Join(root, "export-raw.json"), Export(Preset{Name: "raw", Draft: d}), 0o600); err != nil {
		t.Fatal(err)
	}
	req := apiclient.CreateInstancesRequest{InstanceSpec: d.Spec, MaxCount: d.Count, ClientToken: d.ClientToken}
	rec := SubmittedRecord(d.Region, req)
	rec.RequestID, rec.InstanceIDs, rec.Run, rec.Preset = "req-1", []string{"i-1"}, d.ClientToken, "web"
	if err := Append(JournalPath(), rec); err != nil {
		t.Fatal(err)
	}
	if err := Append(JournalPath(), final(d.ClientToken, "req-1", "running")); err != nil {
		t.Fatal(err)
	}

	files := 0
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		files++
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(password)) {
			t.Errorf("%s holds the password", path)
		}
		if bytes.Contains(b, []byte(secretKey)) && path != ConfigPath() {
			t.Errorf("%s holds the secret key", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// config, 3 presets, 2 exports, journal
	if files != 7 {
		t.Errorf("searched %d files, want 7", files)
	}
}
