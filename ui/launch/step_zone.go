package launch

import (
	"slices"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/theme"
)

// Step 1, region and zone: the region list (every COC region) and its zones,
// with how many types each has in stock.

func (m *Model) zoneStep() *field.Step {
	f := &m.f
	f.region = field.NewList("Region", []theme.Column{{Title: "REGION", Width: 16}, {Title: "NAME", Width: 14}, {Title: "ZONES", Width: 30}})
	f.region.MaxRows = 4
	f.region.OnChange = func(id string) { m.setRegion(id) }
	f.zone = field.NewList("Zone", []theme.Column{{Title: "ZONE", Width: 18}, {Title: "", Width: 30}})
	f.zone.MaxRows = 4
	f.zone.OnChange = func(id string) { m.setZone(id) }
	return &field.Step{
		Title: "Region & zone",
		Intro: func() string {
			return "Where the instances run; the next steps list what this zone offers."
		},
		Fields: []field.Field{f.region, f.zone},
	}
}

func (m *Model) regionRows() []field.Row {
	regions := apiclient.Regions()
	known := false
	for _, r := range regions {
		known = known || r.ID == m.draft.Region
	}
	if !known && m.draft.Region != "" {
		regions = append(regions, apiclient.Region{ID: m.draft.Region, Zones: []string{m.draft.Region + "a", m.draft.Region + "b", m.draft.Region + "c"}})
	}
	rows := make([]field.Row, len(regions))
	for i, r := range regions {
		zones := make([]string, len(r.Zones))
		for j, z := range r.Zones {
			zones[j] = zoneSuffix(z)
		}
		rows[i] = field.Row{ID: r.ID, Cells: []string{r.ID, r.Name, strings.Join(zones, " ")}, Search: strings.ToLower(r.ID + " " + r.Name)}
	}
	return rows
}

func (m *Model) zonesOf(region string) []string {
	if r, ok := apiclient.LookupRegion(region); ok {
		return r.Zones
	}
	return []string{region + "a", region + "b", region + "c"}
}

func (m *Model) zoneRows() []field.Row {
	var rows []field.Row
	zones := m.zonesOf(m.draft.Region)
	if az := m.draft.Spec.Az; az != "" && !slices.Contains(zones, az) {
		zones = append(zones, az)
	}
	for _, z := range zones {
		note := ""
		if m.data.types.ready() {
			n := 0
			for _, t := range m.data.types.items {
				if ok, _ := inStock(t, z); ok {
					n++
				}
			}
			note = theme.Plural(n, "type", "types") + " in stock"
		}
		rows = append(rows, field.Row{ID: z, Cells: []string{z, note}, Search: z})
	}
	return rows
}

func (m *Model) setRegion(id string) {
	if id == m.draft.Region {
		return
	}
	m.draft.Region = id
	zones := m.zonesOf(id)
	m.draft.Spec.Az = ""
	if len(zones) > 0 {
		m.draft.Spec.Az = zones[0]
	}
	// What the wizard chose for the old region is chosen again; what the
	// person chose stays, and the rules say it does not exist here.
	nic := &m.draft.Spec.PrimaryNetworkInterface
	for key, clear := range map[string]func(){
		autoType: func() { m.draft.Spec.InstanceType = "" }, autoImage: func() { m.draft.Spec.ImageID = "" },
		autoVpc: func() { nic.VpcID = "" }, autoSubnet: func() { nic.SubnetID = "" },
		autoGroups: func() { nic.SecurityGroups = nil },
	} {
		if m.auto[key] {
			clear()
		}
	}
	m.data = newCatalogData()
	m.pendingLoads = append(m.pendingLoads, m.loadRegion())
	m.refreshAll()
}

func (m *Model) setZone(z string) {
	m.draft.Spec.Az = z
	m.reDefault()
	m.refreshAll()
}
