package apiclient

import (
	"context"
	"fmt"
	"net/http"
)

// Quota codes of COC-VM instances on the quota service.
const (
	QuotaServiceCode  = "cocvm"
	QuotaResourceType = "vm"
)

// DescribeQuota returns the instance quota of a region: limit and used
// (GET /v1/regions/{region}/quota:describeUsage?serviceCode=cocvm&resourceType=vm
// on the quota host; the ":" is signed as %3A).
func (c *Client) DescribeQuota(ctx context.Context, region string) (*QuotaUsage, error) {
	r := request{api: c.quota, method: http.MethodGet, region: region, path: "/quota:describeUsage"}
	r.query.add("serviceCode", QuotaServiceCode)
	r.query.add("resourceType", QuotaResourceType)
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, err
	}
	var result DescribeQuotaResult
	if err := decodeResult(resp, &result); err != nil {
		return nil, err
	}
	for _, u := range result.QuotaUsages {
		if u.ServiceCode == QuotaServiceCode && u.ResourceType == QuotaResourceType {
			return &u, nil
		}
	}
	// Some answers leave the codes out; a single row can only be ours.
	if len(result.QuotaUsages) == 1 {
		return &result.QuotaUsages[0], nil
	}
	return nil, fmt.Errorf("quota answer has no %s/%s row (request id %s)", QuotaServiceCode, QuotaResourceType, resp.requestID)
}

// Left is how many more instances the quota allows (never negative).
func (q QuotaUsage) Left() int { return max(q.Limit-q.Used, 0) }
