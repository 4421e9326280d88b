package launch

import (
	"context"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

// Catalog is the part of the COC-VM API the wizard reads and writes. The
// *apiclient.Client satisfies it, against JD Cloud or the sandbox alike.
// The look-ups are the ListX calls: an item the client cannot read is left
// out with a note, and the rest of the list still shows.
type Catalog interface {
	watch.API
	Creator
	ListInstanceTypes(ctx context.Context, region, az string) (apiclient.Listing[apiclient.InstanceType], error)
	ListImages(ctx context.Context, region, source, platform string) (apiclient.Listing[apiclient.Image], error)
	ListImageConstraints(ctx context.Context, region string, imageIDs []string) (apiclient.Listing[apiclient.ImageConstraint], error)
	ListKeypairs(ctx context.Context, region string) (apiclient.Listing[apiclient.Keypair], error)
	ListVpcs(ctx context.Context, region string) (apiclient.Listing[apiclient.Vpc], error)
	ListSubnets(ctx context.Context, region, vpcID string) (apiclient.Listing[apiclient.Subnet], error)
	ListSecurityGroups(ctx context.Context, region, vpcID string) (apiclient.Listing[apiclient.SecurityGroup], error)
	ListDiskTypes(ctx context.Context, region string) (apiclient.Listing[apiclient.DiskType], error)
}

// The kinds of list the wizard loads.
const (
	kindTypes       = "instance types"
	kindImages      = "images"
	kindConstraints = "image constraints"
	kindVpcs        = "VPCs"
	kindSubnets     = "subnets"
	kindGroups      = "security groups"
	kindKeypairs    = "key pairs"
	kindDiskTypes   = "disk types"
	kindQuota       = "quota"
)

// loadedMsg carries one finished look-up back to the model. key says which
// region (and VPC or image source) it was for, so a late answer for an old
// choice is recognised and dropped.
type loadedMsg struct {
	kind    string
	key     string
	items   any
	skipped int // items of the answer that could not be read
	err     error
}

// loadState is where one look-up is.
type loadState int

const (
	loadIdle loadState = iota
	loadBusy
	loadDone
	loadFailed
)

// loaded is one list as the wizard knows it.
type loaded[T any] struct {
	key   string
	state loadState
	items []T
	err   error
	// skipped is how many items of the answer could not be read: the
	// list says so under its rows.
	skipped int
	// refreshing says a fresh answer is on its way while items (from the
	// catalogue cache, or an earlier answer) are shown; cached says the
	// items came from the cache and no fresh answer replaced them yet.
	refreshing, cached bool
	// refreshErr is why the last refresh failed: the items shown are older.
	refreshErr error
	// prev are the items a refresh replaced, to mark what changed.
	prev []T
	// gen counts the lists shown, so rows are built again for each.
	gen int
}

func (l *loaded[T]) start(key string) bool {
	if l.key == key && (l.state == loadBusy || l.state == loadDone) {
		return false
	}
	*l = loaded[T]{key: key, state: loadBusy}
	return true
}

// startRefresh asks again for a list that is shown, keeping it on screen
// until the answer comes; false when it is not shown or already asked.
func (l *loaded[T]) startRefresh() bool {
	if l.state != loadDone || l.refreshing {
		return false
	}
	l.refreshing, l.refreshErr = true, nil
	return true
}

// fromCache shows items from the catalogue cache while the fresh answer is
// on its way.
func (l *loaded[T]) fromCache(items []T) {
	l.state, l.items, l.cached, l.refreshing = loadDone, items, true, true
	l.gen++
}

func (l *loaded[T]) finish(msg loadedMsg) bool {
	if msg.key != l.key {
		return false
	}
	if msg.err != nil {
		if l.refreshing {
			// What is shown stays; the list says it could not be refreshed.
			l.refreshing, l.refreshErr = false, msg.err
			return true
		}
		l.state, l.err = loadFailed, msg.err
		return true
	}
	l.prev = nil
	if l.refreshing {
		l.prev = l.items
	}
	l.state, l.refreshing, l.cached, l.refreshErr = loadDone, false, false, nil
	l.items, _ = msg.items.([]T)
	l.skipped = msg.skipped
	l.gen++
	return true
}

// skippedNote is what a list says under its rows when n items of its
// answer could not be read ("" when none).
func skippedNote(p *message.Printer, n int) string {
	if n == 0 {
		return ""
	}
	return p.Sprintf("%d items could not be read (see --debug)", n)
}

func (l *loaded[T]) ready() bool { return l.state == loadDone }

// catalogData is everything loaded for the current region.
type catalogData struct {
	types       loaded[apiclient.InstanceType]
	images      map[string]*loaded[apiclient.Image] // by image source
	constraints loaded[apiclient.ImageConstraint]
	vpcs        loaded[apiclient.Vpc]
	subnets     loaded[apiclient.Subnet]
	groups      loaded[apiclient.SecurityGroup]
	keypairs    loaded[apiclient.Keypair]
	diskTypes   loaded[apiclient.DiskType]
	quota       loaded[apiclient.Quotas]
	quotaAsks   int // how many times the quotas were asked for, to key the answers
}

func newCatalogData() *catalogData {
	return &catalogData{images: map[string]*loaded[apiclient.Image]{}}
}

func (c *catalogData) imageList(source string) *loaded[apiclient.Image] {
	l := c.images[source]
	if l == nil {
		l = &loaded[apiclient.Image]{}
		c.images[source] = l
	}
	return l
}

// allImages is every image loaded so far, from any source.
func (c *catalogData) allImages() []apiclient.Image {
	var out []apiclient.Image
	for _, src := range imageSources {
		if l := c.images[src]; l != nil {
			out = append(out, l.items...)
		}
	}
	return out
}

var imageSources = []string{"public", "private", "shared"}

func (c *catalogData) findType(name string) *apiclient.InstanceType {
	for i := range c.types.items {
		if c.types.items[i].InstanceType == name {
			return &c.types.items[i]
		}
	}
	return nil
}

func (c *catalogData) findImage(id string) *apiclient.Image {
	for _, src := range imageSources {
		if l := c.images[src]; l != nil {
			for i := range l.items {
				if l.items[i].ImageID == id {
					return &l.items[i]
				}
			}
		}
	}
	return nil
}

func (c *catalogData) findConstraint(imageID string) *apiclient.ImageInstanceTypeConstraint {
	for i := range c.constraints.items {
		if c.constraints.items[i].ImageID == imageID {
			return &c.constraints.items[i].Constraint
		}
	}
	return nil
}

func (c *catalogData) findSubnet(id string) *apiclient.Subnet {
	for i := range c.subnets.items {
		if c.subnets.items[i].SubnetID == id {
			return &c.subnets.items[i]
		}
	}
	return nil
}

// facts are what the loaded catalogue knows about the draft's choices, for
// the rules that need it. Lists that failed to load stay unknown, so a
// failed look-up never blocks anyone.
func (c *catalogData) facts(d *wizard.Draft) *wizard.Facts {
	f := &wizard.Facts{}
	if c.types.ready() {
		f.TypesKnown = true
		f.InstanceType = c.findType(d.Spec.InstanceType)
	}
	if img := c.findImage(d.Spec.ImageID); img != nil {
		f.Image = img
		if c.constraints.ready() {
			f.ImageConstraint = c.findConstraint(img.ImageID)
		}
	}
	f.ImagesKnown = true
	for _, src := range imageSources {
		f.ImagesKnown = f.ImagesKnown && c.imageList(src).ready()
	}
	if c.diskTypes.ready() {
		f.DiskTypes = c.diskTypes.items
	}
	if c.subnets.ready() {
		f.Subnet = c.findSubnet(d.Spec.PrimaryNetworkInterface.SubnetID)
		f.SubnetsKnown = true
	}
	if c.groups.ready() {
		f.SecurityGroups = c.groups.items
		if f.SecurityGroups == nil {
			f.SecurityGroups = []apiclient.SecurityGroup{}
		}
	}
	// The quota is not a fact for the rules here: it can change before the
	// request is sent, so the review shows it and the API has the last word.
	if c.keypairs.ready() {
		f.Keypairs = c.keypairs.items
		if f.Keypairs == nil {
			f.Keypairs = []apiclient.Keypair{}
		}
	}
	return f
}

// vpcProblem reports a VPC the region does not have (the rules cannot: no
// fact carries the VPC list).
func (c *catalogData) vpcProblem(d *wizard.Draft) *wizard.Problem {
	id := d.Spec.PrimaryNetworkInterface.VpcID
	if id == "" || !c.vpcs.ready() {
		return nil
	}
	for _, v := range c.vpcs.items {
		if v.VpcID == id {
			return nil
		}
	}
	return &wizard.Problem{Path: wizard.PathVpcID, Message: apiclient.T("VPC %s does not exist in %s; choose one of this region's VPCs", id, d.Region)}
}

// busy reports whether a look-up the wizard's choices depend on is still
// running.
// A list shown from the cache counts as running until its fresh answer is
// in: the choices made from it wait for that answer.
func (c *catalogData) busy() bool {
	if c.types.state == loadBusy || c.constraints.state == loadBusy || c.vpcs.state == loadBusy ||
		c.subnets.state == loadBusy || c.groups.state == loadBusy || c.keypairs.state == loadBusy ||
		c.diskTypes.state == loadBusy || c.checkingStock() {
		return true
	}
	for _, l := range c.images {
		if l.state == loadBusy || l.refreshing {
			return true
		}
	}
	return false
}

// checkingStock reports whether the stock shown (instance types, disk
// types) is still being asked afresh.
func (c *catalogData) checkingStock() bool {
	return c.types.refreshing || c.diskTypes.refreshing
}

// load returns the command that performs one look-up.
func load[T any](kind, key string, fn func() (apiclient.Listing[T], error)) tea.Cmd {
	return func() tea.Msg {
		l, err := fn()
		return loadedMsg{kind: kind, key: key, items: l.Items, skipped: len(l.Skipped), err: err}
	}
}

// stockIn lists the zones (by their last letter) where a type is in stock
// and where it is sold out, for the type step's detail line.
func stockIn(t apiclient.InstanceType) (in, out []string) {
	for _, s := range t.State {
		z := zoneSuffix(s.Az)
		if s.InStock {
			in = append(in, z)
		} else {
			out = append(out, z)
		}
	}
	sort.Strings(in)
	sort.Strings(out)
	return in, out
}

func zoneSuffix(az string) string {
	if i := strings.LastIndexByte(az, '-'); i >= 0 && i+1 < len(az) {
		rest := az[i+1:]
		// cn-hongkong-11a -> "a"
		for j, r := range rest {
			if r < '0' || r > '9' {
				return rest[j:]
			}
		}
	}
	return az
}

// inStock reports whether the type is sold in zone: true when the catalogue
// says so, or says nothing of stock at all.
func inStock(t apiclient.InstanceType, zone string) bool {
	for _, s := range t.State {
		if s.Az == zone {
			return s.InStock
		}
	}
	return len(t.State) == 0
}

func diskSoldOut(d apiclient.DiskType, zone string) bool {
	for _, s := range d.State {
		if s.Az == zone && !s.InStock {
			return true
		}
	}
	return false
}
