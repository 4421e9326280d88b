package launch

import (
	"context"
	"errors"
	"github.com/cocvm/cocvm/ui/internal/screentest"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/apiclient/sandbox"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

// Model tests of the wizard: a real *apiclient.Client talks to an in-process
// sandbox over loopback, so the catalogue is the sandbox's deterministic one,
// and the model is driven with key and size messages while its look-up
// commands run synchronously (wzHarness).

// wzPassword meets every password rule; wzToken makes the review body and
// the status title reproducible.
const (
	wzPassword = "Cloud-Vm9ab!"
	wzToken    = "cocvm-test-token-0001"
	wzRegion   = "cn-hongkong-11"
)

// wzRenderer draws the wizard without colour, so views can be compared as
// text; the renderer is the wizard's own, so tests run in parallel.
var wzRenderer = iostreams.Plain()

// wzSandbox starts a sandbox whose instances boot at once and returns a
// client for it.
func wzSandbox(t testing.TB, opts sandbox.Options) *apiclient.Client {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	if opts.BootMax == 0 && opts.BootMin == 0 {
		opts.BootMax = sandbox.InstantBoot
	}
	if opts.Seed == 0 {
		opts.Seed = 7
	}
	run, err := sandbox.Start(ctx, opts)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	// The client's own connections, closed first: one dialled but never
	// used would hold the sandbox's shutdown for five seconds.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(func() {
		cancel()
		tr.CloseIdleConnections()
		_ = run.Close()
	})
	c, err := apiclient.New(apiclient.Config{Endpoint: run.URL, AccessKey: run.AccessKey, SecretKey: run.SecretKey,
		Retry: apiclient.RetryPolicy{MaxAttempts: 1}, HTTPClient: &http.Client{Transport: tr}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// wzHarness drives a Model without a Bubble Tea program: messages go
// to Update, and the commands that come back run here, their answers fed
// back in turn. Every timer of the wizard is the harness's (Config's
// Now and After): spinner ticks are dropped, and the status panel's clock
// and poll timers wait until a test moves the clock (pollStatus), so no
// command ever waits on time and none is cut off.
type wzHarness struct {
	t    testing.TB
	m    *Model
	quit bool
	// statusAt is how far the clock has moved since the harness started:
	// the status panel's elapsed times and poll countdown are reproducible.
	statusAt atomic.Int64
	// timers are the messages scheduled and not yet delivered.
	timers []tea.Msg
}

// wzTimerMsg is what a scheduled message yields at once: the harness keeps
// it until the clock moves.
type wzTimerMsg struct{ msg tea.Msg }

func newWzHarness(t testing.TB, cfg Config, w, h int) *wzHarness {
	t.Helper()
	if cfg.Draft.Region == "" {
		cfg.Draft.Region = wzRegion
	}
	hs := &wzHarness{t: t}
	start := time.Now()
	cfg.Now = func() time.Time { return start.Add(time.Duration(hs.statusAt.Load())) }
	cfg.After = func(_ time.Duration, msg tea.Msg) tea.Cmd { return func() tea.Msg { return wzTimerMsg{msg} } }
	cfg.Renderer = wzRenderer
	hs.m = New(context.Background(), cfg)
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(hs.m.Init())
	return hs
}

// run executes cmd and everything it leads to until nothing is left.
func (h *wzHarness) run(cmd tea.Cmd) {
	h.t.Helper()
	pending := []tea.Cmd{cmd}
	for len(pending) > 0 {
		msgs := wzRunConcurrently(pending)
		pending = nil
		for _, msg := range msgs {
			pending = append(pending, h.deliver(msg)...)
		}
	}
}

// deliver hands one command result to the model, unpacking batches and
// sequences, and returns the commands that follow from it.
func (h *wzHarness) deliver(msg tea.Msg) []tea.Cmd {
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		return msg
	case spinner.TickMsg:
		return nil // a spinner's first frame: animation is not tested
	case wzTimerMsg:
		if _, spin := msg.msg.(spinner.TickMsg); !spin {
			h.timers = append(h.timers, msg.msg)
		}
		return nil
	case tea.QuitMsg:
		h.quit = true
		return nil
	}
	// tea.Sequence's message type is unexported: a slice of commands.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		var cmds []tea.Cmd
		for i := 0; i < v.Len(); i++ {
			cmds = append(cmds, v.Index(i).Interface().(tea.Cmd))
		}
		return cmds
	}
	_, cmd := h.m.Update(msg)
	return []tea.Cmd{cmd}
}

// pollStatus moves the clock by d and delivers every message scheduled so
// far, as their timers would: the status panel polls once (and its clock
// ticks).
func (h *wzHarness) pollStatus(d time.Duration) {
	h.t.Helper()
	if h.m.status == nil {
		h.t.Fatal("no status panel to poll")
	}
	h.statusAt.Add(int64(d))
	due := h.timers
	h.timers = nil
	for _, msg := range due {
		h.send(msg)
	}
}

// wzRunConcurrently runs every command at once and returns their messages in
// the commands' order. No command is a timer (those are the harness's), so
// each ends once its look-up or submit has.
func wzRunConcurrently(cmds []tea.Cmd) []tea.Msg {
	out := make([]tea.Msg, len(cmds))
	var wg sync.WaitGroup
	for i, c := range cmds {
		if c == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = c()
		}()
	}
	wg.Wait()
	return out
}

// send delivers one message and runs what follows.
func (h *wzHarness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	// Bubble Tea draws the model after every message.
	h.m.View()
	h.run(cmd)
}

// key presses one key by name: "enter", "shift+tab", "esc", "left", "a", …
func (h *wzHarness) key(name string) {
	h.t.Helper()
	h.send(wzKey(name))
}

// keys presses several keys in turn.
func (h *wzHarness) keys(names ...string) {
	h.t.Helper()
	for _, n := range names {
		h.key(n)
	}
}

