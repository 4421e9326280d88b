package wizard

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cocvm/cocvm/apiclient"
)

// Limits of the createInstances table.
const (
	// MaxCountPerRequest is the most instances one createInstances call makes.
	MaxCountPerRequest = 100
	// MaxClientTokenLen is the longest clientToken, in characters.
	MaxClientTokenLen = 64
	// DefaultMaxDisks is how many cloud disks, system disk included, an
	// instance takes when its type says nothing else.
	DefaultMaxDisks = 8

	systemDiskMinGB = 40
	systemDiskMaxGB = 500
	dataDiskMinGB   = 20
	dataDiskMaxGB   = 32000
	diskStepGB      = 10
	eipMinMbps      = 1
	eipMaxMbps      = 200
	monthMax        = 9
	yearMax         = 3
)

// JSON paths of the request body, shared by the rules, the decoder and the
// screens that show problems next to their fields.
const (
	PathSpec           = "instanceSpec"
	PathAz             = "instanceSpec.az"
	PathInstanceType   = "instanceSpec.instanceType"
	PathImageID        = "instanceSpec.imageId"
	PathName           = "instanceSpec.name"
	PathPassword       = "instanceSpec.password"
	PathKeyName        = "instanceSpec.keyName"
	PathPasswordAuth   = "instanceSpec.passwordAuth"
	PathEIP            = "instanceSpec.elasticIpSpec"
	PathNetwork        = "instanceSpec.primaryNetworkInterface"
	PathVpcID          = "instanceSpec.primaryNetworkInterface.vpcId"
	PathSubnetID       = "instanceSpec.primaryNetworkInterface.subnetId"
	PathIP             = "instanceSpec.primaryNetworkInterface.ip"
	PathSecurityGroups = "instanceSpec.primaryNetworkInterface.securityGroups"
	PathSystemDisk     = "instanceSpec.systemDisk"
	PathDataDisks      = "instanceSpec.dataDisks"
	PathCharge         = "instanceSpec.charge"
	PathMaxCount       = "maxCount"
	PathClientToken    = "clientToken"
)

// Validate checks a draft against every rule, and against the catalogue
// rules too when f is not nil. Problems come in the order of the fields in
// the request body. A Count above 100 is allowed here, because Build splits
// it into several requests; ValidateRequest checks a single request.
func Validate(d Draft, f *Facts) []Problem {
	v := validator{d: d, f: f}
	v.run()
	return v.out
}

// ValidateRequest checks one request body as it would be sent: every rule of
// Validate, plus maxCount at most 100, which no single request may exceed.
func ValidateRequest(req apiclient.CreateInstancesRequest, f *Facts) []Problem {
	return ValidateDecoded(req, f, nil)
}

// ValidateDecoded is ValidateRequest for a body read from JSON, where zero
// reports the paths of integers written as 0 (nil: none). Such a 0 is out of
// range ("must be 1 to 9 months; got 0"), where in a draft 0 means absent.
func ValidateDecoded(req apiclient.CreateInstancesRequest, f *Facts, zero func(path string) bool) []Problem {
	v := validator{d: RequestToDraft("", req), f: f, single: true, explicit: zero}
	v.run()
	return v.out
}

// Notes are remarks on a draft that are not problems: what the service
// decides because the draft leaves it out. zero is as for ValidateDecoded:
// an integer written as 0 is a problem, not a field left out.
func Notes(d Draft, zero func(path string) bool) []Problem {
	var out []Problem
	for i, disk := range d.Spec.DataDisks {
		p := PathDataDisks + "[" + strconv.Itoa(i) + "].diskSizeGB"
		if disk.DiskSizeGB == 0 && (zero == nil || !zero(p)) {
			out = append(out, Problem{Path: p, Message: apiclient.T("not given, so the service's default size applies; " +
				"createInstances documents no default, so give a size (20 to 32000 GiB, in steps of 10) to know what you get")})
		}
	}
	return out
}

// ProblemsUnder returns the problems whose path is prefix or lies below it
// ("instanceSpec.systemDisk" covers "instanceSpec.systemDisk.diskSizeGB").
// An empty prefix returns every problem.
func ProblemsUnder(ps []Problem, prefix string) []Problem {
	var out []Problem
	for _, p := range ps {
		if pathUnder(p.Path, prefix) {
			out = append(out, p)
		}
	}
	return out
}

