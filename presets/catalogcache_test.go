package presets

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

func TestCatalogCache(t *testing.T) {
	c := CatalogCache{Dir: filepath.Join(t.TempDir(), "catalog")}
	k := CacheKey{Place: "profile work", Region: "cn-hongkong-11", Kind: "instanceTypes", Params: "az="}
	var got []apiclient.InstanceType
	if _, ok := c.Load(k, &got); ok {
		t.Fatal("a hit in an empty cache")
	}
	want := []apiclient.InstanceType{{InstanceType: "g.n2.large", CPU: 2, MemoryMB: 8192}}
	at := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	if err := c.Save(k, want, at); err != nil {
		t.Fatal(err)
	}
	fetched, ok := c.Load(k, &got)
	if !ok || !fetched.Equal(at) || len(got) != 1 || got[0].InstanceType != "g.n2.large" || got[0].MemoryMB != 8192 {
		t.Fatalf("Load = %v %v %+v", fetched, ok, got)
	}
	// Another place, region or parameter is another list.
	for _, other := range []CacheKey{
		{Place: "profile home", Region: k.Region, Kind: k.Kind, Params: k.Params},
		{Place: k.Place, Region: "ap-singapore-11", Kind: k.Kind, Params: k.Params},
		{Place: k.Place, Region: k.Region, Kind: k.Kind, Params: "az=cn-hongkong-11a"},
	} {
		if _, ok := c.Load(other, &got); ok {
			t.Errorf("%+v hit the cache of %+v", other, k)
		}
	}
	// A broken file is a miss.
	if err := os.WriteFile(c.path(k), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Load(k, &got); ok {
		t.Error("a broken cache file was a hit")
	}
	if fi, err := os.Stat(c.Dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("cache dir mode: %v %v", fi.Mode().Perm(), err)
	}
	if err := c.Clear(); err != nil {
		t.Fatal(err)
	}
}
