package sandbox

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cocvm/cocvm/apiclient"
)

// The quotas: createInstances says "各地域下实例及关联资源（合作云硬盘、合作弹性
// 公网IP）的可创建数量受配额限制" (instances and the disks and elastic IPs that
// come with them are limited by quota), and describeUsage names them
// cocvm/vm, cocdisk/volume and volume_size, and cocip/elasticIp.

// QuotaLimits are the limits of the four quotas of every region; 0 is the
// default. The defaults of the disk and elastic IP quotas follow the
// instance quota, so that by default only the instance quota binds: 8 disks
// (the most an instance takes) and 32000 GiB (one largest disk) per
// instance, and one elastic IP.
type QuotaLimits struct {
	VM         int // cocvm/vm: instances
	Volume     int // cocdisk/volume: cloud disks, system disks included
	VolumeSize int // cocdisk/volume_size: their total size in GiB
	ElasticIP  int // cocip/elasticIp: elastic IPs
}

// Per-instance defaults of the disk and elastic IP quotas.
const (
	defaultVolumesPerInstance   = 8
	defaultVolumeGiBPerInstance = 32000
	// unsizedDataDiskGiB is what a data disk given without a size counts
	// against volume_size: the smallest data disk.
	unsizedDataDiskGiB = 20
)

// quotaNames are the resource types --quota takes, as describeUsage names
// them.
var quotaNames = []string{apiclient.QuotaResourceType, apiclient.QuotaResourceVolume, apiclient.QuotaResourceVolumeSize, apiclient.QuotaResourceElasticIP}

// ParseQuota reads a quota flag: "50" (the instance quota), or limits by
// resource type, "vm=50,volume=200,volume_size=64000,elasticIp=20" (any of
// them, in any order).
func ParseQuota(s string) (QuotaLimits, error) {
	var l QuotaLimits
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 {
			return l, fmt.Errorf("give at least 1 instance per region")
		}
		l.VM = n
		return l, nil
	}
	if s == "" {
		return l, fmt.Errorf("give a number of instances such as 50, or limits such as vm=50,volume=200,volume_size=64000,elasticIp=20")
	}
	for _, part := range strings.Split(s, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		name = strings.TrimSpace(name)
		if !ok {
			return l, fmt.Errorf("%q is not name=number, such as volume=200", strings.TrimSpace(part))
		}
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || n < 1 {
			return l, fmt.Errorf("%s=%s: give a whole number of at least 1", name, strings.TrimSpace(value))
		}
		var dst *int
		switch strings.ToLower(name) {
		case "vm":
			dst = &l.VM
		case "volume":
			dst = &l.Volume
		case "volume_size":
			dst = &l.VolumeSize
		case "elasticip":
			dst = &l.ElasticIP
		default:
			return l, fmt.Errorf("%q is not a quota; use %s", name, strings.Join(quotaNames, ", "))
		}
		if *dst != 0 {
			return l, fmt.Errorf("%s is given twice", name)
		}
		*dst = n
	}
	return l, nil
}

// ApplyTo sets the limits given (not 0) in o.
func (l QuotaLimits) ApplyTo(o *Options) {
	for _, f := range []struct {
		v   int
		dst *int
	}{{l.VM, &o.Quota}, {l.Volume, &o.VolumeQuota}, {l.VolumeSize, &o.VolumeSizeQuota}, {l.ElasticIP, &o.ElasticIPQuota}} {
		if f.v > 0 {
			*f.dst = f.v
		}
	}
}

// String writes the limits as ParseQuota reads them.
func (l QuotaLimits) String() string {
	return fmt.Sprintf("vm=%d,volume=%d,volume_size=%d,elasticIp=%d", l.VM, l.Volume, l.VolumeSize, l.ElasticIP)
}

// quotaLimits are o's limits with the defaults filled in.
func (o Options) quotaLimits() QuotaLimits {
	l := QuotaLimits{VM: o.Quota, Volume: o.VolumeQuota, VolumeSize: o.VolumeSizeQuota, ElasticIP: o.ElasticIPQuota}
	if l.VM <= 0 {
		l.VM = DefaultQuota
	}
	if l.Volume <= 0 {
		l.Volume = defaultVolumesPerInstance * l.VM
	}
	if l.VolumeSize <= 0 {
		l.VolumeSize = defaultVolumeGiBPerInstance * l.VM
	}
	if l.ElasticIP <= 0 {
		l.ElasticIP = l.VM
	}
	return l
}

