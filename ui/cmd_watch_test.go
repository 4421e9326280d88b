package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/watch"
)

// watchEnv isolates the journal and config in temp directories and returns
// streams over buffers (no terminal).
func watchEnv(t *testing.T) (*iostreams.IOStreams, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	var out, errOut bytes.Buffer
	return &iostreams.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, &out, &errOut
}

func TestWatchUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"watch"}, "which instances? Give their ids (cocvm watch i-eumm4d6q i-y5nh29w1), or --last"},
		{[]string{"watch", "--last", "i-abc"}, "give instance ids or --last, not both"},
		{[]string{"watch", "vm-123"}, `"vm-123" is not an instance id`},
		{[]string{"watch", "--bogus"}, "unknown flag: --bogus"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			ios, _, errOut := watchEnv(t)
			code := Run(context.Background(), tc.args, ios, func(string) string { return "" })
			if code != ExitUsage {
				t.Fatalf("exit %d, want %d; stderr %q", code, ExitUsage, errOut)
			}
			if !strings.Contains(errOut.String(), tc.want) {
				t.Fatalf("stderr %q lacks %q", errOut, tc.want)
			}
		})
	}
}

func TestWatchLastWithEmptyJournal(t *testing.T) {
	ios, _, errOut := watchEnv(t)
	code := Run(context.Background(), []string{"watch", "--last"}, ios, func(string) string { return "" })
	if code != ExitFailed || !strings.Contains(errOut.String(), "nothing to watch with --last") ||
		!strings.Contains(errOut.String(), "cocvm watch i-") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestWatchIDs(t *testing.T) {
	t.Parallel()
	ids, err := watchIDs([]string{"i-a,i-b", "i-a", "i-c"})
	if err != nil || strings.Join(ids, " ") != "i-a i-b i-c" {
		t.Fatalf("ids %v err %v", ids, err)
	}
}

func TestLastTargetTakesTheWholeRun(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	recs := []presets.Record{
		{Type: presets.RecordSubmitted, Region: "ap-singapore-11", Run: "old", InstanceIDs: []string{"i-old"}, Count: 1},
		{Type: presets.RecordSubmitted, Region: "cn-hongkong-11", Run: "cocvm-run", ClientToken: "cocvm-run-1", RequestID: "req-1",
			InstanceIDs: manyIDs(100), Count: 100, InstanceType: "g.n2.large", Zone: "cn-hongkong-11a", Name: "fleet", Profile: "prod"},
		{Type: presets.RecordSubmitted, Region: "cn-hongkong-11", Run: "cocvm-run", ClientToken: "cocvm-run-2", RequestID: "req-2",
			InstanceIDs: []string{"i-x", "i-y"}, Count: 2, InstanceType: "g.n2.large", Zone: "cn-hongkong-11a", Name: "fleet", Profile: "prod"},
	}
	for _, r := range recs {
		if err := presets.Append(path, r); err != nil {
			t.Fatal(err)
		}
	}
	tg, warnings, err := lastTarget(path)
	if err != nil || len(warnings) != 0 {
		t.Fatal(err, warnings)
	}
	if len(tg.ids) != 102 || tg.ids[101] != "i-y" || tg.region != "cn-hongkong-11" || tg.meta.Count != 102 ||
		tg.meta.InstanceType != "g.n2.large" || tg.meta.RequestID != "req-2" || !tg.meta.Journaled {
		t.Fatalf("target %+v", tg)
	}

	env := &Env{Getenv: func(string) string { return "" }}
	followJournal(env, tg)
	if env.Flags.Profile != "prod" {
		t.Fatalf("the watch should use the profile the request went out with, got %q", env.Flags.Profile)
	}
	env = &Env{Getenv: func(string) string { return "" }, Flags: GlobalFlags{Profile: "other"}}
	followJournal(env, watchTarget{sandbox: true})
	if env.Flags.Sandbox || env.Flags.Profile != "other" {
		t.Fatalf("an explicit choice on the command line wins: %+v", env.Flags)
	}
	env = &Env{Getenv: func(string) string { return "" }}
	followJournal(env, watchTarget{sandbox: true})
	if !env.Flags.Sandbox {
		t.Fatal("a request that went to the in-process sandbox is watched there")
	}
}

// handClock is a clock near the real time (the sandbox checks signature
// dates against its own clock) that moves only when told.
type handClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *handClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *handClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

// sandboxFor starts a sandbox on clock and creates n instances in it.
func sandboxFor(t testing.TB, clock *handClock, failRate float64, n int) (url string, creds apiclient.Credentials, ids []string) {
	t.Helper()
	srv, err := sandbox.New(sandbox.Options{Now: clock.Now, Seed: 7, BootMin: 5 * time.Second, BootMax: 20 * time.Second,
		BootFailRate: failRate, Quota: max(n, 50)})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	ak, sk := srv.Credentials()
	c, err := apiclient.New(apiclient.Config{AccessKey: ak, SecretKey: sk, Endpoint: hs.URL})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const region = "cn-hongkong-11"
	az := region + "a"
	images, err := c.DescribeImages(ctx, region, "public", "")
	if err != nil {
		t.Fatal(err)
	}
	var image string
	for _, im := range images {
		if im.OsType == "linux" && im.Status == "ready" && im.SystemDiskSizeGB <= 40 {
			image = im.ImageID
			break
		}
	}
	vpcs, err := c.DescribeVpcs(ctx, region)
	if err != nil || len(vpcs) == 0 {
		t.Fatal(err)
	}
	subnets, err := c.DescribeSubnets(ctx, region, vpcs[0].VpcID)
	if err != nil {
		t.Fatal(err)
	}
	var subnet string
	for _, s := range subnets {
		if s.Az == az {
			subnet = s.SubnetID
		}
	}
	groups, err := c.DescribeSecurityGroups(ctx, region, vpcs[0].VpcID)
	if err != nil || len(groups) == 0 {
		t.Fatal(err)
	}
	resp, err := c.CreateInstances(ctx, region, apiclient.CreateInstancesRequest{
		InstanceSpec: apiclient.InstanceSpec{
			Az: az, InstanceType: "g.n2.large", ImageID: image, Name: "web-01", Password: "Zk8@mLq2Tv",
			PrimaryNetworkInterface: apiclient.NetworkInterfaceSpec{VpcID: vpcs[0].VpcID, SubnetID: subnet,
				SecurityGroups: []apiclient.SecurityGroupCreate{{GroupID: groups[0].NetworkSecurityGroupID}}},
			SystemDisk: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40},
		},
		MaxCount:    n,
		ClientToken: "cocvm-watch-test",
	})
	if err != nil {
		t.Fatalf("create in the sandbox: %v", err)
	}
	return hs.URL, apiclient.Credentials{AccessKey: ak, SecretKey: sk}, resp.InstanceIDs
}

