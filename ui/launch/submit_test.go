package launch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// zoneCreator answers each create by its zone: an error from refuse, else
// as many ids as the request asks for.
type zoneCreator struct {
	refuse map[string]error
	sent   []string // the zone of each request sent
	quotas int      // DescribeQuotas calls
}

func (c *zoneCreator) CreateInstances(_ context.Context, _ string, req apiclient.CreateInstancesRequest) (*apiclient.CreateInstancesResponse, error) {
	z := req.InstanceSpec.Az
	c.sent = append(c.sent, z)
	if err := c.refuse[z]; err != nil {
		return nil, err
	}
	resp := &apiclient.CreateInstancesResponse{RequestID: fmt.Sprintf("req-%d", len(c.sent))}
	for i := range max(req.MaxCount, 1) {
		resp.InstanceIDs = append(resp.InstanceIDs, fmt.Sprintf("i-%s-%d-%d", z[len(z)-1:], len(c.sent), i))
	}
	return resp, nil
}

func (c *zoneCreator) DescribeQuotas(context.Context, string) (*apiclient.Quotas, error) {
	c.quotas++
	return &apiclient.Quotas{Instances: &apiclient.QuotaUsage{Limit: 500, Used: 420}}, nil
}

// fleetReqs are the requests of count instances spread over zones a, b, c.
func fleetReqs(count int) []apiclient.CreateInstancesRequest {
	d := wizard.Draft{Region: "cn-hongkong-11", Count: count, ClientToken: "tok"}
	d.SetZones([]string{"cn-hongkong-11a", "cn-hongkong-11b", "cn-hongkong-11c"})
	return wizard.BuildSpread(d, wizard.Spread(count, d.Zones()))
}

var (
	soldOut = &apiclient.APIError{HTTPStatus: http.StatusBadRequest, Status: apiclient.StatusFailedPrecond,
		Message: "InstanceType 'g.n2.large' is out of stock in az 'cn-hongkong-11b'"}
	overQuota = &apiclient.APIError{HTTPStatus: http.StatusTooManyRequests, Status: apiclient.StatusQuotaExceeded,
		Message: "Instance quota limit exceeded"}
	badImage = &apiclient.APIError{HTTPStatus: http.StatusNotFound, Status: apiclient.StatusNotFound, Message: "Image 'img-x' not found"}
	lost     = &apiclient.TransportError{Method: http.MethodPost, URL: "https://vm/instances", Attempts: 5, Err: errors.New("connection reset")}
)

