package watch

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/internal/screentest"
	"github.com/cocvm/cocvm/ui/iostreams"
)

// plain draws the panels of the tests without colour, so views compare as
// text: each panel has its renderer, so tests run in parallel.
var plain = iostreams.Plain()

// newTestPanel builds a panel on the fake clock whose scheduled messages
// are delivered only when the test says so.
func newTestPanel(t *testing.T, clock *fakeClock, api API, ids []string, meta Meta, opts Options) *Panel {
	t.Helper()
	opts.Now = clock.Now
	if opts.Renderer == nil {
		opts.Renderer = plain
	}
	// The budget's waits are the clock's business here: none.
	opts.Sleep = func(context.Context, time.Duration) error { return nil }
	m := NewPanel(context.Background(), api, "cn-hongkong-11", ids, meta, opts)
	m.after = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	m.Init()
	return m
}

// pollPanel moves the clock to the next scheduled poll and runs the poll
// through Update, as the program would; it returns the last command.
func pollPanel(t *testing.T, m *Panel, clock *fakeClock) tea.Cmd {
	t.Helper()
	clock.Advance(m.nextPoll.Sub(clock.Now()))
	_, cmd := m.Update(statusPollDueMsg{id: m.id, gen: m.pollGen})
	if cmd == nil {
		t.Fatal("a due poll started nothing")
	}
	if v := m.View(); !strings.Contains(v, m.st.P.Sprintf("checking now…")) {
		t.Errorf("no sign of the poll in flight:\n%s", v)
	}
	msg := cmd()
	if _, ok := msg.(statusPolledMsg); !ok {
		t.Fatalf("poll command gave %T", msg)
	}
	_, cmd = m.Update(msg)
	return cmd
}

func resize(m *Panel, w, h int) { m.Update(tea.WindowSizeMsg{Width: w, Height: h}) }

func press(m *Panel, k string) tea.Cmd {
	_, cmd := m.Update(screentest.Key(k))
	return cmd
}

var sketchMeta = Meta{Count: 3, InstanceType: "g.n2.large", Zone: "cn-hongkong-11a", Name: "web-01",
	RequestID: "c2i8w4g6kt5h9sv6bft0rbvk0ij8bb6x", ClientToken: "cocvm-5f2c", Journaled: true}

// sketchMoments are the moments of the design's sketches, after the start:
// the first checks, pending rows, one running and one in error, then all
// settled.
var sketchMoments = []time.Duration{0, 2 * time.Second, 5 * time.Second, 9500 * time.Millisecond, 16250 * time.Millisecond, 26250 * time.Millisecond}

// sketchPanel is the design's status panel at sketchMoments[moment], polled
// on its own schedule until then.
func sketchPanel(t *testing.T, moment int, opts Options) (*Panel, *fakeClock) {
	t.Helper()
	clock := newFakeClock()
	api, ids := sketchAPI(clock)
	api.public["i-y5nh29w1"] = "114.67.1.2"
	m := newTestPanel(t, clock, api, ids, sketchMeta, opts)
	at := statusTestStart.Add(sketchMoments[moment])
	for moment > 0 && !m.tracker.Done() && !m.nextPoll.After(at) {
		pollPanel(t, m, clock)
	}
	clock.Advance(at.Sub(clock.Now()))
	return m, clock
}

