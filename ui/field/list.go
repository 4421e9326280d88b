package field

import (
	"github.com/cocvm/cocvm/ui/locale"

	"cmp"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/ui/theme"
)

// List is a table of choices loaded from the API: a cursor, dimmed rows
// that cannot be chosen (with the reason), an optional filter, a spinner
// while loading, and, when the look-up fails, a retry key and an input to
// type an id by hand, so a failed look-up never blocks anyone. In a
// single choice the cursor only browses: Enter or space chooses the row
// under it, esc (or leaving the list) goes back to what is chosen.
type List struct {
	Label string
	// Columns lay the rows out; columns that may shrink (Min) give up
	// width so a narrow terminal still shows why a row is dimmed or flagged.
	Columns []theme.Column
	Multi   bool
	// Selected is the chosen id (single choice); Picked the chosen ids in
	// the order chosen (Multi).
	Selected string
	Picked   []string
	MaxRows  int // rows shown at once
	// ExtraRows are rows shown besides MaxRows: the page gives the room
	// its screen has left.
	ExtraRows int

	Retry    func() tea.Cmd // asks again after a failed look-up; nil: no retry key
	Spinner  func() string  // the spinner's frame while loading
	Hidden   func() bool
	OnChange func(id string)
	// OnToggle, on a single-choice list, is offered the toggle key (space)
	// on a row that can be chosen, to take it as one more choice (the
	// zone list: several zones); it reports whether it did. Without it, or
	// when it did not, space chooses the row.
	OnToggle func(id string) bool
	// Noun is what the list holds, plural, for "looking up …", and Empty
	// what to say when there are no rows: in the page's language.
	Noun  string
	Empty string
	// Note is a line under the rows once they are in: what the look-up
	// could not read, say.
	Note string
	// RowsKey is what the rows were built from, for the caller to build
	// them again only when that changes.
	RowsKey string

	rows     []Row
	state    State
	loadErr  string
	cursor   int   // index into shown
	shown    []int // indexes of rows passing the filter
	offset   int
	filter   textinput.Model
	filterOn bool
	manual   textinput.Model
	typing   bool
	// noteID and noteWhy are the row that could not be chosen and why,
	// said under the rows.
	noteID, noteWhy string
	// browsing: on a single choice, the cursor was moved (or the rows
	// filtered) since the last choice; Enter or space chooses, esc goes
	// back to the choice, and the cursor stays put when the rows are set
	// again.
	browsing bool
	// widest is the widest cell of each column over every row, so columns
	// take the room they need when there is some; reserve is the room kept
	// after the cells for a dimmed or flagged row's reason. Both are
	// measured once, when the rows are set.
	widest  []int
	reserve int
}

// Row is one choice of a List.
type Row struct {
	ID       string
	Cells    []string
	Disabled string // why the row cannot be chosen; "" when it can
	Flag     string // a warning shown on the row; the row stays choosable
	Search   string // lower-case text the filter matches against
	Detail   string // one line shown under the table when the row is under the cursor
	// ReasonShown says a column already says why the row is dimmed, so the
	// reason is not repeated after the row.
	ReasonShown bool
}

// State is where a List's look-up is.
type State int

// The states of a look-up.
const (
	Idle State = iota
	Busy
	Done
	Failed
)

// NewList returns an empty list, waiting for its rows.
func NewList(label string, cols []theme.Column) *List {
	f := &List{Label: label, Columns: cols, MaxRows: 8}
	f.filter = textinput.New()
	f.filter.Prompt = "/"
	f.filter.Cursor.SetMode(cursor.CursorStatic)
	f.manual = textinput.New()
	f.manual.Prompt = ""
	f.manual.Cursor.SetMode(cursor.CursorStatic)
	f.manual.Width = 30
	return f
}

// Skip reports whether the list is hidden.
func (f *List) Skip() bool { return f.Hidden != nil && f.Hidden() }

// SetFocus forgets the note, and on blur stops filtering and typing, and
// puts the cursor of a single choice back on what is chosen (leaving
// without Enter or space chooses nothing).
func (f *List) SetFocus(on bool) tea.Cmd {
	f.clearNote()
	if !on {
		f.filterOn = false
		f.filter.Blur()
		f.typing = false
		f.manual.Blur()
		f.browsing = false
		f.MoveToSelected()
	}
	return nil
}

// Bindings are the keys a list answers to.
func (f *List) Bindings(k KeyMap) []key.Binding {
	if f.Multi {
		return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End,
			k.Filter, k.Toggle, k.Retry, k.ByHand}
	}
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End,
		k.Filter, k.Choose1, k.Enter, k.Restore, k.Retry, k.ByHand}
}

