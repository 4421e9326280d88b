package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/google/uuid"
)

const testRegion = "cn-hongkong-11"

// testClock is a hand-moved clock. It starts at the real time because the
// client signs with the real clock and the gateway allows 15 minutes.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newTestClock() *testClock { return &testClock{t: time.Now().UTC()} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// testEnv is a sandbox behind a real HTTP server and the real client.
type testEnv struct {
	t      testing.TB
	clock  *testClock
	srv    *Server
	hs     *httptest.Server
	client *apiclient.Client
	rc     *regionCatalogue
}

// newEnv starts a sandbox. Unless opts says otherwise it uses a hand-moved
// clock, a fixed seed and a client that does not retry, so one call is one
// HTTP exchange.
func newEnv(t testing.TB, opts Options) *testEnv {
	t.Helper()
	return newEnvWith(t, opts, newTestClock())
}

// newEnvWith is newEnv on a given clock, for restarts.
func newEnvWith(t testing.TB, opts Options, clock *testClock) *testEnv {
	t.Helper()
	e := &testEnv{t: t, clock: clock}
	if opts.Now == nil {
		opts.Now = e.clock.Now
	}
	if opts.Seed == 0 {
		opts.Seed = 42
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = srv
	e.hs = httptest.NewServer(srv)
	t.Cleanup(e.hs.Close)
	e.client = e.newClient(apiclient.RetryPolicy{MaxAttempts: 1})
	e.rc = srv.cat.regions[testRegion]
	return e
}

func (e *testEnv) newClient(retry apiclient.RetryPolicy) *apiclient.Client {
	ak, sk := e.srv.Credentials()
	c, err := apiclient.New(apiclient.Config{AccessKey: ak, SecretKey: sk, Endpoint: e.hs.URL, Retry: retry, Timeout: 10 * time.Second})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func (e *testEnv) image(name string) string {
	for _, im := range e.rc.images {
		if im.info.Name == name {
			return im.info.ImageID
		}
	}
	e.t.Fatalf("no image %q", name)
	return ""
}

func (e *testEnv) vpc(name string) string {
	for _, v := range e.rc.vpcs {
		if v.VpcName == name {
			return v.VpcID
		}
	}
	e.t.Fatalf("no vpc %q", name)
	return ""
}

func (e *testEnv) subnet(vpcName, az string) *subnetEntry {
	vpc := e.vpc(vpcName)
	for _, sn := range e.rc.subnets {
		if sn.info.VpcID == vpc && sn.info.Az == az {
			return sn
		}
	}
	e.t.Fatalf("no subnet of %s in %s", vpcName, az)
	return nil
}

func (e *testEnv) group(vpcName, name string) string {
	vpc := e.vpc(vpcName)
	for _, g := range e.rc.groups {
		if g.VpcID == vpc && g.NetworkSecurityGroupName == name {
			return g.NetworkSecurityGroupID
		}
	}
	e.t.Fatalf("no group %s in %s", name, vpcName)
	return ""
}

// testPassword passes every password rule.
const testPassword = "Zk8@mLq2Tv"

// validRequest is a createInstances body the sandbox accepts: one
// g.n2.large with Ubuntu 22.04 in zone a of the default VPC.
func (e *testEnv) validRequest() apiclient.CreateInstancesRequest {
	az := testRegion + "a"
	return apiclient.CreateInstancesRequest{
		InstanceSpec: apiclient.InstanceSpec{
			Az:           az,
			InstanceType: "g.n2.large",
			ImageID:      e.image("Ubuntu 22.04 64位"),
			Name:         "web-01",
			Password:     testPassword,
			PrimaryNetworkInterface: apiclient.NetworkInterfaceSpec{
				VpcID:          e.vpc("default-vpc"),
				SubnetID:       e.subnet("default-vpc", az).info.SubnetID,
				SecurityGroups: []apiclient.SecurityGroupCreate{{GroupID: e.group("default-vpc", "default")}},
			},
			SystemDisk: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40},
		},
		MaxCount: 1,
	}
}

func (e *testEnv) create(req apiclient.CreateInstancesRequest) ([]string, error) {
	e.t.Helper()
	resp, err := e.client.CreateInstances(context.Background(), testRegion, req)
	if err != nil {
		return nil, err
	}
	return resp.InstanceIDs, nil
}

func (e *testEnv) mustCreate(req apiclient.CreateInstancesRequest) []string {
	e.t.Helper()
	ids, err := e.create(req)
	if err != nil {
		e.t.Fatalf("create: %v", err)
	}
	return ids
}

func (e *testEnv) statuses(ids []string) map[string]string {
	e.t.Helper()
	st, err := e.client.DescribeInstanceStatus(context.Background(), testRegion, ids)
	if err != nil {
		e.t.Fatalf("describeInstanceStatus: %v", err)
	}
	out := map[string]string{}
	for _, s := range st {
		out[s.InstanceID] = s.Status
	}
	return out
}

func (e *testEnv) quota() apiclient.QuotaUsage {
	e.t.Helper()
	q, err := e.client.DescribeQuota(context.Background(), testRegion)
	if err != nil {
		e.t.Fatalf("describeQuota: %v", err)
	}
	return *q
}

// rawCall sends a request signed as the client would, after mutate (which
// may break the signature on purpose), and decodes the envelope.
func (e *testEnv) rawCall(method, path string, body []byte, signAt time.Time, mutate func(*http.Request)) (*http.Response, envelopeForTest) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.hs.URL+path, bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	ak, sk := e.srv.Credentials()
	if err := apiclient.Sign(req, body, apiclient.Credentials{AccessKey: ak, SecretKey: sk}, testRegion, "cocvm", signAt, uuid.NewString()); err != nil {
		e.t.Fatal(err)
	}
	if mutate != nil {
		mutate(req)
	}
	return e.send(req)
}

type envelopeForTest struct {
	RequestID string          `json:"requestId"`
	Result    json.RawMessage `json:"result"`
	Error     *errorBody      `json:"error"`
}

func (e *testEnv) send(req *http.Request) (*http.Response, envelopeForTest) {
	e.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	var env envelopeForTest
	if err := json.Unmarshal(data, &env); err != nil {
		e.t.Fatalf("answer is not an envelope: %v: %s", err, data)
	}
	return resp, env
}

var requestIDPattern = regexp.MustCompile(`^[a-z0-9]{32}$`)

// wantAPIError checks that err is the API's answer with exactly this
// status and message.
func wantAPIError(t testing.TB, err error, code int, status, message string) {
	t.Helper()
	var ae *apiclient.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("got %v, want an API error %d %s %q", err, code, status, message)
	}
	if ae.HTTPStatus != code || ae.Status != status || ae.Message != message {
		t.Fatalf("got %d %s %q, want %d %s %q", ae.HTTPStatus, ae.Status, ae.Message, code, status, message)
	}
	if !requestIDPattern.MatchString(ae.RequestID) {
		t.Fatalf("request id %q is not 32 lower-case letters and digits", ae.RequestID)
	}
}

func asAPIError(err error, target **apiclient.APIError) bool { return errors.As(err, target) }

func ioNopCloser(r io.Reader) io.ReadCloser { return io.NopCloser(r) }
