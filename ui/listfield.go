package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/ui/theme"
)

// listField is a table of choices loaded from the API: a cursor, dimmed rows
// that cannot be chosen (with the reason), an optional filter, a spinner
// while loading, and, when the look-up fails, a retry key and an input to
// type an id by hand so a failed look-up never blocks anyone.

type column struct {
	title string
	width int
	right bool
	// flex columns give up width (down to flexMin) so a narrow terminal
	// still shows why a row is dimmed or flagged.
	flex bool
}

const flexMin = 10

type listRow struct {
	id       string
	cells    []string
	disabled string // why the row cannot be chosen; "" when it can
	flag     string // a warning shown on the row; the row stays choosable
	search   string // lower-case text the filter matches against
	detail   string // one line shown under the table when the row is under the cursor
	// reasonShown says a column already says why the row is dimmed, so the
	// reason is not repeated after the row.
	reasonShown bool
}

type loadState int

const (
	loadIdle loadState = iota
	loadBusy
	loadDone
	loadFailed
)

type listField struct {
	label   string
	columns []column
	rows    []listRow
	multi   bool
	// single selection: id; multi: set of ids in the order chosen.
	selected string
	picked   []string

	cursor   int   // index into view
	view_    []int // indexes of rows passing the filter
	offset   int
	maxRows  int
	filter   textinput.Model
	filterOn bool

	state   loadState
	loadErr string
	manual  textinput.Model
	typing  bool
	retry   func() tea.Cmd
	spinner func() string

	hidden   func() bool
	onChange func(id string)
	note     string
	rowsKey  string // what the rows were built from, see syncList
	noun     string // what the list holds, plural, for "looking up …"
	empty    string // what to say when there are no rows
}

func newListField(label string, cols []column) *listField {
	f := &listField{label: label, columns: cols, maxRows: 8}
	f.filter = textinput.New()
	f.filter.Prompt = "/"
	f.filter.Cursor.SetMode(cursor.CursorStatic)
	f.manual = textinput.New()
	f.manual.Prompt = ""
	f.manual.Placeholder = "type an id"
	f.manual.Cursor.SetMode(cursor.CursorStatic)
	f.manual.Width = 30
	return f
}

func (f *listField) skip() bool { return f.hidden != nil && f.hidden() }

func (f *listField) setFocus(on bool) tea.Cmd {
	f.note = ""
	if !on {
		f.filterOn = false
		f.filter.Blur()
		f.typing = false
		f.manual.Blur()
	}
	return nil
}

// setRows replaces the rows, keeping the selection and putting the cursor on it.
func (f *listField) setRows(rows []listRow) {
	f.rows = rows
	f.state = loadDone
	f.loadErr = ""
	f.applyFilter()
	f.moveToSelected()
}

func (f *listField) setLoading() { f.state = loadBusy; f.loadErr = "" }

func (f *listField) setFailed(msg string) {
	f.state = loadFailed
	f.loadErr = msg
	f.rows = nil
	f.applyFilter()
}

// firstChoosable is the id of the first row that can be chosen, or "".
func (f *listField) firstChoosable() string {
	for _, r := range f.rows {
		if r.disabled == "" {
			return r.id
		}
	}
	return ""
}

func (f *listField) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(f.filter.Value()))
	f.view_ = f.view_[:0]
	for i, r := range f.rows {
		if q == "" || strings.Contains(r.search, q) {
			f.view_ = append(f.view_, i)
		}
	}
	if f.cursor >= len(f.view_) {
		f.cursor = max(0, len(f.view_)-1)
	}
}

func (f *listField) moveToSelected() {
	target := f.selected
	if f.multi && len(f.picked) > 0 {
		target = f.picked[0]
	}
	for vi, ri := range f.view_ {
		if f.rows[ri].id == target {
			f.cursor = vi
			return
		}
	}
}

func (f *listField) current() *listRow {
	if f.cursor < 0 || f.cursor >= len(f.view_) {
		return nil
	}
	return &f.rows[f.view_[f.cursor]]
}

func (f *listField) isPicked(id string) bool {
	for _, p := range f.picked {
		if p == id {
			return true
		}
	}
	return false
}

func (f *listField) toggle(id string) {
	for i, p := range f.picked {
		if p == id {
			f.picked = append(f.picked[:i:i], f.picked[i+1:]...)
			return
		}
	}
	f.picked = append(f.picked, id)
}

// choose makes the row under the cursor the selection when it can be chosen.
func (f *listField) choose() {
	r := f.current()
	if r == nil {
		return
	}
	if r.disabled != "" {
		f.note = r.id + " cannot be chosen: " + r.disabled
		return
	}
	f.note = ""
	if f.multi {
		f.toggle(r.id)
		if f.onChange != nil {
			f.onChange(r.id)
		}
		return
	}
	if r.id != f.selected {
		f.selected = r.id
		if f.onChange != nil {
			f.onChange(r.id)
		}
	}
}

