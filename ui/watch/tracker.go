package watch

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/locale"
)

// The status tracker is the poll state machine behind the status panel and
// the plain progress lines. It holds no goroutines and no clock of its own:
// a caller asks it for a plan, performs the calls (fetchPoll), and hands the
// answer back (apply). The panel runs fetchPoll inside a tea.Cmd, so the plan
// and the result are plain values that never share memory with the tracker.

// API is the part of *apiclient.Client the watch needs. Polls use
// describeInstances filtered by instanceId, as that page's own example
// does ("describeInstances": filters.1.name=instanceId, up to 100 a call):
// one call gives the status and the addresses, where describeInstanceStatus
// would need a second call for the addresses of each instance that runs.
type API interface {
	DescribeInstances(ctx context.Context, region string, ids []string) ([]apiclient.Instance, error)
}

// Poll schedule. Each poll asks about one batch of at most statusBatch
// unsettled instances (one describeInstances call), so a fleet of
// 1,000 costs ten calls a round, and settled instances stop costing any.
// Every call waits for the run's Budget, so the schedule only says which
// batch is due and when: a batch never asked is due at once (right after
// submit); a batch whose request just saw a change ("hot": its instances
// boot together, so the others are about to follow) is due statusHotGap
// after it was asked (the default budget's pace), for statusHotFor; any
// other batch statusCoolGap after it was last asked. Polls that fail back off, doubling the gap up to
// statusMaxGap. The watch gives up after 10 minutes.
const (
	statusBatch      = 100
	statusHotGap     = time.Second / DefaultCallsPerSecond
	statusCoolGap    = 500 * time.Millisecond
	statusHotFor     = 3 * time.Second
	statusMaxGap     = 10 * time.Second
	statusWatchLimit = 10 * time.Minute
	// An id that no answer has ever listed is reported as not found only
	// after this long, so a list that lags a fresh create is not mistaken
	// for a failure.
	statusNotFoundGrace = 30 * time.Second
	// After this many polls in a row that the API refused outright (a 4xx
	// other than 408 and 429, or an endpoint the client will not use) the
	// watch stops: waiting cannot fix a wrong key or region.
	statusRefusals = 3
)

// failureKind says why an instance did not come up.
type failureKind int

const (
	failNone     failureKind = iota
	failDeleted              // pending or error, then gone: the platform deleted it
	failStatus               // ended in a status other than running (stopped, ...)
	failNotFound             // never listed at all
	failTimedOut             // still transitional when the watch gave up
)

// TrackedInstance is what the watch knows about one instance.
type TrackedInstance struct {
	ID   string
	Name string
	// Status is the last status the API reported, lower case; "" until the
	// instance is first listed.
	Status string
	// Zone is where the instance is: the zone describeInstances gives,
	// or the one it was created in (SetZones).
	Zone      string
	FirstSeen time.Time // when an answer first listed it
	Settled   time.Time // when it reached running or failed for good
	PrivateIP string
	ElasticIP string
	// Gone is set when the instance vanished from the status list.
	Gone bool
	// Replaced is set on a failed instance once a retry was submitted for it.
	Replaced bool

	since time.Time // when the watch of this instance began
	// launched is the API's launchTime, once an answer gave it: ELAPSED
	// counts from it, so `cocvm watch` of an older instance says its age.
	launched time.Time

	group    int       // the batch of the request it came in, for hotness
	asked    time.Time // when a status call last asked about it
	hotUntil time.Time // until then, its batch is asked as often as the budget allows

	failure      failureKind
	notedMissing bool // an EventNotYetFound was given for it
}

// Running reports whether the instance came up.
func (i *TrackedInstance) Running() bool {
	return i.Status == apiclient.StatusRunning && i.failure == failNone
}

// Failed reports whether the instance is counted as failed (including one
// still transitional when the watch gave up).
func (i *TrackedInstance) Failed() bool { return i.failure != failNone && i.failure != failTimedOut }

// IsSettled reports whether the instance reached running or failed for good.
func (i *TrackedInstance) IsSettled() bool { return !i.Settled.IsZero() }

