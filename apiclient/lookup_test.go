package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a Debug writer the test can read while the client writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) lines(prefix string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, l := range strings.Split(s.b.String(), "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out
}

// answerJSON answers every request with body as the result.
func answerJSON(t *testing.T, result string, debug *syncBuffer) (*testClient, *fakeAPI) {
	t.Helper()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeEnvelope(w, http.StatusOK, Envelope{RequestID: "req-1", Result: json.RawMessage(result)})
	})
	cfg := Config{Endpoint: api.URL}
	if debug != nil {
		cfg.Debug = debug
	}
	return newTestClient(t, cfg), api
}

// One type the client cannot read must not empty the list: the wizard would
// show no instance types at all.
func TestOneOddInstanceTypeIsSkippedNotFatal(t *testing.T) {
	var debug syncBuffer
	c, _ := answerJSON(t, `{"instanceTypes": [
		{"family": "g.n2", "instanceType": "g.n2.large", "cpu": 2, "memoryMB": 8192, "state": [{"az": "cn-hongkong-11a", "inStock": true}]},
		{"family": "p.n1p4c", "instanceType": "p.n1p4c.2xlarge", "cpu": 8, "memoryMB": 26624, "state": [],
		 "localDisks": {"diskType": "ssd", "diskSizeGB": 440, "count": 2}, "gpu": {"model": "P4", "number": 1}},
		{"family": "p.n1p4c", "instanceType": "p.n1p4c.4xlarge", "cpu": 16, "memoryMB": 53248, "state": [],
		 "localDisks": [{"diskType": "ssd", "diskSizeGB": 440}]},
		{"family": "x", "instanceType": "x.odd.large", "cpu": "two", "memoryMB": 8192, "state": []},
		null
	], "totalCount": 5}`, &debug)
	ctx := context.Background()

	l, err := c.ListInstanceTypes(ctx, region, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Items) != 3 || len(l.Skipped) != 2 {
		t.Fatalf("%d read, %d skipped: %+v", len(l.Items), len(l.Skipped), l)
	}
	if ld := l.Items[1].LocalDisks; len(ld) != 1 || ld[0] != (LocalDisk{DiskType: "ssd", DiskSizeGB: 440, Count: 2}) {
		t.Errorf("localDisks as one object (the COC page): %+v", ld)
	}
	if ld := l.Items[2].LocalDisks; len(ld) != 1 || ld[0].DiskSizeGB != 440 {
		t.Errorf("localDisks as a list (the vm page): %+v", ld)
	}
	odd := l.Skipped[0]
	if odd.Call != "describeInstanceTypes" || odd.Index != 3 || odd.ID != "x.odd.large" || !strings.Contains(odd.Reason, "cpu") {
		t.Errorf("note %+v", odd)
	}
	if s := odd.String(); !strings.HasPrefix(s, "describeInstanceTypes item 3 (x.odd.large) skipped: ") {
		t.Errorf("note reads %q", s)
	}
	if n := l.Skipped[1]; n.Index != 4 || n.ID != "" || n.Reason != "the item is null" {
		t.Errorf("null item note %+v", n)
	}
	if lines := debug.lines("skip: "); len(lines) != 2 || !strings.Contains(lines[0], "x.odd.large") || !strings.Contains(lines[0], "request-id=req-1") {
		t.Errorf("debug lines %q", lines)
	}

	// The old call keeps its signature and returns what could be read.
	types, err := c.DescribeInstanceTypes(ctx, region, "")
	if err != nil || len(types) != 3 {
		t.Errorf("DescribeInstanceTypes: %d types, %v", len(types), err)
	}
}

