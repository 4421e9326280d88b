package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cocvm/cocvm/ui/iostreams"
)

// runCLIWithLang runs cocvm as runCLI does, with LANG set to lang (and no
// other locale variable) in the environment cocvm reads.
func runCLIWithLang(t *testing.T, lang, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runCLIWith(t, langGetenv(lang), stdin, args...)
}

// langGetenv is the process's environment with LANG set to lang and no
// other locale variable, no credentials, and sandbox instances that boot
// at once.
func langGetenv(lang string) func(string) string {
	return func(k string) string {
		switch k {
		case "LANG":
			return lang
		case "LC_ALL", "LC_MESSAGES", "COCVM_LANG", "JDCLOUD_ACCESS_KEY", "JDCLOUD_SECRET_KEY":
			return ""
		case "COCVM_SANDBOX_BOOT_TIME":
			return "0"
		}
		return os.Getenv(k)
	}
}

// badBody is a createInstances body with problems: an unknown field, a
// count out of range, and required fields left out.
const badBody = `{"maxCount": 0, "instanceSpec": {"az": "cn-hongkong-11a", "Name": "web"}}`

// checkWords fails unless s holds every one of want and none of unwanted.
func checkWords(t *testing.T, what, s string, want, unwanted []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, s)
		}
	}
	for _, u := range unwanted {
		if strings.Contains(s, u) {
			t.Errorf("%s still says %q:\n%s", what, u, s)
		}
	}
}

func TestHelpInChinese(t *testing.T) {
	out, errOut, code := runCLIWithLang(t, "zh_CN.UTF-8", "", "--help")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	checkWords(t, "cocvm --help", out,
		[]string{"用法：", "可用命令：", "参数：", "创建实例", "cocvm 的帮助", "cocvm 的版本", "查看命令的详细说明", "--sandbox"},
		[]string{"Usage:", "Available Commands:", "Flags:", "help for cocvm", "for more information about a command",
			"Create instances: the wizard", "use the built-in sandbox"})

	out, _, code = runCLIWithLang(t, "zh_CN.UTF-8", "", "create", "--help")
	if code != ExitOK {
		t.Fatalf("create --help: exit %d", code)
	}
	checkWords(t, "cocvm create --help", out,
		[]string{"示例：", "全局参数：", "实例规格，例如 g.n2.large", "（默认值 \"text\"）", "--resume TOKEN"},
		[]string{"Examples:", "Global Flags:", "instance type, e.g.", "(default \"text\")", "submit without the review screen"})
}

