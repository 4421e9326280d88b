package watch

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/cocvm/cocvm/ui/internal/screentest"
	"github.com/cocvm/cocvm/ui/locale"
)

// The panel in Chinese, at the two sizes of the English goldens: every
// line fits the width in display cells (CJK characters take two), and no
// English word of the panel's own is left.
func TestStatusPanelGoldensChinese(t *testing.T) {
	t.Parallel()
	zh := sketchMeta
	zh.Printer = locale.Printer(locale.Chinese)
	for _, sz := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		for _, tc := range []struct {
			name   string
			moment int
			opts   Options
			want   []string
		}{
			{"pending", 1, Options{}, []string{"正在创建 3 台 g.n2.large", "创建中"}},
			{"mixed", 4, Options{}, []string{"运行中", "创建中", "错误", "1/3 运行中"}},
			{"settled", 5, Options{AllowRetry: true, AllowSave: true}, []string{"✓ 2 运行中", "✗ 1 失败", "ssh root@10.0.1.12", "保存为预设", "退出"}},
		} {
			t.Run(fmt.Sprintf("%s_%dx%d", tc.name, sz.w, sz.h), func(t *testing.T) {
				t.Parallel()
				clock := newFakeClock()
				api, ids := sketchAPI(clock)
				api.public["i-y5nh29w1"] = "114.67.1.2"
				m := newTestPanel(t, clock, api, ids, zh, tc.opts)
				at := statusTestStart.Add(sketchMoments[tc.moment])
				for tc.moment > 0 && !m.tracker.Done() && !m.nextPoll.After(at) {
					pollPanel(t, m, clock)
				}
				clock.Advance(at.Sub(clock.Now()) + time.Second)
				resize(m, sz.w, sz.h)
				v := m.View()
				screentest.Golden(t, v, sz.w, sz.h)
				lines := strings.Split(v, "\n")
				if len(lines) > sz.h {
					t.Errorf("%d lines on a %d-line screen", len(lines), sz.h)
				}
				for i, l := range lines {
					if w := ansi.StringWidth(l); w > sz.w {
						t.Errorf("line %d is %d cells wide on a %d-cell screen: %q", i+1, w, sz.w, l)
					}
				}
				for _, w := range tc.want {
					if !strings.Contains(strings.ReplaceAll(v, "\n ", " "), w) {
						t.Errorf("the view lacks %q:\n%s", w, v)
					}
				}
				for _, w := range []string{"running", "pending", "Creating", "next check", "quit", "failed", "instances"} {
					if strings.Contains(v, w) {
						t.Errorf("the Chinese view says %q:\n%s", w, v)
					}
				}
			})
		}
	}
}
