package apiclient_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
)

const dropRegion = "cn-hongkong-11"

// nonceLedger sits in front of the sandbox and counts every delivery of
// every nonce, dropped or answered: what the issue is about is a nonce
// arriving twice.
type nonceLedger struct {
	next http.Handler
	mu   sync.Mutex
	seen map[string]int
	n    int
}

func (l *nonceLedger) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	l.seen[r.Header.Get(apiclient.HeaderNonce)]++
	l.n++
	l.mu.Unlock()
	l.next.ServeHTTP(w, r)
}

// deliveries returns how many requests arrived and how many of them
// carried a nonce that had arrived before.
func (l *nonceLedger) deliveries() (total, repeated int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range l.seen {
		repeated += k - 1
	}
	return l.n, repeated
}

// dropEnv is the real sandbox, dropping a fraction of answers after doing
// the work, behind a real HTTP server, and a real client whose Transport
// keeps enough connections alive that most drops hit a reused one (the
// case net/http's Transport would resend by itself).
func dropEnv(t *testing.T, opts sandbox.Options) (*apiclient.Client, *nonceLedger) {
	t.Helper()
	srv, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ledger := &nonceLedger{next: srv, seen: map[string]int{}}
	hs := httptest.NewServer(ledger)
	t.Cleanup(hs.Close)
	transport := &http.Transport{MaxIdleConnsPerHost: 16}
	t.Cleanup(transport.CloseIdleConnections)
	ak, sk := srv.Credentials()
	c, err := apiclient.New(apiclient.Config{
		AccessKey: ak, SecretKey: sk, Endpoint: hs.URL,
		HTTPClient: &http.Client{Transport: transport},
		Timeout:    10 * time.Second,
		// Short waits keep the test fast; 12 attempts make a call that fails
		// only by bad luck (0.3^12) practically impossible.
		Retry: apiclient.RetryPolicy{MaxAttempts: 12, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, ledger
}

func isNonceRefusal(err error) bool {
	return err != nil && strings.Contains(err.Error(), apiclient.MsgNonceReused)
}

// TestStatusChecksSurviveDroppedConnections is issue 9's status checks:
// 200 describeInstanceStatus calls, eight at a time, against a sandbox that
// drops 30% of answers. None may fail, least of all as a replayed nonce, and
// no nonce may reach the server twice.
func TestStatusChecksSurviveDroppedConnections(t *testing.T) {
	client, ledger := dropEnv(t, sandbox.Options{DropRate: 0.3, Seed: 9})
	const calls, workers = 200, 8
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed, nonceFailed := 0, 0
	jobs := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				_, err := client.DescribeInstanceStatus(context.Background(), dropRegion, []string{fmt.Sprintf("i-%08d", i)})
				if err == nil {
					continue
				}
				mu.Lock()
				failed++
				if isNonceRefusal(err) {
					nonceFailed++
				}
				mu.Unlock()
				t.Errorf("status check %d: %v", i, err)
			}
		})
	}
	for i := range calls {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	total, repeated := ledger.deliveries()
	t.Logf("%d status checks: %d deliveries, %d answers dropped and re-signed, %d nonces delivered twice, %d checks failed (%d as a refused nonce)",
		calls, total, total-calls, repeated, failed, nonceFailed)
	if repeated != 0 {
		t.Errorf("%d deliveries repeated a nonce already sent", repeated)
	}
	if total == calls {
		t.Errorf("no answer was dropped: the test proves nothing")
	}
}

