package watch

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/locale"
)

// sketchAPI is the status panel sketch of the design: two instances come up,
// one goes to error and is deleted by the platform.
func sketchAPI(clock *fakeClock) (*fakeStatusAPI, []string) {
	api := newFakeStatusAPI(clock)
	api.add("i-eumm4d6q", boots(16*time.Second), "10.0.1.12")
	api.add("i-y5nh29w1", boots(23*time.Second), "10.0.1.13")
	api.add("i-k2p9x7c0", fails(9*time.Second, 23*time.Second), "")
	return api, []string{"i-eumm4d6q", "i-y5nh29w1", "i-k2p9x7c0"}
}

func TestWatchPlainLines(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api, ids := sketchAPI(clock)
	api.public["i-y5nh29w1"] = "114.67.1.2"
	api.failStatus[2] = &apiclient.APIError{HTTPStatus: 503, Status: "UNAVAILABLE", Message: "try later", RequestID: "req-1"}
	var out bytes.Buffer
	var delays []time.Duration
	meta := Meta{Count: 3, InstanceType: "g.n2.large", Zone: "cn-hongkong-11a", RequestID: "c2i8w4g6kt5h", ClientToken: "cocvm-5f2c"}

	WriteSubmitted(&out, clock.Now(), "cn-hongkong-11", ids, meta)
	sum, err := Plain(context.Background(), &out, api, "cn-hongkong-11", ids, meta, Clock{Now: clock.Now, Sleep: clock.sleeper(&delays)})
	if err != nil {
		t.Fatal(err)
	}
	// Each change is seen within one check of it: the sandbox of this test
	// changes at 9 s, 16 s and 23 s.
	want := `12:01:03 submitted 3 × g.n2.large in cn-hongkong-11a (request c2i8w4g6kt5h, token cocvm-5f2c)
12:01:03 i-eumm4d6q pending
12:01:03 i-y5nh29w1 pending
12:01:03 i-k2p9x7c0 pending
12:01:03 check failed: HTTP 503 UNAVAILABLE: try later (request id req-1); trying again in 1 s
12:01:12 i-k2p9x7c0 error
12:01:19 i-eumm4d6q running 10.0.1.12
12:01:26 i-y5nh29w1 running 10.0.1.13, public 114.67.1.2
12:01:26 i-k2p9x7c0 error: deleted by the platform, not charged, quota released
12:01:26 done: 2 running, 1 failed
`
	if got := out.String(); got != want {
		t.Fatalf("plain lines:\n%s\nwant:\n%s", got, want)
	}
	if sum.Running != 2 || sum.Failed != 1 || sum.Outcome() != SomeFailed {
		t.Fatalf("summary %+v", sum)
	}
	// Waits: never longer than the cool gap, but after the failed check.
	for i, d := range delays {
		if d > statusCoolGap && d != 2*statusCoolGap {
			t.Fatalf("wait %d was %v: longer than %v", i, d, statusCoolGap)
		}
	}
}

func TestWatchPlainAllRunningExitsZero(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-a", boots(0), "10.0.0.5")
	var out bytes.Buffer
	sum, err := Plain(context.Background(), &out, api, "r", []string{"i-a"}, Meta{}, Clock{Now: clock.Now, Sleep: clock.sleeper(nil)})
	if err != nil || sum.Outcome() != AllRunning {
		t.Fatalf("err %v summary %+v", err, sum)
	}
	if !strings.HasSuffix(out.String(), "12:01:03 done: 1 running, 0 failed\n") {
		t.Fatalf("output %q", out.String())
	}
}

func TestWatchPlainInterrupted(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-a", stays("pending"), "")
	ctx, cancel := context.WithCancel(context.Background())
	sleeps := 0
	sleep := func(ctx context.Context, d time.Duration) error {
		if sleeps++; sleeps == 20 {
			cancel()
		}
		clock.Advance(d)
		return ctx.Err()
	}
	var out bytes.Buffer
	sum, err := Plain(ctx, &out, api, "cn-hongkong-11", []string{"i-a"}, Meta{}, Clock{Now: clock.Now, Sleep: sleep})
	if !errors.Is(err, context.Canceled) || !Interrupted(err) {
		t.Fatalf("err %v", err)
	}
	if sum.Pending != 1 {
		t.Fatalf("summary %+v", sum)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	last := lines[len(lines)-1]
	want := "12:01:12 stopped watching: the instances keep going; see them again with cocvm watch --region cn-hongkong-11 i-a"
	if last != want {
		t.Fatalf("last line %q\nwant       %q", last, want)
	}
}

func TestStatusResumeCommand(t *testing.T) {
	t.Parallel()
	if got := ResumeCommand("r", []string{"i-a"}, Meta{Journaled: true}); got != "cocvm watch --last" {
		t.Fatalf("journaled: %q", got)
	}
	if got := ResumeCommand("ap-singapore-11", []string{"i-a", "i-b"}, Meta{}); got != "cocvm watch --region ap-singapore-11 i-a i-b" {
		t.Fatalf("ids: %q", got)
	}
}

// A check that got no answer is said in words, not as the request's URL;
// an answer is quoted as the API gave it (TestWatchPlainLines).
func TestStatusErrorTextForNoAnswer(t *testing.T) {
	t.Parallel()
	err := &apiclient.TransportError{Method: "GET", URL: "http://127.0.0.1:18600/v1/regions/cn-hongkong-11/instances?filters.1.name=instanceId&pageSize=100",
		Err: io.EOF, Attempts: 5}
	p := locale.Printer(locale.English)
	if got, want := statusErrorText(p, err), "127.0.0.1:18600 closed the connection before answering (5 attempts)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := statusErrorText(locale.Printer(locale.Chinese), err); strings.Contains(got, "http://") || !strings.Contains(got, "127.0.0.1:18600") {
		t.Errorf("Chinese: %q", got)
	}
}
