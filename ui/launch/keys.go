package launch

import keys "github.com/charmbracelet/bubbles/key"

// keyMap is every key the wizard answers to, for the footer and the ? screen.
type keyMap struct {
	Next     keys.Binding
	Back     keys.Binding
	Move     keys.Binding
	Choose   keys.Binding
	Toggle   keys.Binding
	Filter   keys.Binding
	Retry    keys.Binding
	ByHand   keys.Binding
	Help     keys.Binding
	Quit     keys.Binding
	Create   keys.Binding
	Reveal   keys.Binding
	Jump     keys.Binding
	Save     keys.Binding
	Scroll   keys.Binding
	Remove   keys.Binding
	Confirm  keys.Binding
	Cancel   keys.Binding
	EditStep keys.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Next:     keys.NewBinding(keys.WithKeys("enter", "tab"), keys.WithHelp("enter", "next")),
		Back:     keys.NewBinding(keys.WithKeys("shift+tab", "esc"), keys.WithHelp("shift+tab", "back")),
		Move:     keys.NewBinding(keys.WithKeys("up", "down"), keys.WithHelp("↑/↓", "move")),
		Choose:   keys.NewBinding(keys.WithKeys("left", "right"), keys.WithHelp("←/→", "choose")),
		Toggle:   keys.NewBinding(keys.WithKeys(" "), keys.WithHelp("space", "toggle")),
		Filter:   keys.NewBinding(keys.WithKeys("/"), keys.WithHelp("/", "filter")),
		Retry:    keys.NewBinding(keys.WithKeys("r"), keys.WithHelp("r", "retry a failed look-up")),
		ByHand:   keys.NewBinding(keys.WithKeys("i"), keys.WithHelp("i", "type an id by hand")),
		Help:     keys.NewBinding(keys.WithKeys("?"), keys.WithHelp("?", "all keys")),
		Quit:     keys.NewBinding(keys.WithKeys("ctrl+c"), keys.WithHelp("ctrl+c", "quit")),
		Create:   keys.NewBinding(keys.WithKeys("enter"), keys.WithHelp("enter", "create")),
		Reveal:   keys.NewBinding(keys.WithKeys("p"), keys.WithHelp("p", "show password")),
		Jump:     keys.NewBinding(keys.WithKeys("1", "2", "3", "4", "5", "6", "7"), keys.WithHelp("1-7", "edit a step")),
		Save:     keys.NewBinding(keys.WithKeys("s"), keys.WithHelp("s", "save preset")),
		Scroll:   keys.NewBinding(keys.WithKeys("up", "down", "pgup", "pgdown"), keys.WithHelp("↑/↓", "scroll")),
		Remove:   keys.NewBinding(keys.WithKeys("ctrl+d"), keys.WithHelp("ctrl+d", "remove disk")),
		Confirm:  keys.NewBinding(keys.WithKeys("y"), keys.WithHelp("y", "create")),
		Cancel:   keys.NewBinding(keys.WithKeys("n", "esc"), keys.WithHelp("n", "go back")),
		EditStep: keys.NewBinding(keys.WithKeys("e"), keys.WithHelp("e", "fix the problem")),
	}
}

// formHelp is the help for the form steps.
type formHelp struct {
	k      keyMap
	filter bool
}

func (h formHelp) ShortHelp() []keys.Binding {
	b := []keys.Binding{h.k.Next, h.k.Back}
	if h.filter {
		b = append(b, h.k.Filter)
	}
	return append(b, h.k.Help, h.k.Quit)
}

func (h formHelp) FullHelp() [][]keys.Binding {
	return [][]keys.Binding{
		{h.k.Next, h.k.Back, h.k.Move, h.k.Choose},
		{h.k.Toggle, h.k.Filter, h.k.Retry, h.k.ByHand},
		{h.k.Remove, h.k.Help, h.k.Quit},
	}
}

// reviewHelp is the help for the review screen.
type reviewHelp struct {
	k        keyMap
	password bool
	save     bool
	problem  bool
}

func (h reviewHelp) ShortHelp() []keys.Binding {
	b := []keys.Binding{h.k.Create}
	if h.problem {
		b = append(b, h.k.EditStep)
	}
	if h.password {
		b = append(b, h.k.Reveal)
	}
	b = append(b, h.k.Jump)
	if h.save {
		b = append(b, h.k.Save)
	}
	return append(b, h.k.Quit)
}

func (h reviewHelp) FullHelp() [][]keys.Binding { return [][]keys.Binding{h.ShortHelp()} }
