package sandbox

import (
	"container/heap"
	"slices"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// batch is what the instances of one createInstances call share. Keeping the
// spec once per batch rather than once per instance is most of why 10,000
// instances stay cheap. The password is never kept.
type batch struct {
	region    string
	spec      apiclient.InstanceSpec
	createdAt time.Time
	per       usage // what each instance holds of the quotas
}

func newBatch(region string, spec apiclient.InstanceSpec, createdAt time.Time) *batch {
	return &batch{region: region, spec: spec, createdAt: createdAt, per: perInstance(&spec)}
}

// instance holds only what differs between the instances of a batch. Its
// status is not stored: it is a function of the clock (see statusAt), so no
// goroutine or timer runs per instance and state advances lazily when a
// request looks at it.
type instance struct {
	id        string
	b         *batch
	seq       uint64 // creation order, for stable listings
	bootAt    int64  // unix nanoseconds when pending ends
	fail      bool   // ends in error (and deletion) instead of running
	privateIP uint32 // reserved at creation, shown once running
	publicIP  uint32 // 0: no elastic IP
	deleted   bool
}

func (in *instance) statusAt(now int64) string {
	switch {
	case now < in.bootAt:
		return apiclient.StatusPending
	case in.fail:
		return apiclient.StatusError
	}
	return apiclient.StatusRunning
}

func (in *instance) deleteAt() int64 { return in.bootAt + int64(ErrorLinger) }

// regionState is the live side of one region.
type regionState struct {
	byID  map[string]*instance
	order []*instance // creation order; compacted after deletions
	dirty bool        // order holds deleted instances
	// typeUse counts instances that hold capacity of a type in a zone
	// (everything not doomed to fail), keyed by type + "/" + az.
	typeUse map[string]int
	// ips are the private addresses in use per subnet; cursor is where the
	// next search for a free one starts, so allocation is amortised O(1).
	ips    map[string]map[uint32]struct{}
	cursor map[string]uint32
	// used is what the live instances hold of the quotas.
	used usage
}

func newRegionState() *regionState {
	return &regionState{
		byID:    map[string]*instance{},
		typeUse: map[string]int{},
		ips:     map[string]map[uint32]struct{}{},
		cursor:  map[string]uint32{},
	}
}

func (rs *regionState) live() []*instance {
	if rs.dirty {
		kept := rs.order[:0]
		for _, in := range rs.order {
			if !in.deleted {
				kept = append(kept, in)
			}
		}
		clear(rs.order[len(kept):])
		rs.order = kept
		rs.dirty = false
	}
	return rs.order
}

func typeKey(instanceType, az string) string { return instanceType + "/" + az }

func (rs *regionState) freeIPs(sn *subnetEntry) int {
	return sn.size() - len(rs.ips[sn.info.SubnetID])
}

func (rs *regionState) ipInUse(sn *subnetEntry, ip uint32) bool {
	_, ok := rs.ips[sn.info.SubnetID][ip]
	return ok
}

func (rs *regionState) reserveIP(sn *subnetEntry, ip uint32) {
	set := rs.ips[sn.info.SubnetID]
	if set == nil {
		set = map[uint32]struct{}{}
		rs.ips[sn.info.SubnetID] = set
	}
	set[ip] = struct{}{}
}

// allocateIP returns the next free address of the subnet, or false when the
// subnet is full.
func (rs *regionState) allocateIP(sn *subnetEntry) (uint32, bool) {
	id := sn.info.SubnetID
	if rs.freeIPs(sn) <= 0 {
		return 0, false
	}
	ip := rs.cursor[id]
	if ip < sn.first || ip > sn.last {
		ip = sn.first
	}
	for {
		if !rs.ipInUse(sn, ip) {
			rs.reserveIP(sn, ip)
			next := ip + 1
			if next > sn.last {
				next = sn.first
			}
			rs.cursor[id] = next
			return ip, true
		}
		ip++
		if ip > sn.last {
			ip = sn.first
		}
	}
}

func (rs *regionState) releaseIP(subnetID string, ip uint32) {
	delete(rs.ips[subnetID], ip)
}

// publicPool hands out elastic IPs from the three documentation ranges
// (RFC 5737), so a sandbox address can never be mistaken for a real one.
// Its 762 addresses are the sandbox's elastic IP capacity.
type publicPool struct {
	used   map[uint32]struct{}
	cursor int
}

var publicRanges = [...]uint32{
	203<<24 | 0<<16 | 113<<8,  // 203.0.113.0/24 (TEST-NET-3)
	198<<24 | 51<<16 | 100<<8, // 198.51.100.0/24 (TEST-NET-2)
	192<<24 | 0<<16 | 2<<8,    // 192.0.2.0/24 (TEST-NET-1)
}

const publicPerRange = 254 // .1 .. .254

func publicAt(i int) uint32 { return publicRanges[i/publicPerRange] + uint32(i%publicPerRange) + 1 }

func (p *publicPool) allocate() (uint32, bool) {
	total := len(publicRanges) * publicPerRange
	if len(p.used) >= total {
		return 0, false
	}
	for {
		ip := publicAt(p.cursor)
		p.cursor = (p.cursor + 1) % total
		if _, ok := p.used[ip]; !ok {
			p.used[ip] = struct{}{}
			return ip, true
		}
	}
}

func (p *publicPool) release(ip uint32) { delete(p.used, ip) }

// deletionQueue orders instances doomed to fail by the time they are deleted.
type deletionQueue []*instance

func (q deletionQueue) Len() int           { return len(q) }
func (q deletionQueue) Less(i, j int) bool { return q[i].deleteAt() < q[j].deleteAt() }
func (q deletionQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *deletionQueue) Push(x any)        { *q = append(*q, x.(*instance)) }
func (q *deletionQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	return x
}

// sweep deletes failed instances whose time in `error` is over, releasing
// their quota, addresses and capacity. Callers hold s.mu.
func (s *Server) sweep(now int64) {
	for s.doomed.Len() > 0 && s.doomed[0].deleteAt() <= now {
		in := heap.Pop(&s.doomed).(*instance)
		s.remove(in)
	}
}

func (s *Server) remove(in *instance) {
	rs := s.region(in.b.region)
	delete(rs.byID, in.id)
	rs.used.add(in.b.per, -1)
	in.deleted = true
	rs.dirty = true
	rs.releaseIP(in.b.spec.PrimaryNetworkInterface.SubnetID, in.privateIP)
	if in.publicIP != 0 {
		s.public.release(in.publicIP)
	}
	if !in.fail {
		rs.typeUse[typeKey(in.b.spec.InstanceType, in.b.spec.Az)]--
	}
}

func sortBySeq(ins []*instance) {
	slices.SortFunc(ins, func(a, b *instance) int {
		switch {
		case a.seq < b.seq:
			return -1
		case a.seq > b.seq:
			return 1
		}
		return 0
	})
}
