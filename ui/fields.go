package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// The wizard's steps are built from a handful of small fields. Each field
// takes keys only while focused; the step moves focus between them.

// field is one focusable part of a step.
type field interface {
	// update handles a key while the field is focused. It reports whether
	// the key was consumed; keys it leaves alone move focus or steps.
	update(msg tea.KeyMsg) (bool, tea.Cmd)
	view(st *theme.Styles, width int, focused bool) string
	setFocus(on bool) tea.Cmd
	// skip reports whether focus should pass over the field (hidden or
	// nothing to choose).
	skip() bool
}

// --- text input -------------------------------------------------------------

type inputField struct {
	label string
	hint  string // shown beside the input, dim
	input textinput.Model
	// local is a check only the screen can make (text that is not a number,
	// a confirmation that does not match); it joins the step's problems.
	local  func() wizard.Problem
	hidden func() bool
	onEdit func(v string)
}

func newInputField(label, placeholder string, limit int, onEdit func(string)) *inputField {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Placeholder = placeholder
	ti.CharLimit = limit
	ti.Cursor.SetMode(cursor.CursorStatic)
	return &inputField{label: label, input: ti, onEdit: onEdit}
}

func (f *inputField) masked() *inputField {
	f.input.EchoMode = textinput.EchoPassword
	f.input.EchoCharacter = '•'
	return f
}

func (f *inputField) value() string { return f.input.Value() }

func (f *inputField) setValue(v string) { f.input.SetValue(v) }

func (f *inputField) skip() bool { return f.hidden != nil && f.hidden() }

func (f *inputField) setFocus(on bool) tea.Cmd {
	if on {
		return f.input.Focus()
	}
	f.input.Blur()
	return nil
}

func (f *inputField) update(msg tea.KeyMsg) (bool, tea.Cmd) {
	switch msg.String() {
	case "enter", "tab", "shift+tab", "up", "down", "esc", "ctrl+c", "pgup", "pgdown":
		return false, nil
	}
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if v := f.input.Value(); v != before && f.onEdit != nil {
		f.onEdit(v)
	}
	return true, cmd
}

const labelWidth = 13

func (f *inputField) view(st *theme.Styles, width int, focused bool) string {
	label := fieldLabel(st, f.label, focused)
	w := width - labelWidth - 3
	if w < 10 {
		w = 10
	}
	f.input.Width = min(w, max(20, lipgloss.Width(f.input.Placeholder)+2))
	if f.input.EchoMode == textinput.EchoPassword {
		f.input.Width = min(w, 28)
	}
	line := marker(st, focused) + label + " " + f.input.View()
	if f.hint != "" {
		line += "  " + st.Dim.Render(f.hint)
	}
	return line
}

// --- choice (radio) -----------------------------------------------------------

type choiceOption struct {
	label    string
	disabled string // why it cannot be chosen; "" when it can
}

type choiceField struct {
	label    string
	options  []choiceOption
	selected int
	hidden   func() bool
	onChange func(i int)
	note     string // set when a disabled option was tried
}

func (f *choiceField) skip() bool { return f.hidden != nil && f.hidden() }

func (f *choiceField) setFocus(bool) tea.Cmd { f.note = ""; return nil }

func (f *choiceField) update(msg tea.KeyMsg) (bool, tea.Cmd) {
	step := 0
	switch msg.String() {
	case "left", "h":
		step = -1
	case "right", "l", " ":
		step = 1
	default:
		return false, nil
	}
	n := len(f.options)
	next := f.selected
	for i := 0; i < n; i++ {
		next = (next + step + n) % n
		if msg.String() == " " || f.options[next].disabled == "" {
			break
		}
	}
	if o := f.options[next]; o.disabled != "" {
		f.note = o.label + ": " + o.disabled
		return true, nil
	}
	f.note = ""
	if next != f.selected {
		f.selected = next
		if f.onChange != nil {
			f.onChange(next)
		}
	}
	return true, nil
}

func (f *choiceField) view(st *theme.Styles, width int, focused bool) string {
	line := marker(st, focused) + fieldLabel(st, f.label, focused) + " " + radioView(st, f.options, f.selected, focused, "  ")
	if f.note != "" {
		line += "\n" + strings.Repeat(" ", labelWidth+3) + st.Bad.Render("✗ "+f.note)
	}
	return line
}

// fieldLabel is a field's label, padded to the label column.
func fieldLabel(st *theme.Styles, label string, focused bool) string {
	if focused {
		return st.Selected.Render(theme.PadRight(label, labelWidth))
	}
	return st.Label.Render(theme.PadRight(label, labelWidth))
}

// radioView renders options as radio buttons: ( ) a  (•) b.
func radioView(st *theme.Styles, options []choiceOption, selected int, focused bool, sep string) string {
	parts := make([]string, len(options))
	for i, o := range options {
		mark := "( )"
		if i == selected {
			mark = "(•)"
		}
		s := mark + " " + o.label
		switch {
		case o.disabled != "":
			s = st.Dim.Render(s)
		case i == selected && focused:
			s = st.Selected.Render(s)
		}
		parts[i] = s
	}
	return strings.Join(parts, sep)
}

// --- helpers -------------------------------------------------------------------

func marker(st *theme.Styles, focused bool) string {
	if focused {
		return st.Cursor.Render("›") + " "
	}
	return "  "
}