func (f *listField) update(msg tea.KeyMsg) (bool, tea.Cmd) {
	key := msg.String()
	if f.state == loadFailed || (f.state == loadDone && len(f.rows) == 0) {
		return f.updateManual(msg)
	}
	if f.filterOn {
		switch key {
		case "esc":
			f.filter.SetValue("")
			f.filterOn = false
			f.filter.Blur()
			f.applyFilter()
			f.moveToSelected()
			return true, nil
		case "enter":
			f.filterOn = false
			f.filter.Blur()
			if !f.multi {
				f.choose()
			}
			return true, nil
		case "up", "down", "pgup", "pgdown":
			// fall through to movement below
		default:
			var cmd tea.Cmd
			f.filter, cmd = f.filter.Update(msg)
			f.applyFilter()
			f.cursor = 0
			if !f.multi {
				f.chooseQuietly()
			}
			return true, cmd
		}
	}
	switch key {
	case "up", "k":
		f.moveCursor(-1)
	case "down", "j":
		f.moveCursor(1)
	case "pgup":
		f.moveCursor(-f.maxRows)
	case "pgdown":
		f.moveCursor(f.maxRows)
	case "home", "g":
		f.moveCursor(-len(f.view_))
	case "end", "G":
		f.moveCursor(len(f.view_))
	case "/":
		f.filterOn = true
		return true, f.filter.Focus()
	case " ":
		f.choose()
	case "enter":
		if f.multi {
			return false, nil
		}
		if r := f.current(); r != nil && r.disabled != "" {
			f.choose() // sets the note explaining why
			return true, nil
		}
		return false, nil
	case "esc":
		if f.filter.Value() != "" {
			f.filter.SetValue("")
			f.applyFilter()
			f.moveToSelected()
			return true, nil
		}
		return false, nil
	default:
		return false, nil
	}
	return true, nil
}

// chooseQuietly follows the cursor with the selection in a single-choice
// list, skipping rows that cannot be chosen without complaint.
func (f *listField) chooseQuietly() {
	if r := f.current(); r != nil && r.disabled == "" && !f.multi {
		f.choose()
	}
}

func (f *listField) moveCursor(d int) {
	if len(f.view_) == 0 {
		return
	}
	f.cursor = max(0, min(len(f.view_)-1, f.cursor+d))
	f.note = ""
	if !f.multi {
		f.chooseQuietly()
	}
}

func (f *listField) updateManual(msg tea.KeyMsg) (bool, tea.Cmd) {
	key := msg.String()
	if !f.typing {
		switch key {
		case "r":
			if f.retry != nil {
				return true, f.retry()
			}
		case "i":
			f.typing = true
			f.manual.SetValue(f.selected)
			return true, f.manual.Focus()
		}
		return false, nil
	}
	switch key {
	case "enter", "tab":
		f.typing = false
		f.manual.Blur()
		v := strings.TrimSpace(f.manual.Value())
		if v != "" && !f.multi && v != f.selected {
			f.selected = v
			if f.onChange != nil {
				f.onChange(v)
			}
		}
		if v != "" && f.multi && !f.isPicked(v) {
			f.picked = append(f.picked, v)
			if f.onChange != nil {
				f.onChange(v)
			}
		}
		return key == "enter", nil
	case "esc":
		f.typing = false
		f.manual.Blur()
		return true, nil
	}
	var cmd tea.Cmd
	f.manual, cmd = f.manual.Update(msg)
	return true, cmd
}

