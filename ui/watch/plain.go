package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/advice"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
)

// Progress without a terminal (`create --yes`, `watch` piped): one line per
// change, each led by the local time, so a log reads as a timeline.

// Meta describes what is being watched, for the panel's title and the
// plain lines. Every field is optional.
type Meta struct {
	Count        int // instances asked for; 0 means the number of ids
	InstanceType string
	Zone         string
	// Name is the name given at create time, shown for each instance until
	// describeInstances reports its own.
	Name        string
	RequestID   string
	ClientToken string
	Sandbox     bool
	// Journaled says the request is the newest journal entry, so
	// `cocvm watch --last` finds it again.
	Journaled bool
	// Submitted is when the request was sent; zero means just now. An old
	// request's vanished instances then count as not found at once.
	Submitted time.Time
	// Budget is the calls-per-second budget the watch spends: the create's
	// own, so that its requests and the polls after them share one; nil
	// means a new DefaultCallsPerSecond budget on the watch's clock.
	Budget *Budget
	// Zones are the zones the instances were created in, by id, until
	// describeInstances says where each is.
	Zones map[string]string
	// Missing are instances asked for that no request created (a zone
	// refused them for stock or quota): the panel counts them, and its
	// retry creates them with the failed ones. MissingWhy says where and
	// why, in a line.
	Missing    int
	MissingWhy string
	// Printer is the language of the panel and the plain lines
	// (ui/locale's); nil is English. Machine output never uses it.
	Printer *message.Printer
}

// printer is the language the watch speaks.
func (meta Meta) printer() *message.Printer {
	if meta.Printer != nil {
		return meta.Printer
	}
	return locale.Printer(locale.English)
}

// start is the tracker of a watch of ids described by meta, and the budget
// it polls on (meta's, or a default one on clock): the panel's and the
// plain lines' alike.
func (meta Meta) start(region string, ids []string, at time.Time, clock Clock) (*Tracker, *Budget) {
	t := NewTracker(region, ids, meta.Name, at)
	t.SetPrinter(meta.printer())
	if !meta.Submitted.IsZero() {
		t.SetSubmitted(meta.Submitted)
	}
	t.SetZones(meta.Zones)
	budget := meta.Budget
	if budget == nil {
		budget = NewBudget(0, clock)
	}
	return t, budget
}

// plainClock is how a plain line stamps its time.
const plainClock = "15:04:05"

// WriteSubmitted prints the first line of `create --yes` progress:
//
//	12:01:03 submitted 3 × g.n2.large in cn-hongkong-11a (request c2i8w4g6…, token cocvm-5f2c…)
//
// Ids are printed whole: a log is where someone looks them up later.
func WriteSubmitted(w io.Writer, at time.Time, region string, ids []string, meta Meta) {
	n := meta.Count
	if n == 0 {
		n = len(ids)
	}
	p := meta.printer()
	what := fmt.Sprintf("%d × %s", n, meta.InstanceType)
	if meta.InstanceType == "" {
		what = p.Sprintf("%d instances", n)
	}
	where := meta.Zone
	if where == "" {
		where = region
	}
	var refs []string
	if meta.RequestID != "" {
		refs = append(refs, p.Sprintf("request %s", meta.RequestID))
	}
	if meta.ClientToken != "" {
		refs = append(refs, p.Sprintf("token %s", meta.ClientToken))
	}
	line := p.Sprintf("%s submitted %s in %s", at.Format(plainClock), what, where)
	if len(refs) > 0 {
		line += p.Sprintf(" (%s)", strings.Join(refs, p.Sprintf(", ")))
	}
	fmt.Fprintln(w, line)
}

// WriteWatching prints the first line of a piped `cocvm watch`.
func WriteWatching(w io.Writer, at time.Time, region string, ids []string, meta Meta) {
	p := meta.printer()
	line := p.Sprintf("%s watching %d instances in %s", at.Format(plainClock), len(ids), region)
	if meta.RequestID != "" {
		line += p.Sprintf(" (%s)", p.Sprintf("request %s", meta.RequestID))
	}
	fmt.Fprintln(w, line)
}

