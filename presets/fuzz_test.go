package presets

import (
	"errors"
	"reflect"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// samePreset compares presets, times by instant (a decoded time's location
// differs from the one it was written from).
func samePreset(a, b Preset) bool {
	if !a.Updated.Equal(b.Updated) {
		return false
	}
	a.Updated, b.Updated = time.Time{}, time.Time{}
	return reflect.DeepEqual(a, b)
}

func FuzzPresetDecode(f *testing.F) {
	p := New("web", "front end", sampleDraft())
	p.Updated = time.Date(2025, 1, 2, 3, 4, 5, 6, time.UTC)
	f.Add(mustEncodePreset(f, p))
	f.Add(mustEncodePreset(f, New("f", "", fullDraft())))
	f.Add([]byte("schema = 1\nupdated = 2024-05-06\n[instance]\nname = 'x'\n[[data_disks]]\n[[data_disks]]\ndisk_size_gb = -1\n"))
	f.Add([]byte("schema = 1\nnetwork = {vpc_id = \"v\", security_groups = [{group_id = \"a\"}]}\ndata_disks = [{disk_type = \"\"\"x\ny\"\"\"}]\n"))
	f.Add([]byte("schema = 1\n[network]\nsbnet_id = \"x\"\n"))
	f.Add([]byte("schema = 2\n"))
	f.Add([]byte("schema = 1\nupdated = 0000-01-01T00:00:00+01:00\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := decodePreset("f.toml", "f", data)
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != "f.toml" {
				t.Fatalf("error %v is not a *FileError naming the file", err)
			}
			return
		}
		enc := mustEncodePreset(t, p)
		p2, err := decodePreset("f.toml", "f", enc)
		if err != nil {
			t.Fatalf("cannot read back what was written: %v\n%s", err, enc)
		}
		if !samePreset(p, p2) {
			t.Fatalf("round trip changed the preset:\n got %+v\nwant %+v\n%s", p2, p, enc)
		}
	})
}

func FuzzPresetEncode(f *testing.F) {
	f.Add("cn-north-1", "cn-north-1a", "web-01", "desc", "key", "sg-1", 3, 40, true, int64(1735689600))
	f.Add("", "", "", "\x00\"\\\n\t", "", "", -1, 0, false, int64(0))
	f.Fuzz(func(t *testing.T, region, az, name, desc, key, sg string, count, size int, auto bool, unix int64) {
		for _, s := range []string{region, az, name, desc, key, sg} {
			if !utf8.ValidString(s) {
				t.Skip("TOML strings are UTF-8")
			}
		}
		d := wizard.Draft{Region: region, Count: count, ClientToken: "tok", Spec: apiclient.InstanceSpec{
			Az: az, Name: name, KeyName: key, Password: "pw",
			PrimaryNetworkInterface: apiclient.NetworkInterfaceSpec{SecurityGroups: []apiclient.SecurityGroupCreate{{GroupID: sg, GroupName: name}}},
			SystemDisk:              apiclient.InstanceDiskAttachmentSpec{DiskType: az, DiskSizeGB: size},
			DataDisks:               []apiclient.InstanceDiskAttachmentSpec{{DiskType: key, DiskSizeGB: count}},
			Charge:                  &apiclient.ChargeSpec{AutoRenew: auto, ChargeDuration: size},
			ElasticIPSpec:           &apiclient.ElasticIPSpec{SizeMbps: count, Provider: region},
		}}
		p := New("fz", desc, d)
		// Times cocvm writes: whole seconds, UTC, within TOML's years.
		p.Updated = time.Unix(unix%253402300799, 0).UTC()
		if p.Updated.Year() < 0 {
			p.Updated = time.Time{}
		}
		enc := mustEncodePreset(t, p)
		got, err := decodePreset("fz.toml", "fz", enc)
		if err != nil {
			t.Fatalf("decode(encode(p)): %v\n%s", err, enc)
		}
		if !samePreset(got, p) {
			t.Fatalf("decode(encode(p)) != p:\n got %+v\nwant %+v", got, p)
		}
	})
}

func FuzzConfigDecode(f *testing.F) {
	f.Add(mustEncodeConfig(f, sampleConfig()))
	f.Add([]byte("current = \"x\"\n[profiles.x]\nsandbox = true\n[profiles.'a.b']\nregion = \"r\"\n"))
	f.Add([]byte("profiles = {a = {access_key = \"k\"}}\n"))
	f.Add([]byte("[profiles.work]\nsecret_key = \"SK\\q\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := decodeConfig("config.toml", data)
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != "config.toml" {
				t.Fatalf("error %v is not a *FileError naming the file", err)
			}
			return
		}
		enc := mustEncodeConfig(t, c)
		c2, err := decodeConfig("config.toml", enc)
		if err != nil {
			t.Fatalf("cannot read back what was written: %v\n%s", err, enc)
		}
		if !reflect.DeepEqual(c, c2) {
			t.Fatalf("round trip changed the config:\n got %+v\nwant %+v\n%s", c2, c, enc)
		}
	})
}

func mustEncodePreset(t testing.TB, p Preset) []byte {
	t.Helper()
	b, err := encodePreset(p)
	if err != nil {
		t.Fatalf("encodePreset: %v", err)
	}
	return b
}

func mustEncodeConfig(t testing.TB, c Config) []byte {
	t.Helper()
	b, err := encodeConfig(c)
	if err != nil {
		t.Fatalf("encodeConfig: %v", err)
	}
	return b
}
