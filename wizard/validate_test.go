package wizard

import (
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

func TestValidDraftsHaveNoProblems(t *testing.T) {
	wantLines(t, Validate(minimalDraft(), nil))
	wantLines(t, Validate(minimalDraft(), fullFacts()))
	wantLines(t, Validate(fullDraft(), nil))
	wantLines(t, Validate(fullDraft(), fullFacts()))
	for _, req := range Build(fullDraft()) {
		wantLines(t, ValidateRequest(req, fullFacts()))
	}
}

func TestValidateEmptyDraft(t *testing.T) {
	// Every required field, in the order of the body.
	wantLines(t, Validate(Draft{}, nil),
		"instanceSpec.az: required: the availability zone, for example cn-hongkong-11a",
		"instanceSpec.instanceType: required: the instance type, for example g.n2.large",
		"instanceSpec.imageId: required: the image id (img-...)",
		"instanceSpec.name: required: the instance name, 1 to 64 characters of Chinese, letters, digits, '_', '-' or '.'",
		"instanceSpec.primaryNetworkInterface.vpcId: required: the VPC of the instances (vpc-...)",
		"instanceSpec.primaryNetworkInterface.subnetId: required: the subnet of the instances (subnet-...)",
		`instanceSpec.primaryNetworkInterface.securityGroups: required: at least one security group ({"groupId": "sg-..."})`,
		"instanceSpec.systemDisk.diskType: required: the system disk type, for example ssd.gp1",
	)
}

type ruleCase struct {
	name   string
	full   bool                  // start from fullDraft, else minimalDraft
	mutate func(d *Draft)        // what to change
	facts  func(f *Facts) *Facts // nil: no facts; else change fullFacts()
	want   []string
}

func withFacts(change func(f *Facts)) func(f *Facts) *Facts {
	return func(f *Facts) *Facts {
		change(f)
		return f
	}
}

var sameFacts = withFacts(func(*Facts) {})

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := minimalDraft()
			if tc.full {
				d = fullDraft()
			}
			if tc.mutate != nil {
				tc.mutate(&d)
			}
			var f *Facts
			if tc.facts != nil {
				f = tc.facts(fullFacts())
			}
			wantLines(t, Validate(d, f), tc.want...)
		})
	}
}

func TestValidateIdentity(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "zone of another region", mutate: func(d *Draft) { d.Region = "ap-singapore-11" },
			want: []string{"instanceSpec.az: zone cn-hongkong-11a is not in region ap-singapore-11 (its zones are named ap-singapore-11a, ap-singapore-11b, ...)"}},
		{name: "region as zone", mutate: func(d *Draft) { d.Spec.Az = d.Region },
			want: []string{"instanceSpec.az: zone cn-hongkong-11 is not in region cn-hongkong-11 (its zones are named cn-hongkong-11a, cn-hongkong-11b, ...)"}},
		{name: "no region, any zone", mutate: func(d *Draft) { d.Region = ""; d.Spec.Az = "cn-north-1a" }},
		{name: "bad name", mutate: func(d *Draft) { d.Spec.Name = ".web" },
			want: []string{"instanceSpec.name: must not start with '.'"}},
		{name: "bad password, each failure a problem", mutate: func(d *Draft) { d.Spec.Password = "Xk!987qwe" },
			want: []string{
				"instanceSpec.password: contains the consecutive digits 987",
				"instanceSpec.password: contains the keyboard sequence qwe",
			}},
		{name: "good password", mutate: func(d *Draft) { d.Spec.Password = validPassword }},
		{name: "client token 64", mutate: func(d *Draft) { d.ClientToken = strings.Repeat("t", 64) }},
		{name: "client token 65", mutate: func(d *Draft) { d.ClientToken = strings.Repeat("t", 65) },
			want: []string{"clientToken: must be at most 64 characters; has 65"}},
		{name: "client token with a space", mutate: func(d *Draft) { d.ClientToken = "my token" },
			want: []string{"clientToken: may hold only printable ASCII characters (letters, digits, punctuation, no spaces); found ' ' (space)"}},
		{name: "client token in Chinese", mutate: func(d *Draft) { d.ClientToken = "令牌" },
			want: []string{"clientToken: may hold only printable ASCII characters (letters, digits, punctuation, no spaces); found '令'"}},
		{name: "client token punctuation", mutate: func(d *Draft) { d.ClientToken = "cocvm-1_2.3:4/5~6" }},
		{name: "bytes that are not UTF-8", mutate: func(d *Draft) {
			d.Spec.KeyName = "k\xff"
			d.Spec.PrimaryNetworkInterface.SecurityGroups[0].GroupName = "\xfe"
		}, want: []string{
			"instanceSpec.keyName: is not valid UTF-8 text",
			"instanceSpec.primaryNetworkInterface.securityGroups[0].groupName: is not valid UTF-8 text",
		}},
	})
}

