package field

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// Input is a line of text: a name, a number, a password.
type Input struct {
	Label string
	Hint  string // shown beside the input, dim
	// Local is a check only the screen can make (text that is not a
	// number, a confirmation that does not match); it joins the step's
	// problems.
	Local  func() wizard.Problem
	Hidden func() bool
	OnEdit func(v string)

	input textinput.Model
}

// NewInput returns an input showing placeholder while empty, taking at most
// limit characters; onEdit gets every change.
func NewInput(label, placeholder string, limit int, onEdit func(string)) *Input {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Placeholder = placeholder
	ti.CharLimit = limit
	ti.Cursor.SetMode(cursor.CursorStatic)
	return &Input{Label: label, input: ti, OnEdit: onEdit}
}

// Masked hides what is typed (a password).
func (f *Input) Masked() *Input {
	f.input.EchoMode = textinput.EchoPassword
	f.input.EchoCharacter = '•'
	return f
}

// Value is the text typed.
func (f *Input) Value() string { return f.input.Value() }

// SetValue replaces the text, without calling OnEdit.
func (f *Input) SetValue(v string) { f.input.SetValue(v) }

// Skip reports whether the input is hidden.
func (f *Input) Skip() bool { return f.Hidden != nil && f.Hidden() }

// Bindings are none: an input takes text.
func (f *Input) Bindings(KeyMap) []key.Binding { return nil }

// SetFocus focuses or blurs the input.
func (f *Input) SetFocus(on bool) tea.Cmd {
	if on {
		return f.input.Focus()
	}
	f.input.Blur()
	return nil
}

// Update types msg into the input, except the keys that move on.
func (f *Input) Update(msg tea.KeyMsg) (bool, tea.Cmd) {
	if key.Matches(msg, Keys.Leave) {
		return false, nil
	}
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if v := f.input.Value(); v != before && f.OnEdit != nil {
		f.OnEdit(v)
	}
	return true, cmd
}

// View is the label, the input and its hint on one line.
func (f *Input) View(st *theme.Styles, width int, focused bool) string {
	label := Label(st, f.Label, focused)
	w := width - LabelWidth - 3
	if w < 10 {
		w = 10
	}
	f.input.Width = min(w, max(20, lipgloss.Width(f.input.Placeholder)+2))
	if f.input.EchoMode == textinput.EchoPassword {
		f.input.Width = min(w, 28)
	}
	line := Marker(st, focused) + label + " " + f.input.View()
	if f.Hint != "" {
		line += "  " + st.Dim.Render(f.Hint)
	}
	return line
}
