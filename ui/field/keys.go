package field

import (
	"github.com/cocvm/cocvm/ui/theme"

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
	Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "")),
	Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "")),
	PageUp:      key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "")),
	PageDown:    key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "")),
	Home:        key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "")),
	End:         key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "")),
	Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "")),
	ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "")),
	Toggle:      key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "")),
	Choose1:     key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "")),
	Restore:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "")),
	Choose:      key.NewBinding(key.WithKeys("left", "h", "right", "l", " "), key.WithHelp("←/→", "")),
	Prev:        key.NewBinding(key.WithKeys("left", "h")),
	Next:        key.NewBinding(key.WithKeys("right", "l", " ")),
	Retry:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "")),
	ByHand:      key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "")),
	Enter:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "")),
	Use:         key.NewBinding(key.WithKeys("enter", "tab")),
	Scroll:      key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown")),
	DiskType:    key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "")),
	Remove:      key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "")),
	Leave:       key.NewBinding(key.WithKeys("enter", "tab", "shift+tab", "up", "down", "esc", "ctrl+c", "pgup", "pgdown")),
}

// KeysIn is Keys with the help words in p's language, for the footer and
// the ? screen.
func KeysIn(p *message.Printer) KeyMap {
	k := Keys
	k.Up = theme.Said(k.Up, p.Sprintf("up"))
	k.Down = theme.Said(k.Down, p.Sprintf("down"))
	k.PageUp = theme.Said(k.PageUp, p.Sprintf("page up"))
	k.PageDown = theme.Said(k.PageDown, p.Sprintf("page down"))
	k.Home = theme.Said(k.Home, p.Sprintf("first"))
	k.End = theme.Said(k.End, p.Sprintf("last"))
	k.Filter = theme.Said(k.Filter, p.Sprintf("filter"))
	k.ClearFilter = theme.Said(k.ClearFilter, p.Sprintf("clear the filter"))
	k.Toggle = theme.Said(k.Toggle, p.Sprintf("toggle"))
	k.Choose1 = theme.Said(k.Choose1, p.Sprintf("choose the row"))
	k.Restore = theme.Said(k.Restore, p.Sprintf("back to the choice"))
	k.Choose = theme.Said(k.Choose, p.Sprintf("choose"))
	k.Retry = theme.Said(k.Retry, p.Sprintf("retry a failed look-up"))
	k.ByHand = theme.Said(k.ByHand, p.Sprintf("type an id by hand"))
	k.Enter = theme.Said(k.Enter, p.Sprintf("choose, go on"))
	k.DiskType = theme.Said(k.DiskType, p.Sprintf("disk type"))
	k.Remove = theme.Said(k.Remove, p.Sprintf("remove disk"))
	return k
}
