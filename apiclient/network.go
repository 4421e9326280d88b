package apiclient

import (
	"context"
	"net/http"
)

// COC's own VPC API is not published; the calls follow the vm product's VPC
// pages (describeVpcs, describeSubnets, describeNetworkSecurityGroups).

// DescribeVpcs lists the VPCs of a region, all pages
// (GET /v1/regions/{region}/vpcs/ on the VPC host).
func (c *Client) DescribeVpcs(ctx context.Context, region string) ([]Vpc, error) {
	l, err := c.ListVpcs(ctx, region)
	return l.Items, err
}

// ListVpcs is DescribeVpcs with a note for every VPC that could not be read.
func (c *Client) ListVpcs(ctx context.Context, region string) (Listing[Vpc], error) {
	r := request{api: c.vpc, method: http.MethodGet, region: region, path: "/vpcs/"}
	return collectPages(ctx, c, r, rowsOf[Vpc](c, listSpec{"describeVpcs", "vpcs", "vpcId"}))
}

// DescribeSubnets lists the subnets of a region, all pages, only those of
// vpcID unless it is "" (GET /v1/regions/{region}/subnets/, filter vpcId).
// A subnet may have no zone: it fits every zone (Subnet.FitsZone).
func (c *Client) DescribeSubnets(ctx context.Context, region, vpcID string) ([]Subnet, error) {
	l, err := c.ListSubnets(ctx, region, vpcID)
	return l.Items, err
}

// ListSubnets is DescribeSubnets with a note for every subnet that could not
// be read.
func (c *Client) ListSubnets(ctx context.Context, region, vpcID string) (Listing[Subnet], error) {
	r := request{api: c.vpc, method: http.MethodGet, region: region, path: "/subnets/"}
	if vpcID != "" {
		r.query.addFilters(Filter{Name: "vpcId", Values: []string{vpcID}})
	}
	return collectPages(ctx, c, r, rowsOf[Subnet](c, listSpec{"describeSubnets", "subnets", "subnetId"}))
}

// DescribeSecurityGroups lists the security groups of a region, all pages,
// only those of vpcID unless it is ""
// (GET /v1/regions/{region}/networkSecurityGroups/, filter vpcId).
func (c *Client) DescribeSecurityGroups(ctx context.Context, region, vpcID string) ([]SecurityGroup, error) {
	l, err := c.ListSecurityGroups(ctx, region, vpcID)
	return l.Items, err
}

// ListSecurityGroups is DescribeSecurityGroups with a note for every group
// that could not be read.
func (c *Client) ListSecurityGroups(ctx context.Context, region, vpcID string) (Listing[SecurityGroup], error) {
	r := request{api: c.vpc, method: http.MethodGet, region: region, path: "/networkSecurityGroups/"}
	if vpcID != "" {
		r.query.addFilters(Filter{Name: "vpcId", Values: []string{vpcID}})
	}
	return collectPages(ctx, c, r, rowsOf[SecurityGroup](c, listSpec{"describeNetworkSecurityGroups", "networkSecurityGroups", "networkSecurityGroupId"}))
}