// typeText types s one rune at a time.
func (h *wzHarness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// wzKey is the key press named name.
var wzKey = screentest.Key

// view is the current screen, without colour codes.
func (h *wzHarness) view() string { return ansi.Strip(h.m.View()) }

// wantView fails unless the screen contains every string.
func (h *wzHarness) wantView(what string, subs ...string) {
	h.t.Helper()
	v := h.view()
	for _, s := range subs {
		if !strings.Contains(v, s) {
			h.t.Errorf("%s: the screen lacks %q:\n%s", what, s, v)
			return
		}
	}
}

// wantNoProblemsBefore fails for each step before last that has a problem
// (when says in what case).
func (h *wzHarness) wantNoProblemsBefore(last stepID, when string) {
	h.t.Helper()
	for id := stepZone; id < last; id++ {
		if ps := h.m.stepProblems(id); len(ps) > 0 {
			h.t.Errorf("step %s has problems %s: %v", stepName(nil, id), when, ps)
		}
	}
}

// atStep fails unless the wizard shows form step id.
func (h *wzHarness) atStep(id stepID) {
	h.t.Helper()
	if h.m.phase != phaseForm || h.m.cur != id {
		h.t.Fatalf("at phase %d step %d, want the form at step %d (%s):\n%s", h.m.phase, h.m.cur, id, stepName(nil, id), h.view())
	}
}

// focusField moves focus within the current step to f.
func (h *wzHarness) focusField(f field.Field) {
	h.t.Helper()
	h.run(h.m.steps[h.m.cur].FocusField(f))
}

// forwardTo presses Enter until the wizard reaches step id (or the review),
// failing if a step refuses to move on.
func (h *wzHarness) forwardTo(id stepID) {
	h.t.Helper()
	for i := 0; i < 60; i++ {
		if (id == stepReview && h.m.phase == phaseReview) || (h.m.phase == phaseForm && h.m.cur == id) {
			return
		}
		before, focus := h.m.cur, h.m.steps[h.m.cur].Focus
		h.key("enter")
		if h.m.phase == phaseForm && h.m.cur == before && h.m.steps[before].Focus == focus {
			h.t.Fatalf("Enter did not move on from step %s:\n%s", stepName(nil, before), h.view())
		}
	}
	h.t.Fatalf("never reached step %d:\n%s", id, h.view())
}

// enterPassword types the password and its confirmation on the login step.
func (h *wzHarness) enterPassword(pw string) {
	h.t.Helper()
	h.atStep(stepLogin)
	h.focusField(h.m.f.password)
	h.typeText(pw)
	h.focusField(h.m.f.confirm)
	h.typeText(pw)
}

// wzTypeSoldOutIn finds, from the sandbox's own answer, an instance type in
// stock in zone from but sold out in zone to.
func wzTypeSoldOutIn(t *testing.T, c *apiclient.Client, from, to string) string {
	t.Helper()
	types, err := c.DescribeInstanceTypes(context.Background(), wzRegion, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, ty := range types {
		var inFrom, outTo bool
		for _, s := range ty.State {
			inFrom = inFrom || (s.Az == from && s.InStock)
			outTo = outTo || (s.Az == to && !s.InStock)
		}
		if inFrom && outTo {
			return ty.InstanceType
		}
	}
	t.Fatalf("the sandbox has no type in stock in %s and sold out in %s", from, to)
	return ""
}

// --- defaults -----------------------------------------------------------------

func TestWizardDefaultsAfterLoad(t *testing.T) {
	t.Parallel()
	c := wzSandbox(t, sandbox.Options{})
	h := newWzHarness(t, Config{Catalog: c, Sandbox: true}, 120, 40)
	ctx := context.Background()
	d := h.m.draft

	zones := apiclient.Regions()[0].Zones
	if d.Region != wzRegion || d.Spec.Az != zones[0] || d.Spec.Az != "cn-hongkong-11a" {
		t.Errorf("region/zone = %s/%s, want %s/cn-hongkong-11a", d.Region, d.Spec.Az, wzRegion)
	}

	// The first type in the catalogue's order that is in stock in the zone.
	types, err := c.DescribeInstanceTypes(ctx, wzRegion, "")
	if err != nil {
		t.Fatal(err)
	}
	wantType := ""
	for _, ty := range types {
		if inStock(ty, d.Spec.Az) {
			wantType = ty.InstanceType
			break
		}
	}
	if wantType == "" || d.Spec.InstanceType != wantType {
		t.Errorf("type = %q, want the first in stock in %s, %q", d.Spec.InstanceType, d.Spec.Az, wantType)
	}

	// The newest ready public Linux image that runs on that type.
	imgs, err := c.DescribeImages(ctx, wzRegion, "public", "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, img := range imgs {
		ids = append(ids, img.ImageID)
	}
	cons, err := c.DescribeImageConstraints(ctx, wzRegion, ids)
	if err != nil {
		t.Fatal(err)
	}
	runsOn := func(id string) bool {
		for _, ic := range cons {
			if ic.ImageID != id {
				continue
			}
			listed := slices.Contains(ic.Constraint.InstanceTypes, wantType)
			if strings.EqualFold(ic.Constraint.ConstraintsType, "includes") {
				return listed
			}
			return !listed
		}
		return true
	}
	var newest *apiclient.Image
	for i, img := range imgs {
		if img.Status == "ready" && img.OsType == "linux" && runsOn(img.ImageID) &&
			(newest == nil || img.CreateTime > newest.CreateTime) {
			newest = &imgs[i]
		}
	}
	if newest == nil || d.Spec.ImageID != newest.ImageID {
		t.Errorf("image = %q, want the newest ready public Linux image %+v", d.Spec.ImageID, newest)
	} else {
		// The sandbox's newest Ubuntu is still being published: not chosen.
		for _, img := range imgs {
			if img.CreateTime > newest.CreateTime && img.OsType == "linux" && img.Status == "ready" && runsOn(img.ImageID) {
				t.Errorf("a newer ready Linux image %s was passed over", img.Name)
			}
		}
	}

	// The first VPC, its subnet in the zone, its default security group.
	vpcs, err := c.DescribeVpcs(ctx, wzRegion)
	if err != nil {
		t.Fatal(err)
	}
	nic := d.Spec.PrimaryNetworkInterface
	if len(vpcs) == 0 || nic.VpcID != vpcs[0].VpcID {
		t.Fatalf("vpc = %q, want the first VPC %+v", nic.VpcID, vpcs)
	}
	subnets, err := c.DescribeSubnets(ctx, wzRegion, nic.VpcID)
	if err != nil {
		t.Fatal(err)
	}
	wantSubnet := ""
	for _, s := range subnets {
		if s.Az == d.Spec.Az {
			wantSubnet = s.SubnetID
			break
		}
	}
	if wantSubnet == "" || nic.SubnetID != wantSubnet {
		t.Errorf("subnet = %q, want the VPC's subnet in %s, %q", nic.SubnetID, d.Spec.Az, wantSubnet)
	}
	groups, err := c.DescribeSecurityGroups(ctx, wzRegion, nic.VpcID)
	if err != nil {
		t.Fatal(err)
	}
	wantGroup := ""
	for _, g := range groups {
		if g.NetworkSecurityGroupName == "default" {
			wantGroup = g.NetworkSecurityGroupID
		}
	}
	if len(nic.SecurityGroups) != 1 || nic.SecurityGroups[0].GroupID != wantGroup || wantGroup == "" {
		t.Errorf("security groups = %+v, want only the default group %q", nic.SecurityGroups, wantGroup)
	}

	// ssd.gp1 at the image's size (rounded up to the rules' steps of 10,
	// at least 40), one month prepaid, count 1.
	if newest != nil {
		want := max(40, (newest.SystemDiskSizeGB+9)/10*10)
		if d.Spec.SystemDisk.DiskType != "ssd.gp1" || d.Spec.SystemDisk.DiskSizeGB != want {
			t.Errorf("system disk = %+v, want ssd.gp1 %d GiB", d.Spec.SystemDisk, want)
		}
	}
	if ch := d.Spec.Charge; ch == nil || ch.ChargeMode != apiclient.ChargeModePrepaid || ch.ChargeUnit != apiclient.ChargeUnitMonth ||
		ch.ChargeDuration != 1 || ch.AutoRenew {
		t.Errorf("charge = %+v, want prepaid, one month, no auto-renew", d.Spec.Charge)
	}
	if d.Count != 1 || d.Spec.Name == "" {
		t.Errorf("count %d name %q, want 1 and a default name", d.Count, d.Spec.Name)
	}

	// Every step up to the login is ready: Enter goes straight through.
	h.wantNoProblemsBefore(stepLogin, "with the defaults")
	h.atStep(stepZone)
	h.wantView("zone step", "1 · Region & zone", "● cn-hongkong-11a", "SANDBOX")
	h.forwardTo(stepLogin)
	h.wantView("login step", "7 · Login & name")
}

// --- validation and going back ---------------------------------------------------

func TestWizardProblemsBlockForwardButNeverBack(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 120, 40)
	h.forwardTo(stepDisks)

	// A system disk below the image's size and off the steps of 10.
	h.focusField(h.m.f.sysSize)
	h.key("ctrl+u")
	h.typeText("35")
	if h.m.draft.Spec.SystemDisk.DiskSizeGB != 35 {
		t.Fatalf("typing 35 left the size at %d", h.m.draft.Spec.SystemDisk.DiskSizeGB)
	}
	if len(h.m.stepProblems(stepDisks)) == 0 {
		t.Fatalf("a 35 GiB system disk raised no problem:\n%s", h.view())
	}
	h.wantView("live problems before Enter", "Still to fix:", "systemDisk.diskSizeGB")
	for i := 0; i < 3; i++ {
		h.key("enter")
		h.atStep(stepDisks)
	}
	h.wantView("Enter on a step with problems", "Fix before going on:", "✗ systemDisk.diskSizeGB")
	if h.m.visited[stepBilling] {
		t.Error("the billing step was visited although the disks step had problems")
	}

	// Back is never blocked, from the middle of the step (esc) and from its
	// first field (shift+tab); the problem stays and is marked in the header.
	h.key("esc")
	h.atStep(stepNetwork)
	h.wantView("header after going back", "✗ 5 Disks")
	h.key("enter") // next field of the network step, then on to the disks
	h.forwardTo(stepDisks)
	h.focusField(h.m.f.sysType)
	h.key("shift+tab")
	h.atStep(stepNetwork)

	// Nothing typed was lost on the way back and forth; fixing the size
	// lets Enter through.
	h.forwardTo(stepDisks)
	if got := h.m.f.sysSize.Value(); got != "35" {
		t.Errorf("the size field holds %q after going back and forth, want 35", got)
	}
	h.focusField(h.m.f.sysSize)
	h.key("ctrl+u")
	h.typeText("abc")
	h.wantView("text in a number field", "\"abc\" is not a whole number")
	h.key("ctrl+u")
	h.typeText("60")
	if ps := h.m.stepProblems(stepDisks); len(ps) > 0 {
		t.Fatalf("60 GiB still has problems: %v", ps)
	}
	h.key("enter")
	h.atStep(stepBilling)

	// Billing: a duration out of range blocks too; esc goes back anyway.
	h.focusField(h.m.f.chargeDuration)
	h.key("backspace")
	h.typeText("12")
	h.focusField(h.m.f.autoRenew)
	h.key("enter")
	h.atStep(stepBilling)
	h.wantView("12 months", "Fix before going on:", "charge.chargeDuration")
	h.focusField(h.m.f.chargeUnit)
	h.key("esc")
	h.atStep(stepDisks)

	// Back from the first step stays on it (there is no preset screen).
	for i := 0; i < 6; i++ {
		h.key("esc")
	}
	h.atStep(stepZone)
}

func TestWizardLoginStepBlocksWithoutMatchingConfirmation(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 120, 40)
	h.forwardTo(stepLogin)
	h.focusField(h.m.f.password)
	h.typeText(wzPassword)
	h.focusField(h.m.f.confirm)
	h.typeText(wzPassword[:len(wzPassword)-1])
	h.focusField(h.m.f.token)
	h.key("enter")
	h.atStep(stepLogin)
	h.wantView("mismatched confirmation", "Fix before going on:", "the confirmation does not match the password")
	h.focusField(h.m.f.confirm)
	h.typeText(wzPassword[len(wzPassword)-1:])
	h.focusField(h.m.f.token)
	h.key("enter")
	if h.m.phase != phaseReview {
		t.Fatalf("a matching confirmation did not open the review:\n%s", h.view())
	}
}

