package watch

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// runTracker polls until the tracker is done (or max polls), advancing the
// fake clock by the tracker's own schedule, and returns every event.
func runTracker(t *testing.T, tr *Tracker, api API, clock *fakeClock, maxPolls int) []Event {
	t.Helper()
	var all []Event
	for n := 0; !tr.Done(); n++ {
		if n == maxPolls {
			t.Fatalf("not done after %d polls", maxPolls)
		}
		clock.Advance(tr.NextDelay(clock.Now()))
		all = append(all, tr.Poll(context.Background(), api, clock.Now)...)
	}
	return all
}

// The first check is at once (right after submit); then a batch nothing is
// expected of is asked every 500 ms; failed polls back off, doubling to 10 s.
func TestTrackerSchedule(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-slow", stays("pending"), "")
	api.failStatus[4], api.failStatus[5], api.failStatus[6], api.failStatus[7], api.failStatus[8] =
		errors.New("a"), errors.New("b"), errors.New("c"), errors.New("d"), errors.New("e")
	tr := NewTracker("cn-hongkong-11", []string{"i-slow"}, "", clock.Now())

	want := []time.Duration{0, 500, 500, 500, 1000, 2000, 4000, 8000, 10000, 500}
	var got []time.Duration
	for range want {
		d := tr.NextDelay(clock.Now())
		if at := tr.NextPollAt(); !at.Equal(clock.Now().Add(d)) {
			t.Fatalf("NextPollAt %v, want now + delay %v", at, d)
		}
		got = append(got, d/time.Millisecond)
		clock.Advance(d)
		tr.Poll(context.Background(), api, clock.Now)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("delays (ms) %v, want %v", got, want)
	}
}

// A request whose instances just began to change is asked as often as the
// budget allows for a while: the others boot with them.
func TestTrackerHotRequest(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-a", boots(time.Second), "10.0.1.2")
	api.add("i-b", boots(2*time.Second), "10.0.1.3")
	tr := NewTracker("r", []string{"i-a", "i-b"}, "", clock.Now())
	tr.Poll(context.Background(), api, clock.Now) // both pending: a change from nothing
	clock.Advance(time.Second)
	tr.Poll(context.Background(), api, clock.Now) // i-a runs
	if d := tr.NextDelay(clock.Now()); d != statusHotGap {
		t.Fatalf("after a sibling ran, the next poll is in %v, want %v", d, statusHotGap)
	}
	// Nothing changes for statusHotFor: then it cools.
	api.life["i-b"] = stays("pending")
	for clock.Now().Sub(statusTestStart) < time.Second+statusHotFor {
		clock.Advance(200 * time.Millisecond)
		tr.Poll(context.Background(), api, clock.Now)
	}
	if d := tr.NextDelay(clock.Now()); d != statusCoolGap {
		t.Fatalf("cooled down: next poll in %v, want %v", d, statusCoolGap)
	}
}

// A fleet is asked about one batch of at most 100 a poll, the batch asked
// longest ago first; settled instances are asked no more.
func TestTrackerBatches(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	ids := manyIDs(250)
	for _, id := range ids {
		api.add(id, stays("pending"), "")
	}
	tr := NewTracker("r", ids, "", clock.Now())
	for i := 0; i < 3; i++ {
		tr.Poll(context.Background(), api, clock.Now)
		clock.Advance(200 * time.Millisecond)
	}
	status, _ := api.calls()
	if len(status) != 3 || len(status[0]) != 100 || len(status[1]) != 100 || len(status[2]) != 50 ||
		status[0][0] != ids[0] || status[1][0] != ids[100] || status[2][0] != ids[200] {
		t.Fatalf("status calls of %d, %d, %d ids", len(status[0]), len(status[1]), len(status[2]))
	}
	// The first 100 run: the next rounds ask about the 150 others only.
	for _, id := range ids[:100] {
		api.life[id] = stays("running")
	}
	clock.Advance(time.Second)
	tr.Poll(context.Background(), api, clock.Now) // the first batch: they run
	first := map[string]bool{}
	for _, id := range ids[:100] {
		first[id] = true
	}
	for i := 0; i < 4; i++ {
		clock.Advance(tr.NextDelay(clock.Now()))
		tr.Poll(context.Background(), api, clock.Now)
	}
	status, _ = api.calls()
	for _, call := range status[4:] {
		for _, id := range call {
			if first[id] {
				t.Fatalf("%s asked again after it ran", id)
			}
		}
	}
}

