package theme

import (
	"reflect"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// Quit is ctrl+c, which every full-screen page answers to.
var Quit = key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", ""))

// Said is b with its help words desc. Key maps name their keys once, with
// no words; the page gives the words in its language when it draws them
// (each page's keys...In function), so each phrase lives in one place.
func Said(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// Help is the help of a page's footer and ? screen, drawn with r: bubbles'
// help, its items joined by " · ".
func Help(r *lipgloss.Renderer) help.Model {
	h := help.New()
	h.ShortSeparator = " · "
	if r != nil {
		rebind(reflect.ValueOf(&h.Styles).Elem(), r)
	}
	return h
}

// KeysLine is a footer line built from the enabled bindings: each binding's
// key in keyStyle and what it does in descStyle, joined by a dim " · ".
func KeysLine(bindings []key.Binding, keyStyle, descStyle lipgloss.Style) string {
	var parts []string
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		parts = append(parts, keyStyle.Render(h.Key)+descStyle.Render(" "+h.Desc))
	}
	return strings.Join(parts, descStyle.Render(" · "))
}
