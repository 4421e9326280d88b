package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/watch"
)

// virtualClock is time that passes only when someone sleeps: a budget's
// waits and a watch's pauses cost nothing, and say exactly when each call
// was allowed to leave.
type virtualClock struct {
	mu sync.Mutex
	t  time.Time
}

func newVirtualClock() *virtualClock {
	return &virtualClock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *virtualClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *virtualClock) clock() watch.Clock {
	return watch.Clock{Now: c.now, Sleep: func(ctx context.Context, d time.Duration) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		c.mu.Lock()
		c.t = c.t.Add(d)
		c.mu.Unlock()
		return nil
	}}
}

// exchangeStamps is stderr that notes, for every --debug line of an HTTP
// exchange, the virtual time it was written at: the time its attempt was
// let through (no virtual time passes during an exchange).
type exchangeStamps struct {
	mu    sync.Mutex
	clock *virtualClock
	buf   bytes.Buffer
	at    []time.Time
	lines []string
}

func (w *exchangeStamps) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, line := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		if strings.HasPrefix(line, "http: ") {
			w.at = append(w.at, w.clock.now())
			w.lines = append(w.lines, line)
		}
	}
	return w.buf.Write(p)
}

// runOnVirtualClock runs cocvm with --debug on a virtual clock and
// returns each exchange with the time it was let through.
func runOnVirtualClock(t *testing.T, stdin string, args ...string) (code int, stderr string, at []time.Time, lines []string) {
	t.Helper()
	vc := newVirtualClock()
	errOut := &exchangeStamps{clock: vc}
	var out bytes.Buffer
	ios := &iostreams.IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: errOut}
	env := &Env{IO: ios, Getenv: os.Getenv, Clock: vc.clock(), retry: quickRetry}
	code = run(context.Background(), append([]string{"--debug"}, args...), env)
	return code, errOut.buf.String(), errOut.at, errOut.lines
}

// The look-ups, creates and polls of `create --yes` spend one budget:
// every call, the first poll after the last create included, waits its
// turn at --calls-per-second, else the config's calls_per_second.
func TestCreateAndWatchShareOneBudget(t *testing.T) {
	for _, tc := range []struct {
		name      string
		flag      []string
		config    string
		perSecond float64
	}{
		{name: "flag", flag: []string{"--calls-per-second", "2"}, perSecond: 2},
		{name: "config", config: "calls_per_second = 1\n", perSecond: 1},
		{name: "flag over config", flag: []string{"--calls-per-second", "4"}, config: "calls_per_second = 1\n", perSecond: 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			isolateDirs(t)
			t.Setenv("JDCLOUD_ACCESS_KEY", "")
			t.Setenv("JDCLOUD_SECRET_KEY", "")
			t.Setenv("COCVM_SANDBOX_BOOT_TIME", "0")
			if tc.config != "" {
				dir := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "cocvm")
				if err := os.MkdirAll(dir, 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(tc.config), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			t.Setenv("COCVM_SANDBOX_BOOT_FAIL_RATE", "0")
			// Over three zones: the look-ups of stock and subnets, three
			// creates, then the polls.
			args := append(append([]string{"--sandbox"}, tc.flag...), "create", "--yes", "--count", "40", "--az", "all", "--password-stdin")
			code, stderr, at, lines := runOnVirtualClock(t, testPassword+"\n", append(args, spreadFlags()...)...)
			if code != ExitOK {
				t.Fatalf("exit %d:\n%s", code, stderr)
			}
			creates, polls := 0, 0
			for _, l := range lines {
				switch {
				case strings.Contains(l, "POST "):
					creates++
				case strings.Contains(l, "GET "):
					polls++
				}
			}
			if creates != 3 || polls < 4 {
				t.Fatalf("%d creates and %d look-ups and polls, want 3 creates, 3 look-ups and some polls:\n%s", creates, polls, stderr)
			}
			// Spaced 5% wider than 1/budget (watch.Budget); a millisecond
			// of slack for rounding.
			gap := time.Duration(float64(time.Second)/(tc.perSecond*0.95)) - time.Millisecond
			for i := 1; i < len(at); i++ {
				if d := at[i].Sub(at[i-1]); d < gap {
					t.Errorf("call %d came %v after the one before, want at least %v:\n  %s\n  %s", i+1, d, gap, lines[i-1], lines[i])
				}
			}
		})
	}
}

func TestCallsPerSecondMustBePositive(t *testing.T) {
	for _, v := range []string{"0", "-1"} {
		if _, errOut, code := runCLI(t, "", "--calls-per-second", v, "preview"); code != ExitUsage || !strings.Contains(errOut, "--calls-per-second") {
			t.Errorf("--calls-per-second %s: exit %d, stderr %q", v, code, errOut)
		}
	}
}
