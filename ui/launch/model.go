package launch

import (
	"golang.org/x/text/message"

	"context"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

// The wizard: seven form steps, the review, then the status panel, all in
// one Bubble Tea program. The draft lives in the model; every step edits it
// and every keystroke re-runs the rules.

type stepID int

const (
	stepZone stepID = iota
	stepType
	stepImage
	stepNetwork
	stepDisks
	stepBilling
	stepLogin
	stepReview
	stepStatus
)

// Smallest terminal the wizard lays out in.
const (
	minWidth  = 80
	minHeight = 24
)

type phase int

const (
	phasePresets phase = iota
	phaseForm
	phaseReview
	phaseStatus
)

// Config is what the command line hands the wizard.
type Config struct {
	// Renderer draws the screens (stdout's); nil is lipgloss's default.
	Renderer *lipgloss.Renderer
	// Printer is the language of every screen (ui/locale); nil is English.
	Printer *message.Printer
	Catalog Catalog
	Draft   wizard.Draft
	Sandbox bool
	// Budget is the calls-per-second budget a submit and the status panel
	// after it share; nil means the panel's own default budget, and
	// creates sent unpaced (tests).
	Budget *watch.Budget
	Preset string // name of the preset the draft came from
	// Presets are offered on the first screen when there are any.
	Presets []PresetChoice
	// SavePreset stores the draft under a name; nil hides the save keys.
	SavePreset   func(name string, d wizard.Draft, overwrite bool) error
	PresetExists func(name string) bool
	// Journal keeps the write-ahead and outcome records of every create
	// (nil: none, in tests).
	Journal Recorder
	// Notice is one line shown above the first screen until a key is
	// pressed: a create whose outcome is unknown, say.
	Notice string
	// Settled is called when every instance settled, with the region they
	// are in (the journal).
	Settled func(region string, sum watch.Summary)
	// StartAtReview opens the first step with a problem, or the review when
	// there is none (a preset or flags that already say everything).
	StartAtReview bool
	Password      string // from --password-stdin
	// Now is the clock of the status panel; nil means time.Now.
	Now func() time.Time
	// After schedules msg d from now: every timer of the wizard (spinners,
	// the status panel's polls and clock); nil means tea.Tick. Tests
	// deliver the messages when they choose.
	After func(d time.Duration, msg tea.Msg) tea.Cmd
	// Cache keeps the slow-changing look-ups between runs, per Place and
	// region: shown at once, then refreshed (catalogcache.go). nil: none.
	Cache CatalogStore
	// Place names where the catalogue comes from, for the cache: the
	// profile and endpoint, or the built-in sandbox.
	Place string
}

// PresetChoice is one preset offered on the first screen.
type PresetChoice struct {
	Name, Summary string
	Draft         wizard.Draft
	Err           error
}

// Model is the wizard: a tea.Model through its pointer.
type Model struct {
	ctx  context.Context
	cfg  Config
	st   theme.Styles
	help help.Model
	spin spinner.Model
	// schedule sends a message later (cfg.After, or tea.Tick).
	schedule func(d time.Duration, msg tea.Msg) tea.Cmd

	width, height int

	draft   wizard.Draft
	confirm string // the password confirmation field
	// countBeforeIP is the count a typed private IP set to 1, given back
	// when the IP is cleared; 0 when the IP changed nothing.
	countBeforeIP int
	data          *catalogData
	problems      []wizard.Problem // live, recomputed after every change

	f            stepFields
	diskStep     *field.Step
	auto         map[string]bool // choices the wizard made, see autoType
	pendingLoads []tea.Cmd       // look-ups started by field callbacks

	phase   phase
	cur     stepID
	visited [stepReview + 1]bool
	steps   []*field.Step
	presets *presetPicker

	review *reviewModel
	status *watch.Panel

	// fromReview: the step on screen was opened from the review; Enter on
	// its last field goes back there.
	fromReview bool

	showHelp bool
	spinning bool // a chain of spinner ticks is running
	quitting bool
	outcome  watch.Outcome // how the program ended: Stopped after ctrl+c
	after    string        // printed after the program ends
}

// New returns the wizard for cfg; ctx bounds its look-ups and submits.
func New(ctx context.Context, cfg Config) *Model {
	m := &Model{
		ctx:    ctx,
		cfg:    cfg,
		st:     theme.NewStyles(cfg.Renderer).WithPrinter(printerOr(cfg.Printer)),
		help:   theme.Help(cfg.Renderer),
		spin:   spinner.New(spinner.WithSpinner(spinner.Dot)),
		width:  100,
		height: 30,
		draft:  cfg.Draft,
		data:   newCatalogData(),
		phase:  phaseForm,
	}
	m.schedule = cfg.After
	if m.schedule == nil {
		m.schedule = func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		}
	}
	if cfg.Password != "" {
		m.draft.Spec.Password = cfg.Password
		m.confirm = cfg.Password
	}
	m.buildSteps()
	m.review = m.newReview()
	if len(cfg.Presets) > 0 && cfg.Preset == "" && !cfg.StartAtReview {
		m.phase = phasePresets
		m.presets = newPresetPicker(cfg.Presets)
	}
	return m
}

