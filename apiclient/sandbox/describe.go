package sandbox

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// query is the parsed query string of a describe call: JD Cloud's 1-based
// arrays (filters.N.name / filters.N.values.M, ids.N) and paging.
type query struct {
	v       url.Values
	filters []apiclient.Filter
}

// parseQuery reads the filters of a query serve has parsed (strictly: one
// that does not parse is a 400 there, never an empty query, which would
// answer an unfiltered list).
func parseQuery(v url.Values) (*query, *failure) {
	q := &query{v: v}
	filters, err := apiclient.ParseFilters(q.v)
	if err != nil {
		return nil, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "%s", err.Error())
	}
	for i, f := range filters {
		switch strings.ToLower(f.Operator) {
		case "", "eq", "in":
		default:
			return nil, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid filters.%d.operator '%s'", i+1, f.Operator)
		}
	}
	q.filters = filters
	return q, nil
}

// filter returns the values of the named filter and whether it was given.
func (q *query) filter(name string) ([]string, bool) {
	var vals []string
	found := false
	for _, f := range q.filters {
		if f.Name == name {
			vals = append(vals, f.Values...)
			found = true
		}
	}
	return vals, found
}

// filtersOtherThan returns the filters not named name.
func (q *query) filtersOtherThan(name string) []apiclient.Filter {
	var out []apiclient.Filter
	for _, f := range q.filters {
		if f.Name != name {
			out = append(out, f)
		}
	}
	return out
}

// onlyFilters refuses a filter the call does not know, in the gateway's
// words (400 INVALID_ARGUMENT "Invalid filter name 'x'").
func (q *query) onlyFilters(names ...string) *failure {
	for _, f := range q.filters {
		if !slices.Contains(names, f.Name) {
			return fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid filter name '%s'", f.Name)
		}
	}
	return nil
}

// page reads pageNumber (default 1) and pageSize (default 20, 10..100).
func (q *query) page() (number, size int, f *failure) {
	number, size = 1, 20
	if s := q.v.Get("pageNumber"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, 0, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid parameter pageNumber '%s'", s)
		}
		if n < 1 {
			return 0, 0, fail(http.StatusBadRequest, "OUT_OF_RANGE", "PageNumber out of range")
		}
		number = n
	}
	if s := q.v.Get("pageSize"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, 0, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid parameter pageSize '%s'", s)
		}
		if n < 10 || n > 100 {
			return 0, 0, fail(http.StatusBadRequest, "OUT_OF_RANGE", "PageSize out of range")
		}
		size = n
	}
	return number, size, nil
}

// pageBounds returns the slice bounds of one page of total items.
func pageBounds(total, number, size int) (int, int) {
	start := (number - 1) * size
	if start > total {
		start = total
	}
	end := start + size
	if end > total {
		end = total
	}
	return start, end
}

func set(vals []string) map[string]bool {
	m := make(map[string]bool, len(vals))
	for _, v := range vals {
		m[v] = true
	}
	return m
}

// --- instances ---

// instanceFilter is one filter of the instance calls: the value it looks
// at, and whether it matches a part of it (模糊匹配) or all of it (精确匹配).
type instanceFilter struct {
	value func(in *instance, now int64) string
	fuzzy bool
}

// instanceFilters are every filter the two instance calls know, by name.
// instanceId is looked up directly (see selectInstances).
var instanceFilters = map[string]instanceFilter{
	"privateIpAddress":   {value: shownPrivateIP, fuzzy: true},
	"status":             {value: func(in *instance, now int64) string { return in.statusAt(now) }},
	"name":               {value: func(in *instance, _ int64) string { return in.b.spec.Name }, fuzzy: true},
	"instanceType":       {value: func(in *instance, _ int64) string { return in.b.spec.InstanceType }},
	"vpcId":              {value: func(in *instance, _ int64) string { return in.b.spec.PrimaryNetworkInterface.VpcID }},
	"subnetId":           {value: func(in *instance, _ int64) string { return in.b.spec.PrimaryNetworkInterface.SubnetID }},
	"imageId":            {value: func(in *instance, _ int64) string { return in.b.spec.ImageID }},
	"networkInterfaceId": {value: func(in *instance, _ int64) string { return portID(in) }},
}

