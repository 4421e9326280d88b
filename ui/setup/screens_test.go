package setup

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/internal/screentest"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/prompt"
	"github.com/cocvm/cocvm/ui/theme"
)

// setupForm renders fields as the full-screen setup shows them, at w x h,
// with the key help in English.
func setupForm(w, h int, fields ...huh.Field) *huh.Form {
	return setupFormIn(nil, w, h, fields...)
}

// setupFormIn is setupForm with the key help in p's language.
func setupFormIn(p *message.Printer, w, h int, fields ...huh.Field) *huh.Form {
	f := huh.NewForm(huh.NewGroup(fields...)).WithTheme(theme.Huh(iostreams.Plain())).WithKeyMap(prompt.KeyMap(p)).WithShowHelp(true)
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
	form := setupForm(w, h, methodField(f.st.P, &m, &apiclient.JDCProfile{Name: "default"}))
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
	form := setupForm(80, 24, keyFields(theme.NewStyles(iostreams.Plain()).P, &ak, &sk, "", false, true)...)
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
	fields := keyFields(theme.NewStyles(iostreams.Plain()).P, &ak, &sk, "", true, true)
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

// The first screen in Chinese, at 80x24 and 120x40: the welcome, the
// question, its options and huh's key help, every word Chinese, fitting
// the terminal in display cells.
func TestSetupFirstScreenChineseGolden(t *testing.T) {
	t.Parallel()
	zh := locale.Printer(locale.Chinese)
	for _, size := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			env, _, _ := setupEnv(nil)
			st := theme.NewStyles(iostreams.Plain()).WithPrinter(zh)
			f := &setupFlow{cfg: *env, out: &out, st: st, path: "~/.config/cocvm/config.toml", name: "default", firstRun: true, width: size.w}
			f.welcome(false, nil)
			m := methodSandbox
			form := setupFormIn(zh, size.w, size.h, methodField(zh, &m, &apiclient.JDCProfile{Name: "default"}))
			screen := out.String() + ansi.Strip(form.View()) + "\n"
			for _, want := range []string{
				"欢迎使用 cocvm",
				"JDCLOUD_ACCESS_KEY/JDCLOUD_SECRET_KEY",
				"> 试用沙箱（无需账号）",
				`从京东云 CLI 导入配置 "default"（~/.jdc/config）`,
				"↑ 上移 • ↓ 下移 • / 筛选 • enter 提交",
			} {
				if !strings.Contains(screen, want) {
					t.Errorf("first screen lacks %q:\n%s", want, screen)
				}
			}
			screentest.Golden(t, screen, size.w, size.h)
		})
	}
}

// The language question offers each language in its own words, the one
// spoken now preselected, and is titled in both ("Language / 语言").
func TestSetupLanguageField(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang         locale.Lang
		title, first string
	}{
		{locale.English, "Language", "> English"},
		{locale.Chinese, "语言", "> 简体中文"},
	} {
		p := locale.Printer(tc.lang)
		l := tc.lang
		screen := ansi.Strip(setupFormIn(p, 80, 24, languageField(p, &l)).View())
		for _, want := range []string{tc.title, tc.first, "English", "简体中文"} {
			if !strings.Contains(screen, want) {
				t.Errorf("%s: the language question lacks %q:\n%s", tc.lang, want, screen)
			}
		}
		screentest.Fits(t, screen, 80, 24)
	}
}

// A refused answer is said in the person's language.
func TestSetupValidationInChinese(t *testing.T) {
	t.Parallel()
	zh := locale.Printer(locale.Chinese)
	var ak, sk string
	form := setupFormIn(zh, 80, 24, keyFields(zh, &ak, &sk, "", false, true)...)
	typeText(form, "AK WITH SPACE")
	form.Update(tea.KeyMsg{Type: tea.KeyEnter})
	screen := ansi.Strip(form.View())
	for _, want := range []string{"AccessKey ID", "AccessKey ID 不含空格", "在京东云控制台获取"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the key form lacks %q:\n%s", want, screen)
		}
	}
}
