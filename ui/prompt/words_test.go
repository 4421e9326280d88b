package prompt

import (
	"bytes"
	"testing"

	"github.com/cocvm/cocvm/ui/locale"
)

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
		{locale.Chinese, "Select up to 3 options.\n", "最多可选 3 项；输入编号勾选或取消，完成后输入 0。\n"},
		{locale.Chinese, "You can't select more than 2 options.\n", "最多只能选 2 项。\n"},
		{locale.Chinese, "invalid input. please try again\n", "请回答 y 或 n。\n"},
		{locale.Chinese, "1.   web\n2. ✓ ssh\n0.   Confirm selection\n", "1.   web\n2. ✓ ssh\n0.   完成选择\n"},
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
