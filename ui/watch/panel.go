package watch

import (
	"github.com/cocvm/cocvm/ui/locale"

	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/advice"
	"github.com/cocvm/cocvm/ui/theme"
)

// The status panel: one row per instance, a progress bar of running/total,
// and, once every instance settled, what happened and what to do next. The
// wizard embeds it after a submit; `cocvm watch` runs it alone (RunPanel).

// Smallest terminal the panel lays out in; 80x24 is the size it is designed
// for.
const (
	statusMinWidth  = 60
	statusMinHeight = 15
)

// Options choose how the panel behaves.
type Options struct {
	// AllowRetry offers `r` once settled with failures: it emits
	// RetryMsg and the host confirms and resubmits.
	AllowRetry bool
	// AllowSave offers `s` once settled: it emits SaveMsg.
	AllowSave bool
	// ExitWhenSettled ends the panel as soon as the watch is over
	// (`cocvm watch`); otherwise it waits for q.
	ExitWhenSettled bool
	// QuitProgram makes the panel end the program itself (tea.Quit) when it
	// is done. Embedded, leave it off and check Done after each Update.
	QuitProgram bool
	// Renderer draws the panel (stdout's); nil is lipgloss's default.
	Renderer *lipgloss.Renderer
	// Now is the clock; nil means time.Now. It is called from poll commands
	// too, so it must be safe for concurrent use.
	Now func() time.Time
	// After schedules msg d from now (the polls, the clock, the spinner);
	// nil means tea.Tick. Tests deliver the messages when they choose.
	After func(d time.Duration, msg tea.Msg) tea.Cmd
	// Sleep is how the budget waits between calls (see Budget) when the
	// Meta brings none; nil means a real wait.
	Sleep func(ctx context.Context, d time.Duration) error
}

// RetryMsg asks the host to create again the instances that failed and
// those never created (Meta.Missing): Failed counts both.
type RetryMsg struct{ Failed int }

// SaveMsg asks the host to save the choices as a preset.
type SaveMsg struct{}

// Internal messages carry the panel's id so that a second panel (or a stale
// one) never takes another's ticks; gen drops a poll tick scheduled before
// instances were added.
type (
	statusPollDueMsg struct{ id, gen int }
	statusPolledMsg  struct {
		id  int
		res pollResult
	}
	statusClockMsg struct{ id, gen int }
)

var statusModelIDs atomic.Int64

// Panel is the status panel. Use it through its pointer, which is the
// tea.Model.
type Panel struct {
	id      int
	ctx     context.Context
	api     API
	meta    Meta
	opts    Options
	now     func() time.Time
	st      theme.Styles
	tracker *Tracker
	budget  *Budget

	spin  spinner.Model
	bar   progress.Model
	after func(d time.Duration, msg tea.Msg) tea.Cmd

	width, height int
	reserve       int // lines left free at the bottom for the host's prompts
	offset        int // first row shown when the rows do not fit

	// rows are the instances in the order shown, cols the table's columns
	// for them and count what the lines count of them: worked out again
	// only when the tracker changed (derivedAt is its change count then).
	rows      []*TrackedInstance
	cols      []theme.Column
	count     panelCounts
	derivedAt int

	began       time.Time // the panel's clock starts here; a retry does not reset it
	pollGen     int
	clockGen    int
	polling     bool
	nextPoll    time.Time
	settledAt   time.Time // when the watch was over
	finished    bool      // the panel is done: quit, stopped, or settled with ExitWhenSettled
	interrupted bool      // stopped before every instance settled
}

