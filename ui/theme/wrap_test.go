package theme

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
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
	// An English word is never broken.
	long := "see " + strings.Repeat("x", 50)
	if got := Wrap(long, 20); strings.Contains(got, strings.Repeat("x", 20)+"\n") {
		t.Errorf("an English word was broken: %q", got)
	}
}
