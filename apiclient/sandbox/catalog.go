package sandbox

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
)

// The catalogue is built from the tables below on every start. Ids are
// derived from names (catalogueID), so they never change between runs, and
// all stock and capacity figures are fixed, so tests and scripts can rely on
// them. Live figures (stock left, free IPs, quota used) are computed from the
// instances when a describe call is answered.

// regionTable lists the three COC regions with the names and zones of the
// page "地域及可用区" (regions and zones), plus cn-north-1, which JD Cloud's
// own examples (the seed's included) use.
var regionTable = []struct {
	id, name string
	zones    string // zone letters
}{
	{"cn-hongkong-11", "中国-香港-11", "abc"},
	{"ap-singapore-11", "亚太-新加坡-11", "abcd"},
	{"ap-thailand-11", "亚太-曼谷", "abc"},
	{"cn-north-1", "华北-北京", "abc"},
}

// typeRow is one instance type. capacity is how many instances of it a zone
// holds (a finite capacity is what makes a large batch partly succeed);
// soldOut lists zone letters where it holds none.
type typeRow struct {
	family   string
	name     string
	cpu      int
	memGiB   int
	gpus     int
	maxDisks int
	capacity int
	soldOut  string
	// zoneCapacity overrides capacity by zone letter; a letter missing from
	// a non-nil map means sold out there.
	zoneCapacity map[byte]int
	// noStockIn lists regions where the type is sold out in every zone.
	noStockIn []string
}

var typeTable = []typeRow{
	{family: "g.n2", name: "g.n2.medium", cpu: 1, memGiB: 4, maxDisks: 4, capacity: 20000},
	{family: "g.n2", name: "g.n2.large", cpu: 2, memGiB: 8, maxDisks: 6, capacity: 20000},
	{family: "g.n2", name: "g.n2.xlarge", cpu: 4, memGiB: 16, capacity: 10000},
	{family: "g.n2", name: "g.n2.2xlarge", cpu: 8, memGiB: 32, capacity: 5000},
	{family: "g.n2", name: "g.n2.4xlarge", cpu: 16, memGiB: 64, capacity: 1000},
	{family: "g.n2", name: "g.n2.8xlarge", cpu: 32, memGiB: 128, capacity: 200},
	{family: "c.n2", name: "c.n2.medium", cpu: 1, memGiB: 2, maxDisks: 4, capacity: 20000},
	{family: "c.n2", name: "c.n2.large", cpu: 2, memGiB: 4, maxDisks: 6, capacity: 20000, soldOut: "c"},
	{family: "c.n2", name: "c.n2.xlarge", cpu: 4, memGiB: 8, capacity: 10000},
	{family: "c.n2", name: "c.n2.2xlarge", cpu: 8, memGiB: 16, capacity: 5000},
	{family: "c.n2", name: "c.n2.4xlarge", cpu: 16, memGiB: 32, capacity: 1000},
	{family: "c.n2", name: "c.n2.8xlarge", cpu: 32, memGiB: 64, capacity: 200, soldOut: "b"},
	{family: "m.n2", name: "m.n2.medium", cpu: 1, memGiB: 8, maxDisks: 4, capacity: 20000},
	{family: "m.n2", name: "m.n2.large", cpu: 2, memGiB: 16, maxDisks: 6, capacity: 20000},
	{family: "m.n2", name: "m.n2.xlarge", cpu: 4, memGiB: 32, capacity: 10000},
	{family: "m.n2", name: "m.n2.2xlarge", cpu: 8, memGiB: 64, capacity: 2000},
	{family: "m.n2", name: "m.n2.4xlarge", cpu: 16, memGiB: 128, capacity: 40, soldOut: "b"},
	{family: "p.n1p4c", name: "p.n1p4c.2xlarge", cpu: 8, memGiB: 26, gpus: 1,
		zoneCapacity: map[byte]int{'a': 8, 'b': 4}, noStockIn: []string{"ap-thailand-11"}},
	{family: "p.n1p4c", name: "p.n1p4c.4xlarge", cpu: 16, memGiB: 52, gpus: 2,
		zoneCapacity: map[byte]int{'a': 4, 'b': 2}, noStockIn: []string{"ap-thailand-11"}},
	{family: "p.n1p4c", name: "p.n1p4c.8xlarge", cpu: 32, memGiB: 104, gpus: 4,
		zoneCapacity: map[byte]int{'a': 2}, noStockIn: []string{"ap-thailand-11"}},
}