// usage is what instances hold of the quotas.
type usage struct {
	vms, volumes, volumeGiB, elasticIPs int
}

func (u *usage) add(v usage, times int) {
	u.vms += v.vms * times
	u.volumes += v.volumes * times
	u.volumeGiB += v.volumeGiB * times
	u.elasticIPs += v.elasticIPs * times
}

// perInstance is what one instance of spec holds: itself, its system and
// data disks and their size, and its elastic IP. The system disk's size is
// filled in before the spec is kept.
func perInstance(spec *apiclient.InstanceSpec) usage {
	u := usage{vms: 1, volumes: 1 + len(spec.DataDisks), volumeGiB: spec.SystemDisk.DiskSizeGB}
	for _, d := range spec.DataDisks {
		if d.DiskSizeGB > 0 {
			u.volumeGiB += d.DiskSizeGB
		} else {
			u.volumeGiB += unsizedDataDiskGiB
		}
	}
	if spec.ElasticIPSpec != nil {
		u.elasticIPs = 1
	}
	return u
}

// checkQuota refuses a create of count instances of spec that would exceed
// a quota, instances first. The instance row is the page's; the others say
// the same of their resource. Callers hold s.mu.
func (s *Server) checkQuota(rs *regionState, spec *apiclient.InstanceSpec, count int) *failure {
	l := s.opts.quotaLimits()
	want := rs.used
	want.add(perInstance(spec), count)
	switch {
	case want.vms > l.VM:
		return fail(http.StatusTooManyRequests, "QUOTA_EXCEEDED", "Instance quota limit exceeded")
	case want.volumes > l.Volume:
		return fail(http.StatusTooManyRequests, "QUOTA_EXCEEDED", "Volume quota limit exceeded")
	case want.volumeGiB > l.VolumeSize:
		return fail(http.StatusTooManyRequests, "QUOTA_EXCEEDED", "Volume size quota limit exceeded")
	case want.elasticIPs > l.ElasticIP:
		return fail(http.StatusTooManyRequests, "QUOTA_EXCEEDED", "ElasticIp quota limit exceeded")
	}
	return nil
}

// quotaCreated is when the sandbox's quota rows say they were created.
const quotaCreated = "2024-01-15 16:00:00"

// describeQuota is quota:describeUsage: the four quotas of the region, those
// of serviceCode and resourceType when given (as parameters, or as filters).
// A resource's own quotas (ownerType resource_id) are none of these.
func (s *Server) describeQuota(rc *regionCatalogue, v url.Values, _ []byte) (any, *failure) {
	q, f := parseQuery(v)
	if f != nil {
		return nil, f
	}
	pick := func(name string) string {
		if vals, ok := q.filter(name); ok && len(vals) > 0 {
			return vals[0]
		}
		return q.v.Get(name)
	}
	service, resource := pick("serviceCode"), pick("resourceType")
	out := []apiclient.QuotaUsage{}
	if q.v.Get("ownerType") == "resource_id" {
		return apiclient.DescribeQuotaResult{QuotaUsages: out}, nil
	}
	l := s.opts.quotaLimits()
	s.mu.Lock()
	now := s.now()
	s.sweep(now.UnixNano())
	used := s.region(rc.id).used
	s.mu.Unlock()
	for _, row := range []struct {
		service, resource string
		limit, used       int
	}{
		{apiclient.QuotaServiceCode, apiclient.QuotaResourceType, l.VM, used.vms},
		{apiclient.QuotaServiceDisk, apiclient.QuotaResourceVolume, l.Volume, used.volumes},
		{apiclient.QuotaServiceDisk, apiclient.QuotaResourceVolumeSize, l.VolumeSize, used.volumeGiB},
		{apiclient.QuotaServiceElasticIP, apiclient.QuotaResourceElasticIP, l.ElasticIP, used.elasticIPs},
	} {
		if service != "" && service != row.service || resource != "" && resource != row.resource {
			continue
		}
		out = append(out, apiclient.QuotaUsage{
			Region: rc.id, Pin: accountPin, OwnerID: accountPin, OwnerType: "pin",
			QuotaID:     catalogueID("quota-", rc.id, row.service, row.resource),
			ServiceCode: row.service, ResourceType: row.resource, Limit: row.limit, Used: row.used,
			CreateTime: quotaCreated, UpdateTime: now.In(chinaStandardTime).Format(time.DateTime),
		})
	}
	return apiclient.DescribeQuotaResult{QuotaUsages: out}, nil
}
