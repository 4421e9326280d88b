package launch

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/advice"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
)

// A catalogue that does not wait: the slow-changing look-ups (instance
// types, images, disk types) are kept between runs per place (profile and
// endpoint, or the sandbox) and region. A run shows the kept lists at once
// and asks for them afresh behind the screen; what the fresh answer changed
// in stock or status is marked. Stock is asked afresh again when the review
// opens, and the quotas every time: neither is ever taken from the cache.

// CatalogStore keeps lists between runs (presets.CatalogCache).
type CatalogStore interface {
	// Load reads the list kept under k into into, a pointer to a slice;
	// ok is false when there is none (or it cannot be read).
	Load(k presets.CacheKey, into any) (fetched time.Time, ok bool)
	// Save keeps items under k.
	Save(k presets.CacheKey, items any, fetched time.Time) error
}

// The kinds of list kept, as the cache names them.
const (
	cacheTypes     = "instanceTypes"
	cacheImages    = "images"
	cacheDiskTypes = "diskTypes"
)

// cacheKey names a list of region in the cache.
func (m *Model) cacheKey(region, kind, params string) presets.CacheKey {
	return presets.CacheKey{Place: m.cfg.Place, Region: region, Kind: kind, Params: params}
}

// lookUpCached starts a look-up whose list is kept in the cache: a list
// kept from before is shown at once, and the look-up runs either way, its
// answer kept for next time. A cache that cannot be written only costs the
// next run its head start.
func lookUpCached[T any](m *Model, l *loaded[T], kind, key string, ck presets.CacheKey, fn func() (apiclient.Listing[T], error)) tea.Cmd {
	if !l.start(key) {
		return nil
	}
	store := m.cfg.Cache
	if store != nil {
		var items []T
		if _, ok := store.Load(ck, &items); ok {
			l.fromCache(items)
		}
	}
	return load(kind, key, cachedFetch(store, ck, fn))
}

// refreshCached asks afresh for a list that is shown, keeping it on screen
// until the answer comes (and keeping the answer).
func refreshCached[T any](m *Model, l *loaded[T], kind string, ck presets.CacheKey, fn func() (apiclient.Listing[T], error)) tea.Cmd {
	if !l.startRefresh() {
		return nil
	}
	return load(kind, l.key, cachedFetch(m.cfg.Cache, ck, fn))
}

// cachedFetch is fn, its answer kept in store (when there is one).
func cachedFetch[T any](store CatalogStore, ck presets.CacheKey, fn func() (apiclient.Listing[T], error)) func() (apiclient.Listing[T], error) {
	return func() (apiclient.Listing[T], error) {
		list, err := fn()
		if err == nil && store != nil {
			items := list.Items
			if items == nil {
				items = []T{}
			}
			_ = store.Save(ck, items, time.Now())
		}
		return list, err
	}
}

// The look-ups of the lists kept in the cache.

func (m *Model) typesFetch(r string) (presets.CacheKey, func() (apiclient.Listing[apiclient.InstanceType], error)) {
	return m.cacheKey(r, cacheTypes, "az="), func() (apiclient.Listing[apiclient.InstanceType], error) {
		return m.cfg.Catalog.ListInstanceTypes(m.ctx, r, "")
	}
}

func (m *Model) imagesFetch(r, source string) (presets.CacheKey, func() (apiclient.Listing[apiclient.Image], error)) {
	return m.cacheKey(r, cacheImages, "imageSource="+source), func() (apiclient.Listing[apiclient.Image], error) {
		return m.cfg.Catalog.ListImages(m.ctx, r, source, "")
	}
}

func (m *Model) diskTypesFetch(r string) (presets.CacheKey, func() (apiclient.Listing[apiclient.DiskType], error)) {
	return m.cacheKey(r, cacheDiskTypes, ""), func() (apiclient.Listing[apiclient.DiskType], error) {
		return m.cfg.Catalog.ListDiskTypes(m.ctx, r)
	}
}

// refreshStock asks afresh for the stock of the instance types and disk
// types (before the review: stock is never taken from the cache or from an
// earlier look-up). A look-up still on its way is answer enough.
func (m *Model) refreshStock() tea.Cmd {
	r := m.draft.Region
	d := m.data
	var cmds []tea.Cmd
	if d.types.key == r {
		ck, fn := m.typesFetch(r)
		cmds = append(cmds, refreshCached(m, &d.types, kindTypes, ck, fn))
	}
	if d.diskTypes.key == r {
		ck, fn := m.diskTypesFetch(r)
		cmds = append(cmds, refreshCached(m, &d.diskTypes, kindDiskTypes, ck, fn))
	}
	return tea.Batch(cmds...)
}

// What a refresh changed. A list that replaced another (from the cache, or
// from before the review) marks the rows whose stock in the zone, or whose
// status, changed; the list says so under its rows, naming the choice when
// it is one of them. Choices the wizard made are made again when they no
// longer fit (reDefault); the person's own are flagged by the rules.