// imageRow is one image, present in every region under a region-specific id
// (derived from source and name, so neither may change). platform is one of
// the values the page "describeImages" lists for responses: Ubuntu, CentOS,
// Windows Server, Other Linux, Other Windows (a Debian image is Other
// Linux). created is written as the pages write times, "2021-01-28
// 16:49:05".
type imageRow struct {
	name, platform, osType, source, status, created, desc string
	sysDiskGB, sizeMB                                     int
	gpu                                                   bool // GPU-ready: runs GPU types only
}

var imageTable = []imageRow{
	{"CentOS 7.9 64位", "CentOS", "linux", "public", "ready", "2021-03-10 16:00:00", "CentOS 7.9 with the JD Cloud agent", 40, 2310, false},
	{"CentOS 8.2 64位", "CentOS", "linux", "public", "ready", "2020-11-05 16:00:00", "CentOS 8.2 with the JD Cloud agent", 40, 2494, false},
	{"Ubuntu 20.04 64位", "Ubuntu", "linux", "public", "ready", "2021-06-01 16:00:00", "Ubuntu 20.04 LTS", 40, 2180, false},
	{"Ubuntu 22.04 64位", "Ubuntu", "linux", "public", "ready", "2023-09-12 16:00:00", "Ubuntu 22.04 LTS", 40, 2390, false},
	{"Ubuntu 24.04 64位", "Ubuntu", "linux", "public", "creating", "2024-05-20 16:00:00", "Ubuntu 24.04 LTS (being published)", 40, 0, false},
	{"Debian 11 64位", "Other Linux", "linux", "public", "ready", "2022-05-20 16:00:00", "Debian 11 bullseye", 40, 1620, false},
	{"Debian 12 64位", "Other Linux", "linux", "public", "ready", "2023-07-01 16:00:00", "Debian 12 bookworm", 40, 1710, false},
	{"Ubuntu 20.04 64位 GPU (CUDA 11.8)", "Ubuntu", "linux", "public", "ready", "2022-11-01 16:00:00", "Ubuntu 20.04 with NVIDIA driver 520 and CUDA 11.8, for GPU types", 40, 7860, true},
	{"Windows Server 2019 数据中心版 64位中文版", "Windows Server", "windows", "public", "ready", "2022-03-01 16:00:00", "Windows Server 2019 Datacenter", 50, 11420, false},
	{"Windows Server 2022 数据中心版 64位中文版", "Windows Server", "windows", "public", "ready", "2023-06-01 16:00:00", "Windows Server 2022 Datacenter", 60, 12650, false},
	{"web-base-2024", "CentOS", "linux", "private", "ready", "2024-03-01 10:30:00", "nginx on CentOS 7.9, built by the web team", 40, 3120, false},
	{"app-golden-ubuntu", "Ubuntu", "linux", "private", "ready", "2024-04-02 17:15:00", "application base image on Ubuntu 22.04", 50, 4380, false},
	{"win-iis-base", "Windows Server", "windows", "private", "ready", "2024-02-18 19:00:00", "IIS on Windows Server 2019", 60, 13890, false},
}

// Owners of the images: the pages' example has public images owned by
// "admin"; private ones belong to the sandbox's one account.
const (
	publicOwner = "admin"
	accountPin  = "cocvm-sandbox"
)