func TestTrackerGivesUpAfterTenMinutes(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-slow", stays("pending"), "")
	api.add("i-fast", boots(5*time.Second), "10.0.1.2")
	tr := NewTracker("r", []string{"i-slow", "i-fast"}, "", clock.Now())
	events := runTracker(t, tr, api, clock, 5000)

	elapsed := clock.Now().Sub(statusTestStart)
	if elapsed < statusWatchLimit || elapsed > statusWatchLimit+statusMaxGap {
		t.Fatalf("gave up after %v, want just past %v", elapsed, statusWatchLimit)
	}
	s := tr.Summary()
	if !s.TimedOut || s.Pending != 1 || s.Running != 1 || s.Outcome() != SomeFailed {
		t.Fatalf("summary %+v", s)
	}
	last := events[len(events)-1]
	if last.Kind != EventTimedOut || last.ID != "i-slow" || !strings.Contains(last.Reason, "10 minutes") {
		t.Fatalf("last event %+v", last)
	}
	if r := s.Instances[0].Reason; !strings.Contains(r, "may still come up") {
		t.Fatalf("reason %q", r)
	}
}

func TestTrackerOutcomes(t *testing.T) {
	t.Parallel()
	const region = "cn-hongkong-11"
	tests := []struct {
		name       string
		life       lifecycle
		wantWord   string
		wantRun    bool
		wantFail   bool
		wantGone   bool
		wantReason string
		wantEvent  EventKind
	}{
		{"boots", boots(10 * time.Second), "running", true, false, false, "", EventRunning},
		{"upper case status", stays("RUNNING"), "running", true, false, false, "", EventRunning},
		{"error then deleted", fails(5*time.Second, 12*time.Second), "failed", false, true, true,
			"went to error and was deleted by the platform: not charged, quota released.", EventFailed},
		{"pending then gone", fails(time.Hour, 7*time.Second), "failed", false, true, true,
			"deleted by the platform", EventFailed},
		{"stopped", stays("Stopped"), "stopped", false, true, false, "ended stopped instead of running", EventFailed},
		{"never listed", never(), "not found", false, true, false, "was not found in cn-hongkong-11", EventFailed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := newFakeClock()
			api := newFakeStatusAPI(clock)
			api.add("i-one", tc.life, "10.0.1.12")
			if tc.name == "never listed" {
				delete(api.life, "i-one")
			}
			tr := NewTracker(region, []string{"i-one"}, "web", clock.Now())
			events := runTracker(t, tr, api, clock, 5000)
			in := tr.Instances()[0]
			if in.Word() != tc.wantWord || in.Running() != tc.wantRun || in.Failed() != tc.wantFail || in.Gone != tc.wantGone {
				t.Fatalf("got word %q running %v failed %v gone %v", in.Word(), in.Running(), in.Failed(), in.Gone)
			}
			if r := tr.Summary().Instances[0].Reason; !strings.Contains(r, tc.wantReason) || (tc.wantReason == "") != (r == "") {
				t.Fatalf("reason %q, want it to contain %q", r, tc.wantReason)
			}
			last := events[len(events)-1]
			if last.Kind != tc.wantEvent {
				t.Fatalf("last event %+v", last)
			}
			s := tr.Summary()
			if want := map[bool]Outcome{true: AllRunning, false: SomeFailed}[tc.wantRun]; s.Outcome() != want {
				t.Fatalf("outcome %d, summary %+v", s.Outcome(), s)
			}
			if s.Instances[0].InstanceID != "i-one" || s.Instances[0].Failed != tc.wantFail {
				t.Fatalf("outcome %+v", s.Instances[0])
			}
		})
	}
}

func TestTrackerNotFoundWaitsForGrace(t *testing.T) {
	t.Parallel()
	// A fresh create may not be listed at once: absent ids never seen stay
	// waiting for 30 s before they count as not found.
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	tr := NewTracker("r", []string{"i-late"}, "", clock.Now())
	for clock.Now().Sub(statusTestStart) < statusNotFoundGrace-statusMaxGap {
		clock.Advance(tr.NextDelay(clock.Now()))
		for _, e := range tr.Poll(context.Background(), api, clock.Now) {
			if e.Kind != EventNotYetFound {
				t.Fatalf("event before the grace: %+v", e)
			}
		}
	}
	if tr.Instances()[0].IsSettled() {
		t.Fatal("settled before the grace")
	}
	api.add("i-late", boots(0), "10.0.0.9")
	clock.Advance(tr.NextDelay(clock.Now()))
	tr.Poll(context.Background(), api, clock.Now)
	if !tr.Instances()[0].Running() || tr.Instances()[0].PrivateIP != "10.0.0.9" {
		t.Fatalf("late instance %+v", tr.Instances()[0])
	}
}