// plainLine renders one event as a progress line, without the time stamp.
func plainLine(p *message.Printer, e Event) string {
	switch e.Kind {
	case EventRunning:
		return strings.TrimSpace(e.ID + " " + StatusWord(p, "running") + " " + statusAddressText(p, e.PrivateIP, e.ElasticIP))
	case EventNotYetFound:
		return e.ID + " " + e.Reason
	case EventFailed, EventTimedOut:
		return p.Sprintf("%s %s: %s", e.ID, StatusWord(p, e.Status), e.Reason)
	case EventPollError:
		return p.Sprintf("check failed: %s", statusErrorText(p, e.Err))
	case EventAborted:
		line := p.Sprintf("check failed: %s; giving up: the API refused %d checks in a row", statusErrorText(p, e.Err), statusRefusals)
		if next := locale.Say(p, advice.Explain(e.Err).Next); next != "" {
			line += ". " + next
		}
		return line
	default:
		return e.ID + " " + StatusWord(p, e.Status)
	}
}

func statusAddressText(p *message.Printer, private, public string) string {
	switch {
	case private != "" && public != "":
		return p.Sprintf("%s, public %s", private, public)
	case public != "":
		return p.Sprintf("public %s", public)
	}
	return private
}

// statusErrorText is a poll error in one line: the API's status and message
// verbatim, or, when no answer came, what went wrong on the way there.
func statusErrorText(p *message.Printer, err error) string {
	if err == nil {
		return ""
	}
	// An answer is quoted as the API gave it; no answer is said in words
	// ("… closed the connection before answering (5 attempts)"), not as
	// the request's whole URL.
	var te *apiclient.TransportError
	if errors.As(err, &te) {
		s := locale.Say(p, advice.Explain(err).Summary)
		return strings.TrimRight(theme.FirstLine(s), ".。")
	}
	return theme.FirstLine(locale.Say(p, err))
}

// ResumeCommand is how to see the instances again after stopping a watch.
func ResumeCommand(region string, ids []string, meta Meta) string {
	if meta.Journaled {
		return "cocvm watch --last"
	}
	var b strings.Builder
	b.WriteString("cocvm watch")
	if region != "" {
		b.WriteString(" --region " + region)
	}
	for _, id := range ids {
		b.WriteString(" " + id)
	}
	return b.String()
}

// Plain polls until every instance settled, printing one line per
// change to w. It returns the summary; the error is ctx's when the watch was
// interrupted (the instances keep going, and the last line says how to see
// them again). clock is the time it runs on (the zero Clock: the real one).
func Plain(ctx context.Context, w io.Writer, api API, region string, ids []string, meta Meta, clock Clock) (Summary, error) {
	now, sleep := clock.Time, clock.sleep
	p := meta.printer()
	t, budget := meta.start(region, ids, now(), clock)
	stopped := func(err error) (Summary, error) {
		p.Fprintf(w, "%s stopped watching: the instances keep going; see them again with %s\n",
			now().Format(plainClock), ResumeCommand(region, t.IDs(), meta))
		return t.Summary(), err
	}
	paced := apiclient.WithPacer(ctx, budget)
	for !t.Done() {
		if err := sleep(ctx, t.NextDelay(now())); err != nil {
			return stopped(err)
		}
		res := fetchPoll(paced, api, region, t.plan(), now)
		if err := ctx.Err(); err != nil {
			// The answer may be the cancellation itself: not news.
			return stopped(err)
		}
		for _, e := range t.apply(res) {
			line := plainLine(p, e)
			if e.Kind == EventPollError {
				line += p.Sprintf("; trying again in %s", statusSeconds(p, t.NextDelay(now())))
			}
			fmt.Fprintf(w, "%s %s\n", e.At.Format(plainClock), line)
		}
	}
	s := t.Summary()
	p.Fprintf(w, "%s done: %s\n", now().Format(plainClock), s.Text(p))
	return s, nil
}

// statusSeconds says a delay in whole seconds, rounded up: "5 s".
func statusSeconds(p *message.Printer, d time.Duration) string {
	return p.Sprintf("%d s", int((d+time.Second-1)/time.Second))
}

// Interrupted reports whether err means the person stopped the watch.
func Interrupted(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
