package sandbox

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

// TestQueryThatDoesNotParseIs400: a query the sandbox cannot read is
// refused with JD Cloud's 400 envelope. Go's url.URL.Query drops every
// parameter when parsing fails, which used to turn a filtered
// describeInstances into an unfiltered list answered 200.
func TestQueryThatDoesNotParseIs400(t *testing.T) {
	e := newEnv(t, Options{BootMax: InstantBoot})
	req := e.validRequest()
	req.MaxCount = 2
	e.mustCreate(req)
	instances := "/v1/regions/" + testRegion + "/instances"

	// 10,000 parameters: one instanceId filter with 9,999 values; with
	// pageSize, 10,001.
	var b strings.Builder
	b.WriteString("filters.1.name=instanceId&filters.1.values.1=i-none")
	for i := 2; i < apiclient.MaxQueryParams; i++ {
		b.WriteString("&filters.1.values." + strconv.Itoa(i) + "=i-none")
	}
	many := b.String()
	if n := strings.Count(many, "&") + 1; n != apiclient.MaxQueryParams {
		t.Fatalf("built %d parameters", n)
	}

	tests := []struct {
		name, query, message string
	}{
		{"10,001 parameters", many + "&pageSize=10",
			"Invalid query: 10001 parameters, at most 10000 allowed"},
		{"malformed escape in a value", "filters.1.name=instanceId&filters.1.values.1=i-%zz",
			"Invalid parameter filters.1.values.1 'i-%zz': malformed percent-encoding"},
		{"malformed escape in a name", "filters.1.name=instanceId&filters.1.values%zz.1=i-a",
			"Invalid parameter name 'filters.1.values%zz.1': malformed percent-encoding"},
		{"truncated escape", "pageSize=1%",
			"Invalid parameter pageSize '1%': malformed percent-encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, env := e.asClient(http.MethodGet, instances+"?"+tt.query)
			if resp.StatusCode != 400 || env.Error == nil || env.Error.Code != 400 ||
				env.Error.Status != "INVALID_ARGUMENT" || env.Error.Message != tt.message {
				t.Fatalf("got %d %+v %s, want 400 INVALID_ARGUMENT %q", resp.StatusCode, env.Error, clipResult(env.Result), tt.message)
			}
			if id := resp.Header.Get("x-jdcloud-request-id"); id == "" || id != env.RequestID {
				t.Errorf("request id header %q, envelope %q", id, env.RequestID)
			}
		})
	}

	// Every call refuses it, not only the ones that filter: the same query
	// on a createInstances and a keypairs call.
	for _, c := range []struct{ method, path string }{
		{http.MethodPost, instances},
		{http.MethodGet, "/v1/regions/" + testRegion + "/keypairs"},
		{http.MethodGet, "/v1/regions/" + testRegion + "/imageConstraints"},
	} {
		resp, env := e.rawCall(c.method, c.path+"?x=%zz", []byte(`{}`), e.clock.Now(), nil)
		if resp.StatusCode != 400 || env.Error == nil || env.Error.Message != "Invalid parameter x '%zz': malformed percent-encoding" {
			t.Errorf("%s %s: %d %+v", c.method, c.path, resp.StatusCode, env.Error)
		}
	}

	// 10,000 parameters are still read: the filter matches nothing.
	resp, env := e.asClient(http.MethodGet, instances+"?"+many)
	var res apiclient.DescribeInstancesResult
	if resp.StatusCode != 200 || json.Unmarshal(env.Result, &res) != nil || res.TotalCount != 0 {
		t.Fatalf("10,000 parameters: %d %+v %s", resp.StatusCode, env.Error, clipResult(env.Result))
	}
}

func clipResult(r json.RawMessage) string {
	if len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return string(r)
}
