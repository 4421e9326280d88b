package prompt

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/ui/locale"
)

// Chinese wraps between characters, never inside an id or path that fits
// a line, never before a closing mark, and keeps a mark's hanging indent.
func TestWrapChinese(t *testing.T) {
	t.Parallel()
	s := "› 已将配置 \"default\"（沙箱，地域 cn-north-1，可用区 cn-north-1a）保存到 ~/.config/cocvm/config.toml，只有您本人可读。"
	for _, w := range []int{40, 60, 80} {
		got := Wrap(s, w)
		lines := strings.Split(got, "\n")
		for i, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Errorf("width %d: line %q is wider", w, l)
			}
			if i > 0 && !strings.HasPrefix(l, "  ") {
				t.Errorf("width %d: continuation %q lacks the indent", w, l)
			}
			if i > 0 && strings.ContainsRune(closers, []rune(strings.TrimLeft(l, " "))[0]) {
				t.Errorf("width %d: line %q starts with a closing mark", w, l)
			}
		}
		joined := strings.ReplaceAll(got, "\n  ", "")
		for _, id := range []string{"cn-north-1a", "~/.config/cocvm/config.toml"} {
			if !strings.Contains(joined, id) {
				t.Errorf("width %d: %q broken:\n%s", w, id, got)
			}
		}
	}
	// English is theme.Wrap's alone.
	long := "see " + strings.Repeat("x", 50)
	if got := Wrap(long, 20); strings.Contains(got, strings.Repeat("x", 20)+"\n") {
		t.Errorf("an English word was broken: %q", got)
	}
}

// huh's own words in a line prompt are said in Chinese; in English they
// pass unchanged.
func TestHuhWords(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang     locale.Lang
		in, want string
	}{
		{locale.Chinese, "Enter a number between 1 and 12: ", "请输入 1 到 12 之间的数字："},
		{locale.Chinese, "Invalid: must be a number between 1 and 3\n", "无效：必须是 1 到 3 之间的数字\n"},
		{locale.Chinese, "Invalid: must be 1\n", "无效：必须是 1\n"},
		{locale.Chinese, "There is only one option available; enter the number 1:", "只有一个选项；请输入数字 1："},
		{locale.Chinese, "Default region \n", "Default region \n"},
		{locale.English, "Enter a number between 1 and 12: ", "Enter a number between 1 and 12: "},
	} {
		var b bytes.Buffer
		w := &huhWords{w: &b, p: locale.Printer(tc.lang)}
		if n, err := w.Write([]byte(tc.in)); n != len(tc.in) || err != nil {
			t.Errorf("%q: wrote %d, %v", tc.in, n, err)
		}
		if b.String() != tc.want {
			t.Errorf("%s %q: got %q, want %q", tc.lang, tc.in, b.String(), tc.want)
		}
	}
}

// The key help under a form is Chinese with a Chinese printer; the keys
// stay as they are.
func TestKeyMapChinese(t *testing.T) {
	t.Parallel()
	k := KeyMap(locale.Printer(locale.Chinese))
	if h := k.Select.Submit.Help(); h.Key != "enter" || h.Desc != "提交" {
		t.Errorf("select submit help %+v", h)
	}
	if h := KeyMap(nil).Select.Submit.Help(); h.Desc != "submit" {
		t.Errorf("English help %+v", h)
	}
}
