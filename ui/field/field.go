// Package field holds the components the wizard's steps are built from: a
// text input, a choice of a few options, a list of choices loaded from the
// API (with a filter, a spinner while it loads, and a retry and an id typed
// by hand when the look-up fails), a data disk row, and a Step that moves
// focus between them.
//
// A field takes keys only while focused, and reports whether it used the
// key; keys it leaves alone move focus or steps. Every key a field answers
// to is a binding in Keys, matched with key.Matches, and each field lists
// its bindings (Bindings, from KeysIn: in the page's language) for the
// page's ? screen: what the screen shows is what the fields handle. Every
// word a field shows is said through the printer of the styles it is drawn
// with (theme.Styles.P).
//
// The fields know nothing of the wizard: they hold text and ids, and call
// back (OnEdit, OnChange, ...) when the person changes them. They import
// ui/theme for their looks and wizard only for the Problem a field reports.
package field

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/ui/theme"
)

// Field is one focusable part of a step.
type Field interface {
	// Update handles a key while the field is focused. It reports whether
	// the key was consumed; keys it leaves alone move focus or steps.
	Update(msg tea.KeyMsg) (bool, tea.Cmd)
	View(st *theme.Styles, width int, focused bool) string
	SetFocus(on bool) tea.Cmd
	// Skip reports whether focus should pass over the field (hidden or
	// nothing to choose).
	Skip() bool
	// Bindings are the keys the field answers to, for the ? screen, from
	// k (Keys in the page's language, KeysIn).
	Bindings(k KeyMap) []key.Binding
}

// LabelWidth is the column field labels are padded to.
const LabelWidth = 13

// Indent is the space before a note under a field's value: past the focus
// marker and the label.
var Indent = strings.Repeat(" ", LabelWidth+3)

// Marker is the focus marker in front of a field.
func Marker(st *theme.Styles, focused bool) string {
	if focused {
		return st.Cursor.Render("›") + " "
	}
	return "  "
}

// Label is a field's label, padded to the label column.
func Label(st *theme.Styles, label string, focused bool) string {
	if focused {
		return st.Selected.Render(theme.PadRight(label, LabelWidth))
	}
	return st.Label.Render(theme.PadRight(label, LabelWidth))
}