// vpcRow is one VPC of every region.
type vpcRow struct {
	name, prefix string
	// subnetBits is the prefix length of each zone's subnet; subnet i of
	// the VPC starts at the VPC address plus i subnet sizes (skipping the
	// first for the /24 layout so the ".0" subnet stays free).
	subnetBits int
	skipFirst  bool
	// anyZone, when set, names one more subnet with no zone, in the slot
	// anySlot: COC subnets are created without one (the COC subnets page
	// asks for none), and such a subnet fits every zone.
	anyZone string
	anySlot uint32
}

var vpcTable = []vpcRow{
	{"default-vpc", "10.0.0.0/16", 18, false, "", 0},
	{"prod-vpc", "172.16.0.0/16", 24, true, "prod-any", 200},
}

// Fixed facts of every subnet, as the vm product's describeSubnets page
// shows them.
const (
	subnetCreated = "2024-01-15T08:00:00Z"
	subnetType    = "standard"
)

var securityGroupTable = []struct{ name, desc string }{
	{"default", "default group: all outbound, inbound ICMP and from the group itself"},
	{"web-http-https", "inbound 80 and 443 from anywhere"},
	{"ssh-only", "inbound 22 from anywhere"},
}

var keypairTable = []struct{ name, created string }{
	{"ops-laptop", "2023-10-08 11:12:45"},
	{"ci-deploy", "2024-01-22 23:40:02"},
}

// diskTable: ssd.io1 is sold out in zone b of every region.
var diskTable = []struct {
	name, desc, soldOut string
}{
	{"ssd.gp1", "通用型SSD (general purpose SSD)", ""},
	{"ssd.io1", "性能型SSD (performance SSD)", "b"},
	{"hdd.std1", "容量型HDD (capacity HDD)", ""},
}

// Reserved addresses per subnet, as the COC subnets page says: the first
// (network) and the second, the last (broadcast) and the two before it; a
// /24 keeps 251 of its 256.
const (
	reservedLow  = 2
	reservedHigh = 3
)

type typeEntry struct {
	info     apiclient.InstanceType // State is filled in when answering
	capacity map[string]int         // az -> instances the zone holds
}

type imageEntry struct {
	info       apiclient.Image
	constraint *apiclient.ImageInstanceTypeConstraint
}

type subnetEntry struct {
	info        apiclient.Subnet // AvailableIPCount is filled in when answering
	first, last uint32           // usable host addresses
}

// fits says whether instances in zone az can use the subnet.
func (s *subnetEntry) fits(az string) bool { return s.info.FitsZone(az) }

func (s *subnetEntry) size() int { return int(s.last-s.first) + 1 }

type diskEntry struct {
	name, desc string
	soldOut    map[string]bool // az -> sold out
}

type regionCatalogue struct {
	id, name string
	zones    []string

	types      []*typeEntry
	typeByName map[string]*typeEntry

	images    []*imageEntry
	imageByID map[string]*imageEntry

	vpcs     []apiclient.Vpc
	vpcByID  map[string]apiclient.Vpc
	subnets  []*subnetEntry
	subnetBy map[string]*subnetEntry
	groups   []apiclient.SecurityGroup
	groupBy  map[string]apiclient.SecurityGroup
	keypairs []apiclient.Keypair
	keyBy    map[string]apiclient.Keypair
	disks    []diskEntry
}

func (rc *regionCatalogue) hasZone(az string) bool {
	for _, z := range rc.zones {
		if z == az {
			return true
		}
	}
	return false
}

func (rc *regionCatalogue) disk(name string) *diskEntry {
	for i := range rc.disks {
		if rc.disks[i].name == name {
			return &rc.disks[i]
		}
	}
	return nil
}

type catalogue struct {
	regions map[string]*regionCatalogue
	order   []string
}

func buildCatalogue() *catalogue {
	c := &catalogue{regions: map[string]*regionCatalogue{}}
	for _, r := range regionTable {
		rc := buildRegion(r.id, r.name, r.zones)
		c.regions[r.id] = rc
		c.order = append(c.order, r.id)
	}
	return c
}