// pathUnder reports whether path is prefix or one of its descendants.
func pathUnder(path, prefix string) bool {
	if prefix == "" || path == prefix {
		return true
	}
	if !strings.HasPrefix(path, prefix) {
		return false
	}
	next := path[len(prefix)]
	return next == '.' || next == '['
}

// validator runs the rules in body order, collecting problems.
type validator struct {
	d   Draft
	f   *Facts
	out []Problem
	// single makes maxCount above 100 a problem (one request body).
	single bool
	// explicit reports whether an integer field that is 0 was written as 0
	// in a decoded body, so that 0 is out of range rather than absent.
	explicit func(path string) bool
}

func (v *validator) add(path string, msg apiclient.Text) {
	v.out = append(v.out, Problem{Path: path, Message: msg})
}

// given reports whether an integer field holds a value: non-zero, or an
// explicit 0 in a decoded body.
func (v *validator) given(path string, n int) bool {
	return n != 0 || (v.explicit != nil && v.explicit(path))
}

func (v *validator) count() int {
	if v.d.Count == 0 {
		return 1
	}
	return v.d.Count
}

func (v *validator) run() {
	s := &v.d.Spec
	v.zone()
	v.instanceType()
	v.image()
	if s.Name == "" {
		v.add(PathName, apiclient.T("required: the instance name, 1 to 64 characters of Chinese, letters, digits, '_', '-' or '.'"))
	} else {
		for _, m := range CheckName(s.Name) {
			v.add(PathName, m)
		}
	}
	if s.Password != "" {
		for _, m := range CheckPassword(s.Password) {
			v.add(PathPassword, m)
		}
	}
	v.login()
	v.eip()
	v.eipQuota()
	v.network()
	v.disks()
	v.diskQuotas()
	v.charge()
	v.maxCount()
	v.clientToken()
	v.text()
}

// clientToken checks the idempotency token. The seed limits only its
// length (64 characters); printable ASCII is required too, because the
// server may well count bytes, and a token is an identifier, not prose.
func (v *validator) clientToken() {
	tok := v.d.ClientToken
	if n := utf8.RuneCountInString(tok); n > MaxClientTokenLen {
		v.add(PathClientToken, apiclient.T("must be at most 64 characters; has %s", strconv.Itoa(n)))
	}
	for _, r := range tok {
		if r <= ' ' || r >= 0x7f {
			v.add(PathClientToken, apiclient.T("may hold only printable ASCII characters (letters, digits, punctuation, no spaces); found %v",
				describeRune(r)))
			return
		}
	}
}

// text reports free-text fields that are not valid UTF-8: such bytes
// cannot be sent in a JSON body without being changed. (The name, password
// and IP rules refuse them already.)
func (v *validator) text() {
	s := &v.d.Spec
	n := &s.PrimaryNetworkInterface
	check := func(path, value string) {
		if !utf8.ValidString(value) {
			v.add(path, apiclient.T("is not valid UTF-8 text"))
		}
	}
	check(PathAz, s.Az)
	check(PathInstanceType, s.InstanceType)
	check(PathImageID, s.ImageID)
	check(PathKeyName, s.KeyName)
	check(PathVpcID, n.VpcID)
	check(PathSubnetID, n.SubnetID)
	check(PathSystemDisk+".diskType", s.SystemDisk.DiskType)
	// Paths are built only for a bad value: a body may list thousands.
	for i, g := range n.SecurityGroups {
		if !utf8.ValidString(g.GroupID) || !utf8.ValidString(g.GroupName) {
			p := PathSecurityGroups + "[" + strconv.Itoa(i) + "]"
			check(p+".groupId", g.GroupID)
			check(p+".groupName", g.GroupName)
		}
	}
	for i, d := range s.DataDisks {
		if !utf8.ValidString(d.DiskType) {
			v.add(PathDataDisks+"["+strconv.Itoa(i)+"].diskType", apiclient.T("is not valid UTF-8 text"))
		}
	}
}