// Word is the status word shown for the instance: the API's status, or what
// became of it when it failed.
func (i *TrackedInstance) Word() string {
	switch i.failure {
	case failDeleted:
		return "failed"
	case failNotFound:
		return "not found"
	}
	if i.Status == "" {
		return "pending" // as the summary counts it
	}
	return i.Status
}

// reasonText is the full sentence explaining a failure in p's language, ""
// when none. It follows the instance id ("i-k2p9x7c0 went to error and was
// deleted..."), or with many the ids of several sharing it ("i-a, i-b were
// not found...").
func (i *TrackedInstance) reasonText(p *message.Printer, region string, many bool) string {
	switch {
	case i.failure == failDeleted && many:
		return p.Sprintf("went to error and were deleted by the platform: not charged, quota released.")
	case i.failure == failDeleted:
		return p.Sprintf("went to error and was deleted by the platform: not charged, quota released.")
	case i.failure == failStatus && many:
		return p.Sprintf("ended %s instead of running; they will not come up by itself.", StatusWord(p, i.Status))
	case i.failure == failStatus:
		return p.Sprintf("ended %s instead of running; it will not come up by itself.", StatusWord(p, i.Status))
	case i.failure == failNotFound && many:
		return p.Sprintf("were not found in %s: they may have failed and been deleted already, or the id or region is wrong.", region)
	case i.failure == failNotFound:
		return p.Sprintf("was not found in %s: it may have failed and been deleted already, or the id or region is wrong.", region)
	case i.failure == failTimedOut && many:
		return p.Sprintf("were still %s after %d minutes, so the watch gave up; they may still come up.", StatusWord(p, i.Word()), statusLimitMinutes)
	case i.failure == failTimedOut:
		return p.Sprintf("was still %s after %d minutes, so the watch gave up; it may still come up.", StatusWord(p, i.Word()), statusLimitMinutes)
	}
	return ""
}

// shortReason is the reason in the few words a plain progress line has room
// for.
func (i *TrackedInstance) shortReason(p *message.Printer, region string) string {
	switch i.failure {
	case failDeleted:
		return p.Sprintf("deleted by the platform, not charged, quota released")
	case failStatus:
		return p.Sprintf("ended %s instead of running", StatusWord(p, i.Status))
	case failNotFound:
		return p.Sprintf("no such instance in %s (already deleted, or another region)", region)
	case failTimedOut:
		return p.Sprintf("still %s after %d minutes, stopped watching (it may still come up)", StatusWord(p, i.Word()), statusLimitMinutes)
	}
	return ""
}

// statusLimitMinutes is the watch's limit as the reasons say it.
const statusLimitMinutes = int(statusWatchLimit / time.Minute)

// StatusWord is an instance's status word (the API's, or what became of
// it) in the printer's language; a status the API adds later stays as sent.
func StatusWord(p *message.Printer, w string) string {
	switch w {
	case "pending":
		return p.Sprintf("pending")
	case "starting":
		return p.Sprintf("starting")
	case "running":
		return p.Sprintf("running")
	case "stopping":
		return p.Sprintf("stopping")
	case "stopped":
		return p.Sprintf("stopped")
	case "rebooting":
		return p.Sprintf("rebooting")
	case "rebuilding":
		return p.Sprintf("rebuilding")
	case "resizing":
		return p.Sprintf("resizing")
	case "error":
		return p.Sprintf("error")
	case "deleting":
		return p.Sprintf("deleting")
	case "deleted":
		return p.Sprintf("deleted")
	case "failed":
		return p.Sprintf("failed")
	case "not found":
		return p.Sprintf("not found")
	}
	return w
}

// Elapsed is how long the instance took, or has taken so far, since its
// watch began.
func (i *TrackedInstance) Elapsed(now time.Time) time.Duration {
	end := now
	if i.IsSettled() {
		end = i.Settled
	}
	start := i.since
	// launchTime is to the second: within a second of the watch's start
	// (a create of this run) the watch's own start is the more precise.
	if !i.launched.IsZero() && i.launched.Before(i.since.Add(-time.Second)) {
		start = i.launched
	}
	if end.Before(start) {
		return 0
	}
	return end.Sub(start)
}