func TestStatusPanelGoldens(t *testing.T) {
	t.Parallel()
	sizes := []struct{ w, h int }{{80, 24}, {120, 40}}
	for _, sz := range sizes {
		suffix := fmt.Sprintf("_%dx%d", sz.w, sz.h)
		t.Run("pending"+suffix, func(t *testing.T) {
			m, clock := sketchPanel(t, 1, Options{})
			clock.Advance(time.Second)
			resize(m, sz.w, sz.h)
			screentest.Golden(t, m.View(), sz.w, sz.h)
		})
		t.Run("mixed"+suffix, func(t *testing.T) {
			m, clock := sketchPanel(t, 4, Options{})
			clock.Advance(2 * time.Second)
			resize(m, sz.w, sz.h)
			v := m.View()
			screentest.Golden(t, v, sz.w, sz.h)
			for _, w := range []string{"running", "pending", "error", "1 of 3 running", "next check in <1 s"} {
				if !strings.Contains(v, w) {
					t.Errorf("mixed view lacks %q", w)
				}
			}
		})
		t.Run("settled"+suffix, func(t *testing.T) {
			m, _ := sketchPanel(t, 5, Options{AllowRetry: true, AllowSave: true})
			if !m.Settled() || m.Done() {
				t.Fatalf("settled %v done %v", m.Settled(), m.Done())
			}
			resize(m, sz.w, sz.h)
			v := m.View()
			screentest.Golden(t, v, sz.w, sz.h)
			for _, w := range []string{"✓ 2 running", "✗ 1 failed", "i-k2p9x7c0 went to error and was deleted by the",
				"ssh root@10.0.1.12", "cocvm watch --last to see this again", "r retry the 1 failed", "s save as preset", "q quit"} {
				if !strings.Contains(strings.ReplaceAll(v, "\n ", " "), w) {
					t.Errorf("settled view lacks %q", w)
				}
			}
		})
	}
	t.Run("scrolling_80x24", func(t *testing.T) {
		clock := newFakeClock()
		api := newFakeStatusAPI(clock)
		ids := manyIDs(40)
		for i, id := range ids {
			api.add(id, boots(time.Duration(i)*time.Second), fmt.Sprintf("10.0.%d.%d", i/200, i%200+10))
		}
		m := newTestPanel(t, clock, api, ids, Meta{Sandbox: true}, Options{})
		pollPanel(t, m, clock)
		pollPanel(t, m, clock)
		resize(m, 80, 24)
		press(m, "down")
		press(m, "down")
		v := m.View()
		screentest.Golden(t, v, 80, 24)
		// i-00000000 runs, so its row went below the pending ones: the
		// window opens on the third of those.
		if strings.Contains(v, "i-00000000 ") || strings.Contains(v, "i-00000002 ") || !strings.Contains(v, "i-00000003") || !strings.Contains(v, "rows 3–") {
			t.Errorf("scrolled two rows down, view:\n%s", v)
		}
	})
	t.Run("too_small", func(t *testing.T) {
		m, _ := sketchPanel(t, 1, Options{})
		resize(m, 50, 12)
		v := m.View()
		screentest.Golden(t, v, 50, 12)
		if !strings.Contains(v, "too small") {
			t.Fatalf("view %q", v)
		}
	})
}

func TestStatusPanelFitsEverySize(t *testing.T) {
	t.Parallel()
	for _, settled := range []bool{false, true} {
		polls := 2
		if settled {
			polls = 5
		}
		m, _ := sketchPanel(t, polls, Options{AllowRetry: true, AllowSave: true})
		for w := statusMinWidth; w <= 130; w += 7 {
			for h := statusMinHeight; h <= 45; h += 5 {
				resize(m, w, h)
				v := m.View()
				lines := strings.Split(v, "\n")
				if len(lines) > h {
					t.Fatalf("%dx%d: %d lines", w, h, len(lines))
				}
				for _, l := range lines {
					if ansi.StringWidth(l) > w {
						t.Fatalf("%dx%d: line too wide: %q", w, h, l)
					}
				}
				for _, id := range []string{"i-eumm4d6q", "i-y5nh29w1", "i-k2p9x7c0"} {
					if !strings.Contains(v, id) {
						t.Fatalf("%dx%d: %s missing:\n%s", w, h, id, v)
					}
				}
			}
		}
	}
}

