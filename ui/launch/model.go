package launch

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cocvm/cocvm/apiclient"
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
	Catalog  Catalog
	Draft    wizard.Draft
	Sandbox  bool
	Preset   string // name of the preset the draft came from
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

	draft    wizard.Draft
	confirm  string // the password confirmation field
	data     *catalogData
	problems []wizard.Problem // live, recomputed after every change

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
		st:     theme.NewStyles(cfg.Renderer),
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
	m.revalidate()
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
				if p := in.Local(); p.Message != "" {
					ps = append(ps, p)
				}
			}
			if dr, ok := f.(*field.DiskRow); ok {
				if p := dr.Local(); p.Message != "" {
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

// stepForPath says which step fixes the field at path.
func stepForPath(path string) stepID {
	p := strings.TrimPrefix(path, "instanceSpec.")
	switch {
	case p == "az" || path == "regionId" || path == "region":
		return stepZone
	case strings.HasPrefix(p, "instanceType"):
		return stepType
	case strings.HasPrefix(p, "imageId"):
		return stepImage
	case strings.HasPrefix(p, "primaryNetworkInterface"), p == "elasticIpSpec", p == "elasticIpSpec.sizeMbps", p == "elasticIpSpec.provider":
		return stepNetwork
	case strings.HasPrefix(p, "systemDisk"), strings.HasPrefix(p, "dataDisks"):
		return stepDisks
	case strings.HasPrefix(p, "charge"), strings.HasPrefix(p, "elasticIpSpec"):
		return stepBilling
	default:
		return stepLogin
	}
}

// Update handles msg, then starts the spinner when something began to load
// or submit: it ticks only while something on screen spins, so an idle
// wizard draws nothing.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	model, cmd := m.update(msg)
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
		return m, m.gotoStep(msg.id)
	case gotoPathMsg:
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
		m.after = "Stopped: nothing was created."
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
			return m.review.updateRetryConfirm(k, m.draft)
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
		m.after = m.status.Farewell()
		return tea.Sequence(cmd, tea.Quit)
	}
	return cmd
}

func (m *Model) updateForm(k tea.KeyMsg) tea.Cmd {
	if m.showHelp {
		m.showHelp = false
		if key.Matches(k, formKeys.CloseHelp) {
			return nil
		}
	}
	s := m.steps[m.cur]
	if m.cur == stepDisks && key.Matches(k, formKeys.AddDisk) {
		return m.addDataDisk()
	}
	if f := s.Focused(); f != nil {
		if consumed, cmd := f.Update(k); consumed {
			m.revalidate()
			return cmd
		}
	}
	switch {
	case key.Matches(k, formKeys.Help):
		m.showHelp = true
	case key.Matches(k, formKeys.Down):
		return s.MoveFocus(1)
	case key.Matches(k, formKeys.Next):
		if s.AtLast() {
			return m.forward()
		}
		return s.MoveFocus(1)
	case key.Matches(k, formKeys.Up):
		if s.AtFirst() {
			return nil
		}
		return s.MoveFocus(-1)
	case key.Matches(k, formKeys.Back):
		if s.AtFirst() {
			return m.back()
		}
		return s.MoveFocus(-1)
	case key.Matches(k, formKeys.PrevStep):
		return m.back()
	case key.Matches(k, field.Keys.Retry):
		// retry every failed look-up of this step from anywhere in it
		return m.retryFailed()
	}
	return nil
}

// forward leaves the current step when it has no problems.
func (m *Model) forward() tea.Cmd {
	s := m.steps[m.cur]
	if ps := m.stepProblems(m.cur); len(ps) > 0 {
		s.Blocked = true
		if f := m.fieldFor(ps[0].Path); f != nil && !f.Skip() {
			return s.FocusField(f)
		}
		return nil
	}
	s.Blocked = false
	m.visited[m.cur] = true
	if m.cur == stepLogin {
		return m.openReview()
	}
	return m.gotoStep(m.cur + 1)
}

// back is never blocked.
func (m *Model) back() tea.Cmd {
	if m.cur == stepZone {
		if m.presets != nil {
			m.phase = phasePresets
		}
		return nil
	}
	return m.gotoStep(m.cur - 1)
}

