package locale

import "testing"

func TestChoose(t *testing.T) {
	for _, tc := range []struct {
		name         string
		flag, config string
		env          map[string]string
		want         Source
		err          bool
	}{
		{name: "nothing set", want: Source{English, "default"}},
		{name: "LANG zh_CN.UTF-8", env: map[string]string{"LANG": "zh_CN.UTF-8"}, want: Source{Chinese, "LANG"}},
		{name: "LANG zh_CN", env: map[string]string{"LANG": "zh_CN"}, want: Source{Chinese, "LANG"}},
		{name: "LANG zh-Hans", env: map[string]string{"LANG": "zh-Hans"}, want: Source{Chinese, "LANG"}},
		{name: "LANG zh_SG", env: map[string]string{"LANG": "zh_SG.GB2312"}, want: Source{Chinese, "LANG"}},
		{name: "LANG zh_TW", env: map[string]string{"LANG": "zh_TW.UTF-8"}, want: Source{Chinese, "LANG"}},
		{name: "LANG zh_HK", env: map[string]string{"LANG": "zh_HK"}, want: Source{Chinese, "LANG"}},
		{name: "LANG C", env: map[string]string{"LANG": "C"}, want: Source{English, "LANG"}},
		{name: "LANG C.UTF-8", env: map[string]string{"LANG": "C.UTF-8"}, want: Source{English, "LANG"}},
		{name: "LANG POSIX", env: map[string]string{"LANG": "POSIX"}, want: Source{English, "LANG"}},
		{name: "LANG en_US", env: map[string]string{"LANG": "en_US.UTF-8"}, want: Source{English, "LANG"}},
		{name: "LANG de_DE", env: map[string]string{"LANG": "de_DE.UTF-8"}, want: Source{English, "LANG"}},
		{name: "LC_ALL over LANG", env: map[string]string{"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, want: Source{English, "LC_ALL"}},
		{name: "LC_MESSAGES over LANG", env: map[string]string{"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, want: Source{Chinese, "LC_MESSAGES"}},
		{name: "empty LC_ALL skipped", env: map[string]string{"LC_ALL": " ", "LANG": "zh_CN.UTF-8"}, want: Source{Chinese, "LANG"}},
		{name: "config over LANG", config: "en", env: map[string]string{"LANG": "zh_CN.UTF-8"}, want: Source{English, "config"}},
		{name: "COCVM_LANG over config", config: "en", env: map[string]string{"COCVM_LANG": "zh"}, want: Source{Chinese, "COCVM_LANG"}},
		{name: "flag over everything", flag: "en", config: "zh", env: map[string]string{"COCVM_LANG": "zh", "LC_ALL": "zh_CN.UTF-8"}, want: Source{English, "--lang"}},
		{name: "bad flag", flag: "fr", err: true, want: Source{English, "--lang"}},
		{name: "bad COCVM_LANG", env: map[string]string{"COCVM_LANG": "klingon"}, err: true, want: Source{English, "COCVM_LANG"}},
	} {
		got, err := Choose(tc.flag, tc.config, func(k string) string { return tc.env[k] })
		if got != tc.want || (err != nil) != tc.err {
			t.Errorf("%s: Choose = %+v, %v; want %+v, error %v", tc.name, got, err, tc.want, tc.err)
		}
	}
}