func buildRegion(id, name, letters string) *regionCatalogue {
	rc := &regionCatalogue{
		id: id, name: name,
		typeByName: map[string]*typeEntry{},
		imageByID:  map[string]*imageEntry{},
		vpcByID:    map[string]apiclient.Vpc{},
		subnetBy:   map[string]*subnetEntry{},
		groupBy:    map[string]apiclient.SecurityGroup{},
		keyBy:      map[string]apiclient.Keypair{},
	}
	for i := 0; i < len(letters); i++ {
		rc.zones = append(rc.zones, id+letters[i:i+1])
	}
	kinds := rc.addTypes()
	rc.addImages(kinds)
	for _, v := range vpcTable {
		rc.addVpc(v)
	}
	rc.addKeypairs()
	rc.addDisks()
	return rc
}

// typeKinds names the instance types by what images care about.
type typeKinds struct{ gpu, cpu, oneCPU []string }

func (rc *regionCatalogue) addTypes() typeKinds {
	var kinds typeKinds
	for _, t := range typeTable {
		e := &typeEntry{
			info: apiclient.InstanceType{
				Family: t.family, InstanceType: t.name, CPU: t.cpu, MemoryMB: t.memGiB * 1024,
				Architecture: "x86_64", MaxDisks: t.maxDisks,
			},
			capacity: map[string]int{},
		}
		if t.gpus > 0 {
			e.info.GPU = &apiclient.GPU{Model: "P4", Number: t.gpus}
			// GPU types come with local cache disks (the vm product's page:
			// "本地缓存盘配置，目前只有Gpu规格上才有"), one SSD per GPU.
			e.info.LocalDisks = apiclient.LocalDisks{{DiskType: "ssd", DiskSizeGB: 200, Count: t.gpus}}
			kinds.gpu = append(kinds.gpu, t.name)
		} else {
			kinds.cpu = append(kinds.cpu, t.name)
		}
		if t.cpu == 1 {
			kinds.oneCPU = append(kinds.oneCPU, t.name)
		}
		noStock := slices.Contains(t.noStockIn, rc.id)
		for _, az := range rc.zones {
			letter := az[len(az)-1]
			n := t.capacity
			if t.zoneCapacity != nil {
				n = t.zoneCapacity[letter]
			}
			if strings.IndexByte(t.soldOut, letter) >= 0 || noStock {
				n = 0
			}
			e.capacity[az] = n
		}
		rc.types = append(rc.types, e)
		rc.typeByName[t.name] = e
	}
	return kinds
}

func (rc *regionCatalogue) addImages(kinds typeKinds) {
	for _, im := range imageTable {
		owner := publicOwner
		if im.source == "private" {
			owner = accountPin
		}
		e := &imageEntry{info: apiclient.Image{
			ImageID: catalogueID("img-", rc.id, im.source, im.name), Name: im.name, Platform: im.platform,
			Architecture: "x86_64", OsType: im.osType, ImageSource: im.source, Status: im.status,
			SystemDiskSizeGB: im.sysDiskGB, SizeMB: im.sizeMB, CreateTime: im.created, Desc: im.desc, OwnerPin: owner,
		}}
		// Compatibility limits, as exclusions: "excludes" is the only
		// constraintsType the vm page describeImageConstraintsBatch says is
		// served ("当前只支持 excludes 一种数据"). A GPU-ready image excludes
		// every type without a GPU; every other image excludes the GPU
		// types, and Windows also the one-vCPU ones.
		var ex []string
		switch {
		case im.gpu:
			ex = kinds.cpu
		case im.osType == "windows":
			ex = append(append([]string{}, kinds.oneCPU...), kinds.gpu...)
		default:
			ex = kinds.gpu
		}
		e.constraint = &apiclient.ImageInstanceTypeConstraint{ConstraintsType: apiclient.ConstraintsExcludes, InstanceTypes: slices.Clone(ex)}
		rc.images = append(rc.images, e)
		rc.imageByID[e.info.ImageID] = e
	}
}

