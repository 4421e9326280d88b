package launch

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

// Golden screens of the wizard, plain text, at 80x24 and 120x40: each of the
// seven steps, the review and the status panel right after the submit. The
// same key presses drive a bare model (wzHarness) and, for the form steps and
// the review, a real Bubble Tea program (teatest); both must draw the same
// screens.

// updateWizardGolden rewrites ui/testdata/wizard_*.golden. A package-wide
// -update flag (teatest's golden package declares one) is honoured too.
var updateWizardGolden = flag.Bool("updateWizardGolden", false, "rewrite ui/testdata/wizard_*.golden")

func wizardGoldenUpdate() bool {
	if *updateWizardGolden {
		return true
	}
	if f := flag.Lookup("update"); f != nil {
		return f.Value.String() == "true"
	}
	return false
}

// wzScrubIDs blanks what differs between runs without changing any width:
// request ids and instance ids (the sandbox draws them as requests arrive,
// and the look-ups arrive in any order).
var wzScrubIDs = regexp.MustCompile(`(request )([a-z0-9]+…?)|\b(i-)([a-z0-9]{6,})\b`)

func wzScrub(s string) string {
	return wzScrubIDs.ReplaceAllStringFunc(s, func(m string) string {
		head, rest := "i-", strings.TrimPrefix(m, "i-")
		if strings.HasPrefix(m, "request ") {
			head, rest = "request ", strings.TrimPrefix(m, "request ")
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

func wzGoldenPath(name string, w, h int) string {
	return filepath.Join("testdata", "wizard_"+name+"_"+itoa(w)+"x"+itoa(h)+".golden")
}

// checkWizardGolden compares a screen (colourless, ids scrubbed) with its
// golden file, after checking it fills the terminal exactly and keeps the
// password to itself.
func checkWizardGolden(t *testing.T, name string, w, h int, screen string) {
	t.Helper()
	screen = wzScrub(ansi.Strip(screen))
	wzCheckFits(t, name, w, h, screen)
	if strings.Contains(screen, wzPassword) {
		t.Fatalf("%s shows the password:\n%s", name, screen)
	}
	path := wzGoldenPath(name, w, h)
	if wizardGoldenUpdate() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(screen), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -run WizardGolden -updateWizardGolden to create it)", err)
	}
	if string(want) != screen {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, screen, want)
	}
}

// wzCheckFits fails unless screen has no line wider than w, and exactly h
// lines (the wizard's steps and review fill the screen; the status panel
// may leave the bottom empty, but not overflow it).
func wzCheckFits(t *testing.T, name string, w, h int, screen string) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) > h || (len(lines) != h && !strings.Contains(name, "status")) {
		t.Errorf("%s at %dx%d: %d lines", name, w, h, len(lines))
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("%s at %dx%d: line %d is %d cells wide: %q", name, w, h, i+1, lw, l)
		}
	}
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
	for _, size := range wzGoldenSizes {
		t.Run(itoa(size.w)+"x"+itoa(size.h), func(t *testing.T) {
			h := newWzHarness(t, wzGoldenConfig(t), size.w, size.h)
			for _, s := range wzScreens {
				for _, k := range s.keys {
					if text, ok := strings.CutPrefix(k, "type:"); ok {
						h.typeText(text)
					} else {
						h.key(k)
					}
				}
				if !strings.Contains(h.view(), s.until) {
					t.Fatalf("%s: the screen lacks %q:\n%s", s.name, s.until, h.view())
				}
				checkWizardGolden(t, s.name, size.w, size.h, h.m.View())
			}

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
// program drew, for the test goroutine to read.
type wzRecorder struct {
	m    *Model
	mu   sync.Mutex
	last string
}

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
	return v
}

func (r *wzRecorder) screen() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

// TestWizardGoldenScreensInAProgram runs the wizard in a real Bubble Tea
// program (teatest) and waits, after each key sequence, for the screen the
// bare model drew for the same keys.
func TestWizardGoldenScreensInAProgram(t *testing.T) {
	if wizardGoldenUpdate() {
		t.Skip("the goldens are written by TestWizardGoldenScreens")
	}
	for _, size := range wzGoldenSizes {
		t.Run(itoa(size.w)+"x"+itoa(size.h), func(t *testing.T) {
			rec := &wzRecorder{m: New(t.Context(), wzGoldenConfig(t))}
			tm := teatest.NewTestModel(t, rec, teatest.WithInitialTermSize(size.w, size.h))
			for _, s := range wzScreens {
				for _, k := range s.keys {
					if text, ok := strings.CutPrefix(k, "type:"); ok {
						tm.Type(text)
					} else {
						tm.Send(wzKey(k))
					}
				}
				want, err := os.ReadFile(wzGoldenPath(s.name, size.w, size.h))
				if err != nil {
					t.Fatal(err)
				}
				deadline := time.Now().Add(10 * time.Second)
				var got string
				for time.Now().Before(deadline) {
					if got = wzScrub(ansi.Strip(rec.screen())); got == string(want) {
						break
					}
					time.Sleep(10 * time.Millisecond)
				}
				if got != string(want) {
					t.Fatalf("the program never drew %s:\n--- last screen\n%s\n--- want\n%s", s.name, got, want)
				}
			}
			// Ctrl-C on the review: nothing is created, exit 130.
			tm.Send(wzKey("ctrl+c"))
			final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*wzRecorder)
			if final.m.outcome != watch.Stopped || final.m.status != nil {
				t.Errorf("ctrl+c on the review: exit %d, status panel %v", final.m.outcome, final.m.status != nil)
			}
		})
	}
}
