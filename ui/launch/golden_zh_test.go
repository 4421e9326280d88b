package launch

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/ui/locale"
)

// wzScreensChinese are wzScreens in Chinese: the same key presses, and
// what each screen shows once drawn.
var wzScreensChinese = func() []wzScreen {
	until := []string{"1 · 地域与可用区", "2 · 实例规格", "3 · 镜像", "4 · 网络", "5 · 云硬盘", "6 · 计费", "7 · 登录与名称", "确认 · 1 ×"}
	out := make([]wzScreen, len(wzScreens))
	for i, s := range wzScreens {
		s.until = until[i]
		out[i] = s
	}
	return out
}()

// englishOnScreen are words of the wizard's own that a Chinese screen
// must not show as words (ids, flags, units, the API's values and the
// request body's field names may stay).
var englishOnScreen = []string{"Region", "Instance type", "Image", "Network", "Disks", "Billing", "Login",
	"Review", "next", "quit", "create", "scroll", "in stock", "Quota", "running", "pending", "Creating"}

// The wizard in Chinese at the two sizes of the English goldens: every
// step, the review and the status panel, with no line wider than the
// terminal in display cells (CJK characters take two) and none of the
// wizard's English words.
func TestWizardGoldenScreensChinese(t *testing.T) {
	t.Parallel()
	for _, size := range wzGoldenSizes {
		t.Run(wzSize(size.w, size.h), func(t *testing.T) {
			cfg := wzGoldenConfig(t)
			cfg.Printer = locale.Printer(locale.Chinese)
			h := newWzHarness(t, cfg, size.w, size.h)
			check := func(name string) {
				t.Helper()
				v := h.m.View()
				checkWizardGolden(t, name, size.w, size.h, v)
				for i, l := range strings.Split(ansi.Strip(v), "\n") {
					if w := ansi.StringWidth(l); w > size.w {
						t.Errorf("%s: line %d is %d cells wide on a %d-cell terminal: %q", name, i+1, w, size.w, l)
					}
				}
				for _, w := range englishOnScreen {
					if regexp.MustCompile(`\b` + w + `\b`).MatchString(ansi.Strip(v)) {
						t.Errorf("%s: the Chinese screen says %q:\n%s", name, w, ansi.Strip(v))
					}
				}
			}
			for _, s := range wzScreensChinese {
				for _, k := range s.keys {
					if text, ok := strings.CutPrefix(k, "type:"); ok {
						h.typeText(text)
					} else {
						h.key(k)
					}
				}
				if !strings.Contains(h.view(), s.until) {
					t.Fatalf("%s: the screen lacks %q:\n%s", s.name, s.until, h.view())
				}
				check(s.name)
			}
			h.keys("enter", "y")
			if h.m.phase != phaseStatus {
				t.Fatalf("no status panel after y:\n%s", h.view())
			}
			check("9_status")
			h.pollStatus(2 * time.Second)
			check("10_status_running")
		})
	}
}