func TestValidateLogin(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "password and key pair", full: true, mutate: func(d *Draft) { d.Spec.Password = validPassword },
			want: []string{"instanceSpec.keyName: set either a password or a key pair (keyName), not both"}},
		{name: "passwordAuth no without key", mutate: func(d *Draft) { d.Spec.PasswordAuth = "no" },
			want: []string{"instanceSpec.keyName: required when passwordAuth is no: without SSH password login, a key pair is the way in"}},
		{name: "passwordAuth no with key", mutate: func(d *Draft) { d.Spec.PasswordAuth = "no"; d.Spec.KeyName = "k" }},
		{name: "passwordAuth yes without password", mutate: func(d *Draft) { d.Spec.PasswordAuth = "yes" }},
		{name: "passwordAuth YES", mutate: func(d *Draft) { d.Spec.PasswordAuth = "YES" },
			want: []string{`instanceSpec.passwordAuth: must be yes or no; got "YES"`}},
		{name: "passwordAuth true", mutate: func(d *Draft) { d.Spec.PasswordAuth = "true" },
			want: []string{`instanceSpec.passwordAuth: must be yes or no; got "true"`}},
		{name: "key pair with a Windows image", full: true,
			facts: withFacts(func(f *Facts) { f.Image.OsType = "windows" }),
			want:  []string{"instanceSpec.keyName: key pairs work only with Linux images; img-ubuntu2204 is windows; use a password"}},
		{name: "key pair not found", full: true, facts: withFacts(func(f *Facts) { f.Keypairs = []apiclient.Keypair{} }),
			want: []string{"instanceSpec.keyName: key pair ops-key not found in this region"}},
		{name: "key pairs unknown", full: true, facts: withFacts(func(f *Facts) { f.Keypairs = nil })},
	})
}

func TestValidateElasticIP(t *testing.T) {
	eip := func(change func(e *apiclient.ElasticIPSpec)) func(d *Draft) {
		return func(d *Draft) { change(d.Spec.ElasticIPSpec) }
	}
	runRuleCases(t, []ruleCase{
		{name: "minimal elastic IP", mutate: func(d *Draft) { d.Spec.ElasticIPSpec = ElasticIP(5) }},
		{name: "empty elastic IP", mutate: func(d *Draft) { d.Spec.ElasticIPSpec = &apiclient.ElasticIPSpec{} },
			want: []string{
				"instanceSpec.elasticIpSpec.sizeMbps: required: the bandwidth of the elastic IP, 1 to 200 Mbps",
				"instanceSpec.elasticIpSpec.provider: required: bgp, the only line COC-VM offers",
			}},
		{name: "sizeMbps -1", full: true, mutate: eip(func(e *apiclient.ElasticIPSpec) { e.SizeMbps = -1 }),
			want: []string{"instanceSpec.elasticIpSpec.sizeMbps: must be 1 to 200 Mbps; got -1"}},
		{name: "sizeMbps 1", full: true, mutate: eip(func(e *apiclient.ElasticIPSpec) { e.SizeMbps = 1 })},
		{name: "sizeMbps 200", full: true, mutate: eip(func(e *apiclient.ElasticIPSpec) { e.SizeMbps = 200 })},
		{name: "sizeMbps 201", full: true, mutate: eip(func(e *apiclient.ElasticIPSpec) { e.SizeMbps = 201 }),
			want: []string{"instanceSpec.elasticIpSpec.sizeMbps: must be 1 to 200 Mbps; got 201"}},
		{name: "provider BGP", full: true, mutate: eip(func(e *apiclient.ElasticIPSpec) { e.Provider = "BGP" }),
			want: []string{`instanceSpec.elasticIpSpec.provider: must be bgp, the only line COC-VM offers; got "BGP"`}},
		{name: "postpaid", full: true, mutate: eip(func(e *apiclient.ElasticIPSpec) { e.ChargeMode = "postpaid_by_usage" }),
			want: []string{`instanceSpec.elasticIpSpec.chargeMode: must be prepaid_by_duration, the only mode COC-VM offers; got "postpaid_by_usage"`}},
		{name: "traffic plan", full: true, mutate: eip(func(e *apiclient.ElasticIPSpec) { e.ChargePlan = "traffic" }),
			want: []string{`instanceSpec.elasticIpSpec.chargePlan: must be bandwidth, the only plan COC-VM offers; got "traffic"`}},
		{name: "unit week", full: true, mutate: eip(func(e *apiclient.ElasticIPSpec) { e.ChargeUnit = "week" }),
			want: []string{`instanceSpec.elasticIpSpec.chargeUnit: must be month or year; got "week"`}},
		{name: "unit differs from the instances'", full: true, mutate: eip(func(e *apiclient.ElasticIPSpec) { e.ChargeUnit = "year"; e.ChargeDuration = 0 }),
			want: []string{"instanceSpec.elasticIpSpec.chargeUnit: must match the instances' charge unit (month); got year"}},
		{name: "duration differs from the instances'", full: true, mutate: eip(func(e *apiclient.ElasticIPSpec) { e.ChargeDuration = 9 }),
			want: []string{"instanceSpec.elasticIpSpec.chargeDuration: must match the instances' charge duration (3); got 9"}},
		{name: "duration 10 months", full: true, mutate: eip(func(e *apiclient.ElasticIPSpec) { e.ChargeDuration = 10 }),
			want: []string{"instanceSpec.elasticIpSpec.chargeDuration: must be 1 to 9 months; got 10"}},
		{name: "duration follows the instances' year", mutate: func(d *Draft) {
			d.Spec.Charge = &apiclient.ChargeSpec{ChargeUnit: "year", ChargeDuration: 2}
			d.Spec.ElasticIPSpec = &apiclient.ElasticIPSpec{SizeMbps: 5, Provider: "bgp", ChargeDuration: 4}
		}, want: []string{"instanceSpec.elasticIpSpec.chargeDuration: must be 1 to 3 years; got 4"}},
		{name: "default terms match month 1", mutate: func(d *Draft) {
			d.Spec.ElasticIPSpec = &apiclient.ElasticIPSpec{SizeMbps: 5, Provider: "bgp", ChargeUnit: "month", ChargeDuration: 1}
		}},
	})
}

