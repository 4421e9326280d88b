package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/wizard"
	"github.com/cocvm/cocvm/wizard/body"
)

// createInstances is POST /v1/regions/{r}/instances. In order: decode, the
// clientToken (a retry is answered from the token before anything else, so
// a lost answer can always be recovered), the wizard's rules against the
// catalogue mapped onto the seed's error table, the quota, then creation.
// The state file is written before the answer, so an answered create
// survives a restart.
func (s *Server) createInstances(rc *regionCatalogue, _ url.Values, body []byte) (any, *failure) {
	req, raw, f := decodeCreate(body)
	if f != nil {
		return nil, f
	}
	canonical, err := json.Marshal(raw)
	if err != nil {
		return nil, fail(http.StatusInternalServerError, "INTERNAL", "Internal server error")
	}
	ids, created, f := s.create(rc, req, raw, canonical)
	if f != nil {
		return nil, f
	}
	if created {
		if err := s.persist(); err != nil {
			// The instances exist; a retry with the same clientToken gets
			// their ids once the disk recovers.
			return nil, fail(http.StatusInternalServerError, "INTERNAL", "Internal server error")
		}
	}
	return apiclient.CreateInstancesResult{InstanceIDs: ids}, nil
}

// decodeCreate reads the body with the one reader of a createInstances body
// (wizard/body), the one `cocvm validate` and presets import use: a key that
// is not in the seed's tables (the seed example's InstanceSpec included), a
// key given twice, a malformed value or broken JSON is 400 INVALID_ARGUMENT
// in the reader's own words, and an integer written as 0 is out of range (every
// Integer of the seed starts at 1), where the rules would read it as absent.
// raw is the body as a generic document, numbers as written, for the checks
// that ask what was given.
func decodeCreate(data []byte) (apiclient.CreateInstancesRequest, map[string]any, *failure) {
	var req apiclient.CreateInstancesRequest
	if len(bytes.TrimSpace(data)) == 0 {
		return req, nil, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Parameter InstanceSpec missing")
	}
	b := body.Decode(data)
	if ps := b.Problems; len(ps) > 0 {
		msg := ps[0].String()
		if len(ps) > 1 {
			msg += "; " + body.AndMore(len(ps)-1).String()
		}
		return req, nil, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Request body is not valid: %s", msg)
	}
	if zs := b.Zeros(); len(zs) > 0 {
		switch path := zs[0].Path; path {
		case wizard.PathMaxCount:
			return req, nil, fail(http.StatusBadRequest, "OUT_OF_RANGE", "Maxcount out of range")
		case wizard.PathSystemDisk + ".diskSizeGB":
			return req, nil, fail(http.StatusBadRequest, "OUT_OF_RANGE", "InstanceSpec.SystemDisk.CloudDiskSpec.DiskSizeGB out of range")
		default:
			return req, nil, fail(http.StatusBadRequest, "OUT_OF_RANGE", "%s out of range", jdPath(path))
		}
	}
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		// The reader has checked it: this is a bug, not a bad request.
		return req, nil, fail(http.StatusInternalServerError, "INTERNAL", "Internal server error")
	}
	return b.Request, raw, nil
}

