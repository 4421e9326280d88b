package ui

import (
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/wizard"
)

// End-to-end: the built binary in a real terminal (tmux), on its built-in
// sandbox, driven by key presses and read back from the screen. It runs only
// with COCVM_E2E=1 (CI sets it; then a missing tmux is a failure), so that
// `go test ./...` on a laptop stays quick.

// e2eEnv is the requirement switch: CI sets it.
const e2eEnv = "COCVM_E2E"

// e2eTmuxSessions numbers the tmux servers of this process, so parallel runs
// (and the subtests of one run) never share a socket.
var e2eTmuxSessions atomic.Int64

// e2eTerm is one tmux server with one session running one command.
type e2eTerm struct {
	t       *testing.T
	socket  string
	session string
	w, h    int
	// screens keeps every distinct screen seen, for failure messages and
	// the password check; reached the ones waitFor was waiting for.
	screens []string
	reached []string
}

// e2eDirs are the empty home and XDG directories one run of cocvm gets,
// and its LANG (C.UTF-8 when empty).
type e2eDirs struct{ home, config, state, lang string }

func newE2EDirs(t *testing.T) e2eDirs {
	root := t.TempDir()
	d := e2eDirs{home: filepath.Join(root, "home"), config: filepath.Join(root, "config"), state: filepath.Join(root, "state")}
	for _, dir := range []string{d.home, d.config, d.state} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// e2eBinary builds cocvm into dir.
func e2eBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "cocvm")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/cocvm/cocvm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// e2eRequireTmux skips unless COCVM_E2E=1 asks for the end-to-end tests
// (CI sets it), and then fails without tmux.
func e2eRequireTmux(t *testing.T) {
	t.Helper()
	if os.Getenv(e2eEnv) != "1" {
		t.Skip("the end-to-end test runs with " + e2eEnv + "=1 (CI sets it)")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatalf("%s=1 but tmux is not installed: %v", e2eEnv, err)
	}
}

// e2eShellQuote quotes s for sh.
func e2eShellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// startE2E runs args in a fresh tmux server of w×h cells with only the given
// directories as its environment. When cocvm ends, the pane says how, and
// stays for the test to read.
func startE2E(t *testing.T, bin string, dirs e2eDirs, w, h int, args ...string) *e2eTerm {
	t.Helper()
	n := e2eTmuxSessions.Add(1)
	term := &e2eTerm{t: t, socket: fmt.Sprintf("cocvm-e2e-%d-%d", os.Getpid(), n), session: fmt.Sprintf("cocvm%d", n), w: w, h: h}
	command := []string{"env", "-i",
		"HOME=" + dirs.home, "XDG_CONFIG_HOME=" + dirs.config, "XDG_STATE_HOME=" + dirs.state,
		"TERM=xterm-256color", "LANG=" + cmp.Or(dirs.lang, "C.UTF-8"), "PATH=/usr/bin:/bin", bin}
	command = append(command, args...)
	var quoted []string
	for _, c := range command {
		quoted = append(quoted, e2eShellQuote(c))
	}
	script := strings.Join(quoted, " ") + `; echo "cocvm exited with status $?"; sleep 600`
	t.Cleanup(func() {
		if t.Failed() {
			for i := max(0, len(term.screens)-3); i < len(term.screens); i++ {
				t.Logf("screen %d of %d:\n%s", i+1, len(term.screens), term.screens[i])
			}
		}
		_ = exec.Command("tmux", "-L", term.socket, "kill-server").Run()
	})
	term.tmux("-f", "/dev/null", "new-session", "-d", "-s", term.session, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), script)
	return term
}