// A zone refused for stock or quota loses its requests; the other zones go
// on. Any other refusal stops the run, and an unknown outcome stops it
// with the rest left open for --resume.
func TestSubmitGoesOnInTheOtherZones(t *testing.T) {
	// 450 over three zones: 150 each, two requests a zone (100 + 50).
	for _, tc := range []struct {
		name    string
		refuse  map[string]error
		sent    []string
		created map[string]int
		missing int
		open    int
		journal []string
		failed  string // the zone of the request whose failure Err is
	}{
		{
			name:    "sold out in b",
			refuse:  map[string]error{"cn-hongkong-11b": soldOut},
			sent:    []string{"cn-hongkong-11a", "cn-hongkong-11a", "cn-hongkong-11b", "cn-hongkong-11c", "cn-hongkong-11c"},
			created: map[string]int{"cn-hongkong-11a": 150, "cn-hongkong-11b": 0, "cn-hongkong-11c": 150},
			missing: 150,
			journal: []string{"submitted", "submitted", "refused", "not-sent", "submitted", "submitted"},
			failed:  "cn-hongkong-11b",
		},
		{
			name:    "over quota in a and c",
			refuse:  map[string]error{"cn-hongkong-11a": overQuota, "cn-hongkong-11c": overQuota},
			sent:    []string{"cn-hongkong-11a", "cn-hongkong-11b", "cn-hongkong-11b", "cn-hongkong-11c"},
			created: map[string]int{"cn-hongkong-11a": 0, "cn-hongkong-11b": 150, "cn-hongkong-11c": 0},
			missing: 300,
			journal: []string{"refused", "not-sent", "submitted", "submitted", "refused", "not-sent"},
			failed:  "cn-hongkong-11a",
		},
		{
			name:    "another refusal stops the run",
			refuse:  map[string]error{"cn-hongkong-11b": badImage},
			sent:    []string{"cn-hongkong-11a", "cn-hongkong-11a", "cn-hongkong-11b"},
			created: map[string]int{"cn-hongkong-11a": 150, "cn-hongkong-11b": 0, "cn-hongkong-11c": 0},
			missing: 300,
			journal: []string{"submitted", "submitted", "refused", "not-sent", "not-sent", "not-sent"},
			failed:  "cn-hongkong-11b",
		},
		{
			name:    "an unknown outcome stops the run, the rest open",
			refuse:  map[string]error{"cn-hongkong-11b": lost},
			sent:    []string{"cn-hongkong-11a", "cn-hongkong-11a", "cn-hongkong-11b"},
			created: map[string]int{"cn-hongkong-11a": 150, "cn-hongkong-11b": 0, "cn-hongkong-11c": 0},
			open:    300,
			journal: []string{"submitted", "submitted", "unknown"},
			failed:  "cn-hongkong-11b",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := &zoneCreator{refuse: tc.refuse}
			j := &memJournal{}
			out := Submit(context.Background(), api, j, "cn-hongkong-11", "tok", fleetReqs(450))
			if !reflect.DeepEqual(api.sent, tc.sent) {
				t.Errorf("sent to %v, want %v", api.sent, tc.sent)
			}
			created, missing, open := map[string]int{}, 0, 0
			for _, z := range out.Zones() {
				created[z.Zone] = z.Created
				missing += z.Missing
				open += z.Open
				if z.Created != len(z.IDs) {
					t.Errorf("%s: %d created, %d ids", z.Zone, z.Created, len(z.IDs))
				}
			}
			if !reflect.DeepEqual(created, tc.created) || missing != tc.missing || open != tc.open || out.Missing() != tc.missing {
				t.Errorf("created %v, missing %d, open %d; want %v, %d, %d", created, missing, open, tc.created, tc.missing, tc.open)
			}
			// Intents first, then what became of each request.
			types := j.types()
			if len(types) < 6 || !reflect.DeepEqual(types[6:], tc.journal) {
				t.Errorf("journal %v, want 6 intents then %v", types, tc.journal)
			}
			if len(out.IDs()) != created["cn-hongkong-11a"]+created["cn-hongkong-11b"]+created["cn-hongkong-11c"] {
				t.Errorf("%d ids", len(out.IDs()))
			}
			if out.Err == nil || out.Unknown != (tc.open > 0) {
				t.Errorf("err %v, unknown %v", out.Err, out.Unknown)
			}
			if tc.open > 0 && len(out.OpenTokens()) != 4 {
				t.Errorf("open tokens %v, want the unknown request and the 3 after it", out.OpenTokens())
			}
			if failed, ok := out.Failed(); !ok || failed.InstanceSpec.Az != tc.failed {
				t.Errorf("Err is the failure of a request in %q (%v), want %s", failed.InstanceSpec.Az, ok, tc.failed)
			}
		})
	}
}

func TestSubmitReadsTheQuotaOnce(t *testing.T) {
	api := &zoneCreator{refuse: map[string]error{"cn-hongkong-11a": overQuota, "cn-hongkong-11b": overQuota}}
	out := Submit(context.Background(), api, nil, "cn-hongkong-11", "tok", fleetReqs(30))
	if api.quotas != 1 || out.Quota == nil || out.Quota.Instances.Left() != 80 {
		t.Errorf("%d quota look-ups, quota %+v", api.quotas, out.Quota)
	}
	zones := out.Zones()
	if len(zones) != 3 || zones[0].SoldOut() || zones[2].Created != 10 {
		t.Errorf("zones %+v", zones)
	}
}

func TestZoneOutcomeSoldOut(t *testing.T) {
	api := &zoneCreator{refuse: map[string]error{"cn-hongkong-11b": soldOut}}
	out := Submit(context.Background(), api, nil, "cn-hongkong-11", "tok", fleetReqs(3))
	var sold []string
	for _, z := range out.Zones() {
		if z.SoldOut() {
			sold = append(sold, z.Zone)
		}
	}
	if !reflect.DeepEqual(sold, []string{"cn-hongkong-11b"}) {
		t.Errorf("sold out in %v", sold)
	}
	if _, ok := out.Failed(); !ok {
		t.Error("no failed request")
	}
}
