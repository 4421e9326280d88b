package setup

import (
	"bytes"
	"context"
	"errors"
	"github.com/cocvm/cocvm/ui/internal/testenv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/locale"
)

// scriptedAsker answers setup's questions from a script, so the flow runs
// without a terminal. An exhausted script cancels.
type scriptedAsker struct {
	t            *testing.T
	lang         locale.Lang // "" takes the default
	methods      []setupMethod
	keyList      []apiclient.Credentials
	after        []afterCheck
	regionAnswer string // "" takes the default
	zoneAnswer   string

	// What the flow offered.
	langDefault   locale.Lang
	spoken        []locale.Lang // the language of each question after the first
	methodDefault setupMethod
	jdcOffered    *apiclient.JDCProfile
	keysPrefill   []string
	keepFor       []string
	secretOnly    []bool
	secretWrong   []bool
}

func (s *scriptedAsker) language(_ context.Context, def locale.Lang) (locale.Lang, error) {
	s.langDefault = def
	if s.lang == "" {
		return def, nil
	}
	return s.lang, nil
}

func (s *scriptedAsker) speak(p *message.Printer) { s.spoken = append(s.spoken, locale.LangOf(p)) }

func (s *scriptedAsker) method(_ context.Context, def setupMethod, jdc *apiclient.JDCProfile) (setupMethod, error) {
	s.methodDefault, s.jdcOffered = def, jdc
	if len(s.methods) == 0 {
		return 0, ErrAborted
	}
	m := s.methods[0]
	s.methods = s.methods[1:]
	return m, nil
}

func (s *scriptedAsker) keys(_ context.Context, ak, keepFor string, secretOnly bool) (apiclient.Credentials, error) {
	s.keysPrefill = append(s.keysPrefill, ak)
	s.secretOnly = append(s.secretOnly, secretOnly)
	s.keepFor = append(s.keepFor, keepFor)
	if len(s.keyList) == 0 {
		return apiclient.Credentials{}, ErrAborted
	}
	k := s.keyList[0]
	s.keyList = s.keyList[1:]
	return k, nil
}

func (s *scriptedAsker) region(_ context.Context, def string) (string, error) {
	if s.regionAnswer == "" {
		return def, nil
	}
	return s.regionAnswer, nil
}

func (s *scriptedAsker) zone(_ context.Context, r apiclient.Region, def string) (string, error) {
	if s.zoneAnswer == "" {
		return def, nil
	}
	return s.zoneAnswer, nil
}

func (s *scriptedAsker) afterFailedCheck(_ context.Context, secretWrong bool) (afterCheck, error) {
	s.secretWrong = append(s.secretWrong, secretWrong)
	if len(s.after) == 0 {
		return 0, ErrAborted
	}
	a := s.after[0]
	s.after = s.after[1:]
	return a, nil
}

// setupEnv is a Config over buffers whose Getenv reads vars.
func setupEnv(vars map[string]string) (*Config, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	cfg := &Config{
		IO:     &iostreams.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Getenv: func(k string) string { return vars[k] },
	}
	return cfg, &out, &errOut
}

// first is the config of a first run (firstRun) or of cocvm setup.
func (c *Config) first(firstRun bool) Config {
	cfg := *c
	cfg.FirstRun = firstRun
	return cfg
}

// The helpers the command line's tests use too.
var (
	isolateDirs      = testenv.IsolateDirs
	startTestSandbox = testenv.StartSandbox
	loadSavedConfig  = testenv.SavedConfig
)

func TestSetupSavesSandboxProfile(t *testing.T) {
	home := isolateDirs(t)
	env, out, _ := setupEnv(map[string]string{"HOME": home})
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodSandbox}, regionAnswer: "ap-singapore-11", zoneAnswer: "ap-singapore-11b"}
	p, err := newSetupFlow(env.first(true), ask).run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ask.methodDefault != methodSandbox {
		t.Error("the sandbox should be preselected on a first run")
	}
	if ask.jdcOffered != nil {
		t.Error("JD Cloud CLI import offered without ~/.jdc/config")
	}
	want := presets.Profile{Name: "default", Sandbox: true, Region: "ap-singapore-11", Zone: "ap-singapore-11b"}
	if p != want {
		t.Errorf("profile = %v, want %v", p, want)
	}
	cfg := loadSavedConfig(t)
	if got, ok := cfg.Profile(""); !ok || got != want || cfg.Current != "default" {
		t.Errorf("saved current profile = %v (current %q), want %v", got, cfg.Current, want)
	}
	fi, err := os.Stat(presets.ConfigPath())
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("config mode: %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	if di, _ := os.Stat(filepath.Dir(presets.ConfigPath())); di.Mode().Perm() != 0o700 {
		t.Errorf("config dir mode %v, want 0700", di.Mode().Perm())
	}
	for _, w := range []string{"Welcome to cocvm", "No JD Cloud credentials were found", presets.ConfigPath(), "Saved profile \"default\""} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("output lacks %q:\n%s", w, out.String())
		}
	}
}

