package launch

import (
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/ui/internal/screentest"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

// Golden screens of the wizard, plain text, at 80x24 and 120x40: each of the
// seven steps, the review and the status panel right after the submit. The
// same key presses drive a bare model (wzHarness) and, for the form steps and
// the review, a real Bubble Tea program (teatest); both must draw the same
// screens.

// wzScrubIDs blanks what differs between runs without changing any width:
// request ids and instance ids (the sandbox draws them as requests arrive,
// and the look-ups arrive in any order).
var wzScrubIDs = regexp.MustCompile(`(request |请求 )([a-z0-9]+…?)|\b(i-)([a-z0-9]{6,})\b`)

func wzScrub(s string) string {
	return wzScrubIDs.ReplaceAllStringFunc(s, func(m string) string {
		head, rest := "i-", strings.TrimPrefix(m, "i-")
		for _, word := range []string{"request ", "请求 "} {
			if strings.HasPrefix(m, word) {
				head, rest = word, strings.TrimPrefix(m, word)
			}
		}
		return head + strings.Map(func(r rune) rune {
			if r == '…' {
				return r
			}
			return 'x'
		}, rest)
	})
}

// wzScreen is one golden: the key presses that lead to it from the screen
// before.
type wzScreen struct {
	name  string
	keys  []string // "type:TEXT" types TEXT
	until string   // the screen is drawn once it shows this
}

// wzScreens walks the defaults from the first step to the review.
var wzScreens = []wzScreen{
	{name: "1_zone", until: "1 · Region & zone"},
	{name: "2_type", keys: []string{"enter", "enter"}, until: "2 · Instance type"},
	{name: "3_image", keys: []string{"enter"}, until: "3 · Image"},
	{name: "4_network", keys: []string{"enter", "enter", "enter"}, until: "4 · Network"},
	{name: "5_disks", keys: []string{"enter", "enter", "enter", "enter", "enter"}, until: "5 · Disks"},
	{name: "6_billing", keys: []string{"enter", "enter"}, until: "6 · Billing"},
	{name: "7_login", keys: []string{"enter", "enter", "enter", "enter", "type:" + wzPassword, "enter", "type:" + wzPassword}, until: "7 · Login & name"},
	{name: "8_review", keys: []string{"enter", "enter", "enter", "enter"}, until: "Review · 1 ×"},
}

var wzGoldenSizes = []struct{ w, h int }{{80, 24}, {120, 40}}

func wzSize(w, h int) string { return itoa(w) + "x" + itoa(h) }

// walk presses each screen's keys, checks the screen shows what it
// should, and calls drawn with its name.
func (h *wzHarness) walk(screens []wzScreen, drawn func(name string)) {
	h.t.Helper()
	for _, s := range screens {
		for _, k := range s.keys {
			if text, ok := strings.CutPrefix(k, "type:"); ok {
				h.typeText(text)
			} else {
				h.key(k)
			}
		}
		if !strings.Contains(h.view(), s.until) {
			h.t.Fatalf("%s: the screen lacks %q:\n%s", s.name, s.until, h.view())
		}
		drawn(s.name)
	}
}

// wzGoldenName is the golden of screen at w×h: the subtest of
// TestWizardGoldenScreens that draws it.
func wzGoldenName(screen string, w, h int) string {
	return "TestWizardGoldenScreens/" + wzSize(w, h) + "/" + screen
}

// checkWizardGolden compares a screen (colourless, ids scrubbed) with its
// golden file (go test -update rewrites it), after checking that it fills
// the terminal exactly (the status panel may leave the bottom empty) and
// keeps the password to itself.
func checkWizardGolden(t *testing.T, name string, w, h int, screen string) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		screen := wzScrub(ansi.Strip(screen))
		if n := strings.Count(screen, "\n") + 1; n != h && !strings.Contains(name, "status") {
			t.Errorf("%d lines on a %d-line terminal", n, h)
		}
		if strings.Contains(screen, wzPassword) {
			t.Fatalf("the screen shows the password:\n%s", screen)
		}
		screentest.Golden(t, screen, w, h)
	})
}