func (v *validator) zone() {
	az := v.d.Spec.Az
	if az == "" {
		v.add(PathAz, apiclient.T("required: the availability zone, for example cn-hongkong-11a"))
		return
	}
	// JD Cloud names zones after their region plus a letter; a zone of
	// another region is a certain failure.
	if r := v.d.Region; r != "" && (!strings.HasPrefix(az, r) || len(az) == len(r)) {
		v.add(PathAz, notInRegion(az, r))
	}
	seen := map[string]bool{az: true}
	for _, z := range v.d.ExtraZones {
		switch r := v.d.Region; {
		case seen[z]:
			v.add(PathAz, apiclient.T("zone %s is listed twice", z))
		case r != "" && (!strings.HasPrefix(z, r) || len(z) == len(r)):
			v.add(PathAz, notInRegion(z, r))
		}
		seen[z] = true
	}
	if len(v.d.Zones()) > 1 && v.d.Spec.PrimaryNetworkInterface.IP != "" {
		v.add(PathAz, apiclient.T("a fixed private IP (%s) is one instance in one zone; choose one zone", PathIP))
	}
}

// zoneStock says whether states (a type's or a disk type's) leave the
// draft a zone to go to: its zone, or with several any of them (the plan
// leaves the others out). ok false comes with a reason.
func (v *validator) zoneStock(states []apiclient.InstanceTypeState) (ok bool, reason apiclient.Text) {
	zones := v.d.Zones()
	if len(zones) <= 1 {
		return stock(states, v.d.Spec.Az)
	}
	for _, z := range zones {
		if ok, _ := stock(states, z); ok {
			return true, apiclient.Text{}
		}
	}
	return false, apiclient.T("is sold out in every zone chosen (%s)", strings.Join(zones, ", "))
}

// stock says whether something sold per zone is in stock in az: ok false
// with a reason when it is not, ok true when it is or nobody knows.
func stock(states []apiclient.InstanceTypeState, az string) (ok bool, reason apiclient.Text) {
	if az == "" || len(states) == 0 {
		return true, apiclient.Text{}
	}
	for _, st := range states {
		if st.Az == az {
			if st.InStock {
				return true, apiclient.Text{}
			}
			return false, apiclient.T("is sold out in %s", az)
		}
	}
	return false, apiclient.T("is not sold in %s", az)
}

func (v *validator) instanceType() {
	s := &v.d.Spec
	if s.InstanceType == "" {
		v.add(PathInstanceType, apiclient.T("required: the instance type, for example g.n2.large"))
		return
	}
	t := v.factType()
	if t == nil {
		if v.f != nil && v.f.TypesKnown && v.f.InstanceType == nil {
			v.add(PathInstanceType, apiclient.T("instance type %s does not exist in this region", s.InstanceType))
		}
		return
	}
	if ok, why := v.zoneStock(t.State); !ok {
		v.add(PathInstanceType, apiclient.T("instance type %s %v; choose another type or zone", s.InstanceType, why))
	}
}

// factType is the catalogue's instance type when it is the draft's.
func (v *validator) factType() *apiclient.InstanceType {
	if v.f == nil || v.f.InstanceType == nil || v.f.InstanceType.InstanceType != v.d.Spec.InstanceType {
		return nil
	}
	return v.f.InstanceType
}

// factImage is the catalogue's image when it is the draft's.
func (v *validator) factImage() *apiclient.Image {
	if v.f == nil || v.f.Image == nil || v.f.Image.ImageID != v.d.Spec.ImageID {
		return nil
	}
	return v.f.Image
}

func (v *validator) image() {
	s := &v.d.Spec
	if s.ImageID == "" {
		v.add(PathImageID, apiclient.T("required: the image id (img-...)"))
		return
	}
	img := v.factImage()
	if img == nil {
		if v.f != nil && v.f.ImagesKnown && v.f.Image == nil {
			v.add(PathImageID, apiclient.T("image %s not found in this region", s.ImageID))
		}
		return
	}
	if img.Status != "" && !strings.EqualFold(img.Status, "ready") {
		v.add(PathImageID, apiclient.T("image %s is not ready (its status is %s); choose a ready image", s.ImageID, img.Status))
	}
	// The constraint is checked here rather than on the type because the
	// image is chosen after the type: this is where the person can act.
	if c := v.f.ImageConstraint; c != nil && s.InstanceType != "" && !c.Allows(s.InstanceType) {
		v.add(PathImageID, apiclient.T("image %s does not support instance type %s", s.ImageID, s.InstanceType))
	}
}

