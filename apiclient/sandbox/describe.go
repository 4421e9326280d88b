package sandbox

import (
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

// parseQuery reads r's query strictly: one that does not parse is a 400,
// never an empty query (which would answer an unfiltered list).
func parseQuery(r *http.Request) (*query, *failure) {
	v, err := apiclient.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "%s", err.Error())
	}
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

// onlyFilters rejects filters the call does not know.
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

var instanceFilters = []string{"instanceId", "instanceName", "status", "az", "instanceType", "vpcId", "subnetId", "imageId", "keyName"}

// selectInstances applies the instance filters and paging. Callers hold s.mu.
func (s *Server) selectInstances(rc *regionCatalogue, r *http.Request) ([]*instance, int, int64, *failure) {
	q, f := parseQuery(r)
	if f != nil {
		return nil, 0, 0, f
	}
	if f := q.onlyFilters(instanceFilters...); f != nil {
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

	checks := map[string]map[string]bool{}
	for _, name := range instanceFilters[1:] {
		if vals, ok := q.filter(name); ok {
			checks[name] = set(vals)
		}
	}
	var out []*instance
	if len(checks) == 0 {
		out = candidates
	} else {
		for _, in := range candidates {
			sp := &in.b.spec
			fields := map[string]string{
				"instanceName": sp.Name, "status": in.statusAt(now), "az": sp.Az,
				"instanceType": sp.InstanceType, "vpcId": sp.PrimaryNetworkInterface.VpcID,
				"subnetId": sp.PrimaryNetworkInterface.SubnetID, "imageId": sp.ImageID, "keyName": sp.KeyName,
			}
			ok := true
			for name, want := range checks {
				ok = ok && want[fields[name]]
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

func (s *Server) describeInstanceStatus(rc *regionCatalogue, r *http.Request, _ []byte) (any, *failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	page, total, now, f := s.selectInstances(rc, r)
	if f != nil {
		return nil, f
	}
	res := statusResult{InstanceStatuses: make([]apiclient.InstanceStatus, len(page)), TotalCount: total}
	for i, in := range page {
		res.InstanceStatuses[i] = apiclient.InstanceStatus{InstanceID: in.id, Status: in.statusAt(now)}
	}
	return res, nil
}

// instanceView is one instance as describeInstances returns it: the fields
// of apiclient.Instance plus the disks, interface and billing, as the vm
// product's describeInstances does.
type instanceView struct {
	apiclient.Instance
	SystemDisk              apiclient.InstanceDiskAttachmentSpec   `json:"systemDisk"`
	DataDisks               []apiclient.InstanceDiskAttachmentSpec `json:"dataDisks"`
	PrimaryNetworkInterface networkInterfaceView                   `json:"primaryNetworkInterface"`
	Charge                  chargeView                             `json:"charge"`
}

type networkInterfaceView struct {
	NetworkInterfaceID string                          `json:"networkInterfaceId"`
	PrivateIPAddress   string                          `json:"privateIpAddress"`
	SecurityGroups     []apiclient.SecurityGroupCreate `json:"securityGroups"`
}

type chargeView struct {
	ChargeMode      string `json:"chargeMode"`
	ChargeUnit      string `json:"chargeUnit"`
	ChargeDuration  int    `json:"chargeDuration"`
	AutoRenew       bool   `json:"autoRenew"`
	ChargeStatus    string `json:"chargeStatus"`
	ChargeStartTime string `json:"chargeStartTime"`
}

func (s *Server) view(rc *regionCatalogue, in *instance, now int64) instanceView {
	sp := &in.b.spec
	st := in.statusAt(now)
	v := instanceView{
		Instance: apiclient.Instance{
			InstanceID: in.id, InstanceName: sp.Name, InstanceType: sp.InstanceType, Status: st, Az: sp.Az,
			VpcID: sp.PrimaryNetworkInterface.VpcID, SubnetID: sp.PrimaryNetworkInterface.SubnetID,
			ImageID: sp.ImageID, KeyName: sp.KeyName,
			LaunchTime: in.b.createdAt.UTC().Format(time.RFC3339),
		},
		SystemDisk: sp.SystemDisk,
		DataDisks:  append([]apiclient.InstanceDiskAttachmentSpec{}, sp.DataDisks...),
		PrimaryNetworkInterface: networkInterfaceView{
			NetworkInterfaceID: "port-" + strings.TrimPrefix(in.id, "i-"),
			SecurityGroups:     s.groupsWithNames(rc, sp.PrimaryNetworkInterface.SecurityGroups),
		},
		Charge: chargeView{ChargeMode: apiclient.ChargeModePrepaid, ChargeUnit: apiclient.ChargeUnitMonth, ChargeDuration: 1,
			ChargeStatus: "normal", ChargeStartTime: in.b.createdAt.UTC().Format(time.RFC3339)},
	}
	if c := sp.Charge; c != nil {
		if c.ChargeUnit != "" {
			v.Charge.ChargeUnit = c.ChargeUnit
		}
		if c.ChargeDuration != 0 {
			v.Charge.ChargeDuration = c.ChargeDuration
		}
		v.Charge.AutoRenew = c.AutoRenew
	}
	if st == apiclient.StatusRunning {
		v.PrivateIPAddress = addrOf(in.privateIP).String()
		v.PrimaryNetworkInterface.PrivateIPAddress = v.PrivateIPAddress
		if in.publicIP != 0 {
			v.ElasticIPAddress = addrOf(in.publicIP).String()
		}
	}
	return v
}

func (s *Server) groupsWithNames(rc *regionCatalogue, in []apiclient.SecurityGroupCreate) []apiclient.SecurityGroupCreate {
	out := make([]apiclient.SecurityGroupCreate, len(in))
	for i, g := range in {
		out[i] = apiclient.SecurityGroupCreate{GroupID: g.GroupID, GroupName: rc.groupBy[g.GroupID].NetworkSecurityGroupName}
	}
	return out
}

type instancesResult struct {
	Instances  []instanceView `json:"instances"`
	TotalCount int            `json:"totalCount"`
}

func (s *Server) describeInstances(rc *regionCatalogue, r *http.Request, _ []byte) (any, *failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	page, total, now, f := s.selectInstances(rc, r)
	if f != nil {
		return nil, f
	}
	res := instancesResult{Instances: make([]instanceView, len(page)), TotalCount: total}
	for i, in := range page {
		res.Instances[i] = s.view(rc, in, now)
	}
	return res, nil
}

func (s *Server) describeInstance(rc *regionCatalogue, id string) (any, *failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now().UnixNano()
	s.sweep(now)
	in := s.region(rc.id).byID[id]
	if in == nil {
		return nil, fail(http.StatusNotFound, "NOT_FOUND", "Instance '%s' not found", id)
	}
	return struct {
		Instance instanceView `json:"instance"`
	}{s.view(rc, in, now)}, nil
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

func (s *Server) describeInstanceTypes(rc *regionCatalogue, r *http.Request, _ []byte) (any, *failure) {
	q, f := parseQuery(r)
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
	return struct {
		InstanceTypes []apiclient.InstanceType `json:"instanceTypes"`
		TotalCount    int                      `json:"totalCount"`
	}{out, len(out)}, nil
}

func (s *Server) describeImages(rc *regionCatalogue, r *http.Request, _ []byte) (any, *failure) {
	q, f := parseQuery(r)
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
			return nil, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Parameter imageSource missing")
		}
	case "public", "private", "shared", "thirdparty":
	default:
		return nil, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid imageSource '%s'", source)
	}
	platform, arch := q.v.Get("platform"), q.v.Get("architecture")
	want := set(ids)
	var out []apiclient.Image
	for _, e := range rc.images {
		im := e.info
		if len(ids) > 0 && !want[im.ImageID] ||
			source != "" && im.ImageSource != source ||
			platform != "" && !strings.EqualFold(im.Platform, platform) ||
			arch != "" && im.Architecture != arch {
			continue
		}
		out = append(out, im)
	}
	// Newest first, as the console lists them.
	slices.SortStableFunc(out, func(a, b apiclient.Image) int { return strings.Compare(b.CreateTime, a.CreateTime) })
	start, end := pageBounds(len(out), number, size)
	return struct {
		Images     []apiclient.Image `json:"images"`
		TotalCount int               `json:"totalCount"`
	}{append([]apiclient.Image{}, out[start:end]...), len(out)}, nil
}

func (s *Server) describeImageConstraints(rc *regionCatalogue, r *http.Request, _ []byte) (any, *failure) {
	q, f := parseQuery(r)
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

func (s *Server) describeKeypairs(rc *regionCatalogue, r *http.Request, _ []byte) (any, *failure) {
	q, f := parseQuery(r)
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

func (s *Server) describeDiskTypes(rc *regionCatalogue, r *http.Request, _ []byte) (any, *failure) {
	q, f := parseQuery(r)
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

func (s *Server) describeQuota(rc *regionCatalogue, r *http.Request, _ []byte) (any, *failure) {
	q, f := parseQuery(r)
	if f != nil {
		return nil, f
	}
	service := q.v.Get("serviceCode")
	if vals, ok := q.filter("serviceCode"); ok && len(vals) > 0 {
		service = vals[0]
	}
	resource := q.v.Get("resourceType")
	if vals, ok := q.filter("resourceType"); ok && len(vals) > 0 {
		resource = vals[0]
	}
	out := []apiclient.QuotaUsage{}
	if (service == "" || service == "cocvm") && (resource == "" || resource == "vm") {
		s.mu.Lock()
		s.sweep(s.now().UnixNano())
		used := len(s.region(rc.id).byID)
		s.mu.Unlock()
		out = append(out, apiclient.QuotaUsage{ServiceCode: "cocvm", ResourceType: "vm", Limit: s.quota, Used: used})
	}
	return struct {
		QuotaUsages []apiclient.QuotaUsage `json:"quotaUsages"`
	}{out}, nil
}

func (s *Server) describeVpcs(rc *regionCatalogue, r *http.Request, _ []byte) (any, *failure) {
	q, f := parseQuery(r)
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

func (s *Server) describeSubnets(rc *regionCatalogue, r *http.Request, _ []byte) (any, *failure) {
	q, f := parseQuery(r)
	if f != nil {
		return nil, f
	}
	if f := q.onlyFilters("vpcId", "subnetIds", "subnetNames", "az"); f != nil {
		return nil, f
	}
	number, size, f := q.page()
	if f != nil {
		return nil, f
	}
	vpcs, byVpc := q.filter("vpcId")
	ids, byID := q.filter("subnetIds")
	names, byName := q.filter("subnetNames")
	azs, byAz := q.filter("az")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(s.now().UnixNano())
	rs := s.region(rc.id)
	var out []apiclient.Subnet
	for _, sn := range rc.subnets {
		i := sn.info
		if byVpc && !slices.Contains(vpcs, i.VpcID) || byID && !slices.Contains(ids, i.SubnetID) ||
			byName && !slices.Contains(names, i.SubnetName) || byAz && !slices.Contains(azs, i.Az) {
			continue
		}
		i.AvailableIPCount = rs.freeIPs(sn)
		out = append(out, i)
	}
	start, end := pageBounds(len(out), number, size)
	return struct {
		Subnets    []apiclient.Subnet `json:"subnets"`
		TotalCount int                `json:"totalCount"`
	}{append([]apiclient.Subnet{}, out[start:end]...), len(out)}, nil
}

func (s *Server) describeSecurityGroups(rc *regionCatalogue, r *http.Request, _ []byte) (any, *failure) {
	q, f := parseQuery(r)
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
