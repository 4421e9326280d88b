package wizard

import (
	"reflect"
	"strings"
	"testing"

	"github.com/cocvm/cocvm/apiclient"
)

func TestDraftZones(t *testing.T) {
	var d Draft
	d.SetZones([]string{"cn-hongkong-11a"})
	if d.Spec.Az != "cn-hongkong-11a" || d.ExtraZones != nil {
		t.Errorf("one zone: %q %v, want the az alone", d.Spec.Az, d.ExtraZones)
	}
	d.SetZones([]string{"cn-hongkong-11b", "cn-hongkong-11a", "cn-hongkong-11b", ""})
	if got := d.Zones(); !reflect.DeepEqual(got, []string{"cn-hongkong-11b", "cn-hongkong-11a"}) {
		t.Errorf("Zones() = %v, want each zone once, in order", got)
	}
	d.SetZones(nil)
	if d.Zones() != nil {
		t.Errorf("no zones: %v", d.Zones())
	}
}

// hk is the catalogue PlanZones reads in the tests: g.n2.large sold out in
// zone c, ssd.io1 sold out in zone b; default-vpc has a subnet per zone,
// prod-vpc one with no zone.
func hkFacts() ZoneFacts {
	zs := func(in ...bool) []apiclient.InstanceTypeState {
		var s []apiclient.InstanceTypeState
		for i, ok := range in {
			s = append(s, apiclient.InstanceTypeState{Az: "cn-hongkong-11" + string(rune('a'+i)), InStock: ok})
		}
		return s
	}
	return ZoneFacts{
		Type: &apiclient.InstanceType{InstanceType: "g.n2.large", State: zs(true, true, false)},
		Subnets: []apiclient.Subnet{
			{SubnetID: "subnet-a", VpcID: "vpc-1", Az: "cn-hongkong-11a", AvailableIPCount: 500},
			{SubnetID: "subnet-b", VpcID: "vpc-1", Az: "cn-hongkong-11b", AvailableIPCount: 3},
			{SubnetID: "subnet-b2", VpcID: "vpc-1", Az: "cn-hongkong-11b", AvailableIPCount: 200},
			{SubnetID: "subnet-c", VpcID: "vpc-1", Az: "cn-hongkong-11c", AvailableIPCount: 500},
			{SubnetID: "subnet-other", VpcID: "vpc-2", Az: "cn-hongkong-11d", AvailableIPCount: 500},
			{SubnetID: "subnet-any", VpcID: "vpc-3", AvailableIPCount: 100},
		},
		SubnetsKnown: true,
		DiskTypes:    []apiclient.DiskType{{DiskType: "ssd.gp1"}, {DiskType: "ssd.io1", State: zs(true, false, true)}},
	}
}