func (m *Model) gotoStep(id stepID) tea.Cmd {
	if id >= stepReview {
		return m.openReview()
	}
	m.phase = phaseForm
	m.cur = id
	m.visited[id] = true
	return m.enterStep(id)
}

// gotoPath opens the step that holds the field at path, with that field
// focused.
func (m *Model) gotoPath(path string) tea.Cmd {
	cmd := m.gotoStep(stepForPath(path))
	if f := m.fieldFor(path); f != nil && !f.Skip() {
		cmd = tea.Batch(cmd, m.steps[m.cur].FocusField(f))
	}
	return cmd
}

// fieldFor is the field that edits the value at path, or nil.
func (m *Model) fieldFor(path string) field.Field {
	f := &m.f
	nic := wizard.PathNetwork
	prefixes := []struct {
		path string
		fld  field.Field
	}{
		{wizard.PathAz, f.zone}, {wizard.PathInstanceType, f.types}, {wizard.PathImageID, f.images},
		{nic + ".vpcId", f.vpc}, {nic + ".subnetId", f.subnet}, {nic + ".securityGroups", f.groups}, {nic + ".ip", f.ip},
		{wizard.PathEIP, f.eipMbps}, {wizard.PathSystemDisk + ".diskType", f.sysType}, {wizard.PathSystemDisk, f.sysSize},
		{wizard.PathCharge + ".chargeUnit", f.chargeUnit}, {wizard.PathCharge, f.chargeDuration},
		{wizard.PathName, f.name}, {wizard.PathPassword, f.password}, {wizard.PathKeyName, f.keypair},
		{wizard.PathPasswordAuth, f.pwAuth}, {wizard.PathMaxCount, f.count}, {wizard.PathClientToken, f.token},
	}
	for _, p := range prefixes {
		if strings.HasPrefix(path, p.path) {
			return p.fld
		}
	}
	if strings.HasPrefix(path, wizard.PathDataDisks+"[") {
		var i int
		if _, err := fmt.Sscanf(strings.TrimPrefix(path, wizard.PathDataDisks), "[%d]", &i); err == nil && i >= 0 && i < len(f.dataDisks) {
			return f.dataDisks[i]
		}
	}
	return nil
}

func (m *Model) enterStep(id stepID) tea.Cmd {
	s := m.steps[id]
	s.Blocked = false
	cmd := s.FocusFirst()
	if s.Enter != nil {
		cmd = tea.Batch(cmd, s.Enter())
	}
	return cmd
}

func (m *Model) openReview() tea.Cmd {
	m.phase = phaseReview
	m.visited[stepReview] = true
	m.review.open(m.draft)
	return nil
}

// openFirstProblem opens the first step with a problem once everything
// it depends on has loaded, or the review when nothing is wrong.
func (m *Model) openFirstProblem() tea.Cmd {
	if !m.essentialsLoaded() {
		return nil // onLoaded asks again when the next list arrives
	}
	m.cfg.StartAtReview = false
	for id := stepZone; id < stepReview; id++ {
		if len(m.stepProblems(id)) > 0 {
			return m.gotoStep(id)
		}
	}
	return m.openReview()
}

// essentialsLoaded reports whether every look-up the defaults and rules
// need has answered (or failed), including those started by the answers.
func (m *Model) essentialsLoaded() bool {
	settled := func(s loadState) bool { return s == loadDone || s == loadFailed }
	d := m.data
	if d.busy() || len(m.pendingLoads) > 0 || !settled(d.types.state) || !settled(d.vpcs.state) ||
		!settled(d.diskTypes.state) || !settled(d.keypairs.state) {
		return false
	}
	for _, src := range imageSources {
		if !settled(d.imageList(src).state) {
			return false
		}
	}
	if len(d.allImages()) > 0 && !settled(d.constraints.state) {
		return false
	}
	if m.draft.Spec.PrimaryNetworkInterface.VpcID != "" && (!settled(d.subnets.state) || !settled(d.groups.state)) {
		return false
	}
	return true
}

