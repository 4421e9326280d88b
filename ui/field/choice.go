package field

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/ui/theme"
)

// Option is one option of a Choice.
type Option struct {
	// Label is the option's value (a disk type, an image source), shown
	// as it is unless Text says it in words.
	Label    string
	Text     string // what is shown for the option, when not Label
	Disabled string // why it cannot be chosen; "" when it can
}

// Shown is what the option reads as on screen.
func (o Option) Shown() string {
	if o.Text != "" {
		return o.Text
	}
	return o.Label
}

// Choice is a few options side by side, as radio buttons: ( ) a  (•) b.
type Choice struct {
	Label    string
	Options  []Option
	Selected int
	Hidden   func() bool
	OnChange func(i int)
	note     int // the disabled option tried, plus one; 0 when none
}

// Skip reports whether the choice is hidden.
func (f *Choice) Skip() bool { return f.Hidden != nil && f.Hidden() }

// SetFocus forgets the note about a disabled option.
func (f *Choice) SetFocus(bool) tea.Cmd { f.note = 0; return nil }

// Bindings are ←/→ (and space).
func (f *Choice) Bindings(k KeyMap) []key.Binding { return []key.Binding{k.Choose} }

// Update moves the selection to the previous or next option that can be
// chosen; space cycles through every option and says why a disabled one
// cannot be.
func (f *Choice) Update(msg tea.KeyMsg) (bool, tea.Cmd) {
	step := 0
	switch {
	case key.Matches(msg, Keys.Prev):
		step = -1
	case key.Matches(msg, Keys.Next):
		step = 1
	default:
		return false, nil
	}
	toggle := key.Matches(msg, Keys.Toggle)
	n := len(f.Options)
	next := f.Selected
	for i := 0; i < n; i++ {
		next = (next + step + n) % n
		if toggle || f.Options[next].Disabled == "" {
			break
		}
	}
	if o := f.Options[next]; o.Disabled != "" {
		f.note = next + 1
		return true, nil
	}
	f.note = 0
	if next != f.Selected {
		f.Selected = next
		if f.OnChange != nil {
			f.OnChange(next)
		}
	}
	return true, nil
}

// View is the label and the options, and why a tried option is disabled.
func (f *Choice) View(st *theme.Styles, width int, focused bool) string {
	head := Marker(st, focused) + Label(st, f.Label, focused) + " "
	return wrapParts(head, radioParts(st, f.Options, f.Selected, focused), "  ", width) + f.noteView(st)
}

// wrapParts lays parts out after head, separated by sep, going on under
// the first part (at Indent) when a line would be wider than width.
func wrapParts(head string, parts []string, sep string, width int) string {
	var b strings.Builder
	b.WriteString(head)
	w := ansi.StringWidth(head)
	for i, p := range parts {
		pw := ansi.StringWidth(p)
		switch {
		case i == 0:
		case width > 0 && w+len(sep)+pw > width:
			b.WriteString("\n" + Indent)
			w = len(Indent)
		default:
			b.WriteString(sep)
			w += len(sep)
		}
		b.WriteString(p)
		w += pw
	}
	return b.String()
}

func (f *Choice) noteView(st *theme.Styles) string {
	if f.note == 0 || f.note > len(f.Options) {
		return ""
	}
	o := f.Options[f.note-1]
	if o.Disabled == "" {
		return ""
	}
	return "\n" + Indent + st.Bad.Render(st.P.Sprintf("✗ %s: %s", o.Shown(), o.Disabled))
}

// radios renders options as radio buttons: ( ) a  (•) b.
func radios(st *theme.Styles, options []Option, selected int, focused bool, sep string) string {
	return strings.Join(radioParts(st, options, selected, focused), sep)
}

// radioParts are the radio buttons of options, one each.
func radioParts(st *theme.Styles, options []Option, selected int, focused bool) []string {
	parts := make([]string, len(options))
	for i, o := range options {
		mark := "( )"
		if i == selected {
			mark = "(•)"
		}
		s := mark + " " + o.Shown()
		switch {
		case o.Disabled != "":
			s = st.Dim.Render(s)
		case i == selected && focused:
			s = st.Selected.Render(s)
		}
		parts[i] = s
	}
	return parts
}

// WithOption finds the named option, adding it (as typed by hand or from a
// preset) when the list does not have it, so nothing is silently dropped:
// the rules flag it if the catalogue does not know it.
func WithOption(opts []Option, name string) ([]Option, int) {
	for i, o := range opts {
		if o.Label == name {
			return opts, i
		}
	}
	if name == "" {
		return opts, 0
	}
	out := append(append([]Option(nil), opts...), Option{Label: name})
	return out, len(out) - 1
}
