package apiclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Each look-up comes twice: DescribeX returns the items it could read, and
// ListX returns them with a note for every item it could not (see Listing).

// DescribeInstanceTypes lists the instance types of a region with their
// stock per zone (GET /v1/regions/{region}/instanceTypes, the COC-VM page
// "describeInstanceTypes"); az "" means all zones, otherwise
// filters.1.name=az.
func (c *Client) DescribeInstanceTypes(ctx context.Context, region, az string) ([]InstanceType, error) {
	l, err := c.ListInstanceTypes(ctx, region, az)
	return l.Items, err
}

// ListInstanceTypes is DescribeInstanceTypes with a note for every type
// that could not be read.
func (c *Client) ListInstanceTypes(ctx context.Context, region, az string) (Listing[InstanceType], error) {
	r := request{api: c.vm, method: http.MethodGet, region: region, path: "/instanceTypes"}
	if az != "" {
		r.query.addFilters(Filter{Name: "az", Values: []string{az}})
	}
	resp, err := c.do(ctx, r)
	if err != nil {
		return Listing[InstanceType]{}, err
	}
	p, err := decodeRows[InstanceType](c, listSpec{"describeInstanceTypes", "instanceTypes", "instanceType"}, resp, 0)
	return Listing[InstanceType]{Items: p.items, Skipped: p.skipped}, err
}

// Image sources of describeImages.
const (
	ImageSourcePublic  = "public"
	ImageSourcePrivate = "private"
	// ImageSourceShared is documented as "目前暂不支持" (not supported yet) by
	// the COC-VM page "describeImages".
	ImageSourceShared = "shared"
)

// DescribeImages lists every image of a source ("public", "private",
// "shared"; "" means public, the API requires one) and optionally one
// platform, following all pages (GET /v1/regions/{region}/images, the COC-VM
// page "describeImages").
func (c *Client) DescribeImages(ctx context.Context, region, source, platform string) ([]Image, error) {
	l, err := c.ListImages(ctx, region, source, platform)
	return l.Items, err
}

// ListImages is DescribeImages with a note for every image that could not
// be read.
//
// The page says shared images are "目前暂不支持" (not supported yet): when
// the API refuses imageSource=shared with a 400, there are no shared images
// to list, and the answer is an empty list rather than an error.
func (c *Client) ListImages(ctx context.Context, region, source, platform string) (Listing[Image], error) {
	if source == "" {
		source = ImageSourcePublic
	}
	r := request{api: c.vm, method: http.MethodGet, region: region, path: "/images"}
	r.query.add("imageSource", source)
	r.query.addIf("platform", platform)
	l, err := collectPages(ctx, c, r, rowsOf[Image](c, listSpec{"describeImages", "images", "imageId"}))
	var ae *APIError
	if source == ImageSourceShared && errors.As(err, &ae) && ae.HTTPStatus == http.StatusBadRequest && ae.Status != StatusOutOfRange {
		if c.debug != nil {
			fmt.Fprintf(c.debug, "note: describeImages imageSource=shared refused (%s %s), as the page says it is not supported yet: no shared images\n", ae.Status, ae.Message)
		}
		return Listing[Image]{}, nil
	}
	return l, err
}

// DescribeImage returns one image (GET /v1/regions/{region}/images/{imageId},
// the COC-VM page "describeImage").
func (c *Client) DescribeImage(ctx context.Context, region, imageID string) (*Image, error) {
	if imageID == "" || strings.ContainsAny(imageID, "/?#") {
		return nil, Errorf("invalid image id %q", imageID)
	}
	resp, err := c.do(ctx, request{api: c.vm, method: http.MethodGet, region: region, path: "/images/" + imageID})
	if err != nil {
		return nil, err
	}
	var result DescribeImageResult
	if err := decodeResult(resp, &result); err != nil {
		return nil, err
	}
	return &result.Image, nil
}

// DescribeImageConstraints returns which instance types each image does not
// run on (GET /v1/regions/{region}/imageConstraints with ids.N, 100 ids per
// call; not a COC-VM call: the vm product's page
// "describeImageConstraintsBatch" documents it). Images without constraints
// are absent from the result.
func (c *Client) DescribeImageConstraints(ctx context.Context, region string, imageIDs []string) ([]ImageConstraint, error) {
	l, err := c.ListImageConstraints(ctx, region, imageIDs)
	return l.Items, err
}

// ListImageConstraints is DescribeImageConstraints with a note for every
// constraint that could not be read.
func (c *Client) ListImageConstraints(ctx context.Context, region string, imageIDs []string) (Listing[ImageConstraint], error) {
	var all Listing[ImageConstraint]
	spec := listSpec{"describeImageConstraintsBatch", "imageConstraints", "imageId"}
	for _, batch := range batches(imageIDs) {
		r := request{api: c.vm, method: http.MethodGet, region: region, path: "/imageConstraints"}
		r.query.addList("ids", batch)
		resp, err := c.do(ctx, r)
		if err != nil {
			return Listing[ImageConstraint]{}, err
		}
		p, err := decodeRows[ImageConstraint](c, spec, resp, len(all.Items)+len(all.Skipped))
		if err != nil {
			return Listing[ImageConstraint]{}, err
		}
		all.Items = append(all.Items, p.items...)
		all.Skipped = append(all.Skipped, p.skipped...)
	}
	return all, nil
}

// DescribeKeypairs lists the SSH key pairs of a region, all pages
// (GET /v1/regions/{region}/keypairs, the COC-VM page "describeKeypairs").
func (c *Client) DescribeKeypairs(ctx context.Context, region string) ([]Keypair, error) {
	l, err := c.ListKeypairs(ctx, region)
	return l.Items, err
}

// ListKeypairs is DescribeKeypairs with a note for every key pair that
// could not be read.
func (c *Client) ListKeypairs(ctx context.Context, region string) (Listing[Keypair], error) {
	r := request{api: c.vm, method: http.MethodGet, region: region, path: "/keypairs"}
	return collectPages(ctx, c, r, rowsOf[Keypair](c, listSpec{"describeKeypairs", "keypairs", "keyName"}))
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
	l, err := c.ListDiskTypes(ctx, region)
	return l.Items, err
}

// ListDiskTypes is DescribeDiskTypes with a note for every disk type that
// could not be read.
func (c *Client) ListDiskTypes(ctx context.Context, region string) (Listing[DiskType], error) {
	resp, err := c.do(ctx, request{api: c.vm, method: http.MethodGet, region: region, path: "/diskTypes"})
	if IsNotFound(err) {
		return Listing[DiskType]{Items: DefaultDiskTypes()}, nil
	}
	if err != nil {
		return Listing[DiskType]{}, err
	}
	p, err := decodeRows[DiskType](c, listSpec{"describeDiskTypes", "diskTypes", "diskType"}, resp, 0)
	return Listing[DiskType]{Items: p.items, Skipped: p.skipped}, err
}