// TestWaitingCreatesThroughDroppedConnections is issue 9's target at the
// client's level: 40 creates, each waited for by polling its status until
// running, against a sandbox that drops 30% of answers (creates included,
// after creating). Every create succeeds, exactly 40 instances exist, and
// they are exactly the ids the creates answered: no duplicates, no lost ids.
func TestWaitingCreatesThroughDroppedConnections(t *testing.T) {
	client, ledger := dropEnv(t, sandbox.Options{DropRate: 0.3, Seed: 40, BootMin: 20 * time.Millisecond, BootMax: 60 * time.Millisecond})
	ctx := context.Background()
	spec := createSpec(t, client)

	const creates = 40
	var wg sync.WaitGroup
	var mu sync.Mutex
	var answered []string
	for i := range creates {
		wg.Go(func() {
			req := apiclient.CreateInstancesRequest{InstanceSpec: spec, MaxCount: 1, ClientToken: fmt.Sprintf("cocvm-issue9-%02d", i)}
			resp, err := client.CreateInstances(ctx, dropRegion, req)
			if err != nil {
				t.Errorf("create %d: %v", i, err)
				return
			}
			mu.Lock()
			answered = append(answered, resp.InstanceIDs...)
			mu.Unlock()
			if err := waitRunning(ctx, client, resp.InstanceIDs); err != nil {
				t.Errorf("create %d: waiting: %v", i, err)
			}
		})
	}
	wg.Wait()

	all, err := client.DescribeInstances(ctx, dropRegion, nil)
	if err != nil {
		t.Fatal(err)
	}
	var exist []string
	for _, in := range all {
		exist = append(exist, in.InstanceID)
	}
	slices.Sort(exist)
	slices.Sort(answered)
	total, repeated := ledger.deliveries()
	t.Logf("%d waiting creates: %d deliveries, %d nonces delivered twice, %d instances exist, %d ids answered", creates, total, repeated, len(exist), len(answered))
	if !slices.Equal(exist, answered) || len(exist) != creates {
		t.Errorf("%d instances exist, %d ids answered, want %d of each and the same:\nexist    %v\nanswered %v", len(exist), len(answered), creates, exist, answered)
	}
	if repeated != 0 {
		t.Errorf("%d deliveries repeated a nonce already sent", repeated)
	}
}

// waitRunning polls the status of ids every 10 ms until all are running.
func waitRunning(ctx context.Context, client *apiclient.Client, ids []string) error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		rows, err := client.DescribeInstanceStatus(ctx, dropRegion, ids)
		if err != nil {
			return err
		}
		running := 0
		for _, r := range rows {
			if strings.EqualFold(r.Status, apiclient.StatusRunning) {
				running++
			}
		}
		if running == len(ids) {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return errors.New("not running after 10s")
}

// createSpec builds a body the sandbox accepts from what its catalogue
// lists (the look-ups go through the drops too).
func createSpec(t *testing.T, client *apiclient.Client) apiclient.InstanceSpec {
	t.Helper()
	ctx := context.Background()
	az := dropRegion + "a"
	images, err := client.DescribeImages(ctx, dropRegion, "public", "")
	if err != nil {
		t.Fatal(err)
	}
	var image string
	for _, im := range images {
		if im.OsType == "linux" && im.Status == "ready" {
			image = im.ImageID
			break
		}
	}
	vpcs, err := client.DescribeVpcs(ctx, dropRegion)
	if err != nil || len(vpcs) == 0 {
		t.Fatalf("vpcs %v: %v", vpcs, err)
	}
	vpc := vpcs[0].VpcID
	subnets, err := client.DescribeSubnets(ctx, dropRegion, vpc)
	if err != nil {
		t.Fatal(err)
	}
	var subnet string
	for _, s := range subnets {
		if s.Az == az {
			subnet = s.SubnetID
		}
	}
	groups, err := client.DescribeSecurityGroups(ctx, dropRegion, vpc)
	if err != nil || len(groups) == 0 {
		t.Fatalf("groups %v: %v", groups, err)
	}
	if image == "" || subnet == "" {
		t.Fatalf("no linux image (%d images) or no subnet in %s (%d subnets)", len(images), az, len(subnets))
	}
	return apiclient.InstanceSpec{
		Az: az, InstanceType: "g.n2.large", ImageID: image, Name: "issue9", Password: "Zk8@mLq2Tv",
		PrimaryNetworkInterface: apiclient.NetworkInterfaceSpec{
			VpcID: vpc, SubnetID: subnet,
			SecurityGroups: []apiclient.SecurityGroupCreate{{GroupID: groups[0].NetworkSecurityGroupID}},
		},
		SystemDisk: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40},
	}
}
