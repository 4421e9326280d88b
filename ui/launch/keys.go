package launch

import (
	"github.com/charmbracelet/bubbles/key"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
)

// Each page of the wizard has its own key map: the bindings its Update
// matches keys against are the ones its footer and ? screen show, their
// help words said in the page's language (formKeysIn, reviewKeysIn,
// pickerKeysIn).

// printerOr is p, or the English printer when there is none.
func printerOr(p *message.Printer) *message.Printer {
	if p == nil {
		return locale.Printer(locale.English)
	}
	return p
}

// formKeyMap is every key the form steps answer to, besides the fields'
// own (field.Keys).
type formKeyMap struct {
	Next      key.Binding // the next field, or the next step from the last
	ToReview  key.Binding // Next on the last field of a step opened from the review
	Review    key.Binding // straight to the review, when nothing blocks it
	Back      key.Binding // the previous field, or the previous step from the first
	Down, Up  key.Binding // the next or previous field
	PrevStep  key.Binding
	AddDisk   key.Binding
	Help      key.Binding
	CloseHelp key.Binding
	Quit      key.Binding
}

var formKeys = formKeyMap{
	Next:      key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", "")),
	ToReview:  key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", "")),
	Review:    key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "")),
	Back:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "")),
	Down:      key.NewBinding(key.WithKeys("down"), key.WithHelp("↑/↓", "")),
	Up:        key.NewBinding(key.WithKeys("up")),
	PrevStep:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "")),
	AddDisk:   key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "")),
	Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "")),
	CloseHelp: key.NewBinding(key.WithKeys("?", "esc")),
	Quit:      theme.Quit,
}

// formKeysIn is formKeys with the help words in p's language.
func formKeysIn(p *message.Printer) formKeyMap {
	p = printerOr(p)
	k := formKeys
	k.Next = theme.Said(k.Next, p.Sprintf("next"))
	k.ToReview = theme.Said(k.ToReview, p.Sprintf("back to the review"))
	k.Review = theme.Said(k.Review, p.Sprintf("review"))
	k.Back = theme.Said(k.Back, p.Sprintf("back"))
	k.Down = theme.Said(k.Down, p.Sprintf("move"))
	k.PrevStep = theme.Said(k.PrevStep, p.Sprintf("previous step"))
	k.AddDisk = theme.Said(k.AddDisk, p.Sprintf("add a data disk"))
	k.Help = theme.Said(k.Help, p.Sprintf("all keys"))
	k.Quit = theme.Said(k.Quit, p.Sprintf("quit"))
	return k
}

// formHelp is the help of a form step: its short form in the footer, and
// with ? every key the step and its fields answer to.
type formHelp struct {
	p     *message.Printer // the page's language
	step  *field.Step
	disks bool // the disks step: + adds a data disk
	// toReview: the step was opened from the review, so Enter on its last
	// field goes back there.
	toReview bool
	// reviewed: the review was shown once; ctrl+r is in the footer (before
	// that it is on the ? screen, the footer being full at 80 columns).
	reviewed bool
}

// next is what Enter does here.
func (h formHelp) next(k formKeyMap) key.Binding {
	if h.toReview && h.step.AtLast() {
		return k.ToReview
	}
	return k.Next
}

func (h formHelp) ShortHelp() []key.Binding {
	k, fk := formKeysIn(h.p), field.KeysIn(printerOr(h.p))
	b := []key.Binding{h.next(k)}
	switch {
	case h.toReview && h.step.AtLast():
		b = append(b, k.Back)
		if h.step.HasList() {
			b = append(b, fk.Filter)
		}
	case h.reviewed || h.toReview:
		// the lists' titles say / filters when they are long
		b = append(b, k.Review, k.Back)
	default:
		b = append(b, k.Back)
		if h.step.HasList() {
			b = append(b, fk.Filter)
		}
	}
	return append(b, k.Help, k.Quit)
}

func (h formHelp) FullHelp() [][]key.Binding {
	k := formKeysIn(h.p)
	page := []key.Binding{h.next(k), k.Review, k.Back, k.Down, k.PrevStep}
	if h.disks {
		page = append(page, k.AddDisk)
	}
	fields := h.step.Bindings(field.KeysIn(printerOr(h.p)))
	cols := [][]key.Binding{page}
	for len(fields) > 4 {
		cols, fields = append(cols, fields[:4]), fields[4:]
	}
	if len(fields) > 0 {
		cols = append(cols, fields)
	}
	return append(cols, []key.Binding{k.Help, k.Quit})
}

