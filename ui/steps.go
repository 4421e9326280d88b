package ui

import (
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// stepFields keeps a handle on every field, so data arriving from the API
// and choices made in one step can refresh the others.
type stepFields struct {
	region, zone *listField

	types *listField

	imgSource, imgPlatform *choiceField
	images                 *listField

	vpc, subnet, groups *listField
	ip                  *inputField
	eip                 *choiceField
	eipMbps             *inputField

	sysType   *choiceField
	sysSize   *inputField
	dataDisks []*diskRowField

	chargeUnit     *choiceField
	chargeDuration *inputField
	autoRenew      *choiceField

	login    *choiceField
	password *inputField
	confirm  *inputField
	keypair  *listField
	pwAuth   *choiceField
	name     *inputField
	count    *inputField
	token    *inputField
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

func (m *wizardModel) spinnerView() string { return m.spin.View() }

func (m *wizardModel) buildSteps() {
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
	m.steps = []*formStep{
		m.zoneStep(), m.typeStep(), m.imageStep(), m.networkStep(),
		m.disksStep(), m.billingStep(), m.loginStep(),
	}
	m.refreshAll()
}

// --- 1 Region & zone -----------------------------------------------------------

func (m *wizardModel) zoneStep() *formStep {
	f := &m.f
	f.region = newListField("Region", []column{{title: "REGION", width: 16}, {title: "NAME", width: 14}, {title: "ZONES", width: 30}})
	f.region.maxRows = 4
	f.region.onChange = func(id string) { m.setRegion(id) }
	f.zone = newListField("Zone", []column{{title: "ZONE", width: 18}, {title: "", width: 30}})
	f.zone.maxRows = 4
	f.zone.onChange = func(id string) { m.setZone(id) }
	return &formStep{
		id: stepZone, title: "Region & zone",
		intro: func() string {
			return "Where the instances run; the next steps list what this zone offers."
		},
		fields: []field{f.region, f.zone},
	}
}

func (m *wizardModel) regionRows() []listRow {
	regions := apiclient.Regions()
	known := false
	for _, r := range regions {
		known = known || r.ID == m.draft.Region
	}
	if !known && m.draft.Region != "" {
		regions = append(regions, apiclient.Region{ID: m.draft.Region, Zones: []string{m.draft.Region + "a", m.draft.Region + "b", m.draft.Region + "c"}})
	}
	rows := make([]listRow, len(regions))
	for i, r := range regions {
		zones := make([]string, len(r.Zones))
		for j, z := range r.Zones {
			zones[j] = zoneSuffix(z)
		}
		rows[i] = listRow{id: r.ID, cells: []string{r.ID, r.Name, strings.Join(zones, " ")}, search: strings.ToLower(r.ID + " " + r.Name)}
	}
	return rows
}

func (m *wizardModel) zonesOf(region string) []string {
	if r, ok := apiclient.LookupRegion(region); ok {
		return r.Zones
	}
	return []string{region + "a", region + "b", region + "c"}
}

func (m *wizardModel) zoneRows() []listRow {
	var rows []listRow
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
		rows = append(rows, listRow{id: z, cells: []string{z, note}, search: z})
	}
	return rows
}

func (m *wizardModel) setRegion(id string) {
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

func (m *wizardModel) setZone(z string) {
	m.draft.Spec.Az = z
	m.reDefault()
	m.refreshAll()
}

// --- 2 Instance type --------------------------------------------------------------

func (m *wizardModel) typeStep() *formStep {
	f := &m.f
	f.types = newListField("Instance type", []column{
		{title: "TYPE", width: 17}, {title: "FAMILY", width: 8}, {title: "vCPU", width: 4, right: true},
		{title: "MEMORY", width: 7, right: true}, {title: "GPU", width: 8}, {title: "THIS ZONE", width: 9},
	})
	f.types.maxRows = 9
	f.types.empty = "no instance types are offered in this region"
	f.types.retry = m.retryFailed
	f.types.spinner = m.spinnerView
	f.types.noun = kindTypes
	f.types.onChange = func(id string) {
		m.draft.Spec.InstanceType = id
		delete(m.auto, autoType)
		m.refreshAll()
	}
	return &formStep{
		id: stepType, title: "Instance type",
		subtitle: func() string { return "zone " + m.draft.Spec.Az },
		fields:   []field{f.types},
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

func (m *wizardModel) typeRows() []listRow {
	zone := m.draft.Spec.Az
	rows := make([]listRow, 0, len(m.data.types.items))
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
		rows = append(rows, listRow{
			id:       t.InstanceType,
			cells:    []string{t.InstanceType, familyOf(t), strconv.Itoa(t.CPU), gib(t.MemoryMB), gpu, where},
			disabled: disabled,
			search:   strings.ToLower(t.InstanceType + " " + familyOf(t) + " " + gpu + " " + strconv.Itoa(t.CPU) + "c " + gib(t.MemoryMB)),
			detail:   detail,

			reasonShown: true,
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

func (m *wizardModel) imageStep() *formStep {
	f := &m.f
	f.imgSource = &choiceField{label: "Source", options: []choiceOption{{label: "public"}, {label: "private"}, {label: "shared"}}}
	f.imgSource.onChange = func(int) {
		m.pendingLoads = append(m.pendingLoads, m.loadImages(imageSources[f.imgSource.selected]))
		m.refreshAll()
	}
	opts := make([]choiceOption, len(platformFilters))
	for i, p := range platformFilters {
		opts[i] = choiceOption{label: p}
	}
	f.imgPlatform = &choiceField{label: "Platform", options: opts}
	f.imgPlatform.onChange = func(int) { m.refreshAll() }
	f.images = newListField("Image", []column{
		{title: "NAME", width: 32, flex: true}, {title: "PLATFORM", width: 14, flex: true}, {title: "DISK", width: 6, right: true}, {title: "ID", width: 14},
	})
	f.images.maxRows = 7
	f.images.retry = m.retryFailed
	f.images.spinner = m.spinnerView
	f.images.noun = kindImages
	f.images.empty = "no images from this source match the platform filter"
	f.images.onChange = func(id string) {
		m.draft.Spec.ImageID = id
		delete(m.auto, autoImage)
		m.imageChanged()
		m.refreshAll()
	}
	return &formStep{
		id: stepImage, title: "Image",
		subtitle: func() string { return "for " + theme.OrDash(m.draft.Spec.InstanceType) },
		fields:   []field{f.imgSource, f.imgPlatform, f.images},
	}
}

func (m *wizardModel) imageRows() []listRow {
	src := imageSources[m.f.imgSource.selected]
	platform := platformFilters[m.f.imgPlatform.selected]
	imgs := append([]apiclient.Image(nil), m.data.imageList(src).items...)
	sort.SliceStable(imgs, func(i, j int) bool { return imgs[i].CreateTime > imgs[j].CreateTime })
	var rows []listRow
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
		rows = append(rows, listRow{
			id:       img.ImageID,
			cells:    []string{img.Name, img.Platform, strconv.Itoa(img.SystemDiskSizeGB) + " GiB", img.ImageID},
			disabled: disabled,
			flag:     flag,
			search:   strings.ToLower(img.Name + " " + img.Platform + " " + img.ImageID + " " + img.OsType),
			detail:   detail,
		})
	}
	return rows
}

// incompatible says why an image does not run on the chosen type, or "".
func (m *wizardModel) incompatible(imageID string) string {
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
func (m *wizardModel) imageChanged() {
	img := m.data.findImage(m.draft.Spec.ImageID)
	if img == nil {
		return
	}
	if m.auto[autoSize] && img.SystemDiskSizeGB > 0 {
		size := max(40, roundUp10(img.SystemDiskSizeGB))
		m.draft.Spec.SystemDisk.DiskSizeGB = size
		m.f.sysSize.setValue(strconv.Itoa(size))
	}
}

func roundUp10(n int) int { return (n + 9) / 10 * 10 }

func (m *wizardModel) isWindows() bool {
	img := m.data.findImage(m.draft.Spec.ImageID)
	return img != nil && strings.EqualFold(img.OsType, "windows")
}

// --- 4 Network --------------------------------------------------------------------

func (m *wizardModel) networkStep() *formStep {
	f := &m.f
	f.vpc = newListField("VPC", []column{{title: "NAME", width: 20}, {title: "ID", width: 18}, {title: "CIDR", width: 16}})
	f.vpc.maxRows = 3
	f.vpc.spinner = m.spinnerView
	f.vpc.noun = kindVpcs
	f.vpc.retry = m.retryFailed
	f.vpc.onChange = func(id string) {
		m.draft.Spec.PrimaryNetworkInterface.VpcID = id
		delete(m.auto, autoVpc)
		m.vpcChanged()
	}
	f.subnet = newListField("Subnet", []column{{title: "NAME", width: 20}, {title: "ID", width: 18}, {title: "CIDR", width: 16}, {title: "FREE IPs", width: 8, right: true}})
	f.subnet.maxRows = 3
	f.subnet.spinner = m.spinnerView
	f.subnet.noun = kindSubnets
	f.subnet.retry = m.retryFailed
	f.subnet.onChange = func(id string) {
		m.draft.Spec.PrimaryNetworkInterface.SubnetID = id
		delete(m.auto, autoSubnet)
		m.refreshAll()
	}
	f.groups = newListField("Security groups", []column{{title: "NAME", width: 20}, {title: "ID", width: 18}, {title: "", width: 24}})
	f.groups.multi = true
	f.groups.maxRows = 3
	f.groups.spinner = m.spinnerView
	f.groups.noun = kindGroups
	f.groups.retry = m.retryFailed
	f.groups.onChange = func(string) {
		delete(m.auto, autoGroups)
		m.setGroups(f.groups.picked)
	}
	f.ip = newInputField("Private IP", "automatic", 45, func(v string) {
		m.draft.Spec.PrimaryNetworkInterface.IP = strings.TrimSpace(v)
	})
	f.ip.hint = "optional; forces count 1"
	f.ip.setValue(m.draft.Spec.PrimaryNetworkInterface.IP)
	f.eip = &choiceField{label: "Public IP", options: []choiceOption{{label: "none"}, {label: "elastic IP (BGP)"}}}
	if m.draft.Spec.ElasticIPSpec != nil {
		f.eip.selected = 1
	}
	f.eip.onChange = func(i int) {
		if i == 1 {
			mbps, err := strconv.Atoi(strings.TrimSpace(f.eipMbps.value()))
			if err != nil || mbps == 0 {
				mbps = defaultEIPMbps
				f.eipMbps.setValue(strconv.Itoa(mbps))
			}
			m.draft.Spec.ElasticIPSpec = &apiclient.ElasticIPSpec{SizeMbps: mbps, Provider: apiclient.EIPProviderBGP}
			m.syncEIPCharge()
		} else {
			m.draft.Spec.ElasticIPSpec = nil
		}
	}
	f.eipMbps = newInputField("Bandwidth", "Mbps", 4, func(v string) {
		if e := m.draft.Spec.ElasticIPSpec; e != nil {
			e.SizeMbps, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	})
	f.eipMbps.hint = "Mbps, 1 to 200"
	f.eipMbps.hidden = func() bool { return m.draft.Spec.ElasticIPSpec == nil }
	f.eipMbps.local = intProblem(f.eipMbps, "instanceSpec.elasticIpSpec.sizeMbps")
	if e := m.draft.Spec.ElasticIPSpec; e != nil {
		f.eipMbps.setValue(strconv.Itoa(e.SizeMbps))
	} else {
		f.eipMbps.setValue(strconv.Itoa(defaultEIPMbps))
	}
	return &formStep{
		id: stepNetwork, title: "Network",
		subtitle: func() string { return "zone " + m.draft.Spec.Az },
		fields:   []field{f.vpc, f.subnet, f.groups, f.ip, f.eip, f.eipMbps},
		after: func(i int) string {
			if m.steps[stepNetwork].fields[i] != f.ip {
				return ""
			}
			return m.ipNote()
		},
	}
}

// ipNote checks a typed private IP against the chosen subnet as it is typed.
func (m *wizardModel) ipNote() string {
	ip := m.draft.Spec.PrimaryNetworkInterface.IP
	if ip == "" {
		return ""
	}
	pad := strings.Repeat(" ", labelWidth+3)
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
func (m *wizardModel) setGroups(ids []string) {
	sgs := make([]apiclient.SecurityGroupCreate, 0, len(ids))
	for _, id := range ids {
		sgs = append(sgs, apiclient.SecurityGroupCreate{GroupID: id})
	}
	m.draft.Spec.PrimaryNetworkInterface.SecurityGroups = sgs
	m.refreshAll()
}

func (m *wizardModel) vpcChanged() {
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

func (m *wizardModel) vpcRows() []listRow {
	rows := make([]listRow, 0, len(m.data.vpcs.items))
	for _, v := range m.data.vpcs.items {
		rows = append(rows, listRow{id: v.VpcID, cells: []string{v.VpcName, v.VpcID, v.AddressPrefix}, search: strings.ToLower(v.VpcName + " " + v.VpcID)})
	}
	return rows
}

func (m *wizardModel) subnetRows() []listRow {
	var rows []listRow
	for _, s := range m.data.subnets.items {
		if s.Az != "" && s.Az != m.draft.Spec.Az {
			continue
		}
		disabled := ""
		if s.AvailableIPCount == 0 {
			disabled = "no free IPs"
		}
		rows = append(rows, listRow{
			id: s.SubnetID, cells: []string{s.SubnetName, s.SubnetID, s.AddressPrefix, strconv.Itoa(s.AvailableIPCount)},
			disabled: disabled, search: strings.ToLower(s.SubnetName + " " + s.SubnetID + " " + s.AddressPrefix),
		})
	}
	return rows
}

func (m *wizardModel) groupRows() []listRow {
	rows := make([]listRow, 0, len(m.data.groups.items))
	for _, g := range m.data.groups.items {
		rows = append(rows, listRow{id: g.NetworkSecurityGroupID, cells: []string{g.NetworkSecurityGroupName, g.NetworkSecurityGroupID, g.Description},
			search: strings.ToLower(g.NetworkSecurityGroupName + " " + g.NetworkSecurityGroupID)})
	}
	return rows
}

// --- 5 Disks ----------------------------------------------------------------------

func (m *wizardModel) disksStep() *formStep {
	f := &m.f
	f.sysType = &choiceField{label: "System disk"}
	f.sysType.onChange = func(i int) { m.draft.Spec.SystemDisk.DiskType = m.diskTypeNames()[i] }
	f.sysSize = newInputField("Size", "GiB", 4, func(v string) {
		m.draft.Spec.SystemDisk.DiskSizeGB, _ = strconv.Atoi(strings.TrimSpace(v))
		delete(m.auto, autoSize)
	})
	f.sysSize.hint = "GiB, 40 to 500 in steps of 10"
	f.sysSize.local = intProblem(f.sysSize, "instanceSpec.systemDisk.diskSizeGB")
	if n := m.draft.Spec.SystemDisk.DiskSizeGB; n > 0 {
		f.sysSize.setValue(strconv.Itoa(n))
	}
	s := &formStep{
		id: stepDisks, title: "Disks",
		subtitle: func() string {
			return fmt.Sprintf("%d of %d disks", 1+len(m.draft.Spec.DataDisks), m.maxDisks())
		},
		intro: func() string {
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
		f.dataDisks = append(f.dataDisks, newDiskRowField(m, i))
	}
	m.diskStep = s
	m.rebuildDiskFields()
	return s
}

// maxDisks is how many disks the chosen type takes, system disk included.
func (m *wizardModel) maxDisks() int {
	if t := m.data.findType(m.draft.Spec.InstanceType); t != nil && t.MaxDisks > 0 {
		return min(t.MaxDisks, 8)
	}
	return 8
}

func (m *wizardModel) rebuildDiskFields() {
	f := &m.f
	fields := []field{f.sysType, f.sysSize}
	for _, d := range f.dataDisks {
		fields = append(fields, d)
	}
	m.diskStep.fields = fields
	if m.diskStep.focus >= len(fields) {
		m.diskStep.focus = len(fields) - 1
	}
}

func (m *wizardModel) addDataDisk() tea.Cmd {
	if 1+len(m.draft.Spec.DataDisks) >= m.maxDisks() {
		return nil
	}
	m.draft.Spec.DataDisks = append(m.draft.Spec.DataDisks, apiclient.InstanceDiskAttachmentSpec{DiskType: defaultDiskType, DiskSizeGB: 100})
	row := newDiskRowField(m, len(m.draft.Spec.DataDisks)-1)
	m.f.dataDisks = append(m.f.dataDisks, row)
	m.rebuildDiskFields()
	m.revalidate()
	return m.diskStep.focusField(row)
}

func (m *wizardModel) removeDataDisk(i int) tea.Cmd {
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
		r.index = j
	}
	m.rebuildDiskFields()
	m.revalidate()
	return m.diskStep.setFocusTo(min(m.diskStep.focus, len(m.diskStep.fields)-1))
}

// diskTypeNames are the disk types offered, from the API or the documented three.
func (m *wizardModel) diskTypeNames() []string {
	var names []string
	for _, d := range m.data.diskTypes.items {
		names = append(names, d.DiskType)
	}
	if len(names) == 0 {
		names = []string{"ssd.gp1", "ssd.io1", "hdd.std1"}
	}
	return names
}

func (m *wizardModel) diskTypeOptions() []choiceOption {
	names := m.diskTypeNames()
	opts := make([]choiceOption, len(names))
	for i, n := range names {
		opts[i] = choiceOption{label: n}
		for _, d := range m.data.diskTypes.items {
			if d.DiskType == n && diskSoldOut(d, m.draft.Spec.Az) {
				opts[i].disabled = "sold out in " + m.draft.Spec.Az
			}
		}
	}
	return opts
}

// --- 6 Billing --------------------------------------------------------------------

func (m *wizardModel) billingStep() *formStep {
	f := &m.f
	ch := m.draft.Spec.Charge
	f.chargeUnit = &choiceField{label: "Pay by", options: []choiceOption{{label: "month"}, {label: "year"}}}
	if ch.ChargeUnit == apiclient.ChargeUnitYear {
		f.chargeUnit.selected = 1
	}
	f.chargeUnit.onChange = func(i int) {
		m.draft.Spec.Charge.ChargeUnit = []string{apiclient.ChargeUnitMonth, apiclient.ChargeUnitYear}[i]
		m.syncEIPCharge()
	}
	f.chargeDuration = newInputField("Duration", "1", 2, func(v string) {
		m.draft.Spec.Charge.ChargeDuration, _ = strconv.Atoi(strings.TrimSpace(v))
		m.syncEIPCharge()
	})
	f.chargeDuration.local = intProblem(f.chargeDuration, "instanceSpec.charge.chargeDuration")
	f.chargeDuration.setValue(strconv.Itoa(max(ch.ChargeDuration, 1)))
	if ch.ChargeDuration == 0 {
		ch.ChargeDuration = 1
	}
	f.chargeDuration.hint = "1 to 9 months, or 1 to 3 years"
	f.autoRenew = &choiceField{label: "Auto-renew", options: []choiceOption{{label: "no"}, {label: "yes"}}}
	if ch.AutoRenew {
		f.autoRenew.selected = 1
	}
	f.autoRenew.onChange = func(i int) { m.draft.Spec.Charge.AutoRenew = i == 1 }
	return &formStep{
		id: stepBilling, title: "Billing",
		subtitle: func() string { return "prepaid" },
		intro: func() string {
			return "COC-VM instances are prepaid: the charge is deducted when you confirm."
		},
		fields: []field{f.chargeUnit, f.chargeDuration, f.autoRenew},
		after: func(i int) string {
			if i != 2 {
				return ""
			}
			return "\n " + m.st.Subtle.Render(m.chargeSummary())
		},
	}
}

// chargeSummary is one sentence of what will be paid for.
func (m *wizardModel) chargeSummary() string {
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
func (m *wizardModel) syncEIPCharge() {
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

func (m *wizardModel) loginStep() *formStep {
	f := &m.f
	d := &m.draft
	f.login = &choiceField{label: "Login", options: []choiceOption{{label: "Password"}, {label: "Key pair (Linux images only)"}}}
	if d.Spec.KeyName != "" {
		f.login.selected = 1
	}
	f.login.onChange = func(i int) {
		if i == 1 {
			m.draft.Spec.Password = ""
			m.draft.Spec.KeyName = m.f.keypair.selected
			if m.draft.Spec.KeyName == "" {
				m.draft.Spec.KeyName = m.f.keypair.firstChoosable()
				m.f.keypair.selected = m.draft.Spec.KeyName
			}
		} else {
			m.draft.Spec.KeyName = ""
			m.draft.Spec.PasswordAuth = ""
			m.draft.Spec.Password = m.f.password.value()
		}
		m.refreshAll()
	}
	usePassword := func() bool { return f.login.selected == 1 }
	f.password = newInputField("Password", "8 to 26 characters", 64, func(v string) { m.draft.Spec.Password = v }).masked()
	f.password.hidden = usePassword
	f.password.setValue(d.Spec.Password)
	f.confirm = newInputField("Confirm", "type it again", 64, func(v string) { m.confirm = v }).masked()
	f.confirm.hidden = usePassword
	f.confirm.setValue(m.confirm)
	f.confirm.local = func() wizard.Problem {
		if m.f.login.selected == 0 && m.draft.Spec.Password != "" && m.confirm != m.draft.Spec.Password {
			return wizard.Problem{Path: "instanceSpec.password", Message: "the confirmation does not match the password"}
		}
		return wizard.Problem{}
	}
	f.keypair = newListField("Key pair", []column{{title: "NAME", width: 20}, {title: "FINGERPRINT", width: 36}})
	f.keypair.maxRows = 3
	f.keypair.spinner = m.spinnerView
	f.keypair.noun = kindKeypairs
	f.keypair.retry = m.retryFailed
	f.keypair.empty = "this region has no key pairs; create one in the console, or use a password"
	f.keypair.hidden = func() bool { return f.login.selected == 0 }
	f.keypair.selected = d.Spec.KeyName
	f.keypair.onChange = func(id string) { m.draft.Spec.KeyName = id }
	f.pwAuth = &choiceField{label: "SSH password", options: []choiceOption{{label: "allowed"}, {label: "refused"}}}
	f.pwAuth.hidden = func() bool { return f.login.selected == 0 }
	if d.Spec.PasswordAuth == "no" {
		f.pwAuth.selected = 1
	}
	f.pwAuth.onChange = func(i int) {
		m.draft.Spec.PasswordAuth = []string{"yes", "no"}[i]
	}
	f.name = newInputField("Name", "1 to 64 characters", 64, func(v string) { m.draft.Spec.Name = v })
	f.name.setValue(d.Spec.Name)
	f.count = newInputField("Count", "1", 5, func(v string) { m.draft.Count, _ = strconv.Atoi(strings.TrimSpace(v)) })
	f.count.setValue(strconv.Itoa(max(d.Count, 1)))
	f.count.local = intProblem(f.count, "maxCount")
	f.token = newInputField("Client token", "generated at review", 64, func(v string) { m.draft.ClientToken = strings.TrimSpace(v) })
	f.token.setValue(d.ClientToken)
	f.token.hint = "optional, for idempotency"
	return &formStep{
		id: stepLogin, title: "Login & name",
		fields: []field{f.login, f.password, f.confirm, f.keypair, f.pwAuth, f.name, f.count, f.token},
		after: func(i int) string {
			switch m.steps[stepLogin].fields[i] {
			case f.confirm:
				return m.passwordChecklist()
			case f.count:
				return m.countNote()
			case f.pwAuth:
				if f.pwAuth.selected == 0 {
					return strings.Repeat(" ", labelWidth+3) + m.st.Dim.Render("a random password is sent by SMS and e-mail")
				}
			}
			return ""
		},
	}
}

func (m *wizardModel) passwordChecklist() string {
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

func (m *wizardModel) countNote() string {
	pad := strings.Repeat(" ", labelWidth+3)
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
func intProblem(f *inputField, path string) func() wizard.Problem {
	return func() wizard.Problem {
		v := strings.TrimSpace(f.value())
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
