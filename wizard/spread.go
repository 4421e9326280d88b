package wizard

import (
	"github.com/cocvm/cocvm/apiclient"
)

// ZonePart is the share of a fleet that goes to one zone, with the subnet
// its instances use there (a subnet belongs to one zone, or, with no zone,
// fits every zone).
type ZonePart struct {
	Zone     string
	Count    int
	SubnetID string
}

// Spread divides count as evenly as it goes over zones, in the order
// given: every zone gets count/len(zones), and the first count%len(zones)
// zones one more. Zones that would get none are left out; no zones gives
// nothing.
func Spread(count int, zones []string) []ZonePart {
	if len(zones) == 0 || count <= 0 {
		return nil
	}
	parts := make([]ZonePart, 0, len(zones))
	for i, z := range zones {
		n := count / len(zones)
		if i < count%len(zones) {
			n++
		}
		if n > 0 {
			parts = append(parts, ZonePart{Zone: z, Count: n})
		}
	}
	return parts
}

// BuildSpread is Build for a fleet spread over zones: each part is its own
// run of requests of at most 100, in the part's zone and subnet, and every
// request gets a clientToken derived from d.ClientToken by SplitTokens over
// the whole list, so the same draft and parts always give the same tokens.
// One part is exactly Build of the draft in that zone and subnet.
func BuildSpread(d Draft, parts []ZonePart) []apiclient.CreateInstancesRequest {
	inZone := func(p ZonePart) Draft {
		zd := d
		zd.Spec = cloneSpec(d.Spec)
		zd.Spec.Az = p.Zone
		if p.SubnetID != "" {
			zd.Spec.PrimaryNetworkInterface.SubnetID = p.SubnetID
		}
		return zd
	}
	if len(parts) == 1 {
		// As Build: the draft's own token (or its split) and its own
		// maxCount, set or not.
		return Build(inZone(parts[0]))
	}
	var reqs []apiclient.CreateInstancesRequest
	for _, p := range parts {
		zd := inZone(p)
		zd.Count, zd.ClientToken = p.Count, ""
		reqs = append(reqs, Build(zd)...)
	}
	for i, tok := range SplitTokens(d.ClientToken, len(reqs)) {
		reqs[i].ClientToken = tok
	}
	return reqs
}

// ZoneFacts are what the catalogue says that decides how a fleet spreads
// over zones. Every field is optional: what is not known leaves no zone
// out.
type ZoneFacts struct {
	// Type is the draft's instance type with its stock per zone.
	Type *apiclient.InstanceType
	// Subnets are the subnets of the draft's VPC (or of the region); with
	// SubnetsKnown, a zone none of them fits is left out.
	Subnets      []apiclient.Subnet
	SubnetsKnown bool
	// DiskTypes are the region's disk types with their stock per zone.
	DiskTypes []apiclient.DiskType
}

// ZoneLeftOut is a zone of a draft that gets none of its instances, and
// why.
type ZoneLeftOut struct {
	Zone string
	Why  apiclient.Text
}

// PlanZones is how d's instances spread over its zones (Draft.Zones): the
// zones where the type and the disks are in stock share the count evenly
// (Spread), in the order given, each with a subnet that fits it (see
// zoneSubnet); the others are left out, with the reason. A draft of one
// zone is one part, its count and subnet as they are: the rules, not the
// plan, speak of its stock.
func PlanZones(d Draft, f ZoneFacts) ([]ZonePart, []ZoneLeftOut) {
	zones := d.Zones()
	nic := d.Spec.PrimaryNetworkInterface
	if len(zones) <= 1 {
		return []ZonePart{{Zone: d.Spec.Az, Count: max(d.Count, 1), SubnetID: nic.SubnetID}}, nil
	}
	var in []string
	var out []ZoneLeftOut
	for _, z := range zones {
		if why := zoneSoldOut(d, f, z); !why.IsZero() {
			out = append(out, ZoneLeftOut{Zone: z, Why: why})
			continue
		}
		in = append(in, z)
	}
	parts := Spread(max(d.Count, 1), in)
	kept := parts[:0]
	for _, p := range parts {
		sn, why := zoneSubnet(d, f, p.Zone, p.Count)
		if !why.IsZero() {
			out = append(out, ZoneLeftOut{Zone: p.Zone, Why: why})
			continue
		}
		p.SubnetID = sn
		kept = append(kept, p)
	}
	if len(kept) < len(parts) {
		// A zone without a subnet gives its share to the others.
		var zs []string
		for _, p := range kept {
			zs = append(zs, p.Zone)
		}
		again := Spread(max(d.Count, 1), zs)
		for i := range again {
			again[i].SubnetID = kept[i].SubnetID
		}
		kept = again
	}
	return kept, out
}