func (f *List) clearNote() { f.noteID, f.noteWhy = "", "" }

// State is where the list's look-up is.
func (f *List) State() State { return f.state }

// Loading reports whether the list still waits for the API (a problem with
// it is not marked until there is something to choose from).
func (f *List) Loading() bool { return f.state == Idle || f.state == Busy }

// Rows are the list's rows, filtered or not.
func (f *List) Rows() []Row { return f.rows }

// OutOfView is how many rows that pass the filter are out of view (MaxRows
// and ExtraRows at a time).
func (f *List) OutOfView() int {
	if f.state != Done {
		return 0
	}
	return max(0, len(f.shown)-f.MaxRows-f.ExtraRows)
}

// Shown is how many rows pass the filter.
func (f *List) Shown() int { return len(f.shown) }

// SetRows replaces the rows, keeping the selection and putting the cursor on
// it; a multi-select, or a single choice the person is moving through,
// keeps the cursor on the row it was on (a pick or a late look-up must not
// send it elsewhere).
func (f *List) SetRows(rows []Row) {
	at := ""
	if r := f.Current(); (f.Multi || f.browsing) && r != nil {
		at = r.ID
	}
	f.rows = rows
	f.widest = f.widest[:0]
	f.reserve = 0
	for _, r := range rows {
		for i, c := range r.Cells {
			if i >= len(f.widest) {
				f.widest = append(f.widest, 0)
			}
			f.widest[i] = max(f.widest[i], theme.CellWidth(c))
		}
		if n := ansi.StringWidth(r.Disabled) + ansi.StringWidth(r.Flag); n > 0 {
			f.reserve = max(f.reserve, min(n+11, 26))
		}
	}
	f.state = Done
	f.loadErr = ""
	f.applyFilter()
	f.MoveToSelected()
	f.moveTo(at)
}

// SetLoading shows the spinner.
func (f *List) SetLoading() { f.state = Busy; f.loadErr = "" }

// SetFailed says the look-up failed with msg (a summary, then a line of
// detail), and offers the retry and the id typed by hand.
func (f *List) SetFailed(msg string) {
	f.state = Failed
	f.loadErr = msg
	f.rows = nil
	f.applyFilter()
}

// FirstChoosable is the id of the first row that can be chosen, or "".
func (f *List) FirstChoosable() string {
	for _, r := range f.rows {
		if r.Disabled == "" {
			return r.ID
		}
	}
	return ""
}

func (f *List) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(f.filter.Value()))
	f.shown = f.shown[:0]
	for i, r := range f.rows {
		if q == "" || strings.Contains(r.Search, q) {
			f.shown = append(f.shown, i)
		}
	}
	if f.cursor >= len(f.shown) {
		f.cursor = max(0, len(f.shown)-1)
	}
}

// clearFilter shows every row again: a multi-select keeps the cursor on
// the row it was on (space there picked it), a single choice puts it back
// on the selection.
func (f *List) clearFilter() {
	at := ""
	if r := f.Current(); f.Multi && r != nil {
		at = r.ID
	}
	f.filter.SetValue("")
	f.applyFilter()
	f.browsing = false
	f.MoveToSelected()
	f.moveTo(at)
}

// moveTo puts the cursor on the row id when it is shown.
func (f *List) moveTo(id string) {
	for vi, ri := range f.shown {
		if id != "" && f.rows[ri].ID == id {
			f.cursor = vi
			return
		}
	}
}

// MoveToSelected puts the cursor on the selection, unless the person is
// moving through a single choice (the cursor is theirs until they choose
// or press esc).
func (f *List) MoveToSelected() {
	if f.browsing {
		return
	}
	target := f.Selected
	if f.Multi && len(f.Picked) > 0 {
		target = f.Picked[0]
	}
	for vi, ri := range f.shown {
		if f.rows[ri].ID == target {
			f.cursor = vi
			return
		}
	}
}

// Current is the row under the cursor, or nil.
func (f *List) Current() *Row {
	if f.cursor < 0 || f.cursor >= len(f.shown) {
		return nil
	}
	return &f.rows[f.shown[f.cursor]]
}

func (f *List) isPicked(id string) bool {
	for _, p := range f.Picked {
		if p == id {
			return true
		}
	}
	return false
}

func (f *List) toggle(id string) {
	for i, p := range f.Picked {
		if p == id {
			f.Picked = append(f.Picked[:i:i], f.Picked[i+1:]...)
			return
		}
	}
	f.Picked = append(f.Picked, id)
}