// Outcome is how the program ended: Stopped after ctrl+c, or how the watch
// of what was created ended.
func (m *Model) Outcome() watch.Outcome { return m.outcome }

// Farewell is what to print once the program has ended: what became of the
// instances, or of a create interrupted on its way.
func (m *Model) Farewell() string { return m.after }

// Init starts the look-ups of the region, and opens the first step (or,
// from a preset, the first step with a problem, or the review).
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.loadRegion()}
	if m.phase == phaseForm {
		cmds = append(cmds, m.enterStep(m.cur))
	}
	if m.cfg.StartAtReview {
		m.visitAll()
		cmds = append(cmds, func() tea.Msg { return openFirstProblemMsg{} })
	}
	return tea.Batch(cmds...)
}

// openFirstProblemMsg asks the model, once the look-ups it needs are in, to
// open the first step with a problem, or the review.
type openFirstProblemMsg struct{}

func (m *Model) visitAll() {
	for i := range m.visited {
		m.visited[i] = true
	}
}

// revalidate re-runs every rule against the draft and the loaded catalogue.
func (m *Model) revalidate() {
	m.problems = wizard.Validate(m.draft, m.data.facts(&m.draft))
	if p := m.data.vpcProblem(&m.draft); p != nil {
		m.problems = append(m.problems, *p)
	}
	m.problems = append(m.problems, m.localProblems()...)
}

// localProblems are the checks only the screen can make: the password
// confirmation and numbers typed as text.
func (m *Model) localProblems() []wizard.Problem {
	var ps []wizard.Problem
	for _, s := range m.steps {
		for _, f := range s.Fields {
			if in, ok := f.(*field.Input); ok && in.Local != nil && !in.Skip() {
				if p := in.Local(); !p.Message.IsZero() {
					ps = append(ps, p)
				}
			}
			if dr, ok := f.(*field.DiskRow); ok {
				if p := dr.Local(); !p.Message.IsZero() {
					ps = append(ps, p)
				}
			}
		}
	}
	return ps
}

// stepProblems are the live problems a step owns.
func (m *Model) stepProblems(id stepID) []wizard.Problem {
	if int(id) >= len(m.steps) {
		return nil
	}
	var out []wizard.Problem
	for _, p := range m.problems {
		if stepForPath(p.Path) == id {
			out = append(out, p)
		}
	}
	return out
}

// Update handles msg, then starts the spinner when something began to load
// or submit: it ticks only while something on screen spins, so an idle
// wizard draws nothing.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	model, cmd := m.update(msg)
	if m.phase == phaseReview {
		// A look-up may have changed the draft under the review: a refusal
		// of the old body goes, and so does the checking notice once the
		// checks are done (View only draws).
		m.review.sync(m.draft, m.checkingReview())
	}
	if !m.spinning && m.spinnerWanted() {
		m.spinning = true
		cmd = tea.Batch(cmd, m.spin.Tick)
	}
	return model, cmd
}

// spinnerWanted reports whether anything shown waits on the API.
func (m *Model) spinnerWanted() bool {
	return m.data.busy() || m.data.quota.state == loadBusy || m.review.submitting || m.review.retrying < 0
}