// The filters each call serves, as its page lists them.
var (
	// describeInstances, the COC-VM page: privateIpAddress, status, name and
	// instanceType; its request example filters on instanceId too.
	describeInstancesFilters = []string{"instanceId", "privateIpAddress", "status", "name", "instanceType"}
	// describeInstanceStatus is not published for COC-VM; the vm product's
	// page stands in.
	describeInstanceStatusFilters = []string{"instanceId", "privateIpAddress", "vpcId", "status", "name", "imageId", "networkInterfaceId", "subnetId"}
)

// shownPrivateIP is the private address an instance shows: none until it
// runs.
func shownPrivateIP(in *instance, now int64) string {
	if in.statusAt(now) != apiclient.StatusRunning {
		return ""
	}
	return addrOf(in.privateIP).String()
}

func (f instanceFilter) matches(in *instance, now int64, want []string) bool {
	v := f.value(in, now)
	for _, w := range want {
		if v == w || f.fuzzy && w != "" && strings.Contains(v, w) {
			return true
		}
	}
	return false
}

// selectInstances applies the filters the call knows (names) and paging.
// Callers hold s.mu.
func (s *Server) selectInstances(rc *regionCatalogue, v url.Values, names []string) ([]*instance, int, int64, *failure) {
	q, f := parseQuery(v)
	if f != nil {
		return nil, 0, 0, f
	}
	if f := q.onlyFilters(names...); f != nil {
		return nil, 0, 0, f
	}
	number, size, f := q.page()
	if f != nil {
		return nil, 0, 0, f
	}
	now := s.now().UnixNano()
	s.sweep(now)
	rs := s.region(rc.id)

	var candidates []*instance
	if ids, ok := q.filter("instanceId"); ok {
		// Look ids up directly: a status poll of 100 ids must not scan
		// every instance of the region.
		seen := map[string]bool{}
		for _, id := range ids {
			if in := rs.byID[id]; in != nil && !seen[id] {
				seen[id] = true
				candidates = append(candidates, in)
			}
		}
		sortBySeq(candidates)
	} else {
		candidates = rs.live()
	}

	out := candidates
	if filters := q.filtersOtherThan("instanceId"); len(filters) > 0 {
		out = nil
		for _, in := range candidates {
			ok := true
			for _, fl := range filters {
				ok = ok && instanceFilters[fl.Name].matches(in, now, fl.Values)
			}
			if ok {
				out = append(out, in)
			}
		}
	}
	start, end := pageBounds(len(out), number, size)
	return out[start:end], len(out), now, nil
}

type statusResult struct {
	InstanceStatuses []apiclient.InstanceStatus `json:"instanceStatuses"`
	TotalCount       int                        `json:"totalCount"`
}

func (s *Server) describeInstanceStatus(rc *regionCatalogue, v url.Values, _ []byte) (any, *failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	page, total, now, f := s.selectInstances(rc, v, describeInstanceStatusFilters)
	if f != nil {
		return nil, f
	}
	res := statusResult{InstanceStatuses: make([]apiclient.InstanceStatus, len(page)), TotalCount: total}
	for i, in := range page {
		res.InstanceStatuses[i] = apiclient.InstanceStatus{InstanceID: in.id, Status: in.statusAt(now)}
	}
	return res, nil
}

// Times as the instance pages write them: launchTime "YYYY-MM-DD HH:mm:ss"
// in China Standard Time (the example's launchTime "2021-07-19 20:33:17" is
// its chargeStartTime "2021-07-19T12:33:17Z" eight hours on), the charge's
// times ISO 8601 in UTC.
const (
	launchTimeLayout = "2006-01-02 15:04:05"
	chargeTimeLayout = "2006-01-02T15:04:05Z"
	// retireAfter is how long an expired prepaid instance is kept before
	// it is released (chargeRetireTime).
	retireAfter = 7 * 24 * time.Hour
)

var chinaStandardTime = time.FixedZone("CST", 8*60*60)

func portID(in *instance) string { return "port-" + strings.TrimPrefix(in.id, "i-") }

