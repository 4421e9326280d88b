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
	Next:      key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", "next")),
	ToReview:  key.NewBinding(key.WithKeys("enter", "tab"), key.WithHelp("enter", "back to the review")),
	Review:    key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "review")),
	Back:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")),
	Down:      key.NewBinding(key.WithKeys("down"), key.WithHelp("↑/↓", "move")),
	Up:        key.NewBinding(key.WithKeys("up")),
	PrevStep:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "previous step")),
	AddDisk:   key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "add a data disk")),
	Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
	CloseHelp: key.NewBinding(key.WithKeys("?", "esc")),
	Quit:      theme.Quit,
}

// formKeysIn is formKeys with the help words in p's language.
func formKeysIn(p *message.Printer) formKeyMap {
	p = printerOr(p)
	k := formKeys
	k.Next.SetHelp("enter", p.Sprintf("next"))
	k.ToReview.SetHelp("enter", p.Sprintf("back to the review"))
	k.Review.SetHelp("ctrl+r", p.Sprintf("review"))
	k.Back.SetHelp("shift+tab", p.Sprintf("back"))
	k.Down.SetHelp("↑/↓", p.Sprintf("move"))
	k.PrevStep.SetHelp("esc", p.Sprintf("previous step"))
	k.AddDisk.SetHelp("+", p.Sprintf("add a data disk"))
	k.Help.SetHelp("?", p.Sprintf("all keys"))
	k.Quit.SetHelp("ctrl+c", p.Sprintf("quit"))
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
	Confirm  key.Binding // y: the answer to "Create …?"
	Cancel   key.Binding // n: not now
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
	Create:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "create")),
	Confirm:  key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "create")),
	Cancel:   key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "go back")),
	Reveal:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "show password")),
	Edit:     key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "fix the problem")),
	Jump:     key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7"), key.WithHelp("1-7", "edit a step")),
	Save:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save preset")),
	Back:     key.NewBinding(key.WithKeys("esc", "shift+tab"), key.WithHelp("esc", "back")),
	Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "scroll")),
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
	k.Create.SetHelp("enter", p.Sprintf("create"))
	k.Confirm.SetHelp("y", p.Sprintf("create"))
	k.Cancel.SetHelp("n", p.Sprintf("go back"))
	k.Reveal.SetHelp("p", p.Sprintf("show password"))
	k.Edit.SetHelp("e", p.Sprintf("fix the problem"))
	k.Jump.SetHelp("1-7", p.Sprintf("edit a step"))
	k.Save.SetHelp("s", p.Sprintf("save preset"))
	k.Back.SetHelp("esc", p.Sprintf("back"))
	k.Up.SetHelp("↑/↓", p.Sprintf("scroll"))
	k.Quit.SetHelp("ctrl+c", p.Sprintf("quit"))
	return k
}

// reviewHelp is the footer of the review.
type reviewHelp struct {
	p        *message.Printer // the page's language (nil: English)
	password bool             // p shows it
	save     bool             // presets can be saved
	problem  bool             // e opens the step that fixes it
	narrow   bool             // the header shows no step numbers: the footer leaves 1-7 to ?
}

func (h reviewHelp) ShortHelp() []key.Binding {
	k := reviewKeysIn(h.p)
	b := []key.Binding{k.Create}
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
	return append(b, k.Quit)
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
	Up:    key.NewBinding(key.WithKeys("up", "k", "shift+tab"), key.WithHelp("↑/↓", "move")),
	Down:  key.NewBinding(key.WithKeys("down", "j", "tab")),
	Start: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start")),
	Quit:  theme.Quit,
}

// pickerKeysIn is pickerKeys with the help words in p's language.
func pickerKeysIn(p *message.Printer) pickerKeyMap {
	p = printerOr(p)
	k := pickerKeys
	k.Up.SetHelp("↑/↓", p.Sprintf("move"))
	k.Start.SetHelp("enter", p.Sprintf("start"))
	k.Quit.SetHelp("ctrl+c", p.Sprintf("quit"))
	return k
}