// watchClock is clock as the plain watch's.
func (c *handClock) watchClock() watch.Clock { return watch.Clock{Now: c.Now, Sleep: c.Sleep} }

func credsEnv(c apiclient.Credentials) func(string) string {
	return func(k string) string {
		switch k {
		case apiclient.EnvAccessKey:
			return c.AccessKey
		case apiclient.EnvSecretKey:
			return c.SecretKey
		}
		return ""
	}
}

var plainLinePattern = regexp.MustCompile(`^\d\d:\d\d:\d\d `)

func TestWatchPlainAgainstTheSandbox(t *testing.T) {
	for _, tc := range []struct {
		name     string
		failRate float64
		wantExit int
		wantLine string
	}{
		{"all come up", 0, ExitOK, "done: 3 running, 0 failed"},
		{"all fail", 1, ExitFailed, "error: deleted by the platform, not charged, quota released"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ios, out, errOut := watchEnv(t)
			clock := &handClock{t: time.Now().UTC()}
			url, creds, ids := sandboxFor(t, clock, tc.failRate, 3)
			args := append([]string{"--endpoint", url, "watch", "--region", "cn-hongkong-11"}, ids...)
			code := run(context.Background(), args, &Env{IO: ios, Getenv: credsEnv(creds), Clock: clock.watchClock()})
			if code != tc.wantExit {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.wantExit, out, errOut)
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if !strings.Contains(lines[0], "watching 3 instances in cn-hongkong-11") {
				t.Fatalf("first line %q", lines[0])
			}
			for _, l := range lines {
				if !plainLinePattern.MatchString(l) {
					t.Fatalf("line without a time stamp: %q", l)
				}
			}
			if !strings.Contains(out.String(), tc.wantLine) {
				t.Fatalf("output lacks %q:\n%s", tc.wantLine, out)
			}
			for _, id := range ids {
				if !strings.Contains(out.String(), id+" pending") {
					t.Fatalf("no pending line for %s:\n%s", id, out)
				}
			}
		})
	}
}