func TestSetupKeysCheckedAgainstSandbox(t *testing.T) {
	home := isolateDirs(t)
	run := startTestSandbox(t)
	good := apiclient.Credentials{AccessKey: run.AccessKey, SecretKey: run.SecretKey}
	bad := apiclient.Credentials{AccessKey: run.AccessKey, SecretKey: "SKTEST-wrong-secret-9876543210"}
	env, out, errOut := setupEnv(map[string]string{"HOME": home})
	env.Endpoint = run.URL
	env.Profile = "work"

	// Wrong secret first: the check says so, and the person enters them again.
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodKeys}, keyList: []apiclient.Credentials{bad, good}, after: []afterCheck{checkReenter}}
	p, err := newSetupFlow(env.first(false), ask).run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "The keys do not work") || !strings.Contains(text, "sign result is not same") {
		t.Errorf("a wrong secret should be reported plainly with the gateway's message:\n%s", text)
	}
	if !strings.Contains(text, "✓ The keys work") {
		t.Errorf("good keys should be confirmed:\n%s", text)
	}
	if len(ask.keysPrefill) != 2 || ask.keysPrefill[1] != run.AccessKey {
		t.Errorf("re-entering should keep the access key; prefills %q", ask.keysPrefill)
	}
	// The gateway blamed the secret: only the secret is asked again.
	if len(ask.secretWrong) != 1 || !ask.secretWrong[0] || len(ask.secretOnly) != 2 || ask.secretOnly[0] || !ask.secretOnly[1] {
		t.Errorf("secretWrong %v, secretOnly %v; want [true], [false true]", ask.secretWrong, ask.secretOnly)
	}
	if p.Name != "work" || p.AccessKey != good.AccessKey || p.SecretKey != good.SecretKey || p.Endpoint != run.URL || p.Sandbox {
		t.Errorf("saved %v", p)
	}
	cfg := loadSavedConfig(t)
	if cfg.Current != "work" {
		t.Errorf("current profile %q, want work", cfg.Current)
	}
	if strings.Contains(text+errOut.String(), good.SecretKey) || strings.Contains(text+errOut.String(), bad.SecretKey) {
		t.Error("a secret key reached the output")
	}
	if !strings.Contains(text, "cocvm --profile work") {
		t.Errorf("the next command should name the profile:\n%s", text)
	}
}

func TestSetupBadKeysSaveAnywayOrCancel(t *testing.T) {
	home := isolateDirs(t)
	run := startTestSandbox(t)
	bad := apiclient.Credentials{AccessKey: "AKUNKNOWN00000000000000000000000", SecretKey: "whatever-secret-value"}

	env, out, _ := setupEnv(map[string]string{"HOME": home, "COCVM_ENDPOINT": run.URL})
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodKeys}, keyList: []apiclient.Credentials{bad}, after: []afterCheck{checkCancel}}
	_, err := newSetupFlow(env.first(false), ask).run(context.Background())
	if !errors.Is(err, ErrAborted) {
		t.Fatalf("cancel after a failed check: err %v", err)
	}
	if !strings.Contains(out.String(), "Invalid accessKey") {
		t.Errorf("an unknown access key should be reported with the gateway's message:\n%s", out.String())
	}
	if _, err := os.Stat(presets.ConfigPath()); !os.IsNotExist(err) {
		t.Error("a cancelled setup wrote the config")
	}

	env, _, _ = setupEnv(map[string]string{"HOME": home, "COCVM_ENDPOINT": run.URL})
	ask = &scriptedAsker{t: t, methods: []setupMethod{methodKeys}, keyList: []apiclient.Credentials{bad}, after: []afterCheck{checkSaveAnyway}}
	p, err := newSetupFlow(env.first(false), ask).run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if p.AccessKey != bad.AccessKey || loadSavedConfig(t).Profiles["default"].SecretKey != bad.SecretKey {
		t.Error("save anyway did not save the keys")
	}
	if p.Endpoint != "" {
		t.Errorf("COCVM_ENDPOINT from the environment was saved into the profile: %q", p.Endpoint)
	}
}