// stockText is what states say of zone: "in stock", "sold out", or "not
// sold" when they do not name it.
func stockText(states []apiclient.InstanceTypeState, zone string) apiclient.Text {
	for _, s := range states {
		if s.Az == zone {
			if s.InStock {
				return apiclient.T("in stock")
			}
			return apiclient.T("sold out")
		}
	}
	return apiclient.T("not sold")
}

// typeChange says how type t's stock in zone changed with the last
// refresh ("now sold out in cn-hongkong-11a, was in stock"), or nothing
// (a zero Text).
func (c *catalogData) typeChange(t apiclient.InstanceType, zone string) apiclient.Text {
	for _, p := range c.types.prev {
		if p.InstanceType != t.InstanceType {
			continue
		}
		was, is := stockText(p.State, zone), stockText(t.State, zone)
		if len(t.State) == 0 || len(p.State) == 0 || was.Format == is.Format {
			return apiclient.Text{}
		}
		return apiclient.T("now %s in %s, was %s", is, zone, was)
	}
	return apiclient.Text{}
}

// imageChange says how image img's status changed with the last refresh
// ("now error, was ready"), or nothing (a zero Text).
func (c *catalogData) imageChange(source string, img apiclient.Image) apiclient.Text {
	l := c.images[source]
	if l == nil {
		return apiclient.Text{}
	}
	for _, p := range l.prev {
		if p.ImageID == img.ImageID && !strings.EqualFold(p.Status, img.Status) {
			return apiclient.T("now %s, was %s", img.Status, p.Status)
		}
	}
	return apiclient.Text{}
}

// diskTypeChange says how disk type name's stock in zone changed with the
// last refresh, or nothing (a zero Text).
func (c *catalogData) diskTypeChange(name, zone string) apiclient.Text {
	var was, is []apiclient.InstanceTypeState
	found := 0
	for _, p := range c.diskTypes.prev {
		if p.DiskType == name {
			was, found = p.State, found+1
		}
	}
	for _, d := range c.diskTypes.items {
		if d.DiskType == name {
			is, found = d.State, found+1
		}
	}
	// Disk types that say nothing of a zone are sold there.
	text := func(st []apiclient.InstanceTypeState) apiclient.Text {
		if t := stockText(st, zone); t.Format != "not sold" {
			return t
		}
		return apiclient.T("in stock")
	}
	if found < 2 || text(was).Format == text(is).Format {
		return apiclient.Text{}
	}
	return apiclient.T("now %s in %s, was %s", text(is), zone, text(was))
}

// changedNote is what a list says of what its refresh changed: the choice
// by name when it changed, else how many rows did (changedRows says that);
// "" when none.
func changedNote(p *message.Printer, chosen string, chosenChange apiclient.Text, changed int, changedRows func(n int) string) string {
	switch {
	case !chosenChange.IsZero():
		return p.Sprintf("⚠ %s changed since the list was last read: %s", chosen, locale.Say(p, chosenChange))
	case changed > 0:
		return changedRows(changed)
	}
	return ""
}

// refreshNote says a list shown could not be read afresh; "" when it was.
func refreshNote(p *message.Printer, err error) string {
	if err == nil {
		return ""
	}
	summary, _, _ := locale.Explained(p, advice.Explain(err))
	return p.Sprintf("not refreshed, so it may be out of date: %s (r retries)", theme.FirstLine(summary))
}

// joinNotes joins the notes that say something.
func joinNotes(notes ...string) string {
	var out []string
	for _, n := range notes {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, " · ")
}

// typesChangedNote is the type list's note of what its refresh changed.
func (m *Model) typesChangedNote() string {
	zone, chosen := m.draft.Spec.Az, m.draft.Spec.InstanceType
	n, mine := 0, apiclient.Text{}
	for _, t := range m.data.types.items {
		if change := m.data.typeChange(t, zone); !change.IsZero() {
			n++
			if t.InstanceType == chosen {
				mine = change
			}
		}
	}
	p := m.st.P
	return changedNote(p, chosen, mine, n, func(n int) string {
		return p.Sprintf("⚠ %d types changed since the list was last read (marked)", n)
	})
}

// imagesChangedNote is the image list's note of what its refresh changed.
func (m *Model) imagesChangedNote(source string) string {
	chosen := m.draft.Spec.ImageID
	n, mine := 0, apiclient.Text{}
	for _, img := range m.data.imageList(source).items {
		if change := m.data.imageChange(source, img); !change.IsZero() {
			n++
			if img.ImageID == chosen {
				mine = change
			}
		}
	}
	p := m.st.P
	return changedNote(p, chosen, mine, n, func(n int) string {
		return p.Sprintf("⚠ %d images changed since the list was last read (marked)", n)
	})
}
