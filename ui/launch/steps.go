package launch

import (
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// stepFields keeps a handle on every field, so data arriving from the API
// and choices made in one step can refresh the others.
type stepFields struct {
	region, zone *field.List

	types *field.List

	imgSource, imgPlatform *field.Choice
	images                 *field.List

	vpc, subnet, groups *field.List
	ip                  *field.Input
	eip                 *field.Choice
	eipMbps             *field.Input

	sysType   *field.Choice
	sysSize   *field.Input
	dataDisks []*field.DiskRow

	chargeUnit     *field.Choice
	chargeDuration *field.Input
	autoRenew      *field.Choice

	login    *field.Choice
	password *field.Input
	confirm  *field.Input
	keypair  *field.List
	pwAuth   *field.Choice
	name     *field.Input
	count    *field.Input
	token    *field.Input
}

// Defaults a newcomer can press Enter through.
const (
	defaultName     = "cocvm-instance"
	defaultDiskType = "ssd.gp1"
	defaultEIPMbps  = 5
)

// Which choices were made by the wizard rather than the person: those are
// re-chosen when an earlier step changes; the person's own choices are kept
// and flagged when they no longer fit.
const (
	autoType   = "type"
	autoImage  = "image"
	autoVpc    = "vpc"
	autoSubnet = "subnet"
	autoGroups = "groups"
	autoSize   = "size"
)

func (m *Model) spinnerView() string { return m.spin.View() }

func (m *Model) buildSteps() {
	m.auto = map[string]bool{}
	d := &m.draft
	if d.Count == 0 {
		d.Count = 1
	}
	if d.Spec.Name == "" {
		d.Spec.Name = defaultName
	}
	if d.Spec.SystemDisk.DiskType == "" {
		d.Spec.SystemDisk.DiskType = defaultDiskType
	}
	if d.Spec.SystemDisk.DiskSizeGB == 0 {
		m.auto[autoSize] = true
	}
	if d.Spec.Charge == nil {
		d.Spec.Charge = &apiclient.ChargeSpec{ChargeMode: apiclient.ChargeModePrepaid, ChargeUnit: apiclient.ChargeUnitMonth, ChargeDuration: 1}
	}
	m.syncEIPCharge()
	for k, empty := range map[string]bool{
		autoType: d.Spec.InstanceType == "", autoImage: d.Spec.ImageID == "",
		autoVpc: d.Spec.PrimaryNetworkInterface.VpcID == "", autoSubnet: d.Spec.PrimaryNetworkInterface.SubnetID == "",
		autoGroups: len(d.Spec.PrimaryNetworkInterface.SecurityGroups) == 0,
	} {
		if empty {
			m.auto[k] = true
		}
	}
	m.steps = []*field.Step{
		m.zoneStep(), m.typeStep(), m.imageStep(), m.networkStep(),
		m.disksStep(), m.billingStep(), m.loginStep(),
	}
	m.refreshAll()
}

// --- 1 Region & zone -----------------------------------------------------------

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
	if az := m.draft.Spec.Az; az != "" && !contains(zones, az) {
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

// --- 2 Instance type --------------------------------------------------------------

func (m *Model) typeStep() *field.Step {
	f := &m.f
	f.types = field.NewList("Instance type", []theme.Column{
		{Title: "TYPE", Width: 17}, {Title: "FAMILY", Width: 8}, {Title: "vCPU", Width: 4, Right: true},
		{Title: "MEMORY", Width: 7, Right: true}, {Title: "GPU", Width: 8}, {Title: "THIS ZONE", Width: 9},
	})
	f.types.MaxRows = 9
	f.types.Empty = "no instance types are offered in this region"
	f.types.Retry = m.retryFailed
	f.types.Spinner = m.spinnerView
	f.types.Noun = kindTypes
	f.types.OnChange = func(id string) {
		m.draft.Spec.InstanceType = id
		delete(m.auto, autoType)
		m.refreshAll()
	}
	return &field.Step{
		Title:    "Instance type",
		Subtitle: func() string { return "zone " + m.draft.Spec.Az },
		Fields:   []field.Field{f.types},
	}
}

var familyNames = map[string]string{"g": "general", "c": "compute", "m": "memory", "p": "gpu", "gpu": "gpu", "general": "general", "compute": "compute", "memory": "memory"}

var familyDescriptions = map[string]string{
	"general": "general purpose", "compute": "compute optimised", "memory": "memory optimised", "gpu": "GPU",
}

func familyOf(t apiclient.InstanceType) string {
	fam := t.Family
	if fam == "" {
		fam = t.InstanceType
	}
	if i := strings.IndexByte(fam, '.'); i > 0 {
		fam = fam[:i]
	}
	if n, ok := familyNames[strings.ToLower(fam)]; ok {
		return n
	}
	return fam
}

func (m *Model) typeRows() []field.Row {
	zone := m.draft.Spec.Az
	rows := make([]field.Row, 0, len(m.data.types.items))
	for _, t := range m.data.types.items {
		gpu := "—"
		if t.GPU != nil && t.GPU.Number > 0 {
			gpu = fmt.Sprintf("%d × %s", t.GPU.Number, t.GPU.Model)
		}
		stock, known := inStock(t, zone)
		where := "in stock"
		disabled := ""
		switch {
		case !stock && known && hasZone(t, zone):
			where, disabled = "sold out", "sold out in "+zone
		case !stock && known:
			where, disabled = "not sold", "not sold in "+zone
		}
		in, out := stockIn(t)
		detail := fmt.Sprintf("%d vCPU, %s, %s.", t.CPU, gib(t.MemoryMB), familyDescriptions[familyOf(t)])
		if familyOf(t) == "gpu" {
			detail = fmt.Sprintf("%d vCPU, %s, %s GPU.", t.CPU, gib(t.MemoryMB), gpu)
		}
		if len(in) > 0 {
			detail += " In stock in " + strings.Join(in, ", ")
			if len(out) > 0 {
				detail += "; sold out in " + strings.Join(out, ", ")
			}
			detail += "."
		} else if len(out) > 0 {
			detail += " Sold out in every zone."
		}
		rows = append(rows, field.Row{
			ID:       t.InstanceType,
			Cells:    []string{t.InstanceType, familyOf(t), strconv.Itoa(t.CPU), gib(t.MemoryMB), gpu, where},
			Disabled: disabled,
			Search:   strings.ToLower(t.InstanceType + " " + familyOf(t) + " " + gpu + " " + strconv.Itoa(t.CPU) + "c " + gib(t.MemoryMB)),
			Detail:   detail,

			ReasonShown: true,
		})
	}
	return rows
}

func hasZone(t apiclient.InstanceType, zone string) bool {
	for _, s := range t.State {
		if s.Az == zone {
			return true
		}
	}
	return false
}

func gib(mb int) string {
	if mb%1024 == 0 {
		return strconv.Itoa(mb/1024) + " GiB"
	}
	return strconv.FormatFloat(float64(mb)/1024, 'f', 1, 64) + " GiB"
}

// --- 3 Image ----------------------------------------------------------------------

var platformFilters = []string{"All", "CentOS", "Ubuntu", "Debian", "Windows Server"}

func (m *Model) imageStep() *field.Step {
	f := &m.f
	f.imgSource = &field.Choice{Label: "Source", Options: []field.Option{{Label: "public"}, {Label: "private"}, {Label: "shared"}}}
	f.imgSource.OnChange = func(int) {
		m.pendingLoads = append(m.pendingLoads, m.loadImages(imageSources[f.imgSource.Selected]))
		m.refreshAll()
	}
	opts := make([]field.Option, len(platformFilters))
	for i, p := range platformFilters {
		opts[i] = field.Option{Label: p}
	}
	f.imgPlatform = &field.Choice{Label: "Platform", Options: opts}
	f.imgPlatform.OnChange = func(int) { m.refreshAll() }
	f.images = field.NewList("Image", []theme.Column{
		{Title: "NAME", Width: 32, Min: 10}, {Title: "PLATFORM", Width: 14, Min: 10}, {Title: "DISK", Width: 6, Right: true}, {Title: "ID", Width: 14},
	})
	f.images.MaxRows = 7
	f.images.Retry = m.retryFailed
	f.images.Spinner = m.spinnerView
	f.images.Noun = kindImages
	f.images.Empty = "no images from this source match the platform filter"
	f.images.OnChange = func(id string) {
		m.draft.Spec.ImageID = id
		delete(m.auto, autoImage)
		m.imageChanged()
		m.refreshAll()
	}
	return &field.Step{
		Title:    "Image",
		Subtitle: func() string { return "for " + theme.OrDash(m.draft.Spec.InstanceType) },
		Fields:   []field.Field{f.imgSource, f.imgPlatform, f.images},
	}
}

func (m *Model) imageRows() []field.Row {
	src := imageSources[m.f.imgSource.Selected]
	platform := platformFilters[m.f.imgPlatform.Selected]
	imgs := append([]apiclient.Image(nil), m.data.imageList(src).items...)
	sort.SliceStable(imgs, func(i, j int) bool { return imgs[i].CreateTime > imgs[j].CreateTime })
	var rows []field.Row
	for _, img := range imgs {
		if platform != "All" && !strings.EqualFold(img.Platform, platform) {
			continue
		}
		disabled, flag := "", ""
		detail := strings.TrimSpace(img.OsType + " · " + img.Architecture + " · created " + img.CreateTime + " · " + img.Desc)
		if !strings.EqualFold(img.Status, "ready") {
			disabled = "not ready"
			detail = "Not ready (status " + img.Status + "): it cannot be chosen until it is."
		} else if why := m.incompatible(img.ImageID); why != "" {
			flag = "incompatible"
			detail = img.Name + " " + why + "; choose another image, or another type in step 2."
		}
		rows = append(rows, field.Row{
			ID:       img.ImageID,
			Cells:    []string{img.Name, img.Platform, strconv.Itoa(img.SystemDiskSizeGB) + " GiB", img.ImageID},
			Disabled: disabled,
			Flag:     flag,
			Search:   strings.ToLower(img.Name + " " + img.Platform + " " + img.ImageID + " " + img.OsType),
			Detail:   detail,
		})
	}
	return rows
}

// incompatible says why an image does not run on the chosen type, or "".
func (m *Model) incompatible(imageID string) string {
	c := m.data.findConstraint(imageID)
	t := m.draft.Spec.InstanceType
	if c == nil || t == "" {
		return ""
	}
	listed := contains(c.InstanceTypes, t)
	switch strings.ToLower(c.ConstraintsType) {
	case "excludes":
		if listed {
			return "doesn't support " + t
		}
	case "includes":
		if !listed {
			return "doesn't support " + t
		}
	}
	return ""
}

// imageChanged follows the image with the system disk size while the person
// has not set one, and keeps the login method valid for the platform.
func (m *Model) imageChanged() {
	img := m.data.findImage(m.draft.Spec.ImageID)
	if img == nil {
		return
	}
	if m.auto[autoSize] && img.SystemDiskSizeGB > 0 {
		size := max(40, roundUp10(img.SystemDiskSizeGB))
		m.draft.Spec.SystemDisk.DiskSizeGB = size
		m.f.sysSize.SetValue(strconv.Itoa(size))
	}
}

func roundUp10(n int) int { return (n + 9) / 10 * 10 }

func (m *Model) isWindows() bool {
	img := m.data.findImage(m.draft.Spec.ImageID)
	return img != nil && strings.EqualFold(img.OsType, "windows")
}

// --- 4 Network --------------------------------------------------------------------

func (m *Model) networkStep() *field.Step {
	f := &m.f
	f.vpc = field.NewList("VPC", []theme.Column{{Title: "NAME", Width: 20}, {Title: "ID", Width: 18}, {Title: "CIDR", Width: 16}})
	f.vpc.MaxRows = 3
	f.vpc.Spinner = m.spinnerView
	f.vpc.Noun = kindVpcs
	f.vpc.Retry = m.retryFailed
	f.vpc.OnChange = func(id string) {
		m.draft.Spec.PrimaryNetworkInterface.VpcID = id
		delete(m.auto, autoVpc)
		m.vpcChanged()
	}
	f.subnet = field.NewList("Subnet", []theme.Column{{Title: "NAME", Width: 20}, {Title: "ID", Width: 18}, {Title: "CIDR", Width: 16}, {Title: "FREE IPs", Width: 8, Right: true}})
	f.subnet.MaxRows = 3
	f.subnet.Spinner = m.spinnerView
	f.subnet.Noun = kindSubnets
	f.subnet.Retry = m.retryFailed
	f.subnet.OnChange = func(id string) {
		m.draft.Spec.PrimaryNetworkInterface.SubnetID = id
		delete(m.auto, autoSubnet)
		m.refreshAll()
	}
	f.groups = field.NewList("Security groups", []theme.Column{{Title: "NAME", Width: 20}, {Title: "ID", Width: 18}, {Title: "", Width: 24}})
	f.groups.Multi = true
	f.groups.MaxRows = 3
	f.groups.Spinner = m.spinnerView
	f.groups.Noun = kindGroups
	f.groups.Retry = m.retryFailed
	f.groups.OnChange = func(string) {
		delete(m.auto, autoGroups)
		m.setGroups(f.groups.Picked)
	}
	f.ip = field.NewInput("Private IP", "automatic", 45, func(v string) {
		m.draft.Spec.PrimaryNetworkInterface.IP = strings.TrimSpace(v)
	})
	f.ip.Hint = "optional; forces count 1"
	f.ip.SetValue(m.draft.Spec.PrimaryNetworkInterface.IP)
	f.eip = &field.Choice{Label: "Public IP", Options: []field.Option{{Label: "none"}, {Label: "elastic IP (BGP)"}}}
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
	f.eipMbps = field.NewInput("Bandwidth", "Mbps", 4, func(v string) {
		if e := m.draft.Spec.ElasticIPSpec; e != nil {
			e.SizeMbps, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	})
	f.eipMbps.Hint = "Mbps, 1 to 200"
	f.eipMbps.Hidden = func() bool { return m.draft.Spec.ElasticIPSpec == nil }
	f.eipMbps.Local = intProblem(f.eipMbps, "instanceSpec.elasticIpSpec.sizeMbps")
	if e := m.draft.Spec.ElasticIPSpec; e != nil {
		f.eipMbps.SetValue(strconv.Itoa(e.SizeMbps))
	} else {
		f.eipMbps.SetValue(strconv.Itoa(defaultEIPMbps))
	}
	return &field.Step{
		Title:    "Network",
		Subtitle: func() string { return "zone " + m.draft.Spec.Az },
		Fields:   []field.Field{f.vpc, f.subnet, f.groups, f.ip, f.eip, f.eipMbps},
		After: func(i int) string {
			if m.steps[stepNetwork].Fields[i] != f.ip {
				return ""
			}
			return m.ipNote()
		},
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
			return pad + m.st.Good.Render("✓ inside "+sub.AddressPrefix) + m.st.Subtle.Render(" · count is fixed at 1 while an IP is given")
		}
	}
	return pad + m.st.Subtle.Render("count is fixed at 1 while an IP is given")
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

func (m *Model) subnetRows() []field.Row {
	var rows []field.Row
	for _, s := range m.data.subnets.items {
		if s.Az != "" && s.Az != m.draft.Spec.Az {
			continue
		}
		disabled := ""
		if s.AvailableIPCount == 0 {
			disabled = "no free IPs"
		}
		rows = append(rows, field.Row{
			ID: s.SubnetID, Cells: []string{s.SubnetName, s.SubnetID, s.AddressPrefix, strconv.Itoa(s.AvailableIPCount)},
			Disabled: disabled, Search: strings.ToLower(s.SubnetName + " " + s.SubnetID + " " + s.AddressPrefix),
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

// --- 5 Disks ----------------------------------------------------------------------

func (m *Model) disksStep() *field.Step {
	f := &m.f
	f.sysType = &field.Choice{Label: "System disk"}
	f.sysType.OnChange = func(i int) { m.draft.Spec.SystemDisk.DiskType = m.diskTypeNames()[i] }
	f.sysSize = field.NewInput("Size", "GiB", 4, func(v string) {
		m.draft.Spec.SystemDisk.DiskSizeGB, _ = strconv.Atoi(strings.TrimSpace(v))
		delete(m.auto, autoSize)
	})
	f.sysSize.Hint = "GiB, 40 to 500 in steps of 10"
	f.sysSize.Local = intProblem(f.sysSize, "instanceSpec.systemDisk.diskSizeGB")
	if n := m.draft.Spec.SystemDisk.DiskSizeGB; n > 0 {
		f.sysSize.SetValue(strconv.Itoa(n))
	}
	s := &field.Step{
		Title: "Disks",
		Subtitle: func() string {
			return fmt.Sprintf("%d of %d disks", 1+len(m.draft.Spec.DataDisks), m.maxDisks())
		},
		Intro: func() string {
			s := ""
			if img := m.data.findImage(m.draft.Spec.ImageID); img != nil && img.SystemDiskSizeGB > 0 {
				s = fmt.Sprintf("The image needs a system disk of at least %d GiB. ", img.SystemDiskSizeGB)
			}
			if 1+len(m.draft.Spec.DataDisks) < m.maxDisks() {
				return s + "+ adds a data disk, ctrl+d removes one."
			}
			return s + fmt.Sprintf("%s takes no more disks; ctrl+d removes one.", theme.OrDash(m.draft.Spec.InstanceType))
		},
	}
	for i := range m.draft.Spec.DataDisks {
		f.dataDisks = append(f.dataDisks, m.newDiskRow(i))
	}
	m.diskStep = s
	m.rebuildDiskFields()
	return s
}

// newDiskRow is the row of data disk i of the draft.
func (m *Model) newDiskRow(i int) *field.DiskRow {
	disk := m.draft.Spec.DataDisks[i]
	r := field.NewDiskRow(i, disk.DiskSizeGB, func(i int, diskType string) { m.draft.Spec.DataDisks[i].DiskType = diskType })
	r.Kind.Options, r.Kind.Selected = field.WithOption(m.diskTypeOptions(), disk.DiskType)
	r.OnSize = func(i, gb int) { m.draft.Spec.DataDisks[i].DiskSizeGB = gb }
	r.OnRemove = m.removeDataDisk
	return r
}

// maxDisks is how many disks the chosen type takes, system disk included.
func (m *Model) maxDisks() int {
	if t := m.data.findType(m.draft.Spec.InstanceType); t != nil && t.MaxDisks > 0 {
		return min(t.MaxDisks, 8)
	}
	return 8
}

func (m *Model) rebuildDiskFields() {
	f := &m.f
	fields := []field.Field{f.sysType, f.sysSize}
	for _, d := range f.dataDisks {
		fields = append(fields, d)
	}
	m.diskStep.Fields = fields
	if m.diskStep.Focus >= len(fields) {
		m.diskStep.Focus = len(fields) - 1
	}
}

func (m *Model) addDataDisk() tea.Cmd {
	if 1+len(m.draft.Spec.DataDisks) >= m.maxDisks() {
		return nil
	}
	m.draft.Spec.DataDisks = append(m.draft.Spec.DataDisks, apiclient.InstanceDiskAttachmentSpec{DiskType: defaultDiskType, DiskSizeGB: 100})
	row := m.newDiskRow(len(m.draft.Spec.DataDisks) - 1)
	m.f.dataDisks = append(m.f.dataDisks, row)
	m.rebuildDiskFields()
	m.revalidate()
	return m.diskStep.FocusField(row)
}

func (m *Model) removeDataDisk(i int) tea.Cmd {
	dd := m.draft.Spec.DataDisks
	if i < 0 || i >= len(dd) {
		return nil
	}
	m.draft.Spec.DataDisks = append(dd[:i:i], dd[i+1:]...)
	if len(m.draft.Spec.DataDisks) == 0 {
		m.draft.Spec.DataDisks = nil
	}
	m.f.dataDisks = append(m.f.dataDisks[:i:i], m.f.dataDisks[i+1:]...)
	for j, r := range m.f.dataDisks {
		r.Index = j
	}
	m.rebuildDiskFields()
	m.revalidate()
	return m.diskStep.SetFocusTo(min(m.diskStep.Focus, len(m.diskStep.Fields)-1))
}

// diskTypeNames are the disk types offered, from the API or the documented three.
func (m *Model) diskTypeNames() []string {
	var names []string
	for _, d := range m.data.diskTypes.items {
		names = append(names, d.DiskType)
	}
	if len(names) == 0 {
		names = []string{"ssd.gp1", "ssd.io1", "hdd.std1"}
	}
	return names
}

func (m *Model) diskTypeOptions() []field.Option {
	names := m.diskTypeNames()
	opts := make([]field.Option, len(names))
	for i, n := range names {
		opts[i] = field.Option{Label: n}
		for _, d := range m.data.diskTypes.items {
			if d.DiskType == n && diskSoldOut(d, m.draft.Spec.Az) {
				opts[i].Disabled = "sold out in " + m.draft.Spec.Az
			}
		}
	}
	return opts
}

// --- 6 Billing --------------------------------------------------------------------

func (m *Model) billingStep() *field.Step {
	f := &m.f
	ch := m.draft.Spec.Charge
	f.chargeUnit = &field.Choice{Label: "Pay by", Options: []field.Option{{Label: "month"}, {Label: "year"}}}
	if ch.ChargeUnit == apiclient.ChargeUnitYear {
		f.chargeUnit.Selected = 1
	}
	f.chargeUnit.OnChange = func(i int) {
		m.draft.Spec.Charge.ChargeUnit = []string{apiclient.ChargeUnitMonth, apiclient.ChargeUnitYear}[i]
		m.syncEIPCharge()
	}
	f.chargeDuration = field.NewInput("Duration", "1", 2, func(v string) {
		m.draft.Spec.Charge.ChargeDuration, _ = strconv.Atoi(strings.TrimSpace(v))
		m.syncEIPCharge()
	})
	f.chargeDuration.Local = intProblem(f.chargeDuration, "instanceSpec.charge.chargeDuration")
	f.chargeDuration.SetValue(strconv.Itoa(max(ch.ChargeDuration, 1)))
	if ch.ChargeDuration == 0 {
		ch.ChargeDuration = 1
	}
	f.chargeDuration.Hint = "1 to 9 months, or 1 to 3 years"
	f.autoRenew = &field.Choice{Label: "Auto-renew", Options: []field.Option{{Label: "no"}, {Label: "yes"}}}
	if ch.AutoRenew {
		f.autoRenew.Selected = 1
	}
	f.autoRenew.OnChange = func(i int) { m.draft.Spec.Charge.AutoRenew = i == 1 }
	return &field.Step{
		Title:    "Billing",
		Subtitle: func() string { return "prepaid" },
		Intro: func() string {
			return "COC-VM instances are prepaid: the charge is deducted when you confirm."
		},
		Fields: []field.Field{f.chargeUnit, f.chargeDuration, f.autoRenew},
		After: func(i int) string {
			if i != 2 {
				return ""
			}
			return "\n " + m.st.Subtle.Render(m.chargeSummary())
		},
	}
}

// chargeSummary is one sentence of what will be paid for.
func (m *Model) chargeSummary() string {
	s := "Prepaid: " + durationText(m.draft.Spec.Charge) + " × " + theme.Plural(max(m.draft.Count, 1), "instance", "instances")
	if m.draft.Spec.Charge.AutoRenew {
		s += ", renewed automatically"
	}
	if m.draft.Spec.ElasticIPSpec != nil {
		s += "; the elastic IP is billed for the same period"
	}
	return s + "."
}

func durationText(c *apiclient.ChargeSpec) string {
	if c == nil {
		return "1 month"
	}
	unit := c.ChargeUnit
	if unit == "" {
		unit = apiclient.ChargeUnitMonth
	}
	n := max(c.ChargeDuration, 1)
	return theme.Plural(n, unit, unit+"s")
}

// syncEIPCharge makes the elastic IP follow the instance's billing, as the
// API requires for prepaid IPs bought with the instance.
func (m *Model) syncEIPCharge() {
	e, c := m.draft.Spec.ElasticIPSpec, m.draft.Spec.Charge
	if e == nil || c == nil {
		return
	}
	e.ChargeMode = apiclient.ChargeModePrepaid
	e.ChargePlan = apiclient.EIPPlanBandwidth
	e.ChargeUnit = c.ChargeUnit
	e.ChargeDuration = c.ChargeDuration
}

// --- 7 Login & name ---------------------------------------------------------------

func (m *Model) loginStep() *field.Step {
	f := &m.f
	d := &m.draft
	f.login = &field.Choice{Label: "Login", Options: []field.Option{{Label: "Password"}, {Label: "Key pair (Linux images only)"}}}
	if d.Spec.KeyName != "" {
		f.login.Selected = 1
	}
	f.login.OnChange = func(i int) {
		if i == 1 {
			m.draft.Spec.Password = ""
			m.draft.Spec.KeyName = m.f.keypair.Selected
			if m.draft.Spec.KeyName == "" {
				m.draft.Spec.KeyName = m.f.keypair.FirstChoosable()
				m.f.keypair.Selected = m.draft.Spec.KeyName
			}
		} else {
			m.draft.Spec.KeyName = ""
			m.draft.Spec.PasswordAuth = ""
			m.draft.Spec.Password = m.f.password.Value()
		}
		m.refreshAll()
	}
	usePassword := func() bool { return f.login.Selected == 1 }
	f.password = field.NewInput("Password", "8 to 26 characters", 64, func(v string) { m.draft.Spec.Password = v }).Masked()
	f.password.Hidden = usePassword
	f.password.SetValue(d.Spec.Password)
	f.confirm = field.NewInput("Confirm", "type it again", 64, func(v string) { m.confirm = v }).Masked()
	f.confirm.Hidden = usePassword
	f.confirm.SetValue(m.confirm)
	f.confirm.Local = func() wizard.Problem {
		if m.f.login.Selected == 0 && m.draft.Spec.Password != "" && m.confirm != m.draft.Spec.Password {
			return wizard.Problem{Path: "instanceSpec.password", Message: "the confirmation does not match the password"}
		}
		return wizard.Problem{}
	}
	f.keypair = field.NewList("Key pair", []theme.Column{{Title: "NAME", Width: 20}, {Title: "FINGERPRINT", Width: 36}})
	f.keypair.MaxRows = 3
	f.keypair.Spinner = m.spinnerView
	f.keypair.Noun = kindKeypairs
	f.keypair.Retry = m.retryFailed
	f.keypair.Empty = "this region has no key pairs; create one in the console, or use a password"
	f.keypair.Hidden = func() bool { return f.login.Selected == 0 }
	f.keypair.Selected = d.Spec.KeyName
	f.keypair.OnChange = func(id string) { m.draft.Spec.KeyName = id }
	f.pwAuth = &field.Choice{Label: "SSH password", Options: []field.Option{{Label: "allowed"}, {Label: "refused"}}}
	f.pwAuth.Hidden = func() bool { return f.login.Selected == 0 }
	if d.Spec.PasswordAuth == "no" {
		f.pwAuth.Selected = 1
	}
	f.pwAuth.OnChange = func(i int) {
		m.draft.Spec.PasswordAuth = []string{"yes", "no"}[i]
	}
	f.name = field.NewInput("Name", "1 to 64 characters", 64, func(v string) { m.draft.Spec.Name = v })
	f.name.SetValue(d.Spec.Name)
	f.count = field.NewInput("Count", "1", 5, func(v string) { m.draft.Count, _ = strconv.Atoi(strings.TrimSpace(v)) })
	f.count.SetValue(strconv.Itoa(max(d.Count, 1)))
	f.count.Local = intProblem(f.count, "maxCount")
	f.token = field.NewInput("Client token", "generated at review", 64, func(v string) { m.draft.ClientToken = strings.TrimSpace(v) })
	f.token.SetValue(d.ClientToken)
	f.token.Hint = "optional, for idempotency"
	return &field.Step{
		Title:  "Login & name",
		Fields: []field.Field{f.login, f.password, f.confirm, f.keypair, f.pwAuth, f.name, f.count, f.token},
		After: func(i int) string {
			switch m.steps[stepLogin].Fields[i] {
			case f.confirm:
				return m.passwordChecklist()
			case f.count:
				return m.countNote()
			case f.pwAuth:
				if f.pwAuth.Selected == 0 {
					return field.Indent + m.st.Dim.Render("a random password is sent by SMS and e-mail")
				}
			}
			return ""
		},
	}
}

func (m *Model) passwordChecklist() string {
	pad := strings.Repeat(" ", 4)
	if m.draft.Spec.Password == "" {
		text := m.st.Subtle.Render("Leave it empty and a random password is sent by SMS and e-mail; or type one: ") +
			m.st.Dim.Render("8 to 26 characters, 3 of upper, lower, digits and special, no runs like 123, abc or qwer, no root or Administrator.")
		return lipgloss.NewStyle().Width(m.width - 6).PaddingLeft(4).Render(text)
	}
	var b strings.Builder
	for _, c := range wizard.PasswordChecklist(m.draft.Spec.Password) {
		line := c.Label
		if c.OK {
			b.WriteString(pad + m.st.Good.Render("✓ ") + m.st.Subtle.Render(line))
		} else {
			b.WriteString(pad + m.st.Bad.Render("✗ ") + line)
			if c.Detail != "" {
				b.WriteString("  " + m.st.Bad.Render(c.Detail))
			}
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func (m *Model) countNote() string {
	pad := field.Indent
	n := m.draft.Count
	switch {
	case n > 100:
		k := (n + 99) / 100
		return pad + m.st.Subtle.Render(fmt.Sprintf("over 100: sent as %d requests of at most 100 each", k))
	case m.draft.Spec.PrimaryNetworkInterface.IP != "" && n != 1:
		return pad + m.st.Warn.Render("a private IP is set, so only 1 instance can be created")
	}
	return ""
}

// intProblem reports text that is not a whole number, which the rules,
// working on numbers, cannot see.
func intProblem(f *field.Input, path string) func() wizard.Problem {
	return func() wizard.Problem {
		v := strings.TrimSpace(f.Value())
		if v == "" {
			return wizard.Problem{Path: path, Message: "enter a number"}
		}
		if _, err := strconv.Atoi(v); err != nil {
			return wizard.Problem{Path: path, Message: fmt.Sprintf("%q is not a whole number", v)}
		}
		return wizard.Problem{}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
