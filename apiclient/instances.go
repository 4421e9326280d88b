package apiclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

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
		return out, fmt.Errorf("clientToken is %d characters; the API allows at most 64", len(req.ClientToken))
	}
	body, err := json.Marshal(req)
	if err != nil {
		return out, fmt.Errorf("encode createInstances body: %w", err)
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
		return out, &UnreadableResultError{RequestID: resp.requestID, Err: errors.New("the result names no instance")}
	}
	out.InstanceIDs = result.InstanceIDs
	return out, nil
}

// DescribeInstanceStatus returns the status of the given instances
// (GET /v1/regions/{region}/instanceStatus), any number of ids in batches of
// 100 with filters.1.name=instanceId, pages followed. An id missing from the
// result no longer exists (a failed create is deleted after "error"). No ids
// means every instance of the region.
func (c *Client) DescribeInstanceStatus(ctx context.Context, region string, ids []string) ([]InstanceStatus, error) {
	rows := func(resp response) ([]InstanceStatus, int, error) {
		var r DescribeInstanceStatusResult
		err := decodeResult(resp, &r)
		return r.InstanceStatuses, r.TotalCount, err
	}
	return describeByIDs(ctx, c, c.vm, region, "/instanceStatus", "instanceId", ids, rows)
}

// DescribeInstances returns the full description (addresses included) of the
// given instances (GET /v1/regions/{region}/instances), batched and paged
// like DescribeInstanceStatus. No ids means every instance of the region.
func (c *Client) DescribeInstances(ctx context.Context, region string, ids []string) ([]Instance, error) {
	rows := func(resp response) ([]Instance, int, error) {
		var r DescribeInstancesResult
		err := decodeResult(resp, &r)
		return r.Instances, r.TotalCount, err
	}
	return describeByIDs(ctx, c, c.vm, region, "/instances", "instanceId", ids, rows)
}

// describeByIDs runs one paged describe call per batch of ids, filtering on
// filterName.
func describeByIDs[T any](ctx context.Context, c *Client, api endpoint, region, path, filterName string, ids []string, rows func(response) ([]T, int, error)) ([]T, error) {
	r := request{api: api, method: http.MethodGet, region: region, path: path}
	if len(ids) == 0 {
		return collectPages(ctx, c, r, rows)
	}
	var all []T
	for _, batch := range batches(ids) {
		r.query = nil
		r.query.addFilters(Filter{Name: filterName, Values: batch})
		// A partial answer would read as "these ids are gone", so one
		// failed batch fails the whole call.
		got, err := collectPages(ctx, c, r, rows)
		if err != nil {
			return nil, err
		}
		all = append(all, got...)
	}
	return all, nil
}