// View draws the page on screen, fitted to the terminal.
func (m *Model) View() string {
	if m.quitting {
		return ""
	}
	if m.tooSmall() {
		return tooSmall(m.st, m.width, m.height)
	}
	if m.phase == phaseStatus && m.status != nil {
		if m.review.saving == nil && m.review.retrying == 0 && m.review.notice == "" {
			m.status.SetReservedLines(0)
			return m.status.View()
		}
		overlay := m.review.statusOverlay(m.reviewInput())
		m.status.SetReservedLines(lipgloss.Height(overlay))
		return m.status.View() + "\n" + overlay
	}
	header := m.headerView()
	var body, footer string
	switch m.phase {
	case phasePresets:
		body = m.presets.view(&m.st, m.width)
		footer = m.st.Dim.Render(" ") + theme.KeysLine([]key.Binding{pickerKeys.Up, pickerKeys.Start, pickerKeys.Quit}, m.st.Dim, m.st.Dim)
	case phaseReview:
		body, footer = m.review.view(m.height-lipgloss.Height(header)-1, m.reviewInput())
	default:
		m.help.ShowAll = m.showHelp
		s := m.steps[m.cur]
		footer = theme.IndentLines(m.help.View(formHelp{step: s, disks: m.cur == stepDisks}), " ")
		body = m.formView(m.height - lipgloss.Height(header) - lipgloss.Height(footer))
	}
	bodyHeight := m.height - lipgloss.Height(header) - lipgloss.Height(footer)
	body = theme.FitHeight(body, bodyHeight)
	return header + "\n" + body + "\n" + footer
}

