package ui

import (
	"strings"
	"testing"

	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/wizard"
)

// Completion offers presets, regions, zones and, from the API, instance
// types and subnets of the zone given so far, each with a description.
func TestCompletionWithLiveValues(t *testing.T) {
	isolateDirs(t)
	d := wizard.Draft{Region: "cn-hongkong-11", Count: 2}
	d.Spec.Az, d.Spec.InstanceType = "cn-hongkong-11b", "g.n2.large"
	if err := presets.DefaultStore().Save(presets.New("web", "front end", d)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want []string
		not  []string
	}{
		{[]string{"__complete", "create", "--preset", ""}, []string{"web\tfront end · 2 × g.n2.large in cn-hongkong-11b"}, nil},
		{[]string{"__complete", "presets", "show", ""}, []string{"web\t"}, nil},
		{[]string{"__complete", "create", "--region", ""}, []string{"cn-hongkong-11\t中国-香港-11"}, nil},
		{[]string{"__complete", "create", "--region", "cn-hongkong-11", "--az", ""}, []string{"cn-hongkong-11a", "all\t"}, []string{"ap-singapore-11a"}},
		// A list: the zones not yet listed, after what is typed; no "all",
		// no space after.
		{[]string{"__complete", "create", "--region", "cn-hongkong-11", "--az", "cn-hongkong-11a,"},
			[]string{"cn-hongkong-11a,cn-hongkong-11b\n", "cn-hongkong-11a,cn-hongkong-11c\n", ":6\n"}, []string{"cn-hongkong-11a,cn-hongkong-11a", "all"}},
		{[]string{"--sandbox", "__complete", "create", "--region", "cn-hongkong-11", "--type", ""}, []string{"g.n2.large\t2 vCPU, 8 GiB"}, nil},
		{[]string{"--sandbox", "__complete", "create", "--region", "cn-hongkong-11", "--az", "cn-hongkong-11a", "--subnet", ""},
			[]string{"subnet-tcj8hjycl7\tdefault-a"}, []string{"default-b"}},
	} {
		r := execCocvm(t, cliOpts{env: map[string]string{"COCVM_SANDBOX_BOOT_TIME": "0"}}, tc.args...)
		for _, w := range tc.want {
			if !strings.Contains(r.out, w) {
				t.Errorf("%v: completion lacks %q:\n%s", tc.args, w, r.out)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(r.out, w) {
				t.Errorf("%v: completion offers %q:\n%s", tc.args, w, r.out)
			}
		}
		// 4 is NoFileComp, 6 NoFileComp|NoSpace.
		if !strings.Contains(r.out, ":4\n") && !strings.Contains(r.out, ":6\n") {
			t.Errorf("%v: files are offered too:\n%s", tc.args, r.out)
		}
	}
}