func (e *e2eTerm) tmux(args ...string) string {
	e.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-u", "-L", e.socket}, args...)...).CombinedOutput()
	if err != nil {
		e.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// screen is what the pane shows now.
func (e *e2eTerm) screen() string {
	e.t.Helper()
	s := e.tmux("capture-pane", "-p", "-t", e.session)
	if len(e.screens) == 0 || e.screens[len(e.screens)-1] != s {
		e.screens = append(e.screens, s)
	}
	return s
}

// poll asks done every 50 ms until it reports true or timeout has passed,
// and says which: tmux is another process, whose screen can be read but
// not waited on.
func (e *e2eTerm) poll(timeout time.Duration, done func() bool) bool {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(timeout)
	for !done() {
		select {
		case <-tick.C:
		case <-deadline:
			return done()
		}
	}
	return true
}

// waitFor polls the screen until it shows every string, or fails after
// timeout (or once cocvm has exited) with the last screen.
func (e *e2eTerm) waitFor(timeout time.Duration, subs ...string) string {
	e.t.Helper()
	var s string
	shows := func() bool {
		s = e.screen()
		for _, sub := range subs {
			if !strings.Contains(s, sub) {
				return false
			}
		}
		return true
	}
	exited := false
	ok := e.poll(timeout, func() bool {
		if shows() {
			return true
		}
		exited = strings.Contains(s, "cocvm exited with status")
		return exited
	})
	if !ok || exited {
		e.t.Fatalf("waited for %q; the screen is:\n%s", subs, s)
	}
	e.reached = append(e.reached, s)
	return s
}

// press sends keys by tmux name (Enter, Escape, C-c, y).
func (e *e2eTerm) press(keys ...string) {
	e.t.Helper()
	e.tmux(append([]string{"send-keys", "-t", e.session}, keys...)...)
}

// typeText types s literally.
func (e *e2eTerm) typeText(s string) {
	e.t.Helper()
	e.tmux("send-keys", "-t", e.session, "-l", s)
}

// exitStatus waits for cocvm to end and returns its exit status.
func (e *e2eTerm) exitStatus(timeout time.Duration) int {
	e.t.Helper()
	s := e.waitFor(timeout, "cocvm exited with status")
	m := regexp.MustCompile(`cocvm exited with status (\d+)`).FindStringSubmatch(s)
	if m == nil {
		e.t.Fatalf("no exit status on the screen:\n%s", s)
	}
	code, err := strconv.Atoi(m[1])
	if err != nil {
		e.t.Fatal(err)
	}
	return code
}

// checkFits checks the screens the test waited for: none wider than the
// terminal, and the wizard's header still on the first line. Bubble Tea
// cuts lines wider than the terminal, so a line the program thinks is
// narrower than the terminal does (a width miscounted) is what would wrap
// and push the header off the top. (The golden tests check the widths the
// program means to draw.)
func (e *e2eTerm) checkFits() {
	e.t.Helper()
	for _, s := range e.reached {
		lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
		for i, line := range lines {
			if lw := ansi.StringWidth(line); lw > e.w {
				e.t.Errorf("at %dx%d line %d is %d cells wide: %q", e.w, e.h, i+1, lw, line)
			}
		}
		// The wizard's header and the status panel's title, in English
		// and in Chinese.
		for _, head := range []string{"cocvm · create instances", "Creating 1 ×", "cocvm · 创建实例", "正在创建 1 台"} {
			if strings.Contains(s, head) && !strings.Contains(lines[0], head) {
				e.t.Errorf("at %dx%d %q is not on the first line:\n%s", e.w, e.h, head, s)
			}
		}
	}
}

// e2ePassword meets every password rule; e2eRegion is the sandbox's first.
const (
	e2ePassword = "Cloud-Vm9ab!"
	e2eRegion   = "cn-hongkong-11"
)

// e2eStep is the key presses that lead to a step from the one before, and
// what the step shows once it is drawn.
type e2eStep struct {
	keys  []string // "type:TEXT" types TEXT
	until string
}

// e2eSteps walks the defaults from the first step to the review, as the
// wizard's golden screens do (ui/launch): the key presses that lead to each
// step from the one before, and what the step shows once it is drawn.
var e2eSteps = []e2eStep{
	{keys: []string{"enter", "enter"}, until: "2 · Instance type"},
	{keys: []string{"enter"}, until: "3 · Image"},
	{keys: []string{"enter", "enter", "enter"}, until: "4 · Network"},
	{keys: []string{"enter", "enter", "enter", "enter", "enter"}, until: "5 · Disks"},
	{keys: []string{"enter", "enter"}, until: "6 · Billing"},
	{keys: []string{"enter", "enter", "enter", "enter", "type:" + e2ePassword, "enter", "type:" + e2ePassword}, until: "7 · Login & name"},
	{keys: []string{"enter", "enter", "enter", "enter"}, until: "Review · 1 ×"},
}

// e2eWalkWizard presses Enter through every step with the defaults, types the
// password twice, and creates on the review.
func e2eWalkWizard(t *testing.T, term *e2eTerm) {
	t.Helper()
	term.waitFor(20*time.Second, "1 · Region & zone", "types in stock")
	e2eWalkSteps(term, e2eSteps)
	term.waitFor(10*time.Second, "Quota left  ✓ 50 ")
	term.press("Enter")
	term.waitFor(5*time.Second, "Create 1 instance and deduct 1 month of prepaid charges? (y/n)")
	term.press("y")
	term.waitFor(10*time.Second, "Creating 1 × g.n2.medium")
}

// e2eWalkSteps presses each step's keys and waits for what it shows.
func e2eWalkSteps(term *e2eTerm, steps []e2eStep) {
	term.t.Helper()
	for _, s := range steps {
		for _, k := range s.keys {
			if text, ok := strings.CutPrefix(k, "type:"); ok {
				term.typeText(text)
			} else {
				term.press("Enter")
			}
		}
		term.waitFor(10*time.Second, s.until)
	}
}

func TestE2E(t *testing.T) {
	e2eRequireTmux(t)
	bin := e2eBinary(t, t.TempDir())

	for _, size := range []struct{ w, h int }{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("wizard_%dx%d", size.w, size.h), func(t *testing.T) {
			dirs := newE2EDirs(t)
			term := startE2E(t, bin, dirs, size.w, size.h, "--sandbox")
			e2eWalkWizard(t, term)
			// The sandbox boots in 3 to 8 s; the panel polls after 2 s,
			// backing off.
			s := term.waitFor(40*time.Second, "1 of 1 running", "q quit")
			if !strings.Contains(s, "● running") {
				t.Errorf("the running screen lacks the instance row:\n%s", s)
			}
			term.press("q")
			if code := term.exitStatus(10 * time.Second); code != 0 {
				t.Errorf("cocvm exited with %d after every instance ran, want 0:\n%s", code, term.screen())
			}
			final := term.screen()
			if !strings.Contains(final, "✓ 1 running") {
				t.Errorf("the farewell lacks the outcome:\n%s", final)
			}
			term.checkFits()
			// The request was journaled, and the password went nowhere.
			journal, err := os.ReadFile(filepath.Join(dirs.state, "cocvm", "journal.jsonl"))
			if err != nil {
				t.Fatalf("no journal: %v", err)
			}
			if strings.Contains(string(journal), e2ePassword) {
				t.Error("the journal holds the password")
			}
			for _, screen := range term.screens {
				if strings.Contains(screen, e2ePassword) {
					t.Errorf("a screen showed the password:\n%s", screen)
				}
			}
		})
	}

	t.Run("first_run_setup_sandbox", func(t *testing.T) {
		dirs := newE2EDirs(t)
		term := startE2E(t, bin, dirs, 100, 30)
		// The language first, English preselected by LANG=C.UTF-8.
		term.waitFor(20*time.Second, "Language", "> English")
		term.press("Enter")
		term.waitFor(5*time.Second, "Welcome to cocvm")
		term.waitFor(5*time.Second, "Try the sandbox")
		// The sandbox is the preselected answer; then the default region and
		// zone: Enter until the wizard is up.
		for i := 0; i < 6 && !strings.Contains(term.screen(), "1 · Region & zone"); i++ {
			before := term.screen()
			term.press("Enter")
			term.poll(5*time.Second, func() bool { return term.screen() != before })
		}
		term.waitFor(20*time.Second, "1 · Region & zone", "SANDBOX")
		term.press("C-c")
		if code := term.exitStatus(10 * time.Second); code != ExitInterrupted {
			t.Errorf("ctrl+c in the wizard: exit %d, want %d", code, ExitInterrupted)
		}
		cfg, err := os.ReadFile(filepath.Join(dirs.config, "cocvm", "config.toml"))
		if err != nil {
			t.Fatalf("setup saved no config: %v", err)
		}
		if !regexp.MustCompile(`(?m)^\s*sandbox\s*=\s*true`).Match(cfg) {
			t.Errorf("the saved profile is not a sandbox one:\n%s", cfg)
		}
		if fi, err := os.Stat(filepath.Join(dirs.config, "cocvm", "config.toml")); err == nil && fi.Mode().Perm() != 0o600 {
			t.Errorf("config.toml has mode %v, want 0600", fi.Mode().Perm())
		}
	})

	t.Run("preset_opens_review", func(t *testing.T) {
		dirs := newE2EDirs(t)
		e2eSavePreset(t, dirs, "web", e2eWebDraft())
		term := startE2E(t, bin, dirs, 120, 40, "--sandbox", "create", "--preset", "web")
		s := term.waitFor(20*time.Second, "Review · 2 × g.n2.large in cn-hongkong-11b")
		for _, want := range []string{"Preset   web", `"maxCount": 2`} {
			if !strings.Contains(s, want) {
				t.Errorf("the review lacks %q:\n%s", want, s)
			}
		}
		term.press("C-c")
		if code := term.exitStatus(10 * time.Second); code != ExitInterrupted {
			t.Errorf("ctrl+c on the review: exit %d, want %d", code, ExitInterrupted)
		}
	})

	t.Run("hidden_review_sends_nothing", func(t *testing.T) {
		dirs := newE2EDirs(t)
		e2eSavePreset(t, dirs, "web", e2eWebDraft())
		term := startE2E(t, bin, dirs, 120, 40, "--sandbox", "create", "--preset", "web")
		term.waitFor(20*time.Second, "Review · 2 × g.n2.large in cn-hongkong-11b", "Quota left  ✓ 50 ")
		// Shrink the terminal under the review, then type what would
		// create: Enter asks, y answers.
		term.tmux("resize-window", "-t", term.session, "-x", "40", "-y", "10")
		term.waitFor(5*time.Second, "too small")
		for i := 0; i < 3; i++ {
			term.press("Enter")
			term.press("y")
		}
		time.Sleep(500 * time.Millisecond)
		term.tmux("resize-window", "-t", term.session, "-x", "120", "-y", "40")
		s := term.waitFor(5*time.Second, "Review · 2 × g.n2.large in cn-hongkong-11b")
		if strings.Contains(s, "Creating") || strings.Contains(s, "(y/n)") {
			t.Errorf("keys typed on the hidden review acted:\n%s", s)
		}
		if _, err := os.Stat(filepath.Join(dirs.state, "cocvm", "journal.jsonl")); err == nil {
			t.Error("the journal has a request: something was sent from the hidden review")
		}
		term.press("C-c")
		if code := term.exitStatus(10 * time.Second); code != ExitInterrupted {
			t.Errorf("ctrl+c on the review: exit %d, want %d", code, ExitInterrupted)
		}
		final := term.screen()
		if !strings.Contains(final, "nothing was created") {
			t.Errorf("the farewell does not say nothing was created:\n%s", final)
		}
	})

	// Issue 13, items 1 and 3: space on a security group keeps the cursor
	// on that row (so a second space unticks the same group), and ctrl+r
	// goes back to the review in one key.
	t.Run("groups_and_back_to_review", func(t *testing.T) {
		dirs := newE2EDirs(t)
		term := startE2E(t, bin, dirs, 120, 40, "--sandbox")
		term.waitFor(20*time.Second, "1 · Region & zone", "types in stock")
		// Enter through zone, type and image with their defaults.
		for i := 0; i < 12 && !strings.Contains(term.screen(), "4 · Network"); i++ {
			before := term.screen()
			term.press("Enter")
			deadline := time.Now().Add(5 * time.Second)
			for term.screen() == before && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
		}
		term.waitFor(10*time.Second, "4 · Network", "Security groups", "1 selected: default")
		term.press("Enter") // VPC: chosen, on to the subnet
		term.press("Enter") // subnet: on to the groups
		term.press("Down", "Down", "Space")
		s := term.waitFor(5*time.Second, "2 selected: default, ssh-only")
		if !regexp.MustCompile(`>\s+☒ ssh-only`).MatchString(s) {
			t.Fatalf("the cursor left the row it ticked:\n%s", s)
		}
		term.press("Space")
		s = term.waitFor(5*time.Second, "1 selected: default")
		if !regexp.MustCompile(`>\s+☐ ssh-only`).MatchString(s) {
			t.Fatalf("the second space did not untick the same row:\n%s", s)
		}
		term.press("C-r")
		term.waitFor(10*time.Second, "Review · 1 × g.n2.medium")
		term.press("4")
		term.waitFor(5*time.Second, "4 · Network")
		term.press("C-r")
		term.waitFor(5*time.Second, "Review · 1 × g.n2.medium")
		term.checkFits()
		term.press("C-c")
		if code := term.exitStatus(10 * time.Second); code != ExitInterrupted {
			t.Errorf("ctrl+c on the review: exit %d, want %d", code, ExitInterrupted)
		}
	})

	t.Run("preset_opens_first_problem", func(t *testing.T) {
		dirs := newE2EDirs(t)
		d := wizard.Draft{Region: e2eRegion}
		d.Spec.Az = "cn-hongkong-11c"
		d.Spec.InstanceType = "c.n2.large" // sold out in zone c
		e2eSavePreset(t, dirs, "bad", d)
		term := startE2E(t, bin, dirs, 120, 40, "--sandbox", "create", "--preset", "bad")
		term.waitFor(20*time.Second, "2 · Instance type · zone cn-hongkong-11c",
			"instance type c.n2.large is sold out in cn-hongkong-11c")
		term.press("C-c")
		if code := term.exitStatus(10 * time.Second); code != ExitInterrupted {
			t.Errorf("ctrl+c on a step: exit %d, want %d", code, ExitInterrupted)
		}
	})
}

// e2eWebDraft is the preset "web" of the review tests: 2 × g.n2.large in
// cn-hongkong-11b, which `create --preset web` opens on the review.
func e2eWebDraft() wizard.Draft {
	d := wizard.Draft{Region: e2eRegion, Count: 2}
	d.Spec.Az = "cn-hongkong-11b"
	d.Spec.InstanceType = "g.n2.large"
	d.Spec.Name = "web"
	return d
}

// e2eSavePreset writes a preset where the cocvm run with dirs finds it.
func e2eSavePreset(t *testing.T, dirs e2eDirs, name string, d wizard.Draft) {
	t.Helper()
	store := presets.Store{Dir: filepath.Join(dirs.config, "cocvm", "presets")}
	if err := store.Save(presets.New(name, "", d)); err != nil {
		t.Fatal(err)
	}
}