// addVpc adds a VPC with a subnet in every zone (and the zone-less one when
// the table names it) and the security groups.
func (rc *regionCatalogue) addVpc(v vpcRow) {
	vpc := apiclient.Vpc{VpcID: catalogueID("vpc-", rc.id, v.name), VpcName: v.name, AddressPrefix: v.prefix}
	rc.vpcs = append(rc.vpcs, vpc)
	rc.vpcByID[vpc.VpcID] = vpc
	for i, az := range rc.zones {
		slot := uint32(i)
		if v.skipFirst {
			slot++
		}
		rc.addSubnet(v, vpc, strings.TrimSuffix(v.name, "-vpc")+"-"+az[len(az)-1:], az, slot)
	}
	if v.anyZone != "" {
		rc.addSubnet(v, vpc, v.anyZone, "", v.anySlot)
	}
	for _, g := range securityGroupTable {
		sg := apiclient.SecurityGroup{
			NetworkSecurityGroupID: catalogueID("sg-", rc.id, v.name, g.name), NetworkSecurityGroupName: g.name,
			VpcID: vpc.VpcID, Description: g.desc,
		}
		rc.groups = append(rc.groups, sg)
		rc.groupBy[sg.NetworkSecurityGroupID] = sg
	}
}

// addSubnet adds subnet number slot of the VPC's layout. The id of a
// zone's subnet is derived from its zone, that of the zone-less one from
// its name.
func (rc *regionCatalogue) addSubnet(v vpcRow, vpc apiclient.Vpc, name, az string, slot uint32) {
	size := uint32(1) << (32 - v.subnetBits)
	start := be32(netip.MustParsePrefix(v.prefix).Addr().As4()) + slot*size
	sn := &subnetEntry{
		info: apiclient.Subnet{
			SubnetID: catalogueID("subnet-", rc.id, v.name, cmp.Or(az, name)), SubnetName: name, VpcID: vpc.VpcID,
			AddressPrefix: netip.PrefixFrom(addrOf(start), v.subnetBits).String(), Az: az,
			RouteTableID: catalogueID("rtb-", rc.id, v.name, "main route table"), CreatedTime: subnetCreated, SubnetType: subnetType,
		},
		first: start + reservedLow,
		last:  start + size - 1 - reservedHigh,
	}
	sn.info.StartIP, sn.info.EndIP = addrOf(sn.first).String(), addrOf(sn.last).String()
	rc.subnets = append(rc.subnets, sn)
	rc.subnetBy[sn.info.SubnetID] = sn
}

func (rc *regionCatalogue) addKeypairs() {
	for _, k := range keypairTable {
		sum := sha256.Sum256([]byte("keypair\x00" + rc.id + "\x00" + k.name))
		var fp strings.Builder
		for i := 0; i < 16; i++ {
			if i > 0 {
				fp.WriteByte(':')
			}
			fmt.Fprintf(&fp, "%02x", sum[i])
		}
		kp := apiclient.Keypair{KeyName: k.name, KeyFingerprint: fp.String(), CreateTime: k.created}
		rc.keypairs = append(rc.keypairs, kp)
		rc.keyBy[kp.KeyName] = kp
	}
}

func (rc *regionCatalogue) addDisks() {
	for _, d := range diskTable {
		de := diskEntry{name: d.name, desc: d.desc, soldOut: map[string]bool{}}
		for _, az := range rc.zones {
			if strings.IndexByte(d.soldOut, az[len(az)-1]) >= 0 {
				de.soldOut[az] = true
			}
		}
		rc.disks = append(rc.disks, de)
	}
}

func be32(a [4]byte) uint32 {
	return uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
}

func addrOf(n uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
}
