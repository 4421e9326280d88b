package screentest

import tea "github.com/charmbracelet/bubbletea"

// keys are the key names Key knows besides single characters.
var keys = map[string]tea.KeyMsg{
	"enter":     {Type: tea.KeyEnter},
	"tab":       {Type: tea.KeyTab},
	"shift+tab": {Type: tea.KeyShiftTab},
	"esc":       {Type: tea.KeyEsc},
	"up":        {Type: tea.KeyUp},
	"down":      {Type: tea.KeyDown},
	"left":      {Type: tea.KeyLeft},
	"right":     {Type: tea.KeyRight},
	"home":      {Type: tea.KeyHome},
	"end":       {Type: tea.KeyEnd},
	"pgup":      {Type: tea.KeyPgUp},
	"pgdown":    {Type: tea.KeyPgDown},
	"backspace": {Type: tea.KeyBackspace},
	"ctrl+c":    {Type: tea.KeyCtrlC},
	"ctrl+d":    {Type: tea.KeyCtrlD},
	"ctrl+r":    {Type: tea.KeyCtrlR},
	"ctrl+u":    {Type: tea.KeyCtrlU},
	"space":     {Type: tea.KeySpace, Runes: []rune{' '}},
}

// Key is the key press a test names as bubbles' key bindings do ("enter",
// "shift+tab", "ctrl+c", "space"); any other name is typed as runes ("y",
// "?").
func Key(name string) tea.KeyMsg {
	if k, ok := keys[name]; ok {
		return k
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}
