package launch

import (
	"strings"

	"github.com/cocvm/cocvm/apiclient"
)

// The choices the wizard makes for the person, once the lists they come
// from are in: the first zone, the first type in stock there, the newest
// ready Linux image the type runs, the first VPC, a subnet of the zone with
// free addresses (else one with no zone, which fits every zone), and the
// VPC's default security group. Only what the
// wizard chose itself (m.auto) is chosen again when an earlier step changes.

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
	if zones := m.zonesOf(d.Region); len(zones) > 0 {
		d.Spec.Az = zones[0]
	}
}

// defaultType is the first type in stock in the zone.
func (m *Model) defaultType() {
	d := &m.draft
	if !m.auto[autoType] || d.Spec.InstanceType != "" || !m.data.types.ready() {
		return
	}
	for _, t := range m.data.types.items {
		if ok, _ := inStock(t, d.Spec.Az); ok {
			d.Spec.InstanceType = t.InstanceType
			return
		}
	}
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
	var best *apiclient.Image
	for i := range pub.items {
		img := &pub.items[i]
		if !strings.EqualFold(img.Status, "ready") || !strings.EqualFold(img.OsType, "linux") || m.incompatible(img.ImageID) != "" {
			continue
		}
		if best == nil || img.CreateTime > best.CreateTime {
			best = img
		}
	}
	if best != nil {
		d.Spec.ImageID = best.ImageID
		m.imageChanged()
	}
}

// defaultVpc is the region's first VPC; its subnets and groups are looked
// up next.
func (m *Model) defaultVpc() {
	nic := &m.draft.Spec.PrimaryNetworkInterface
	if m.auto[autoVpc] && nic.VpcID == "" && m.data.vpcs.ready() && len(m.data.vpcs.items) > 0 {
		nic.VpcID = m.data.vpcs.items[0].VpcID
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
	az := m.draft.Spec.Az
	for _, zoneless := range []bool{false, true} {
		for _, s := range m.data.subnets.items {
			if s.FitsZone(az) && (s.Az == "") == zoneless && s.AvailableIPCount > 0 {
				nic.SubnetID = s.SubnetID
				return
			}
		}
	}
}

// defaultGroups is the VPC's default security group, or its first.
func (m *Model) defaultGroups() {
	nic := &m.draft.Spec.PrimaryNetworkInterface
	if !m.auto[autoGroups] || len(nic.SecurityGroups) > 0 || !m.data.groups.ready() || len(m.data.groups.items) == 0 {
		return
	}
	pick := m.data.groups.items[0]
	for _, g := range m.data.groups.items {
		if strings.Contains(strings.ToLower(g.NetworkSecurityGroupName), "default") {
			pick = g
			break
		}
	}
	nic.SecurityGroups = []apiclient.SecurityGroupCreate{{GroupID: pick.NetworkSecurityGroupID}}
}

// reDefault re-chooses what the wizard chose itself when it no longer fits
// the zone; the person's own choices stay and are flagged by the rules.
// It runs when the zone changes, and when a fresh answer replaced a list
// (one shown from the cache, say).
func (m *Model) reDefault() {
	d := &m.draft
	if m.auto[autoType] && d.Spec.InstanceType != "" && m.data.types.ready() {
		t := m.data.findType(d.Spec.InstanceType)
		if ok, _ := inStock(derefType(t), d.Spec.Az); t == nil || !ok {
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

func derefType(t *apiclient.InstanceType) apiclient.InstanceType {
	if t == nil {
		return apiclient.InstanceType{}
	}
	return *t
}
