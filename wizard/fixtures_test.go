package wizard

import (
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

// validPassword passes every password rule; the tests below break one rule
// at a time around it.
const validPassword = "Xk7!mPw9q"

// minimalDraft sets only what the API requires.
func minimalDraft() Draft {
	return Draft{
		Region: "cn-hongkong-11",
		Spec: apiclient.InstanceSpec{
			Az:           "cn-hongkong-11a",
			InstanceType: "g.n2.large",
			ImageID:      "img-ubuntu2204",
			Name:         "web-01",
			PrimaryNetworkInterface: apiclient.NetworkInterfaceSpec{
				VpcID:          "vpc-a1b2c3",
				SubnetID:       "subnet-d4e5f6",
				SecurityGroups: []apiclient.SecurityGroupCreate{{GroupID: "sg-g7h8i9"}},
			},
			SystemDisk: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1"},
		},
	}
}

// fullDraft sets every field: key pair login, fixed IP, elastic IP, two
// security groups, data disks, billing.
func fullDraft() Draft {
	return Draft{
		Region: "cn-hongkong-11",
		Spec: apiclient.InstanceSpec{
			Az:           "cn-hongkong-11a",
			InstanceType: "g.n2.large",
			ImageID:      "img-ubuntu2204",
			Name:         "db-主库.01",
			KeyName:      "ops-key",
			PasswordAuth: "no",
			ElasticIPSpec: &apiclient.ElasticIPSpec{
				SizeMbps: 5, Provider: "bgp", ChargeMode: "prepaid_by_duration",
				ChargePlan: "bandwidth", ChargeUnit: "month", ChargeDuration: 3,
			},
			PrimaryNetworkInterface: apiclient.NetworkInterfaceSpec{
				VpcID:    "vpc-a1b2c3",
				SubnetID: "subnet-d4e5f6",
				IP:       "10.0.1.12",
				SecurityGroups: []apiclient.SecurityGroupCreate{
					{GroupID: "sg-g7h8i9", GroupName: "default"},
					{GroupID: "sg-j1k2l3", GroupName: "db"},
				},
			},
			SystemDisk: apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: 60},
			DataDisks: []apiclient.InstanceDiskAttachmentSpec{
				{DiskType: "ssd.io1", DiskSizeGB: 200},
				{DiskType: "hdd.std1", DiskSizeGB: 2000},
			},
			Charge: &apiclient.ChargeSpec{
				ChargeMode: "prepaid_by_duration", ChargeUnit: "month", ChargeDuration: 3, AutoRenew: true,
			},
		},
		Count:       1,
		ClientToken: "cocvm-3f1c9a2e-7b4d-4c11-9e0f-5a6b7c8d9e0f",
	}
}

// fullFacts is a catalogue under which fullDraft is valid.
func fullFacts() *Facts {
	zoneStock := func(in ...bool) []apiclient.InstanceTypeState {
		zones := []string{"cn-hongkong-11a", "cn-hongkong-11b", "cn-hongkong-11c"}
		var s []apiclient.InstanceTypeState
		for i, ok := range in {
			s = append(s, apiclient.InstanceTypeState{Az: zones[i], InStock: ok})
		}
		return s
	}
	return &Facts{
		Image: &apiclient.Image{
			ImageID: "img-ubuntu2204", Name: "Ubuntu 22.04 64位", Platform: "Ubuntu", OsType: "linux",
			ImageSource: "public", Status: "ready", SystemDiskSizeGB: 40,
		},
		ImagesKnown:     true,
		ImageConstraint: &apiclient.ImageInstanceTypeConstraint{ConstraintsType: "excludes", InstanceTypes: []string{"p.n1p4c.2xlarge"}},
		InstanceType: &apiclient.InstanceType{
			Family: "general", InstanceType: "g.n2.large", CPU: 2, MemoryMB: 8192, State: zoneStock(true, true, false),
		},
		TypesKnown: true,
		DiskTypes: []apiclient.DiskType{
			{DiskType: "ssd.gp1", State: zoneStock(true, true, true)},
			{DiskType: "ssd.io1", State: zoneStock(true, false, true)},
			{DiskType: "hdd.std1"},
		},
		Subnet: &apiclient.Subnet{
			SubnetID: "subnet-d4e5f6", VpcID: "vpc-a1b2c3", AddressPrefix: "10.0.1.0/24",
			Az: "cn-hongkong-11a", AvailableIPCount: 200,
		},
		SubnetsKnown: true,
		SecurityGroups: []apiclient.SecurityGroup{
			{NetworkSecurityGroupID: "sg-g7h8i9", VpcID: "vpc-a1b2c3"},
			{NetworkSecurityGroupID: "sg-j1k2l3", VpcID: "vpc-a1b2c3"},
			{NetworkSecurityGroupID: "sg-other1", VpcID: "vpc-zzz"},
		},
		Keypairs: []apiclient.Keypair{{KeyName: "ops-key"}},
		Quota:    &apiclient.QuotaUsage{ServiceCode: "cocvm", ResourceType: "vm", Limit: 50, Used: 27},
	}
}

// problemLines renders problems as "path: message" lines without positions.
func problemLines(ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		p.Pos = Position{}
		out[i] = p.String()
	}
	return out
}

// wantLines compares problem lines exactly, reporting both lists on a
// mismatch.
func wantLines(t *testing.T, got []Problem, want ...string) {
	t.Helper()
	lines := problemLines(got)
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n  got:\n    %s\n  want:\n    %s", strings.Join(lines, "\n    "), strings.Join(want, "\n    "))
	}
}
