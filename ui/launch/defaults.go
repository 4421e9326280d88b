package launch

import (
	"context"
	"strconv"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
)

// The choices the wizard makes for the person, once the lists they come
// from are in: the first zone, the first type in stock there, the newest
// ready Linux image the type runs, the first VPC, a subnet of the zone with
// free addresses (else one with no zone, which fits every zone), and the
// VPC's default security group. Only what the
// wizard chose itself (m.auto) is chosen again when an earlier step changes.
// Each decision is one pick function, which the wizard (applyDefaults) and
// the command line (ChooseDefaults) both call.

// applyDefaults fills the choices the wizard makes for the person.
func (m *Model) applyDefaults() {
	m.defaultZone()
	m.defaultType()
	m.defaultImage()
	if m.auto[autoSize] {
		m.imageChanged()
	}
	m.defaultVpc()
	m.defaultSubnet()
	m.defaultGroups()
}

func (m *Model) defaultZone() {
	d := &m.draft
	if d.Spec.Az != "" {
		return
	}
	d.Spec.Az = pickZone(m.zonesOf(d.Region))
}

// defaultType is the first type in stock in the zone.
func (m *Model) defaultType() {
	d := &m.draft
	if !m.auto[autoType] || d.Spec.InstanceType != "" || !m.data.types.ready() {
		return
	}
	d.Spec.InstanceType = pickType(m.data.types.items, d.Spec.Az)
}

// defaultImage is the newest ready public Linux image the type runs, once
// the image constraints have answered (or failed).
func (m *Model) defaultImage() {
	d := &m.draft
	pub := m.data.imageList("public")
	constraintsSettled := m.data.constraints.state == loadDone || m.data.constraints.state == loadFailed
	if !m.auto[autoImage] || d.Spec.ImageID != "" || !pub.ready() || !constraintsSettled {
		return
	}
	if best := pickImage(pub.items, func(id string) bool { return m.incompatible(id).IsZero() }); best != nil {
		d.Spec.ImageID = best.ImageID
		m.imageChanged()
	}
}

// defaultVpc is the region's first VPC; its subnets and groups are looked
// up next.
func (m *Model) defaultVpc() {
	nic := &m.draft.Spec.PrimaryNetworkInterface
	if m.auto[autoVpc] && nic.VpcID == "" && m.data.vpcs.ready() && len(m.data.vpcs.items) > 0 {
		nic.VpcID = pickVpc(m.data.vpcs.items).VpcID
		m.pendingLoads = append(m.pendingLoads, m.loadVpcChildren())
	}
}

// defaultSubnet is the VPC's first subnet of the zone with free
// addresses, else its first subnet with no zone (which fits every zone)
// with free addresses.
func (m *Model) defaultSubnet() {
	nic := &m.draft.Spec.PrimaryNetworkInterface
	if !m.auto[autoSubnet] || nic.SubnetID != "" || !m.data.subnets.ready() {
		return
	}
	if s := pickSubnet(m.data.subnets.items, m.draft.Spec.Az); s != nil {
		nic.SubnetID = s.SubnetID
	}
}

// defaultGroups is the VPC's default security group, or its first.
func (m *Model) defaultGroups() {
	nic := &m.draft.Spec.PrimaryNetworkInterface
	if !m.auto[autoGroups] || len(nic.SecurityGroups) > 0 || !m.data.groups.ready() || len(m.data.groups.items) == 0 {
		return
	}
	pick := pickGroup(m.data.groups.items)
	nic.SecurityGroups = []apiclient.SecurityGroupCreate{{GroupID: pick.NetworkSecurityGroupID}}
}

// pickZone is the region's first zone.
func pickZone(zones []string) string {
	if len(zones) == 0 {
		return ""
	}
	return zones[0]
}

// pickType is the first type listed in stock in az ("" when none is).
func pickType(types []apiclient.InstanceType, az string) string {
	for _, t := range types {
		if inStock(t, az) {
			return t.InstanceType
		}
	}
	return ""
}

// pickImage is the newest ready Linux image of images that runs on the
// chosen type (runs).
func pickImage(images []apiclient.Image, runs func(imageID string) bool) *apiclient.Image {
	var best *apiclient.Image
	for i := range images {
		img := &images[i]
		if !strings.EqualFold(img.Status, "ready") || !strings.EqualFold(img.OsType, "linux") || !runs(img.ImageID) {
			continue
		}
		if best == nil || img.CreateTime > best.CreateTime {
			best = img
		}
	}
	return best
}

// pickVpc is the region's first VPC (vpcs is not empty).
func pickVpc(vpcs []apiclient.Vpc) apiclient.Vpc { return vpcs[0] }

