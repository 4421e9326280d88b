package apiclient

import (
	"context"
	"net/http"
)

// DescribeInstanceTypes lists the instance types of a region with their
// stock per zone (GET /v1/regions/{region}/instanceTypes); az "" means all
// zones, otherwise filters.1.name=az.
func (c *Client) DescribeInstanceTypes(ctx context.Context, region, az string) ([]InstanceType, error) {
	r := request{api: c.vm, method: http.MethodGet, region: region, path: "/instanceTypes"}
	if az != "" {
		r.query.addFilters(Filter{Name: "az", Values: []string{az}})
	}
	resp, err := c.do(ctx, r)
	if err != nil {
		return nil, err
	}
	var result DescribeInstanceTypesResult
	if err := decodeResult(resp, &result); err != nil {
		return nil, err
	}
	return result.InstanceTypes, nil
}

// DescribeImages lists every image of a source ("public", "private",
// "shared"; "" means public, the API requires one) and optionally one
// platform ("CentOS", "Windows Server", ...), following all pages
// (GET /v1/regions/{region}/images).
func (c *Client) DescribeImages(ctx context.Context, region, source, platform string) ([]Image, error) {
	if source == "" {
		source = "public"
	}
	r := request{api: c.vm, method: http.MethodGet, region: region, path: "/images"}
	r.query.add("imageSource", source)
	r.query.addIf("platform", platform)
	return collectPages(ctx, c, r, func(resp response) ([]Image, int, error) {
		var result DescribeImagesResult
		err := decodeResult(resp, &result)
		return result.Images, result.TotalCount, err
	})
}

// DescribeImageConstraints returns which instance types each image supports
// (GET /v1/regions/{region}/imageConstraints with ids.N, 100 ids per call).
// Images without constraints are absent from the result.
func (c *Client) DescribeImageConstraints(ctx context.Context, region string, imageIDs []string) ([]ImageConstraint, error) {
	var all []ImageConstraint
	for _, batch := range batches(imageIDs) {
		r := request{api: c.vm, method: http.MethodGet, region: region, path: "/imageConstraints"}
		r.query.addList("ids", batch)
		resp, err := c.do(ctx, r)
		if err != nil {
			return nil, err
		}
		var result DescribeImageConstraintsResult
		if err := decodeResult(resp, &result); err != nil {
			return nil, err
		}
		all = append(all, result.ImageConstraints...)
	}
	return all, nil
}

// DescribeKeypairs lists the SSH key pairs of a region, all pages
// (GET /v1/regions/{region}/keypairs).
func (c *Client) DescribeKeypairs(ctx context.Context, region string) ([]Keypair, error) {
	r := request{api: c.vm, method: http.MethodGet, region: region, path: "/keypairs"}
	return collectPages(ctx, c, r, func(resp response) ([]Keypair, int, error) {
		var result DescribeKeypairsResult
		err := decodeResult(resp, &result)
		return result.Keypairs, result.TotalCount, err
	})
}

// DefaultDiskTypes are the three documented cloud disk types, stock unknown.
func DefaultDiskTypes() []DiskType {
	return []DiskType{
		{DiskType: "ssd.gp1", Description: "General purpose SSD (通用型SSD)"},
		{DiskType: "ssd.io1", Description: "Performance SSD (性能型SSD)"},
		{DiskType: "hdd.std1", Description: "Capacity HDD (容量型HDD)"},
	}
}

// DescribeDiskTypes lists the disk types of a region with their stock per
// zone (GET /v1/regions/{region}/diskTypes, a cocvm extension the sandbox
// serves). An endpoint that answers 404 does not know the call: the result
// is then DefaultDiskTypes, without stock information.
func (c *Client) DescribeDiskTypes(ctx context.Context, region string) ([]DiskType, error) {
	resp, err := c.do(ctx, request{api: c.vm, method: http.MethodGet, region: region, path: "/diskTypes"})
	if IsNotFound(err) {
		return DefaultDiskTypes(), nil
	}
	if err != nil {
		return nil, err
	}
	var result DescribeDiskTypesResult
	if err := decodeResult(resp, &result); err != nil {
		return nil, err
	}
	return result.DiskTypes, nil
}
