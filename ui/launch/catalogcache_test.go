package launch

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/wizard"
)

// The catalogue cache: lists kept from an earlier run show at once, are
// asked afresh behind the screen, and what the fresh answer changed is
// marked; stock and quota are asked afresh before the review.

// wzCountingCatalog is the sandbox, counting the look-ups of the lists the
// cache keeps, with a gate that holds the instance types' answer and a
// change made to the answers (a type sold out, an image's status).
type wzCountingCatalog struct {
	*apiclient.Client
	mu                           sync.Mutex
	types, images, disks, quotas int
	gate                         chan struct{} // nil: no wait
	soldOut                      string        // a type sold out in every zone
	imageStatus                  map[string]string
}

func (c *wzCountingCatalog) count(n *int) {
	c.mu.Lock()
	*n++
	c.mu.Unlock()
}

func (c *wzCountingCatalog) calls() (types, images, disks, quotas int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.types, c.images, c.disks, c.quotas
}

func (c *wzCountingCatalog) ListInstanceTypes(ctx context.Context, region, az string) (apiclient.Listing[apiclient.InstanceType], error) {
	c.count(&c.types)
	if c.gate != nil {
		<-c.gate
	}
	l, err := c.Client.ListInstanceTypes(ctx, region, az)
	for i := range l.Items {
		if l.Items[i].InstanceType == c.soldOut {
			for j := range l.Items[i].State {
				l.Items[i].State[j].InStock = false
			}
		}
	}
	return l, err
}

func (c *wzCountingCatalog) ListImages(ctx context.Context, region, source, platform string) (apiclient.Listing[apiclient.Image], error) {
	c.count(&c.images)
	l, err := c.Client.ListImages(ctx, region, source, platform)
	for i := range l.Items {
		if st, ok := c.imageStatus[l.Items[i].ImageID]; ok {
			l.Items[i].Status = st
		}
	}
	return l, err
}

func (c *wzCountingCatalog) ListDiskTypes(ctx context.Context, region string) (apiclient.Listing[apiclient.DiskType], error) {
	c.count(&c.disks)
	return c.Client.ListDiskTypes(ctx, region)
}

func (c *wzCountingCatalog) DescribeQuotas(ctx context.Context, region string) (*apiclient.Quotas, error) {
	c.count(&c.quotas)
	return c.Client.DescribeQuotas(ctx, region)
}

// wzWarmCache runs the wizard once against client, so that cache keeps the
// region's lists, and returns the cache.
func wzWarmCache(t testing.TB, client *apiclient.Client) presets.CatalogCache {
	t.Helper()
	cache := presets.CatalogCache{Dir: t.TempDir()}
	newWzHarness(t, Config{Catalog: client, Sandbox: true, Cache: cache, Place: "sandbox"}, 120, 40)
	var types []apiclient.InstanceType
	if _, ok := cache.Load(presets.CacheKey{Place: "sandbox", Region: wzRegion, Kind: cacheTypes, Params: "az="}, &types); !ok || len(types) == 0 {
		t.Fatalf("the first run kept no instance types (%d)", len(types))
	}
	return cache
}