// create does the locked part of a create: token, rules, quota, creation.
// created is false when the answer came from the token.
func (s *Server) create(rc *regionCatalogue, req apiclient.CreateInstancesRequest, raw map[string]any, canonical []byte) (ids []string, created bool, f *failure) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep(now.UnixNano())
	s.forgetOldTokens(now)

	fp := s.fingerprint(rc.id, canonical)
	if tok := req.ClientToken; tok != "" {
		if rec := s.tokens[tok]; rec != nil {
			if rec.region == rc.id && rec.fingerprint == fp {
				return append([]string{}, rec.ids...), false, nil
			}
			return nil, false, fail(http.StatusBadRequest, "INVALID_ARGUMENT",
				"ClientToken '%s' was already used with a different request; a new request needs a new clientToken", tok)
		}
	}

	if f := s.check(rc, req, raw); f != nil {
		return nil, false, f
	}
	count := req.MaxCount
	if count == 0 {
		count = 1
	}
	rs := s.region(rc.id)
	spec := req.InstanceSpec
	if spec.SystemDisk.DiskSizeGB == 0 {
		spec.SystemDisk.DiskSizeGB = max(40, rc.imageByID[spec.ImageID].info.SystemDiskSizeGB)
	}
	if f := s.checkQuota(rs, &spec, count); f != nil {
		return nil, false, f
	}
	sn := rc.subnetBy[spec.PrimaryNetworkInterface.SubnetID]
	if free := rs.freeIPs(sn); free < count {
		return nil, false, fail(http.StatusBadRequest, "FAILED_PRECONDITION", "Subnet '%s' has not enough available ip (%d left)", sn.info.SubnetID, free)
	}
	var fixed uint32
	if ipText := spec.PrimaryNetworkInterface.IP; ipText != "" {
		addr, _ := netip.ParseAddr(ipText) // the rules have checked it
		ip := be32(addr.Unmap().As4())
		if ip < sn.first || ip > sn.last {
			return nil, false, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Ip '%s' is reserved in subnet '%s'", ipText, sn.info.SubnetID)
		}
		if rs.ipInUse(sn, ip) {
			return nil, false, fail(http.StatusBadRequest, "CONFLICT", "Ip '%s' is already in use", ipText)
		}
		fixed = ip
	}

	spec.Password = "" // never kept
	b := newBatch(rc.id, spec, now)
	t := rc.typeByName[spec.InstanceType]
	key := typeKey(spec.InstanceType, spec.Az)
	capacityLeft := t.capacity[spec.Az] - rs.typeUse[key]
	failRate := s.opts.BootFailRate
	if failRate < 0 {
		failRate = 0
		if count > 1 {
			failRate = DefaultBootFailRate
		}
	}
	bootMin, bootMax := s.opts.bootRange()
	start := now.UnixNano()

	ids = make([]string, 0, count)
	for i := 0; i < count; i++ {
		id := randomID(s.rng, "i-", 10)
		for rs.byID[id] != nil {
			id = randomID(s.rng, "i-", 10)
		}
		boot := bootMin
		if bootMax > bootMin {
			boot += time.Duration(s.rng.Int64N(int64(bootMax-bootMin) + 1))
		}
		in := &instance{id: id, b: b, bootAt: start + int64(boot)}
		s.seq++
		in.seq = s.seq
		// Failure, in the order a real zone would find out: the random
		// boot failure, no capacity left for the type, no elastic IP left.
		in.fail = failRate > 0 && s.rng.Float64() < failRate
		if !in.fail && capacityLeft <= 0 {
			in.fail = true
		}
		if !in.fail && spec.ElasticIPSpec != nil {
			if ip, ok := s.public.allocate(); ok {
				in.publicIP = ip
			} else {
				in.fail = true
			}
		}
		if !in.fail {
			capacityLeft--
			rs.typeUse[key]++
		}
		if fixed != 0 {
			in.privateIP = fixed
			rs.reserveIP(sn, fixed)
		} else {
			in.privateIP, _ = rs.allocateIP(sn) // free addresses were counted above
		}
		rs.byID[id] = in
		rs.used.add(b.per, 1)
		rs.order = append(rs.order, in)
		if in.fail {
			s.addDoomed(in)
		}
		ids = append(ids, id)
	}
	if tok := req.ClientToken; tok != "" {
		s.tokens[tok] = &tokenRecord{region: rc.id, fingerprint: fp, ids: append([]string{}, ids...), created: now}
	}
	s.gen++
	return ids, true, nil
}