func (v *validator) login() {
	s := &v.d.Spec
	switch {
	case s.KeyName != "" && s.Password != "":
		v.add(PathKeyName, apiclient.T("set either a password or a key pair (keyName), not both"))
	case s.KeyName == "" && s.PasswordAuth == "no":
		v.add(PathKeyName, apiclient.T("required when passwordAuth is no: without SSH password login, a key pair is the way in"))
	}
	if s.KeyName != "" {
		if img := v.factImage(); img != nil && img.OsType != "" && !strings.EqualFold(img.OsType, "linux") {
			v.add(PathKeyName, apiclient.T("key pairs work only with Linux images; %s is %s; use a password", s.ImageID, img.OsType))
		}
		if v.f != nil && v.f.Keypairs != nil {
			found := false
			for _, k := range v.f.Keypairs {
				found = found || k.KeyName == s.KeyName
			}
			if !found {
				v.add(PathKeyName, apiclient.T("key pair %s not found in this region", s.KeyName))
			}
		}
	}
	if a := s.PasswordAuth; a != "" && a != "yes" && a != "no" {
		v.add(PathPasswordAuth, apiclient.T("must be yes or no; got %q", a))
	}
}

// chargeUnitProblem checks a chargeUnit value; "" is the default, month.
// A zero Text means no problem.
func chargeUnitProblem(unit string) apiclient.Text {
	if unit == "" || unit == apiclient.ChargeUnitMonth || unit == apiclient.ChargeUnitYear {
		return apiclient.Text{}
	}
	return apiclient.T("must be month or year; got %q", unit)
}

// durationProblem checks chargeDuration against its unit ("" = month).
func durationProblem(unit string, n int) apiclient.Text {
	if unit == apiclient.ChargeUnitYear {
		if n < 1 || n > yearMax {
			return apiclient.T("must be 1 to 3 years; got %s", strconv.Itoa(n))
		}
		return apiclient.Text{}
	}
	if n < 1 || n > monthMax {
		return apiclient.T("must be 1 to 9 months; got %s", strconv.Itoa(n))
	}
	return apiclient.Text{}
}

func (v *validator) eip() {
	e := v.d.Spec.ElasticIPSpec
	if e == nil {
		return
	}
	p := PathEIP + "."
	if !v.given(p+"sizeMbps", e.SizeMbps) {
		v.add(p+"sizeMbps", apiclient.T("required: the bandwidth of the elastic IP, 1 to 200 Mbps"))
	} else if e.SizeMbps < eipMinMbps || e.SizeMbps > eipMaxMbps {
		v.add(p+"sizeMbps", apiclient.T("must be 1 to 200 Mbps; got %s", strconv.Itoa(e.SizeMbps)))
	}
	switch e.Provider {
	case apiclient.EIPProviderBGP:
	case "":
		v.add(p+"provider", apiclient.T("required: bgp, the only line COC-VM offers"))
	default:
		v.add(p+"provider", apiclient.T("must be bgp, the only line COC-VM offers; got %q", e.Provider))
	}
	if m := e.ChargeMode; m != "" && m != apiclient.ChargeModePrepaid {
		v.add(p+"chargeMode", apiclient.T("must be prepaid_by_duration, the only mode COC-VM offers; got %q", m))
	}
	if m := e.ChargePlan; m != "" && m != apiclient.EIPPlanBandwidth {
		v.add(p+"chargePlan", apiclient.T("must be bandwidth, the only plan COC-VM offers; got %q", m))
	}
	// The seed: an elastic IP bought with the instances is billed as the
	// instances are ("计费单位同实例计费单位", "计费时长同实例计费时长"). Read as: the
	// elastic IP's unit and duration may be left out, and when given they
	// must equal the instances' (whose own defaults are month and 1).
	instUnit, instDur := v.chargeTerms()
	unitOK := true
	if msg := chargeUnitProblem(e.ChargeUnit); !msg.IsZero() {
		v.add(p+"chargeUnit", msg)
		unitOK = false
	} else if e.ChargeUnit != "" && e.ChargeUnit != instUnit {
		v.add(p+"chargeUnit", apiclient.T("must match the instances' charge unit (%s); got %s", instUnit, e.ChargeUnit))
	}
	if v.given(p+"chargeDuration", e.ChargeDuration) && unitOK {
		unit := e.ChargeUnit
		if unit == "" {
			unit = instUnit
		}
		if msg := durationProblem(unit, e.ChargeDuration); !msg.IsZero() {
			v.add(p+"chargeDuration", msg)
		} else if e.ChargeDuration != instDur {
			v.add(p+"chargeDuration", apiclient.T("must match the instances' charge duration (%s); got %s", strconv.Itoa(instDur), strconv.Itoa(e.ChargeDuration)))
		}
	}
}

