package apiclient

import (
	"context"
	"net/http"
)

// Quota codes on the quota service (the COC page "describeUsage":
// serviceCode and resourceType pairs). createInstances counts against four
// of them: "各地域下实例及关联资源（合作云硬盘、合作弹性公网IP）的可创建数量受配额限制".
const (
	// QuotaServiceCode and QuotaResourceType are the instance quota.
	QuotaServiceCode  = "cocvm"
	QuotaResourceType = "vm"

	QuotaServiceDisk        = "cocdisk"
	QuotaResourceVolume     = "volume"      // cloud disks, system disks included
	QuotaResourceVolumeSize = "volume_size" // their total size in GiB
	QuotaServiceElasticIP   = "cocip"
	QuotaResourceElasticIP  = "elasticIp"
)

// quotaRows is where describeUsage keeps its rows.
var quotaRows = listSpec{call: "quota:describeUsage", listKey: "quotaUsages", idKey: "resourceType"}

// DescribeQuota returns the instance quota of a region: limit and used
// (GET /v1/regions/{region}/quota:describeUsage?serviceCode=cocvm&resourceType=vm
// on the quota host; the ":" is signed as %3A).
func (c *Client) DescribeQuota(ctx context.Context, region string) (*QuotaUsage, error) {
	p, requestID, err := c.describeUsage(ctx, region, QuotaServiceCode, QuotaResourceType)
	if err != nil {
		return nil, err
	}
	if u := findQuota(p.items, QuotaServiceCode, QuotaResourceType); u != nil {
		return u, nil
	}
	// Some answers leave the codes out; a single row can only be ours.
	if len(p.items) == 1 && p.items[0].ServiceCode == "" && p.items[0].ResourceType == "" {
		return &p.items[0], nil
	}
	return nil, Errorf("quota answer has no %s/%s row (request id %s)", QuotaServiceCode, QuotaResourceType, requestID)
}

// describeUsage is one describeUsage call: of one service and resource, or
// of every quota when both are "".
func (c *Client) describeUsage(ctx context.Context, region, service, resource string) (page[QuotaUsage], string, error) {
	r := request{api: c.quota, method: http.MethodGet, region: region, path: "/quota:describeUsage"}
	if service != "" {
		r.query.add("serviceCode", service)
		r.query.add("resourceType", resource)
	}
	resp, err := c.do(ctx, r)
	if err != nil {
		return page[QuotaUsage]{}, "", err
	}
	p, err := decodeRows[QuotaUsage](c, quotaRows, resp, 0)
	return p, resp.requestID, err
}

// Quotas are the four quotas a createInstances request counts against. A
// nil field is a quota the answer did not report.
type Quotas struct {
	Instances  *QuotaUsage // cocvm/vm: instances
	Disks      *QuotaUsage // cocdisk/volume: cloud disks, system disks included
	DiskGiB    *QuotaUsage // cocdisk/volume_size: the disks' total GiB
	ElasticIPs *QuotaUsage // cocip/elasticIp: elastic IPs
	// Skipped notes the rows of the answer that could not be read.
	Skipped []SkippedItem
}

// DescribeQuotas returns the instance, disk, disk size and elastic IP quotas
// of a region in one call: describeUsage without serviceCode and
// resourceType answers every quota of the account ("此参数如果为空，则查询当前
// 用户的所有配额使用量列表"), of which these four are picked.
func (c *Client) DescribeQuotas(ctx context.Context, region string) (*Quotas, error) {
	p, _, err := c.describeUsage(ctx, region, "", "")
	if err != nil {
		return nil, err
	}
	return &Quotas{
		Instances:  findQuota(p.items, QuotaServiceCode, QuotaResourceType),
		Disks:      findQuota(p.items, QuotaServiceDisk, QuotaResourceVolume),
		DiskGiB:    findQuota(p.items, QuotaServiceDisk, QuotaResourceVolumeSize),
		ElasticIPs: findQuota(p.items, QuotaServiceElasticIP, QuotaResourceElasticIP),
		Skipped:    p.skipped,
	}, nil
}

// findQuota returns a copy of the account's (not a resource's) row for
// service/resource, or nil.
func findQuota(rows []QuotaUsage, service, resource string) *QuotaUsage {
	for _, u := range rows {
		if u.ServiceCode == service && u.ResourceType == resource && u.OwnerType != "resource_id" {
			return &u
		}
	}
	return nil
}

// Left is how many more the quota allows (never negative).
func (q QuotaUsage) Left() int { return max(q.Limit-q.Used, 0) }