func TestValidateNetwork(t *testing.T) {
	nic := func(change func(n *apiclient.NetworkInterfaceSpec)) func(d *Draft) {
		return func(d *Draft) { change(&d.Spec.PrimaryNetworkInterface) }
	}
	ip := func(a string) func(d *Draft) {
		return nic(func(n *apiclient.NetworkInterfaceSpec) { n.IP = a })
	}
	const ipPath = "instanceSpec.primaryNetworkInterface.ip: "
	const sgPath = "instanceSpec.primaryNetworkInterface.securityGroups"
	runRuleCases(t, []ruleCase{
		{name: "group without id", mutate: nic(func(n *apiclient.NetworkInterfaceSpec) {
			n.SecurityGroups = append(n.SecurityGroups, apiclient.SecurityGroupCreate{GroupName: "web"})
		}), want: []string{sgPath + "[1].groupId: required: the security group id (sg-...)"}},
		{name: "duplicate group", mutate: nic(func(n *apiclient.NetworkInterfaceSpec) {
			n.SecurityGroups = append(n.SecurityGroups, apiclient.SecurityGroupCreate{GroupID: "sg-x"}, n.SecurityGroups[0])
		}), want: []string{sgPath + "[2].groupId: sg-g7h8i9 is listed twice (also securityGroups[0])"}},
		{name: "group not found", full: true, facts: sameFacts, mutate: nic(func(n *apiclient.NetworkInterfaceSpec) {
			n.SecurityGroups[1].GroupID = "sg-gone"
		}), want: []string{sgPath + "[1].groupId: security group sg-gone not found in this region"}},
		{name: "group of another VPC", full: true, facts: sameFacts, mutate: nic(func(n *apiclient.NetworkInterfaceSpec) {
			n.SecurityGroups[1].GroupID = "sg-other1"
		}), want: []string{sgPath + "[1].groupId: security group sg-other1 belongs to vpc-zzz, not vpc-a1b2c3"}},

		{name: "IPv4 syntax", mutate: ip("10.0.1.256"), want: []string{ipPath + `"10.0.1.256" is not a valid IP address (for example 10.0.1.12)`}},
		{name: "not an address", mutate: ip("web"), want: []string{ipPath + `"web" is not a valid IP address (for example 10.0.1.12)`}},
		{name: "zone suffix", mutate: ip("fe80::1%eth0"), want: []string{ipPath + `"fe80::1%eth0" is not a valid IP address (for example 10.0.1.12)`}},
		{name: "loopback", mutate: ip("127.0.0.1"), want: []string{ipPath + "127.0.0.1 cannot be a host address (loopback, multicast, link-local, broadcast or unspecified)"}},
		{name: "unspecified", mutate: ip("0.0.0.0"), want: []string{ipPath + "0.0.0.0 cannot be a host address (loopback, multicast, link-local, broadcast or unspecified)"}},
		{name: "IPv6 is valid syntax", mutate: ip("2001:db8::5")},
		{name: "IPv6 in an IPv4 subnet", mutate: ip("2001:db8::5"), facts: sameFacts,
			want: []string{ipPath + "subnet subnet-d4e5f6 (10.0.1.0/24) does not support IPv6"}},
		// "子网配置" (COC subnets): .1, .253 and .254 of a /24 are reserved.
		{name: "first usable host", mutate: ip("10.0.1.2"), facts: sameFacts},
		{name: "last usable host", mutate: ip("10.0.1.252"), facts: sameFacts},
		{name: "gateway", mutate: ip("10.0.1.1"), facts: sameFacts,
			want: []string{ipPath + "10.0.1.1 is reserved by JD Cloud in 10.0.1.0/24 (the second address and the two before the broadcast address); choose another"}},
		{name: "reserved before broadcast", mutate: ip("10.0.1.254"), facts: sameFacts,
			want: []string{ipPath + "10.0.1.254 is reserved by JD Cloud in 10.0.1.0/24 (the second address and the two before the broadcast address); choose another"}},
		{name: "reserved third-to-last", mutate: ip("10.0.1.253"), facts: sameFacts,
			want: []string{ipPath + "10.0.1.253 is reserved by JD Cloud in 10.0.1.0/24 (the second address and the two before the broadcast address); choose another"}},
		{name: "network address", mutate: ip("10.0.1.0"), facts: sameFacts,
			want: []string{ipPath + "10.0.1.0 is the network address of 10.0.1.0/24; choose a host address"}},
		{name: "broadcast address", mutate: ip("10.0.1.255"), facts: sameFacts,
			want: []string{ipPath + "10.0.1.255 is the broadcast address of 10.0.1.0/24; choose a host address"}},
		{name: "outside the subnet", mutate: ip("10.0.2.5"), facts: sameFacts,
			want: []string{ipPath + "10.0.2.5 is outside subnet subnet-d4e5f6 (10.0.1.0/24)"}},
		{name: "outside, subnet facts stale", mutate: ip("10.0.2.5"),
			facts: withFacts(func(f *Facts) { f.Subnet.SubnetID = "subnet-other" })},

		{name: "subnet not found", facts: withFacts(func(f *Facts) { f.Subnet = nil }),
			want: []string{"instanceSpec.primaryNetworkInterface.subnetId: subnet subnet-d4e5f6 not found in this region"}},
		{name: "subnet of another VPC", facts: withFacts(func(f *Facts) { f.Subnet.VpcID = "vpc-zzz" }),
			want: []string{"instanceSpec.primaryNetworkInterface.subnetId: subnet subnet-d4e5f6 belongs to vpc-zzz, not vpc-a1b2c3"}},
		{name: "subnet in another zone", facts: withFacts(func(f *Facts) { f.Subnet.Az = "cn-hongkong-11b" }),
			want: []string{"instanceSpec.primaryNetworkInterface.subnetId: subnet subnet-d4e5f6 is in zone cn-hongkong-11b; the instances are in cn-hongkong-11a"}},
		{name: "subnet nearly full", mutate: func(d *Draft) { d.Count = 3 },
			facts: withFacts(func(f *Facts) { f.Subnet.AvailableIPCount = 2 }),
			want:  []string{"instanceSpec.primaryNetworkInterface.subnetId: subnet subnet-d4e5f6 has 2 free addresses; 3 instances need one each"}},
		{name: "subnet just big enough", mutate: func(d *Draft) { d.Count = 2 },
			facts: withFacts(func(f *Facts) { f.Subnet.AvailableIPCount = 2 })},
	})
}