// diskID is the id of an instance's disk n (0 the system disk).
func diskID(in *instance, n int) string { return catalogueID("vol-", in.id, strconv.Itoa(n)) }

// deviceName is where disk n is attached: vda for the system disk, then
// vdb, vdc... for data disks ("[vdb~vdbm]").
func deviceName(n int) string {
	if n < 26 {
		return "vd" + string(rune('a'+n))
	}
	return "vd" + string(rune('a'+n/26-1)) + string(rune('a'+n%26))
}

// view is one instance as describeInstances and describeInstance return it:
// the fields of the pages' table. Callers hold s.mu.
func (s *Server) view(rc *regionCatalogue, in *instance, now int64) apiclient.Instance {
	sp := &in.b.spec
	nic := sp.PrimaryNetworkInterface
	v := apiclient.Instance{
		InstanceID: in.id, InstanceName: sp.Name, HostName: sp.Name, InstanceType: sp.InstanceType,
		Status: in.statusAt(now), Az: sp.Az, Region: rc.id, VpcID: nic.VpcID, SubnetID: nic.SubnetID,
		ImageID: sp.ImageID, KeyName: sp.KeyName,
		LaunchTime: in.b.createdAt.In(chinaStandardTime).Format(launchTimeLayout),
		SystemDisk: &apiclient.InstanceDiskAttachment{DiskID: diskID(in, 0), DeviceName: deviceName(0), AutoDelete: true},
		PrimaryNetworkInterface: &apiclient.InstanceNetworkInterface{
			VpcID: nic.VpcID, SubnetID: nic.SubnetID, PortID: portID(in),
			SecurityGroups: s.groupsWithNames(rc, nic.SecurityGroups),
		},
		Charge: chargeOf(in.b),
	}
	for i := range sp.DataDisks {
		v.DataDisks = append(v.DataDisks, apiclient.InstanceDiskAttachment{DiskID: diskID(in, i+1), DeviceName: deviceName(i + 1), AutoDelete: true})
	}
	if ip := shownPrivateIP(in, now); ip != "" {
		v.PrivateIPAddress = ip
		v.PrimaryNetworkInterface.IP = ip
		if in.publicIP != 0 {
			v.ElasticIPAddress = addrOf(in.publicIP).String()
			v.ElasticIPID = catalogueID("fip-", in.id)
		}
	}
	return v
}

// chargeOf is the billing of a batch's instances: prepaid from creation
// for the months or years asked (one month by default).
func chargeOf(b *batch) *apiclient.Charge {
	unit, n := apiclient.ChargeUnitMonth, 1
	if c := b.spec.Charge; c != nil {
		unit = cmp.Or(c.ChargeUnit, unit)
		n = cmp.Or(c.ChargeDuration, n)
	}
	start := b.createdAt.UTC()
	expires := start.AddDate(0, n, 0)
	if unit == apiclient.ChargeUnitYear {
		expires = start.AddDate(n, 0, 0)
	}
	return &apiclient.Charge{
		ChargeMode: apiclient.ChargeModePrepaid, ChargeStatus: "normal",
		ChargeStartTime:   start.Format(chargeTimeLayout),
		ChargeExpiredTime: expires.Format(chargeTimeLayout),
		ChargeRetireTime:  expires.Add(retireAfter).Format(chargeTimeLayout),
	}
}

func (s *Server) groupsWithNames(rc *regionCatalogue, in []apiclient.SecurityGroupCreate) []apiclient.SecurityGroupSimple {
	out := make([]apiclient.SecurityGroupSimple, len(in))
	for i, g := range in {
		out[i] = apiclient.SecurityGroupSimple{GroupID: g.GroupID, GroupName: rc.groupBy[g.GroupID].NetworkSecurityGroupName}
	}
	return out
}

func (s *Server) describeInstances(rc *regionCatalogue, v url.Values, _ []byte) (any, *failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	page, total, now, f := s.selectInstances(rc, v, describeInstancesFilters)
	if f != nil {
		return nil, f
	}
	res := apiclient.DescribeInstancesResult{Instances: make([]apiclient.Instance, len(page)), TotalCount: total}
	for i, in := range page {
		res.Instances[i] = s.view(rc, in, now)
	}
	return res, nil
}

