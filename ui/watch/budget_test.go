package watch

import (
	"context"
	"testing"
	"time"
)

// On a hand clock: no one-second window ever holds more calls than the
// budget, and a 429 halves the budget and holds the next call back.
func TestBudgetNeverExceeded(t *testing.T) {
	clock := newFakeClock()
	var waited time.Duration
	b := NewBudget(5, Clock{Now: clock.Now, Sleep: func(_ context.Context, d time.Duration) error {
		waited += d
		clock.Advance(d)
		return nil
	}})
	var calls []time.Time
	for range 50 {
		if err := b.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		calls = append(calls, clock.Now())
	}
	if n := busiestSecond(calls); n > 5 {
		t.Fatalf("%d calls in one second, budget 5", n)
	}
	b.Throttled(2 * time.Second)
	if got := b.PerSecond(); got < 2.49 || got > 2.51 {
		t.Fatalf("after a 429 the budget is %v, want 2.5", got)
	}
	before := clock.Now()
	if err := b.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if held := clock.Now().Sub(before); held < 2*time.Second {
		t.Fatalf("Retry-After 2 s held the next call %v", held)
	}
	calls = nil
	for range 30 {
		_ = b.Wait(context.Background())
		calls = append(calls, clock.Now())
	}
	if n := busiestSecond(calls); n > 3 {
		t.Fatalf("%d calls in one second after a 429, budget 2.5", n)
	}
	for range 10 {
		b.Throttled(0)
	}
	if got := b.PerSecond(); got < minCallsPerSecond-0.01 {
		t.Fatalf("the budget fell to %v, below %v", got, minCallsPerSecond)
	}
}

func busiestSecond(calls []time.Time) int {
	most := 0
	for i := range calls {
		k := i
		for k < len(calls) && calls[k].Sub(calls[i]) < time.Second {
			k++
		}
		most = max(most, k-i)
	}
	return most
}