func TestValidateDisks(t *testing.T) {
	system := func(gb int) func(d *Draft) { return func(d *Draft) { d.Spec.SystemDisk.DiskSizeGB = gb } }
	data := func(disks ...apiclient.InstanceDiskAttachmentSpec) func(d *Draft) {
		return func(d *Draft) { d.Spec.DataDisks = disks }
	}
	gp1 := func(gb int) apiclient.InstanceDiskAttachmentSpec {
		return apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: gb}
	}
	const sys = "instanceSpec.systemDisk.diskSizeGB: "
	const data0 = "instanceSpec.dataDisks[0].diskSizeGB: "
	runRuleCases(t, []ruleCase{
		{name: "system size unset", mutate: system(0)},
		{name: "system 30", mutate: system(30), want: []string{sys + "must be 40 to 500 GiB; got 30"}},
		{name: "system 35", mutate: system(35), want: []string{sys + "must be 40 to 500 GiB; got 35", sys + "must be a multiple of 10 GiB; got 35"}},
		{name: "system 40", mutate: system(40)},
		{name: "system 45", mutate: system(45), want: []string{sys + "must be a multiple of 10 GiB; got 45"}},
		{name: "system 500", mutate: system(500)},
		{name: "system 510", mutate: system(510), want: []string{sys + "must be 40 to 500 GiB; got 510"}},
		{name: "system -10", mutate: system(-10), want: []string{sys + "must be 40 to 500 GiB; got -10"}},
		{name: "system below the image", mutate: system(50),
			facts: withFacts(func(f *Facts) { f.Image.SystemDiskSizeGB = 60 }),
			want:  []string{sys + "must be at least 60 GiB, the size image img-ubuntu2204 needs; got 50"}},
		{name: "system at the image's size", mutate: system(60),
			facts: withFacts(func(f *Facts) { f.Image.SystemDiskSizeGB = 60 })},
		{name: "data 10", mutate: data(gp1(10)), want: []string{data0 + "must be 20 to 32000 GiB; got 10"}},
		{name: "data 20", mutate: data(gp1(20))},
		{name: "data 25", mutate: data(gp1(25)), want: []string{data0 + "must be a multiple of 10 GiB; got 25"}},
		{name: "data 32000", mutate: data(gp1(32000))},
		{name: "data 32010", mutate: data(gp1(32010)), want: []string{data0 + "must be 20 to 32000 GiB; got 32010"}},
		// The seed marks diskSizeGB optional: the service's default applies
		// (Notes says so).
		{name: "data without size", mutate: data(gp1(0))},
		{name: "data without type", mutate: data(apiclient.InstanceDiskAttachmentSpec{DiskSizeGB: 20}),
			want: []string{"instanceSpec.dataDisks[0].diskType: required: the data disk type, for example ssd.gp1"}},
		{name: "7 data disks", mutate: data(gp1(20), gp1(20), gp1(20), gp1(20), gp1(20), gp1(20), gp1(20))},
		{name: "8 data disks", mutate: data(gp1(20), gp1(20), gp1(20), gp1(20), gp1(20), gp1(20), gp1(20), gp1(20)),
			want: []string{"instanceSpec.dataDisks: at most 7 data disks (8 disks with the system disk); has 8"}},
		{name: "type allows 4 disks, 3 data", mutate: data(gp1(20), gp1(20), gp1(20)),
			facts: withFacts(func(f *Facts) { f.InstanceType.MaxDisks = 4 })},
		{name: "type allows 4 disks, 4 data", mutate: data(gp1(20), gp1(20), gp1(20), gp1(20)),
			facts: withFacts(func(f *Facts) { f.InstanceType.MaxDisks = 4 }),
			want:  []string{"instanceSpec.dataDisks: at most 3 data disks (4 disks with the system disk for g.n2.large); has 4"}},
		{name: "disk type sold out", full: true,
			facts: withFacts(func(f *Facts) { f.DiskTypes[1].State[0].InStock = false }),
			want:  []string{"instanceSpec.dataDisks[0].diskType: disk type ssd.io1 is sold out in cn-hongkong-11a; choose another disk type"}},
		{name: "disk type not sold in the zone", full: true,
			facts: withFacts(func(f *Facts) { f.DiskTypes[1].State = f.DiskTypes[1].State[1:] }),
			want:  []string{"instanceSpec.dataDisks[0].diskType: disk type ssd.io1 is not sold in cn-hongkong-11a; choose another disk type"}},
		{name: "unknown disk type", mutate: func(d *Draft) { d.Spec.SystemDisk.DiskType = "ssd.xx" }, facts: sameFacts,
			want: []string{`instanceSpec.systemDisk.diskType: unknown disk type "ssd.xx"; choose one of ssd.gp1, ssd.io1, hdd.std1`}},
		{name: "disk types unknown", mutate: func(d *Draft) { d.Spec.SystemDisk.DiskType = "ssd.xx" },
			facts: withFacts(func(f *Facts) { f.DiskTypes = nil })},
	})
}

