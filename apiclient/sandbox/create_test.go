package sandbox

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard/body"
)

// postBody sends a createInstances body as it is, signed, and returns the
// answer's envelope.
func (e *testEnv) postBody(t *testing.T, data string) (*http.Response, envelopeForTest) {
	t.Helper()
	return e.rawCall(http.MethodPost, "/v1/regions/"+testRegion+"/instances", []byte(data), e.clock.Now(), nil)
}

// validBody is the valid request as JSON, with extra members put first in
// instanceSpec.
func (e *testEnv) validBody(t *testing.T, specExtra string) string {
	t.Helper()
	data, err := json.Marshal(e.validRequest())
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if specExtra != "" {
		s = strings.Replace(s, `{"instanceSpec":{`, `{"instanceSpec":{`+specExtra+`,`, 1)
	}
	return s
}

// TestBodyZerosAreOutOfRange: an integer written as 0 is out of range, not
// the default: every Integer of the seed's tables starts at 1.
func TestBodyZerosAreOutOfRange(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	for _, tc := range []struct{ extra, want string }{
		{`"charge":{"chargeUnit":"month","chargeDuration":0}`, "InstanceSpec.Charge.ChargeDuration out of range"},
		{`"charge":{"chargeUnit":"year","chargeDuration":0}`, "InstanceSpec.Charge.ChargeDuration out of range"},
		{`"elasticIpSpec":{"sizeMbps":5,"provider":"bgp","chargeDuration":0}`, "InstanceSpec.ElasticIpSpec.ChargeDuration out of range"},
		{`"elasticIpSpec":{"sizeMbps":0,"provider":"bgp"}`, "InstanceSpec.ElasticIpSpec.SizeMbps out of range"},
		{`"dataDisks":[{"diskType":"ssd.gp1","diskSizeGB":0}]`, "InstanceSpec.DataDisks[0].DiskSizeGB out of range"},
	} {
		resp, env := e.postBody(t, e.validBody(t, tc.extra))
		if resp.StatusCode != 400 || env.Error == nil || env.Error.Status != "OUT_OF_RANGE" || env.Error.Message != tc.want {
			t.Errorf("%s: got %d %+v, want 400 OUT_OF_RANGE %q", tc.extra, resp.StatusCode, env.Error, tc.want)
		}
	}
	// Left out, the same fields take the documented defaults.
	resp, env := e.postBody(t, e.validBody(t, `"charge":{"chargeUnit":"month"},"elasticIpSpec":{"sizeMbps":5,"provider":"bgp"}`))
	if resp.StatusCode != 200 || env.Error != nil {
		t.Fatalf("defaults: got %d %+v", resp.StatusCode, env.Error)
	}
	if q := e.quota(); q.Used != 1 {
		t.Errorf("the refused bodies created instances: %+v", q)
	}
}

// TestDataDiskWithoutSize: the seed marks diskSizeGB optional, so a data
// disk without one is created (the service's default size applies).
func TestDataDiskWithoutSize(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	req := e.validRequest()
	req.InstanceSpec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.gp1"}}
	if ids := e.mustCreate(req); len(ids) != 1 {
		t.Fatalf("created %v", ids)
	}
}

// TestBodyRefusedInValidatesWords: the sandbox refuses a bad body with the
// first problem `cocvm validate` lists for it, word for word; the seed's own
// example (its request line dropped, its syntax repaired) is refused for its
// InstanceSpec, where it was once accepted.
func TestBodyRefusedInValidatesWords(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	seed := `{
  "maxCount":1,
  "InstanceSpec":{
    "az":"cn-hongkong-11a",
    "ImageId":"img-m5s0****29",
    "InstanceType":"g.n2.large",
    "name":"instance",
    "systemDisk":{"diskType":"ssd.gp1","diskSizeGB":100}
  }
}`
	for _, data := range []string{
		seed,
		e.validBody(t, `"ImageId":"img-1"`),
		e.validBody(t, `"name":"again"`),
		e.validBody(t, `"dataDisks":[{"diskType":"ssd.gp1","diskSizeGB":"40"}]`),
		e.validBody(t, `"az":`),
	} {
		ps := body.Decode([]byte(data)).Problems
		if len(ps) == 0 {
			t.Fatalf("the reader finds nothing wrong with %s", data)
		}
		want := "Request body is not valid: " + ps[0].String()
		if len(ps) > 1 {
			want += "; " + body.AndMore(len(ps)-1).String()
		}
		resp, env := e.postBody(t, data)
		if resp.StatusCode != 400 || env.Error == nil || env.Error.Status != "INVALID_ARGUMENT" || env.Error.Message != want {
			t.Errorf("%s:\n got %d %+v\nwant 400 INVALID_ARGUMENT %q", data, resp.StatusCode, env.Error, want)
		}
	}
	if q := e.quota(); q.Used != 0 {
		t.Errorf("refused bodies created instances: %+v", q)
	}
}
