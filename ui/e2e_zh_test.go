package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// e2eStepsChinese are e2eSteps as a Chinese locale shows them.
var e2eStepsChinese = func() []e2eStep {
	until := []string{"2 · 实例规格", "3 · 镜像", "4 · 网络", "5 · 云硬盘", "6 · 计费", "7 · 登录与名称", "确认 · 1 ×"}
	out := append(e2eSteps[:0:0], e2eSteps...)
	for i := range out {
		out[i].until = until[i]
	}
	return out
}()

// The whole wizard, the review, the status panel and the first-time setup
// in Chinese, chosen by LANG=zh_CN.UTF-8 alone; LANG=en_US.UTF-8 stays
// English (LANG=C.UTF-8 is TestE2E's).
func TestE2EChinese(t *testing.T) {
	e2eRequireTmux(t)
	bin := e2eBinary(t, t.TempDir())

	for _, size := range []struct{ w, h int }{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("wizard_%dx%d", size.w, size.h), func(t *testing.T) {
			dirs := newE2EDirs(t)
			dirs.lang = "zh_CN.UTF-8"
			term := startE2E(t, bin, dirs, size.w, size.h, "--sandbox")
			term.waitFor(20*time.Second, "1 · 地域与可用区", "种规格有库存", "enter 下一项")
			e2eWalkSteps(term, e2eStepsChinese)
			term.waitFor(10*time.Second, "剩余配额  ✓ 实例 50", "enter 创建")
			term.press("Enter")
			term.waitFor(5*time.Second, "创建 1 台实例，并扣除 1 个月的预付费用？(y/n)")
			term.press("y")
			term.waitFor(10*time.Second, "正在创建 1 台 g.n2.medium")
			s := term.waitFor(40*time.Second, "1/1 运行中", "q 退出")
			if !strings.Contains(s, "● 运行中") {
				t.Errorf("the running screen lacks the instance row:\n%s", s)
			}
			term.press("q")
			if code := term.exitStatus(10 * time.Second); code != 0 {
				t.Errorf("cocvm exited with %d after every instance ran, want 0:\n%s", code, term.screen())
			}
			if final := term.screen(); !strings.Contains(final, "✓ 1 运行中") {
				t.Errorf("the farewell lacks the outcome:\n%s", final)
			}
			term.checkFits()
			english := regexp.MustCompile(`\b(Region|Zone|Instance type|Image|Network|Disks|Billing|Login|Password|Review|Quota left|selected|in stock|checking|running|pending|next|quit|create|scroll)\b`)
			for _, screen := range term.reached {
				if m := english.FindString(screen); m != "" {
					t.Errorf("a Chinese screen says %q:\n%s", m, screen)
				}
				if strings.Contains(screen, e2ePassword) {
					t.Errorf("a screen showed the password:\n%s", screen)
				}
			}
		})
	}

	t.Run("first_run_setup", func(t *testing.T) {
		dirs := newE2EDirs(t)
		dirs.lang = "zh_CN.UTF-8"
		term := startE2E(t, bin, dirs, 100, 30)
		// The language comes first, with the locale's preselected.
		term.waitFor(20*time.Second, "语言", "> 简体中文")
		term.press("Enter")
		term.waitFor(5*time.Second, "欢迎使用 cocvm", "试用沙箱（无需账号）")
		for i := 0; i < 6 && !strings.Contains(term.screen(), "1 · 地域与可用区"); i++ {
			before := term.screen()
			term.press("Enter")
			term.poll(5*time.Second, func() bool { return term.screen() != before })
		}
		term.waitFor(20*time.Second, "1 · 地域与可用区", "沙箱")
		term.checkFits()
		term.press("C-c")
		if code := term.exitStatus(10 * time.Second); code != ExitInterrupted {
			t.Errorf("ctrl+c in the wizard: exit %d, want %d", code, ExitInterrupted)
		}
		cfg, err := os.ReadFile(filepath.Join(dirs.config, "cocvm", "config.toml"))
		if err != nil {
			t.Fatalf("setup saved no config: %v", err)
		}
		if !regexp.MustCompile(`(?m)^\s*language\s*=\s*['"]zh['"]`).Match(cfg) {
			t.Errorf("the config does not keep the language:\n%s", cfg)
		}
	})

	t.Run("en_US_stays_English", func(t *testing.T) {
		dirs := newE2EDirs(t)
		dirs.lang = "en_US.UTF-8"
		term := startE2E(t, bin, dirs, 120, 40, "--sandbox")
		s := term.waitFor(20*time.Second, "1 · Region & zone", "types in stock")
		if strings.Contains(s, "地域与可用区") {
			t.Errorf("an English locale shows Chinese:\n%s", s)
		}
		term.press("C-c")
		term.exitStatus(10 * time.Second)
	})
}
