package presets

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// The files in testdata/written-by-v1 were written by cocvm's first,
// hand-written TOML writer (Store.Save and SaveConfig as they were then).
// People have such files on disk: every later cocvm must read them to the
// same values. They are never regenerated.
const writtenByV1 = "testdata/written-by-v1"

func TestPresetsWrittenByEarlierCocvmReadTheSame(t *testing.T) {
	updated := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	const desc = "a description\nwith \"quotes\""
	odd := func(n int) string { return "v" + strconv.Itoa(n) + "-é\"\\" }
	want := map[string]Preset{
		"sample": {Name: "sample", Description: desc, Updated: updated, Schema: 1, Draft: wizard.Draft{
			Region: "cn-hongkong-11",
			Count:  3,
			Spec: apiclient.InstanceSpec{
				Az: "cn-hongkong-11a", InstanceType: "g.n2.large", ImageID: "img-ubuntu2204", Name: "web-01",
				KeyName: "ops-key", PasswordAuth: "no",
				PrimaryNetworkInterface: apiclient.NetworkInterfaceSpec{
					VpcID: "vpc-1a2b3c", SubnetID: "subnet-4d5e6f",
					SecurityGroups: []apiclient.SecurityGroupCreate{{GroupID: "sg-web", GroupName: "web"}, {GroupID: "sg-ssh"}},
				},
				SystemDisk:    apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40},
				DataDisks:     []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.io1", DiskSizeGB: 100}},
				ElasticIPSpec: &apiclient.ElasticIPSpec{SizeMbps: 5, Provider: "bgp"},
				Charge:        &apiclient.ChargeSpec{ChargeMode: "prepaid_by_duration", ChargeUnit: "month", ChargeDuration: 1},
			},
		}},
		"full": {Name: "full", Description: desc, Updated: updated, Schema: 1, Draft: wizard.Draft{
			Region: odd(1),
			Count:  31,
			Spec: apiclient.InstanceSpec{
				Az: odd(2), InstanceType: odd(3), ImageID: odd(4), Name: odd(5), KeyName: odd(7), PasswordAuth: odd(8),
				ElasticIPSpec: &apiclient.ElasticIPSpec{SizeMbps: 9, Provider: odd(10), ChargeMode: odd(11),
					ChargePlan: odd(12), ChargeUnit: odd(13), ChargeDuration: 14},
				PrimaryNetworkInterface: apiclient.NetworkInterfaceSpec{
					VpcID: odd(15), SubnetID: odd(16), IP: odd(17),
					SecurityGroups: []apiclient.SecurityGroupCreate{{GroupID: odd(18), GroupName: odd(19)}, {GroupID: odd(20), GroupName: odd(21)}},
				},
				SystemDisk: apiclient.InstanceDiskAttachmentSpec{DiskType: odd(22), DiskSizeGB: 23},
				DataDisks:  []apiclient.InstanceDiskAttachmentSpec{{DiskType: odd(24), DiskSizeGB: 25}, {DiskType: odd(26), DiskSizeGB: 27}},
				Charge:     &apiclient.ChargeSpec{ChargeMode: odd(28), ChargeUnit: odd(29), ChargeDuration: 30, AutoRenew: true},
			},
		}},
		"empty": {Name: "empty", Description: desc, Updated: updated, Schema: 1},
	}
	s := Store{Dir: filepath.Join(writtenByV1, "presets")}
	got, errs := s.List()
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d presets, want %d", len(got), len(want))
	}
	for _, p := range got {
		if w := want[p.Name]; !samePreset(p, w) {
			t.Errorf("%s.toml reads differently:\n got %+v\nwant %+v", p.Name, p, w)
		}
	}
}

func TestConfigWrittenByEarlierCocvmReadsTheSame(t *testing.T) {
	// A checkout gives the file mode 0644: LoadConfig's warning about
	// that is not what this test is about.
	got, _, err := LoadConfig(filepath.Join(writtenByV1, "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Current: "work", Profiles: map[string]Profile{
		"work":    {Name: "work", AccessKey: "AKWORK123", SecretKey: "SKsecret-w0rk-value", Region: "cn-north-1", Zone: "cn-north-1a"},
		"sandbox": {Name: "sandbox", Sandbox: true, Region: "cn-hongkong-11", Zone: "cn-hongkong-11a"},
		"odd name": {Name: "odd name", AccessKey: "AK2", SecretKey: "SK\"with\\escapes\n", Region: "r",
			Endpoint: "http://127.0.0.1:8089"},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("config.toml reads differently:\n got %+v\nwant %+v", got, want)
	}
}

// TestWrittenFilesKeepTheirShape: what cocvm writes now still reads as a
// person expects it to look: the same comments, tables and key order as the
// files written before, so an edited file and a new one look alike.
func TestWrittenFilesKeepTheirShape(t *testing.T) {
	for _, name := range []string{"presets/sample.toml", "presets/full.toml", "presets/empty.toml", "config.toml"} {
		old, err := os.ReadFile(filepath.Join(writtenByV1, name))
		if err != nil {
			t.Fatal(err)
		}
		var now []byte
		if name == "config.toml" {
			c, err := decodeConfig(name, old)
			if err != nil {
				t.Fatal(err)
			}
			now = mustEncodeConfig(t, c)
		} else {
			p, err := decodePreset(name, strings.TrimSuffix(filepath.Base(name), ".toml"), old)
			if err != nil {
				t.Fatal(err)
			}
			now = mustEncodePreset(t, p)
		}
		if a, b := shape(old), shape(now); a != b {
			t.Errorf("%s: the file written now has another shape (comments, headers, keys in order):\n--- before\n%s\n--- now\n%s", name, a, b)
		}
	}
}

// shape keeps each comment, table header and key of a file, in order. It
// leaves out what the TOML library writes its own way: values (a string in
// single rather than double quotes), quoted keys ('odd name'), an empty
// header for a table that only holds tables ([profiles]), and whether a
// table's comment stands above its header or below it.
func shape(data []byte) string {
	var comments, rest []string
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "#"):
			comments = append(comments, l)
		case l == "[profiles]":
		case strings.HasPrefix(l, "["):
			rest = append(rest, strings.ReplaceAll(l, "'", `"`))
		case strings.Contains(l, "="):
			k, _, _ := strings.Cut(l, "=")
			rest = append(rest, strings.TrimSpace(k))
		}
	}
	return strings.Join(comments, "\n") + "\n" + strings.Join(rest, "\n")
}