// tooSmall reports whether the terminal is below the wizard's minimum: the
// screens are not drawn then, and keys other than ctrl+c do nothing.
func (m *Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

func tooSmall(st theme.Styles, w, h int) string {
	return st.Warn.Render("The terminal is too small for cocvm") + "\n" +
		st.Subtle.Render("It is "+itoa(w)+"×"+itoa(h)+"; cocvm needs at least "+itoa(minWidth)+"×"+itoa(minHeight)+".") + "\n" +
		st.Dim.Render("Enlarge the window, or press ctrl+c to quit.")
}

// loading reports whether f is a list still waiting for the API (a problem
// with it is not marked until there is something to choose from).
func loading(f field.Field) bool {
	l, ok := f.(*field.List)
	return ok && l.Loading()
}

var stepNames = [...]string{"Zone", "Type", "Image", "Network", "Disks", "Billing", "Login", "Review"}

func (m *Model) headerView() string {
	left := " " + m.st.Title.Render("cocvm") + m.st.Subtle.Render(" · create instances")
	right := ""
	if m.cfg.Sandbox {
		right = m.st.Sandbox.Render("SANDBOX") + m.st.Subtle.Render(" · ")
	}
	region := m.draft.Region
	if r, ok := apiclient.LookupRegion(region); ok && r.Name != "" {
		region += " (" + r.Name + ")"
	}
	right += m.st.Subtle.Render(region) + " "
	gap := max(1, m.width-lipgloss.Width(left)-lipgloss.Width(right))
	line1 := left + strings.Repeat(" ", gap) + right

	var parts []string
	for i, name := range stepNames {
		id := stepID(i)
		var mark string
		var style lipgloss.Style
		switch {
		case m.phase == phaseForm && id == m.cur, m.phase == phaseReview && id == stepReview:
			mark, style = "●", m.st.Selected
		case id < stepReview && m.visited[id] && len(m.stepProblems(id)) > 0:
			mark, style = "✗", m.st.Bad
		case m.visited[id] && (id < m.cur || m.phase == phaseReview || id < stepReview):
			mark, style = "✓", m.st.Good
		default:
			mark, style = "○", m.st.Dim
		}
		label := name
		if i < len(stepNames)-1 && m.width >= 100 {
			label = itoa(i+1) + " " + name
		}
		parts = append(parts, style.Render(mark+" "+label))
	}
	line2 := " " + strings.Join(parts, "  ")
	if m.phase == phasePresets {
		line2 = " " + m.st.Subtle.Render("Start from a preset, or from scratch")
	}
	if m.cfg.Notice != "" {
		line2 += "\n " + m.st.Warn.Render(theme.Truncate(m.cfg.Notice, m.width-2))
	}
	return line1 + "\n" + line2 + "\n"
}

// formView renders the current step in at most height lines. When it does
// not fit, the problems stay whole and the fields scroll to keep the
// focused one in sight.
func (m *Model) formView(height int) string {
	s := m.steps[m.cur]
	head := m.stepHeadView(s)
	problems := m.stepProblems(m.cur)
	fields, focusFrom, focusTo := m.fieldsView(s, problems)
	probs := m.problemsView(s, problems)
	if room := height - len(head) - len(probs); room < len(fields) && room > 2 {
		fields = m.scrollWindow(fields, focusFrom, focusTo, room)
	}
	lines := append(append(head, fields...), probs...)
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// stepHeadView is the step's number and title, and its introduction.
func (m *Model) stepHeadView(s *field.Step) []string {
	title := m.st.Bold.Render(itoa(int(m.cur)+1) + " · " + s.Title)
	if s.Subtitle != nil {
		if sub := s.Subtitle(); sub != "" {
			title += m.st.Subtle.Render(" · " + sub)
		}
	}
	head := []string{" " + title}
	if s.Intro != nil {
		if in := s.Intro(); in != "" {
			head = append(head, strings.Split(m.st.Subtle.Width(m.width-1).PaddingLeft(1).Render(in), "\n")...)
		}
	}
	return append(head, "")
}

// fieldsView is the lines of the fields shown, a field with a problem
// marked; focusFrom and focusTo are the lines of the focused one.
func (m *Model) fieldsView(s *field.Step, problems []wizard.Problem) (lines []string, focusFrom, focusTo int) {
	wrong := map[field.Field]bool{}
	for _, p := range problems {
		if f := m.fieldFor(p.Path); f != nil {
			wrong[f] = true
		}
	}
	for i, f := range s.Fields {
		if f.Skip() {
			continue
		}
		if i == s.Focus {
			focusFrom = len(lines)
		}
		view := strings.Split(f.View(&m.st, m.width-2, i == s.Focus), "\n")
		if wrong[f] && !loading(f) {
			// The field that needs a change says so on its first line.
			view[0] += " " + m.st.Bad.Render("✗")
		}
		lines = append(lines, view...)
		if s.After != nil {
			if extra := s.After(i); extra != "" {
				lines = append(lines, strings.Split(extra, "\n")...)
			}
		}
		if i == s.Focus {
			focusTo = len(lines)
		}
	}
	return lines, focusFrom, focusTo
}

// problemsView lists what stops the step: in red once forward was refused;
// at most four, or three and how many more.
func (m *Model) problemsView(s *field.Step, ps []wizard.Problem) []string {
	if len(ps) == 0 {
		return nil
	}
	label := m.st.Bad.Render(" Fix before going on:")
	if !s.Blocked {
		label = m.st.Warn.Render(" Still to fix:")
	}
	lines := []string{"", label}
	for i, p := range ps {
		if i == 3 && len(ps) > 4 {
			lines = append(lines, m.st.Dim.Render("   …and "+itoa(len(ps)-3)+" more"))
			break
		}
		text := m.st.Width(m.width - 6).Render(shortPath(p.Path) + ": " + p.Message)
		lines = append(lines, strings.Split("   "+m.st.Bad.Render("✗ ")+strings.ReplaceAll(text, "\n", "\n     "), "\n")...)
	}
	return lines
}

// scrollWindow keeps the focused field in room lines, with as much before
// it as fits, and says when there is more above or below.
func (m *Model) scrollWindow(fields []string, focusFrom, focusTo, room int) []string {
	start := max(0, min(focusFrom, focusTo-room))
	end := min(len(fields), start+room)
	window := append([]string(nil), fields[start:end]...)
	if start > 0 {
		window[0] = m.st.Dim.Render("   ↑ more above")
	}
	if end < len(fields) {
		window[len(window)-1] = m.st.Dim.Render("   ↓ more below")
	}
	return window
}

// shortPath drops the instanceSpec prefix the person never sees on screen.
func shortPath(p string) string {
	return strings.TrimPrefix(p, "instanceSpec.")
}
