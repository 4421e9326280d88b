package sandbox

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// TestStateSurvivesRestart: instances, their addresses and lifecycle, and
// client tokens come back from the state file; the password never reaches
// it.
func TestStateSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sandbox.json")
	clock := newTestClock()
	opts := Options{AccessKey: "AK", SecretKey: "SK", StateFile: path, Now: clock.Now, BootMin: 5 * time.Second, BootMax: 5 * time.Second, BootFailRate: 0, Seed: 7}

	e := newEnvWith(t, opts, clock)
	req := e.validRequest()
	req.ClientToken = "cocvm-persist"
	req.MaxCount = 3
	req.InstanceSpec.ElasticIPSpec = &apiclient.ElasticIPSpec{SizeMbps: 10, Provider: "bgp"}
	ids := e.mustCreate(req)

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no state file after a create: %v", err)
	}
	if strings.Contains(string(data), testPassword) {
		t.Fatal("the state file holds the password")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode %v", fi.Mode())
	}
	clock.Advance(5 * time.Second)
	before, _ := e.client.DescribeInstances(context.Background(), testRegion, ids)
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}

	e2 := newEnvWith(t, opts, clock)
	after, err := e2.client.DescribeInstances(context.Background(), testRegion, ids)
	if err != nil || !reflect.DeepEqual(before, after) {
		t.Fatalf("after restart %+v %v, before %+v", after, err, before)
	}
	if again := e2.mustCreate(req); !slices.Equal(again, ids) {
		t.Fatalf("token forgotten: %v vs %v", again, ids)
	}
	// New instances do not reuse addresses or ids of the restored ones.
	req.ClientToken = "cocvm-persist-2"
	more := e2.mustCreate(req)
	clock.Advance(5 * time.Second)
	all, _ := e2.client.DescribeInstances(context.Background(), testRegion, nil)
	seen := map[string]bool{}
	for _, in := range all {
		for _, k := range []string{in.InstanceID, in.PrivateIPAddress, in.ElasticIPAddress} {
			if seen[k] {
				t.Fatalf("%s used twice after restart", k)
			}
			seen[k] = true
		}
	}
	if len(all) != len(ids)+len(more) {
		t.Fatalf("%d instances", len(all))
	}
	if q := e2.quota(); q.Used != 6 {
		t.Fatalf("quota after restart %+v", q)
	}
}

func TestStateFileErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{not json"), 0o600)
	if _, err := New(Options{StateFile: bad}); err == nil {
		t.Fatal("a corrupt state file was accepted")
	}
	future := filepath.Join(dir, "future.json")
	os.WriteFile(future, []byte(`{"version": 99}`), 0o600)
	if _, err := New(Options{StateFile: future}); err == nil || !strings.Contains(err.Error(), "unknown version") {
		t.Fatalf("got %v", err)
	}
	if _, err := New(Options{StateFile: filepath.Join(dir, "fresh.json")}); err != nil {
		t.Fatalf("a missing state file is a fresh start: %v", err)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.json")
	for _, content := range []string{"one", "two"} {
		if err := writeFileAtomic(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != content {
			t.Fatalf("got %q", got)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temp files left behind: %v", entries)
	}
	if err := writeFileAtomic(filepath.Join(dir, "missing", "f.json"), []byte("x"), 0o600); err == nil {
		t.Fatal("writing into a missing directory succeeded")
	}
}

// TestStart: the in-process sandbox on a loopback port, as `cocvm
// --sandbox` runs it, stops with its context.
func TestStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r, err := Start(ctx, Options{BootMax: InstantBoot})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.URL, "http://127.0.0.1:") || r.AccessKey == "" || r.SecretKey == "" {
		t.Fatalf("%+v", r)
	}
	c, err := apiclient.New(apiclient.Config{AccessKey: r.AccessKey, SecretKey: r.SecretKey, Endpoint: r.URL,
		Retry: apiclient.RetryPolicy{MaxAttempts: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DescribeQuota(context.Background(), "ap-singapore-11"); err != nil {
		t.Fatal(err)
	}
	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := c.DescribeQuota(context.Background(), "ap-singapore-11"); err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("still serving after its context ended")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestStateConcurrentCreates: creates racing to write the state file leave
// a file holding all of them.
func TestStateConcurrentCreates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	clock := newTestClock()
	opts := Options{AccessKey: "AK", SecretKey: "SK", StateFile: path, Now: clock.Now, BootMax: InstantBoot, BootFailRate: 0, Quota: 500}
	e := newEnvWith(t, opts, clock)
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := e.validRequest()
			req.MaxCount = 5
			if _, err := e.create(req); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	// No Close: every answered create must already be on disk.
	e2 := newEnvWith(t, opts, clock)
	if q := e2.quota(); q.Used != 100 {
		t.Fatalf("%d instances restored, 100 created", q.Used)
	}
}