// choose makes the row under the cursor the selection when it can be chosen.
func (f *List) choose() {
	r := f.Current()
	if r == nil {
		return
	}
	if r.Disabled != "" {
		f.noteID, f.noteWhy = r.ID, r.Disabled
		return
	}
	f.clearNote()
	f.browsing = false
	if f.Multi {
		f.toggle(r.ID)
		f.changed(r.ID)
		return
	}
	if r.ID != f.Selected {
		f.Selected = r.ID
		f.changed(r.ID)
	}
}

func (f *List) changed(id string) {
	if f.OnChange != nil {
		f.OnChange(id)
	}
}

// Update moves the cursor, filters and chooses; after a failed look-up it
// retries or takes an id typed by hand.
func (f *List) Update(msg tea.KeyMsg) (bool, tea.Cmd) {
	if f.state == Failed || (f.state == Done && len(f.rows) == 0) {
		return f.updateManual(msg)
	}
	if f.filterOn {
		if used, cmd, done := f.updateFilter(msg); done {
			return used, cmd
		}
	}
	switch {
	case key.Matches(msg, Keys.Up):
		f.moveCursor(-1)
	case key.Matches(msg, Keys.Down):
		f.moveCursor(1)
	case key.Matches(msg, Keys.PageUp):
		f.moveCursor(-f.MaxRows)
	case key.Matches(msg, Keys.PageDown):
		f.moveCursor(f.MaxRows)
	case key.Matches(msg, Keys.Home):
		f.moveCursor(-len(f.shown))
	case key.Matches(msg, Keys.End):
		f.moveCursor(len(f.shown))
	case key.Matches(msg, Keys.Filter):
		f.filterOn = true
		return true, f.filter.Focus()
	case key.Matches(msg, Keys.Toggle):
		if r := f.Current(); !f.Multi && f.OnToggle != nil && r != nil && r.Disabled == "" && f.OnToggle(r.ID) {
			f.clearNote()
			return true, nil
		}
		f.choose()
	case key.Matches(msg, Keys.Enter):
		// Enter chooses the row under the cursor and leaves the key to move on.
		if f.Multi {
			return false, nil
		}
		r := f.Current()
		if r != nil && r.Disabled != "" {
			f.choose() // sets the note explaining why
			return true, nil
		}
		if r != nil {
			f.choose()
		}
		return false, nil
	case key.Matches(msg, Keys.ClearFilter):
		if f.filter.Value() != "" {
			f.clearFilter()
			break
		}
		if !f.browsing || f.onSelected() {
			f.browsing = false
			return false, nil
		}
		// back to what is chosen
		f.browsing = false
		f.clearNote()
		f.MoveToSelected()
	default:
		return false, nil
	}
	return true, nil
}

// updateFilter types into the filter; done is false for the arrow keys,
// which move the cursor as usual.
func (f *List) updateFilter(msg tea.KeyMsg) (used bool, cmd tea.Cmd, done bool) {
	switch {
	case key.Matches(msg, Keys.ClearFilter):
		f.filterOn = false
		f.filter.Blur()
		f.clearFilter()
		return true, nil, true
	case key.Matches(msg, Keys.Enter):
		f.filterOn = false
		f.filter.Blur()
		if !f.Multi {
			f.choose()
		}
		return true, nil, true
	case key.Matches(msg, Keys.Scroll):
		return false, nil, false
	}
	f.filter, cmd = f.filter.Update(msg)
	f.applyFilter()
	f.cursor = 0
	f.browsing = !f.Multi
	return true, cmd, true
}

// onSelected reports whether the cursor is on the chosen row.
func (f *List) onSelected() bool {
	r := f.Current()
	return r != nil && r.ID == f.Selected
}

func (f *List) moveCursor(d int) {
	if len(f.shown) == 0 {
		return
	}
	f.cursor = max(0, min(len(f.shown)-1, f.cursor+d))
	f.clearNote()
	f.browsing = !f.Multi
}

func (f *List) updateManual(msg tea.KeyMsg) (bool, tea.Cmd) {
	if !f.typing {
		switch {
		case key.Matches(msg, Keys.Retry) && f.Retry != nil:
			return true, f.Retry()
		case key.Matches(msg, Keys.ByHand):
			f.typing = true
			f.manual.SetValue(f.Selected)
			return true, f.manual.Focus()
		}
		return false, nil
	}
	switch {
	case key.Matches(msg, Keys.Use):
		f.typing = false
		f.manual.Blur()
		f.useTyped(strings.TrimSpace(f.manual.Value()))
		// Tab uses the id and moves on; Enter only uses it.
		return key.Matches(msg, Keys.Enter), nil
	case key.Matches(msg, Keys.ClearFilter):
		f.typing = false
		f.manual.Blur()
		return true, nil
	}
	var cmd tea.Cmd
	f.manual, cmd = f.manual.Update(msg)
	return true, cmd
}