func TestValidateCharge(t *testing.T) {
	charge := func(mode, unit string, n int) func(d *Draft) {
		return func(d *Draft) {
			d.Spec.Charge = &apiclient.ChargeSpec{ChargeMode: mode, ChargeUnit: unit, ChargeDuration: n}
		}
	}
	const dur = "instanceSpec.charge.chargeDuration: "
	runRuleCases(t, []ruleCase{
		{name: "empty charge", mutate: charge("", "", 0)},
		{name: "postpaid", mutate: charge("postpaid_by_usage", "", 0),
			want: []string{`instanceSpec.charge.chargeMode: must be prepaid_by_duration: COC-VM instances are prepaid only; got "postpaid_by_usage"`}},
		{name: "unit week", mutate: charge("", "week", 1), want: []string{`instanceSpec.charge.chargeUnit: must be month or year; got "week"`}},
		{name: "month -1", mutate: charge("", "month", -1), want: []string{dur + "must be 1 to 9 months; got -1"}},
		{name: "month 1", mutate: charge("prepaid_by_duration", "month", 1)},
		{name: "month 9", mutate: charge("", "month", 9)},
		{name: "month 10", mutate: charge("", "month", 10), want: []string{dur + "must be 1 to 9 months; got 10"}},
		{name: "default unit 10", mutate: charge("", "", 10), want: []string{dur + "must be 1 to 9 months; got 10"}},
		{name: "year 0 is the default", mutate: charge("", "year", 0)},
		{name: "year 1", mutate: charge("", "year", 1)},
		{name: "year 3", mutate: charge("", "year", 3)},
		{name: "year 4", mutate: charge("", "year", 4), want: []string{dur + "must be 1 to 3 years; got 4"}},
	})
}

