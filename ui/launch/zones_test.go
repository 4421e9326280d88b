package launch

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

// soldOutIn refuses every create in one zone for stock, as the API does
// when the zone ran out between the look-up and the create.
type soldOutIn struct {
	*apiclient.Client
	zone string
	mu   sync.Mutex
	sent []apiclient.CreateInstancesRequest
}

func (c *soldOutIn) CreateInstances(ctx context.Context, region string, req apiclient.CreateInstancesRequest) (*apiclient.CreateInstancesResponse, error) {
	c.mu.Lock()
	c.sent = append(c.sent, req)
	c.mu.Unlock()
	if req.InstanceSpec.Az == c.zone {
		return nil, soldOut
	}
	return c.Client.CreateInstances(ctx, region, req)
}

// The zone list is a multi-select once space is pressed: the instances
// are then spread over the zones picked, the review shows the split, and
// the submit sends a run of requests per zone.
func TestWizardSpreadsOverZones(t *testing.T) {
	t.Parallel()
	c := wzSandbox(t, sandbox.Options{})
	journal := &memJournal{}
	h := newWzHarness(t, Config{Catalog: c, Sandbox: true, Journal: journal,
		Draft: wizard.Draft{ClientToken: wzToken, Count: 5}}, 120, 50)
	h.atStep(stepZone)
	h.focusField(h.m.f.zone)
	h.key("space")
	if !h.m.f.zone.Multi || len(h.m.draft.Zones()) != 1 {
		t.Fatalf("space did not make a multi-select of one zone: multi %v, zones %v", h.m.f.zone.Multi, h.m.draft.Zones())
	}
	h.keys("down", "space")
	if got := h.m.draft.Zones(); !slices.Equal(got, []string{"cn-hongkong-11a", "cn-hongkong-11b"}) {
		t.Fatalf("zones %v after picking b", got)
	}
	h.wantView("zone step", "spread evenly over 2 zones", "3 of 5 here", "2 of 5 here")
	// Space on a picked zone leaves it out again; the cursor stays put.
	h.key("space")
	if got := h.m.draft.Zones(); !slices.Equal(got, []string{"cn-hongkong-11a"}) {
		t.Fatalf("zones %v after unpicking b", got)
	}
	h.key("space")

	wzToReview(t, h)
	h.wantView("review", "5 × g.n2.medium in cn-hongkong-11a, b", "5 instances over 2 zones: 3 in cn-hongkong-11a, 2 in cn-hongkong-11b",
		"cn-hongkong-11a, b", "1 of 2 requests", "--az cn-hongkong-11a,cn-hongkong-11b")
	h.keys("enter", "y")
	if h.m.phase != phaseStatus {
		t.Fatalf("no status panel:\n%s", h.view())
	}
	var zones []string
	var counts []int
	for _, r := range journal.recs {
		if r.Type == presets.RecordIntent {
			zones, counts = append(zones, r.Zone), append(counts, r.Count)
		}
	}
	if !slices.Equal(zones, []string{"cn-hongkong-11a", "cn-hongkong-11b"}) || !slices.Equal(counts, []int{3, 2}) {
		t.Errorf("intents in %v for %v, want 3 in a and 2 in b", zones, counts)
	}
	h.wantView("status", "Creating 5 × g.n2.medium · cn-hongkong-11a, b")
	h.pollStatus(2 * time.Second)
	sum := h.m.status.Summary()
	if sum.Running != 5 {
		t.Fatalf("%+v", sum)
	}
	for _, in := range sum.Instances {
		if in.Az == "" {
			t.Errorf("%s has no zone", in.InstanceID)
		}
	}
}

// A zone refused for stock does not stop the others: what was created is
// watched, the panel says what is missing, and its retry creates the
// missing ones in the zones that still have stock.
func TestWizardRetriesMissingInZonesWithStock(t *testing.T) {
	t.Parallel()
	cat := &soldOutIn{Client: wzSandbox(t, sandbox.Options{}), zone: "cn-hongkong-11b"}
	d := wizard.Draft{ClientToken: wzToken, Count: 6}
	d.SetZones([]string{"cn-hongkong-11a", "cn-hongkong-11b", "cn-hongkong-11c"})
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true, Draft: d}, 120, 50)
	h.atStep(stepZone)
	wzToReview(t, h)
	h.wantView("review", "6 instances over 3 zones: 2 in cn-hongkong-11a, 2 in cn-hongkong-11b, 2 in cn-hongkong-11c")
	h.keys("enter", "y")
	if h.m.phase != phaseStatus {
		t.Fatalf("no status panel:\n%s", h.view())
	}
	h.pollStatus(2 * time.Second)
	h.wantView("settled", "4 of 4 running", "✗ 2 not created", "2 not created in cn-hongkong-11b",
		"r create the 2 missing")
	h.key("r")
	h.wantView("retry asks", "Create 2 instances again in cn-hongkong-11a, c")
	h.key("y")
	last := cat.sent[len(cat.sent)-1]
	if n := len(cat.sent); n != 5 || last.InstanceSpec.Az != "cn-hongkong-11c" || cat.sent[3].InstanceSpec.Az != "cn-hongkong-11a" {
		var where []string
		for _, r := range cat.sent {
			where = append(where, r.InstanceSpec.Az)
		}
		t.Fatalf("creates went to %v, want the retry's 1 in a and 1 in c after a, b, c", where)
	}
	h.pollStatus(2 * time.Second)
	h.wantView("after the retry", "6 of 6 running")
	h.key("q")
	if h.m.outcome != watch.AllRunning {
		t.Errorf("outcome %d after the missing were created", h.m.outcome)
	}
	if strings.Contains(h.m.after, "not created") {
		t.Errorf("the farewell still says something is missing:\n%s", h.m.after)
	}
}