// --- a changed zone -------------------------------------------------------------

func TestWizardChangedZoneMarksTheChosenType(t *testing.T) {
	t.Parallel()
	c := wzSandbox(t, sandbox.Options{})
	const from, to = "cn-hongkong-11a", "cn-hongkong-11c"
	typ := wzTypeSoldOutIn(t, c, from, to)
	h := newWzHarness(t, Config{Catalog: c, Sandbox: true}, 120, 40)
	h.forwardTo(stepType)

	// Choose the type with the filter, as a person would.
	h.key("/")
	h.typeText(typ)
	h.key("enter")
	if h.m.draft.Spec.InstanceType != typ {
		t.Fatalf("filtering for %s and Enter chose %q:\n%s", typ, h.m.draft.Spec.InstanceType, h.view())
	}
	h.key("enter")
	h.atStep(stepImage)

	// Back to the zone step (the first esc on the type step clears its
	// filter) and on to the zone where the type is sold out.
	h.keys("esc", "esc", "esc")
	h.atStep(stepZone)
	h.focusField(h.m.f.zone)
	for i := 0; i < 5 && h.m.f.zone.Current().ID != to; i++ {
		h.key("down")
	}
	if h.m.draft.Spec.Az != from {
		t.Fatalf("moving the cursor chose zone %s", h.m.draft.Spec.Az)
	}
	h.key("enter") // chooses the zone under the cursor and goes on
	if h.m.draft.Spec.Az != to {
		t.Fatalf("could not move to zone %s:\n%s", to, h.view())
	}

	// The person's type is kept, not silently replaced or dropped, and the
	// step that has to change says so.
	if h.m.draft.Spec.InstanceType != typ {
		t.Fatalf("changing the zone replaced the chosen type %s with %q", typ, h.m.draft.Spec.InstanceType)
	}
	h.atStep(stepType)
	want := "instance type " + typ + " is sold out in " + to
	h.wantView("type step after the change", "Still to fix:", want, "sold out in "+to)
	// A sold-out row cannot be chosen: Enter on it explains why, and tab
	// (next) is refused with the problem.
	f := h.m.f.types
	if r := f.Current(); r == nil || r.ID != typ || r.Disabled == "" {
		t.Fatalf("the cursor is not on the sold-out %s row: %+v", typ, f.Current())
	}
	h.key("enter")
	h.atStep(stepType)
	h.wantView("Enter on a sold-out row", typ+" cannot be chosen: sold out in "+to)
	h.key("tab")
	h.atStep(stepType)
	h.wantView("tab on the type step", "Fix before going on:", want)

	// Choosing a type in stock fixes it; Enter goes on.
	h.keys("up", "space")
	if r := f.Current(); r == nil || r.Disabled != "" || h.m.draft.Spec.InstanceType != r.ID {
		t.Fatalf("moving up did not choose an in-stock type: row %+v, draft %q", f.Current(), h.m.draft.Spec.InstanceType)
	}
	if ps := h.m.stepProblems(stepType); len(ps) > 0 {
		t.Fatalf("problems remain after choosing %s: %v", h.m.draft.Spec.InstanceType, ps)
	}
	h.key("enter")
	h.atStep(stepImage)
}

