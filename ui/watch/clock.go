package watch

import (
	"context"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// Clock is the time a plain watch runs on. The zero Clock is the real one;
// tests move theirs by hand.
type Clock struct {
	// Now is the time; nil means time.Now.
	Now func() time.Time
	// Sleep waits d or until ctx ends; nil means a real wait.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Time is the clock's time now.
func (c Clock) Time() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

func (c Clock) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep == nil {
		return apiclient.SleepContext(ctx, d)
	}
	return c.Sleep(ctx, d)
}