func TestValidateInChinese(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(file, []byte(badBody), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, code := runCLIWithLang(t, "zh_CN.UTF-8", "", "validate", file)
	if code != ExitFailed {
		t.Fatalf("exit %d, want %d", code, ExitFailed)
	}
	// The JSON paths stay; where the problem is reads in Chinese.
	checkWords(t, "validate", out,
		[]string{"maxCount：", "（第 1 行，第 ", "instanceSpec.imageId："},
		[]string{"(line 1, column", "valid\n"})

	_, errOut, code := runCLIWithLang(t, "zh_CN.UTF-8", "", "validate")
	if code != ExitUsage {
		t.Fatalf("validate without a file: exit %d, want %d", code, ExitUsage)
	}
	checkWords(t, "validate without a file", errOut, []string{"validate 需要一个参数"}, []string{"takes one argument"})
}

func TestRefusedCreateInChinese(t *testing.T) {
	for _, tc := range []struct {
		args           []string
		code           int
		want, unwanted []string
	}{
		{[]string{"create", "--yes", "--sandbox", "--count", "0"}, ExitUsage,
			[]string{"--count 至少为 1，不能是 0"}, []string{"must be at least"}},
		{[]string{"create", "--yes", "--sandbox", "--type", "g.n2.large", "--az", "cn-north-1a"}, ExitFailed,
			[]string{"请求无效，未发送任何请求：", "未指定 --name", "instanceSpec.az："}, []string{"the request is not valid", "nothing was sent", "not given"}},
		{[]string{"create", "--bogus"}, ExitUsage, []string{"未知参数：--bogus"}, []string{"unknown flag"}},
		{[]string{"create", "--count", "x"}, ExitUsage, []string{"参数 \"--count\" 的值 \"x\" 无效"}, []string{"invalid argument"}},
		{[]string{"presets", "show"}, ExitUsage, []string{"需要一个参数；用法："}, []string{"takes one argument"}},
	} {
		_, errOut, code := runCLIWithLang(t, "zh_CN.UTF-8", "", tc.args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d; stderr %q", tc.args, code, tc.code, errOut)
		}
		checkWords(t, strings.Join(tc.args, " "), errOut, tc.want, tc.unwanted)
	}
}

// Without Chinese in the locale, or with --lang en over it, cocvm speaks
// the English it always has.
func TestEnglishStaysEnglish(t *testing.T) {
	for _, tc := range []struct {
		lang string
		args []string
	}{
		{"C", []string{"--help"}},
		{"en_US.UTF-8", []string{"--help"}},
		{"zh_CN.UTF-8", []string{"--lang", "en", "--help"}},
	} {
		out, _, code := runCLIWithLang(t, tc.lang, "", tc.args...)
		if code != ExitOK {
			t.Fatalf("LANG=%s %v: exit %d", tc.lang, tc.args, code)
		}
		checkWords(t, "LANG="+tc.lang+" "+strings.Join(tc.args, " "), out,
			[]string{"Usage:\n  cocvm [flags]\n  cocvm [command]\n", "\nAvailable Commands:\n", "  -h, --help                     help for cocvm\n",
				"\nUse \"cocvm [command] --help\" for more information about a command.\n"},
			[]string{"用法", "参数："})
	}
	_, errOut, code := runCLIWithLang(t, "C", "", "create", "--yes", "--sandbox", "--count", "0")
	if code != ExitUsage || errOut != "cocvm: --count must be at least 1, not 0\n" {
		t.Errorf("LANG=C create --count 0: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = runCLIWithLang(t, "C", "", "create", "--count", "x")
	if code != ExitUsage || errOut != "cocvm: invalid argument \"x\" for \"--count\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\n" {
		t.Errorf("LANG=C create --count x: exit %d, stderr %q", code, errOut)
	}
}

// Machine output does not change with the language: -o json of a create
// whose instances all fail to start says its reasons in English under
// LANG=zh_CN.UTF-8, while the text table says them in Chinese. (The two
// run side by side: the sandbox keeps a failed instance 5 s before it
// deletes it.)
func TestJSONStaysEnglishInChinese(t *testing.T) {
	t.Setenv("COCVM_SANDBOX_BOOT_FAIL_RATE", "1")
	isolateDirs(t)
	type result struct {
		out, errOut string
		code        int
	}
	var asJSON, asText result
	var wg sync.WaitGroup
	for _, r := range []struct {
		res  *result
		args []string
	}{{&asJSON, []string{"-o", "json"}}, {&asText, nil}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			args := append([]string{"create", "--sandbox", "--yes", "--count", "2", "--password-stdin"}, r.args...)
			var out, errOut bytes.Buffer
			ios := &iostreams.IOStreams{In: strings.NewReader("Cloud-Vm9ab!\n"), Out: &out, ErrOut: &errOut}
			r.res.code = run(context.Background(), args, &Env{IO: ios, Getenv: langGetenv("zh_CN.UTF-8"), Clock: quickClock, retry: quickRetry})
			r.res.out, r.res.errOut = out.String(), errOut.String()
		}()
	}
	wg.Wait()
	if asJSON.code != ExitFailed || asText.code != ExitFailed {
		t.Fatalf("exits %d and %d, want 1: %s %s", asJSON.code, asText.code, asJSON.errOut, asText.errOut)
	}
	checkWords(t, "-o json", asJSON.out, []string{`"reason": "went to error and was deleted by the platform`, `"status": "error"`}, []string{"进入错误状态", "失败"})
	checkWords(t, "the text result", asText.out+asText.errOut, []string{"状态", "失败", "进入错误状态"}, []string{"went to error", " failed "})
}