func TestStatusPanelQuitBeforeSettled(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"q", "ctrl+c"} {
		t.Run(k, func(t *testing.T) {
			m, _ := sketchPanel(t, 1, Options{QuitProgram: true})
			cmd := press(m, k)
			if cmd == nil {
				t.Fatal("no quit command")
			}
			if _, ok := cmd().(tea.QuitMsg); !ok {
				t.Fatal("not tea.Quit")
			}
			if !m.Done() || m.Outcome() != Stopped {
				t.Fatalf("done %v outcome %d", m.Done(), m.Outcome())
			}
			if f := m.Farewell(); !strings.Contains(f, "the instances keep going") || !strings.Contains(f, "cocvm watch --last") {
				t.Fatalf("farewell %q", f)
			}
			// A poll answer arriving after the quit changes nothing.
			m.Update(statusPolledMsg{id: m.id, res: pollResult{At: time.Now()}})
			if m.Outcome() != Stopped {
				t.Fatal("late answer changed the exit code")
			}
		})
	}
}

func TestStatusPanelEmbeddedQuitLeavesTheProgramToTheHost(t *testing.T) {
	t.Parallel()
	m, _ := sketchPanel(t, 5, Options{})
	if cmd := press(m, "q"); cmd != nil {
		t.Fatal("an embedded panel must not quit the host program")
	}
	if !m.Done() || m.Outcome() != SomeFailed {
		t.Fatalf("done %v outcome %d", m.Done(), m.Outcome())
	}
	f := m.Farewell()
	for _, w := range []string{"✓ 2 running", "✗ 1 failed", "web-01  i-eumm4d6q  running  10.0.1.12",
		"i-y5nh29w1  running  10.0.1.13, public 114.67.1.2", "i-k2p9x7c0 went to error", "ssh root@10.0.1.12"} {
		if !strings.Contains(f, w) {
			t.Errorf("farewell lacks %q:\n%s", w, f)
		}
	}
}

