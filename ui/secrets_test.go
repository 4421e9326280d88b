package ui

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/wizard"
)

// The whole journey a person makes — setup, a preset saved from a draft
// that holds a password, a create from that preset on the sandbox, a watch
// — then every file cocvm wrote is searched for the password. It is found
// nowhere.
func TestThePasswordIsWrittenNowhere(t *testing.T) {
	home := isolateDirs(t)
	root := filepath.Dir(home)
	t.Setenv("COCVM_SANDBOX_BOOT_TIME", "0")
	const password = "Quiet.Harbor58"

	// 2. A preset saved from a draft with a password (as the review's `s`
	// does), and one imported from a body with a password.
	d := wizard.Draft{Region: "cn-hongkong-11", Count: 2}
	d.Spec.Az = "cn-hongkong-11a"
	d.Spec.InstanceType = "g.n2.large"
	d.Spec.ImageID = "img-vf7zs2s9l0"
	d.Spec.Name = "web"
	d.Spec.Password = password
	d.Spec.PrimaryNetworkInterface.VpcID = "vpc-ubyo4gybak"
	d.Spec.PrimaryNetworkInterface.SubnetID = "subnet-tcj8hjycl7"
	d.Spec.PrimaryNetworkInterface.SecurityGroups = []apiclient.SecurityGroupCreate{{GroupID: "sg-4limh7c6e0"}}
	d.Spec.SystemDisk.DiskType, d.Spec.SystemDisk.DiskSizeGB = "ssd.gp1", 40
	if err := presets.DefaultStore().Save(presets.New("web", "front end", d)); err != nil {
		t.Fatal(err)
	}
	body := filepath.Join(t.TempDir(), "body.json")
	if err := os.WriteFile(body, wizard.Marshal(wizard.Build(d)[0]), 0o600); err != nil {
		t.Fatal(err)
	}
	cocvm := func(stdin string, args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		ios := &iostreams.IOStreams{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut}
		code := run(context.Background(), args, &Env{IO: ios, Getenv: os.Getenv, Clock: quickClock, retry: quickRetry})
		return out.String(), errOut.String(), code
	}
	// 1. First-time setup, keeping the language and choosing the sandbox
	// (Enter to each).
	if _, errOut, code := cocvm("\n\n\n\n", "--accessible", "setup"); code != 0 {
		t.Fatalf("setup: exit %d: %s", code, errOut)
	}
	if _, errOut, code := cocvm("", "presets", "import", body, "--name", "imported"); code != 0 {
		t.Fatalf("presets import: exit %d: %s", code, errOut)
	}

	// 3. Create from the preset on the sandbox the setup chose, then watch.
	out, errOut, code := cocvm(password+"\n", "create", "--preset", "web", "--password-stdin", "--yes", "-o", "json")
	if code != ExitOK && code != ExitFailed {
		t.Fatalf("create: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, `"instanceIds"`) {
		t.Fatalf("create printed no result:\n%s\n%s", out, errOut)
	}
	if _, errOut, code := cocvm("", "watch", "--last"); code != ExitOK && code != ExitFailed {
		t.Fatalf("watch --last: exit %d: %s", code, errOut)
	}
	if strings.Contains(out+errOut, password) {
		t.Error("the password reached the output")
	}

	// 4. Every file written: config, presets, journal, sandbox state.
	var files []string
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		files = append(files, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte(password)) {
			t.Errorf("%s holds the password", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"config.toml", "web.toml", "imported.toml", "journal.jsonl"} {
		found := false
		for _, f := range files {
			found = found || filepath.Base(f) == want
		}
		if !found {
			t.Errorf("%s was not written (files: %v)", want, files)
		}
	}
}