// facts is what the catalogue says about the things a request names, in
// the wizard's terms. Callers hold s.mu (stock and free addresses are live).
func (s *Server) facts(rc *regionCatalogue, spec *apiclient.InstanceSpec) *wizard.Facts {
	f := &wizard.Facts{ImagesKnown: true, TypesKnown: true, SubnetsKnown: true}
	if im := rc.imageByID[spec.ImageID]; im != nil {
		img := im.info
		f.Image = &img
		if im.constraint != nil {
			c := *im.constraint
			f.ImageConstraint = &c
		}
	}
	if t := rc.typeByName[spec.InstanceType]; t != nil {
		it := s.typeWithState(rc, t, rc.zones)
		f.InstanceType = &it
	}
	for _, d := range rc.disks {
		dt := apiclient.DiskType{DiskType: d.name, Description: d.desc}
		for _, az := range rc.zones {
			dt.State = append(dt.State, apiclient.InstanceTypeState{Az: az, InStock: !d.soldOut[az]})
		}
		f.DiskTypes = append(f.DiskTypes, dt)
	}
	if sn := rc.subnetBy[spec.PrimaryNetworkInterface.SubnetID]; sn != nil {
		info := sn.info
		info.AvailableIPCount = s.region(rc.id).freeIPs(sn)
		f.Subnet = &info
	}
	f.SecurityGroups = append([]apiclient.SecurityGroup{}, rc.groups...)
	f.Keypairs = append([]apiclient.Keypair{}, rc.keypairs...)
	return f
}

// check runs the wizard's rules, first without the catalogue and then with
// it, and answers the first problem as the API would: missing parameters
// first, then malformed ones, then look-ups (404), then what the catalogue
// forbids. The sandbox holds no copy of the rules: it only decides which
// row of the seed's error table a problem the wizard found belongs to.
// Callers hold s.mu.
func (s *Server) check(rc *regionCatalogue, req apiclient.CreateInstancesRequest, raw map[string]any) *failure {
	if _, ok := lookupRaw(raw, "instanceSpec"); !ok {
		return fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Parameter InstanceSpec missing")
	}
	d := wizard.RequestToDraft(rc.id, req)

	// Validate takes a draft, whose Count may exceed 100 (Build splits it);
	// one body may not. (An explicit 0, which a draft reads as absent, was
	// answered as out of range by decodeCreate.)
	if req.MaxCount > wizard.MaxCountPerRequest {
		return fail(http.StatusBadRequest, "OUT_OF_RANGE", "Maxcount out of range")
	}

	static := wizard.Validate(d, nil)
	var best *failure
	bestRank := 99
	for _, p := range static {
		rank, f := s.classify(rc, req, raw, p, false)
		if rank < bestRank {
			best, bestRank = f, rank
		}
	}
	if best != nil {
		return best
	}
	if az := req.InstanceSpec.Az; !rc.hasZone(az) {
		return fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid az '%s'", az)
	}
	isStatic := map[string]bool{}
	for _, p := range static {
		isStatic[p.Path+"\x00"+p.Message.String()] = true
	}
	for _, p := range wizard.Validate(d, s.facts(rc, &req.InstanceSpec)) {
		if isStatic[p.Path+"\x00"+p.Message.String()] {
			continue
		}
		rank, f := s.classify(rc, req, raw, p, true)
		if rank < rankNotFound {
			// Found only with the catalogue: checked after the look-ups.
			rank = rankPrecondition
		}
		if rank < bestRank {
			best, bestRank = f, rank
		}
	}
	return best
}

// Ranks of classified problems: the order a server checks in.
const (
	rankMissing = iota
	rankInvalid
	rankNotFound
	rankPrecondition
)

// classify maps one problem onto the seed's error table. catalogue says the
// problem appeared only once the catalogue facts were given. A value the
// body lacks is missing and an explicit 0 out of range, whatever the path;
// otherwise the first classifier for the path decides, and a problem no
// classifier knows is an invalid parameter in the wizard's words.
func (s *Server) classify(rc *regionCatalogue, req apiclient.CreateInstancesRequest, raw map[string]any, p wizard.Problem, catalogue bool) (int, *failure) {
	v, present := lookupRaw(raw, p.Path)
	if isMissing(v, present) {
		return rankMissing, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Parameter %s missing", jdPath(p.Path))
	}
	// A number the rules call "required" is an explicit 0: out of range.
	if isZeroNumber(v) {
		return rankInvalid, fail(http.StatusBadRequest, "OUT_OF_RANGE", "%s out of range", jdPath(p.Path))
	}
	pr := &problem{Problem: p, rc: rc, req: &req, spec: &req.InstanceSpec, value: v, catalogue: catalogue}
	for _, c := range classifiers {
		if c.matches(p.Path) && (catalogue || !c.needsCatalogue) {
			return c.classify(pr)
		}
	}
	return pr.invalid()
}

