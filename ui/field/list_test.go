package field

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/theme"
)

// Tests of the list as a person drives it: keys in, the screen read back.

var plainStyles = theme.NewStyles(iostreams.Plain())

func keyMsg(name string) tea.KeyMsg {
	switch name {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

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
