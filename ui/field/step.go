package field

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Step is one step of a form: a title and its fields, with focus moving
// between the fields that are shown.
type Step struct {
	Title    string
	Subtitle func() string
	Intro    func() string
	Fields   []Field
	Focus    int
	Blocked  bool // forward was refused: problems are shown in red
	Enter    func() tea.Cmd
	// After renders extra lines below field i (the password checklist).
	After func(i int) string
}

// Focused is the field with focus, or nil.
func (s *Step) Focused() Field {
	if s.Focus < 0 || s.Focus >= len(s.Fields) {
		return nil
	}
	return s.Fields[s.Focus]
}

func (s *Step) visible() []int {
	var out []int
	for i, f := range s.Fields {
		if !f.Skip() {
			out = append(out, i)
		}
	}
	return out
}

// AtFirst reports whether focus is on the first field shown.
func (s *Step) AtFirst() bool {
	v := s.visible()
	return len(v) == 0 || s.Focus <= v[0]
}

// AtLast reports whether focus is on the last field shown.
func (s *Step) AtLast() bool {
	v := s.visible()
	return len(v) == 0 || s.Focus >= v[len(v)-1]
}

// FocusFirst focuses the first field shown.
func (s *Step) FocusFirst() tea.Cmd {
	v := s.visible()
	if len(v) == 0 {
		return nil
	}
	return s.SetFocusTo(v[0])
}

// FocusField focuses f, when it is one of the step's.
func (s *Step) FocusField(f Field) tea.Cmd {
	for i, g := range s.Fields {
		if g == f {
			return s.SetFocusTo(i)
		}
	}
	return nil
}

// SetFocusTo focuses field i.
func (s *Step) SetFocusTo(i int) tea.Cmd {
	if cur := s.Focused(); cur != nil {
		cur.SetFocus(false)
	}
	s.Focus = i
	return s.Fields[i].SetFocus(true)
}

// MoveFocus goes to the next (d=1) or previous (d=-1) shown field.
func (s *Step) MoveFocus(d int) tea.Cmd {
	v := s.visible()
	if len(v) == 0 {
		return nil
	}
	pos := 0
	for i, idx := range v {
		if idx == s.Focus {
			pos = i
		}
	}
	next := pos + d
	if next < 0 || next >= len(v) {
		return nil
	}
	return s.SetFocusTo(v[next])
}

// HasList reports whether a list is shown (then / filters).
func (s *Step) HasList() bool {
	for _, f := range s.Fields {
		if _, ok := f.(*List); ok && !f.Skip() {
			return true
		}
	}
	return false
}

// Bindings are the keys of the fields shown, each once, in field order,
// from k (KeysIn: in the page's language).
func (s *Step) Bindings(k KeyMap) []key.Binding {
	var out []key.Binding
	seen := map[string]bool{}
	for _, f := range s.Fields {
		if f.Skip() {
			continue
		}
		for _, b := range f.Bindings(k) {
			h := b.Help()
			if id := h.Key + h.Desc; !seen[id] {
				seen[id] = true
				out = append(out, b)
			}
		}
	}
	return out
}