func wzGoldenConfig(t *testing.T) Config {
	return Config{
		Renderer: wzRenderer,
		Catalog:  wzSandbox(t, sandbox.Options{}),
		Sandbox:  true,
		Draft:    wizard.Draft{Region: wzRegion, ClientToken: wzToken},
	}
}

func TestWizardGoldenScreens(t *testing.T) {
	t.Parallel()
	for _, size := range wzGoldenSizes {
		t.Run(wzSize(size.w, size.h), func(t *testing.T) {
			h := newWzHarness(t, wzGoldenConfig(t), size.w, size.h)
			h.walk(wzScreens, func(name string) { checkWizardGolden(t, name, size.w, size.h, h.m.View()) })

			// The status panel right after the submit, on the panel's
			// fake clock (elapsed 0:00, first check in 2 s).
			h.keys("enter", "y")
			if h.m.phase != phaseStatus {
				t.Fatalf("no status panel after y:\n%s", h.view())
			}
			checkWizardGolden(t, "9_status", size.w, size.h, h.m.View())

			// Once it runs: the screen the end-to-end test waits for.
			h.pollStatus(2 * time.Second)
			checkWizardGolden(t, "10_status_running", size.w, size.h, h.m.View())
		})
	}
}

// wzRecorder wraps the wizard in a program and keeps the last screen the
// program drew, for the test goroutine to read; drawn says a new one came.
type wzRecorder struct {
	m     *Model
	mu    sync.Mutex
	last  string
	drawn chan struct{} // buffered: one wake-up per batch of views
}

func newWzRecorder(m *Model) *wzRecorder { return &wzRecorder{m: m, drawn: make(chan struct{}, 1)} }

func (r *wzRecorder) Init() tea.Cmd { return r.m.Init() }

func (r *wzRecorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := r.m.Update(msg)
	return r, cmd
}

func (r *wzRecorder) View() string {
	v := r.m.View()
	r.mu.Lock()
	r.last = v
	r.mu.Unlock()
	select {
	case r.drawn <- struct{}{}:
	default:
	}
	return v
}

func (r *wzRecorder) screen() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

// waitFor waits until the program draws want (scrubbed), or fails after
// timeout with the last screen.
func (r *wzRecorder) waitFor(t *testing.T, name, want string, timeout time.Duration) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		got := wzScrub(ansi.Strip(r.screen()))
		if got == want {
			return
		}
		select {
		case <-r.drawn:
		case <-deadline:
			t.Fatalf("the program never drew %s:\n--- last screen\n%s\n--- want\n%s", name, got, want)
		}
	}
}

// TestWizardGoldenScreensInAProgram runs the wizard in a real Bubble Tea
// program (teatest) and waits, after each key sequence, for the screen the
// bare model drew for the same keys.
func TestWizardGoldenScreensInAProgram(t *testing.T) {
	t.Parallel()
	for _, size := range wzGoldenSizes {
		t.Run(wzSize(size.w, size.h), func(t *testing.T) {
			rec := newWzRecorder(New(t.Context(), wzGoldenConfig(t)))
			tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(size.w, size.h))
			for _, s := range wzScreens {
				for _, k := range s.keys {
					if text, ok := strings.CutPrefix(k, "type:"); ok {
						tm.Type(text)
					} else {
						tm.Send(wzKey(k))
					}
				}
				want, err := os.ReadFile(screentest.Path(wzGoldenName(s.name, size.w, size.h)))
				if err != nil {
					t.Fatal(err)
				}
				rec.waitFor(t, s.name, string(want), 10*time.Second)
			}
			// Ctrl-C on the review: nothing is created, exit 130.
			tm.Send(wzKey("ctrl+c"))
			final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*wzRecorder)
			if final.m.outcome != watch.Stopped || final.m.status != nil {
				t.Errorf("ctrl+c on the review: outcome %d, status panel %v", final.m.outcome, final.m.status != nil)
			}
		})
	}
}
