package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// diskRowField is one data disk on one line: its type (←/→) and size
// (typed), removed with ctrl+d.
type diskRowField struct {
	m     *wizardModel
	index int
	kind  choiceField // the disk type; its options are the region's disk types
	size  textinput.Model
}

func newDiskRowField(m *wizardModel, i int) *diskRowField {
	ti := textinput.New()
	ti.Prompt = ""
	ti.CharLimit = 5
	ti.Width = 6
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.SetValue(strconv.Itoa(m.draft.Spec.DataDisks[i].DiskSizeGB))
	r := &diskRowField{m: m, index: i, size: ti}
	r.kind.options, r.kind.selected = withOption(m.diskTypeOptions(), m.draft.Spec.DataDisks[i].DiskType)
	r.kind.onChange = func(sel int) { m.draft.Spec.DataDisks[r.index].DiskType = r.kind.options[sel].label }
	return r
}

func (r *diskRowField) skip() bool { return false }

func (r *diskRowField) setFocus(on bool) tea.Cmd {
	r.kind.setFocus(on)
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
		return r.kind.update(msg)
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
	n, err := strconv.Atoi(v)
	if err != nil {
		return wizard.Problem{Path: path, Message: "\"" + v + "\" is not a whole number"}
	}
	if n <= 0 {
		// A body may leave the size out for the service's default; the
		// wizard always says one.
		return wizard.Problem{Path: path, Message: "enter a size in GiB"}
	}
	return wizard.Problem{}
}

func (r *diskRowField) view(st *theme.Styles, width int, focused bool) string {
	line := marker(st, focused) + fieldLabel(st, "Data "+itoa(r.index+1), focused) + " " +
		radioView(st, r.kind.options, r.kind.selected, focused, " ") + "  " + r.size.View() + " GiB"
	if r.kind.note != "" {
		line += "\n" + strings.Repeat(" ", labelWidth+3) + st.Bad.Render("✗ "+r.kind.note)
	}
	return line
}