// EventKind says what a Event reports.
type EventKind int

// The kinds of change a poll can report.
const (
	EventStatus      EventKind = iota // first status, or a change between transitional ones
	EventRunning                      // the instance is running, with its addresses
	EventFailed                       // the instance failed for good
	EventPollError                    // a poll failed; statuses kept, next tick retries
	EventTimedOut                     // the watch limit passed with the instance unsettled
	EventAborted                      // the API refused too many polls in a row; the watch stops
	EventNotYetFound                  // an id no answer listed yet (once per instance, before the grace ends)
)

// Event is one change seen by a poll: the material of a plain line.
type Event struct {
	At        time.Time
	Kind      EventKind
	ID        string
	Status    string // the status word
	PrivateIP string
	ElasticIP string
	Reason    string // short reason of a failure or a time-out
	Err       error  // the poll error
}

// Summary counts the instances of a watch and says what became of each.
type Summary struct {
	Total    int
	Running  int
	Failed   int  // failed and not replaced by a retry
	Replaced int  // failed, then replaced by a retry in the same panel
	Pending  int  // not settled (only non-zero when the watch was stopped or timed out)
	TimedOut bool // the watch gave up after its limit
	// Aborted is the error that stopped the watch early, "" when none.
	Aborted string `json:"aborted,omitempty"`
	// Instances are the outcomes in the order watched.
	Instances []InstanceOutcome
}

// InstanceOutcome is what became of one instance (for the journal and -o json).
type InstanceOutcome struct {
	InstanceID string `json:"instanceId"`
	Name       string `json:"name,omitempty"`
	// Status is what became of it: the last status the API reported, but
	// "error" for one the platform deleted after a failed start (even when
	// no answer showed its error), and "not found" for one never listed.
	Status    string `json:"status"`
	PrivateIP string `json:"privateIpAddress,omitempty"`
	ElasticIP string `json:"elasticIpAddress,omitempty"`
	// Az is the instance's zone, when known.
	Az string `json:"az,omitempty"`
	// Failed is set when the instance will not come up; Reason says why.
	Failed bool `json:"failed,omitempty"`
	Gone   bool `json:"gone,omitempty"`
	// Reason is in English whatever the language (-o json and the journal
	// never change); Said is the same in the watch's language, for a
	// person.
	Reason string `json:"reason,omitempty"`
	Said   string `json:"-"`
}

// Outcome is how a watch ended.
type Outcome int

// The outcomes of a watch; the command line turns them into exit codes 0, 1
// and 130.
const (
	AllRunning Outcome = iota // every instance runs (failures replaced by a retry aside)
	SomeFailed                // an instance failed, or the watch gave up on it
	Stopped                   // stopped before every instance settled: they keep going
)

// Outcome is AllRunning when every instance runs (failures replaced by a
// retry aside), SomeFailed otherwise.
func (s Summary) Outcome() Outcome {
	if s.Running+s.Replaced == s.Total {
		return AllRunning
	}
	return SomeFailed
}

// String is the summary as the plain "done:" line says it.
func (s Summary) String() string { return s.Text(locale.Printer(locale.English)) }

// Text is String in p's language.
func (s Summary) Text(p *message.Printer) string {
	parts := []string{p.Sprintf("%d running", s.Running)}
	if s.Failed > 0 || s.Pending == 0 {
		parts = append(parts, p.Sprintf("%d failed", s.Failed))
	}
	if s.Replaced > 0 {
		parts = append(parts, p.Sprintf("%d failed and retried", s.Replaced))
	}
	if s.Pending > 0 {
		switch {
		case s.Aborted != "":
			parts = append(parts, p.Sprintf("%d unknown, stopped watching", s.Pending))
		case s.TimedOut:
			parts = append(parts, p.Sprintf("%d still pending, stopped watching", s.Pending))
		default:
			parts = append(parts, p.Sprintf("%d pending", s.Pending))
		}
	}
	return strings.Join(parts, p.Sprintf(", "))
}

