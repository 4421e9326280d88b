package launch

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// Step 4, network: VPC, subnet of the zone, security groups, a private IP
// checked against the subnet as typed, and an elastic IP with its bandwidth.

func (m *Model) networkStep() *field.Step {
	f := &m.f
	p := m.st.P
	f.vpc = m.lookUpList(p.Sprintf("VPC"), p.Sprintf("VPCs"), 3, []theme.Column{{Title: p.Sprintf("NAME"), Width: 20}, {Title: "ID", Width: 18}, {Title: "CIDR", Width: 16}})
	f.vpc.OnChange = func(id string) {
		m.draft.Spec.PrimaryNetworkInterface.VpcID = id
		delete(m.auto, autoVpc)
		m.vpcChanged()
	}
	f.subnet = m.lookUpList(p.Sprintf("Subnet"), p.Sprintf("subnets"), 3, []theme.Column{{Title: p.Sprintf("NAME"), Width: 20, Min: 10}, {Title: "ID", Width: 18}, {Title: "CIDR", Width: 16},
		{Title: p.Sprintf("ZONE"), Width: 9}, {Title: p.Sprintf("FREE IPs"), Width: 8, Right: true}})
	f.subnet.OnChange = func(id string) {
		m.draft.Spec.PrimaryNetworkInterface.SubnetID = id
		delete(m.auto, autoSubnet)
		m.refreshAll()
	}
	f.groups = m.lookUpList(p.Sprintf("Security groups"), p.Sprintf("security groups"), 3, []theme.Column{{Title: p.Sprintf("NAME"), Width: 20}, {Title: "ID", Width: 18}, {Title: "", Width: 24}})
	f.groups.Multi = true
	f.groups.OnChange = func(string) {
		delete(m.auto, autoGroups)
		m.setGroups(f.groups.Picked)
	}
	f.ip = field.NewInput(p.Sprintf("Private IP"), p.Sprintf("automatic"), 45, func(v string) {
		m.draft.Spec.PrimaryNetworkInterface.IP = strings.TrimSpace(v)
		m.fixCountForIP()
	})
	f.ip.Hint = p.Sprintf("optional; forces count 1")
	f.ip.SetValue(m.draft.Spec.PrimaryNetworkInterface.IP)
	f.eip = &field.Choice{Label: p.Sprintf("Public IP"), Options: []field.Option{{Label: p.Sprintf("none")}, {Label: p.Sprintf("elastic IP (BGP)")}}}
	if m.draft.Spec.ElasticIPSpec != nil {
		f.eip.Selected = 1
	}
	f.eip.OnChange = func(i int) {
		if i == 1 {
			mbps, err := strconv.Atoi(strings.TrimSpace(f.eipMbps.Value()))
			if err != nil || mbps == 0 {
				mbps = defaultEIPMbps
				f.eipMbps.SetValue(strconv.Itoa(mbps))
			}
			m.draft.Spec.ElasticIPSpec = &apiclient.ElasticIPSpec{SizeMbps: mbps, Provider: apiclient.EIPProviderBGP}
			m.syncEIPCharge()
		} else {
			m.draft.Spec.ElasticIPSpec = nil
		}
	}
	f.eipMbps = field.NewInput(p.Sprintf("Bandwidth"), "Mbps", 4, func(v string) {
		if e := m.draft.Spec.ElasticIPSpec; e != nil {
			e.SizeMbps, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	})
	f.eipMbps.Hint = p.Sprintf("Mbps, 1 to 200")
	f.eipMbps.Hidden = func() bool { return m.draft.Spec.ElasticIPSpec == nil }
	f.eipMbps.Local = intProblem(f.eipMbps, wizard.PathEIP+".sizeMbps")
	if e := m.draft.Spec.ElasticIPSpec; e != nil {
		f.eipMbps.SetValue(strconv.Itoa(e.SizeMbps))
	} else {
		f.eipMbps.SetValue(strconv.Itoa(defaultEIPMbps))
	}
	return &field.Step{
		Title:    p.Sprintf("Network"),
		Subtitle: func() string { return p.Sprintf("zone %s", m.draft.Spec.Az) },
		Fields:   []field.Field{f.vpc, f.subnet, f.groups, f.ip, f.eip, f.eipMbps},
		After: func(i int) string {
			if m.steps[stepNetwork].Fields[i] != f.ip {
				return ""
			}
			return m.ipNote()
		},
	}
}

// fixCountForIP does what the Network step says: a private IP fixes the
// count at 1 (one address, one instance), and clearing it gives the count
// back, instead of a problem waiting on the Login step.
func (m *Model) fixCountForIP() {
	set := func(n int) {
		m.draft.Count = n
		if m.f.count != nil {
			m.f.count.SetValue(strconv.Itoa(n))
		}
	}
	switch ip := m.draft.Spec.PrimaryNetworkInterface.IP; {
	case ip != "" && m.draft.Count > 1:
		m.countBeforeIP = m.draft.Count
		set(1)
	case ip == "" && m.countBeforeIP > 0:
		set(m.countBeforeIP)
		m.countBeforeIP = 0
	}
}

// ipNote checks a typed private IP against the chosen subnet as it is typed.
func (m *Model) ipNote() string {
	ip := m.draft.Spec.PrimaryNetworkInterface.IP
	if ip == "" {
		return ""
	}
	pad := field.Indent
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return "" // the rules say what is wrong
	}
	sub := m.data.findSubnet(m.draft.Spec.PrimaryNetworkInterface.SubnetID)
	if sub != nil {
		if p, err := netip.ParsePrefix(sub.AddressPrefix); err == nil && p.Contains(addr) {
			return pad + m.st.Good.Render(m.st.P.Sprintf("✓ inside %s", sub.AddressPrefix)) + m.st.Subtle.Render(" · "+m.ipCountNote())
		}
	}
	return pad + m.st.Subtle.Render(m.ipCountNote())
}

