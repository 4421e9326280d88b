package presets

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// presetExt is the file extension of a preset; the name is the rest.
const presetExt = ".toml"

// Store is a directory of preset files, one NAME.toml per preset.
type Store struct {
	// Dir is the presets directory; it is created (mode 0700) on first save.
	Dir string
	// Now stamps Updated on save; nil means time.Now.
	Now func() time.Time
}

// DefaultStore is the store in $XDG_CONFIG_HOME/cocvm/presets.
func DefaultStore() Store { return Store{Dir: PresetsDir()} }

// Path is the file of the named preset.
func (s Store) Path(name string) string { return filepath.Join(s.Dir, name+presetExt) }

// List reads every preset, sorted by name. A file that cannot be read gives
// one error naming it (a *FileError with its line when the content is at
// fault) and is skipped, so the other presets still list. A missing
// directory is no presets and no error.
func (s Store) List() ([]Preset, []error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, []error{apiclient.Errorf("reading presets: %v", err)}
	}
	var (
		out  []Preset
		errs []error
	)
	for _, e := range entries {
		fname := e.Name()
		// Dot files include WriteFileAtomic's temporary files.
		if strings.HasPrefix(fname, ".") || !strings.HasSuffix(fname, presetExt) || e.IsDir() {
			continue
		}
		name := strings.TrimSuffix(fname, presetExt)
		path := filepath.Join(s.Dir, fname)
		if err := ValidateName(name); err != nil {
			errs = append(errs, &FileError{Path: path, Problem: apiclient.T("%v", err),
				Fix: apiclient.T("Rename the file to a valid name to use it as a preset")})
			continue
		}
		p, err := s.load(name, path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, errs
}

// Load reads the named preset. A preset that does not exist gives an error
// for which errors.Is(err, fs.ErrNotExist) holds; a corrupt one a *FileError.
func (s Store) Load(name string) (Preset, error) {
	if err := ValidateName(name); err != nil {
		return Preset{}, err
	}
	return s.load(name, s.Path(name))
}

func (s Store) load(name, path string) (Preset, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Preset{}, apiclient.Errorf("no preset named %q (`cocvm presets list` shows them): %v", name, noFile{})
	}
	if err != nil {
		return Preset{}, apiclient.Errorf("reading preset %q: %v", name, err)
	}
	return decodePreset(path, name, data)
}

// Exists reports whether a preset file with this name exists (so the caller
// can ask before Save overwrites it). An invalid name does not exist.
func (s Store) Exists(name string) bool {
	if ValidateName(name) != nil {
		return false
	}
	_, err := os.Stat(s.Path(name))
	return err == nil
}

// Save writes p atomically as Dir/NAME.toml (mode 0600, directory 0700),
// replacing any preset of that name: the caller confirms overwrites. The
// password and clientToken are dropped, the schema is SchemaVersion and
// Updated is set to now.
func (s Store) Save(p Preset) error {
	if err := ValidateName(p.Name); err != nil {
		return err
	}
	p.Draft = Scrub(p.Draft)
	p.Schema = SchemaVersion
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	p.Updated = now().UTC().Truncate(time.Second)
	if err := ensureDir(s.Dir); err != nil {
		return apiclient.Errorf("saving preset %q: %v", p.Name, err)
	}
	data, err := encodePreset(p)
	if err != nil {
		return apiclient.Errorf("saving preset %q: %v", p.Name, err)
	}
	if err := WriteFileAtomic(s.Path(p.Name), data, fileMode); err != nil {
		return apiclient.Errorf("saving preset %q: %v", p.Name, err)
	}
	return nil
}

// Delete removes the named preset. A preset that does not exist gives an
// error for which errors.Is(err, fs.ErrNotExist) holds.
func (s Store) Delete(name string) error {
	if err := ValidateName(name); err != nil {
		return err
	}
	err := os.Remove(s.Path(name))
	if errors.Is(err, fs.ErrNotExist) {
		return apiclient.Errorf("no preset named %q (`cocvm presets list` shows them): %v", name, noFile{})
	}
	if err != nil {
		return apiclient.Errorf("deleting preset %q: %v", name, err)
	}
	return syncDir(s.Dir)
}

// noFile is fs.ErrNotExist (errors.Is sees it) in words ui can say in the
// person's language.
type noFile struct{}

func (noFile) Error() string        { return fs.ErrNotExist.Error() }
func (noFile) Unwrap() error        { return fs.ErrNotExist }
func (noFile) Text() apiclient.Text { return apiclient.T("file does not exist") }