// NewPanel returns a panel watching ids in region. meta fills the
// title; ctx bounds the polls.
func NewPanel(ctx context.Context, api API, region string, ids []string, meta Meta, opts Options) *Panel {
	if ctx == nil {
		ctx = context.Background()
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	m := &Panel{
		id:     int(statusModelIDs.Add(1)),
		ctx:    ctx,
		api:    api,
		meta:   meta,
		opts:   opts,
		now:    now,
		st:     theme.NewStyles(opts.Renderer).WithPrinter(meta.printer()),
		spin:   spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		width:  80,
		height: 24,
		after:  opts.After,
	}
	if m.after == nil {
		m.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		}
	}
	m.began = now()
	m.tracker, m.budget = meta.start(region, ids, m.began, Clock{Now: now, Sleep: opts.Sleep})
	m.nextPoll = m.tracker.NextPollAt()
	m.bar = progress.New(
		progress.WithSolidFill(m.st.RunningColor()),
		progress.WithoutPercentage(),
		progress.WithColorProfile(m.st.Renderer().ColorProfile()),
	)
	return m
}

// Init starts the spinner, the clock and the first poll (after 2 s).
func (m *Panel) Init() tea.Cmd {
	return tea.Batch(m.spin.Tick, m.clockTick(), m.schedulePoll())
}

func (m *Panel) clockTick() tea.Cmd {
	return m.after(time.Second, statusClockMsg{id: m.id, gen: m.clockGen})
}

func (m *Panel) schedulePoll() tea.Cmd {
	m.nextPoll = m.tracker.NextPollAt()
	d := max(m.nextPoll.Sub(m.now()), 0)
	return m.after(d, statusPollDueMsg{id: m.id, gen: m.pollGen})
}

func (m *Panel) pollCmd() tea.Cmd {
	ctx, api, region, plan, now, id := apiclient.WithPacer(m.ctx, m.budget), m.api, m.tracker.Region(), m.tracker.plan(), m.now, m.id
	return func() tea.Msg {
		return statusPolledMsg{id: id, res: fetchPoll(ctx, api, region, plan, now)}
	}
}

// AddInstances watches more instances in the same panel (a retry of the
// failed ones): the failures so far count as replaced, and polling starts
// again from the first 2 s delay.
func (m *Panel) AddInstances(ids []string, meta Meta) tea.Cmd {
	if meta.Name == "" {
		meta.Name = m.meta.Name
	}
	m.tracker.Add(ids, meta.Name, m.now())
	m.tracker.SetZones(meta.Zones)
	if meta.RequestID != "" {
		m.meta.RequestID = meta.RequestID
		m.meta.ClientToken = meta.ClientToken
	}
	m.meta.Journaled = meta.Journaled
	m.meta.Count = 0 // the title now counts every row
	// The retry asked for the missing ones too: what it could not create
	// is missing now.
	m.meta.Missing, m.meta.MissingWhy = meta.Missing, meta.MissingWhy
	m.settledAt = time.Time{}
	m.finished, m.interrupted = false, false
	m.pollGen++
	m.clockGen++
	cmds := []tea.Cmd{m.schedulePoll(), m.clockTick(), m.spin.Tick}
	return tea.Batch(cmds...)
}

// SetReservedLines keeps n lines at the bottom free for the host (a
// confirmation prompt under the panel).
func (m *Panel) SetReservedLines(n int) { m.reserve = max(n, 0) }

// Update handles window sizes, keys, ticks and poll answers.
func (m *Panel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m, nil
	case statusPollDueMsg:
		if msg.id != m.id || msg.gen != m.pollGen || m.polling || m.finished || m.tracker.Done() {
			return m, nil
		}
		m.polling = true
		return m, m.pollCmd()
	case statusPolledMsg:
		if msg.id != m.id {
			return m, nil
		}
		m.polling = false
		if m.finished {
			return m, nil
		}
		m.tracker.apply(msg.res)
		if m.tracker.Done() {
			m.settledAt = msg.res.At
			if m.opts.ExitWhenSettled {
				return m, m.finish(false)
			}
			return m, nil
		}
		return m, m.schedulePoll()
	case statusClockMsg:
		if msg.id != m.id || msg.gen != m.clockGen || m.finished || m.tracker.Done() {
			return m, nil
		}
		return m, m.clockTick()
	case spinner.TickMsg:
		if msg.ID != m.spin.ID() {
			return m, nil
		}
		m.spin, _ = m.spin.Update(msg)
		if m.finished || m.tracker.Done() {
			// Nothing spins any more: let the ticks die out.
			return m, nil
		}
		return m, m.after(m.spin.Spinner.FPS, m.spin.Tick())
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Panel) finish(interrupted bool) tea.Cmd {
	m.finished = true
	m.interrupted = interrupted
	if m.opts.QuitProgram {
		return tea.Quit
	}
	return nil
}

