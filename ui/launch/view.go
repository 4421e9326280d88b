package launch

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// Drawing the wizard: the header with the steps, the current step's
// fields and problems (scrolled to keep the focused field in sight), and
// what is shown on a terminal too small for it.

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
		pk := pickerKeysIn(m.st.P)
		footer = m.st.Dim.Render(" ") + theme.KeysLine([]key.Binding{pk.Up, pk.Start, pk.Quit}, m.st.Dim, m.st.Dim)
	case phaseReview:
		body, footer = m.review.view(m.height-lipgloss.Height(header)-1, m.reviewInput())
	default:
		m.help.ShowAll = m.showHelp
		s := m.steps[m.cur]
		footer = theme.IndentLines(m.help.View(formHelp{p: m.st.P, step: s, disks: m.cur == stepDisks,
			toReview: m.fromReview, reviewed: m.visited[stepReview]}), " ")
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
	return st.Warn.Render(st.P.Sprintf("The terminal is too small for cocvm")) + "\n" +
		st.Subtle.Render(st.P.Sprintf("It is %s×%s; cocvm needs at least %s×%s.", itoa(w), itoa(h), itoa(minWidth), itoa(minHeight))) + "\n" +
		st.Dim.Render(st.P.Sprintf("Enlarge the window, or press ctrl+c to quit."))
}

// loading reports whether f is a list still waiting for the API (a problem
// with it is not marked until there is something to choose from).
func loading(f field.Field) bool {
	l, ok := f.(*field.List)
	return ok && l.Loading()
}

// stepNumbersWidth is the narrowest terminal whose header numbers the
// steps; narrower, the review's footer does not offer 1-7 either.
const stepNumbersWidth = 100

func (m *Model) headerView() string {
	left := " " + m.st.Title.Render("cocvm") + m.st.Subtle.Render(" · "+m.st.P.Sprintf("create instances"))
	right := ""
	if m.cfg.Sandbox {
		right = m.st.Sandbox.Render(m.st.P.Sprintf("SANDBOX")) + m.st.Subtle.Render(" · ")
	}
	region := m.draft.Region
	if r, ok := apiclient.LookupRegion(region); ok && r.Name != "" {
		region = m.st.P.Sprintf("%s (%s)", region, r.Name)
	}
	right += m.st.Subtle.Render(region) + " "
	gap := max(1, m.width-lipgloss.Width(left)-lipgloss.Width(right))
	line1 := left + strings.Repeat(" ", gap) + right

	var parts []string
	for id := stepID(0); id <= stepReview; id++ {
		i := int(id)
		name := stepName(m.st.P, id)
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
		if id < stepReview && m.width >= stepNumbersWidth {
			label = itoa(i+1) + " " + name
		}
		parts = append(parts, style.Render(mark+" "+label))
	}
	line2 := " " + strings.Join(parts, "  ")
	if m.phase == phasePresets {
		line2 = " " + m.st.Subtle.Render(m.st.P.Sprintf("Start from a preset, or from scratch"))
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
	// The focused list (or else the first with rows out of view) shows as
	// many rows as the screen has room for (its "rows … of …" line goes
	// once all are shown). The rows it was given last frame usually still
	// fit: the fields are drawn again only when that changed.
	grow, ok := s.Focused().(*field.List)
	if !ok {
		for _, f := range s.Fields {
			if l, isList := f.(*field.List); isList && !f.Skip() && (l.OutOfView() > 0 || l.ExtraRows > 0) {
				grow, ok = l, true
				break
			}
		}
	}
	if l := grow; ok {
		spare := height - len(head) - len(fields) - len(probs)
		if l.ExtraRows > 0 || (spare > 0 && l.OutOfView() > 0) {
			out := l.OutOfView() + l.ExtraRows
			extra := spare + l.ExtraRows
			if bonus := min(1, l.OutOfView()); out <= extra+bonus {
				extra = out
			}
			if extra = max(0, extra); extra != l.ExtraRows {
				l.ExtraRows = extra
				fields, focusFrom, focusTo = m.fieldsView(s, problems)
			}
		}
	}
	for _, f := range s.Fields {
		if l, isList := f.(*field.List); isList && (!ok || l != grow) {
			l.ExtraRows = 0
		}
	}
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
			head = append(head, strings.Split(m.st.Subtle.Width(m.width-1).PaddingLeft(1).Render(theme.Wrap(in, m.width-2)), "\n")...)
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
	label := m.st.Bad.Render(" " + m.st.P.Sprintf("Fix before going on:"))
	if !s.Blocked {
		label = m.st.Warn.Render(" " + m.st.P.Sprintf("Still to fix:"))
	}
	lines := []string{"", label}
	for i, p := range ps {
		if i == 3 && len(ps) > 4 {
			lines = append(lines, m.st.Dim.Render("   "+m.st.P.Sprintf("…and %s more", itoa(len(ps)-3))))
			break
		}
		text := m.st.Width(m.width - 6).Render(theme.Wrap(m.st.P.Sprintf("%s: %s", shortPath(p.Path), locale.Say(m.st.P, p.Message)), m.width-6))
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
		window[0] = m.st.Dim.Render("   " + m.st.P.Sprintf("↑ more above"))
	}
	if end < len(fields) {
		window[len(window)-1] = m.st.Dim.Render("   " + m.st.P.Sprintf("↓ more below"))
	}
	return window
}

// shortPath drops the instanceSpec prefix the person never sees on screen.
func shortPath(p string) string {
	return strings.TrimPrefix(p, "instanceSpec.")
}