// reviewKeyMap is every key the review answers to.
type reviewKeyMap struct {
	Create   key.Binding
	Retry    key.Binding // Create after an unknown outcome: the same request again, same clientToken
	Confirm  key.Binding // y: the answer to "Create …?"
	All      key.Binding // a: all anyway, offered as many as fit the quota left (the API has the last word)
	Cancel   key.Binding // n: not now
	Copy     key.Binding // the command line of the choices to the clipboard
	Reveal   key.Binding
	Edit     key.Binding // the step that fixes the problem
	Jump     key.Binding
	Save     key.Binding
	Back     key.Binding
	Up, Down key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
	Quit     key.Binding
}

var reviewKeys = reviewKeyMap{
	Create:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "")),
	Retry:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "")),
	Confirm:  key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "")),
	All:      key.NewBinding(key.WithKeys("a", "A"), key.WithHelp("a", "")),
	Cancel:   key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "")),
	Copy:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "")),
	Reveal:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "")),
	Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "")),
	Jump:     key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7"), key.WithHelp("1-7", "")),
	Save:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "")),
	Back:     key.NewBinding(key.WithKeys("esc", "shift+tab"), key.WithHelp("esc", "")),
	Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "")),
	Down:     key.NewBinding(key.WithKeys("down", "j")),
	PageUp:   key.NewBinding(key.WithKeys("pgup")),
	PageDown: key.NewBinding(key.WithKeys("pgdown", " ")),
	Home:     key.NewBinding(key.WithKeys("home", "g")),
	End:      key.NewBinding(key.WithKeys("end", "G")),
	Quit:     theme.Quit,
}

// reviewKeysIn is reviewKeys with the help words in p's language.
func reviewKeysIn(p *message.Printer) reviewKeyMap {
	p = printerOr(p)
	k := reviewKeys
	k.Create = theme.Said(k.Create, p.Sprintf("create"))
	k.Retry = theme.Said(k.Retry, p.Sprintf("retry (same clientToken)"))
	k.Confirm = theme.Said(k.Confirm, p.Sprintf("create"))
	k.Cancel = theme.Said(k.Cancel, p.Sprintf("go back"))
	k.Copy = theme.Said(k.Copy, p.Sprintf("copy command"))
	k.Reveal = theme.Said(k.Reveal, p.Sprintf("show password"))
	k.Edit = theme.Said(k.Edit, p.Sprintf("fix the problem"))
	k.Jump = theme.Said(k.Jump, p.Sprintf("edit a step"))
	k.Save = theme.Said(k.Save, p.Sprintf("save preset"))
	k.Back = theme.Said(k.Back, p.Sprintf("back"))
	k.Up = theme.Said(k.Up, p.Sprintf("scroll"))
	k.Quit = theme.Said(k.Quit, p.Sprintf("quit"))
	return k
}

// reviewHelp is the footer of the review: its key map, with Enter saying
// it retries after an unknown outcome, and c copying the command.
type reviewHelp struct {
	p        *message.Printer // the page's language (nil: English)
	password bool             // p shows it
	save     bool             // presets can be saved
	problem  bool             // e opens the step that fixes it
	narrow   bool             // the header shows no step numbers: the footer leaves 1-7 to ?
	retry    bool             // enter sends again a request whose outcome is unknown
}

func (h reviewHelp) ShortHelp() []key.Binding {
	k := reviewKeysIn(h.p)
	b := []key.Binding{k.Create}
	if h.retry {
		b[0] = k.Retry
	}
	if h.problem {
		b = append(b, k.Edit)
	}
	if h.password {
		b = append(b, k.Reveal)
	}
	if !h.narrow {
		b = append(b, k.Jump)
	}
	if h.save {
		b = append(b, k.Save)
	}
	// c copies the command, before the quit key.
	return append(b, k.Copy, k.Quit)
}

func (h reviewHelp) FullHelp() [][]key.Binding {
	h.narrow = false
	return [][]key.Binding{h.ShortHelp()}
}

// pickerKeyMap is every key the preset picker answers to.
type pickerKeyMap struct {
	Up, Down key.Binding
	Start    key.Binding
	Quit     key.Binding
}

var pickerKeys = pickerKeyMap{
	Up:    key.NewBinding(key.WithKeys("up", "k", "shift+tab"), key.WithHelp("↑/↓", "")),
	Down:  key.NewBinding(key.WithKeys("down", "j", "tab")),
	Start: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "")),
	Quit:  theme.Quit,
}

// pickerKeysIn is pickerKeys with the help words in p's language.
func pickerKeysIn(p *message.Printer) pickerKeyMap {
	p = printerOr(p)
	k := pickerKeys
	k.Up = theme.Said(k.Up, p.Sprintf("move"))
	k.Start = theme.Said(k.Start, p.Sprintf("start"))
	k.Quit = theme.Said(k.Quit, p.Sprintf("quit"))
	return k
}