// pickSubnet is the first subnet of az with free addresses, else the first
// with no zone with free addresses; nil when none fits.
func pickSubnet(subnets []apiclient.Subnet, az string) *apiclient.Subnet {
	for _, zoneless := range []bool{false, true} {
		for i, s := range subnets {
			if s.FitsZone(az) && (s.Az == "") == zoneless && s.AvailableIPCount > 0 {
				return &subnets[i]
			}
		}
	}
	return nil
}

// pickGroup is the group whose name says default, else the first (groups
// is not empty).
func pickGroup(groups []apiclient.SecurityGroup) apiclient.SecurityGroup {
	for _, g := range groups {
		if strings.Contains(strings.ToLower(g.NetworkSecurityGroupName), "default") {
			return g
		}
	}
	return groups[0]
}

func roundUp10(n int) int { return (n + 9) / 10 * 10 }

// systemDiskGB is the system disk size the wizard gives an image: its
// minimum, rounded up to 10 GB, at least 40 (0 when the image says none).
func systemDiskGB(img *apiclient.Image) int {
	if img == nil || img.SystemDiskSizeGB <= 0 {
		return 0
	}
	return max(40, roundUp10(img.SystemDiskSizeGB))
}

// DefaultsCatalog is what choosing the defaults without the wizard looks up.
type DefaultsCatalog interface {
	ListInstanceTypes(ctx context.Context, region, az string) (apiclient.Listing[apiclient.InstanceType], error)
	ListImages(ctx context.Context, region, source, platform string) (apiclient.Listing[apiclient.Image], error)
	ListImageConstraints(ctx context.Context, region string, imageIDs []string) (apiclient.Listing[apiclient.ImageConstraint], error)
	ListVpcs(ctx context.Context, region string) (apiclient.Listing[apiclient.Vpc], error)
	ListSubnets(ctx context.Context, region, vpcID string) (apiclient.Listing[apiclient.Subnet], error)
	ListSecurityGroups(ctx context.Context, region, vpcID string) (apiclient.Listing[apiclient.SecurityGroup], error)
}

// Chosen is one default chosen for a flag left out: the flag, the value
// chosen and why.
type Chosen struct {
	Flag, Value string
	Why         apiclient.Text
}

// Text is the line the command line says on stderr (without "cocvm: "),
// for locale.Say.
func (c Chosen) Text() apiclient.Text {
	return apiclient.T("--%s not given: %s (%s)", c.Flag, c.Value, c.Why)
}

// String is the line in English.
func (c Chosen) String() string { return c.Text().String() }

// MissingDefaults reports whether d leaves out something ChooseDefaults
// would choose (then it needs the API).
func MissingDefaults(d wizard.Draft) bool {
	s := d.Spec
	nic := s.PrimaryNetworkInterface
	return s.Az == "" || s.InstanceType == "" || s.ImageID == "" || nic.VpcID == "" || nic.SubnetID == "" ||
		len(nic.SecurityGroups) == 0 || s.SystemDisk.DiskType == "" || s.SystemDisk.DiskSizeGB == 0 || s.Name == ""
}

