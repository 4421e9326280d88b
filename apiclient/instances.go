package apiclient

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/google/uuid"
)

// NewClientToken returns "cocvm-" followed by a UUID v4 (42 characters, well
// under the 64 the API allows).
func NewClientToken() string { return "cocvm-" + uuid.NewString() }

// CreateInstances submits one createInstances request
// (POST /v1/regions/{region}/instances). An empty req.ClientToken is replaced
// by NewClientToken. The body is marshalled once, and every retry (transport
// errors, 5xx, 429 rate limits only) sends the same bytes with the same
// token, so a retry after a lost answer cannot create a second batch.
//
// The response is non-nil even when err is not: it carries the ClientToken
// used, which the caller needs to retry safely later. OutcomeUnknown(err)
// says whether the request may have been carried out all the same; an
// accepted answer whose ids cannot be read is an *UnreadableResultError.
func (c *Client) CreateInstances(ctx context.Context, region string, req CreateInstancesRequest) (*CreateInstancesResponse, error) {
	if req.ClientToken == "" {
		req.ClientToken = NewClientToken()
	}
	out := &CreateInstancesResponse{ClientToken: req.ClientToken}
	if len(req.ClientToken) > 64 {
		return out, Errorf("clientToken is %d characters; the API allows at most 64", len(req.ClientToken))
	}
	body, err := json.Marshal(req)
	if err != nil {
		return out, Errorf("encode createInstances body: %v", err)
	}
	resp, err := c.do(ctx, request{api: c.vm, method: http.MethodPost, region: region, path: "/instances", body: body})
	if err != nil {
		return out, err
	}
	out.RequestID = resp.requestID
	var result CreateInstancesResult
	if err := decodeResult(resp, &result); err != nil {
		return out, &UnreadableResultError{RequestID: resp.requestID, Err: err}
	}
	if len(result.InstanceIDs) == 0 {
		return out, &UnreadableResultError{RequestID: resp.requestID, Err: Errorf("the result names no instance")}
	}
	out.InstanceIDs = result.InstanceIDs
	return out, nil
}

// DescribeInstanceStatus returns the status of the given instances
// (GET /v1/regions/{region}/instanceStatus; the vm product's page
// "describeInstanceStatus" stands in for COC-VM's, which is not published),
// any number of ids in batches of 100 with filters.1.name=instanceId, pages
// followed. An id missing from the result no longer exists (a failed create
// is deleted after "error"). No ids means every instance of the region.
//
// Unlike the look-ups, an item that cannot be read fails the whole call: a
// status left out would read as "this instance is gone", which is how a
// failed create looks.
func (c *Client) DescribeInstanceStatus(ctx context.Context, region string, ids []string) ([]InstanceStatus, error) {
	read := func(resp response, offset int) (page[InstanceStatus], error) {
		p, err := decodeRows[InstanceStatus](c, listSpec{"describeInstanceStatus", "instanceStatuses", "instanceId"}, resp, offset)
		if err == nil && len(p.skipped) > 0 {
			err = Errorf("decode result (request id %s): %s; no status is reported rather than one instance reported gone", resp.requestID, p.skipped[0])
		}
		return p, err
	}
	l, err := describeByIDs(ctx, c, c.vm, region, "/instanceStatus", "instanceId", ids, read)
	return l.Items, err
}

// DescribeInstances returns the full description (addresses included) of the
// given instances (GET /v1/regions/{region}/instances, the COC-VM page
// "describeInstances"), batched and paged like DescribeInstanceStatus. No
// ids means every instance of the region. Instances that cannot be read are
// left out: ListInstances says which.
func (c *Client) DescribeInstances(ctx context.Context, region string, ids []string) ([]Instance, error) {
	l, err := c.ListInstances(ctx, region, ids)
	return l.Items, err
}

// ListInstances is DescribeInstances with a note for every instance of the
// answer that could not be read.
func (c *Client) ListInstances(ctx context.Context, region string, ids []string) (Listing[Instance], error) {
	return describeByIDs(ctx, c, c.vm, region, "/instances", "instanceId", ids,
		rowsOf[Instance](c, listSpec{"describeInstances", "instances", "instanceId"}))
}

// DescribeInstance returns one instance (GET
// /v1/regions/{region}/instances/{instanceId}, the COC-VM page
// "describeInstance"); an unknown id is a 404 NOT_FOUND "Instance 'xx' not
// found.".
func (c *Client) DescribeInstance(ctx context.Context, region, instanceID string) (*Instance, error) {
	if instanceID == "" || strings.ContainsAny(instanceID, "/?#") {
		return nil, Errorf("invalid instance id %q", instanceID)
	}
	resp, err := c.do(ctx, request{api: c.vm, method: http.MethodGet, region: region, path: "/instances/" + instanceID})
	if err != nil {
		return nil, err
	}
	var result DescribeInstanceResult
	if err := decodeResult(resp, &result); err != nil {
		return nil, err
	}
	return &result.Instance, nil
}

// describeByIDs runs one paged describe call per batch of ids, filtering on
// filterName.
func describeByIDs[T any](ctx context.Context, c *Client, api endpoint, region, path, filterName string, ids []string, read func(response, int) (page[T], error)) (Listing[T], error) {
	r := request{api: api, method: http.MethodGet, region: region, path: path}
	if len(ids) == 0 {
		return collectPages(ctx, c, r, read)
	}
	var all Listing[T]
	for _, batch := range batches(ids) {
		r.query = nil
		r.query.addFilters(Filter{Name: filterName, Values: batch})
		// A partial answer would read as "these ids are gone", so one
		// failed batch fails the whole call.
		got, err := collectPages(ctx, c, r, read)
		if err != nil {
			return Listing[T]{}, err
		}
		all.Items = append(all.Items, got.Items...)
		all.Skipped = append(all.Skipped, got.Skipped...)
	}
	return all, nil
}
