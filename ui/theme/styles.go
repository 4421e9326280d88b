// Package theme is how cocvm looks and reads, shared by every page: the
// palette and styles (made from the renderer of the stream they are
// written to, see ui/iostreams), the huh theme of the setup forms, the
// coloured JSON view, the text helpers every screen uses (plural, orDash,
// wrapping, padding), the one routine that fits table columns to a width,
// and the key bindings every page has in common.
//
// It imports nothing of cocvm's: pages and components import it, never the
// other way round.
package theme

import (
	"github.com/charmbracelet/lipgloss"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Palette: adaptive colours legible on light and dark terminals. Status
// colours are the same everywhere: pending/starting yellow, running green,
// error/failed red, unknown grey.
var (
	colorAccent  = lipgloss.AdaptiveColor{Light: "#0B5FA5", Dark: "#6CB6FF"}
	colorMuted   = lipgloss.AdaptiveColor{Light: "#6E6E6E", Dark: "#8B8B8B"}
	colorDim     = lipgloss.AdaptiveColor{Light: "#A0A0A0", Dark: "#5C5C5C"}
	colorGreen   = lipgloss.AdaptiveColor{Light: "#1A7F37", Dark: "#3FB950"}
	colorYellow  = lipgloss.AdaptiveColor{Light: "#9A6700", Dark: "#D29922"}
	colorRed     = lipgloss.AdaptiveColor{Light: "#CF222E", Dark: "#F85149"}
	colorSandbox = lipgloss.AdaptiveColor{Light: "#8250DF", Dark: "#D2A8FF"}
	colorBorder  = lipgloss.AdaptiveColor{Light: "#C8C8C8", Dark: "#3D3D3D"}
)

// Styles is every style a screen uses, in one place.
type Styles struct {
	r *lipgloss.Renderer

	// P formats and translates every word the page shows (ui/locale's
	// Printer, set with WithPrinter); NewStyles gives an English one with no
	// catalogue. Machine output never goes through it.
	P *message.Printer

	Title    lipgloss.Style
	Subtle   lipgloss.Style
	Dim      lipgloss.Style
	Bold     lipgloss.Style
	Accent   lipgloss.Style
	Good     lipgloss.Style
	Warn     lipgloss.Style
	Bad      lipgloss.Style
	Sandbox  lipgloss.Style
	Selected lipgloss.Style
	Cursor   lipgloss.Style
	Label    lipgloss.Style
	Header   lipgloss.Style
	Box      lipgloss.Style
	BoxTitle lipgloss.Style
	Key      lipgloss.Style

	JSONKey    lipgloss.Style
	JSONString lipgloss.Style
	JSONNumber lipgloss.Style
	JSONPunct  lipgloss.Style
}

// NewStyles returns the styles for what r writes to: coloured for a colour
// terminal, plain for a pipe, a file or NO_COLOR.
func NewStyles(r *lipgloss.Renderer) Styles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	s := r.NewStyle
	return Styles{
		r:          r,
		P:          message.NewPrinter(language.English),
		Title:      s().Bold(true),
		Subtle:     s().Foreground(colorMuted),
		Dim:        s().Foreground(colorDim),
		Bold:       s().Bold(true),
		Accent:     s().Foreground(colorAccent),
		Good:       s().Foreground(colorGreen),
		Warn:       s().Foreground(colorYellow),
		Bad:        s().Foreground(colorRed),
		Sandbox:    s().Foreground(colorSandbox).Bold(true),
		Selected:   s().Foreground(colorAccent).Bold(true),
		Cursor:     s().Foreground(colorAccent).Bold(true),
		Label:      s().Foreground(colorMuted),
		Header:     s().Foreground(colorMuted).Bold(true),
		Box:        s().Border(lipgloss.RoundedBorder()).BorderForeground(colorBorder).Padding(0, 1),
		BoxTitle:   s().Foreground(colorMuted).Bold(true),
		Key:        s().Foreground(colorAccent),
		JSONKey:    s().Foreground(colorAccent),
		JSONString: s().Foreground(colorGreen),
		JSONNumber: s().Foreground(colorYellow),
		JSONPunct:  s().Foreground(colorMuted),
	}
}

// WithPrinter is s speaking through p (nil keeps s's printer).
func (s Styles) WithPrinter(p *message.Printer) Styles {
	if p != nil {
		s.P = p
	}
	return s
}

// Renderer is the renderer the styles were made from.
func (s Styles) Renderer() *lipgloss.Renderer { return s.r }

// Width is a style that only lays text out width cells wide (wrapped and
// padded), on the same renderer as the others.
func (s Styles) Width(width int) lipgloss.Style { return s.r.NewStyle().Width(width) }

// StatusStyle colours an instance status word consistently everywhere.
func (s Styles) StatusStyle(status string) lipgloss.Style {
	switch status {
	case "pending", "starting":
		return s.Warn
	case "running":
		return s.Good
	case "error", "failed", "gone", "deleting":
		return s.Bad
	default:
		return s.Subtle
	}
}

// RunningColor is the running green for the terminal's background, for
// what takes one colour rather than an adaptive pair (the progress bar).
func (s Styles) RunningColor() string {
	if s.r.HasDarkBackground() {
		return colorGreen.Dark
	}
	return colorGreen.Light
}