func TestWizardChangedZoneRechoosesWhatTheWizardChose(t *testing.T) {
	t.Parallel()
	c := wzSandbox(t, sandbox.Options{})
	h := newWzHarness(t, Config{Catalog: c, Sandbox: true}, 120, 40)
	subnetA := h.m.draft.Spec.PrimaryNetworkInterface.SubnetID
	h.focusField(h.m.f.zone)
	h.keys("down", "enter")
	if h.m.draft.Spec.Az != "cn-hongkong-11b" {
		t.Fatalf("zone %q, want cn-hongkong-11b", h.m.draft.Spec.Az)
	}
	// The default subnet followed the zone; the default type, in stock in
	// both, stayed.
	sub := h.m.data.findSubnet(h.m.draft.Spec.PrimaryNetworkInterface.SubnetID)
	if sub == nil || sub.Az != "cn-hongkong-11b" || sub.SubnetID == subnetA {
		t.Errorf("subnet after the zone change = %+v, want the VPC's subnet in zone b", sub)
	}
	h.wantNoProblemsBefore(stepLogin, "after a zone change of defaults only")
}

// --- the password checklist -----------------------------------------------------

func TestWizardPasswordChecklistFollowsTyping(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 120, 40)
	h.forwardTo(stepLogin)
	h.wantView("empty password", "a random password is sent by SMS and e-mail")
	h.focusField(h.m.f.password)

	// line is the screen line that starts with label (after the focus
	// marker and indentation).
	line := func(label string) string {
		for _, l := range strings.Split(h.view(), "\n") {
			l = strings.TrimLeft(l, " ›")
			if strings.HasPrefix(strings.TrimLeft(l, "✓✗ "), label) {
				return l
			}
		}
		t.Fatalf("no checklist line for %q:\n%s", label, h.view())
		return ""
	}
	const groups = "3 of 4 groups"
	h.typeText("abc")
	if l := line(groups); !strings.HasPrefix(l, "✗") {
		t.Errorf("after abc: %q, want ✗", l)
	}
	if l := line("no letter runs"); !strings.HasPrefix(l, "✗") {
		t.Errorf("after abc the letter run is not flagged: %q", l)
	}
	if l := line("Password"); !strings.Contains(l, "•••") || strings.Contains(l, "abc") {
		t.Errorf("the password field shows %q, want it masked", l)
	}
	h.key("ctrl+u")
	h.typeText("Cloud")
	if l := line(groups); !strings.HasPrefix(l, "✗") {
		t.Errorf("after Cloud: %q, want ✗ (two groups)", l)
	}
	h.typeText("-Vm9")
	if l := line(groups); !strings.HasPrefix(l, "✓") {
		t.Errorf("after Cloud-Vm9: %q, want ✓", l)
	}
	h.typeText("ab!")
	for _, c := range wizard.PasswordChecklist(wzPassword) {
		if l := line(c.Rule.String()); !strings.HasPrefix(l, "✓") {
			t.Errorf("with a valid password: %q, want ✓", l)
		}
	}
	if h.m.draft.Spec.Password != wzPassword {
		t.Errorf("draft password is not what was typed")
	}
	// Every rule of the foundation has its line, in its order.
	v := h.view()
	at := -1
	for _, c := range wizard.PasswordChecklist(wzPassword) {
		i := strings.Index(v, c.Rule.String())
		if i <= at {
			t.Errorf("checklist line %q is missing or out of order", c.Rule.String())
		}
		at = i
	}
	// Deleting back to a bad password turns a line red again.
	h.keys("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	if l := line("8 to 26 characters"); !strings.HasPrefix(l, "✗") {
		t.Errorf("after deleting to 5 characters: %q, want ✗", l)
	}
}