func TestValidateCount(t *testing.T) {
	count := func(n int) func(d *Draft) { return func(d *Draft) { d.Count = n } }
	runRuleCases(t, []ruleCase{
		{name: "-1", mutate: count(-1), want: []string{"maxCount: must be 1 to 100; got -1"}},
		{name: "0 is the default 1", mutate: count(0)},
		{name: "1", mutate: count(1)},
		{name: "100", mutate: count(100)},
		{name: "101 in a draft is split", mutate: count(101)},
		{name: "250 in a draft is split", mutate: count(250)},
		{name: "fixed IP, count 2", full: true, mutate: count(2),
			want: []string{"maxCount: must be 1 when a fixed IP is given (instanceSpec.primaryNetworkInterface.ip); got 2"}},
		{name: "quota left 23, asking 23", mutate: count(23), facts: sameFacts},
		{name: "quota left 23, asking 24", mutate: count(24), facts: sameFacts,
			want: []string{"maxCount: the instance quota has 23 left (27 of 50 used); asking for 24"}},
		{name: "quota exhausted", facts: withFacts(func(f *Facts) { f.Quota.Used = 50 }),
			want: []string{"maxCount: the instance quota has 0 left (50 of 50 used); asking for 1"}},
	})
}

// The disk, disk size and elastic IP quotas count every instance's disks
// (the system disk included), their GiB and its elastic IP; each problem is
// on the field that asks for most of it.
func TestValidateQuotas(t *testing.T) {
	quota := func(limit, used int) *apiclient.QuotaUsage { return &apiclient.QuotaUsage{Limit: limit, Used: used} }
	count := func(n int) func(d *Draft) { return func(d *Draft) { d.Count = n } }
	withEIP := func(n int) func(d *Draft) {
		return func(d *Draft) {
			d.Count = n
			d.Spec.ElasticIPSpec = &apiclient.ElasticIPSpec{SizeMbps: 5, Provider: "bgp"}
		}
	}
	withData := func(n int, sizes ...int) func(d *Draft) {
		return func(d *Draft) {
			d.Count = n
			for _, gb := range sizes {
				d.Spec.DataDisks = append(d.Spec.DataDisks, apiclient.InstanceDiskAttachmentSpec{DiskType: "ssd.gp1", DiskSizeGB: gb})
			}
		}
	}
	runRuleCases(t, []ruleCase{
		// minimalDraft: one system disk of the image's 40 GiB, no elastic IP.
		{name: "disks: 3 left, 3 instances × 1 disk", mutate: count(3), facts: withFacts(func(f *Facts) { f.DiskQuota = quota(10, 7) })},
		{name: "disks: 2 left, 3 instances × 1 disk", mutate: count(3), facts: withFacts(func(f *Facts) { f.DiskQuota = quota(10, 8) }),
			want: []string{"maxCount: the cloud disk quota has 2 left (8 of 10 used); asking for 3 (3 instances × 1 disk, the system disk included)"}},
		{name: "disks: data disks count, on the data disks", mutate: withData(2, 100, 100), facts: withFacts(func(f *Facts) { f.DiskQuota = quota(10, 5) }),
			want: []string{"instanceSpec.dataDisks: the cloud disk quota has 5 left (5 of 10 used); asking for 6 (2 instances × 3 disks, the system disk included)"}},
		{name: "disks: a used-up quota", facts: withFacts(func(f *Facts) { f.DiskQuota = quota(10, 12) }),
			want: []string{"maxCount: the cloud disk quota has 0 left (12 of 10 used); asking for 1 (1 instance × 1 disk, the system disk included)"}},
		{name: "GiB: the image's 40 GiB when no size is given", mutate: count(2), facts: withFacts(func(f *Facts) { f.DiskGiBQuota = quota(100, 20) })},
		{name: "GiB: 79 left, 2 × 40 GiB", mutate: count(2), facts: withFacts(func(f *Facts) { f.DiskGiBQuota = quota(100, 21) }),
			want: []string{"instanceSpec.systemDisk.diskSizeGB: the cloud disk capacity quota has 79 GiB left (21 of 100 GiB used); asking for 80 GiB (2 instances × 40 GiB)"}},
		{name: "GiB: data disks, on the data disks", mutate: withData(1, 500, 0), facts: withFacts(func(f *Facts) { f.DiskGiBQuota = quota(600, 100) }),
			want: []string{"instanceSpec.dataDisks: the cloud disk capacity quota has 500 GiB left (100 of 600 GiB used); asking for 560 GiB (1 instance × 560 GiB)"}},
		{name: "elastic IPs: none asked", mutate: count(5), facts: withFacts(func(f *Facts) { f.ElasticIPQuota = quota(1, 1) })},
		{name: "elastic IPs: 2 left, 2 asked", mutate: withEIP(2), facts: withFacts(func(f *Facts) { f.ElasticIPQuota = quota(5, 3) })},
		{name: "elastic IPs: 2 left, 3 asked", mutate: withEIP(3), facts: withFacts(func(f *Facts) { f.ElasticIPQuota = quota(5, 3) }),
			want: []string{"instanceSpec.elasticIpSpec: the elastic IP quota has 2 left (3 of 5 used); asking for 3 (one per instance)"}},
		{name: "unknown quotas check nothing", mutate: withEIP(100), facts: withFacts(func(f *Facts) { f.Quota = nil })},
	})
}