// problem is one problem the wizard found in a request, with the value the
// body holds at its path.
type problem struct {
	wizard.Problem
	rc        *regionCatalogue
	req       *apiclient.CreateInstancesRequest
	spec      *apiclient.InstanceSpec
	value     any
	catalogue bool // found only with the catalogue's facts
}

// invalid is the answer for a problem without its own row in the error
// table: an invalid parameter, in the wizard's words, checked with the
// preconditions when only the catalogue could find it.
func (p *problem) invalid() (int, *failure) {
	rank := rankInvalid
	if p.catalogue {
		rank = rankPrecondition
	}
	return rank, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid parameter %s: %s", jdPath(p.Path), p.Message)
}

// classifier answers the problems at the paths it matches.
type classifier struct {
	matches        func(path string) bool
	needsCatalogue bool // only for problems found with the catalogue
	classify       func(*problem) (int, *failure)
}

func pathIs(want string) func(string) bool { return func(p string) bool { return p == want } }

// classifiers in the order they are tried.
var classifiers = []classifier{
	{pathIs(wizard.PathPassword), false, classifyPassword},
	{pathIs(wizard.PathMaxCount), false, classifyMaxCount},
	{pathIs(wizard.PathInstanceType), true, classifyInstanceType},
	{pathIs(wizard.PathImageID), true, classifyImage},
	{pathIs(wizard.PathSubnetID), true, classifySubnet},
	{func(p string) bool { return strings.HasPrefix(p, wizard.PathSecurityGroups+"[") }, true, classifySecurityGroup},
	{pathIs(wizard.PathKeyName), true, classifyKeyPair},
	{pathIs(wizard.PathIP), true, classifyIP},
	{func(p string) bool { return strings.HasSuffix(p, ".diskType") }, true, classifyDiskType},
	{pathIs(wizard.PathSystemDisk + ".diskSizeGB"), false, classifySystemDiskSize},
	{func(p string) bool {
		return strings.HasPrefix(p, wizard.PathDataDisks+"[") && strings.HasSuffix(p, ".diskSizeGB")
	}, false, classifyDataDiskSize},
}