// ipCountNote says what the IP did to the count.
func (m *Model) ipCountNote() string {
	if m.countBeforeIP > 0 {
		return m.st.P.Sprintf("count set to 1 (was %s) while an IP is given", strconv.Itoa(m.countBeforeIP))
	}
	return m.st.P.Sprintf("count is fixed at 1 while an IP is given")
}

// setGroups puts the chosen security groups in the draft, by id only: the
// body carries no group name the person did not give.
func (m *Model) setGroups(ids []string) {
	sgs := make([]apiclient.SecurityGroupCreate, 0, len(ids))
	for _, id := range ids {
		sgs = append(sgs, apiclient.SecurityGroupCreate{GroupID: id})
	}
	m.draft.Spec.PrimaryNetworkInterface.SecurityGroups = sgs
	m.refreshAll()
}

func (m *Model) vpcChanged() {
	m.data.subnets = loaded[apiclient.Subnet]{}
	m.data.groups = loaded[apiclient.SecurityGroup]{}
	if m.auto[autoSubnet] {
		m.draft.Spec.PrimaryNetworkInterface.SubnetID = ""
	}
	if m.auto[autoGroups] {
		m.draft.Spec.PrimaryNetworkInterface.SecurityGroups = nil
	}
	m.pendingLoads = append(m.pendingLoads, m.loadVpcChildren())
	m.refreshAll()
}

func (m *Model) vpcRows() []field.Row {
	rows := make([]field.Row, 0, len(m.data.vpcs.items))
	for _, v := range m.data.vpcs.items {
		rows = append(rows, field.Row{ID: v.VpcID, Cells: []string{v.VpcName, v.VpcID, v.AddressPrefix}, Search: strings.ToLower(v.VpcName + " " + v.VpcID)})
	}
	return rows
}

// subnetRows are the VPC's subnets that fit the zone: the zone's own, and
// those with no zone, which fit every zone ("all zones").
func (m *Model) subnetRows() []field.Row {
	var rows []field.Row
	p := m.st.P
	for _, s := range m.data.subnets.items {
		if !s.FitsZone(m.draft.Spec.Az) {
			continue
		}
		disabled := ""
		if s.AvailableIPCount == 0 {
			disabled = p.Sprintf("no free IPs")
		}
		zone := p.Sprintf("all zones")
		if s.Az != "" {
			zone = zoneSuffix(s.Az)
		}
		rows = append(rows, field.Row{
			ID: s.SubnetID, Cells: []string{s.SubnetName, s.SubnetID, s.AddressPrefix, zone, strconv.Itoa(s.AvailableIPCount)},
			Disabled: disabled, Search: strings.ToLower(s.SubnetName + " " + s.SubnetID + " " + s.AddressPrefix + " " + zone),
		})
	}
	return rows
}

func (m *Model) groupRows() []field.Row {
	rows := make([]field.Row, 0, len(m.data.groups.items))
	for _, g := range m.data.groups.items {
		rows = append(rows, field.Row{ID: g.NetworkSecurityGroupID, Cells: []string{g.NetworkSecurityGroupName, g.NetworkSecurityGroupID, g.Description},
			Search: strings.ToLower(g.NetworkSecurityGroupName + " " + g.NetworkSecurityGroupID)})
	}
	return rows
}