func TestNeeds(t *testing.T) {
	img := &apiclient.Image{ImageID: "img-ubuntu2204", SystemDiskSizeGB: 60}
	for _, tc := range []struct {
		name string
		d    Draft
		img  *apiclient.Image
		want QuotaNeed
	}{
		{"minimal: the 40 GiB least", minimalDraft(), nil, QuotaNeed{Instances: 1, Disks: 1, DiskGiB: 40, DiskGiBEach: 40}},
		{"minimal: the image's size", minimalDraft(), img, QuotaNeed{Instances: 1, Disks: 1, DiskGiB: 60, DiskGiBEach: 60}},
		{"full: 60 + 200 + 2000 GiB, an elastic IP", fullDraft(), img, QuotaNeed{Instances: 1, Disks: 3, DiskGiB: 2260, DiskGiBEach: 2260, ElasticIPs: 1}},
		{"full × 4", func() Draft { d := fullDraft(); d.Count = 4; return d }(), nil,
			QuotaNeed{Instances: 4, Disks: 12, DiskGiB: 9040, DiskGiBEach: 2260, ElasticIPs: 4}},
		{"a data disk without a size counts 20 GiB", func() Draft {
			d := minimalDraft()
			d.Spec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.gp1"}}
			return d
		}(), nil, QuotaNeed{Instances: 1, Disks: 2, DiskGiB: 60, DiskGiBEach: 60}},
	} {
		if got := Needs(tc.d, tc.img); got != tc.want {
			t.Errorf("%s: Needs = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestValidateRequestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want []string
	}{
		{0, nil}, {1, nil}, {100, nil},
		{101, []string{"maxCount: one request creates at most 100 instances; got 101 (cocvm create splits larger counts into several requests)"}},
	} {
		req := DraftToRequest(minimalDraft())
		req.MaxCount = tc.n
		wantLines(t, ValidateRequest(req, nil), tc.want...)
	}
}

func TestValidateCatalogue(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "type does not exist", facts: withFacts(func(f *Facts) { f.InstanceType = nil }),
			want: []string{"instanceSpec.instanceType: instance type g.n2.large does not exist in this region"}},
		{name: "type sold out in the zone", facts: withFacts(func(f *Facts) { f.InstanceType.State[0].InStock = false }),
			want: []string{"instanceSpec.instanceType: instance type g.n2.large is sold out in cn-hongkong-11a; choose another type or zone"}},
		{name: "type not sold in the zone", facts: withFacts(func(f *Facts) { f.InstanceType.State = f.InstanceType.State[1:] }),
			want: []string{"instanceSpec.instanceType: instance type g.n2.large is not sold in cn-hongkong-11a; choose another type or zone"}},
		{name: "type facts stale", facts: withFacts(func(f *Facts) {
			f.InstanceType.InstanceType = "c.n2.large"
			f.InstanceType.State[0].InStock = false
		})},
		{name: "image not found", facts: withFacts(func(f *Facts) { f.Image = nil }),
			want: []string{"instanceSpec.imageId: image img-ubuntu2204 not found in this region"}},
		{name: "image not ready", facts: withFacts(func(f *Facts) { f.Image.Status = "creating" }),
			want: []string{"instanceSpec.imageId: image img-ubuntu2204 is not ready (its status is creating); choose a ready image"}},
		{name: "image excludes the type", facts: withFacts(func(f *Facts) {
			f.ImageConstraint.InstanceTypes = append(f.ImageConstraint.InstanceTypes, "g.n2.large")
		}), want: []string{"instanceSpec.imageId: image img-ubuntu2204 does not support instance type g.n2.large"}},
		{name: "image includes other types", facts: withFacts(func(f *Facts) {
			f.ImageConstraint = &apiclient.ImageInstanceTypeConstraint{ConstraintsType: "includes", InstanceTypes: []string{"c.n2.large"}}
		}), want: []string{"instanceSpec.imageId: image img-ubuntu2204 does not support instance type g.n2.large"}},
		{name: "image includes the type", facts: withFacts(func(f *Facts) {
			f.ImageConstraint = &apiclient.ImageInstanceTypeConstraint{ConstraintsType: "includes", InstanceTypes: []string{"g.n2.large"}}
		})},
		{name: "image facts stale", facts: withFacts(func(f *Facts) { f.Image.ImageID = "img-other"; f.Image.Status = "error" })},
	})
}