func TestTrackerAsksInBatchesOfAtMost100(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	ids := manyIDs(250)
	for i, id := range ids {
		switch {
		case i < 100:
			api.add(id, boots(0), "10.0.0.1") // running at the first poll
		case i < 200:
			api.add(id, boots(4*time.Second), "10.0.0.2") // at the second
		default:
			api.add(id, fails(0, 8*time.Second), "")
		}
	}
	tr := NewTracker("r", ids, "", clock.Now())
	runTracker(t, tr, api, clock, 5000)

	// One call asks about at most 100 ids, and none is asked about after
	// it settled.
	status, _ := api.calls()
	for i, call := range status {
		if len(call) > statusBatch {
			t.Fatalf("status call %d asked for %d ids, want at most %d", i+1, len(call), statusBatch)
		}
	}
	for _, in := range tr.Instances() {
		if in.asked.After(in.Settled) {
			t.Fatalf("%s was asked about at %v, after it settled at %v", in.ID, in.asked, in.Settled)
		}
	}
	// Addresses come with the status: every running one has its own.
	for _, in := range tr.Instances() {
		if in.Running() && in.PrivateIP == "" {
			t.Fatalf("%s runs without its address", in.ID)
		}
	}
	s := tr.Summary()
	if s.Running != 200 || s.Failed != 50 || s.Pending != 0 {
		t.Fatalf("summary %+v", s)
	}
}

func TestTrackerKeepsStatusThroughTransientErrors(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-a", boots(6*time.Second), "10.0.1.12")
	outage := &apiclient.APIError{HTTPStatus: 503, Status: "UNAVAILABLE", Message: "try later"}
	api.failStatus[2] = outage
	tr := NewTracker("r", []string{"i-a"}, "", clock.Now())

	clock.Advance(tr.NextDelay(clock.Now()))
	tr.Poll(context.Background(), api, clock.Now)
	if tr.Instances()[0].Status != "pending" {
		t.Fatalf("status %q", tr.Instances()[0].Status)
	}
	clock.Advance(tr.NextDelay(clock.Now()))
	ev := tr.Poll(context.Background(), api, clock.Now)
	if len(ev) != 1 || ev[0].Kind != EventPollError || !errors.Is(ev[0].Err, outage) {
		t.Fatalf("events %+v", ev)
	}
	if tr.Instances()[0].Status != "pending" || tr.LastError() == nil || tr.Done() {
		t.Fatalf("after an outage: status %q err %v done %v", tr.Instances()[0].Status, tr.LastError(), tr.Done())
	}
	if got := tr.NextDelay(clock.Now()); got != 2*statusCoolGap {
		t.Fatalf("the schedule goes on after an error: next %v", got)
	}
	clock.Advance(tr.NextDelay(clock.Now()))
	tr.Poll(context.Background(), api, clock.Now)
	if tr.LastError() != nil || tr.NextDelay(clock.Now()) != statusCoolGap {
		t.Fatalf("recovered: err %v, next %v", tr.LastError(), tr.NextDelay(clock.Now()))
	}
	runTracker(t, tr, api, clock, 5000)
	if !tr.Instances()[0].Running() || clock.Now().Sub(statusTestStart) > 6*time.Second+statusCoolGap {
		t.Fatalf("running %v at %v", tr.Instances()[0].Running(), clock.Now().Sub(statusTestStart))
	}
}

// One describeInstances call a poll gives the status and the addresses:
// the running event carries them, and no other call is made for them.
func TestTrackerAddressesComeWithTheStatus(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-a", boots(0), "10.0.1.12")
	api.public["i-a"] = "114.67.1.2"
	api.names["i-a"] = "web-01"
	tr := NewTracker("r", []string{"i-a"}, "web", clock.Now())
	events := runTracker(t, tr, api, clock, 5000)
	if status, _ := api.calls(); len(status) != 1 {
		t.Fatalf("%d calls, want 1", len(status))
	}
	a := tr.Instances()[0]
	if a.PrivateIP != "10.0.1.12" || a.ElasticIP != "114.67.1.2" || a.Name != "web-01" {
		t.Fatalf("i-a %+v", a)
	}
	if len(events) != 1 || events[0].Kind != EventRunning || events[0].PrivateIP != "10.0.1.12" || events[0].ElasticIP != "114.67.1.2" {
		t.Fatalf("events %+v", events)
	}
}