// Tracker follows a set of instances until each is running or has failed.
type Tracker struct {
	region string
	p      *message.Printer // the language of the events' reasons; nil is English
	start  time.Time
	list   []*TrackedInstance
	byID   map[string]*TrackedInstance

	lastPoll time.Time
	failures int // failed polls in a row, for the back-off
	groups   int // groups handed out so far
	lastErr  error
	timedOut bool
	refusals int   // polls refused in a row
	aborted  error // the refusal that stopped the watch
	// submitted is when the watched request was sent, when known: an id
	// still unlisted 30 s after it is not found, however late the watch
	// began.
	submitted time.Time
	// changes counts the polls applied and instances added, so a screen
	// redrawn many times a second knows when what it derived is stale.
	changes int
}

// NewTracker starts tracking ids (duplicates dropped, order kept) in region;
// name is shown for every instance until describeInstances reports its own.
// start is when the watch began: the schedule, elapsed times and the limit
// count from it.
func NewTracker(region string, ids []string, name string, start time.Time) *Tracker {
	t := &Tracker{region: region, start: start, byID: make(map[string]*TrackedInstance, len(ids))}
	t.track(ids, name, start)
	return t
}

// track adds ids (duplicates dropped), grouped by statusBatch in the order
// given: the order the requests returned them.
func (t *Tracker) track(ids []string, name string, now time.Time) {
	t.changes++
	n := 0
	for _, id := range ids {
		if _, dup := t.byID[id]; dup || id == "" {
			continue
		}
		in := &TrackedInstance{ID: id, Name: name, since: now, group: t.groups + n/statusBatch}
		t.list = append(t.list, in)
		t.byID[id] = in
		n++
	}
	t.groups += (n + statusBatch - 1) / statusBatch
}

// SetZones says which zone each instance was created in (by id), until
// describeInstances says where it is.
func (t *Tracker) SetZones(zones map[string]string) {
	for id, z := range zones {
		if in := t.byID[id]; in != nil && in.Zone == "" {
			in.Zone = z
		}
	}
}

// SetSubmitted says when the watched instances were created, so that an
// old request's vanished instances count as not found without waiting.
func (t *Tracker) SetSubmitted(at time.Time) { t.submitted = at }

// Region is the region the instances live in.
func (t *Tracker) Region() string { return t.region }

// Instances returns the tracked instances in the order given. The caller must
// not modify them.
func (t *Tracker) Instances() []*TrackedInstance { return t.list }

// IDs returns the tracked ids in order.
func (t *Tracker) IDs() []string {
	ids := make([]string, len(t.list))
	for i, in := range t.list {
		ids[i] = in.ID
	}
	return ids
}

// LastError is the error of the latest poll, nil when it succeeded.
func (t *Tracker) LastError() error { return t.lastErr }

// Aborted is the error that stopped the watch early (the API refused
// statusRefusals polls in a row), nil when none.
func (t *Tracker) Aborted() error { return t.aborted }

// NextPollAt is when the next poll is due (see the schedule above); a
// poll whose only work is looking up addresses is due at once.
func (t *Tracker) NextPollAt() time.Time {
	_, due := t.nextBatch()
	return due
}

// NextDelay is how long from now until the next poll is due, never
// negative.
func (t *Tracker) NextDelay(now time.Time) time.Duration {
	return max(t.NextPollAt().Sub(now), 0)
}

// gap is how long after it was asked a batch nothing is expected of is due
// again: statusCoolGap, doubled for each failed poll in a row.
func (t *Tracker) gap() time.Duration {
	g := statusCoolGap
	for i := 0; i < t.failures && g < statusMaxGap; i++ {
		g *= 2
	}
	return min(g, statusMaxGap)
}

