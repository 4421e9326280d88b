package field

import (
	"github.com/cocvm/cocvm/apiclient"

	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// DiskRow is one data disk on one line: its type (←/→) and size (typed),
// removed with ctrl+d.
type DiskRow struct {
	// Index is the disk's place among the data disks; the owner renumbers
	// the rows after a removal.
	Index int
	// Kind is the disk type; its options are the region's disk types.
	Kind Choice
	// OnSize gets the size typed (0 when it is not a number); OnRemove asks
	// the owner to remove the disk.
	OnSize   func(index, gb int)
	OnRemove func(index int) tea.Cmd

	size textinput.Model
}

// NewDiskRow returns the row of data disk i, gb GiB; onType gets the type
// chosen.
func NewDiskRow(i, gb int, onType func(index int, diskType string)) *DiskRow {
	ti := textinput.New()
	ti.Prompt = ""
	ti.CharLimit = 5
	ti.Width = 6
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.SetValue(strconv.Itoa(gb))
	r := &DiskRow{Index: i, size: ti}
	r.Kind.OnChange = func(sel int) {
		if onType != nil {
			onType(r.Index, r.Kind.Options[sel].Label)
		}
	}
	return r
}

// Skip is false: a disk row is always shown.
func (r *DiskRow) Skip() bool { return false }

// Bindings are the type's ←/→ and ctrl+d.
func (r *DiskRow) Bindings(k KeyMap) []key.Binding { return []key.Binding{k.DiskType, k.Remove} }

// SetFocus focuses the size.
func (r *DiskRow) SetFocus(on bool) tea.Cmd {
	r.Kind.SetFocus(on)
	if on {
		return r.size.Focus()
	}
	r.size.Blur()
	return nil
}

// Update changes the type, the size, or removes the disk.
func (r *DiskRow) Update(msg tea.KeyMsg) (bool, tea.Cmd) {
	switch {
	case key.Matches(msg, Keys.Remove):
		if r.OnRemove == nil {
			return true, nil
		}
		return true, r.OnRemove(r.Index)
	case key.Matches(msg, Keys.DiskType):
		return r.Kind.Update(msg)
	case key.Matches(msg, Keys.Leave):
		return false, nil
	}
	var cmd tea.Cmd
	r.size, cmd = r.size.Update(msg)
	if r.OnSize != nil {
		n, _ := strconv.Atoi(strings.TrimSpace(r.size.Value()))
		r.OnSize(r.Index, n)
	}
	return true, cmd
}

// Local says what is wrong with the size typed: the rules see only numbers.
func (r *DiskRow) Local() wizard.Problem {
	v := strings.TrimSpace(r.size.Value())
	path := wizard.PathDataDisks + "[" + strconv.Itoa(r.Index) + "].diskSizeGB"
	if v == "" {
		return wizard.Problem{Path: path, Message: apiclient.T("enter a size in GiB")}
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return wizard.Problem{Path: path, Message: apiclient.T("%q is not a whole number", v)}
	}
	if n <= 0 {
		// A body may leave the size out for the service's default; the
		// wizard always says one.
		return wizard.Problem{Path: path, Message: apiclient.T("enter a size in GiB")}
	}
	return wizard.Problem{}
}

// View is the row: label, type, size.
func (r *DiskRow) View(st *theme.Styles, width int, focused bool) string {
	line := Marker(st, focused) + Label(st, st.P.Sprintf("Data %d", r.Index+1), focused) + " " +
		radios(st, r.Kind.Options, r.Kind.Selected, focused, " ") + "  " + r.size.View() + " GiB"
	return line + r.Kind.noteView(st)
}
