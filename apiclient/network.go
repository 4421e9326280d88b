package apiclient

import (
	"context"
	"net/http"
)

// DescribeVpcs lists the VPCs of a region, all pages
// (GET /v1/regions/{region}/vpcs/ on the VPC host).
func (c *Client) DescribeVpcs(ctx context.Context, region string) ([]Vpc, error) {
	r := request{api: c.vpc, method: http.MethodGet, region: region, path: "/vpcs/"}
	return collectPages(ctx, c, r, func(resp response) ([]Vpc, int, error) {
		var result DescribeVpcsResult
		err := decodeResult(resp, &result)
		return result.Vpcs, result.TotalCount, err
	})
}

// DescribeSubnets lists the subnets of a region, all pages, only those of
// vpcID unless it is "" (GET /v1/regions/{region}/subnets/, filter vpcId).
func (c *Client) DescribeSubnets(ctx context.Context, region, vpcID string) ([]Subnet, error) {
	r := request{api: c.vpc, method: http.MethodGet, region: region, path: "/subnets/"}
	if vpcID != "" {
		r.query.addFilters(Filter{Name: "vpcId", Values: []string{vpcID}})
	}
	return collectPages(ctx, c, r, func(resp response) ([]Subnet, int, error) {
		var result DescribeSubnetsResult
		err := decodeResult(resp, &result)
		return result.Subnets, result.TotalCount, err
	})
}

// DescribeSecurityGroups lists the security groups of a region, all pages,
// only those of vpcID unless it is ""
// (GET /v1/regions/{region}/networkSecurityGroups/, filter vpcId).
func (c *Client) DescribeSecurityGroups(ctx context.Context, region, vpcID string) ([]SecurityGroup, error) {
	r := request{api: c.vpc, method: http.MethodGet, region: region, path: "/networkSecurityGroups/"}
	if vpcID != "" {
		r.query.addFilters(Filter{Name: "vpcId", Values: []string{vpcID}})
	}
	return collectPages(ctx, c, r, func(resp response) ([]SecurityGroup, int, error) {
		var result DescribeSecurityGroupsResult
		err := decodeResult(resp, &result)
		return result.NetworkSecurityGroups, result.TotalCount, err
	})
}
