package launch

import (
	"context"
	"slices"
	"strings"

	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/wizard"
)

// A fleet over zones: the draft's count spread evenly over the zones where
// its type (and disks) are in stock, each zone with its own requests and a
// subnet that fits it. The command line plans it with look-ups
// (PlanFleet); the wizard from what its steps already loaded
// (Model.fleet). Either way the requests are wizard.BuildSpread's, so the
// same draft and zones always give the same tokens.

// TypesCatalog looks up a region's instance types (and so its zones).
type TypesCatalog interface {
	ListInstanceTypes(ctx context.Context, region, az string) (apiclient.Listing[apiclient.InstanceType], error)
}

// FleetCatalog is what planning a fleet over zones looks up.
type FleetCatalog interface {
	TypesCatalog
	ListSubnets(ctx context.Context, region, vpcID string) (apiclient.Listing[apiclient.Subnet], error)
	ListDiskTypes(ctx context.Context, region string) (apiclient.Listing[apiclient.DiskType], error)
}

// Fleet is how a draft's instances go out.
type Fleet struct {
	// Parts are the zones that get instances, with their counts and
	// subnets; LeftOut the zones that get none, and why.
	Parts   []wizard.ZonePart
	LeftOut []wizard.ZoneLeftOut
	// Reqs are the requests to send (wizard.BuildSpread of Parts).
	Reqs []apiclient.CreateInstancesRequest
	// Guessed says the stock and subnets of the zones were not looked up:
	// every zone got a share and the draft's subnet.
	Guessed bool
}

// Spread reports whether the fleet goes to more than one zone (or was
// meant to: zones left out count).
func (f Fleet) Spread() bool { return len(f.Parts)+len(f.LeftOut) > 1 }

// NewFleet plans d's fleet from facts already known (nil fields: not
// known, no zone left out for them).
func NewFleet(d wizard.Draft, facts wizard.ZoneFacts) Fleet {
	parts, out := wizard.PlanZones(d, facts)
	f := Fleet{Parts: parts, LeftOut: out}
	if len(parts) > 0 {
		f.Reqs = wizard.BuildSpread(d, parts)
	}
	f.Guessed = len(d.Zones()) > 1 && facts.Type == nil && !facts.SubnetsKnown
	return f
}

// PlanFleet plans d's fleet. A draft of one zone needs no look-up: it is
// sent as it is (wizard.Build). Over several zones it looks up the type's
// stock per zone, the VPC's subnets and the disk types' stock (with ctx,
// so a paced ctx spends the run's budget).
func PlanFleet(ctx context.Context, api FleetCatalog, d wizard.Draft) (Fleet, error) {
	if len(d.Zones()) <= 1 {
		return NewFleet(d, wizard.ZoneFacts{}), nil
	}
	var facts wizard.ZoneFacts
	types, err := api.ListInstanceTypes(ctx, d.Region, "")
	if err != nil {
		return Fleet{}, apiclient.Errorf("looking up the stock of %s in each zone: %v", d.Spec.InstanceType, err)
	}
	for i := range types.Items {
		if types.Items[i].InstanceType == d.Spec.InstanceType {
			facts.Type = &types.Items[i]
		}
	}
	if vpc := d.Spec.PrimaryNetworkInterface.VpcID; vpc != "" {
		subnets, err := api.ListSubnets(ctx, d.Region, vpc)
		if err != nil {
			return Fleet{}, apiclient.Errorf("looking up the subnets of %s for each zone: %v", vpc, err)
		}
		facts.Subnets, facts.SubnetsKnown = subnets.Items, true
	}
	disks, err := api.ListDiskTypes(ctx, d.Region)
	if err != nil {
		return Fleet{}, apiclient.Errorf("looking up the stock of the disk types in each zone: %v", err)
	}
	facts.DiskTypes = disks.Items
	return NewFleet(d, facts), nil
}

// RegionZones are every zone of region, as the regions page lists them;
// for a region it does not list, the zones the catalogue's types name.
func RegionZones(ctx context.Context, api TypesCatalog, region string) ([]string, error) {
	if r, ok := apiclient.LookupRegion(region); ok {
		return slices.Clone(r.Zones), nil
	}
	if api == nil {
		return nil, apiclient.Errorf("the zones of region %s are not known without asking the API", region)
	}
	types, err := api.ListInstanceTypes(ctx, region, "")
	if err != nil {
		return nil, apiclient.Errorf("looking up the zones of %s: %v", region, err)
	}
	var zones []string
	for _, t := range types.Items {
		for _, s := range t.State {
			if s.Az != "" && !slices.Contains(zones, s.Az) {
				zones = append(zones, s.Az)
			}
		}
	}
	if len(zones) == 0 {
		return nil, apiclient.Errorf("the API names no zone of region %s", region)
	}
	slices.Sort(zones)
	return zones, nil
}

// SplitLines say how a fleet over zones goes out, for the review, preview
// and create --yes, in p's language: the split, each zone's subnet when it
// is not the draft's, and the zones left out. None for one zone.
func (f Fleet) SplitLines(p *message.Printer, d wizard.Draft) []string {
	var lines []string
	for _, l := range f.splitLines(p, d) {
		lines = append(lines, l.text)
	}
	return lines
}

// splitLine is a line of SplitLines, and whether it says a zone was left
// out.
type splitLine struct {
	text    string
	leftOut bool
}

func (f Fleet) splitLines(p *message.Printer, d wizard.Draft) []splitLine {
	if !f.Spread() {
		return nil
	}
	var lines []splitLine
	if len(f.Parts) > 0 {
		split := make([]string, len(f.Parts))
		for i, part := range f.Parts {
			split[i] = p.Sprintf("%d in %s", part.Count, part.Zone)
		}
		lines = append(lines, splitLine{text: p.Sprintf("%s over %s: %s",
			p.Sprintf("%d instances", max(d.Count, 1)), p.Sprintf("%d zones", len(f.Parts)), strings.Join(split, p.Sprintf(", ")))})
	}
	own := d.Spec.PrimaryNetworkInterface.SubnetID
	for _, part := range f.Parts {
		if part.SubnetID != "" && part.SubnetID != own {
			lines = append(lines, splitLine{text: p.Sprintf("%s uses subnet %s", part.Zone, part.SubnetID)})
		}
	}
	for _, o := range f.LeftOut {
		lines = append(lines, splitLine{text: p.Sprintf("%s left out: %s", o.Zone, locale.Say(p, o.Why)), leftOut: true})
	}
	if f.Guessed {
		text := p.Sprintf("stock and subnets per zone were not looked up: every zone is shown with no subnet; they are checked when the requests are sent")
		if own != "" {
			text = p.Sprintf("stock and subnets per zone were not looked up: every zone is shown with subnet %s; they are checked when the requests are sent", own)
		}
		lines = append(lines, splitLine{text: text})
	}
	return lines
}

// ZonesText is a list of zones for a title: "cn-hongkong-11a" or
// "cn-hongkong-11a, b, c" (the region's name said once).
func ZonesText(zones []string) string {
	if len(zones) < 2 {
		return strings.Join(zones, "")
	}
	first := zones[0]
	stem := first[:len(first)-1]
	short := []string{first}
	for _, z := range zones[1:] {
		if len(z) != len(first) || !strings.HasPrefix(z, stem) {
			return strings.Join(zones, ", ")
		}
		short = append(short, z[len(stem):])
	}
	return strings.Join(short, ", ")
}
