package field

import (
	"github.com/charmbracelet/bubbles/key"
	"golang.org/x/text/message"
)

// KeyMap is every key a field answers to.
type KeyMap struct {
	Up, Down         key.Binding // the list's cursor
	PageUp, PageDown key.Binding
	Home, End        key.Binding
	Filter           key.Binding // start filtering a list
	ClearFilter      key.Binding // esc: stop filtering, or clear the filter
	Toggle           key.Binding // choose (multi: pick or unpick) the row under the cursor
	Choose1          key.Binding // Toggle as a single choice's help says it
	Restore          key.Binding // esc on a single choice: the cursor back on what is chosen
	Choose           key.Binding // a choice's previous or next option
	Prev, Next       key.Binding // the same, one direction each
	Retry            key.Binding // look up a failed list again
	ByHand           key.Binding // type an id when a list failed or is empty
	Enter            key.Binding // choose the filtered row; use the id typed
	Use              key.Binding // use the id typed (tab moves on too)
	Scroll           key.Binding // the arrows that still move the cursor while filtering
	DiskType         key.Binding // a data disk's type
	Remove           key.Binding // a data disk
	// Leave are the keys a text field never takes: they move focus and
	// steps, or quit.
	Leave key.Binding
}

// Keys is the key map every field matches keys against; its help words
// are English (KeysIn says them in a page's language).
var Keys = KeyMap{
	Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
	Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
	PageUp:      key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
	PageDown:    key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
	Home:        key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
	End:         key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
	Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
	ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear the filter")),
	Toggle:      key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "toggle")),
	Choose1:     key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "choose the row")),
	Restore:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the choice")),
	Choose:      key.NewBinding(key.WithKeys("left", "h", "right", "l", " "), key.WithHelp("←/→", "choose")),
	Prev:        key.NewBinding(key.WithKeys("left", "h")),
	Next:        key.NewBinding(key.WithKeys("right", "l", " ")),
	Retry:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry a failed look-up")),
	ByHand:      key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "type an id by hand")),
	Enter:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose, go on")),
	Use:         key.NewBinding(key.WithKeys("enter", "tab")),
	Scroll:      key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown")),
	DiskType:    key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "disk type")),
	Remove:      key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "remove disk")),
	Leave:       key.NewBinding(key.WithKeys("enter", "tab", "shift+tab", "up", "down", "esc", "ctrl+c", "pgup", "pgdown")),
}

// KeysIn is Keys with the help words in p's language, for the footer and
// the ? screen.
func KeysIn(p *message.Printer) KeyMap {
	k := Keys
	k.Up.SetHelp("↑/k", p.Sprintf("up"))
	k.Down.SetHelp("↓/j", p.Sprintf("down"))
	k.PageUp.SetHelp("pgup", p.Sprintf("page up"))
	k.PageDown.SetHelp("pgdn", p.Sprintf("page down"))
	k.Home.SetHelp("g/home", p.Sprintf("first"))
	k.End.SetHelp("G/end", p.Sprintf("last"))
	k.Filter.SetHelp("/", p.Sprintf("filter"))
	k.ClearFilter.SetHelp("esc", p.Sprintf("clear the filter"))
	k.Toggle.SetHelp("space", p.Sprintf("toggle"))
	k.Choose1.SetHelp("space", p.Sprintf("choose the row"))
	k.Restore.SetHelp("esc", p.Sprintf("back to the choice"))
	k.Choose.SetHelp("←/→", p.Sprintf("choose"))
	k.Retry.SetHelp("r", p.Sprintf("retry a failed look-up"))
	k.ByHand.SetHelp("i", p.Sprintf("type an id by hand"))
	k.Enter.SetHelp("enter", p.Sprintf("choose, go on"))
	k.DiskType.SetHelp("←/→", p.Sprintf("disk type"))
	k.Remove.SetHelp("ctrl+d", p.Sprintf("remove disk"))
	return k
}
