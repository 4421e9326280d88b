package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/wizard"
)

// diskRowField is one data disk on one line: its type (←/→) and size
// (typed), removed with ctrl+d.
type diskRowField struct {
	m        *wizardModel
	index    int
	options  []choiceOption
	selected int
	size     textinput.Model
	note     string
}

func newDiskRowField(m *wizardModel, i int) *diskRowField {
	ti := textinput.New()
	ti.Prompt = ""
	ti.CharLimit = 5
	ti.Width = 6
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.SetValue(strconv.Itoa(m.draft.Spec.DataDisks[i].DiskSizeGB))
	r := &diskRowField{m: m, index: i, size: ti}
	r.options, r.selected = withOption(m.diskTypeOptions(), m.draft.Spec.DataDisks[i].DiskType)
	return r
}

func (r *diskRowField) skip() bool { return false }

func (r *diskRowField) setFocus(on bool) tea.Cmd {
	r.note = ""
	if on {
		return r.size.Focus()
	}
	r.size.Blur()
	return nil
}

func (r *diskRowField) update(msg tea.KeyMsg) (bool, tea.Cmd) {
	switch msg.String() {
	case "ctrl+d":
		return true, r.m.removeDataDisk(r.index)
	case "left", "right":
		step := 1
		if msg.String() == "left" {
			step = -1
		}
		n := len(r.options)
		next := (r.selected + step + n) % n
		if o := r.options[next]; o.disabled != "" {
			r.note = o.label + ": " + o.disabled
			r.selected = next // shown, and refused by the rules with the reason
		} else {
			r.note = ""
			r.selected = next
		}
		r.m.draft.Spec.DataDisks[r.index].DiskType = r.options[r.selected].label
		return true, nil
	case "enter", "tab", "shift+tab", "up", "down", "esc":
		return false, nil
	}
	var cmd tea.Cmd
	r.size, cmd = r.size.Update(msg)
	r.m.draft.Spec.DataDisks[r.index].DiskSizeGB, _ = strconv.Atoi(strings.TrimSpace(r.size.Value()))
	return true, cmd
}

func (r *diskRowField) local() wizard.Problem {
	v := strings.TrimSpace(r.size.Value())
	path := "instanceSpec.dataDisks[" + itoa(r.index) + "].diskSizeGB"
	if v == "" {
		return wizard.Problem{Path: path, Message: "enter a size in GiB"}
	}
	if _, err := strconv.Atoi(v); err != nil {
		return wizard.Problem{Path: path, Message: "\"" + v + "\" is not a whole number"}
	}
	return wizard.Problem{}
}

func (r *diskRowField) view(st *Styles, width int, focused bool) string {
	label := padRight("Data "+itoa(r.index+1), labelWidth)
	if focused {
		label = st.Selected.Render(label)
	} else {
		label = st.Label.Render(label)
	}
	var parts []string
	for i, o := range r.options {
		mark := "( )"
		if i == r.selected {
			mark = "(•)"
		}
		s := mark + " " + o.label
		switch {
		case o.disabled != "":
			s = st.Dim.Render(s)
		case i == r.selected && focused:
			s = st.Selected.Render(s)
		}
		parts = append(parts, s)
	}
	line := marker(st, focused) + label + " " + strings.Join(parts, " ") + "  " + r.size.View() + " GiB"
	if focused {
		line += st.Dim.Render("  ctrl+d removes")
	}
	if r.note != "" {
		line += "\n" + strings.Repeat(" ", labelWidth+3) + st.Bad.Render("✗ "+r.note)
	}
	return line
}