// chargeTerms are the instances' charge unit and duration with the
// documented defaults (month, 1) filled in.
func (v *validator) chargeTerms() (unit string, duration int) {
	unit, duration = apiclient.ChargeUnitMonth, 1
	if c := v.d.Spec.Charge; c != nil {
		if c.ChargeUnit != "" {
			unit = c.ChargeUnit
		}
		if c.ChargeDuration != 0 {
			duration = c.ChargeDuration
		}
	}
	return unit, duration
}

func (v *validator) network() {
	s := &v.d.Spec
	n := &s.PrimaryNetworkInterface
	if n.VpcID == "" {
		v.add(PathVpcID, apiclient.T("required: the VPC of the instances (vpc-...)"))
	}
	if n.SubnetID == "" {
		v.add(PathSubnetID, apiclient.T("required: the subnet of the instances (subnet-...)"))
	} else {
		v.subnet()
	}
	if n.IP != "" {
		v.ip()
	}
	if len(n.SecurityGroups) == 0 {
		v.add(PathSecurityGroups, apiclient.T("required: at least one security group ({\"groupId\": \"sg-...\"})"))
	}
	first := map[string]int{}
	for i, g := range n.SecurityGroups {
		p := func() string { return PathSecurityGroups + "[" + strconv.Itoa(i) + "].groupId" }
		if g.GroupID == "" {
			v.add(p(), apiclient.T("required: the security group id (sg-...)"))
			continue
		}
		if j, dup := first[g.GroupID]; dup {
			v.add(p(), apiclient.T("%s is listed twice (also securityGroups[%s])", g.GroupID, strconv.Itoa(j)))
			continue
		}
		first[g.GroupID] = i
		if v.f == nil || v.f.SecurityGroups == nil {
			continue
		}
		var found *apiclient.SecurityGroup
		for k := range v.f.SecurityGroups {
			if v.f.SecurityGroups[k].NetworkSecurityGroupID == g.GroupID {
				found = &v.f.SecurityGroups[k]
			}
		}
		switch {
		case found == nil:
			v.add(p(), apiclient.T("security group %s not found in this region", g.GroupID))
		case found.VpcID != "" && n.VpcID != "" && found.VpcID != n.VpcID:
			v.add(p(), apiclient.T("security group %s belongs to %s, not %s", g.GroupID, found.VpcID, n.VpcID))
		}
	}
}

// factSubnet is the catalogue's subnet when it is the draft's.
func (v *validator) factSubnet() *apiclient.Subnet {
	if v.f == nil || v.f.Subnet == nil || v.f.Subnet.SubnetID != v.d.Spec.PrimaryNetworkInterface.SubnetID {
		return nil
	}
	return v.f.Subnet
}