// ChooseDefaults fills what d leaves out with the choices the wizard would
// make (the same pick functions), looking up what they come from in d's
// region, and says each choice. Something it cannot choose (no type in
// stock, say) stays empty for the rules to report.
func ChooseDefaults(ctx context.Context, api DefaultsCatalog, d *wizard.Draft) ([]Chosen, error) {
	var said []Chosen
	s := &d.Spec
	nic := &s.PrimaryNetworkInterface
	if s.Name == "" {
		s.Name = defaultName
		said = append(said, Chosen{"name", defaultName, apiclient.T("the wizard's name")})
	}
	if s.Az == "" {
		// The regions page's zones, or for another region the API's: never
		// made-up names.
		zones, err := RegionZones(ctx, api, d.Region)
		if err != nil {
			return said, err
		}
		if s.Az = pickZone(zones); s.Az != "" {
			said = append(said, Chosen{"az", s.Az, apiclient.T("the first zone of %s", d.Region)})
		}
	}
	if s.InstanceType == "" {
		types, err := api.ListInstanceTypes(ctx, d.Region, "")
		if err != nil {
			return said, apiclient.Errorf("looking up the instance types of %s to choose one: %v", d.Region, err)
		}
		if s.InstanceType = pickType(types.Items, s.Az); s.InstanceType != "" {
			said = append(said, Chosen{"type", s.InstanceType, apiclient.T("the first type listed in stock in %s", s.Az)})
		}
	}
	var img *apiclient.Image
	if s.ImageID == "" || s.SystemDisk.DiskSizeGB == 0 {
		images, err := api.ListImages(ctx, d.Region, apiclient.ImageSourcePublic, "")
		if err != nil {
			return said, apiclient.Errorf("looking up the images of %s to choose one: %v", d.Region, err)
		}
		if s.ImageID == "" {
			var ids []string
			for _, im := range images.Items {
				ids = append(ids, im.ImageID)
			}
			// As in the wizard, constraints that cannot be had rule nothing out.
			constraints := map[string]*apiclient.ImageInstanceTypeConstraint{}
			if c, err := api.ListImageConstraints(ctx, d.Region, ids); err == nil {
				for i := range c.Items {
					constraints[c.Items[i].ImageID] = &c.Items[i].Constraint
				}
			}
			runs := func(imageID string) bool {
				c := constraints[imageID]
				return c == nil || c.Allows(s.InstanceType)
			}
			if img = pickImage(images.Items, runs); img != nil {
				s.ImageID = img.ImageID
				said = append(said, Chosen{"image", img.ImageID, apiclient.T("%s, the newest ready Linux image that runs %s", img.Name, s.InstanceType)})
			}
		} else {
			for i := range images.Items {
				if images.Items[i].ImageID == s.ImageID {
					img = &images.Items[i]
				}
			}
		}
	}
	if s.SystemDisk.DiskType == "" || s.SystemDisk.DiskSizeGB == 0 {
		why := apiclient.T("the wizard's system disk")
		if s.SystemDisk.DiskType == "" {
			s.SystemDisk.DiskType = defaultDiskType
		}
		if s.SystemDisk.DiskSizeGB == 0 {
			if gb := systemDiskGB(img); gb > 0 {
				s.SystemDisk.DiskSizeGB = gb
				why = apiclient.T("the image's minimum of %d GB, rounded up to 10, at least 40", img.SystemDiskSizeGB)
			}
		}
		v := s.SystemDisk.DiskType
		if s.SystemDisk.DiskSizeGB > 0 {
			v += ":" + strconv.Itoa(s.SystemDisk.DiskSizeGB)
		}
		said = append(said, Chosen{"system-disk", v, why})
	}
	if nic.VpcID == "" {
		vpcs, err := api.ListVpcs(ctx, d.Region)
		if err != nil {
			return said, apiclient.Errorf("looking up the VPCs of %s to choose one: %v", d.Region, err)
		}
		if len(vpcs.Items) > 0 {
			v := pickVpc(vpcs.Items)
			nic.VpcID = v.VpcID
			said = append(said, Chosen{"vpc", v.VpcID, apiclient.T("%s, the first VPC of %s", v.VpcName, d.Region)})
		}
	}
	if nic.VpcID == "" {
		return said, nil
	}
	if nic.SubnetID == "" {
		subnets, err := api.ListSubnets(ctx, d.Region, nic.VpcID)
		if err != nil {
			return said, apiclient.Errorf("looking up the subnets of %s to choose one: %v", nic.VpcID, err)
		}
		if sn := pickSubnet(subnets.Items, s.Az); sn != nil {
			nic.SubnetID = sn.SubnetID
			why := apiclient.T("%s, the VPC's first subnet in %s with free addresses", sn.SubnetName, s.Az)
			if sn.Az == "" {
				why = apiclient.T("%s, the VPC's first subnet with no zone with free addresses", sn.SubnetName)
			}
			said = append(said, Chosen{"subnet", sn.SubnetID, why})
		}
	}
	if len(nic.SecurityGroups) == 0 {
		groups, err := api.ListSecurityGroups(ctx, d.Region, nic.VpcID)
		if err != nil {
			return said, apiclient.Errorf("looking up the security groups of %s to choose one: %v", nic.VpcID, err)
		}
		if len(groups.Items) > 0 {
			g := pickGroup(groups.Items)
			nic.SecurityGroups = []apiclient.SecurityGroupCreate{{GroupID: g.NetworkSecurityGroupID}}
			said = append(said, Chosen{"sg", g.NetworkSecurityGroupID, apiclient.T("%s, the VPC's default group", g.NetworkSecurityGroupName)})
		}
	}
	return said, nil
}

// reDefault re-chooses what the wizard chose itself when it no longer fits
// the zone; the person's own choices stay and are flagged by the rules.
// It runs when the zone changes, and when a fresh answer replaced a list
// (one shown from the cache, say).
func (m *Model) reDefault() {
	d := &m.draft
	if m.auto[autoType] && d.Spec.InstanceType != "" && m.data.types.ready() {
		if t := m.data.findType(d.Spec.InstanceType); t == nil || !inStock(*t, d.Spec.Az) {
			d.Spec.InstanceType = ""
		}
	}
	if m.auto[autoImage] && d.Spec.ImageID != "" && m.data.imageList(apiclient.ImageSourcePublic).ready() {
		if img := m.data.findImage(d.Spec.ImageID); img == nil || !strings.EqualFold(img.Status, "ready") {
			d.Spec.ImageID = ""
		}
	}
	if m.auto[autoSubnet] {
		if s := m.data.findSubnet(d.Spec.PrimaryNetworkInterface.SubnetID); s != nil && !s.FitsZone(d.Spec.Az) {
			d.Spec.PrimaryNetworkInterface.SubnetID = ""
		}
	}
}