func classifyPassword(*problem) (int, *failure) {
	return rankInvalid, fail(http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid password")
}

func classifyMaxCount(p *problem) (int, *failure) {
	if n := p.req.MaxCount; n < 1 || n > wizard.MaxCountPerRequest {
		return rankInvalid, fail(http.StatusBadRequest, "OUT_OF_RANGE", "Maxcount out of range")
	}
	return p.invalid()
}

// classifyInstanceType: an unknown type, else one sold out in the zone.
func classifyInstanceType(p *problem) (int, *failure) {
	if p.rc.typeByName[p.spec.InstanceType] == nil {
		return rankNotFound, fail(http.StatusNotFound, "NOT_FOUND", "InstanceType '%s' not found", p.spec.InstanceType)
	}
	return rankPrecondition, fail(http.StatusBadRequest, "FAILED_PRECONDITION", "InstanceType '%s' is out of stock in az '%s'", p.spec.InstanceType, p.spec.Az)
}

// classifyImage: an unknown image, one not ready, else one whose
// constraints exclude the type.
func classifyImage(p *problem) (int, *failure) {
	im := p.rc.imageByID[p.spec.ImageID]
	switch {
	case im == nil:
		return rankNotFound, fail(http.StatusNotFound, "NOT_FOUND", "Image '%s' not found", p.spec.ImageID)
	case im.info.Status != "ready":
		return rankPrecondition, fail(http.StatusBadRequest, "FAILED_PRECONDITION", "Image '%s' not ready", p.spec.ImageID)
	}
	return rankPrecondition, fail(http.StatusBadRequest, "FAILED_PRECONDITION", "Image constraints. Doesn't support instanceType '%s'", p.spec.InstanceType)
}

func classifySubnet(p *problem) (int, *failure) {
	if id := p.spec.PrimaryNetworkInterface.SubnetID; p.rc.subnetBy[id] == nil {
		return rankNotFound, fail(http.StatusNotFound, "NOT_FOUND", "Subnet '%s' not found", id)
	}
	return p.invalid()
}

func classifySecurityGroup(p *problem) (int, *failure) {
	id, _ := p.value.(string)
	if _, ok := p.rc.groupBy[id]; !ok {
		return rankNotFound, fail(http.StatusNotFound, "NOT_FOUND", "SecurityGroups '%s' not found", id)
	}
	return p.invalid()
}

func classifyKeyPair(p *problem) (int, *failure) {
	if _, ok := p.rc.keyBy[p.spec.KeyName]; !ok {
		return rankNotFound, fail(http.StatusNotFound, "NOT_FOUND", "KeyPair '%s' not found", p.spec.KeyName)
	}
	return p.invalid()
}

// classifyIP: an IPv6 address is the table's "not support ipv6" conflict.
func classifyIP(p *problem) (int, *failure) {
	nic := p.spec.PrimaryNetworkInterface
	if addr, err := netip.ParseAddr(nic.IP); err == nil && addr.Unmap().Is6() {
		return rankPrecondition, fail(http.StatusBadRequest, "CONFLICT", "Subnet '%s' not support ipv6", nic.SubnetID)
	}
	return p.invalid()
}

func classifyDiskType(p *problem) (int, *failure) {
	name, _ := p.value.(string)
	if d := p.rc.disk(name); d != nil && d.soldOut[p.spec.Az] {
		return rankPrecondition, fail(http.StatusBadRequest, "FAILED_PRECONDITION", "Disk type '%s' is out of stock", name)
	}
	return p.invalid()
}

// classifySystemDiskSize: outside 40..500 GiB, or below the image's own
// size, is the table's row; other size problems (steps of 10) are invalid.
func classifySystemDiskSize(p *problem) (int, *failure) {
	size, minSize := p.spec.SystemDisk.DiskSizeGB, 40
	if im := p.rc.imageByID[p.spec.ImageID]; im != nil {
		minSize = max(minSize, im.info.SystemDiskSizeGB)
	}
	if size < minSize || size > 500 {
		return rankInvalid, fail(http.StatusBadRequest, "OUT_OF_RANGE", "InstanceSpec.SystemDisk.CloudDiskSpec.DiskSizeGB out of range")
	}
	return p.invalid()
}

func classifyDataDiskSize(p *problem) (int, *failure) {
	if n, ok := numberValue(p.value); ok && (n < 20 || n > 32000) {
		return rankInvalid, fail(http.StatusBadRequest, "OUT_OF_RANGE", "%s out of range", strings.Replace(jdPath(p.Path), ".DiskSizeGB", ".CloudDiskSpec.DiskSizeGB", 1))
	}
	return p.invalid()
}

// lookupRaw follows a wizard path ("instanceSpec.dataDisks[1].diskType")
// through the generic document, matching keys as encoding/json does (exact
// first, then case-insensitively).
func lookupRaw(doc map[string]any, path string) (any, bool) {
	var cur any = doc
	for _, seg := range strings.Split(path, ".") {
		name, idx := seg, -1
		if i := strings.IndexByte(seg, '['); i >= 0 && strings.HasSuffix(seg, "]") {
			n, err := strconv.Atoi(seg[i+1 : len(seg)-1])
			if err != nil {
				return nil, false
			}
			name, idx = seg[:i], n
		}
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		v, ok := m[name]
		if !ok {
			for k, val := range m {
				if strings.EqualFold(k, name) {
					v, ok = val, true
					break
				}
			}
		}
		if !ok {
			return nil, false
		}
		if idx >= 0 {
			arr, isArr := v.([]any)
			if !isArr || idx >= len(arr) {
				return nil, false
			}
			v = arr[idx]
		}
		cur = v
	}
	return cur, true
}

func isMissing(v any, present bool) bool {
	if !present || v == nil {
		return true
	}
	switch x := v.(type) {
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	}
	return false
}

func numberValue(v any) (int64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	return i, err == nil
}

func isZeroNumber(v any) bool {
	n, ok := numberValue(v)
	return ok && n == 0
}

// jdPath writes a body path the way JD Cloud's messages do:
// "instanceSpec.imageId" -> "InstanceSpec.ImageId".
func jdPath(path string) string {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, ".")
}