func TestLocalDisksEncodeAsThePageShowsThem(t *testing.T) {
	one, _ := json.Marshal(InstanceType{LocalDisks: LocalDisks{{DiskType: "ssd", DiskSizeGB: 440, Count: 1}}})
	if !strings.Contains(string(one), `"localDisks":{"diskType":"ssd","diskSizeGB":440,"count":1}`) {
		t.Errorf("one: %s", one)
	}
	none, _ := json.Marshal(InstanceType{})
	if strings.Contains(string(none), "localDisks") {
		t.Errorf("none: %s", none)
	}
	var it InstanceType
	for _, bad := range []string{`{"localDisks": 5}`, `{"localDisks": "ssd"}`, `{"localDisks": [5]}`} {
		if err := json.Unmarshal([]byte(bad), &it); err == nil {
			t.Errorf("%s was read", bad)
		}
	}
}

func TestStringListReadsOneOrMany(t *testing.T) {
	var n InstanceNetworkInterface
	for _, c := range []struct{ in, want string }{
		{`{"privateIpAddress": "10.0.0.5"}`, "10.0.0.5"},
		{`{"privateIpAddress": ["10.0.0.6", "10.0.0.7"]}`, "10.0.0.6"},
		{`{"ip": "10.0.0.8", "privateIpAddress": ["10.0.0.9"]}`, "10.0.0.8"},
	} {
		n = InstanceNetworkInterface{}
		if err := json.Unmarshal([]byte(c.in), &n); err != nil || n.Address() != c.want {
			t.Errorf("%s: %q %v", c.in, n.Address(), err)
		}
	}
	if err := json.Unmarshal([]byte(`{"privateIpAddress": 5}`), &n); err == nil {
		t.Error("a number was read as an address")
	}
}

// Skipped items still count towards totalCount: no page is asked for that
// does not exist.
func TestSkippedItemsCountForPaging(t *testing.T) {
	c, api := answerJSON(t, `{"images": [
		{"imageId": "img-a", "name": "a", "platform": "CentOS", "osType": "linux", "imageSource": "public", "status": "ready", "systemDiskSizeGB": 40},
		{"imageId": "img-b", "name": "b", "systemDiskSizeGB": "forty"},
		{"imageId": "img-c", "name": "c", "platform": "Other Linux", "osType": "linux", "imageSource": "public", "status": "ready", "systemDiskSizeGB": 40}
	], "totalCount": 3}`, nil)
	l, err := c.ListImages(context.Background(), region, "public", "")
	if err != nil || len(l.Items) != 2 || len(l.Skipped) != 1 || l.Skipped[0].ID != "img-b" {
		t.Fatalf("%+v %v", l, err)
	}
	if n := len(api.requests()); n != 1 {
		t.Errorf("%d requests for one page of 3", n)
	}
}

// Only an answer whose list is not a list fails the whole look-up.
func TestAListThatIsNotAListFails(t *testing.T) {
	c, _ := answerJSON(t, `{"instanceTypes": {"instanceType": "g.n2.large"}}`, nil)
	_, err := c.DescribeInstanceTypes(context.Background(), region, "")
	if err == nil || !strings.Contains(err.Error(), "instanceTypes is an object, not a list") || !strings.Contains(err.Error(), "req-1") {
		t.Errorf("error %v", err)
	}
	c, _ = answerJSON(t, `{"totalCount": 0}`, nil)
	if types, err := c.DescribeInstanceTypes(context.Background(), region, ""); err != nil || len(types) != 0 {
		t.Errorf("no list at all: %v %v", types, err)
	}
}

// A status row that cannot be read fails the poll: left out, it would read
// as "this instance is gone", which is how a failed create looks.
func TestUnreadableStatusFailsThePoll(t *testing.T) {
	c, _ := answerJSON(t, `{"instanceStatuses": [{"instanceId": "i-a", "status": "running"}, {"instanceId": "i-b", "status": 3}], "totalCount": 2}`, nil)
	_, err := c.DescribeInstanceStatus(context.Background(), region, []string{"i-a", "i-b"})
	if err == nil || !strings.Contains(err.Error(), "i-b") {
		t.Errorf("error %v", err)
	}
}

