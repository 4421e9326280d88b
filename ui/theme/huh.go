package theme

import (
	"reflect"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
)

// Huh is huh's base theme in cocvm's palette, for the setup's full-screen
// forms, drawn with r (the forms' output) so that --no-color reaches them.
func Huh(r *lipgloss.Renderer) *huh.Theme {
	t := huh.ThemeBase()
	t.Focused.Base = t.Focused.Base.BorderForeground(colorBorder)
	t.Focused.Card = t.Focused.Base
	t.Focused.Title = t.Focused.Title.Foreground(colorAccent).Bold(true)
	t.Focused.Description = t.Focused.Description.Foreground(colorMuted)
	t.Focused.ErrorIndicator = t.Focused.ErrorIndicator.Foreground(colorRed)
	t.Focused.ErrorMessage = t.Focused.ErrorMessage.Foreground(colorRed)
	t.Focused.SelectSelector = t.Focused.SelectSelector.Foreground(colorAccent)
	t.Focused.SelectedOption = t.Focused.SelectedOption.Foreground(colorAccent).Bold(true)
	t.Focused.TextInput.Cursor = t.Focused.TextInput.Cursor.Foreground(colorAccent)
	t.Focused.TextInput.Placeholder = t.Focused.TextInput.Placeholder.Foreground(colorDim)
	t.Focused.TextInput.Prompt = t.Focused.TextInput.Prompt.Foreground(colorAccent)
	t.Blurred = t.Focused
	t.Blurred.Base = t.Focused.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.Title = t.Focused.Title.Foreground(colorMuted).Bold(false)
	if r != nil {
		rebind(reflect.ValueOf(t).Elem(), r)
	}
	return t
}

var styleType = reflect.TypeOf(lipgloss.Style{})

// rebind points every style in v (a struct, walked deeply) at r: huh builds
// its themes on lipgloss's global renderer.
func rebind(v reflect.Value, r *lipgloss.Renderer) {
	if v.Type() == styleType {
		if v.CanSet() {
			v.Set(reflect.ValueOf(v.Interface().(lipgloss.Style).Renderer(r)))
		}
		return
	}
	if v.Kind() != reflect.Struct {
		return
	}
	for i := 0; i < v.NumField(); i++ {
		if v.Type().Field(i).IsExported() {
			rebind(v.Field(i), r)
		}
	}
}