// --- the review -------------------------------------------------------------------

// wzToReview walks the defaults to the review with a password typed.
func wzToReview(t *testing.T, h *wzHarness) {
	t.Helper()
	h.forwardTo(stepLogin)
	h.enterPassword(wzPassword)
	h.forwardTo(stepReview)
}

func TestWizardReviewMasksThePasswordUntilP(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true,
		Draft: wizard.Draft{ClientToken: wzToken}}, 120, 60)
	wzToReview(t, h)
	v := h.view()
	for _, want := range []string{
		"Review · 1 × g.n2.medium in cn-hongkong-11a",
		"POST /v1/regions/cn-hongkong-11/instances",
		`"password": "********"`,
		`"clientToken": "` + wzToken + `"`,
		`"instanceType": "g.n2.medium"`,
		"Quota left  ✓ 50 of 50 instances · ✓ 400 of 400 disks · ✓ 1600000 of 1600000 GiB · ✓ 50 of 50 elastic IPs",
		"is deducted from the account when you confirm",
		"cocvm create",
		"--password-stdin",
		"p show password",
	} {
		if !strings.Contains(v, want) {
			t.Errorf("the review lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, wzPassword) {
		t.Fatalf("the review shows the password before p:\n%s", v)
	}
	h.key("p")
	h.wantView("after p", `"password": "`+wzPassword+`"`)
	h.key("p")
	if strings.Contains(h.view(), wzPassword) {
		t.Errorf("a second p did not mask the password again")
	}

	// Enter asks, stating the count and the charge; n returns to the review.
	h.key("enter")
	h.wantView("confirmation", "Create 1 instance and deduct 1 month of prepaid charges? (y/n)")
	h.key("n")
	if h.m.review.confirming || h.m.phase != phaseReview {
		t.Fatalf("n did not return to the review")
	}
	// A number key jumps to its step; esc goes back to the login step.
	h.key("3")
	h.atStep(stepImage)
	h.forwardTo(stepReview)
	h.key("esc")
	h.atStep(stepLogin)
}

func TestWizardReviewShowsEveryProblemAndRefusesToConfirm(t *testing.T) {
	t.Parallel()
	c := wzSandbox(t, sandbox.Options{})
	typ := wzTypeSoldOutIn(t, c, "cn-hongkong-11a", "cn-hongkong-11c")
	// A preset-like draft that the catalogue refuses: the wizard opens the
	// first step with a problem; the review lists them and Enter refuses.
	d := wizard.Draft{Region: wzRegion, ClientToken: wzToken}
	d.Spec.Az = "cn-hongkong-11c"
	d.Spec.InstanceType = typ
	h := newWzHarness(t, Config{Catalog: c, Sandbox: true, Draft: d, StartAtReview: true}, 120, 60)
	h.atStep(stepType)
	h.wantView("opened at the type", "instance type "+typ+" is sold out in cn-hongkong-11c")
	// The review's own list of problems (reached here directly: forward is
	// refused on the type step) names each with its step.
	h.m.openReview()
	h.wantView("review with problems", "Not ready to create:", "2 Type · instanceType: instance type "+typ)
	h.key("enter")
	if h.m.review.confirming {
		t.Fatal("Enter asked to confirm a draft with problems")
	}
	h.wantView("Enter with problems", "Fix the problems below first")
	h.key("e")
	h.atStep(stepType)
}

// --- submitting ---------------------------------------------------------------------

// wzFailingCatalog refuses the first creates with err, then passes them on.
type wzFailingCatalog struct {
	*apiclient.Client
	mu       sync.Mutex
	failures int
	err      error
	creates  []apiclient.CreateInstancesRequest
}

func (c *wzFailingCatalog) CreateInstances(ctx context.Context, region string, req apiclient.CreateInstancesRequest) (*apiclient.CreateInstancesResponse, error) {
	c.mu.Lock()
	c.creates = append(c.creates, req)
	fail := c.failures > 0
	if fail {
		c.failures--
	}
	c.mu.Unlock()
	if fail {
		return nil, c.err
	}
	return c.Client.CreateInstances(ctx, region, req)
}

func TestWizardSubmitErrorIsShownOnTheReview(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		err      *apiclient.APIError
		explain  string
		step     stepID
		stepLine string
	}{
		{
			name:     "quota",
			err:      &apiclient.APIError{HTTPStatus: 429, Status: apiclient.StatusQuotaExceeded, Message: "Instance quota limit exceeded", RequestID: "req-quota"},
			explain:  "The instance quota of this region is used up.",
			step:     stepLogin,
			stepLine: "e opens step 7, Login, to fix it; nothing you typed is lost.",
		},
		{
			name:     "subnet",
			err:      &apiclient.APIError{HTTPStatus: 400, Status: "INVALID_ARGUMENT", Message: "subnetId subnet-x does not exist", RequestID: "req-subnet"},
			step:     stepNetwork,
			stepLine: "e opens step 4, Network, to fix it; nothing you typed is lost.",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cat := &wzFailingCatalog{Client: wzSandbox(t, sandbox.Options{}), failures: 1, err: tc.err}
			journal := &memJournal{}
			h := newWzHarness(t, Config{Catalog: cat, Sandbox: true, Draft: wizard.Draft{ClientToken: wzToken},
				Journal: journal}, 120, 60)
			wzToReview(t, h)
			h.keys("enter", "y")
			if h.m.phase != phaseReview {
				t.Fatalf("a refused create left the review:\n%s", h.view())
			}
			want := []string{"The request was refused:", tc.stepLine, "e fix the problem"}
			if tc.explain != "" {
				want = append(want, tc.explain)
			}
			h.wantView("refused create", want...)
			if ids := journal.accepted(); len(ids) != 0 {
				t.Errorf("the journal has a refused create as accepted: %v", ids)
			}
			if got := journal.types(); !slices.Equal(got, []string{presets.RecordIntent, presets.RecordRefused}) {
				t.Errorf("journal records %v, want the intent then the refusal", got)
			}
			if tc.err.Status == apiclient.StatusQuotaExceeded {
				h.wantView("quota explanation", "0 of 50 instances are in use, 50 left; this request asks for 1.")
			}

			h.key("e")
			h.atStep(tc.step)
			// Nothing typed is lost: the password is still there, and Enter
			// walks back to the review and creates.
			if h.m.draft.Spec.Password != wzPassword || h.m.f.password.Value() != wzPassword || h.m.confirm != wzPassword {
				t.Error("the password was lost on the way back from a refused create")
			}
			h.forwardTo(stepReview)
			h.keys("enter", "y")
			if h.m.phase != phaseStatus || h.m.status == nil {
				t.Fatalf("the second create did not open the status panel:\n%s", h.view())
			}
			if len(cat.creates) != 2 || cat.creates[0].ClientToken != wzToken || cat.creates[1].ClientToken != wzToken {
				t.Errorf("creates %d with tokens, want 2 with %s", len(cat.creates), wzToken)
			}
			if ids := journal.accepted(); len(ids) != 1 {
				t.Errorf("the journal has %v accepted, want the one created instance", ids)
			}
		})
	}
}