// describeInstance answers an unknown id as the page's error table does:
// 404 NOT_FOUND "Instance 'xx' not found.".
func (s *Server) describeInstance(rc *regionCatalogue, id string) (any, *failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now().UnixNano()
	s.sweep(now)
	in := s.region(rc.id).byID[id]
	if in == nil {
		return nil, fail(http.StatusNotFound, "NOT_FOUND", "Instance '%s' not found.", id)
	}
	return apiclient.DescribeInstanceResult{Instance: s.view(rc, in, now)}, nil
}

// --- catalogue ---

// inStock says whether a zone can still take an instance of a type.
// Callers hold s.mu.
func (s *Server) inStock(rc *regionCatalogue, t *typeEntry, az string) bool {
	return t.capacity[az]-s.region(rc.id).typeUse[typeKey(t.info.InstanceType, az)] > 0
}

// typeWithState is the instance type as answered, with live stock per zone.
// Callers hold s.mu.
func (s *Server) typeWithState(rc *regionCatalogue, t *typeEntry, zones []string) apiclient.InstanceType {
	it := t.info
	it.State = make([]apiclient.InstanceTypeState, 0, len(zones))
	for _, az := range zones {
		it.State = append(it.State, apiclient.InstanceTypeState{Az: az, InStock: s.inStock(rc, t, az)})
	}
	if it.GPU != nil {
		g := *it.GPU
		it.GPU = &g
	}
	return it
}

func (s *Server) describeInstanceTypes(rc *regionCatalogue, v url.Values, _ []byte) (any, *failure) {
	q, f := parseQuery(v)
	if f != nil {
		return nil, f
	}
	if f := q.onlyFilters("az", "instanceTypes", "architecture"); f != nil {
		return nil, f
	}
	zones := rc.zones
	if azs, ok := q.filter("az"); ok {
		zones = nil
		for _, az := range azs {
			if rc.hasZone(az) {
				zones = append(zones, az)
			}
		}
	}
	names, byName := q.filter("instanceTypes")
	arch, byArch := q.filter("architecture")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(s.now().UnixNano())
	out := []apiclient.InstanceType{}
	for _, t := range rc.types {
		if byName && !slices.Contains(names, t.info.InstanceType) || byArch && !slices.Contains(arch, t.info.Architecture) {
			continue
		}
		if len(zones) == 0 {
			continue
		}
		out = append(out, s.typeWithState(rc, t, zones))
	}
	return apiclient.DescribeInstanceTypesResult{InstanceTypes: out, TotalCount: len(out)}, nil
}

// describeImages follows the COC-VM page "describeImages": imageSource is
// public or private, and required unless ids are given (400
// FAILED_PRECONDITION "Parameter ImageSource missing", the page's error
// table); shared is "目前暂不支持" (not supported yet) and refused as such.
// platform, imageName (exact) and architecture narrow the list.
func (s *Server) describeImages(rc *regionCatalogue, v url.Values, _ []byte) (any, *failure) {
	q, f := parseQuery(v)
	if f != nil {
		return nil, f
	}
	number, size, f := q.page()
	if f != nil {
		return nil, f
	}
	ids := apiclient.ListFromQuery(q.v, "ids")
	source := q.v.Get("imageSource")
	switch source {
	case "":
		if len(ids) == 0 {
			return nil, fail(http.StatusBadRequest, "FAILED_PRECONDITION", "Parameter ImageSource missing")
		}
	case apiclient.ImageSourcePublic, apiclient.ImageSourcePrivate:
	case apiclient.ImageSourceShared:
		return nil, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Parameter ImageSource 'shared' is not supported yet")
	default:
		return nil, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid imageSource '%s'", source)
	}
	platform, name, arch := q.v.Get("platform"), q.v.Get("imageName"), q.v.Get("architecture")
	want := set(ids)
	var out []apiclient.Image
	for _, e := range rc.images {
		im := e.info
		if len(ids) > 0 && !want[im.ImageID] ||
			source != "" && im.ImageSource != source ||
			platform != "" && !platformMatches(im, platform) ||
			name != "" && im.Name != name ||
			arch != "" && im.Architecture != arch {
			continue
		}
		out = append(out, im)
	}
	// Newest first, as the console lists them.
	slices.SortStableFunc(out, func(a, b apiclient.Image) int { return strings.Compare(b.CreateTime, a.CreateTime) })
	start, end := pageBounds(len(out), number, size)
	return apiclient.DescribeImagesResult{Images: append([]apiclient.Image{}, out[start:end]...), TotalCount: len(out)}, nil
}