func TestSetupKeepsSavedSecret(t *testing.T) {
	home := isolateDirs(t)
	run := startTestSandbox(t)
	cfg := presets.Config{Current: "default"}
	cfg.SetProfile(presets.Profile{Name: "default", AccessKey: run.AccessKey, SecretKey: run.SecretKey, Region: "ap-thailand-11", Zone: "ap-thailand-11c", Endpoint: run.URL})
	if err := presets.SaveConfig(presets.ConfigPath(), cfg); err != nil {
		t.Fatal(err)
	}
	env, _, _ := setupEnv(map[string]string{"HOME": home})
	// An empty secret for the same access key keeps the saved one.
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodKeys}, keyList: []apiclient.Credentials{{AccessKey: run.AccessKey}}}
	p, err := newSetupFlow(env.first(false), ask).run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ask.methodDefault != methodKeys {
		t.Error("with keys saved, entering keys should be preselected, not the sandbox")
	}
	if len(ask.keepFor) != 1 || ask.keepFor[0] != run.AccessKey {
		t.Errorf("keepFor = %q", ask.keepFor)
	}
	if p.SecretKey != run.SecretKey || p.Region != "ap-thailand-11" || p.Zone != "ap-thailand-11c" || p.Endpoint != run.URL {
		t.Errorf("re-running setup lost what was saved: %v", p)
	}
}

func TestSetupImportsJDCloudCLIProfile(t *testing.T) {
	home := isolateDirs(t)
	run := startTestSandbox(t)
	hostPort := strings.TrimPrefix(run.URL, "http://")
	jdc := "[default]\naccess_key = " + run.AccessKey + "\nsecret_key = " + run.SecretKey +
		"\nregion_id = ap-singapore-11\nendpoint = " + hostPort + "\nscheme = http\ntimeout = 20\n"
	if err := os.MkdirAll(filepath.Join(home, ".jdc"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".jdc", "config"), []byte(jdc), 0o600); err != nil {
		t.Fatal(err)
	}
	env, out, _ := setupEnv(map[string]string{"HOME": home})
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodJDC}}
	p, err := newSetupFlow(env.first(true), ask).run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ask.jdcOffered == nil || ask.jdcOffered.Name != "default" {
		t.Fatalf("the JD Cloud CLI profile was not offered: %v", ask.jdcOffered)
	}
	if p.AccessKey != run.AccessKey || p.SecretKey != run.SecretKey || p.Endpoint != run.URL || p.Region != "ap-singapore-11" {
		t.Errorf("imported %v", p)
	}
	if !strings.Contains(out.String(), "✓ The keys work") {
		t.Errorf("imported keys should be checked too:\n%s", out.String())
	}
}

func TestSetupRefusesCorruptConfig(t *testing.T) {
	home := isolateDirs(t)
	path := presets.ConfigPath()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	corrupt := []byte("current = \"default\"\n[profiles.default\nsecret_key = \"s3cr3t-value\"\n")
	if err := os.WriteFile(path, corrupt, 0o600); err != nil {
		t.Fatal(err)
	}
	env, _, _ := setupEnv(map[string]string{"HOME": home})
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodSandbox}}
	_, err := newSetupFlow(env.first(false), ask).run(context.Background())
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("want an error naming %s, got %v", path, err)
	}
	if strings.Contains(err.Error(), "s3cr3t-value") {
		t.Error("the error quotes the secret")
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, corrupt) {
		t.Error("the corrupt config was rewritten")
	}
}

// Setup started in Chinese speaks Chinese throughout, offers Chinese as the
// language and saves it.
func TestSetupInChinese(t *testing.T) {
	home := isolateDirs(t)
	env, out, _ := setupEnv(map[string]string{"HOME": home})
	env.Printer = locale.Printer(locale.Chinese)
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodSandbox}}
	if _, err := newSetupFlow(env.first(true), ask).run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if ask.langDefault != locale.Chinese {
		t.Errorf("the language offered first is %q, want zh", ask.langDefault)
	}
	text := out.String()
	def := apiclient.Regions()[0]
	for _, w := range []string{"欢迎使用 cocvm", "未找到京东云凭证", "沙箱：内置的 COC-VM API 副本", "地域 " + def.ID + "（" + def.Name + "）。", "已将配置 \"default\"（沙箱，"} {
		if !strings.Contains(text, w) {
			t.Errorf("output lacks %q:\n%s", w, text)
		}
	}
	for _, w := range []string{"Welcome", "Saved profile", "Region", def.EnglishName} {
		if strings.Contains(text, w) {
			t.Errorf("English %q in the Chinese setup:\n%s", w, text)
		}
	}
	if got := loadSavedConfig(t).Language; got != "zh" {
		t.Errorf("config language %q, want zh", got)
	}
}

