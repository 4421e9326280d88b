package apiclient

import (
	"context"
	"time"
)

// Pacer spaces a caller's requests to stay inside a calls-per-second
// budget: Wait returns when the next attempt may be sent (or ctx's error).
// Every attempt of a call waits, retries included, so a pacer bounds what
// reaches the gateway, not only what the caller asked for.
type Pacer interface {
	Wait(ctx context.Context) error
}

// Throttler is a Pacer that wants to know when the gateway rate-limited an
// attempt (HTTP 429), with the wait it asked for (0 when it named none), so
// that it can slow down for the rest of its work.
type Throttler interface {
	Throttled(retryAfter time.Duration)
}

type pacerKey struct{}

// WithPacer makes every attempt of the calls made with ctx wait for p.
func WithPacer(ctx context.Context, p Pacer) context.Context {
	return context.WithValue(ctx, pacerKey{}, p)
}

func pacerFrom(ctx context.Context) Pacer {
	p, _ := ctx.Value(pacerKey{}).(Pacer)
	return p
}