func (f *List) useTyped(v string) {
	switch {
	case v == "":
	case !f.Multi && v != f.Selected:
		f.Selected = v
		f.changed(v)
	case f.Multi && !f.isPicked(v):
		f.Picked = append(f.Picked, v)
		f.changed(v)
	}
}

// View is the title line, then the table, the spinner, or the failure and
// the way around it.
func (f *List) View(st *theme.Styles, width int, focused bool) string {
	var b strings.Builder
	b.WriteString(f.titleView(st, focused))
	switch {
	case f.state == Idle || f.state == Busy:
		b.WriteString(f.loadingView(st))
	case f.state == Failed:
		b.WriteString(f.failedView(st, width))
	case len(f.rows) == 0:
		b.WriteString("    " + st.Warn.Render(cmp.Or(f.Empty, st.P.Sprintf("nothing to choose from"))) + "\n")
		b.WriteString(f.manualView(st))
	default:
		f.tableView(&b, st, width, focused)
	}
	out := strings.TrimRight(b.String(), "\n")
	if f.Note != "" && f.state == Done {
		out += "\n    " + st.Warn.Render(theme.Truncate(f.Note, width-4))
	}
	return out
}

func (f *List) titleView(st *theme.Styles, focused bool) string {
	title := st.Label.Render(f.Label)
	if focused {
		title = st.Selected.Render(f.Label)
	}
	s := Marker(st, focused) + title
	if f.filterOn || f.filter.Value() != "" {
		s += "  " + f.filter.View()
		s += st.Dim.Render("  " + st.P.Sprintf("%d matches", len(f.shown)))
	} else if focused && f.state == Done && len(f.rows) > f.MaxRows {
		s += st.Dim.Render("  " + helpText(KeysIn(st.P).Filter))
	}
	return s + "\n"
}

func (f *List) loadingView(st *theme.Styles) string {
	spin := "…"
	if f.Spinner != nil {
		spin = f.Spinner()
	}
	s := "    " + spin + " " + st.Subtle.Render(st.P.Sprintf("looking up %s…", cmp.Or(f.Noun, strings.ToLower(f.Label))))
	if f.Selected != "" {
		s += st.Dim.Render("  " + st.P.Sprintf("(chosen: %s)", f.Selected))
	}
	return s
}

func (f *List) failedView(st *theme.Styles, width int) string {
	summary, detail, _ := strings.Cut(f.loadErr, "\n")
	lead := st.P.Sprintf("✗ could not load: ")
	s := "    " + st.Bad.Render(lead) + theme.Truncate(summary, width-4-ansi.StringWidth(lead)) + "\n"
	if detail != "" {
		s += "      " + st.Subtle.Render(theme.Truncate(detail, width-6)) + "\n"
	}
	return s + f.manualView(st)
}

// tableView writes the header, the rows in view, where the view is, and the
// note or the detail of the row under the cursor.
func (f *List) tableView(b *strings.Builder, st *theme.Styles, width int, focused bool) {
	// The header sits over the cells: past the cursor and the mark. The
	// columns are laid out once a frame, for the header and every row.
	widths := f.widths(width - 6)
	b.WriteString("      " + st.Header.Render(theme.Row(f.Columns, widths, theme.Titles(f.Columns), width-6)) + "\n")
	visible := f.MaxRows + max(0, f.ExtraRows)
	f.scrollToCursor(visible)
	end := min(len(f.shown), f.offset+visible)
	for vi := f.offset; vi < end; vi++ {
		b.WriteString(f.rowView(st, f.rows[f.shown[vi]], widths, width-6, vi == f.cursor && focused) + "\n")
	}
	if len(f.shown) > visible {
		b.WriteString(st.Dim.Render("    " + scrollNote(st, f.offset, end, len(f.shown))))
		b.WriteString("\n")
	} else if len(f.shown) == 0 {
		b.WriteString(st.Dim.Render("    "+st.P.Sprintf("no match for \"%s\" · %s clears the filter", f.filter.Value(), Keys.ClearFilter.Help().Key)) + "\n")
	}
	if f.Multi {
		b.WriteString("    " + st.Subtle.Render(theme.Truncate(f.pickedSummary(st), width-4)) + "\n")
	}
	if f.noteID != "" {
		b.WriteString("    " + st.Bad.Render(st.P.Sprintf("✗ %s cannot be chosen: %s", f.noteID, f.noteWhy)) + "\n")
	} else if r := f.Current(); r != nil && focused && r.Detail != "" {
		b.WriteString("    " + st.Subtle.Render(theme.Truncate(r.Detail, width-4)) + "\n")
	}
}

