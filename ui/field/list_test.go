package field

import (
	"github.com/cocvm/cocvm/ui/internal/screentest"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/theme"
)

// Tests of the list as a person drives it: keys in, the screen read back.

var plainStyles = theme.NewStyles(iostreams.Plain())

// keyMsg is the key press named name.
var keyMsg = screentest.Key

// press sends keys to f and returns whether the last was used.
func press(f *List, names ...string) bool {
	used := false
	for _, n := range names {
		used, _ = f.Update(keyMsg(n))
	}
	return used
}

func typeInto(f *List, s string) {
	for _, r := range s {
		f.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func view(f *List, width int) string { return ansi.Strip(f.View(&plainStyles, width, true)) }

func groupList() *List {
	f := NewList("Security groups", []theme.Column{{Title: "NAME", Width: 16}, {Title: "ID", Width: 14}})
	f.Multi = true
	f.Picked = []string{"sg-1"}
	f.SetRows([]Row{
		{ID: "sg-1", Cells: []string{"default", "sg-1"}, Search: "default sg-1"},
		{ID: "sg-2", Cells: []string{"web", "sg-2"}, Search: "web sg-2"},
		{ID: "sg-3", Cells: []string{"ssh-only", "sg-3"}, Search: "ssh-only sg-3"},
	})
	f.SetFocus(true)
	return f
}

// The wizard sets the rows again after every pick (the draft changed):
// the cursor stays on the row space was pressed on.
func TestMultiSelectSpaceKeepsTheCursor(t *testing.T) {
	f := groupList()
	f.OnChange = func(string) { f.SetRows(append([]Row(nil), f.Rows()...)) }
	press(f, "down", "down", "space")
	if r := f.Current(); r == nil || r.ID != "sg-3" {
		t.Fatalf("after down, down, space the cursor is on %v, want sg-3", r)
	}
	press(f, "space")
	if strings.Join(f.Picked, ",") != "sg-1" {
		t.Errorf("a second space should untick the row under the cursor: picked %v, want sg-1", f.Picked)
	}
	press(f, "space")
	if got := view(f, 60); !strings.Contains(got, "2 selected: default, ssh-only") {
		t.Errorf("the list does not say what is selected:\n%s", got)
	}
}

func TestMultiSelectSummary(t *testing.T) {
	f := groupList()
	f.Picked = nil
	if got := view(f, 60); !strings.Contains(got, "none selected") {
		t.Errorf("an empty multi-select says nothing is selected:\n%s", got)
	}
	f.Picked = []string{"sg-3", "sg-typed"}
	if got := view(f, 60); !strings.Contains(got, "2 selected: ssh-only, sg-typed") {
		t.Errorf("the summary names picks in the order picked, ids for rows not listed:\n%s", got)
	}
}

// Esc after a filter shows every row with the cursor still on the row it
// was on in the filtered list.
func TestMultiSelectClearingTheFilterKeepsTheCursor(t *testing.T) {
	f := groupList()
	press(f, "/")
	typeInto(f, "ssh")
	press(f, "enter", "space", "esc")
	if r := f.Current(); r == nil || r.ID != "sg-3" || f.Shown() != 3 {
		t.Fatalf("after the filter is cleared the cursor is on %v with %d rows, want sg-3 of 3", r, f.Shown())
	}
	if strings.Join(f.Picked, ",") != "sg-1,sg-3" {
		t.Errorf("picked %v, want sg-1,sg-3", f.Picked)
	}
}

func typeList(changes *[]string) *List {
	f := NewList("Instance type", []theme.Column{{Title: "TYPE", Width: 12}})
	f.Selected = "b"
	f.OnChange = func(id string) { *changes = append(*changes, id) }
	f.SetRows([]Row{
		{ID: "a", Cells: []string{"a"}, Search: "a"},
		{ID: "b", Cells: []string{"b"}, Search: "b"},
		{ID: "c", Cells: []string{"c"}, Search: "c"},
		{ID: "cc", Cells: []string{"cc"}, Search: "cc"},
	})
	f.SetFocus(true)
	return f
}

func cursorID(f *List) string {
	if r := f.Current(); r != nil {
		return r.ID
	}
	return ""
}

// Moving the cursor of a single choice chooses nothing; esc puts it back on
// the choice, and only then leaves the key to the page (previous step).
func TestSingleChoiceCursorDoesNotChoose(t *testing.T) {
	var changes []string
	f := typeList(&changes)
	press(f, "down", "down", "up")
	if f.Selected != "b" || len(changes) > 0 || cursorID(f) != "c" {
		t.Fatalf("moving chose: selected %q, changes %v, cursor %q", f.Selected, changes, cursorID(f))
	}
	// A look-up answering meanwhile leaves the cursor where the person put it.
	f.SetRows(append([]Row(nil), f.Rows()...))
	f.MoveToSelected()
	if cursorID(f) != "c" {
		t.Errorf("the rows set again moved the cursor to %q", cursorID(f))
	}
	if !press(f, "esc") || cursorID(f) != "b" || f.Selected != "b" {
		t.Fatalf("esc: used?, cursor %q, selected %q; want the cursor back on b", cursorID(f), f.Selected)
	}
	if press(f, "esc") {
		t.Error("a second esc, with the cursor on the choice, should be left to the page")
	}
	press(f, "down", "space")
	if f.Selected != "c" || !slices.Equal(changes, []string{"c"}) {
		t.Errorf("space chose %q (changes %v), want c", f.Selected, changes)
	}
}

// Enter chooses the row under the cursor and leaves the key to the page,
// which moves on.
func TestSingleChoiceEnterChoosesAndGoesOn(t *testing.T) {
	var changes []string
	f := typeList(&changes)
	if press(f, "up", "enter") {
		t.Error("enter on a choosable row should be left to the page to move on")
	}
	if f.Selected != "a" || !slices.Equal(changes, []string{"a"}) {
		t.Errorf("enter chose %q (changes %v), want a", f.Selected, changes)
	}
}

// Filtering chooses nothing; esc clears it and the choice is the old one.
func TestSingleChoiceFilterDoesNotChoose(t *testing.T) {
	var changes []string
	f := typeList(&changes)
	press(f, "/")
	typeInto(f, "c")
	if f.Selected != "b" || len(changes) > 0 || cursorID(f) != "c" {
		t.Fatalf("filtering chose: selected %q, changes %v, cursor %q", f.Selected, changes, cursorID(f))
	}
	press(f, "esc")
	if f.Selected != "b" || len(changes) > 0 || cursorID(f) != "b" || f.Shown() != 4 {
		t.Fatalf("esc after the filter: selected %q, changes %v, cursor %q, %d shown; want b kept", f.Selected, changes, cursorID(f), f.Shown())
	}
	// Enter in the filter chooses the row under the cursor.
	press(f, "/")
	typeInto(f, "cc")
	press(f, "enter")
	if f.Selected != "cc" || !slices.Equal(changes, []string{"cc"}) {
		t.Errorf("enter in the filter chose %q (changes %v), want cc", f.Selected, changes)
	}
}

// Leaving the list without choosing puts the cursor back on the choice.
func TestSingleChoiceBlurForgetsTheCursor(t *testing.T) {
	var changes []string
	f := typeList(&changes)
	press(f, "down")
	f.SetFocus(false)
	if cursorID(f) != "b" || f.Selected != "b" {
		t.Errorf("after blur the cursor is on %q, selected %q; want b", cursorID(f), f.Selected)
	}
}

// Every header sits over its cells, counted in display cells (CJK is two),
// and a column takes the room it needs while the table has some.
func TestTableHeaderOverItsCells(t *testing.T) {
	f := NewList("Image", []theme.Column{{Title: "NAME", Width: 12, Min: 6}, {Title: "DISK", Width: 6, Right: true}, {Title: "ID", Width: 8}})
	f.SetRows([]Row{
		{ID: "a", Cells: []string{"Windows Server 2022 数据中心版", "60 GiB", "img-a"}},
		{ID: "b", Cells: []string{"Ubuntu 24.04 64位", "40 GiB", "img-b"}},
	})
	f.SetFocus(true)
	lines := strings.Split(view(f, 80), "\n")
	header := lines[1]
	col := func(line, s string) int { return ansi.StringWidth(line[:strings.Index(line, s)]) }
	for _, row := range lines[2:4] {
		if got, want := col(row, "img-"), col(header, "ID"); got != want {
			t.Errorf("ID column at %d, its header at %d:\n%s\n%s", got, want, header, row)
		}
		if got, want := col(row, "GiB")+3, col(header, "DISK")+4; got != want {
			t.Errorf("DISK column ends at %d, its header at %d:\n%s\n%s", got, want, header, row)
		}
	}
	if col(header, "NAME") != 6 || !strings.Contains(view(f, 80), "Windows Server 2022 数据中心版") {
		t.Errorf("the name is cut or the header is off its cells:\n%s", view(f, 80))
	}
}
