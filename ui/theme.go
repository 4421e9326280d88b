package ui

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
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

// NewStyles returns the styles for the current colour profile.
func NewStyles() Styles {
	return Styles{
		Title:      lipgloss.NewStyle().Bold(true),
		Subtle:     lipgloss.NewStyle().Foreground(colorMuted),
		Dim:        lipgloss.NewStyle().Foreground(colorDim),
		Bold:       lipgloss.NewStyle().Bold(true),
		Accent:     lipgloss.NewStyle().Foreground(colorAccent),
		Good:       lipgloss.NewStyle().Foreground(colorGreen),
		Warn:       lipgloss.NewStyle().Foreground(colorYellow),
		Bad:        lipgloss.NewStyle().Foreground(colorRed),
		Sandbox:    lipgloss.NewStyle().Foreground(colorSandbox).Bold(true),
		Selected:   lipgloss.NewStyle().Foreground(colorAccent).Bold(true),
		Cursor:     lipgloss.NewStyle().Foreground(colorAccent).Bold(true),
		Label:      lipgloss.NewStyle().Foreground(colorMuted),
		Header:     lipgloss.NewStyle().Foreground(colorMuted).Bold(true),
		Box:        lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(colorBorder).Padding(0, 1),
		BoxTitle:   lipgloss.NewStyle().Foreground(colorMuted).Bold(true),
		Key:        lipgloss.NewStyle().Foreground(colorAccent),
		JSONKey:    lipgloss.NewStyle().Foreground(colorAccent),
		JSONString: lipgloss.NewStyle().Foreground(colorGreen),
		JSONNumber: lipgloss.NewStyle().Foreground(colorYellow),
		JSONPunct:  lipgloss.NewStyle().Foreground(colorMuted),
	}
}

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

// disableColor turns every style into plain text: NO_COLOR and --no-color.
func disableColor() {
	lipgloss.SetColorProfile(termenv.Ascii)
}
