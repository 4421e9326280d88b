package presets

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/cocvm/cocvm/apiclient"
)

// CacheDir is $XDG_CACHE_HOME/cocvm (~/.cache/cocvm on Linux), read at call
// time like ConfigDir.
func CacheDir() string {
	return filepath.Join(baseDir("XDG_CACHE_HOME", xdg.CacheHome), appDir)
}

// CatalogCache keeps the slow-changing look-ups (instance types, images,
// disk types) per account and region, so the wizard can show them at once
// and refresh them behind the screen. The describeInstanceTypes page asks
// for exactly this: "尽量使用过滤器查询关心的实例规格，并适当缓存这些信息".
// Stock and quota are never taken from it. A missing, unreadable or foreign
// file is a miss, never an error: the cache only saves time.
type CatalogCache struct {
	Dir string
}

// DefaultCatalogCache is the cache under CacheDir.
func DefaultCatalogCache() CatalogCache {
	return CatalogCache{Dir: filepath.Join(CacheDir(), "catalog")}
}

// CacheKey names one cached list: where it came from (the profile and the
// endpoint, "" for JD Cloud's own; the built-in sandbox is its own place),
// the region, the kind of list and the parameters of the look-up.
type CacheKey struct {
	Place  string
	Region string
	Kind   string
	Params string
}

func (k CacheKey) String() string {
	return strings.Join([]string{k.Place, k.Region, k.Kind, k.Params}, "\x00")
}

// cacheFile is one cached list on disk, with its key to tell a hash
// collision or a foreign file from a hit.
type cacheFile struct {
	Key     string          `json:"key"`
	Fetched time.Time       `json:"fetched"`
	Items   json.RawMessage `json:"items"`
}

func (c CatalogCache) path(k CacheKey) string {
	sum := sha256.Sum256([]byte(k.String()))
	return filepath.Join(c.Dir, k.Kind+"-"+hex.EncodeToString(sum[:8])+".json")
}

// Load reads the list cached under k into into (a pointer to a slice) and
// says when it was fetched; ok is false on a miss.
func (c CatalogCache) Load(k CacheKey, into any) (fetched time.Time, ok bool) {
	data, err := os.ReadFile(c.path(k))
	if err != nil {
		return time.Time{}, false
	}
	var f cacheFile
	if json.Unmarshal(data, &f) != nil || f.Key != k.String() || json.Unmarshal(f.Items, into) != nil {
		return time.Time{}, false
	}
	return f.Fetched, true
}

// Save replaces the list cached under k, atomically (a reader never sees
// half a file).
func (c CatalogCache) Save(k CacheKey, items any, fetched time.Time) error {
	raw, err := json.Marshal(items)
	if err != nil {
		return apiclient.Errorf("caching %s: %v", k.Kind, err)
	}
	data, err := json.Marshal(cacheFile{Key: k.String(), Fetched: fetched.UTC(), Items: raw})
	if err != nil {
		return apiclient.Errorf("caching %s: %v", k.Kind, err)
	}
	if err := ensureDir(c.Dir); err != nil {
		return apiclient.Errorf("caching %s: %v", k.Kind, err)
	}
	return WriteFileAtomic(c.path(k), data, fileMode)
}

// Clear removes every cached list.
func (c CatalogCache) Clear() error {
	err := os.RemoveAll(c.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