// platformMatches says whether an image is of the platform asked for. The
// page's request values (Ubuntu, CentOS, Windows Server, Debian, OpenSUSE,
// CoreOS, Fedora) are not all response values (Ubuntu, CentOS, Windows
// Server, Other Linux, Other Windows): a distribution without its own
// response value is an Other Linux image named after it.
func platformMatches(im apiclient.Image, platform string) bool {
	if strings.EqualFold(im.Platform, platform) {
		return true
	}
	return im.Platform == apiclient.PlatformOtherLinux && len(im.Name) >= len(platform) && strings.EqualFold(im.Name[:len(platform)], platform)
}

// describeImage is the COC-VM page "describeImage": one image by id. The
// page lists no error for an unknown id; the seed's "Image 'xx' not found"
// is the API's wording for one.
func (s *Server) describeImage(rc *regionCatalogue, id string) (any, *failure) {
	e := rc.imageByID[id]
	if e == nil {
		return nil, fail(http.StatusNotFound, "NOT_FOUND", "Image '%s' not found", id)
	}
	return apiclient.DescribeImageResult{Image: e.info}, nil
}

func (s *Server) describeImageConstraints(rc *regionCatalogue, v url.Values, _ []byte) (any, *failure) {
	q, f := parseQuery(v)
	if f != nil {
		return nil, f
	}
	ids := apiclient.ListFromQuery(q.v, "ids")
	out := []apiclient.ImageConstraint{}
	for _, e := range rc.images {
		if len(ids) > 0 && !slices.Contains(ids, e.info.ImageID) || e.constraint == nil {
			continue
		}
		c := *e.constraint
		c.InstanceTypes = append([]string{}, c.InstanceTypes...)
		out = append(out, apiclient.ImageConstraint{ImageID: e.info.ImageID, Constraint: c})
	}
	return struct {
		ImageConstraints []apiclient.ImageConstraint `json:"imageConstraints"`
	}{out}, nil
}

func (s *Server) describeKeypairs(rc *regionCatalogue, v url.Values, _ []byte) (any, *failure) {
	q, f := parseQuery(v)
	if f != nil {
		return nil, f
	}
	if f := q.onlyFilters("keyNames"); f != nil {
		return nil, f
	}
	number, size, f := q.page()
	if f != nil {
		return nil, f
	}
	names, byName := q.filter("keyNames")
	var out []apiclient.Keypair
	for _, k := range rc.keypairs {
		if !byName || slices.Contains(names, k.KeyName) {
			out = append(out, k)
		}
	}
	start, end := pageBounds(len(out), number, size)
	return struct {
		Keypairs   []apiclient.Keypair `json:"keypairs"`
		TotalCount int                 `json:"totalCount"`
	}{append([]apiclient.Keypair{}, out[start:end]...), len(out)}, nil
}

func (s *Server) describeDiskTypes(rc *regionCatalogue, v url.Values, _ []byte) (any, *failure) {
	q, f := parseQuery(v)
	if f != nil {
		return nil, f
	}
	if f := q.onlyFilters("az", "diskTypes"); f != nil {
		return nil, f
	}
	zones := rc.zones
	if azs, ok := q.filter("az"); ok {
		zones = azs
	}
	names, byName := q.filter("diskTypes")
	out := []apiclient.DiskType{}
	for _, d := range rc.disks {
		if byName && !slices.Contains(names, d.name) {
			continue
		}
		dt := apiclient.DiskType{DiskType: d.name, Description: d.desc}
		for _, az := range zones {
			if rc.hasZone(az) {
				dt.State = append(dt.State, apiclient.InstanceTypeState{Az: az, InStock: !d.soldOut[az]})
			}
		}
		out = append(out, dt)
	}
	return struct {
		DiskTypes []apiclient.DiskType `json:"diskTypes"`
	}{out}, nil
}