func TestWizardSubmitOpensTheStatusPanel(t *testing.T) {
	t.Parallel()
	c := wzSandbox(t, sandbox.Options{})
	journal := &memJournal{}
	var settled []watch.Summary
	h := newWzHarness(t, Config{Catalog: c, Sandbox: true, Draft: wizard.Draft{ClientToken: wzToken},
		Journal: journal,
		Settled: func(_ string, sum watch.Summary) { settled = append(settled, sum) },
	}, 120, 40)
	wzToReview(t, h)
	h.key("enter")
	h.key("y")
	if h.m.phase != phaseStatus || h.m.status == nil {
		t.Fatalf("y did not open the status panel:\n%s", h.view())
	}
	if got := journal.types(); !slices.Equal(got, []string{presets.RecordIntent, presets.RecordSubmitted}) {
		t.Fatalf("journal records %v, want the intent then the accepted request", got)
	}
	if !journal.recs[0].PasswordSet || strings.Contains(string(journal.recs[0].Body), wzPassword) {
		t.Errorf("the intent must say a password was set and never hold it: %s", journal.recs[0].Body)
	}
	ids := journal.accepted()
	if len(ids) != 1 {
		t.Fatalf("the journal has %v accepted, want one instance", ids)
	}
	id := ids[0]
	h.wantView("status panel", "SANDBOX", "Creating 1 × g.n2.medium · cn-hongkong-11a", id, "0 of 1 running", "cocvm-instance")

	// The instance is real in the sandbox.
	st, err := c.DescribeInstanceStatus(context.Background(), wzRegion, []string{id})
	if err != nil || len(st) != 1 {
		t.Fatalf("the sandbox does not know %s: %v %v", id, st, err)
	}

	// One poll: it runs (the sandbox boots at once); q ends the program
	// with exit 0 and reports the outcome.
	h.pollStatus(2 * time.Second)
	h.wantView("after a poll", "1 of 1 running", "● running", "q quit")
	// The outcome reaches the journal as soon as everything settled, not
	// when the person quits.
	if len(settled) != 1 {
		t.Errorf("Settled was called %d times before q, want once", len(settled))
	}
	h.key("q")
	if !h.quit || h.m.outcome != watch.AllRunning {
		t.Fatalf("q after every instance ran: quit %v exit %d", h.quit, h.m.outcome)
	}
	if len(settled) != 1 || settled[0].Running != 1 {
		t.Errorf("Settled saw %+v, want one summary with 1 running", settled)
	}
	if !strings.Contains(h.m.after, id) {
		t.Errorf("the farewell does not name %s: %q", id, h.m.after)
	}
}

// wzDoomedCatalog reports the instances of its first create as failed
// (status error, then deleted), as a platform that could not start them
// would.
type wzDoomedCatalog struct {
	*apiclient.Client
	mu     sync.Mutex
	doomed map[string]int
	counts []int
}

func (c *wzDoomedCatalog) CreateInstances(ctx context.Context, region string, req apiclient.CreateInstancesRequest) (*apiclient.CreateInstancesResponse, error) {
	resp, err := c.Client.CreateInstances(ctx, region, req)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts = append(c.counts, req.MaxCount)
	if err == nil && c.doomed == nil {
		c.doomed = map[string]int{}
		for _, id := range resp.InstanceIDs {
			c.doomed[id] = doomError
		}
	}
	return resp, err
}

func (c *wzDoomedCatalog) DescribeInstances(ctx context.Context, region string, ids []string) ([]apiclient.Instance, error) {
	st, err := c.Client.DescribeInstances(ctx, region, ids)
	c.mu.Lock()
	defer c.mu.Unlock()
	out := st[:0]
	for _, s := range st {
		switch c.doomed[s.InstanceID] {
		case doomError:
			s.Status = apiclient.StatusError
			s.PrivateIPAddress = ""
			c.doomed[s.InstanceID] = doomGone
		case doomGone:
			continue
		}
		out = append(out, s)
	}
	return out, err
}

// The fate of a doomed instance: seen in error once, then deleted.
const (
	doomNone = iota
	doomError
	doomGone
)