// keys is the key map as it stands: only the keys that do something now
// are enabled, and the retry says how many it retries.
func (m *Panel) keys() KeyMap {
	k := Keys
	p := m.st.P
	settled := m.tracker.Done()
	failed := m.counts().Failed
	k.Retry.SetEnabled(settled && m.opts.AllowRetry && failed+m.meta.Missing > 0)
	switch {
	case m.meta.Missing == 0:
		k.Retry = theme.Said(k.Retry, p.Sprintf("retry the %d failed", failed))
	case failed == 0:
		k.Retry = theme.Said(k.Retry, p.Sprintf("create the %d missing", m.meta.Missing))
	default:
		k.Retry = theme.Said(k.Retry, p.Sprintf("create the %d failed or missing", failed+m.meta.Missing))
	}
	k.Save = theme.Said(k.Save, p.Sprintf("save as preset"))
	k.Quit = theme.Said(k.Quit, p.Sprintf("quit"))
	k.Stop = theme.Said(k.Stop, p.Sprintf("stop watching (the instances keep going)"))
	k.Up = theme.Said(k.Up, p.Sprintf("scroll"))
	k.Save.SetEnabled(settled && m.opts.AllowSave)
	k.Quit.SetEnabled(settled)
	k.Stop.SetEnabled(!settled)
	return k
}

func (m *Panel) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys()
	switch {
	case key.Matches(msg, k.Quit), key.Matches(msg, k.Stop):
		if m.finished {
			return nil
		}
		return m.finish(!m.tracker.Done())
	case key.Matches(msg, k.Retry):
		n := m.counts().Failed + m.meta.Missing
		return func() tea.Msg { return RetryMsg{Failed: n} }
	case key.Matches(msg, k.Save):
		return func() tea.Msg { return SaveMsg{} }
	case key.Matches(msg, k.Up):
		m.scroll(-1)
	case key.Matches(msg, k.Down):
		m.scroll(1)
	case key.Matches(msg, k.PageUp):
		m.scroll(-m.layout().rows)
	case key.Matches(msg, k.PageDown):
		m.scroll(m.layout().rows)
	case key.Matches(msg, k.Home):
		m.offset = 0
	case key.Matches(msg, k.End):
		m.scroll(len(m.tracker.Instances()))
	}
	return nil
}

func (m *Panel) scroll(by int) {
	rows := m.layout().rows
	m.offset = min(max(m.offset+by, 0), max(len(m.tracker.Instances())-rows, 0))
}

// Done reports whether the panel has ended: q or Ctrl-C, or every instance
// settled with ExitWhenSettled.
func (m *Panel) Done() bool { return m.finished }

// Settled reports whether every instance is running or failed for good (or
// the 10 minute limit passed).
func (m *Panel) Settled() bool { return m.tracker.Done() }

// Summary counts the instances and says what became of each.
func (m *Panel) Summary() Summary { return m.tracker.Summary() }

// Outcome is how the watch ended: Stopped before every instance settled,
// else AllRunning, or SomeFailed (instances missing count as failed).
func (m *Panel) Outcome() Outcome {
	if m.interrupted || !m.tracker.Done() {
		return Stopped
	}
	if m.meta.Missing > 0 {
		return SomeFailed // not everything asked for was created
	}
	return m.counts().Outcome()
}

// ResumeHint is the command that shows these instances again.
func (m *Panel) ResumeHint() string {
	return ResumeCommand(m.tracker.Region(), m.tracker.IDs(), m.meta)
}