// The language chosen in the first question is the language of the rest of
// the setup, at once, and is saved in the config.
func TestSetupLanguageQuestion(t *testing.T) {
	for _, tc := range []struct {
		name       string
		answer     locale.Lang
		want, not  string
		wantConfig string
	}{
		{"chinese chosen", locale.Chinese, "欢迎使用 cocvm", "Welcome to cocvm", "zh"},
		{"english kept", "", "Welcome to cocvm", "欢迎", "en"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			home := isolateDirs(t)
			env, out, _ := setupEnv(map[string]string{"HOME": home})
			ask := &scriptedAsker{t: t, lang: tc.answer, methods: []setupMethod{methodSandbox}}
			if _, err := newSetupFlow(env.first(true), ask).run(context.Background()); err != nil {
				t.Fatal(err)
			}
			if ask.langDefault != locale.English {
				t.Errorf("an English setup offered %q first", ask.langDefault)
			}
			wantSpoken := tc.answer
			if wantSpoken == "" {
				wantSpoken = locale.English
			}
			if len(ask.spoken) != 1 || ask.spoken[0] != wantSpoken {
				t.Errorf("the questions after the language are asked in %q, want [%s]", ask.spoken, wantSpoken)
			}
			if !strings.Contains(out.String(), tc.want) || strings.Contains(out.String(), tc.not) {
				t.Errorf("want %q and not %q:\n%s", tc.want, tc.not, out.String())
			}
			if got := loadSavedConfig(t).Language; got != tc.wantConfig {
				t.Errorf("config language %q, want %q", got, tc.wantConfig)
			}
		})
	}
}

// A failed key check is reported in Chinese: the verdict, the gateway's
// words and what to do next.
func TestSetupKeyCheckInChinese(t *testing.T) {
	home := isolateDirs(t)
	run := startTestSandbox(t)
	bad := apiclient.Credentials{AccessKey: "AKUNKNOWN00000000000000000000000", SecretKey: "whatever-secret-value"}
	env, out, _ := setupEnv(map[string]string{"HOME": home, "COCVM_ENDPOINT": run.URL})
	env.Printer = locale.Printer(locale.Chinese)
	ask := &scriptedAsker{t: t, methods: []setupMethod{methodKeys}, keyList: []apiclient.Credentials{bad}, after: []afterCheck{checkCancel}}
	if _, err := newSetupFlow(env.first(false), ask).run(context.Background()); !errors.Is(err, ErrAborted) {
		t.Fatalf("err %v, want ErrAborted", err)
	}
	text := out.String()
	for _, w := range []string{"cocvm 设置", "将把配置 \"default\" 保存到", "正在向 " + run.URL + " 发送一次签名请求", "✗ 访问密钥无效。", "请检查 AccessKey（命令行参数、JDCLOUD_ACCESS_KEY、"} {
		if !strings.Contains(text, w) {
			t.Errorf("output lacks %q:\n%s", w, text)
		}
	}
	if got := locale.Say(locale.Printer(locale.Chinese), ErrAborted); got != "已取消设置：未保存任何内容" {
		t.Errorf("ErrAborted in Chinese: %q", got)
	}
}

// With --accessible the whole setup runs on line prompts: choosing Chinese
// turns the questions, the prompts' own words and the summary Chinese.
func TestSetupAccessibleChooseChinese(t *testing.T) {
	home := isolateDirs(t)
	var out, errOut bytes.Buffer
	// Language 2 (简体中文), a wrong number, then the sandbox, and Enter for
	// the default region and zone.
	in := "2\n9\n1\n\n\n"
	cfg := Config{
		IO:         &iostreams.IOStreams{In: strings.NewReader(in), Out: &out, ErrOut: &errOut},
		Getenv:     func(k string) string { return map[string]string{"HOME": home}[k] },
		Accessible: true,
	}
	p, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	def := apiclient.Regions()[0]
	if !p.Sandbox || p.Region != def.ID || p.Zone != def.Zones[0] {
		t.Errorf("saved %v", p)
	}
	text := out.String()
	first, rest, _ := strings.Cut(text, "cocvm 设置")
	for _, w := range []string{"Language", "Press Enter to keep English (1).", "1. English", "2. 简体中文", "Enter a number between 1 and 2: "} {
		if !strings.Contains(first, w) {
			t.Errorf("the language question lacks %q:\n%s", w, first)
		}
	}
	for _, w := range []string{"您想如何使用 cocvm？", "按回车试用沙箱（1）。", "请输入 1 到 2 之间的数字：", "无效：必须是 1 到 2 之间的数字",
		"默认地域", "按回车选择 " + def.ID + "。", def.ID + " 的默认可用区", "› 可用区 " + def.Zones[0] + "。", "已将配置 \"default\"（沙箱，"} {
		if !strings.Contains(rest, w) {
			t.Errorf("after choosing Chinese, the output lacks %q:\n%s", w, rest)
		}
	}
	for _, w := range []string{"Enter a number", "Invalid", "Press Enter", "Default region"} {
		if strings.Contains(rest, w) {
			t.Errorf("English %q after choosing Chinese:\n%s", w, rest)
		}
	}
	if got := loadSavedConfig(t).Language; got != "zh" {
		t.Errorf("config language %q, want zh", got)
	}
}
