package launch

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
)

// presetPicker is the first screen when presets exist: start from one of
// them, or from scratch.
type presetPicker struct {
	choices []PresetChoice
	cursor  int // 0 is "from scratch"
}

func newPresetPicker(choices []PresetChoice) *presetPicker {
	return &presetPicker{choices: choices}
}

func (m *Model) updatePresets(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	p := m.presets
	switch {
	case key.Matches(k, pickerKeys.Up):
		p.cursor = max(0, p.cursor-1)
	case key.Matches(k, pickerKeys.Down):
		p.cursor = min(len(p.choices), p.cursor+1)
	case key.Matches(k, pickerKeys.Start):
		if p.cursor == 0 {
			m.phase = phaseForm
			return m.enterStep(m.cur)
		}
		c := p.choices[p.cursor-1]
		if c.Err != nil {
			return nil
		}
		return m.startFromPreset(c)
	}
	return nil
}

// startFromPreset prefills the draft and opens the first step that has a
// problem, or the review.
func (m *Model) startFromPreset(c PresetChoice) tea.Cmd {
	password := m.draft.Spec.Password
	region := m.draft.Region
	m.cfg.Draft = c.Draft
	m.cfg.Preset = c.Name
	m.draft = c.Draft
	m.draft.Spec.Password = password
	m.buildSteps()
	m.review = m.newReview()
	m.phase = phaseForm
	m.cfg.StartAtReview = true
	m.visitAll()
	var cmds []tea.Cmd
	if m.draft.Region != region {
		m.data = newCatalogData()
		cmds = append(cmds, m.loadRegion())
	} else {
		cmds = append(cmds, m.loadVpcChildren())
		m.refreshAll()
	}
	cmds = append(cmds, m.openFirstProblem())
	return tea.Batch(cmds...)
}

func (p *presetPicker) view(st *theme.Styles, width int) string {
	var b strings.Builder
	b.WriteString("\n")
	row := func(i int, name, summary string, bad bool) {
		prefix := "   "
		if i == p.cursor {
			prefix = st.Cursor.Render(" > ")
			name = st.Selected.Render(theme.PadRight(name, 20))
		} else {
			name = theme.PadRight(name, 20)
		}
		s := st.Subtle.Render(theme.Truncate(summary, width-28))
		if bad {
			s = st.Bad.Render(theme.Truncate(summary, width-28))
		}
		b.WriteString(prefix + name + "  " + s + "\n")
	}
	row(0, st.P.Sprintf("a new instance"), st.P.Sprintf("every step, with sensible defaults"), false)
	for i, c := range p.choices {
		if c.Err != nil {
			row(i+1, c.Name, st.P.Sprintf("cannot be read: %s", locale.Say(st.P, c.Err)), true)
			continue
		}
		row(i+1, c.Name, c.Summary, false)
	}
	b.WriteString("\n" + st.Dim.Width(width-1).PaddingLeft(1).Render(theme.Wrap(st.P.Sprintf("A preset fills every step; you land on the first step that needs a change, or on the review."), width-2)))
	return b.String()
}