func (m *Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width - 1 // the footer is indented by one
		if m.status != nil {
			sm, cmd := m.status.Update(msg)
			m.status = sm.(*watch.Panel)
			return m, cmd
		}
		return m, nil
	case spinner.TickMsg:
		return m, m.tick(msg)
	case loadedMsg:
		return m, m.onLoaded(msg)
	case openFirstProblemMsg:
		return m, m.openFirstProblem()
	case submitResultMsg:
		return m, m.onSubmitted(msg)
	case gotoStepMsg:
		m.fromReview = true
		return m, m.gotoStep(msg.id)
	case gotoPathMsg:
		m.fromReview = true
		return m, m.gotoPath(msg.path)
	case presetSavedMsg:
		m.cfg.Preset = msg.name
		return m, nil
	case tea.KeyMsg:
		if key.Matches(msg, theme.Quit) && (m.phase != phaseStatus || m.review.inflight != nil) {
			return m, m.quit()
		}
		if m.tooSmall() {
			// Nothing on screen says what a key would do.
			return m, nil
		}
		m.cfg.Notice = ""
	}
	return m, m.updatePage(msg)
}

// updatePage hands msg to the page on screen.
func (m *Model) updatePage(msg tea.Msg) tea.Cmd {
	switch m.phase {
	case phasePresets:
		return tea.Batch(m.updatePresets(msg), m.flushLoads())
	case phaseReview:
		return m.review.update(msg, m.reviewInput())
	case phaseStatus:
		return m.forwardStatus(msg)
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		cmd := m.updateForm(k)
		// Field callbacks (a new region, a new VPC) queue look-ups.
		return tea.Batch(cmd, m.flushLoads())
	}
	return nil
}

// tick moves the wizard's spinner on while something it shows waits on the
// API; the status panel's spinner ticks go to the panel.
func (m *Model) tick(msg spinner.TickMsg) tea.Cmd {
	if msg.ID != m.spin.ID() {
		return m.forwardStatus(msg)
	}
	if !m.spinnerWanted() {
		m.spinning = false // the chain of ticks ends here
		return nil
	}
	m.spin, _ = m.spin.Update(msg)
	return m.schedule(m.spin.Spinner.FPS, m.spin.Tick())
}

// quit ends the program on ctrl+c: a submission on its way is stopped and
// what became of it said; before the status panel, nothing was created.
func (m *Model) quit() tea.Cmd {
	m.quitting = true
	m.outcome = watch.Stopped
	if m.review.inflight != nil {
		m.after += m.review.interrupt(3 * time.Second)
	} else if m.phase != phaseStatus {
		m.after = m.st.P.Sprintf("Stopped: nothing was created.")
	}
	return tea.Quit
}

func (m *Model) forwardStatus(msg tea.Msg) tea.Cmd {
	if m.status == nil {
		return nil
	}
	switch msg := msg.(type) {
	case watch.RetryMsg:
		m.review.retryFailed(msg.Failed)
		return nil
	case watch.SaveMsg:
		return m.review.startSave(m.cfg.Preset)
	}
	if m.review.saving != nil {
		if k, ok := msg.(tea.KeyMsg); ok {
			return m.review.updateSave(k, m.reviewInput())
		}
	}
	if m.review.retrying > 0 {
		if k, ok := msg.(tea.KeyMsg); ok {
			m.review.notice = ""
			return m.review.updateRetryConfirm(k, m.draft, m.zoneFacts())
		}
	}
	sm, cmd := m.status.Update(msg)
	m.status = sm.(*watch.Panel)
	// The final statuses reach the journal as soon as every instance has
	// settled, not when the person quits; a watch stopped early writes none.
	if m.status.Settled() && m.cfg.Settled != nil && !m.review.settledReported {
		m.review.settledReported = true
		m.cfg.Settled(m.draft.Region, m.status.Summary())
	}
	if m.status.Done() {
		m.outcome = m.status.Outcome()
		m.after += m.status.Farewell() // after what the submit left to say
		return tea.Sequence(cmd, tea.Quit)
	}
	return cmd
}