// nextBatch picks the unsettled batch that is due soonest, and when. With
// nothing unsettled it is no batch, due at the last poll.
func (t *Tracker) nextBatch() ([]*TrackedInstance, time.Time) {
	var best []*TrackedInstance
	var bestDue time.Time
	var cur []*TrackedInstance
	flush := func() {
		if len(cur) == 0 {
			return
		}
		due := t.batchDue(cur)
		if best == nil || due.Before(bestDue) {
			best, bestDue = cur, due
		}
		cur = nil
	}
	for _, in := range t.list {
		if in.IsSettled() {
			continue
		}
		if len(cur) == statusBatch {
			flush()
		}
		cur = append(cur, in)
	}
	flush()
	if best == nil {
		return nil, t.lastPoll
	}
	return best, bestDue
}

// batchDue is when a batch should be asked about: its most pressing
// instance decides.
func (t *Tracker) batchDue(b []*TrackedInstance) time.Time {
	var due time.Time
	for k, in := range b {
		var d time.Time
		switch {
		case in.asked.IsZero():
			d = in.since
		case in.hotUntil.After(in.asked) && t.failures == 0:
			d = in.asked.Add(statusHotGap)
		default:
			d = in.asked.Add(t.gap())
		}
		if k == 0 || d.Before(due) {
			due = d
		}
	}
	return due
}

// AllSettled reports whether every instance is running or failed for good.
func (t *Tracker) AllSettled() bool {
	for _, in := range t.list {
		if !in.IsSettled() {
			return false
		}
	}
	return true
}

// Done reports whether the watch is over: every instance settled (a running
// one's addresses come with its status), the limit passed, or the API
// refused too often.
func (t *Tracker) Done() bool { return t.timedOut || t.aborted != nil || t.AllSettled() }

// Summary counts the instances and says what became of each.
func (t *Tracker) Summary() Summary {
	s := t.counts()
	en, p := locale.Printer(locale.English), t.printer()
	s.Instances = make([]InstanceOutcome, len(t.list))
	for k, in := range t.list {
		reason := in.reasonText(en, t.region, false)
		said := reason
		if p != en {
			said = in.reasonText(p, t.region, false)
		}
		s.Instances[k] = InstanceOutcome{InstanceID: in.ID, Name: in.Name, Status: in.outcomeWord(),
			PrivateIP: in.PrivateIP, ElasticIP: in.ElasticIP, Az: in.Zone, Failed: in.Failed(), Gone: in.Gone,
			Reason: reason, Said: said}
	}
	return s
}

// counts is Summary without the per-instance outcomes: what a screen
// redrawn many times a second needs.
func (t *Tracker) counts() Summary {
	s := Summary{Total: len(t.list), TimedOut: t.timedOut}
	if t.aborted != nil {
		s.Aborted = statusErrorText(locale.Printer(locale.English), t.aborted)
	}
	for _, in := range t.list {
		switch {
		case in.Running():
			s.Running++
		case in.Replaced:
			s.Replaced++
		case in.Failed():
			s.Failed++
		default:
			s.Pending++
		}
	}
	return s
}

// Add starts tracking more instances in the same watch (a retry of the
// failed ones). Every instance that failed so far is marked replaced, and the
// schedule and the limit start again from now.
func (t *Tracker) Add(ids []string, name string, now time.Time) {
	for _, in := range t.list {
		if in.Failed() {
			in.Replaced = true
		}
	}
	t.track(ids, name, now)
	t.start = now
	t.failures = 0
	t.lastPoll = time.Time{}
	t.timedOut = false
	t.refusals, t.aborted = 0, nil
	t.submitted = time.Time{} // the new instances are fresh
}

// pollPlan is what the next poll asks: a snapshot, safe to use off the
// tracker's goroutine.
type pollPlan struct {
	// IDs are the batch due now: at most statusBatch unsettled ids, one
	// describeInstances call.
	IDs []string
}

// pollResult is the answer to a pollPlan.
type pollResult struct {
	At        time.Time
	Asked     []string
	Instances []apiclient.Instance
	Err       error
}

func (t *Tracker) plan() pollPlan {
	var p pollPlan
	batch, _ := t.nextBatch()
	for _, in := range batch {
		p.IDs = append(p.IDs, in.ID)
	}
	return p
}

