package watch

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// DefaultCallsPerSecond is the API budget of a watch (and of the creates
// before it) when none is given: well inside what JD Cloud's gateway allows
// one account, with other tools on the same account in mind.
const DefaultCallsPerSecond = 5

// minCallsPerSecond is as low as rate limiting can push a budget.
const minCallsPerSecond = 0.5

// pacing is how much of the budget the spacing of calls uses: a call's way
// to the gateway varies by milliseconds, so calls spaced exactly 1/budget
// apart can land six in one of the gateway's seconds; 5% wider never does.
const pacing = 0.95

// Budget is a calls-per-second budget shared by every call of a create and
// its watch: each attempt waits for it (apiclient.WithPacer), so no second
// ever sees more calls than the budget, retries included. A 429 halves it
// for the rest of the run, and a Retry-After holds every call back that
// long. It runs on the clock it is given, so tests can move time by hand.
type Budget struct {
	mu        sync.Mutex
	lim       *rate.Limiter
	now       func() time.Time
	sleep     func(context.Context, time.Duration) error
	notBefore time.Time
}

// NewBudget is a budget of perSecond calls (DefaultCallsPerSecond when not
// positive) on clock (the zero Clock: the real one).
func NewBudget(perSecond float64, clock Clock) *Budget {
	if perSecond <= 0 {
		perSecond = DefaultCallsPerSecond
	}
	return &Budget{lim: rate.NewLimiter(rate.Limit(perSecond*pacing), 1), now: clock.Time, sleep: clock.sleep}
}

// Wait returns when the next call may be sent.
func (b *Budget) Wait(ctx context.Context) error {
	b.mu.Lock()
	now := b.now()
	d := b.lim.ReserveN(now, 1).DelayFrom(now)
	if hold := b.notBefore.Sub(now); hold > d {
		d = hold
	}
	b.mu.Unlock()
	if d <= 0 {
		return ctx.Err()
	}
	return b.sleep(ctx, d)
}

// Throttled halves the budget (down to half a call a second) and holds the
// next call back for retryAfter.
func (b *Budget) Throttled(retryAfter time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	b.lim.SetLimitAt(now, max(b.lim.Limit()/2, minCallsPerSecond*pacing))
	if retryAfter > 0 && now.Add(retryAfter).After(b.notBefore) {
		b.notBefore = now.Add(retryAfter)
	}
}

// PerSecond is the budget now.
func (b *Budget) PerSecond() float64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return float64(b.lim.Limit()) / pacing
}