func TestTrackerRetryReplacesFailures(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-a", boots(0), "10.0.1.12")
	api.add("i-b", fails(0, 3*time.Second), "")
	tr := NewTracker("r", []string{"i-a", "i-b", "i-a"}, "", clock.Now())
	if len(tr.Instances()) != 2 {
		t.Fatalf("duplicates kept: %v", tr.IDs())
	}
	runTracker(t, tr, api, clock, 5000)
	if s := tr.Summary(); s.Failed != 1 || s.Outcome() != SomeFailed {
		t.Fatalf("before retry %+v", s)
	}

	api.add("i-c", boots(time.Minute), "10.0.1.14") // up 1 min after the original start
	tr.Add([]string{"i-c"}, "", clock.Now())
	if tr.Done() || tr.NextDelay(clock.Now()) != 0 {
		t.Fatalf("retry: done %v next %v", tr.Done(), tr.NextDelay(clock.Now()))
	}
	runTracker(t, tr, api, clock, 5000)
	s := tr.Summary()
	if s.Running != 2 || s.Replaced != 1 || s.Failed != 0 || s.Outcome() != AllRunning {
		t.Fatalf("after retry %+v", s)
	}
	if !strings.Contains(s.String(), "1 failed and retried") {
		t.Fatalf("summary text %q", s.String())
	}
}

func TestTrackerPlanIsASnapshot(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	tr := NewTracker("r", []string{"i-a", "i-b"}, "", clock.Now())
	p := tr.plan()
	p.IDs[0] = "changed"
	if tr.IDs()[0] != "i-a" {
		t.Fatal("the plan shares memory with the tracker")
	}
}

// A scripted COC-VM for status tests: each instance follows a lifecycle on
// a fake clock, and every call is recorded.

// statusTestStart is 12:01:03 UTC, the time of the design sketch.
var statusTestStart = time.Date(2025, 3, 14, 12, 1, 3, 0, time.UTC)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: statusTestStart} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Sleep is Plain's sleep on the fake clock; it records the delays.
func (c *fakeClock) sleeper(delays *[]time.Duration) func(ctx context.Context, d time.Duration) error {
	return func(ctx context.Context, d time.Duration) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if delays != nil {
			*delays = append(*delays, d)
		}
		c.Advance(d)
		return nil
	}
}

// lifecycle says an instance's status at an offset from the start; ok false
// means the API no longer lists it.
type lifecycle func(at time.Duration) (status string, ok bool)

// boots is pending until up, then running.
func boots(up time.Duration) lifecycle {
	return func(at time.Duration) (string, bool) {
		if at >= up {
			return "running", true
		}
		return "pending", true
	}
}

// fails is pending, error from errAt, and gone from goneAt.
func fails(errAt, goneAt time.Duration) lifecycle {
	return func(at time.Duration) (string, bool) {
		switch {
		case at >= goneAt:
			return "", false
		case at >= errAt:
			return "error", true
		}
		return "pending", true
	}
}

// stays always reports one status (any case).
func stays(status string) lifecycle {
	return func(time.Duration) (string, bool) { return status, true }
}

// never is an id the API has never heard of.
func never() lifecycle { return func(time.Duration) (string, bool) { return "", false } }

type fakeStatusAPI struct {
	mu      sync.Mutex
	clock   *fakeClock
	life    map[string]lifecycle
	private map[string]string
	public  map[string]string
	names   map[string]string
	// launch is each instance's launchTime, as describeInstances gives it.
	launch map[string]string
	// failStatus makes the given calls (1-based) fail.
	failStatus map[int]error

	statusCalls [][]string
}

func newFakeStatusAPI(clock *fakeClock) *fakeStatusAPI {
	return &fakeStatusAPI{
		clock: clock, life: map[string]lifecycle{},
		private: map[string]string{}, public: map[string]string{}, names: map[string]string{},
		launch: map[string]string{}, failStatus: map[int]error{},
	}
}

