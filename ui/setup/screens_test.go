package setup

import (
	"bytes"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/internal/screentest"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/theme"
)

// setupForm renders fields as the full-screen setup shows them, at w x h.
func setupForm(w, h int, fields ...huh.Field) *huh.Form {
	f := huh.NewForm(huh.NewGroup(fields...)).WithTheme(theme.Huh(iostreams.Plain())).WithShowHelp(true)
	f.Init()
	f.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return f
}

func typeText(f *huh.Form, s string) {
	f.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)})
}

// The first screen of a first run, as the design sketch draws it: the
// welcome naming every place credentials were looked for, then the choice
// with the sandbox preselected and the JD Cloud CLI import offered.
func TestSetupFirstScreenGolden(t *testing.T) {
	t.Parallel()
	const w, h = 80, 24
	var out bytes.Buffer
	env, _, _ := setupEnv(nil)
	f := &setupFlow{cfg: *env, out: &out, st: theme.NewStyles(iostreams.Plain()), path: "~/.config/cocvm/config.toml", name: "default", firstRun: true, width: w}
	f.welcome(false, nil)
	m := methodSandbox
	form := setupForm(w, h, methodField(&m, &apiclient.JDCProfile{Name: "default"}))
	screen := out.String() + ansi.Strip(form.View()) + "\n"
	for _, want := range []string{
		"No JD Cloud credentials were found",
		"JDCLOUD_ACCESS_KEY/JDCLOUD_SECRET_KEY",
		"> Try the sandbox (no account needed)",
		`Import profile "default" from the JD Cloud CLI (~/.jdc/config)`,
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("first screen lacks %q:\n%s", want, screen)
		}
	}
	screentest.Golden(t, screen, w, h)
}

// The secret key never shows as typed: only a mask of the same length.
func TestSetupSecretHiddenAsTyped(t *testing.T) {
	t.Parallel()
	const secret = "Zx9-very-secret-key-value"
	var ak, sk string
	form := setupForm(80, 24, keyFields(&ak, &sk, "", false, true)...)
	typeText(form, "AKVISIBLE")
	form.NextField()
	typeText(form, secret)
	screen := ansi.Strip(form.View())
	if !strings.Contains(screen, "AKVISIBLE") {
		t.Errorf("the access key should be visible:\n%s", screen)
	}
	if strings.Contains(screen, secret) || strings.Contains(screen, secret[:6]) {
		t.Fatalf("the secret is on screen:\n%s", screen)
	}
	if !strings.Contains(screen, strings.Repeat("*", 10)) {
		t.Errorf("no mask where the secret was typed:\n%s", screen)
	}
	if sk != secret || ak != "AKVISIBLE" {
		t.Errorf("values %q %q not bound", ak, sk)
	}
	screentest.Golden(t, screen+"\n", 80, 24)
}

func TestSetupSecretOnlyReentry(t *testing.T) {
	t.Parallel()
	ak, sk := "AKKNOWN", ""
	fields := keyFields(&ak, &sk, "", true, true)
	if len(fields) != 1 {
		t.Fatalf("secret-only asks %d fields, want 1", len(fields))
	}
	form := setupForm(80, 24, fields...)
	typeText(form, "typed-first")
	screen := ansi.Strip(form.View())
	if strings.Contains(screen, "typed-first") || !strings.Contains(screen, "Secret key of AKKNOWN") {
		t.Errorf("a secret typed at once must go to the hidden field:\n%s", screen)
	}
}
