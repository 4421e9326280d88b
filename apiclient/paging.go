package apiclient

import (
	"context"
	"fmt"
	"slices"
	"strconv"
)

// PageSize is the page size the client asks for: the largest COC accepts.
const PageSize = 100

// BatchSize is how many ids one describe call carries.
const BatchSize = 100

// maxPages stops a server that keeps answering full pages from looping us
// forever (100 000 rows).
const maxPages = 1000

// collectPages fetches every page of r: pageNumber from 1 with pageSize 100,
// until the rows reach totalCount or a page comes back empty.
func collectPages[T any](ctx context.Context, c *Client, r request, rows func(response) ([]T, int, error)) ([]T, error) {
	base := slices.Clip(r.query)
	var all []T
	for n := 1; n <= maxPages; n++ {
		r.query = append(base, queryParam{"pageNumber", strconv.Itoa(n)}, queryParam{"pageSize", strconv.Itoa(PageSize)})
		resp, err := c.do(ctx, r)
		if err != nil {
			return nil, err
		}
		items, total, err := rows(resp)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if len(items) == 0 || len(all) >= total {
			return all, nil
		}
	}
	return nil, fmt.Errorf("%s %s: more than %d pages; stopped", r.method, r.path, maxPages)
}

// batches splits ids into runs of at most BatchSize.
func batches(ids []string) [][]string {
	var out [][]string
	for len(ids) > BatchSize {
		out = append(out, ids[:BatchSize])
		ids = ids[BatchSize:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}