// A warm cache shows the zones' stock, the type list and the wizard's
// choices before any look-up has answered; the look-ups still run, and
// their answers are kept.
func TestWizardShowsTheCachedCatalogueAtOnce(t *testing.T) {
	t.Parallel()
	client := wzSandbox(t, sandbox.Options{})
	cache := wzWarmCache(t, client)
	cat := &wzCountingCatalog{Client: client, gate: make(chan struct{})}
	m := New(context.Background(), Config{Catalog: cat, Sandbox: true, Cache: cache, Place: "sandbox",
		Draft: wizard.Draft{Region: wzRegion}, Renderer: wzRenderer,
		After: func(time.Duration, tea.Msg) tea.Cmd { return nil }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	init := m.Init()
	h := &wzHarness{t: t, m: m}
	h.wantView("the first screen", "20 types in stock", "17 types in stock")
	if m.draft.Spec.InstanceType != "g.n2.medium" {
		t.Errorf("the type chosen from the cache is %q, want g.n2.medium", m.draft.Spec.InstanceType)
	}
	// The look-ups run behind the screen; once they answer, nothing moved.
	close(cat.gate)
	h.run(init)
	if types, images, disks, _ := cat.calls(); types != 1 || images != 3 || disks != 1 {
		t.Errorf("look-ups behind the cached lists: %d types, %d images, %d disk types; want 1, 3 (one per source), 1", types, images, disks)
	}
	h.wantView("after the refresh", "20 types in stock")
	if m.draft.Spec.InstanceType != "g.n2.medium" || m.data.types.cached || m.data.types.refreshing {
		t.Errorf("after the refresh: type %q, cached %v, refreshing %v", m.draft.Spec.InstanceType, m.data.types.cached, m.data.types.refreshing)
	}
	if strings.Contains(h.view(), "changed since") {
		t.Errorf("an unchanged list says it changed:\n%s", h.view())
	}
}

// A refresh that changed the stock of a type or the status of an image
// marks them; a choice the wizard made from the cached list that no longer
// fits is made again, the person's own is named and flagged by the rules.
func TestWizardMarksWhatTheRefreshChanged(t *testing.T) {
	t.Parallel()
	client := wzSandbox(t, sandbox.Options{})
	cache := wzWarmCache(t, client)

	// The wizard's own choice: chosen again.
	cat := &wzCountingCatalog{Client: client, soldOut: "g.n2.medium", imageStatus: map[string]string{"img-vf7zs2s9l0": "error"}}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true, Cache: cache, Place: "sandbox"}, 120, 40)
	if got := h.m.draft.Spec.InstanceType; got == "g.n2.medium" || got == "" {
		t.Errorf("the wizard kept its choice of a type now sold out: %q", got)
	}
	if got := h.m.draft.Spec.ImageID; got == "img-vf7zs2s9l0" || got == "" {
		t.Errorf("the wizard kept its choice of an image now in error: %q", got)
	}
	h.forwardTo(stepType)
	h.wantView("types", "1 type changed since the list was last read (marked)")
	for _, r := range h.m.f.types.Rows() {
		if (r.Flag == "changed") != (r.ID == "g.n2.medium") {
			t.Errorf("type %s flagged %q", r.ID, r.Flag)
		}
	}
	h.forwardTo(stepImage)
	h.wantView("images", "not ready · changed", "1 image changed since the list was last read (marked)")

	// The person's own choice (from a preset): named, and the rules say
	// what is wrong with it. (The first run kept the fresh lists: the
	// cache is warmed again from the sandbox as it was.)
	cache = wzWarmCache(t, client)
	d := wizard.Draft{Region: wzRegion}
	d.Spec.Az, d.Spec.InstanceType = "cn-hongkong-11a", "g.n2.medium"
	h = newWzHarness(t, Config{Catalog: cat, Sandbox: true, Cache: cache, Place: "sandbox", Draft: d}, 120, 40)
	h.forwardTo(stepType)
	if h.m.draft.Spec.InstanceType != "g.n2.medium" {
		t.Fatalf("the person's type was changed to %q", h.m.draft.Spec.InstanceType)
	}
	h.wantView("the person's type", "⚠ g.n2.medium changed since the list was last read: now sold out in cn-hongkong-11a, was in stock")
	if len(h.m.stepProblems(stepType)) == 0 {
		t.Error("no problem with a type now sold out")
	}
}

// Stock and quota are never taken from the cache or from an earlier
// look-up: both are asked when the review opens, and create waits for them.
func TestWizardAsksStockAndQuotaAfreshForTheReview(t *testing.T) {
	t.Parallel()
	client := wzSandbox(t, sandbox.Options{})
	cache := wzWarmCache(t, client)
	cat := &wzCountingCatalog{Client: client}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true, Cache: cache, Place: "sandbox"}, 120, 40)
	types, _, disks, quotas := cat.calls()
	if types != 1 || disks != 1 || quotas != 0 {
		t.Fatalf("at launch: %d types, %d disk types, %d quotas; want 1, 1, 0", types, disks, quotas)
	}
	wzToReview(t, h)
	if types, _, disks, quotas = cat.calls(); types != 2 || disks != 2 || quotas != 1 {
		t.Errorf("at the review: %d types, %d disk types, %d quotas; want 2, 2, 1", types, disks, quotas)
	}
	h.key("7")
	h.forwardTo(stepReview)
	if types, _, disks, quotas = cat.calls(); types != 3 || disks != 3 || quotas != 2 {
		t.Errorf("at the review again: %d types, %d disk types, %d quotas; want 3, 3, 2", types, disks, quotas)
	}

	// While they are being asked, create waits.
	h.m.data.types.startRefresh()
	h.key("enter")
	if h.m.review.confirming {
		t.Error("create asked for confirmation while the stock was being checked")
	}
	h.wantView("checking", "checking stock", "Stock and quota are still being checked")
	// Once they are in, the notice goes, and enter asks.
	_, fn := h.m.typesFetch(wzRegion)
	h.run(load(kindTypes, h.m.data.types.key, fn))
	if strings.Contains(h.view(), "still being checked") {
		t.Errorf("the notice stayed once stock and quota were in:\n%s", h.view())
	}
	h.key("enter")
	h.wantView("create", "Create 1 instance and deduct 1 month of prepaid charges? (y/n)")
}

