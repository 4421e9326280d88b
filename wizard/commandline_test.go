package wizard

import (
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

func TestParseDisk(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    apiclient.InstanceDiskAttachmentSpec
		wantErr string
	}{
		{in: "ssd.gp1:40", want: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40}},
		{in: "ssd.io1", want: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.io1"}},
		{in: " hdd.std1 : 500 ", want: apiclient.InstanceDiskAttachmentSpec{DiskType: "hdd.std1", DiskSizeGB: 500}},
		{in: "ssd.gp1:40G", want: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40}},
		{in: "ssd.gp1:40GB", want: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40}},
		{in: "ssd.gp1:40gib", want: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 40}},
		// Out-of-range sizes parse; Validate explains them.
		{in: "ssd.gp1:45", want: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 45}},
		{in: ":40", wantErr: `disk ":40": the disk type is missing; write TYPE:GB, for example ssd.gp1:40`},
		{in: "", wantErr: `disk "": the disk type is missing; write TYPE:GB, for example ssd.gp1:40`},
		{in: "ssd.gp1:", wantErr: `disk "ssd.gp1:": the size must be a whole number of GiB; write TYPE:GB, for example ssd.gp1:40`},
		{in: "ssd.gp1:forty", wantErr: `disk "ssd.gp1:forty": the size must be a whole number of GiB; write TYPE:GB, for example ssd.gp1:40`},
		{in: "ssd.gp1:0", wantErr: `disk "ssd.gp1:0": the size must be a whole number of GiB; write TYPE:GB, for example ssd.gp1:40`},
		{in: "ssd.gp1:-20", wantErr: `disk "ssd.gp1:-20": the size must be a whole number of GiB; write TYPE:GB, for example ssd.gp1:40`},
		{in: "ssd.gp1:4.5", wantErr: `disk "ssd.gp1:4.5": the size must be a whole number of GiB; write TYPE:GB, for example ssd.gp1:40`},
	} {
		got, err := ParseDisk(tc.in)
		switch {
		case tc.wantErr != "":
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("ParseDisk(%q) error = %v, want %q", tc.in, err, tc.wantErr)
			}
		case err != nil:
			t.Errorf("ParseDisk(%q): %v", tc.in, err)
		case got != tc.want:
			t.Errorf("ParseDisk(%q) = %+v, want %+v", tc.in, got, tc.want)
		default:
			if back, err := ParseDisk(FormatDisk(got)); err != nil || back != got {
				t.Errorf("ParseDisk(FormatDisk(%+v)) = %+v, %v", got, back, err)
			}
		}
	}
}

func TestCommandLine(t *testing.T) {
	for _, tc := range []struct {
		name  string
		draft Draft
		want  string
	}{
		{"minimal", minimalDraft(), "cocvm create --region cn-hongkong-11 --az cn-hongkong-11a --type g.n2.large " +
			"--image img-ubuntu2204 --vpc vpc-a1b2c3 --subnet subnet-d4e5f6 --sg sg-g7h8i9 --name web-01 " +
			"--system-disk ssd.gp1 --yes"},
		{"full", fullDraft(), "cocvm create --region cn-hongkong-11 --az cn-hongkong-11a --type g.n2.large " +
			"--image img-ubuntu2204 --vpc vpc-a1b2c3 --subnet subnet-d4e5f6 --sg sg-g7h8i9 --sg sg-j1k2l3 " +
			"--ip 10.0.1.12 --name 'db-主库.01' --count 1 --key-name ops-key --password-auth no " +
			"--system-disk ssd.gp1:60 --data-disk ssd.io1:200 --data-disk hdd.std1:2000 --eip 5 " +
			"--charge-unit month --charge-duration 3 --auto-renew " +
			"--client-token cocvm-3f1c9a2e-7b4d-4c11-9e0f-5a6b7c8d9e0f --yes"},
		{"password and quoting", func() Draft {
			d := minimalDraft()
			d.Spec.Password = validPassword
			d.Spec.Name = "it's web"
			d.Count = 250
			return d
		}(), "cocvm create --region cn-hongkong-11 --az cn-hongkong-11a --type g.n2.large " +
			"--image img-ubuntu2204 --vpc vpc-a1b2c3 --subnet subnet-d4e5f6 --sg sg-g7h8i9 --name 'it'\\''s web' " +
			"--count 250 --password-stdin --system-disk ssd.gp1 --yes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := CommandLine(tc.draft)
			if got != tc.want {
				t.Errorf("CommandLine:\n  got  %s\n  want %s", got, tc.want)
			}
			if p := tc.draft.Spec.Password; p != "" && strings.Contains(got, p) {
				t.Error("the command line holds the password")
			}
		})
	}
}