// fetchPoll performs the call of a plan. It touches no tracker state.
func fetchPoll(ctx context.Context, api API, region string, p pollPlan, now func() time.Time) pollResult {
	r := pollResult{Asked: p.IDs}
	if len(p.IDs) > 0 {
		r.Instances, r.Err = api.DescribeInstances(ctx, region, p.IDs)
	}
	r.At = now()
	return r
}

// Poll runs one poll synchronously: plan, fetch, apply.
func (t *Tracker) Poll(ctx context.Context, api API, now func() time.Time) []Event {
	return t.apply(fetchPoll(ctx, api, t.region, t.plan(), now))
}

// transitional statuses are on their way somewhere: keep waiting. error is
// handled apart: a COC instance that fails is deleted shortly after.
func transitionalStatus(s string) bool {
	switch s {
	case apiclient.StatusPending, apiclient.StatusStarting, apiclient.StatusStopping,
		apiclient.StatusRebooting, apiclient.StatusRebuilding, apiclient.StatusResizing,
		apiclient.StatusDeleting, apiclient.StatusError:
		return true
	}
	return false
}

// chinaTime is the zone of describeInstances' launchTime ("2021-07-19
// 20:33:17"), which carries none: UTC+8.
var chinaTime = time.FixedZone("UTC+8", 8*60*60)

// parseLaunchTime reads a launchTime; false when there is none or it does
// not read.
func parseLaunchTime(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	at, err := time.ParseInLocation("2006-01-02 15:04:05", strings.TrimSpace(s), chinaTime)
	return at, err == nil
}

// createdAt is the best guess of when in was created.
func (t *Tracker) createdAt(in *TrackedInstance) time.Time {
	if !t.submitted.IsZero() && t.submitted.Before(in.since) {
		return t.submitted
	}
	return in.since
}

// refusedPoll reports whether err is an answer that asking again will not
// change: a client error other than a timeout or rate limit, or an endpoint
// the client refuses to use.
func refusedPoll(err error) bool {
	var ae *apiclient.APIError
	if errors.As(err, &ae) {
		return ae.HTTPStatus >= 400 && ae.HTTPStatus < 500 &&
			ae.HTTPStatus != http.StatusRequestTimeout && ae.HTTPStatus != http.StatusTooManyRequests
	}
	var ee *apiclient.EndpointError
	return errors.As(err, &ee)
}

// apply takes a poll's answer into the tracker and returns what changed.
func (t *Tracker) apply(r pollResult) []Event {
	t.changes++
	t.lastPoll = r.At
	var events []Event

	for _, id := range r.Asked {
		if in := t.byID[id]; in != nil {
			in.asked = r.At
		}
	}
	if r.Err != nil {
		t.failures++
		t.lastErr = r.Err
		t.refusals++
		if !refusedPoll(r.Err) {
			t.refusals = 0
		}
		if t.refusals >= statusRefusals {
			t.aborted = r.Err
			return append(events, Event{At: r.At, Kind: EventAborted, Err: r.Err})
		}
		events = append(events, Event{At: r.At, Kind: EventPollError, Err: r.Err})
	} else {
		t.failures = 0
		t.lastErr = nil
		t.refusals = 0
		events = t.applyStatuses(r, events)
	}

	if !t.AllSettled() && r.At.Sub(t.start) >= statusWatchLimit {
		t.timedOut = true
		for _, in := range t.list {
			if !in.IsSettled() {
				in.failure = failTimedOut
				events = append(events, Event{At: r.At, Kind: EventTimedOut, ID: in.ID,
					Status: in.Word(), Reason: in.shortReason(t.printer(), t.region)})
			}
		}
	}
	return events
}