func (f *listField) view(st *theme.Styles, width int, focused bool) string {
	var b strings.Builder
	title := st.Label.Render(f.label)
	if focused {
		title = st.Selected.Render(f.label)
	}
	b.WriteString(marker(st, focused) + title)
	if f.filterOn || f.filter.Value() != "" {
		b.WriteString("  " + f.filter.View())
		b.WriteString(st.Dim.Render("  " + theme.Plural(len(f.view_), "match", "matches")))
	} else if focused && f.state == loadDone && len(f.rows) > f.maxRows {
		b.WriteString(st.Dim.Render("  / filter"))
	}
	b.WriteString("\n")

	switch f.state {
	case loadIdle, loadBusy:
		spin := "…"
		if f.spinner != nil {
			spin = f.spinner()
		}
		noun := f.noun
		if noun == "" {
			noun = strings.ToLower(f.label)
		}
		b.WriteString("    " + spin + " " + st.Subtle.Render("looking up "+noun+"…"))
		if f.selected != "" {
			b.WriteString(st.Dim.Render("  (chosen: " + f.selected + ")"))
		}
		return b.String()
	case loadFailed:
		summary, detail, _ := strings.Cut(f.loadErr, "\n")
		b.WriteString("    " + st.Bad.Render("✗ could not load: ") + theme.Truncate(summary, width-22) + "\n")
		if detail != "" {
			b.WriteString("      " + st.Subtle.Render(theme.Truncate(detail, width-6)) + "\n")
		}
		b.WriteString(f.manualView(st))
		return b.String()
	}
	if len(f.rows) == 0 {
		msg := f.empty
		if msg == "" {
			msg = "nothing to choose from"
		}
		b.WriteString("    " + st.Warn.Render(msg) + "\n")
		b.WriteString(f.manualView(st))
		return b.String()
	}

	// header
	b.WriteString("    " + st.Header.Render(f.renderCells(headerCells(f.columns), width-4)) + "\n")
	visible := f.maxRows
	if f.cursor < f.offset {
		f.offset = f.cursor
	}
	if f.cursor >= f.offset+visible {
		f.offset = f.cursor - visible + 1
	}
	if f.offset > max(0, len(f.view_)-visible) {
		f.offset = max(0, len(f.view_)-visible)
	}
	end := min(len(f.view_), f.offset+visible)
	for vi := f.offset; vi < end; vi++ {
		r := f.rows[f.view_[vi]]
		prefix := "  "
		if vi == f.cursor && focused {
			prefix = st.Cursor.Render("> ")
		}
		mark := "  "
		chosen := (!f.multi && r.id == f.selected) || (f.multi && f.isPicked(r.id))
		if f.multi {
			mark = "☐ "
			if chosen {
				mark = "☒ "
			}
		} else if chosen {
			mark = "● "
		}
		avail := width - 4
		line := f.renderCells(r.cells, avail-2)
		tail := ""
		switch {
		case r.disabled != "" && !r.reasonShown:
			tail = "  " + r.disabled
		case r.flag != "":
			tail = "  ⚠ " + r.flag
		}
		roomForTail := avail - 2 - lineWidth(line)
		if tail != "" && roomForTail > 6 {
			tail = theme.Truncate(tail, roomForTail)
		} else {
			tail = ""
		}
		switch {
		case r.disabled != "":
			line = st.Dim.Render(mark + line + tail)
		case chosen:
			line = st.Selected.Render(mark+line) + st.Warn.Render(tail)
		default:
			line = mark + line + st.Warn.Render(tail)
		}
		b.WriteString("  " + prefix + line + "\n")
	}
	if len(f.view_) > visible {
		b.WriteString(st.Dim.Render("    " + scrollNote(f.offset, end, len(f.view_))))
		b.WriteString("\n")
	} else if len(f.view_) == 0 {
		b.WriteString(st.Dim.Render("    no match for \""+f.filter.Value()+"\" · esc clears the filter") + "\n")
	}
	if f.note != "" {
		b.WriteString("    " + st.Bad.Render("✗ "+f.note) + "\n")
	} else if r := f.current(); r != nil && focused && r.detail != "" {
		b.WriteString("    " + st.Subtle.Render(theme.Truncate(r.detail, width-4)) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func (f *listField) manualView(st *theme.Styles) string {
	hint := ""
	if f.retry != nil && f.state == loadFailed {
		hint = "r retry · "
	}
	if f.typing {
		return "    " + st.Label.Render("id: ") + f.manual.View() + st.Dim.Render("  enter to use it · esc cancels")
	}
	s := "    " + st.Dim.Render(hint+"i type an id by hand")
	if f.selected != "" {
		s += st.Subtle.Render("  (using " + f.selected + ")")
	} else if f.multi && len(f.picked) > 0 {
		s += st.Subtle.Render("  (using " + strings.Join(f.picked, ", ") + ")")
	}
	return s
}

func headerCells(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.title
	}
	return out
}

// renderCells lays cells out in the field's columns, shrinking the last
// column to fit width.
func (f *listField) renderCells(cells []string, width int) string {
	var b strings.Builder
	used := 0
	shrink := f.shrinkBy(width)
	for i, c := range f.columns {
		if i >= len(cells) {
			break
		}
		w := c.width
		if c.flex {
			w = max(flexMin, w-shrink)
		}
		switch {
		case i == len(f.columns)-1 && !c.right:
			w = max(1, width-used) // the last column takes what is left
		case used+w > width:
			w = max(1, width-used)
		}
		cell := theme.Truncate(cells[i], w)
		if c.right {
			cell = theme.PadLeft(cell, w)
		} else {
			cell = theme.PadRight(cell, w)
		}
		b.WriteString(cell)
		used += w
		if i < len(f.columns)-1 {
			b.WriteString("  ")
			used += 2
		}
		if used >= width {
			break
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// shrinkBy is how much the flex columns give up so that rows keep room for
// their reason (a dimmed or flagged row's note) within width.
func (f *listField) shrinkBy(width int) int {
	reserve := 0
	for _, r := range f.rows {
		if n := ansi.StringWidth(r.disabled + r.flag); n > 0 {
			reserve = max(reserve, min(n+11, 26))
		}
	}
	total, flexCols := 0, 0
	for _, c := range f.columns {
		total += c.width + 2
		if c.flex {
			flexCols++
		}
	}
	if flexCols == 0 {
		return 0
	}
	return (max(0, total+reserve-width) + flexCols - 1) / flexCols
}

func lineWidth(s string) int { return ansi.StringWidth(s) }

func scrollNote(from, to, total int) string {
	return "rows " + itoa(from+1) + "–" + itoa(to) + " of " + itoa(total) + " · ↑/↓ pgup/pgdn"
}