func TestSharedImagesRefusedAreNone(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		writeError(w, http.StatusBadRequest, StatusInvalidArg, "Parameter ImageSource 'shared' is not supported yet")
	})
	var debug syncBuffer
	c := newTestClient(t, Config{Endpoint: api.URL, Debug: &debug})
	images, err := c.DescribeImages(context.Background(), region, "shared", "")
	if err != nil || len(images) != 0 {
		t.Errorf("shared: %v %v", images, err)
	}
	if lines := debug.lines("note: "); len(lines) != 1 || !strings.Contains(lines[0], "not supported yet") {
		t.Errorf("debug %q", lines)
	}
	// The same refusal of public images is an error.
	if _, err := c.DescribeImages(context.Background(), region, "public", ""); err == nil {
		t.Error("a refusal of public images was taken for none")
	}
}

func TestDescribeQuotasPicksTheFourThatLimitACreate(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Query().Get("serviceCode") != "" || r.URL.Query().Get("resourceType") != "" {
			t.Errorf("query %s: all quotas are asked for without codes", r.URL.RawQuery)
		}
		writeEnvelope(w, http.StatusOK, Envelope{RequestID: "req-q", Result: json.RawMessage(`{"quotaUsages": [
			{"serviceCode": "cocvm", "resourceType": "vm", "limit": 50, "used": 3},
			{"serviceCode": "cocvm", "resourceType": "keypair", "limit": 10, "used": 2},
			{"serviceCode": "cocdisk", "resourceType": "volume", "limit": 200, "used": 6},
			{"serviceCode": "cocdisk", "resourceType": "volume_size", "limit": 64000, "used": "many"},
			{"serviceCode": "cocdisk", "resourceType": "volume_size", "ownerType": "resource_id", "ownerId": "x", "limit": 1, "used": 1},
			{"serviceCode": "cocip", "resourceType": "elasticIp", "limit": 20, "used": 1}
		]}`)})
	})
	c := newTestClient(t, Config{Endpoint: api.URL})
	q, err := c.DescribeQuotas(context.Background(), region)
	if err != nil {
		t.Fatal(err)
	}
	if q.Instances == nil || q.Instances.Left() != 47 || q.Disks == nil || q.Disks.Limit != 200 ||
		q.ElasticIPs == nil || q.ElasticIPs.Used != 1 {
		t.Errorf("quotas %+v", q)
	}
	// The unreadable volume_size row is skipped; the resource's own row is
	// not the account's.
	if q.DiskGiB != nil || len(q.Skipped) != 1 || q.Skipped[0].ID != "volume_size" {
		t.Errorf("disk size quota %+v, skipped %+v", q.DiskGiB, q.Skipped)
	}
	if got := api.requests()[0].Path; got != "/v1/regions/"+region+"/quota:describeUsage" {
		t.Errorf("path %s", got)
	}
}

// An image constraint allows a type by its kind of list: excludes (the
// page's only served kind), includes, and any other kind allows all.
func TestImageConstraintAllows(t *testing.T) {
	ex := &ImageInstanceTypeConstraint{ConstraintsType: ConstraintsExcludes, InstanceTypes: []string{"p.n1p4c.2xlarge"}}
	in := &ImageInstanceTypeConstraint{ConstraintsType: "INCLUDES", InstanceTypes: []string{"g.n2.large"}}
	other := &ImageInstanceTypeConstraint{ConstraintsType: "sometimes", InstanceTypes: []string{"g.n2.large"}}
	for _, tc := range []struct {
		c    *ImageInstanceTypeConstraint
		t    string
		want bool
	}{
		{ex, "p.n1p4c.2xlarge", false}, {ex, "g.n2.large", true},
		{in, "g.n2.large", true}, {in, "g.n2.medium", false},
		{other, "g.n2.medium", true},
	} {
		if got := tc.c.Allows(tc.t); got != tc.want {
			t.Errorf("%s %v allows %s: %v, want %v", tc.c.ConstraintsType, tc.c.InstanceTypes, tc.t, got, tc.want)
		}
	}
}