// A refresh that fails leaves the cached list on screen, says so, and r
// asks again.
func TestWizardKeepsTheCachedListWhenTheRefreshFails(t *testing.T) {
	t.Parallel()
	client := wzSandbox(t, sandbox.Options{})
	cache := wzWarmCache(t, client)
	cat := &wzFlakyTypes{Client: client, fail: 1}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true, Cache: cache, Place: "sandbox"}, 120, 40)
	h.forwardTo(stepType)
	if len(h.m.f.types.Rows()) == 0 {
		t.Fatalf("the cached types are gone:\n%s", h.view())
	}
	h.wantView("failed refresh", "not refreshed, so it may be out of date", "(r retries)")
	h.key("r")
	if strings.Contains(h.view(), "not refreshed") || h.m.data.types.cached {
		t.Errorf("r did not refresh the list:\n%s", h.view())
	}
}

// wzSignal is an output that says when the wizard first drew s.
type wzSignal struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want []byte
	seen chan struct{}
	once sync.Once
}

func (w *wzSignal) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if bytes.Contains(w.buf.Bytes(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

// wzLaunch runs the wizard in a Bubble Tea program and returns how long it
// took from the start to drawing the zones' stock ("types in stock").
func wzLaunch(tb testing.TB, cfg Config) time.Duration {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &wzSignal{want: []byte("types in stock"), seen: make(chan struct{})}
	start := time.Now()
	m := New(ctx, cfg)
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(nil), tea.WithOutput(out), tea.WithoutSignals())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = p.Run()
	}()
	select {
	case <-out.seen:
	case <-time.After(10 * time.Second):
		tb.Fatalf("the zones' stock never showed:\n%s", out.buf.String())
	}
	took := time.Since(start)
	p.Kill()
	<-done
	return took
}

// BenchmarkLaunchToZoneStock is the time from launching the wizard to the
// zone list showing how many types each zone has in stock, against the
// sandbox answering every call after 200 ms (`sandbox serve --latency
// 200ms`): cold (no cache: one round trip) and warm (the lists kept by an
// earlier run). The target is under 100 ms warm.
func BenchmarkLaunchToZoneStock(b *testing.B) {
	client := wzSandbox(b, sandbox.Options{Latency: 200 * time.Millisecond})
	warm := presets.CatalogCache{Dir: b.TempDir()}
	for _, bc := range []struct {
		name  string
		cache CatalogStore
	}{{"cold", nil}, {"warm", warm}} {
		b.Run(bc.name, func(b *testing.B) {
			cfg := Config{Catalog: client, Sandbox: true, Cache: bc.cache, Place: "sandbox", Draft: wizard.Draft{Region: wzRegion}}
			if bc.cache != nil {
				wzLaunch(b, cfg)
				// The first run keeps the lists once its look-ups answer.
				for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
					var types []apiclient.InstanceType
					if _, ok := warm.Load(presets.CacheKey{Place: "sandbox", Region: wzRegion, Kind: cacheTypes, Params: "az="}, &types); ok {
						break
					}
					if time.Now().After(deadline) {
						b.Fatal("the cache was never written")
					}
				}
			}
			var total time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				total += wzLaunch(b, cfg)
			}
			b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-stock")
		})
	}
}

// The cache keys name the place, the region and the look-up.
func TestCacheKeys(t *testing.T) {
	t.Parallel()
	m := New(context.Background(), Config{Place: "profile work @ https://example.com"})
	keys := []presets.CacheKey{}
	ck, _ := m.typesFetch("cn-hongkong-11")
	keys = append(keys, ck)
	ck, _ = m.imagesFetch("cn-hongkong-11", "private")
	keys = append(keys, ck)
	ck, _ = m.diskTypesFetch("ap-singapore-11")
	keys = append(keys, ck)
	want := []presets.CacheKey{
		{Place: "profile work @ https://example.com", Region: "cn-hongkong-11", Kind: "instanceTypes", Params: "az="},
		{Place: "profile work @ https://example.com", Region: "cn-hongkong-11", Kind: "images", Params: "imageSource=private"},
		{Place: "profile work @ https://example.com", Region: "ap-singapore-11", Kind: "diskTypes"},
	}
	if !slices.Equal(keys, want) {
		t.Errorf("keys %+v, want %+v", keys, want)
	}
}