func TestWizardRetriesFailedInstancesFromTheStatusPanel(t *testing.T) {
	t.Parallel()
	cat := &wzDoomedCatalog{Client: wzSandbox(t, sandbox.Options{})}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true, Draft: wizard.Draft{ClientToken: wzToken, Count: 2}}, 120, 40)
	wzToReview(t, h)
	h.keys("enter", "y")
	if h.m.phase != phaseStatus {
		t.Fatalf("no status panel:\n%s", h.view())
	}
	h.pollStatus(2 * time.Second)
	h.wantView("both in error", "0 of 2 running · 2 in error")
	h.pollStatus(2 * time.Second)
	h.wantView("both deleted", "0 of 2 running · 2 failed", "r retry the 2 failed")

	h.key("r")
	h.wantView("retry asks first", "Create 2 instances again and deduct 1 month of prepaid charges? (y/n)")
	h.key("n")
	if len(cat.counts) != 1 {
		t.Fatalf("n still created: %v", cat.counts)
	}
	h.key("r")
	h.key("y")
	if len(cat.counts) != 2 || cat.counts[1] != 2 {
		t.Fatalf("the retry created %v, want a second request for 2", cat.counts)
	}
	h.pollStatus(2 * time.Second)
	sum := h.m.status.Summary()
	if sum.Running != 2 || sum.Replaced != 2 {
		t.Fatalf("after the retry: %+v, want 2 running and 2 replaced:\n%s", sum, h.view())
	}
	h.wantView("after the retry", "2 of 2 running")
	h.key("q")
	if !h.quit || h.m.outcome != watch.AllRunning {
		t.Errorf("q: quit %v outcome %d, want AllRunning once the replacements run", h.quit, h.m.outcome)
	}
}

// --- sizes and Ctrl-C ---------------------------------------------------------------

func TestWizardTooSmallAndCtrlC(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 79, 24)
	h.wantView("79 columns", "The terminal is too small for cocvm", "It is 79×24")
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.wantView("80x24", "1 · Region & zone")
	h.key("ctrl+c")
	if !h.quit || h.m.outcome != watch.Stopped || !strings.Contains(h.m.after, "nothing was created") {
		t.Errorf("ctrl+c on a form: quit %v outcome %d after %q", h.quit, h.m.outcome, h.m.after)
	}
}

// The harness itself: a look-up failure is shown with retry and typing by
// hand, so the tests above would see one.
func TestWizardFailedLookupOffersRetryAndTypingAnID(t *testing.T) {
	t.Parallel()
	cat := &wzFlakyTypes{Client: wzSandbox(t, sandbox.Options{}), fail: 1}
	h := newWzHarness(t, Config{Catalog: cat, Sandbox: true}, 120, 40)
	h.forwardTo(stepType)
	h.wantView("failed types", "could not load", "r retry", "i type an id by hand")
	h.key("r")
	h.wantView("after r", "g.n2.medium", "in stock")
	if h.m.draft.Spec.InstanceType != "g.n2.medium" {
		t.Errorf("after the retry the type is %q, want the default g.n2.medium", h.m.draft.Spec.InstanceType)
	}
}

type wzFlakyTypes struct {
	*apiclient.Client
	mu   sync.Mutex
	fail int
}

func (c *wzFlakyTypes) ListInstanceTypes(ctx context.Context, region, az string) (apiclient.Listing[apiclient.InstanceType], error) {
	c.mu.Lock()
	fail := c.fail > 0
	c.fail--
	c.mu.Unlock()
	if fail {
		return apiclient.Listing[apiclient.InstanceType]{}, errors.New("connection refused")
	}
	return c.Client.ListInstanceTypes(ctx, region, az)
}

// --- starting from a preset ----------------------------------------------------------

// A preset that needs nothing more (no password: a random one is sent)
// opens the review once the look-ups are in, whatever order they arrive in;
// the choices the preset leaves out are the wizard's defaults.
func TestWizardPresetWithoutProblemsOpensTheReview(t *testing.T) {
	t.Parallel()
	d := wizard.Draft{Region: wzRegion, Count: 2, ClientToken: wzToken}
	d.Spec.Az = "cn-hongkong-11b"
	d.Spec.InstanceType = "g.n2.large"
	d.Spec.Name = "web"
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true, Draft: d,
		Preset: "web", StartAtReview: true}, 120, 40)
	if ps := h.m.problems; len(ps) > 0 {
		t.Errorf("problems with every look-up in: %v", ps)
	}
	if h.m.phase != phaseReview {
		t.Fatalf("a preset with no problem opened phase %d step %s, not the review:\n%s", h.m.phase, stepName(nil, h.m.cur), h.view())
	}
	h.wantView("review from a preset", "Review · 2 × g.n2.large in cn-hongkong-11b", "Preset   web")
}

// The review scrolls down to its last line, the command line for scripts,
// and every line of it fits the terminal.
func TestWizardReviewScrollsToTheCommandLine(t *testing.T) {
	t.Parallel()
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(itoa(size.w)+"x"+itoa(size.h), func(t *testing.T) {
			h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true,
				Draft: wizard.Draft{ClientToken: wzToken}}, size.w, size.h)
			wzToReview(t, h)
			for i := 0; i < 10; i++ {
				h.key("pgdown")
			}
			v := h.view()
			if !strings.Contains(v, "From a script (c copies it):") || !strings.Contains(v, " --yes\n") {
				t.Errorf("scrolled to the end, the review does not show its last line, the command line:\n%s", v)
			}
			if strings.Contains(v, "more lines") {
				t.Errorf("scrolled to the end, the review still says there is more:\n%s", v)
			}
			for i, l := range strings.Split(v, "\n") {
				if lw := ansi.StringWidth(l); lw > size.w {
					t.Errorf("line %d is %d cells wide on a %d-column terminal: %q", i+1, lw, size.w, l)
				}
			}
		})
	}
}

// --- more of each step ----------------------------------------------------------------

func TestWizardRegionChangeReloadsAndReDefaults(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 120, 40)
	hk := h.m.draft
	h.keys("down", "space") // the region list has focus: the next region
	d := h.m.draft
	if d.Region != "ap-singapore-11" || d.Spec.Az != "ap-singapore-11a" {
		t.Fatalf("region/zone after ↓ = %s/%s, want ap-singapore-11/ap-singapore-11a", d.Region, d.Spec.Az)
	}
	nic := d.Spec.PrimaryNetworkInterface
	if d.Spec.ImageID == "" || d.Spec.ImageID == hk.Spec.ImageID || nic.VpcID == "" || nic.VpcID == hk.Spec.PrimaryNetworkInterface.VpcID ||
		nic.SubnetID == "" || len(nic.SecurityGroups) != 1 {
		t.Errorf("the defaults were not looked up again for the new region: %+v", d.Spec)
	}
	h.wantView("header", "ap-singapore-11 (亚太-新加坡-11)", "ap-singapore-11a")
	h.wantNoProblemsBefore(stepLogin, "in the new region")
}