func (f *fakeStatusAPI) add(id string, l lifecycle, private string) {
	f.life[id] = l
	f.private[id] = private
}

// DescribeInstances answers a poll: each listed id with its status by
// the lifecycle, and its addresses.
func (f *fakeStatusAPI) DescribeInstances(ctx context.Context, region string, ids []string) ([]apiclient.Instance, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.statusCalls = append(f.statusCalls, append([]string(nil), ids...))
	if err := f.failStatus[len(f.statusCalls)]; err != nil {
		return nil, err
	}
	at := f.clock.Now().Sub(statusTestStart)
	var out []apiclient.Instance
	for _, id := range ids {
		l := f.life[id]
		if l == nil {
			continue
		}
		if st, ok := l(at); ok {
			d := apiclient.Instance{InstanceID: id, InstanceName: f.names[id], Status: st, LaunchTime: f.launch[id]}
			if strings.EqualFold(st, "running") {
				// As the sandbox does: addresses once it runs.
				d.PrivateIPAddress, d.ElasticIPAddress = f.private[id], f.public[id]
			}
			out = append(out, d)
		}
	}
	// The API's order is its own, not the caller's.
	sort.Slice(out, func(i, j int) bool { return out[i].InstanceID > out[j].InstanceID })
	return out, nil
}

func (f *fakeStatusAPI) calls() (status, addr [][]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([][]string(nil), f.statusCalls...), nil
}

// manyIDs returns n instance ids shaped like COC's.
func manyIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("i-%08d", i)
	}
	return ids
}

func TestTrackerStopsAfterRepeatedRefusals(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-a", stays("pending"), "")
	denied := &apiclient.APIError{HTTPStatus: 401, Status: "ACCESS_ERROR", Message: "Invalid accessKey"}
	api.failStatus[1] = denied
	api.failStatus[2] = denied
	api.failStatus[3] = &apiclient.APIError{HTTPStatus: 429, Status: "TOO_MANY_REQUESTS"} // transient: resets the count
	api.failStatus[4] = denied
	api.failStatus[5] = denied
	api.failStatus[6] = denied
	tr := NewTracker("r", []string{"i-a"}, "", clock.Now())
	events := runTracker(t, tr, api, clock, 5000)
	if status, _ := api.calls(); len(status) != 6 {
		t.Fatalf("%d polls, want 6 (the 429 restarts the count)", len(status))
	}
	if !errors.Is(tr.Aborted(), denied) || events[len(events)-1].Kind != EventAborted {
		t.Fatalf("aborted %v, last event %+v", tr.Aborted(), events[len(events)-1])
	}
	s := tr.Summary()
	if s.Pending != 1 || s.Outcome() != SomeFailed || !strings.Contains(s.Aborted, "Invalid accessKey") {
		t.Fatalf("summary %+v", s)
	}
	if !strings.Contains(s.String(), "1 unknown, stopped watching") {
		t.Fatalf("summary text %q", s.String())
	}
}

func TestTrackerOldRequestVanishedAtOnce(t *testing.T) {
	t.Parallel()
	// Watching a request sent an hour ago: an id nobody lists is not found
	// at the first poll, with no 30 s grace.
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-up", stays("running"), "10.0.0.1")
	tr := NewTracker("r", []string{"i-up", "i-gone"}, "", clock.Now())
	tr.SetSubmitted(clock.Now().Add(-time.Hour))
	clock.Advance(tr.NextDelay(clock.Now()))
	tr.Poll(context.Background(), api, clock.Now)
	if !tr.Done() || tr.Instances()[1].Word() != "not found" {
		t.Fatalf("done %v, i-gone %q", tr.Done(), tr.Instances()[1].Word())
	}
}

// The final result tells the truth: an instance deleted before any answer
// showed its error is "error", one never listed is "not found"; once the
// watch settled, nothing reads "pending".
func TestTrackerFinalStatuses(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-gone", fails(time.Hour, 2*time.Second), "") // pending, then deleted
	api.add("i-up", boots(time.Second), "10.0.0.2")
	tr := NewTracker("r", []string{"i-gone", "i-up", "i-never"}, "", clock.Now())
	runTracker(t, tr, api, clock, 5000)
	got := map[string]string{}
	for _, in := range tr.Summary().Instances {
		got[in.InstanceID] = in.Status
	}
	want := map[string]string{"i-gone": "error", "i-up": "running", "i-never": "not found"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("final statuses %v, want %v", got, want)
	}
}