func (t *Tracker) applyStatuses(r pollResult, events []Event) []Event {
	hot := map[int]bool{}
	defer t.heat(hot, r.At)
	listed := make(map[string]*apiclient.Instance, len(r.Instances))
	for k := range r.Instances {
		listed[r.Instances[k].InstanceID] = &r.Instances[k]
	}
	for _, id := range r.Asked {
		in := t.byID[id]
		if in == nil || in.IsSettled() {
			continue
		}
		d, ok := listed[id]
		if !ok {
			// Absent from the list. Seen before: the platform deleted it
			// after a failed start. Never seen: give the list time to catch
			// up with a fresh create before calling it not found.
			switch {
			case in.Status != "":
				in.Gone = true
				in.failure = failDeleted
			case r.At.Sub(t.createdAt(in)) >= statusNotFoundGrace:
				in.failure = failNotFound
			default:
				if !in.notedMissing {
					// Say at once, not after the grace: a wrong id or
					// region is better known now.
					in.notedMissing = true
					events = append(events, Event{At: r.At, Kind: EventNotYetFound, ID: id,
						Reason: t.printer().Sprintf("not found yet in %s; still looking for %s before calling it not found",
							t.region, statusSeconds(t.printer(), t.createdAt(in).Add(statusNotFoundGrace).Sub(r.At)))})
				}
				continue
			}
			in.Settled = r.At
			events = append(events, Event{At: r.At, Kind: EventFailed, ID: id,
				Status: in.outcomeWord(), Reason: in.shortReason(t.printer(), t.region)})
			continue
		}
		if in.FirstSeen.IsZero() {
			in.FirstSeen = r.At
		}
		st := strings.ToLower(strings.TrimSpace(d.Status))
		in.PrivateIP, in.ElasticIP = d.PrivateIPAddress, d.ElasticIPAddress
		if d.Az != "" {
			in.Zone = d.Az
		}
		if d.InstanceName != "" {
			in.Name = d.InstanceName
		}
		if at, ok := parseLaunchTime(d.LaunchTime); ok {
			in.launched = at
		}
		changed := st != in.Status
		if changed && in.Status != "" {
			// A real change, not the first sighting.
			hot[in.group] = true
		}
		in.Status = st
		switch {
		case st == apiclient.StatusRunning:
			in.Settled = r.At
			events = append(events, Event{At: r.At, Kind: EventRunning, ID: id, Status: st,
				PrivateIP: in.PrivateIP, ElasticIP: in.ElasticIP})
		case transitionalStatus(st):
			if changed {
				events = append(events, Event{At: r.At, Kind: EventStatus, ID: id, Status: st})
			}
		default:
			in.failure = failStatus
			in.Settled = r.At
			events = append(events, Event{At: r.At, Kind: EventFailed, ID: id,
				Status: st, Reason: in.shortReason(t.printer(), t.region)})
		}
	}
	return events
}

// heat marks groups hot: one of their instances changed, so the others
// (created by the same request, booting together) are about to.
func (t *Tracker) heat(groups map[int]bool, at time.Time) {
	if len(groups) == 0 {
		return
	}
	for _, in := range t.list {
		if groups[in.group] && !in.IsSettled() {
			in.hotUntil = at.Add(statusHotFor)
		}
	}
}

// outcomeWord is the status that says what became of the instance: the
// last status the API gave, error for one the platform deleted, "not
// found" for one never listed. Plain failure lines lead with it, and the
// final result reports it.
func (i *TrackedInstance) outcomeWord() string {
	switch i.failure {
	case failDeleted:
		return apiclient.StatusError
	case failNotFound:
		return "not found"
	}
	return i.Status
}

// NotYetFound are the instances no answer has listed yet, still within
// the grace before they count as not found, and how long it has left.
func (t *Tracker) NotYetFound(now time.Time) (ids []string, left time.Duration) {
	for _, in := range t.list {
		if in.IsSettled() || !in.FirstSeen.IsZero() || in.asked.IsZero() {
			continue
		}
		ids = append(ids, in.ID)
		left = max(left, t.createdAt(in).Add(statusNotFoundGrace).Sub(now))
	}
	return ids, max(left, 0)
}

// SetPrinter makes the events' reasons speak p's language.
func (t *Tracker) SetPrinter(p *message.Printer) { t.p = p }

func (t *Tracker) printer() *message.Printer {
	if t.p == nil {
		t.p = locale.Printer(locale.English)
	}
	return t.p
}