// Farewell is what to print once the program has ended (the panel itself is
// gone by then): how to resume a stopped watch, or the outcome of each
// instance and what to do next.
func (m *Panel) Farewell() string {
	if !m.tracker.Done() {
		return m.st.P.Sprintf("Stopped watching: the instances keep going. See them again with: %s\n", m.ResumeHint())
	}
	p := m.st.P
	var b strings.Builder
	b.WriteString(m.settledSummary() + "\n")
	if m.meta.MissingWhy != "" {
		b.WriteString(m.meta.MissingWhy + "\n")
	}
	if err := m.tracker.Aborted(); err != nil {
		p.Fprintf(&b, "Stopped watching: the API refused %d checks in a row: %s\n", statusRefusals, statusErrorText(p, err))
		if next := locale.Say(p, advice.Explain(err).Next); next != "" {
			b.WriteString(next + "\n")
		}
	}
	const most = 20
	list := m.sortedRows()
	for k, in := range list {
		if k == most {
			p.Fprintf(&b, "  … and %d more: %s\n", len(list)-most, m.ResumeHint())
			break
		}
		line := fmt.Sprintf("  %s  %s  %s", theme.OrDash(in.Name), in.ID, StatusWord(p, in.Word()))
		if addr := statusAddressText(p, in.PrivateIP, in.ElasticIP); addr != "" {
			line += "  " + addr
		}
		b.WriteString(line + "\n")
	}
	for _, l := range m.reasonLines(max(m.width-1, 0), 1<<30) {
		b.WriteString(l + "\n")
	}
	if h := m.hint(); h != "" {
		b.WriteString(h + "\n")
	}
	return b.String()
}

// ---- layout -----------------------------------------------------------------

// statusLayout is the part of the screen the rows get, worked out from the
// size and what the footer has to say.
type statusLayout struct {
	width, height int
	rows          int      // visible rows
	footer        []string // rendered footer lines
	tooSmall      bool
}

func (m *Panel) size() (int, int) {
	w, h := m.width, m.height-m.reserve
	if w <= 0 {
		w = 80
	}
	if m.height <= 0 {
		h = 24 - m.reserve
	}
	return w, h
}

func (m *Panel) layout() statusLayout {
	w, h := m.size()
	l := statusLayout{width: w, height: h}
	if w < statusMinWidth || h < statusMinHeight {
		l.tooSmall = true
		return l
	}
	n := len(m.tracker.Instances())
	const fixed = 3 // title, bar, column header
	if m.tracker.Done() {
		// Rows first, but keep at least a few of them on screen: the
		// failure reasons give way (they are also in the farewell).
		var tail []string
		if hint := m.hint(); hint != "" {
			tail = append(tail, " "+m.st.Subtle.Render(hint))
		}
		if k := m.keysLine(); k != "" {
			tail = append(tail, k)
		}
		l.footer = []string{" " + m.settledSummary()}
		if m.meta.MissingWhy != "" {
			l.footer = append(l.footer, " "+m.st.Bad.Render(m.meta.MissingWhy))
		}
		if err := m.tracker.Aborted(); err != nil {
			l.footer = append(l.footer, " "+m.st.Bad.Render(m.st.P.Sprintf("✗ stopped watching: the API refused %d checks in a row: %s",
				statusRefusals, statusErrorText(m.st.P, err))))
			if next := locale.Say(m.st.P, advice.Explain(err).Next); next != "" {
				for _, line := range strings.Split(ansi.Wrap(next, w-2, ""), "\n") {
					l.footer = append(l.footer, " "+m.st.Subtle.Render(line))
				}
			}
		}
		room := h - fixed - len(l.footer) - len(tail) - min(n, 3)
		for _, r := range m.reasonLines(w-2, max(room, 1)) {
			l.footer = append(l.footer, " "+r)
		}
		l.footer = append(l.footer, tail...)
	} else {
		if err := m.tracker.LastError(); err != nil {
			l.footer = append(l.footer, " "+m.st.Warn.Render(m.st.P.Sprintf("! last check failed: %s", statusErrorText(m.st.P, err))))
		}
		l.footer = append(l.footer, m.checkLine(), m.keysLine())
	}
	l.rows = max(min(n, h-fixed-len(l.footer)), 1)
	if l.rows < n {
		// Where the window is, on the check line (or the summary once
		// settled).
		at := 0
		if !m.tracker.Done() {
			at = len(l.footer) - 2
		}
		off := m.clampedOffset(l.rows)
		l.footer[at] += m.st.Dim.Render(m.st.P.Sprintf(" · rows %s–%s of %s · ", strconv.Itoa(off+1), strconv.Itoa(off+l.rows), strconv.Itoa(n))) +
			theme.KeysLine([]key.Binding{m.keys().Up}, m.st.Key, m.st.Dim)
	}
	for i, f := range l.footer {
		l.footer[i] = ansi.Truncate(f, w, "…")
	}
	return l
}