func TestProblemsUnder(t *testing.T) {
	ps := []Problem{
		{Path: "instanceSpec.systemDisk.diskSizeGB"},
		{Path: "instanceSpec.systemDiskX"},
		{Path: "instanceSpec.dataDisks[1].diskType"},
		{Path: "instanceSpec.dataDisks"},
		{Path: "maxCount"},
	}
	paths := func(ps []Problem) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.Path)
		}
		return strings.Join(s, " ")
	}
	for prefix, want := range map[string]string{
		"instanceSpec.systemDisk": "instanceSpec.systemDisk.diskSizeGB",
		"instanceSpec.dataDisks":  "instanceSpec.dataDisks[1].diskType instanceSpec.dataDisks",
		"maxCount":                "maxCount",
		"":                        paths(ps),
		"clientToken":             "",
	} {
		if got := paths(ProblemsUnder(ps, prefix)); got != want {
			t.Errorf("ProblemsUnder(%q) = %q, want %q", prefix, got, want)
		}
	}
}

func TestProblemString(t *testing.T) {
	for _, tc := range []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "maxCount", Message: apiclient.T("must be 1 to 100; got %d", 0)}, "maxCount: must be 1 to 100; got 0"},
		{Problem{Message: apiclient.T("the body is empty")}, "the body is empty"},
		{Problem{Path: "InstanceSpec", Message: apiclient.T("unknown field; did you mean %s?", "instanceSpec"), Pos: Position{4, 3}},
			"InstanceSpec: unknown field; did you mean instanceSpec? (line 4, column 3)"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

// TestValidateDecodedZeros: in a body read from JSON, an integer written as
// 0 is out of range, where in a draft 0 means absent. Every Integer of the
// seed's tables starts at 1.
func TestValidateDecodedZeros(t *testing.T) {
	req := DraftToRequest(fullDraft())
	s := &req.InstanceSpec
	req.MaxCount = 0
	s.SystemDisk.DiskSizeGB = 0
	s.DataDisks[1].DiskSizeGB = 0
	s.ElasticIPSpec.SizeMbps = 0
	s.ElasticIPSpec.ChargeDuration = 0
	s.Charge.ChargeDuration = 0
	// Absent: the defaults apply (the elastic IP's size is required).
	wantLines(t, ValidateDecoded(req, nil, nil),
		"instanceSpec.elasticIpSpec.sizeMbps: required: the bandwidth of the elastic IP, 1 to 200 Mbps")
	// Written as 0: each is out of range.
	zero := func(string) bool { return true }
	wantLines(t, ValidateDecoded(req, nil, zero),
		"instanceSpec.elasticIpSpec.sizeMbps: must be 1 to 200 Mbps; got 0",
		"instanceSpec.elasticIpSpec.chargeDuration: must be 1 to 9 months; got 0",
		"instanceSpec.systemDisk.diskSizeGB: must be 40 to 500 GiB; got 0",
		"instanceSpec.dataDisks[1].diskSizeGB: must be 20 to 32000 GiB; got 0",
		"instanceSpec.charge.chargeDuration: must be 1 to 9 months; got 0",
		"maxCount: must be 1 to 100; got 0",
	)
	// A year's range too.
	s.Charge.ChargeUnit, s.ElasticIPSpec.ChargeUnit, s.ElasticIPSpec.SizeMbps = "year", "year", 5
	only := func(path string) bool { return path == PathCharge+".chargeDuration" }
	req.MaxCount, s.SystemDisk.DiskSizeGB, s.DataDisks[1].DiskSizeGB = 1, 60, 20
	wantLines(t, ValidateDecoded(req, nil, only), "instanceSpec.charge.chargeDuration: must be 1 to 3 years; got 0")
}

func TestNotes(t *testing.T) {
	d := fullDraft()
	wantLines(t, Notes(d, nil))
	d.Spec.DataDisks[1].DiskSizeGB = 0
	want := "instanceSpec.dataDisks[1].diskSizeGB: not given, so the service's default size applies; createInstances " +
		"documents no default, so give a size (20 to 32000 GiB, in steps of 10) to know what you get"
	wantLines(t, Notes(d, nil), want)
	wantLines(t, Validate(d, nil)) // a note, not a problem
	// Written as 0, it is a problem instead.
	wantLines(t, Notes(d, func(string) bool { return true }))
}

func TestProblemTextIsString(t *testing.T) {
	for _, p := range []Problem{
		{Message: apiclient.T("a %s", "b")},
		{Path: PathName, Message: apiclient.T("must not end with '.'")},
		{Path: PathName, Message: apiclient.T("x"), Pos: Position{Line: 1200, Column: 3}},
		{Message: apiclient.T("x"), Pos: Position{Line: 2, Column: 3}},
	} {
		if got, want := p.Text().String(), p.String(); got != want {
			t.Errorf("Text() = %q, String() = %q", got, want)
		}
	}
}