func TestPlanZones(t *testing.T) {
	base := func(count int, vpc, subnet string, zones ...string) Draft {
		d := Draft{Region: "cn-hongkong-11", Count: count}
		d.Spec.InstanceType = "g.n2.large"
		d.Spec.SystemDisk.DiskType = "ssd.gp1"
		d.Spec.PrimaryNetworkInterface.VpcID = vpc
		d.Spec.PrimaryNetworkInterface.SubnetID = subnet
		d.SetZones(zones)
		return d
	}
	withIO1 := base(6, "vpc-1", "subnet-a", "cn-hongkong-11a", "cn-hongkong-11b")
	withIO1.Spec.DataDisks = []apiclient.InstanceDiskAttachmentSpec{{DiskType: "ssd.io1", DiskSizeGB: 100}}
	for _, tc := range []struct {
		name  string
		d     Draft
		f     ZoneFacts
		parts []ZonePart
		out   []string
	}{
		{
			name:  "one zone is the draft as it is",
			d:     base(5, "vpc-1", "subnet-x", "cn-hongkong-11c"),
			f:     hkFacts(),
			parts: []ZonePart{{Zone: "cn-hongkong-11c", Count: 5, SubnetID: "subnet-x"}},
		},
		{
			name:  "the type's sold-out zone is left out; each zone its own subnet, with room first",
			d:     base(7, "vpc-1", "subnet-a", "cn-hongkong-11a", "cn-hongkong-11b", "cn-hongkong-11c"),
			f:     hkFacts(),
			parts: []ZonePart{{Zone: "cn-hongkong-11a", Count: 4, SubnetID: "subnet-a"}, {Zone: "cn-hongkong-11b", Count: 3, SubnetID: "subnet-b2"}},
			out:   []string{"cn-hongkong-11c: g.n2.large is sold out in cn-hongkong-11c"},
		},
		{
			name:  "a disk type's sold-out zone is left out",
			d:     withIO1,
			f:     hkFacts(),
			parts: []ZonePart{{Zone: "cn-hongkong-11a", Count: 6, SubnetID: "subnet-a"}},
			out:   []string{"cn-hongkong-11b: disk type ssd.io1 is sold out in cn-hongkong-11b"},
		},
		{
			name:  "a subnet with no zone fits every zone",
			d:     base(5, "vpc-3", "subnet-any", "cn-hongkong-11a", "cn-hongkong-11b"),
			f:     hkFacts(),
			parts: []ZonePart{{Zone: "cn-hongkong-11a", Count: 3, SubnetID: "subnet-any"}, {Zone: "cn-hongkong-11b", Count: 2, SubnetID: "subnet-any"}},
		},
		{
			name:  "a zone without a subnet of the VPC gives its share to the others",
			d:     base(5, "vpc-2", "subnet-other", "cn-hongkong-11a", "cn-hongkong-11d"),
			f:     ZoneFacts{Subnets: hkFacts().Subnets, SubnetsKnown: true},
			parts: []ZonePart{{Zone: "cn-hongkong-11d", Count: 5, SubnetID: "subnet-other"}},
			out:   []string{"cn-hongkong-11a: no subnet of vpc-2 is in cn-hongkong-11a"},
		},
		{
			name:  "nothing known: every zone, the draft's subnet",
			d:     base(5, "vpc-1", "subnet-a", "cn-hongkong-11a", "cn-hongkong-11b", "cn-hongkong-11c"),
			parts: []ZonePart{{Zone: "cn-hongkong-11a", Count: 2}, {Zone: "cn-hongkong-11b", Count: 2}, {Zone: "cn-hongkong-11c", Count: 1}},
		},
		{
			name: "one zone sold out: the rules say so, not the plan",
			d:    base(5, "vpc-1", "subnet-c", "cn-hongkong-11c"),
			f:    hkFacts(),
			// One zone: the rules speak of its stock, not the plan.
			parts: []ZonePart{{Zone: "cn-hongkong-11c", Count: 5, SubnetID: "subnet-c"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts, out := PlanZones(tc.d, tc.f)
			if !reflect.DeepEqual(parts, tc.parts) {
				t.Errorf("parts %+v, want %+v", parts, tc.parts)
			}
			var lines []string
			for _, o := range out {
				lines = append(lines, o.Zone+": "+o.Why.String())
			}
			if !reflect.DeepEqual(lines, tc.out) {
				t.Errorf("left out %q, want %q", lines, tc.out)
			}
		})
	}
}

// The rules of a draft spread over zones: every zone in the region, once;
// a fixed IP is one zone; the type and disks need stock in one zone, not
// every one; the subnet holds its zone's share.
func TestValidateZones(t *testing.T) {
	spread := func(edit func(*Draft)) Draft {
		d := minimalDraft()
		d.Count = 300
		d.ExtraZones = []string{"cn-hongkong-11b", "cn-hongkong-11c"}
		if edit != nil {
			edit(&d)
		}
		return d
	}
	wantLines(t, Validate(spread(nil), nil))
	wantLines(t, Validate(spread(func(d *Draft) { d.ExtraZones = []string{"cn-hongkong-11a", "ap-singapore-11a"} }), nil),
		"instanceSpec.az: zone cn-hongkong-11a is listed twice",
		"instanceSpec.az: zone ap-singapore-11a is not in region cn-hongkong-11 (its zones are named cn-hongkong-11a, cn-hongkong-11b, ...)")
	fixed := spread(func(d *Draft) { d.Count = 1; d.Spec.PrimaryNetworkInterface.IP = "10.0.1.12" })
	if ps := problemLines(Validate(fixed, nil)); len(ps) != 1 || !strings.Contains(ps[0], "instanceSpec.az: a fixed private IP") {
		t.Errorf("a fixed IP over zones: %q", ps)
	}

	f := fullFacts() // g.n2.large sold out in c; subnet-d4e5f6 in a, 200 free
	f.Subnet.SubnetID = "subnet-d4e5f6"
	f.Image.ImageID = "img-ubuntu2204"
	f.SecurityGroups = []apiclient.SecurityGroup{{NetworkSecurityGroupID: "sg-g7h8i9", VpcID: "vpc-a1b2c3"}}
	f.Quota = nil
	// 300 over three zones: 100 in a fit the subnet's 200; c is sold out,
	// which leaves it out of the plan rather than stopping the create.
	wantLines(t, Validate(spread(nil), f))
	// Sold out in every zone chosen is a problem.
	onlyC := spread(func(d *Draft) { d.SetZones([]string{"cn-hongkong-11c"}) })
	wantLines(t, Validate(onlyC, f),
		"instanceSpec.instanceType: instance type g.n2.large is sold out in cn-hongkong-11c; choose another type or zone",
		"instanceSpec.primaryNetworkInterface.subnetId: subnet subnet-d4e5f6 is in zone cn-hongkong-11a; the instances are in cn-hongkong-11c",
		"instanceSpec.primaryNetworkInterface.subnetId: subnet subnet-d4e5f6 has 200 free addresses; 300 instances need one each")
	bc := spread(func(d *Draft) { d.SetZones([]string{"cn-hongkong-11c", "cn-hongkong-11b"}); d.Count = 10 })
	f.InstanceType.State[1].InStock = false
	wantLines(t, Validate(bc, f),
		"instanceSpec.instanceType: instance type g.n2.large is sold out in every zone chosen (cn-hongkong-11c, cn-hongkong-11b); choose another type or zone",
		"instanceSpec.primaryNetworkInterface.subnetId: subnet subnet-d4e5f6 is in zone cn-hongkong-11a; the instances are in cn-hongkong-11c, cn-hongkong-11b")
}

func TestCommandLineNamesEveryZone(t *testing.T) {
	d := minimalDraft()
	d.ExtraZones = []string{"cn-hongkong-11b"}
	if line := CommandLine(d); !strings.Contains(line, " --az cn-hongkong-11a,cn-hongkong-11b ") {
		t.Errorf("CommandLine = %s", line)
	}
}