func (m *Panel) clampedOffset(rows int) int {
	return min(max(m.offset, 0), max(len(m.tracker.Instances())-rows, 0))
}

// View renders the panel to fit the window.
func (m *Panel) View() string {
	if m.finished && m.opts.QuitProgram {
		// The program prints the farewell once the panel is gone.
		return ""
	}
	l := m.layout()
	if l.tooSmall {
		return m.tooSmallView(l.width, l.height)
	}
	var b strings.Builder
	b.Grow(l.width * (l.rows + 8))
	b.WriteString(m.titleLine(l.width))
	b.WriteByte('\n')
	b.WriteString(m.barLine(l.width))
	b.WriteByte('\n')
	m.writeTable(&b, l)
	for i, f := range l.footer {
		b.WriteString(f)
		if i < len(l.footer)-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (m *Panel) tooSmallView(w, h int) string {
	s := m.counts()
	msg := m.st.P.Sprintf("Terminal too small (%d×%d): the status panel needs at least %d×%d. %d of %d running. q stop watching.", w, h+m.reserve, statusMinWidth, statusMinHeight, s.Running, s.Total)
	return ansi.Wrap(msg, max(w, 10), "")
}

func (m *Panel) elapsedNow() time.Time {
	if !m.settledAt.IsZero() {
		return m.settledAt
	}
	return m.now()
}

func (m *Panel) titleLine(w int) string {
	n := m.meta.Count
	if n == 0 {
		// After a retry: the rows the progress line counts, the replaced
		// ones left out.
		s := m.counts()
		n = s.Total - s.Replaced
	}
	p := m.st.P
	var what string
	if m.meta.InstanceType != "" {
		what = p.Sprintf("Creating %d × %s", n, m.meta.InstanceType)
	} else {
		what = p.Sprintf("Watching %d instances", n)
	}
	where := m.meta.Zone
	if where == "" {
		where = m.tracker.Region()
	}
	clock := statusClockText(m.elapsedNow().Sub(m.began))
	prefix, sandbox := "", p.Sprintf("SANDBOX")
	if m.meta.Sandbox {
		prefix = sandbox + " · "
	}
	room := w - 2 - ansi.StringWidth(clock) - 2
	plain := prefix + what + " · " + where
	if m.meta.RequestID != "" {
		req := " · " + p.Sprintf("request %s", m.meta.RequestID)
		if ansi.StringWidth(plain+req) > room {
			req = " · " + p.Sprintf("request %s", ansi.Truncate(m.meta.RequestID, 9, "…"))
		}
		plain += req
	}
	plain = ansi.Truncate(plain, room, "…")
	gap := w - 1 - ansi.StringWidth(plain) - ansi.StringWidth(clock) - 1
	var b strings.Builder
	b.WriteByte(' ')
	if prefix != "" && strings.HasPrefix(plain, prefix) {
		b.WriteString(m.st.Sandbox.Render(sandbox))
		b.WriteString(" · ")
		plain = plain[len(prefix):]
	}
	b.WriteString(m.st.Title.Render(plain))
	b.WriteString(strings.Repeat(" ", max(gap, 2)))
	b.WriteString(m.st.Subtle.Render(clock))
	return b.String()
}

func (m *Panel) barLine(w int) string {
	s := m.counts()
	total := max(s.Total-s.Replaced, 1)
	p := m.st.P
	parts := []string{p.Sprintf("%d of %d running", s.Running, s.Total-s.Replaced)}
	if n := s.Pending - s.inError; n > 0 {
		parts = append(parts, p.Sprintf("%d pending", n))
	}
	text := strings.Join(parts, " · ")
	if s.inError > 0 {
		text += " · " + m.st.Bad.Render(p.Sprintf("%d in error", s.inError))
	}
	if f := s.Failed - s.notFound; f > 0 {
		text += " · " + m.st.Bad.Render(p.Sprintf("%d failed", f))
	}
	if s.notFound > 0 {
		text += " · " + m.st.Bad.Render(p.Sprintf("%d not found", s.notFound))
	}
	bar := m.bar
	bar.Width = min(max(min((w-4)*3/8, w-4-ansi.StringWidth(text)), 10), 40)
	return ansi.Truncate(" "+bar.ViewAs(float64(s.Running)/float64(total))+"  "+text, w, "…")
}

func (m *Panel) checkLine() string {
	p := m.st.P
	if m.polling {
		return " " + m.st.Subtle.Render(p.Sprintf("checking now…"))
	}
	if ids, left := m.tracker.NotYetFound(m.now()); len(ids) > 0 {
		// Said at once: a wrong id or region is better known now.
		return " " + m.st.Warn.Render(p.Sprintf("%d instances not found yet in %s; still looking for %s (another region? --region)",
			len(ids), m.tracker.Region(), statusSeconds(p, left)))
	}
	wait := max(m.nextPoll.Sub(m.now()), 0)
	if wait < time.Second {
		// Checks come faster than the screen's clock ticks.
		return " " + m.st.Subtle.Render(p.Sprintf("next check in <1 s"))
	}
	return " " + m.st.Subtle.Render(p.Sprintf("next check in %s", statusSeconds(p, wait)))
}

// keysLine is the keys that do something now, built from the key map.
func (m *Panel) keysLine() string {
	if m.tracker.Done() && m.opts.ExitWhenSettled {
		return ""
	}
	k := m.keys()
	return " " + theme.KeysLine([]key.Binding{k.Retry, k.Save, k.Quit, k.Stop}, m.st.Key, m.st.Dim)
}

func (m *Panel) settledSummary() string {
	s := m.counts()
	p := m.st.P
	var parts []string
	if s.Running > 0 || s.Failed == 0 {
		parts = append(parts, m.st.Good.Render(p.Sprintf("✓ %d running", s.Running)))
	}
	if f := s.Failed - s.notFound; f > 0 {
		parts = append(parts, m.st.Bad.Render(p.Sprintf("✗ %d failed", f)))
	}
	if s.notFound > 0 {
		parts = append(parts, m.st.Bad.Render(p.Sprintf("✗ %d not found", s.notFound)))
	}
	if s.Replaced > 0 {
		parts = append(parts, m.st.Subtle.Render(p.Sprintf("%d failed and retried", s.Replaced)))
	}
	if s.Pending > 0 {
		line := p.Sprintf("◌ %d still pending", s.Pending)
		if s.Aborted != "" {
			line = p.Sprintf("◌ %d unknown", s.Pending)
		}
		parts = append(parts, m.st.Warn.Render(line))
	}
	if m.meta.Missing > 0 {
		parts = append(parts, m.st.Bad.Render(p.Sprintf("✗ %d not created", m.meta.Missing)))
	}
	return strings.Join(parts, "   ")
}

// reasonLines explains the failures, one sentence per distinct reason with
// the ids it concerns, wrapped to width (0 = no wrapping) and cut to at most
// limit lines.
func (m *Panel) reasonLines(width, limit int) []string {
	type group struct {
		first *TrackedInstance
		ids   []string
	}
	var groups []*group
	index := map[string]*group{}
	for _, in := range m.tracker.Instances() {
		if in.Replaced {
			continue
		}
		r := in.reasonText(m.st.P, m.tracker.Region(), false)
		if r == "" {
			continue
		}
		g := index[r]
		if g == nil {
			g = &group{first: in}
			index[r] = g
			groups = append(groups, g)
		}
		g.ids = append(g.ids, in.ID)
	}
	var lines []string
	for _, g := range groups {
		ids := g.ids
		who := locale.List(m.st.P, ids)
		if len(ids) > 3 {
			who = m.st.P.Sprintf("%s and %d more", locale.List(m.st.P, ids[:2]), len(ids)-2)
		}
		text := who + " " + g.first.reasonText(m.st.P, m.tracker.Region(), len(ids) > 1)
		if width > 0 {
			lines = append(lines, strings.Split(ansi.Wrap(text, width, ""), "\n")...)
		} else {
			lines = append(lines, text)
		}
	}
	if len(lines) > limit {
		lines = append(lines[:max(limit-1, 0)], m.st.P.Sprintf("… see all with %s", m.ResumeHint()))
		if limit < 1 {
			lines = nil
		}
	}
	return lines
}

// hint is the next thing to type: ssh to the first instance up, and how to
// see the panel again.
func (m *Panel) hint() string {
	var parts []string
	for _, in := range m.tracker.Instances() {
		if !in.Running() {
			continue
		}
		addr := in.ElasticIP
		if addr == "" {
			addr = in.PrivateIP
		}
		if addr != "" {
			parts = append(parts, "ssh root@"+addr)
			break
		}
	}
	parts = append(parts, m.st.P.Sprintf("%s to see this again", m.ResumeHint()))
	return strings.Join(parts, " · ")
}

// ---- table ------------------------------------------------------------------

// Columns of the table, in order.
const (
	colName = iota
	colID
	colStatus
	colElapsed
	colPrivate
	colPublic
)

// tableIndent is the space before the table's rows.
const tableIndent = "   "

// columns sizes the table from its content, then gives way to the window
// (theme.FitColumns): names shrink first (to 6), then the public IP column
// goes when no instance has one, then names, elapsed and public IPs.
func (m *Panel) columns(w int) ([]theme.Column, []int) {
	m.derive()
	return m.cols, theme.FitColumns(m.cols, m.tableWidth(w))
}

// sortedRows are the instances as the table lists them: failures first,
// then those in error (about to be deleted), those still coming up, then the running ones, and those a retry
// replaced last; in the order watched within each.
func (m *Panel) sortedRows() []*TrackedInstance {
	m.derive()
	return m.rows
}

// panelCounts are the tracker's counts, with the unsettled instances in
// error (on their way to being deleted, counted apart from the ones still
// coming up) and those never found (said apart from the failed ones: they
// may never have existed, a wrong id or region) counted too.
type panelCounts struct {
	Summary
	inError, notFound int
}

// counts are the instances counted as the panel's lines say them.
func (m *Panel) counts() panelCounts {
	m.derive()
	return m.count
}

// derive works out what the panel shows of the tracker (the rows in
// order, the columns for them, the counts) again when a poll or a retry
// changed something, and only then, so a screen of 1,000 rows redraws in
// well under a millisecond.
func (m *Panel) derive() {
	if m.rows != nil && m.derivedAt == m.tracker.changes {
		return
	}
	m.derivedAt = m.tracker.changes
	list := m.tracker.Instances()
	m.rows = append(m.rows[:0], list...)
	slices.SortStableFunc(m.rows, func(a, b *TrackedInstance) int { return rowRank(a) - rowRank(b) })
	m.cols = m.contentColumns()
	m.count = panelCounts{Summary: m.tracker.counts()}
	for _, in := range list {
		if !in.IsSettled() && in.Status == apiclient.StatusError {
			m.count.inError++
		}
		if !in.Replaced && in.failure == failNotFound {
			m.count.notFound++
		}
	}
}

// rowRank is where an instance's row goes: what needs a look first.
func rowRank(in *TrackedInstance) int {
	switch {
	case in.Replaced:
		return 4
	case in.Failed():
		return 0
	case in.Running():
		return 3
	case in.Status == "error":
		return 1 // on its way to being deleted
	}
	return 2
}

// contentColumns sizes the table's columns from what the rows hold.
func (m *Panel) contentColumns() []theme.Column {
	p := m.st.P
	cols := []theme.Column{
		colName:    {Title: p.Sprintf("NAME"), Min: 6, Drop: 2},
		colID:      {Title: p.Sprintf("INSTANCE")},
		colStatus:  {Title: p.Sprintf("STATUS")},
		colElapsed: {Title: p.Sprintf("ELAPSED"), Right: true, Drop: 3},
		colPrivate: {Title: p.Sprintf("PRIVATE IP")},
		colPublic:  {Title: p.Sprintf("PUBLIC IP"), Drop: 1},
	}
	for i := range cols {
		// Titles in cells: a Chinese character is two.
		cols[i].Width = theme.CellWidth(cols[i].Title)
	}
	for _, in := range m.tracker.Instances() {
		cols[colName].Width = max(cols[colName].Width, theme.CellWidth(in.Name))
		cols[colID].Width = max(cols[colID].Width, len(in.ID))
		cols[colStatus].Width = max(cols[colStatus].Width, 2+theme.CellWidth(StatusWord(p, in.Word())))
		cols[colPrivate].Width = max(cols[colPrivate].Width, len(in.PrivateIP))
		cols[colPublic].Width = max(cols[colPublic].Width, len(in.ElasticIP))
		if in.ElasticIP != "" {
			cols[colPublic].Drop = 4 // the last to go once an instance has one
		}
	}
	cols[colName].Width = min(cols[colName].Width, 24)
	return cols
}

// tableWidth is the room the table's columns have in a window w wide.
func (m *Panel) tableWidth(w int) int { return w - 1 - len(tableIndent) }

func (m *Panel) writeTable(b *strings.Builder, l statusLayout) {
	cols, widths := m.columns(l.width)
	room := m.tableWidth(l.width)
	b.WriteString(m.st.Header.Render(tableIndent + theme.Row(cols, widths, theme.Titles(cols), room)))
	b.WriteByte('\n')

	list := m.sortedRows()
	off := m.clampedOffset(l.rows)
	end := min(off+l.rows, len(list))
	now := m.elapsedNow()
	frame := m.spin.View()
	done := m.tracker.Done()
	styled := map[string]string{} // the same status cell renders once per view
	cells := make([]string, len(cols))
	for _, in := range list[off:end] {
		cells[colName] = theme.OrDash(in.Name)
		cells[colID] = in.ID
		cells[colStatus] = m.statusCell(in, frame, done, styled)
		cells[colElapsed] = statusClockText(in.Elapsed(now))
		cells[colPrivate] = theme.OrDash(in.PrivateIP)
		cells[colPublic] = theme.OrDash(in.ElasticIP)
		b.WriteString(tableIndent + theme.Row(cols, widths, cells, room))
		b.WriteByte('\n')
	}
}

// statusCell is an instance's status word with its icon, in its colour
// (done: the watch is over); styled keeps the cells already rendered in
// this view, by the English word, so each is said and drawn once.
func (m *Panel) statusCell(in *TrackedInstance, frame string, done bool, styled map[string]string) string {
	word := in.Word()
	icon, look := frame, word
	switch {
	case in.Running():
		icon = "●"
	case in.Failed():
		icon, look = "✗", "failed"
	case done:
		icon = "◌" // unsettled, but no longer watched
	}
	cacheKey := icon + " " + word
	if in.Replaced {
		cacheKey += "\x00replaced"
	}
	s, ok := styled[cacheKey]
	if !ok {
		text := icon + " " + StatusWord(m.st.P, word)
		s = m.st.StatusStyle(look).Render(text)
		if in.Replaced {
			s = m.st.Dim.Render(text)
		}
		styled[cacheKey] = s
	}
	return s
}

// statusClockText renders a duration as a clock: 0:41, 12:05, 1:02:03.
func statusClockText(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int(d / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
