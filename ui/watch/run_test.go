package watch

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cocvm/cocvm/ui/iostreams"
)

// fastPanel is a standalone panel whose schedule runs in milliseconds.
func fastPanel(t *testing.T, api API, clock *fakeClock, ids []string) *Panel {
	t.Helper()
	m := NewPanel(context.Background(), api, "cn-hongkong-11", ids, Meta{},
		Options{ExitWhenSettled: true, QuitProgram: true, Now: clock.Now, Renderer: plain})
	m.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return tea.Tick(time.Millisecond, func(time.Time) tea.Msg {
			clock.Advance(d)
			return msg
		})
	}
	return m
}

func TestRunPanelProgramEndsWhenSettled(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api, ids := sketchAPI(clock)
	var out bytes.Buffer
	ios := &iostreams.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: io.Discard}
	outcome, sum, err := RunPanel(context.Background(), ios, fastPanel(t, api, clock, ids))
	if err != nil || outcome != SomeFailed || sum.Running != 2 || sum.Failed != 1 {
		t.Fatalf("outcome %d sum %+v err %v", outcome, sum, err)
	}
	for _, w := range []string{"✓ 2 running", "✗ 1 failed", "i-k2p9x7c0 went to error and was deleted by the platform"} {
		if !strings.Contains(out.String(), w) {
			t.Fatalf("output lacks %q:\n%s", w, out.String())
		}
	}
}

func TestRunPanelProgramStoppedByContext(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-slow", stays("pending"), "")
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	ios := &iostreams.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: io.Discard}
	time.AfterFunc(50*time.Millisecond, cancel)
	outcome, _, err := RunPanel(ctx, ios, fastPanel(t, api, clock, []string{"i-slow"}))
	if err != nil || outcome != Stopped {
		t.Fatalf("outcome %d err %v", outcome, err)
	}
	if !strings.Contains(out.String(), "Stopped watching: the instances keep going. See them again with: cocvm watch --region cn-hongkong-11 i-slow") {
		t.Fatalf("output:\n%s", out.String())
	}
}

func TestStatusPanelProgramQuitKey(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	api := newFakeStatusAPI(clock)
	api.add("i-slow", stays("pending"), "")
	m := fastPanel(t, api, clock, []string{"i-slow"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("pending")) },
		teatest.WithDuration(5*time.Second))
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Panel)
	if final.Outcome() != Stopped || !strings.Contains(final.Farewell(), "the instances keep going") {
		t.Fatalf("outcome %d farewell %q", final.Outcome(), final.Farewell())
	}
}