func (v *validator) subnet() {
	n := &v.d.Spec.PrimaryNetworkInterface
	sn := v.factSubnet()
	if sn == nil {
		if v.f != nil && v.f.SubnetsKnown && v.f.Subnet == nil {
			v.add(PathSubnetID, apiclient.T("subnet %s not found in this region", n.SubnetID))
		}
		return
	}
	if sn.VpcID != "" && n.VpcID != "" && sn.VpcID != n.VpcID {
		v.add(PathSubnetID, apiclient.T("subnet %s belongs to %s, not %s", n.SubnetID, sn.VpcID, n.VpcID))
	}
	zones := v.d.Zones()
	if az := v.d.Spec.Az; sn.Az != "" && az != "" && !slices.ContainsFunc(zones, sn.FitsZone) {
		v.add(PathSubnetID, apiclient.T("subnet %s is in zone %s; the instances are in %s", n.SubnetID, sn.Az, strings.Join(zones, ", ")))
	}
	// Spread over zones, a subnet of one zone holds that zone's share (the
	// largest, to be sure); one with no zone may hold them all.
	need := v.count()
	if len(zones) > 1 && sn.Az != "" {
		need = Spread(need, zones)[0].Count
	}
	// Only a positive count is trusted: 0 may just mean "not reported".
	if sn.AvailableIPCount > 0 && need > sn.AvailableIPCount {
		v.add(PathSubnetID, apiclient.T("subnet %s has %s free addresses; %s instances need one each", n.SubnetID, strconv.Itoa(sn.AvailableIPCount), strconv.Itoa(need)))
	}
}

// ip checks the fixed private IP. IPv6 is valid syntax; whether the subnet
// takes it is the subnet's business (the API answers "Subnet 'xx' not
// support ipv6"), checked here only when the subnet's prefix is known.
func (v *validator) ip() {
	n := &v.d.Spec.PrimaryNetworkInterface
	addr, err := netip.ParseAddr(n.IP)
	if err != nil || addr.Zone() != "" {
		v.add(PathIP, apiclient.T("%q is not a valid IP address (for example 10.0.1.12)", n.IP))
		return
	}
	addr = addr.Unmap()
	if !addr.IsGlobalUnicast() {
		v.add(PathIP, apiclient.T("%s cannot be a host address (loopback, multicast, link-local, broadcast or unspecified)", n.IP))
		return
	}
	sn := v.factSubnet()
	if sn == nil {
		return
	}
	prefix, err := netip.ParsePrefix(sn.AddressPrefix)
	if err != nil {
		return
	}
	prefix = prefix.Masked()
	switch {
	case addr.Is6() && prefix.Addr().Is4():
		v.add(PathIP, apiclient.T("subnet %s (%s) does not support IPv6", n.SubnetID, sn.AddressPrefix))
	case !prefix.Contains(addr):
		v.add(PathIP, apiclient.T("%s is outside subnet %s (%s)", n.IP, n.SubnetID, prefix.String()))
	case addr.Is4() && addr == prefix.Addr() && prefix.Bits() < 31:
		v.add(PathIP, apiclient.T("%s is the network address of %s; choose a host address", n.IP, prefix.String()))
	case addr.Is4() && prefix.Bits() < 31 && addr == lastIPv4(prefix):
		v.add(PathIP, apiclient.T("%s is the broadcast address of %s; choose a host address", n.IP, prefix.String()))
	case addr.Is4() && prefix.Bits() <= 28 && reservedIPv4(prefix, addr):
		v.add(PathIP, apiclient.T("%s is reserved by JD Cloud in %s (the second address and the two before the broadcast address); choose another",
			n.IP, prefix.String()))
	}
}

// reservedIPv4 reports whether addr is one of the addresses JD Cloud keeps
// for the network's management in a subnet: the second, the second-to-last
// and the third-to-last ("子网配置", COC subnets console page: in 10.1.0.0/24,
// 10.1.0.1, 10.1.0.253 and 10.1.0.254 are reserved, so 251 are usable).
func reservedIPv4(p netip.Prefix, addr netip.Addr) bool {
	last := lastIPv4(p)
	return addr == p.Addr().Next() || addr == last.Prev() || addr == last.Prev().Prev()
}

func lastIPv4(p netip.Prefix) netip.Addr {
	a := p.Addr().As4()
	host := uint32(1)<<(32-p.Bits()) - 1
	u := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	u |= host
	return netip.AddrFrom4([4]byte{byte(u >> 24), byte(u >> 16), byte(u >> 8), byte(u)})
}