func TestStatusPanelAllRunningExitsZero(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-a", boots(0), "10.0.0.5")
	m := newTestPanel(t, clock, api, []string{"i-a"}, Meta{}, Options{ExitWhenSettled: true, QuitProgram: true})
	cmd := pollPanel(t, m, clock)
	if cmd == nil {
		t.Fatal("settled without quitting")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok || !m.Done() || m.Outcome() != AllRunning {
		t.Fatalf("done %v outcome %d", m.Done(), m.Outcome())
	}
	if v := m.View(); v != "" {
		t.Fatalf("a finished standalone panel leaves the screen to the farewell, got %q", v)
	}
}

func TestStatusPanelRetryAndSaveKeys(t *testing.T) {
	t.Parallel()
	m, _ := sketchPanel(t, 2, Options{AllowRetry: true, AllowSave: true})
	if press(m, "r") != nil || press(m, "s") != nil {
		t.Fatal("r and s work only once everything settled")
	}
	m, _ = sketchPanel(t, 5, Options{AllowRetry: true, AllowSave: true})
	if msg := press(m, "r")(); msg != (RetryMsg{Failed: 1}) {
		t.Fatalf("r gave %#v", msg)
	}
	if msg := press(m, "s")(); msg != (SaveMsg{}) {
		t.Fatalf("s gave %#v", msg)
	}
	m, _ = sketchPanel(t, 5, Options{})
	if press(m, "r") != nil || press(m, "s") != nil {
		t.Fatal("r and s are off unless the host enables them")
	}
	if v := m.View(); strings.Contains(v, "retry") || strings.Contains(v, "preset") {
		t.Fatalf("keys offered while off:\n%s", v)
	}
}

// retriedPanel is the sketch settled with a failure, then retried: the
// retry's one instance (i-r3try000) boots in 40 s. cmd is what
// AddInstances returned.
func retriedPanel(t *testing.T) (m *Panel, clock *fakeClock, cmd tea.Cmd) {
	t.Helper()
	m, clock = sketchPanel(t, 5, Options{AllowRetry: true})
	m.api.(*fakeStatusAPI).add("i-r3try000", boots(40*time.Second), "10.0.1.14")
	return m, clock, m.AddInstances([]string{"i-r3try000"}, Meta{RequestID: "req-retry", Journaled: true})
}

func TestStatusPanelRetryAddsRows(t *testing.T) {
	t.Parallel()
	m, clock, cmd := retriedPanel(t)
	if cmd == nil || m.Settled() {
		t.Fatal("adding instances restarts the watch")
	}
	for !m.Settled() {
		pollPanel(t, m, clock)
	}
	s := m.Summary()
	if s.Running != 3 || s.Replaced != 1 || m.Outcome() != AllRunning {
		t.Fatalf("after the retry: outcome %d, %+v", m.Outcome(), s)
	}
	press(m, "q")
	if m.Outcome() != AllRunning {
		t.Fatalf("outcome %d after a successful retry", m.Outcome())
	}
	if v := m.View(); !strings.Contains(v, "1 failed and retried") || strings.Contains(v, "r retry") {
		t.Fatalf("view after retry:\n%s", v)
	}
}

func TestStatusPanelShowsTransientErrors(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api, ids := sketchAPI(clock)
	api.failStatus[2] = &apiclient.APIError{HTTPStatus: 503, Status: "UNAVAILABLE", Message: "try later"}
	m := newTestPanel(t, clock, api, ids, sketchMeta, Options{})
	pollPanel(t, m, clock)
	pollPanel(t, m, clock)
	v := m.View()
	if !strings.Contains(v, "last check failed: HTTP 503 UNAVAILABLE: try later") || !strings.Contains(v, "next check in 1 s") {
		t.Fatalf("view:\n%s", v)
	}
	if strings.Count(v, "pending") < 3 {
		t.Fatalf("last known statuses lost:\n%s", v)
	}
	pollPanel(t, m, clock)
	if strings.Contains(m.View(), "failed: HTTP") {
		t.Fatal("the error stays after a good poll")
	}
}

func TestStatusPanelIgnoresOtherPanelsMessages(t *testing.T) {
	t.Parallel()
	m, _ := sketchPanel(t, 1, Options{})
	if _, cmd := m.Update(statusPollDueMsg{id: m.id + 1000, gen: m.pollGen}); cmd != nil {
		t.Fatal("took another panel's poll tick")
	}
	if _, cmd := m.Update(statusPollDueMsg{id: m.id, gen: m.pollGen - 1}); cmd != nil {
		t.Fatal("took a stale poll tick")
	}
	if _, cmd := m.Update(statusClockMsg{id: m.id, gen: m.clockGen}); cmd == nil {
		// after is stubbed to nil, so check the model asked for one by
		// swapping in a recording scheduler.
		var asked time.Duration
		m.after = func(d time.Duration, _ tea.Msg) tea.Cmd { asked = d; return func() tea.Msg { return nil } }
		m.Update(statusClockMsg{id: m.id, gen: m.clockGen})
		if asked != time.Second {
			t.Fatalf("clock tick every %v", asked)
		}
	}
}

// truecolour is a renderer that colours, whatever the test's terminal.
func truecolour() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	return r
}

func TestStatusPanelColourAndNoColour(t *testing.T) {
	t.Parallel()
	m, _ := sketchPanel(t, 5, Options{Renderer: truecolour()})
	coloured := m.View()
	if !strings.Contains(coloured, "\x1b[") {
		t.Fatal("no colour with a colour profile")
	}
	m, _ = sketchPanel(t, 5, Options{})
	plain := m.View()
	if strings.Contains(plain, "\x1b[") {
		t.Fatalf("escape codes with NO_COLOR: %q", plain)
	}
	if ansi.Strip(coloured) != plain {
		t.Fatalf("the words differ with and without colour:\n%s\n---\n%s", ansi.Strip(coloured), plain)
	}
	for _, w := range []string{"● running", "✗ failed", "✓ 2 running", "✗ 1 failed"} {
		if !strings.Contains(plain, w) {
			t.Errorf("without colour the view lacks %q", w)
		}
	}
}

