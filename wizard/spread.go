package wizard

import "github.com/cocvm/cocvm/apiclient"

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
	var reqs []apiclient.CreateInstancesRequest
	for _, p := range parts {
		zd := d
		zd.Spec = cloneSpec(d.Spec)
		zd.Spec.Az = p.Zone
		if p.SubnetID != "" {
			zd.Spec.PrimaryNetworkInterface.SubnetID = p.SubnetID
		}
		zd.Count, zd.ClientToken = p.Count, ""
		reqs = append(reqs, Build(zd)...)
	}
	if len(parts) == 1 {
		// As Build: the draft's own token (or its split) and its own
		// maxCount, set or not.
		single := d
		single.Spec = reqs[0].InstanceSpec
		return Build(single)
	}
	for i, tok := range SplitTokens(d.ClientToken, len(reqs)) {
		reqs[i].ClientToken = tok
	}
	return reqs
}
