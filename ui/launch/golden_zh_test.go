package launch

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/apiclient"
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
			h.walk(wzScreensChinese, check)
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

// On a narrow review the choices box keeps one line a row in both
// languages, even when a value fills its column to the last cell (a wide
// character there used to push the row past the box, which wrapped it).
func TestReviewChoicesKeepTheirRows(t *testing.T) {
	t.Parallel()
	for _, lang := range []locale.Lang{locale.English, locale.Chinese} {
		for _, width := range []int{80, 90, 109} {
			cfg := wzGoldenConfig(t)
			cfg.Printer = locale.Printer(lang)
			h := newWzHarness(t, cfg, width, 40)
			screens := wzScreens
			if lang == locale.Chinese {
				screens = wzScreensChinese
			}
			h.walk(screens, func(string) {})
			for _, n := range []int{1, 2, 3} {
				h.m.draft.Spec.DataDisks = make([]apiclient.InstanceDiskAttachmentSpec, n)
				for i := range h.m.draft.Spec.DataDisks {
					h.m.draft.Spec.DataDisks[i] = apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 100}
				}
				v := h.view()
				top := strings.Index(v, "╭")
				bottom := strings.Index(v, "╰")
				if top < 0 || bottom < top {
					t.Fatalf("%s %d: no choices box:\n%s", lang, width, v)
				}
				// The title and five rows of two columns.
				if rows := strings.Count(v[top:bottom], "\n") - 1; rows != 6 {
					t.Errorf("%s at %d with %d data disks: the choices box has %d lines, want 6:\n%s", lang, width, n, rows, v[top:bottom])
				}
			}
		}
	}
}
