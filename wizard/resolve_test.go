package wizard

import "testing"

func TestResolve(t *testing.T) {
	images := []Named{
		{"img-a", "Ubuntu 22.04 64位"},
		{"img-b", "Windows Server 2022 数据中心版 64位中文版"},
		{"img-c", "Windows Server 2019 数据中心版 64位中文版"},
		{"img-d", "web"},
		{"img-e", "Web"},
		{"img-f", "dup"},
		{"img-g", "dup"},
	}
	for _, tc := range []struct{ value, id, err string }{
		{"img-b", "img-b", ""},
		{" img-b ", "img-b", ""},
		{"Ubuntu 22.04 64位", "img-a", ""},
		{"ubuntu 22.04 64位", "img-a", ""},
		{"web", "img-d", ""}, // an exact name wins over one that differs in case
		{"WEB", "", `2 images are named "WEB": img-d (web), img-e (Web); give the id`},
		{"dup", "", `2 images are named "dup": img-f (dup), img-g (dup); give the id`},
		{"Ubuntu 22.04 64", "", `no image has the id or name "Ubuntu 22.04 64"; did you mean "Ubuntu 22.04 64位"?`},
		{"img-z", "", `no image has the id or name "img-z"; did you mean "img-a"?`},
		{"centos", "", `no image has the id or name "centos"`},
	} {
		id, err := Resolve("image", tc.value, images)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if id != tc.id || got != tc.err {
			t.Errorf("Resolve(%q) = %q, %q; want %q, %q", tc.value, id, got, tc.id, tc.err)
		}
	}
}
