package launch

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
)

// Saving the choices as a preset, from the review or the status panel: a
// name, a question before replacing a preset of that name, never the
// password.

type saveDialog struct {
	input     textinput.Model
	overwrite bool
	err       string
}

// saveKeys are the dialog's own keys; everything else is typed.
var saveKeys = struct{ Save, Cancel, Replace, Keep key.Binding }{
	Save:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "")),
	Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "")),
	Replace: key.NewBinding(key.WithKeys("y", "Y")),
	Keep:    key.NewBinding(key.WithKeys("n", "N")),
}

// startSave opens the dialog, the name of the preset the draft came from
// filled in.
func (r *reviewModel) startSave(preset string) tea.Cmd {
	if r.env.savePreset == nil {
		return nil
	}
	ti := textinput.New()
	ti.Prompt = ""
	ti.Cursor.SetMode(cursor.CursorStatic) // as every input of the wizard: no timer
	ti.Placeholder = r.env.st.P.Sprintf("preset name")
	ti.CharLimit = 64
	ti.Width = 30
	ti.SetValue(preset)
	r.saving = &saveDialog{input: ti}
	return r.saving.input.Focus()
}

func (r *reviewModel) updateSave(k tea.KeyMsg, in reviewInput) tea.Cmd {
	s := r.saving
	switch {
	case key.Matches(k, saveKeys.Cancel):
		r.saving = nil
		return nil
	case key.Matches(k, saveKeys.Save):
		name := strings.TrimSpace(s.input.Value())
		if s.overwrite {
			return nil
		}
		if r.env.presetExists != nil && r.env.presetExists(name) {
			s.overwrite = true
			return nil
		}
		return r.save(name, in, false)
	case s.overwrite && key.Matches(k, saveKeys.Replace):
		return r.save(strings.TrimSpace(s.input.Value()), in, true)
	case s.overwrite && key.Matches(k, saveKeys.Keep):
		s.overwrite = false
		return nil
	case s.overwrite:
		return nil
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(k)
	s.err = ""
	return cmd
}

func (r *reviewModel) save(name string, in reviewInput, overwrite bool) tea.Cmd {
	p := r.env.st.P
	if err := r.env.savePreset(name, in.draft, overwrite); err != nil {
		r.saving.err = locale.Say(p, err)
		r.saving.overwrite = false
		return nil
	}
	r.saving = nil
	r.notice = p.Sprintf("Saved as preset \"%s\" (without the password). Next time: %s", name, "cocvm create --preset "+name)
	return send(presetSavedMsg{name})
}

func (s *saveDialog) view(st *theme.Styles) string {
	p := st.P
	if s.overwrite {
		return " " + st.Warn.Render(p.Sprintf("A preset named \"%s\" exists. Replace it? (y/n)", s.input.Value()))
	}
	keys := []key.Binding{theme.Said(saveKeys.Save, p.Sprintf("saves")), theme.Said(saveKeys.Cancel, p.Sprintf("cancels"))}
	line := " " + p.Sprintf("Save as preset: %s", s.input.View()) + st.Dim.Render("  ") +
		theme.KeysLine(keys, st.Dim, st.Dim) + st.Dim.Render(p.Sprintf(" · the password is never saved"))
	if s.err != "" {
		line += "\n " + st.Bad.Render("✗ "+s.err)
	}
	return line
}
