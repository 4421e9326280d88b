package presets

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A fleet spread over zones keeps its extra zones through a preset file and
// an export; a preset with one zone is written and read as it always was.
func TestPresetKeepsExtraZones(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	d := sampleDraft()
	d.ExtraZones = []string{"cn-hongkong-11b", "cn-hongkong-11c"}
	if err := s.Save(New("spread", "", d)); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(s.Dir, "spread.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `extra_zones = ['cn-hongkong-11b', 'cn-hongkong-11c']`) &&
		!strings.Contains(string(data), `extra_zones = ["cn-hongkong-11b", "cn-hongkong-11c"]`) {
		t.Errorf("the file does not list the extra zones:\n%s", data)
	}
	p, err := s.Load("spread")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.ToDraft().ExtraZones; !reflect.DeepEqual(got, d.ExtraZones) {
		t.Errorf("read back %v, want %v", got, d.ExtraZones)
	}
	back, _, err := Import(Export(p), "again")
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Draft.ExtraZones; !reflect.DeepEqual(got, d.ExtraZones) {
		t.Errorf("export and import gave %v, want %v", got, d.ExtraZones)
	}

	one := sampleDraft()
	if err := s.Save(New("one", "", one)); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(filepath.Join(s.Dir, "one.toml"))
	if strings.Contains(string(data), "extra_zones =") || strings.Contains(string(Export(New("one", "", one))), "extraZones") {
		t.Errorf("a one-zone preset names extra zones:\n%s", data)
	}
	if p, err := s.Load("one"); err != nil || p.ToDraft().ExtraZones != nil {
		t.Errorf("one zone read back as %v (%v)", p.ToDraft().ExtraZones, err)
	}
}