func TestWizardPrivateIPAndCount(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 120, 40)
	h.forwardTo(stepNetwork)
	sub := h.m.data.findSubnet(h.m.draft.Spec.PrimaryNetworkInterface.SubnetID)
	if sub == nil {
		t.Fatal("no subnet chosen")
	}
	h.focusField(h.m.f.ip)
	h.typeText("192.168.1.10")
	if len(h.m.stepProblems(stepNetwork)) == 0 {
		t.Errorf("an IP outside %s raised no problem:\n%s", sub.AddressPrefix, h.view())
	}
	h.key("ctrl+u")
	h.typeText("10.0.0.10")
	h.wantView("an IP inside the subnet", "✓ inside "+sub.AddressPrefix, "count is fixed at 1 while an IP is given")
	if ps := h.m.stepProblems(stepNetwork); len(ps) > 0 {
		t.Errorf("an IP inside the subnet has problems: %v", ps)
	}
	h.forwardTo(stepLogin)
	h.focusField(h.m.f.count)
	h.key("ctrl+u")
	h.typeText("3")
	h.wantView("count 3 with an IP", "a private IP is set, so only 1 instance can be created")
	h.focusField(h.m.f.token)
	h.key("enter")
	h.atStep(stepLogin)

	// Without the IP, a count over 100 is explained as several requests.
	h.focusField(h.m.f.count)
	h.key("ctrl+u")
	h.typeText("250")
	for h.m.cur != stepNetwork {
		h.key("esc")
	}
	h.focusField(h.m.f.ip)
	h.key("ctrl+u")
	h.forwardTo(stepLogin)
	h.wantView("count 250", "over 100: sent as 3 requests of at most 100 each")
	h.forwardTo(stepReview)
	h.wantView("review of 250", "Review · 250 × ", "1 of 3 requests", `"maxCount": 100`)
}

func TestWizardKeyPairLogin(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true, Draft: wizard.Draft{ClientToken: wzToken}}, 120, 40)
	h.forwardTo(stepLogin)
	h.key("right")
	if h.m.draft.Spec.KeyName != "ops-laptop" || h.m.draft.Spec.Password != "" {
		t.Fatalf("key pair login chose %q (password %v), want the first key pair ops-laptop", h.m.draft.Spec.KeyName, h.m.draft.Spec.Password != "")
	}
	h.wantView("key pair login", "Key pair", "ops-laptop", "ci-deploy", "SSH password")
	if strings.Contains(h.view(), "Confirm ") {
		t.Errorf("the password fields are still shown for a key pair login:\n%s", h.view())
	}
	h.forwardTo(stepReview)
	h.wantView("review", "key ops-laptop", `"keyName": "ops-laptop"`)
	if strings.Contains(h.view(), `"password"`) {
		t.Errorf("a key pair login sends a password:\n%s", h.view())
	}
}

func TestWizardDataDisks(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true}, 120, 40)
	h.forwardTo(stepDisks)
	limit := h.m.maxDisks()
	if limit < 2 {
		t.Fatalf("the default type takes %d disks; the test needs room for a data disk", limit)
	}
	for i := 0; i < limit+2; i++ {
		h.key("+")
	}
	if n := 1 + len(h.m.draft.Spec.DataDisks); n != limit {
		t.Errorf("%d disks after pressing + past the limit, want the type's %d", n, limit)
	}
	h.wantView("full", itoa(limit)+" of "+itoa(limit)+" disks", "takes no more disks")
	// Remove the disks again with ctrl+d.
	for len(h.m.draft.Spec.DataDisks) > 0 {
		before := len(h.m.draft.Spec.DataDisks)
		h.send(tea.KeyMsg{Type: tea.KeyCtrlD})
		if len(h.m.draft.Spec.DataDisks) != before-1 {
			t.Fatalf("ctrl+d did not remove a data disk:\n%s", h.view())
		}
	}
	if ps := h.m.stepProblems(stepDisks); len(ps) > 0 {
		t.Errorf("problems after removing every data disk: %v", ps)
	}
}

func TestWizardCtrlCOnTheStatusPanelStopsWatching(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true, Draft: wizard.Draft{ClientToken: wzToken}}, 120, 40)
	wzToReview(t, h)
	h.keys("enter", "y")
	if h.m.phase != phaseStatus {
		t.Fatalf("no status panel:\n%s", h.view())
	}
	h.key("ctrl+c")
	if !h.quit || h.m.outcome != watch.Stopped {
		t.Fatalf("ctrl+c while pending: quit %v outcome %d, want Stopped", h.quit, h.m.outcome)
	}
	if !strings.Contains(h.m.after, "Stopped watching") || !strings.Contains(h.m.after, "cocvm watch") {
		t.Errorf("the farewell does not say how to resume: %q", h.m.after)
	}
}

// A private IP sets the count to 1 itself, as the Network step says, and
// clearing it gives the count back: nothing waits on the Login step.
func TestWizardPrivateIPSetsTheCount(t *testing.T) {
	t.Parallel()
	h := newWzHarness(t, Config{Catalog: wzSandbox(t, sandbox.Options{}), Sandbox: true, Draft: wizard.Draft{Count: 5}}, 120, 40)
	h.forwardTo(stepNetwork)
	h.focusField(h.m.f.ip)
	h.typeText("10.0.0.10")
	if h.m.draft.Count != 1 || h.m.f.count.Value() != "1" {
		t.Fatalf("count %d (field %q) with an IP, want 1", h.m.draft.Count, h.m.f.count.Value())
	}
	h.wantView("the IP's note", "count set to 1 (was 5) while an IP is given")
	h.forwardTo(stepLogin)
	if ps := h.m.stepProblems(stepLogin); len(ps) > 0 {
		t.Fatalf("the Login step waits on the count: %v", ps)
	}
	for h.m.cur != stepNetwork {
		h.key("esc")
	}
	h.focusField(h.m.f.ip)
	h.key("ctrl+u")
	if h.m.draft.Count != 5 || h.m.f.count.Value() != "5" {
		t.Fatalf("count %d (field %q) after the IP was cleared, want 5 back", h.m.draft.Count, h.m.f.count.Value())
	}
}