func (v *validator) disks() {
	s := &v.d.Spec
	p := PathSystemDisk + "."
	if s.SystemDisk.DiskType == "" {
		v.add(p+"diskType", apiclient.T("required: the system disk type, for example ssd.gp1"))
	} else {
		v.diskType(p+"diskType", s.SystemDisk.DiskType)
	}
	if size := s.SystemDisk.DiskSizeGB; v.given(p+"diskSizeGB", size) {
		v.diskSize(p+"diskSizeGB", size, systemDiskMinGB, systemDiskMaxGB)
		if img := v.factImage(); img != nil && img.SystemDiskSizeGB > 0 && size < img.SystemDiskSizeGB &&
			size >= systemDiskMinGB {
			v.add(p+"diskSizeGB", apiclient.T("must be at least %s GiB, the size image %s needs; got %s", strconv.Itoa(img.SystemDiskSizeGB), s.ImageID, strconv.Itoa(size)))
		}
	}

	maxDisks, typ := DefaultMaxDisks, ""
	if t := v.factType(); t != nil && t.MaxDisks > 0 {
		maxDisks, typ = t.MaxDisks, t.InstanceType
	}
	if total := 1 + len(s.DataDisks); total > maxDisks {
		if typ != "" {
			v.add(PathDataDisks, apiclient.T("at most %s data disks (%s disks with the system disk for %s); has %s",
				strconv.Itoa(maxDisks-1), strconv.Itoa(maxDisks), typ, strconv.Itoa(len(s.DataDisks))))
		} else {
			v.add(PathDataDisks, apiclient.T("at most %s data disks (%s disks with the system disk); has %s",
				strconv.Itoa(maxDisks-1), strconv.Itoa(maxDisks), strconv.Itoa(len(s.DataDisks))))
		}
	}
	for i, d := range s.DataDisks {
		p := PathDataDisks + "[" + strconv.Itoa(i) + "]."
		if d.DiskType == "" {
			v.add(p+"diskType", apiclient.T("required: the data disk type, for example ssd.gp1"))
		} else {
			v.diskType(p+"diskType", d.DiskType)
		}
		// The table marks diskSizeGB optional and documents no default:
		// left out, the service chooses (Notes says so).
		if v.given(p+"diskSizeGB", d.DiskSizeGB) {
			v.diskSize(p+"diskSizeGB", d.DiskSizeGB, dataDiskMinGB, dataDiskMaxGB)
		}
	}
}

func (v *validator) diskSize(path string, size, lo, hi int) {
	if size < lo || size > hi {
		v.add(path, apiclient.T("must be %s to %s GiB; got %s", strconv.Itoa(lo), strconv.Itoa(hi), strconv.Itoa(size)))
	}
	if size%diskStepGB != 0 {
		v.add(path, apiclient.T("must be a multiple of 10 GiB; got %s", strconv.Itoa(size)))
	}
}

func (v *validator) diskType(path, name string) {
	if v.f == nil || v.f.DiskTypes == nil {
		return
	}
	var known []string
	for _, t := range v.f.DiskTypes {
		if t.DiskType == name {
			if ok, why := v.zoneStock(t.State); !ok {
				v.add(path, apiclient.T("disk type %s %v; choose another disk type", name, why))
			}
			return
		}
		known = append(known, t.DiskType)
	}
	v.add(path, apiclient.T("unknown disk type %q; choose one of %s", name, strings.Join(known, ", ")))
}

func (v *validator) charge() {
	c := v.d.Spec.Charge
	if c == nil {
		return
	}
	p := PathCharge + "."
	if m := c.ChargeMode; m != "" && m != apiclient.ChargeModePrepaid {
		v.add(p+"chargeMode", apiclient.T("must be prepaid_by_duration: COC-VM instances are prepaid only; got %q", m))
	}
	if msg := chargeUnitProblem(c.ChargeUnit); !msg.IsZero() {
		v.add(p+"chargeUnit", msg)
		return
	}
	if v.given(p+"chargeDuration", c.ChargeDuration) {
		if msg := durationProblem(c.ChargeUnit, c.ChargeDuration); !msg.IsZero() {
			v.add(p+"chargeDuration", msg)
		}
	}
}