// pickedSummary says what a multi-select holds, by name (the first cell),
// in the order picked: "2 selected: default, ssh-only".
func (f *List) pickedSummary(st *theme.Styles) string {
	if len(f.Picked) == 0 {
		return st.P.Sprintf("none selected")
	}
	names := make([]string, 0, len(f.Picked))
	for _, id := range f.Picked {
		name := id
		for _, r := range f.rows {
			if r.ID == id && len(r.Cells) > 0 && r.Cells[0] != "" {
				name = r.Cells[0]
				break
			}
		}
		names = append(names, name)
	}
	return st.P.Sprintf("%s selected: %s", strconv.Itoa(len(f.Picked)), locale.List(st.P, names))
}

func (f *List) scrollToCursor(visible int) {
	if f.cursor < f.offset {
		f.offset = f.cursor
	}
	if f.cursor >= f.offset+visible {
		f.offset = f.cursor - visible + 1
	}
	if f.offset > max(0, len(f.shown)-visible) {
		f.offset = max(0, len(f.shown)-visible)
	}
}

// rowView is one row: the cursor, the mark of a chosen row, then the cells
// in avail cells, and why the row is dimmed or flagged when that fits.
func (f *List) rowView(st *theme.Styles, r Row, widths []int, avail int, underCursor bool) string {
	prefix := "  "
	if underCursor {
		prefix = st.Cursor.Render("> ")
	}
	chosen := (!f.Multi && r.ID == f.Selected) || (f.Multi && f.isPicked(r.ID))
	mark := "  "
	switch {
	case f.Multi && chosen:
		mark = "☒ "
	case f.Multi:
		mark = "☐ "
	case chosen:
		mark = "● "
	}
	line := theme.Row(f.Columns, widths, r.Cells, avail)
	tail := ""
	switch {
	case r.Disabled != "" && !r.ReasonShown:
		tail = "  " + r.Disabled
	case r.Flag != "":
		tail = "  ⚠ " + r.Flag
	}
	if room := avail - ansi.StringWidth(line); tail != "" && room > 6 {
		tail = theme.Truncate(tail, room)
	} else {
		tail = ""
	}
	switch {
	case r.Disabled != "":
		line = st.Dim.Render(mark + line + tail)
	case chosen:
		line = st.Selected.Render(mark+line) + st.Warn.Render(tail)
	default:
		line = mark + line + st.Warn.Render(tail)
	}
	return "  " + prefix + line
}

func (f *List) manualView(st *theme.Styles) string {
	if f.typing {
		f.manual.Placeholder = st.P.Sprintf("type an id")
		return "    " + st.Label.Render(st.P.Sprintf("id: ")) + f.manual.View() +
			st.Dim.Render("  "+st.P.Sprintf("%s to use it · %s cancels", Keys.Enter.Help().Key, Keys.ClearFilter.Help().Key))
	}
	hint := ""
	if f.Retry != nil && f.state == Failed {
		hint = st.P.Sprintf("%s retry · ", Keys.Retry.Help().Key)
	}
	s := "    " + st.Dim.Render(hint+helpText(KeysIn(st.P).ByHand))
	if f.Selected != "" {
		s += st.Subtle.Render("  " + st.P.Sprintf("(using %s)", f.Selected))
	} else if f.Multi && len(f.Picked) > 0 {
		s += st.Subtle.Render("  " + st.P.Sprintf("(using %s)", locale.List(st.P, f.Picked)))
	}
	return s
}

// widths lays the list's columns out within width; the shrinking
// columns leave room for a dimmed or flagged row's reason (reserve).
func (f *List) widths(width int) []int {
	width -= f.reserve + theme.ColumnGap
	return theme.WidenColumns(theme.FitColumns(f.Columns, width), f.widest, width)
}

func scrollNote(st *theme.Styles, from, to, total int) string {
	return st.P.Sprintf("rows %s–%s of %s · ↑/↓ pgup/pgdn", strconv.Itoa(from+1), strconv.Itoa(to), strconv.Itoa(total))
}

// helpText is a binding as a hint says it: its key, then what it does.
func helpText(b key.Binding) string {
	h := b.Help()
	return h.Key + " " + h.Desc
}
