package advice

import (
	"strings"
	"syscall"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

// The next steps that name cocvm's commands and flags are cocvm's; the rest
// of each explanation is apiclient's, unchanged.
func TestNextStepsInCocvmsWords(t *testing.T) {
	t.Parallel()
	_, endpoint := apiclient.New(apiclient.Config{AccessKey: "a", SecretKey: "s", Endpoint: "http://example.com"})
	refused := &apiclient.TransportError{Method: "GET", URL: "http://127.0.0.1:8089/v1/x", Attempts: 2, Err: syscall.ECONNREFUSED}
	for _, tc := range []struct {
		name string
		err  error
		want []string
	}{
		{"endpoint", endpoint, []string{"--insecure"}},
		{"refused", refused, []string{"sandbox", "cocvm sandbox serve"}},
		{"missing parameter", apiclient.NewAPIError(400, apiclient.StatusInvalidArg, "Parameter InstanceSpec.Name missing"),
			[]string{"Fill in Name and submit again", "`cocvm validate`"}},
		{"invalid parameter", apiclient.NewAPIError(400, apiclient.StatusInvalidArg, "Invalid something"), []string{"`cocvm validate`"}},
		{"unknown type", apiclient.NewAPIError(404, apiclient.StatusNotFound, "InstanceType 'x.y' not found"), []string{"the wizard lists them"}},
		{"unknown access key", apiclient.NewAPIError(401, apiclient.StatusAccessError, "Invalid accessKey"), []string{"JDCLOUD_ACCESS_KEY", "cocvm's config"}},
		{"credentials", apiclient.NewAPIError(401, apiclient.StatusAccessError, "something else"), []string{"JDCLOUD_SECRET_KEY", "~/.jdc/config"}},
		{"rate limit", apiclient.NewAPIError(429, "", "slow down"), []string{"cocvm already retried"}},
		{"not JSON", &apiclient.APIError{HTTPStatus: 502, NotJSON: true}, []string{"--endpoint", "COCVM_ENDPOINT"}},
	} {
		x, plain := Explain(tc.err), apiclient.Explain(tc.err)
		for _, w := range tc.want {
			if !strings.Contains(x.Next.String(), w) {
				t.Errorf("%s: next step %q lacks %q", tc.name, x.Next, w)
			}
		}
		if x.Summary.String() != plain.Summary.String() || x.Chinese != plain.Chinese || x.Detail != plain.Detail {
			t.Errorf("%s: more than the next step changed: %+v, apiclient's %+v", tc.name, x, plain)
		}
		if strings.Contains(plain.Next.String(), "cocvm") || strings.Contains(plain.Next.String(), "--") {
			t.Errorf("%s: apiclient names cocvm's commands or flags: %q", tc.name, plain.Next)
		}
	}
}

// Advice apiclient gives in general words is kept as it is.
func TestOtherNextStepsAreTheClients(t *testing.T) {
	t.Parallel()
	err := apiclient.NewAPIError(400, apiclient.StatusFailedPrecond, "Disk type 'ssd.io1' is out of stock")
	if x, plain := Explain(err), apiclient.Explain(err); x.Summary.String() != plain.Summary.String() || x.Next.String() != plain.Next.String() || x.Next.IsZero() {
		t.Errorf("%+v, apiclient's %+v", x, plain)
	}
}

// A quota refusal names its quota: the disk, disk size and elastic IP rows
// say so in their message; any other message is the instance quota's.
func TestQuotaNamesTheRefusedQuota(t *testing.T) {
	t.Parallel()
	refusal := func(msg string) error { return apiclient.NewAPIError(429, apiclient.StatusQuotaExceeded, msg) }
	for _, tc := range []struct {
		err  error
		want string
	}{
		{refusal("Instance quota limit exceeded"), apiclient.QuotaResourceType},
		{refusal("Volume quota limit exceeded"), apiclient.QuotaResourceVolume},
		{refusal("Volume size quota limit exceeded"), apiclient.QuotaResourceVolumeSize},
		{refusal("ElasticIp quota limit exceeded"), apiclient.QuotaResourceElasticIP},
		{refusal("quota exceeded"), apiclient.QuotaResourceType},
		{apiclient.NewAPIError(400, apiclient.StatusInvalidArg, "Volume quota limit exceeded"), ""},
		{nil, ""},
	} {
		if got := Quota(tc.err); got != tc.want {
			t.Errorf("Quota(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