func (s *Server) describeVpcs(rc *regionCatalogue, v url.Values, _ []byte) (any, *failure) {
	q, f := parseQuery(v)
	if f != nil {
		return nil, f
	}
	if f := q.onlyFilters("vpcIds", "vpcNames"); f != nil {
		return nil, f
	}
	number, size, f := q.page()
	if f != nil {
		return nil, f
	}
	ids, byID := q.filter("vpcIds")
	names, byName := q.filter("vpcNames")
	var out []apiclient.Vpc
	for _, v := range rc.vpcs {
		if byID && !slices.Contains(ids, v.VpcID) || byName && !slices.Contains(names, v.VpcName) {
			continue
		}
		out = append(out, v)
	}
	start, end := pageBounds(len(out), number, size)
	return struct {
		Vpcs       []apiclient.Vpc `json:"vpcs"`
		TotalCount int             `json:"totalCount"`
	}{append([]apiclient.Vpc{}, out[start:end]...), len(out)}, nil
}

// describeSubnets serves the filters of the vm product's describeSubnets
// page (COC's subnet API is not published). A subnet with no zone fits
// every zone, so the azs filter keeps it.
func (s *Server) describeSubnets(rc *regionCatalogue, v url.Values, _ []byte) (any, *failure) {
	q, f := parseQuery(v)
	if f != nil {
		return nil, f
	}
	if f := q.onlyFilters("subnetIds", "subnetNames", "routeTableId", "aclId", "vpcId", "subnetType", "azs"); f != nil {
		return nil, f
	}
	number, size, f := q.page()
	if f != nil {
		return nil, f
	}
	keep := func(filter, value string) bool {
		vals, ok := q.filter(filter)
		return !ok || slices.Contains(vals, value)
	}
	azs, byAz := q.filter("azs")
	types, byType := q.filter("subnetType")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(s.now().UnixNano())
	rs := s.region(rc.id)
	var out []apiclient.Subnet
	for _, sn := range rc.subnets {
		i := sn.info
		if !keep("vpcId", i.VpcID) || !keep("subnetIds", i.SubnetID) || !keep("subnetNames", i.SubnetName) ||
			!keep("routeTableId", i.RouteTableID) || !keep("aclId", i.ACLID) ||
			byAz && !slices.ContainsFunc(azs, sn.fits) ||
			byType && !slices.Contains(types, "all") && !slices.Contains(types, i.SubnetType) {
			continue
		}
		i.AvailableIPCount = rs.freeIPs(sn)
		out = append(out, i)
	}
	start, end := pageBounds(len(out), number, size)
	return apiclient.DescribeSubnetsResult{Subnets: append([]apiclient.Subnet{}, out[start:end]...), TotalCount: len(out)}, nil
}

func (s *Server) describeSecurityGroups(rc *regionCatalogue, v url.Values, _ []byte) (any, *failure) {
	q, f := parseQuery(v)
	if f != nil {
		return nil, f
	}
	if f := q.onlyFilters("vpcId", "networkSecurityGroupIds", "networkSecurityGroupNames"); f != nil {
		return nil, f
	}
	number, size, f := q.page()
	if f != nil {
		return nil, f
	}
	vpcs, byVpc := q.filter("vpcId")
	ids, byID := q.filter("networkSecurityGroupIds")
	names, byName := q.filter("networkSecurityGroupNames")
	var out []apiclient.SecurityGroup
	for _, g := range rc.groups {
		if byVpc && !slices.Contains(vpcs, g.VpcID) || byID && !slices.Contains(ids, g.NetworkSecurityGroupID) ||
			byName && !slices.Contains(names, g.NetworkSecurityGroupName) {
			continue
		}
		out = append(out, g)
	}
	start, end := pageBounds(len(out), number, size)
	return struct {
		NetworkSecurityGroups []apiclient.SecurityGroup `json:"networkSecurityGroups"`
		TotalCount            int                       `json:"totalCount"`
	}{append([]apiclient.SecurityGroup{}, out[start:end]...), len(out)}, nil
}