func hundredRowPanel(tb testing.TB, r *lipgloss.Renderer) *Panel {
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	ids := manyIDs(100)
	for i, id := range ids {
		switch i % 4 {
		case 0:
			api.add(id, fails(0, 3*time.Second), "")
		case 1:
			api.add(id, stays("pending"), "")
		default:
			api.add(id, boots(0), fmt.Sprintf("10.0.%d.%d", i/200, i%200+10))
			api.public[id] = fmt.Sprintf("114.67.%d.%d", i/200, i%200+10)
		}
	}
	m := NewPanel(context.Background(), api, "cn-hongkong-11", ids,
		Meta{InstanceType: "g.n2.large", Zone: "cn-hongkong-11a", Name: "batch-worker"}, Options{Now: clock.Now, Renderer: r})
	m.after = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	for range 3 {
		clock.Advance(m.tracker.NextDelay(clock.Now()))
		m.Update(statusPolledMsg{id: m.id, res: fetchPoll(context.Background(), api, "cn-hongkong-11", m.tracker.plan(), clock.Now)})
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 110})
	return m
}

func TestStatusPanelHundredRowsAllShown(t *testing.T) {
	t.Parallel()
	m := hundredRowPanel(t, plain)
	v := m.View()
	if n := strings.Count(v, "i-000000"); n != 100 {
		t.Fatalf("%d rows shown on a 110-line terminal", n)
	}
}

// BenchmarkStatusViewHundredRows renders the panel with 100 rows on screen
// (target: under 1 ms).
func BenchmarkStatusViewHundredRows(b *testing.B) {
	for _, p := range []struct {
		name     string
		renderer *lipgloss.Renderer
	}{{"no-color", plain}, {"truecolor", truecolour()}} {
		b.Run(p.name, func(b *testing.B) {
			m := hundredRowPanel(b, p.renderer)
			if n := strings.Count(m.View(), "i-000000"); n != 100 {
				b.Fatalf("%d rows on screen", n)
			}
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

func TestStatusPanelGroupsReasons(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	ids := manyIDs(6)
	for i, id := range ids {
		if i < 5 {
			api.add(id, fails(0, 3*time.Second), "")
		} else {
			api.add(id, stays("stopped"), "")
		}
	}
	m := newTestPanel(t, clock, api, ids, Meta{}, Options{})
	for !m.Settled() {
		pollPanel(t, m, clock)
	}
	resize(m, 120, 40)
	v := m.View()
	for _, w := range []string{
		"i-00000000, i-00000001 and 3 more went to error and were deleted by the platform: not charged, quota released.",
		"i-00000005 ended stopped instead of running; it will not come up by itself.",
	} {
		if !strings.Contains(v, w) {
			t.Errorf("view lacks %q:\n%s", w, v)
		}
	}
}

func TestStatusPanelStopsWhenTheAPIRefuses(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api, ids := sketchAPI(clock)
	denied := &apiclient.APIError{HTTPStatus: 401, Status: "ACCESS_ERROR", Message: "Invalid accessKey"}
	for i := 1; i <= statusRefusals; i++ {
		api.failStatus[i] = denied
	}
	m := newTestPanel(t, clock, api, ids, sketchMeta, Options{ExitWhenSettled: true})
	for range statusRefusals {
		pollPanel(t, m, clock)
	}
	if !m.Done() || m.Outcome() != SomeFailed {
		t.Fatalf("done %v outcome %d", m.Done(), m.Outcome())
	}
	resize(m, 120, 40)
	v := m.View()
	for _, w := range []string{"◌ 3 unknown", "✗ stopped watching: the API refused 3 checks in a row: HTTP 401 ACCESS_ERROR: Invalid accessKey",
		"Check the access key"} {
		if !strings.Contains(v, w) {
			t.Errorf("view lacks %q:\n%s", w, v)
		}
	}
	if f := m.Farewell(); !strings.Contains(f, "the API refused 3 checks in a row") {
		t.Errorf("farewell %q", f)
	}
}
