package ui

import tea "github.com/charmbracelet/bubbletea"

// formStep is one step of the wizard: a title and its fields, with focus
// moving between the fields that are shown.
type formStep struct {
	id       stepID
	title    string
	subtitle func() string
	intro    func() string
	fields   []field
	focus    int
	blocked  bool // forward was refused: problems are shown in red
	enter    func() tea.Cmd
	// after renders extra lines below field i (the password checklist).
	after func(i int) string
}

func (s *formStep) focused() field {
	if s.focus < 0 || s.focus >= len(s.fields) {
		return nil
	}
	return s.fields[s.focus]
}

func (s *formStep) visible() []int {
	var out []int
	for i, f := range s.fields {
		if !f.skip() {
			out = append(out, i)
		}
	}
	return out
}

func (s *formStep) atFirst() bool {
	v := s.visible()
	return len(v) == 0 || s.focus <= v[0]
}

func (s *formStep) atLast() bool {
	v := s.visible()
	return len(v) == 0 || s.focus >= v[len(v)-1]
}

func (s *formStep) focusFirst() tea.Cmd {
	v := s.visible()
	if len(v) == 0 {
		return nil
	}
	return s.setFocusTo(v[0])
}

func (s *formStep) focusField(f field) tea.Cmd {
	for i, g := range s.fields {
		if g == f {
			return s.setFocusTo(i)
		}
	}
	return nil
}

func (s *formStep) setFocusTo(i int) tea.Cmd {
	if cur := s.focused(); cur != nil {
		cur.setFocus(false)
	}
	s.focus = i
	return s.fields[i].setFocus(true)
}

// moveFocus goes to the next (d=1) or previous (d=-1) shown field.
func (s *formStep) moveFocus(d int, wrap bool) tea.Cmd {
	v := s.visible()
	if len(v) == 0 {
		return nil
	}
	pos := 0
	for i, idx := range v {
		if idx == s.focus {
			pos = i
		}
	}
	next := pos + d
	if next < 0 || next >= len(v) {
		if !wrap {
			return nil
		}
		next = (next + len(v)) % len(v)
	}
	return s.setFocusTo(v[next])
}

func (s *formStep) hasList() bool {
	for _, f := range s.fields {
		if _, ok := f.(*listField); ok && !f.skip() {
			return true
		}
	}
	return false
}