func (v *validator) maxCount() {
	n := v.d.Count
	switch {
	case n < 0 || (n == 0 && v.explicit != nil && v.explicit(PathMaxCount)):
		v.add(PathMaxCount, apiclient.T("must be 1 to 100; got %s", strconv.Itoa(n)))
		return
	case v.single && n > MaxCountPerRequest:
		v.add(PathMaxCount, apiclient.T("one request creates at most 100 instances; got %s (cocvm create splits larger counts into several requests)", strconv.Itoa(n)))
	}
	count := v.count()
	if count > 1 && v.d.Spec.PrimaryNetworkInterface.IP != "" {
		v.add(PathMaxCount, apiclient.T("must be 1 when a fixed IP is given (%s); got %s", PathIP, strconv.Itoa(count)))
	}
	if v.f != nil && v.f.Quota != nil {
		if q := v.f.Quota; count > q.Left() {
			v.add(PathMaxCount, apiclient.T("the instance quota has %v; asking for %s", quotaLeft(q), strconv.Itoa(count)))
		}
	}
}

// quotaLeft says how much of a quota q is left and used.
func quotaLeft(q *apiclient.QuotaUsage) apiclient.Text {
	return apiclient.T("%s left (%s of %s used)", strconv.Itoa(q.Left()), strconv.Itoa(q.Used), strconv.Itoa(q.Limit))
}

// quotaLeftGiB is quotaLeft for a quota counted in GiB.
func quotaLeftGiB(q *apiclient.QuotaUsage) apiclient.Text {
	return apiclient.T("%s GiB left (%s of %s GiB used)", strconv.Itoa(q.Left()), strconv.Itoa(q.Used), strconv.Itoa(q.Limit))
}

// instancesOf is "1 instance" or "3 instances". English chooses the form
// here, so that the Text's String is right without a catalogue.
func instancesOf(n int) apiclient.Text {
	if n == 1 {
		return apiclient.T("%s instance", strconv.Itoa(n))
	}
	return apiclient.T("%s instances", strconv.Itoa(n))
}

// disksOf is "1 disk" or "3 disks".
func disksOf(n int) apiclient.Text {
	if n == 1 {
		return apiclient.T("%s disk", strconv.Itoa(n))
	}
	return apiclient.T("%s disks", strconv.Itoa(n))
}

// notInRegion says that zone z is not one of region r's.
func notInRegion(z, r string) apiclient.Text {
	return apiclient.T("zone %s is not in region %s (its zones are named %[2]sa, %[2]sb, ...)", z, r)
}

// diskQuotas checks the cloud disk and disk size quotas, which the
// instances' disks count against, system disks included. A problem is on
// the data disks when there are any, else on the count or the system disk.
func (v *validator) diskQuotas() {
	if v.f == nil {
		return
	}
	s := &v.d.Spec
	need := Needs(v.d, v.factImage())
	if q := v.f.DiskQuota; q != nil && need.Disks > q.Left() {
		path := PathMaxCount
		if len(s.DataDisks) > 0 {
			path = PathDataDisks
		}
		v.add(path, apiclient.T("the cloud disk quota has %v; asking for %s (%v × %v, the system disk included)",
			quotaLeft(q), strconv.Itoa(need.Disks), instancesOf(need.Instances), disksOf(1+len(s.DataDisks))))
	}
	if q := v.f.DiskGiBQuota; q != nil && need.DiskGiB > q.Left() {
		path := PathSystemDisk + ".diskSizeGB"
		if len(s.DataDisks) > 0 {
			path = PathDataDisks
		}
		v.add(path, apiclient.T("the cloud disk capacity quota has %v; asking for %s GiB (%v × %s GiB)",
			quotaLeftGiB(q), strconv.Itoa(need.DiskGiB), instancesOf(need.Instances), strconv.Itoa(need.DiskGiBEach)))
	}
}

// eipQuota checks the elastic IP quota: one per instance.
func (v *validator) eipQuota() {
	if v.f == nil {
		return
	}
	need := Needs(v.d, v.factImage())
	if q := v.f.ElasticIPQuota; q != nil && need.ElasticIPs > q.Left() {
		v.add(PathEIP, apiclient.T("the elastic IP quota has %v; asking for %s (one per instance)", quotaLeft(q), strconv.Itoa(need.ElasticIPs)))
	}
}
