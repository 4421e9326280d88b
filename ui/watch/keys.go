package watch

import "github.com/charmbracelet/bubbles/key"

// KeyMap is every key the panel answers to; the keys line under the rows is
// built from the ones that apply.
type KeyMap struct {
	Retry    key.Binding
	Save     key.Binding
	Quit     key.Binding // once settled
	Stop     key.Binding // while instances are still coming up
	Up, Down key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
}

// Keys is the panel's key map.
var Keys = KeyMap{
	Retry:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "")),
	Save:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "")),
	Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "")),
	Stop:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "")),
	Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "")),
	Down:     key.NewBinding(key.WithKeys("down", "j")),
	PageUp:   key.NewBinding(key.WithKeys("pgup", "b")),
	PageDown: key.NewBinding(key.WithKeys("pgdown", "f", " ")),
	Home:     key.NewBinding(key.WithKeys("home", "g")),
	End:      key.NewBinding(key.WithKeys("end", "G")),
}