// zoneSoldOut says why the draft's instances cannot go to zone z (the type
// or a disk type sold out there), a zero Text when they can or nobody knows.
func zoneSoldOut(d Draft, f ZoneFacts, z string) apiclient.Text {
	if t := f.Type; t != nil && t.InstanceType == d.Spec.InstanceType {
		if ok, why := stock(t.State, z); !ok {
			return apiclient.T("%s %v", d.Spec.InstanceType, why)
		}
	}
	disks := append([]apiclient.InstanceDiskAttachmentSpec{d.Spec.SystemDisk}, d.Spec.DataDisks...)
	for _, dt := range f.DiskTypes {
		for _, disk := range disks {
			if disk.DiskType != dt.DiskType {
				continue
			}
			if ok, why := stock(dt.State, z); !ok {
				return apiclient.T("disk type %s %v", dt.DiskType, why)
			}
			break
		}
	}
	return apiclient.Text{}
}

// zoneSubnet is the subnet the instances of zone z use: the draft's when it
// fits z; else the VPC's subnet for z, one of the zone's own before one
// with no zone, one with room for n before one without, then the one with
// the most free addresses. Without known subnets the draft's subnet goes
// everywhere ("" here: BuildSpread keeps the draft's). why says why there
// is none.
func zoneSubnet(d Draft, f ZoneFacts, z string, n int) (id string, why apiclient.Text) {
	nic := d.Spec.PrimaryNetworkInterface
	if !f.SubnetsKnown {
		return "", apiclient.Text{}
	}
	own := -1
	for i, s := range f.Subnets {
		if s.SubnetID == nic.SubnetID {
			own = i
		}
	}
	switch {
	case own >= 0 && f.Subnets[own].FitsZone(z):
		return nic.SubnetID, apiclient.Text{}
	case own < 0 && nic.SubnetID != "" && z == d.Spec.Az:
		// Unknown to the catalogue: the rules say so; the zone keeps it.
		return nic.SubnetID, apiclient.Text{}
	}
	best := -1
	rank := func(s apiclient.Subnet) [3]int {
		r := [3]int{0, 0, s.AvailableIPCount}
		if s.Az == z {
			r[0] = 1
		}
		if s.AvailableIPCount >= n {
			r[1] = 1
		}
		return r
	}
	better := func(a, b [3]int) bool {
		for i := range a {
			if a[i] != b[i] {
				return a[i] > b[i]
			}
		}
		return false
	}
	for i, s := range f.Subnets {
		if !s.FitsZone(z) || (nic.VpcID != "" && s.VpcID != "" && s.VpcID != nic.VpcID) {
			continue
		}
		if best < 0 || better(rank(s), rank(f.Subnets[best])) {
			best = i
		}
	}
	if best < 0 {
		if nic.VpcID != "" {
			return "", apiclient.T("no subnet of %s is in %s", nic.VpcID, z)
		}
		return "", apiclient.T("no subnet of the VPC is in %s", z)
	}
	return f.Subnets[best].SubnetID, apiclient.Text{}
}
