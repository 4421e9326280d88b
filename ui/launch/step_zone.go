package launch

import (
	"slices"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// Step 1, region and zone: the region list (every COC region) and its zones,
// with how many types each has in stock. One zone is chosen as the cursor
// moves; space makes the zone list a multi-select (the zone under the
// cursor picked), over whose zones the instances are spread evenly.

func (m *Model) zoneStep() *field.Step {
	f := &m.f
	p := m.st.P
	f.region = field.NewList(p.Sprintf("Region"), []theme.Column{{Title: p.Sprintf("REGION"), Width: 16}, {Title: p.Sprintf("NAME"), Width: 14}, {Title: p.Sprintf("ZONES"), Width: 30}})
	f.region.MaxRows = 4
	f.region.OnChange = func(id string) { m.setRegion(id) }
	f.region.Noun = p.Sprintf("regions")
	f.zone = field.NewList(p.Sprintf("Zone"), []theme.Column{{Title: p.Sprintf("ZONE"), Width: 18}, {Title: "", Width: 30}})
	f.zone.Noun = p.Sprintf("zones")
	f.zone.MaxRows = 4
	f.zone.OnChange = func(id string) {
		if f.zone.Multi {
			m.setZones(f.zone.Picked)
			return
		}
		m.setZone(id)
	}
	// Space makes the list a multi-select: the zone under the cursor is
	// picked, and space then adds or removes others.
	f.zone.OnToggle = func(id string) bool {
		f.zone.Multi = true
		m.setZones(append(m.draft.Zones(), id))
		return true
	}
	return &field.Step{
		Title: p.Sprintf("Region & zone"),
		Intro: func() string {
			if zs := m.draft.Zones(); len(zs) > 1 {
				return p.Sprintf("The instances are spread evenly over %d zones, each with a subnet of its own; space adds or removes a zone.", len(zs))
			}
			if f.zone.Multi {
				return p.Sprintf("Space adds the zone under the cursor: the instances are spread evenly over the zones picked.")
			}
			return p.Sprintf("Where the instances run; space on a zone picks several zones to spread over.")
		},
		Fields: []field.Field{f.region, f.zone},
	}
}

func (m *Model) regionRows() []field.Row {
	regions := apiclient.Regions()
	if _, known := apiclient.LookupRegion(m.draft.Region); !known && m.draft.Region != "" {
		regions = append(regions, apiclient.Region{ID: m.draft.Region, Zones: m.zonesOf(m.draft.Region)})
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

// zoneRows are the region's zones with how many types each has in stock;
// spread over several, the chosen ones say their share, or why they are
// left out. It also puts the list in multi-select while the draft has
// more than one zone (the list is built again whenever the draft changes).
func (m *Model) zoneRows() []field.Row {
	var rows []field.Row
	zones := m.zonesOf(m.draft.Region)
	chosen := m.draft.Zones()
	for _, az := range chosen {
		if !slices.Contains(zones, az) {
			zones = append(zones, az)
		}
	}
	f := m.f.zone
	// A multi-select once space was pressed, or while the draft (from a
	// preset or --az) has several zones.
	f.Multi = f.Multi || len(chosen) > 1
	f.Picked = nil
	share := map[string]string{}
	if f.Multi {
		f.Picked = slices.Clone(chosen)
	}
	if len(chosen) > 1 {
		fleet := NewFleet(m.draft, m.zoneFacts())
		for _, p := range fleet.Parts {
			share[p.Zone] = m.st.P.Sprintf("%d of %d here · ", p.Count, max(m.draft.Count, 1))
		}
		for _, o := range fleet.LeftOut {
			share[o.Zone] = m.st.P.Sprintf("left out: %s · ", locale.Say(m.st.P, o.Why))
		}
	}
	for _, z := range zones {
		note := share[z]
		if m.data.types.ready() {
			n := 0
			for _, t := range m.data.types.items {
				if inStock(t, z) {
					n++
				}
			}
			note += m.st.P.Sprintf("%d types in stock", n)
		}
		rows = append(rows, field.Row{ID: z, Cells: []string{z, note}, Search: z})
	}
	return rows
}

// zoneFacts are what the loaded lists say that decides the split over
// zones: the type's stock per zone, the VPC's subnets, the disks' stock.
func (m *Model) zoneFacts() wizard.ZoneFacts {
	var facts wizard.ZoneFacts
	facts.Type = m.data.findType(m.draft.Spec.InstanceType)
	if m.data.subnets.ready() {
		facts.Subnets, facts.SubnetsKnown = m.data.subnets.items, true
	}
	if m.data.diskTypes.ready() {
		facts.DiskTypes = m.data.diskTypes.items
	}
	return facts
}

// setZones spreads the instances over zones, in the region's order; at
// least one zone stays chosen.
func (m *Model) setZones(zones []string) {
	order := m.zonesOf(m.draft.Region)
	zones = slices.Clone(zones)
	slices.SortStableFunc(zones, func(a, b string) int {
		ia, ib := slices.Index(order, a), slices.Index(order, b)
		if ia < 0 || ib < 0 {
			return 0
		}
		return ia - ib
	})
	zones = slices.Compact(zones)
	if len(zones) == 0 {
		zones = m.draft.Zones()[:min(1, len(m.draft.Zones()))]
	}
	m.draft.SetZones(zones)
	m.reDefault()
	m.refreshAll()
}

func (m *Model) setRegion(id string) {
	if id == m.draft.Region {
		return
	}
	m.draft.Region = id
	zones := m.zonesOf(id)
	m.draft.Spec.Az, m.draft.ExtraZones = "", nil
	m.f.zone.Multi = false
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