func TestWatchLastAgainstTheSandboxJournalsTheOutcome(t *testing.T) {
	ios, out, errOut := watchEnv(t)
	clock := &handClock{t: time.Now().UTC()}
	url, creds, ids := sandboxFor(t, clock, 0, 2)
	journal := presets.JournalPath()
	err := presets.Append(journal, presets.Record{Type: presets.RecordSubmitted, Region: "cn-hongkong-11", Run: "cocvm-watch-test",
		ClientToken: "cocvm-watch-test", RequestID: "req-77", Count: 2, InstanceType: "g.n2.large", Zone: "cn-hongkong-11a",
		Name: "web-01", InstanceIDs: ids, Endpoint: url})
	if err != nil {
		t.Fatal(err)
	}
	code := run(context.Background(), []string{"--endpoint", url, "watch", "--last"}, &Env{IO: ios, Getenv: credsEnv(creds), Clock: clock.watchClock()})
	if code != ExitOK {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out.String(), "watching 2 instances in cn-hongkong-11 (request req-77)") {
		t.Fatalf("output:\n%s", out)
	}
	e, _, err := presets.Last(journal)
	if err != nil || e.Final == nil || len(e.Final.Statuses) != 2 || e.Final.Statuses[0].Status != "running" {
		t.Fatalf("final record %+v err %v", e.Final, err)
	}
}

// heapSampler is a watch.API that notes the peak heap after every call.
type heapSampler struct {
	watch.API
	peak uint64
}

func (h *heapSampler) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h.peak = max(h.peak, ms.HeapInuse)
}

func (h *heapSampler) DescribeInstances(ctx context.Context, region string, ids []string) ([]apiclient.Instance, error) {
	defer h.sample()
	return h.API.DescribeInstances(ctx, region, ids)
}

// BenchmarkWatchHundredInstances watches 100 instances of the sandbox come
// up (5-20 s boots, half of them failing) through the real client, on a hand
// clock: B/op is everything one whole watch allocates, peak-heap-MiB the
// most the process held during it (the in-process sandbox included).
func BenchmarkWatchHundredInstances(b *testing.B) {
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		clock := &handClock{t: time.Now().UTC()}
		url, creds, ids := sandboxFor(b, clock, 0.5, 100)
		c, err := apiclient.New(apiclient.Config{AccessKey: creds.AccessKey, SecretKey: creds.SecretKey, Endpoint: url})
		if err != nil {
			b.Fatal(err)
		}
		api := &heapSampler{API: c}
		runtime.GC()
		b.StartTimer()
		sum, err := watch.Plain(context.Background(), io.Discard, api, "cn-hongkong-11", ids, watch.Meta{}, clock.watchClock())
		if err != nil || sum.Running+sum.Failed != 100 {
			b.Fatalf("summary %+v err %v", sum, err)
		}
		peak = max(peak, api.peak)
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}
func manyIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("i-%08d", i)
	}
	return ids
}
