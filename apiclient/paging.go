package apiclient

import (
	"context"
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
// until the items (read or skipped) reach totalCount or a page comes back
// empty.
func collectPages[T any](ctx context.Context, c *Client, r request, read func(resp response, offset int) (page[T], error)) (Listing[T], error) {
	base := slices.Clip(r.query)
	var all Listing[T]
	seen := 0
	for n := 1; n <= maxPages; n++ {
		r.query = append(base, queryParam{"pageNumber", strconv.Itoa(n)}, queryParam{"pageSize", strconv.Itoa(PageSize)})
		resp, err := c.do(ctx, r)
		if err != nil {
			return Listing[T]{}, err
		}
		p, err := read(resp, seen)
		if err != nil {
			return Listing[T]{}, err
		}
		all.Items = append(all.Items, p.items...)
		all.Skipped = append(all.Skipped, p.skipped...)
		seen += p.rows
		if p.rows == 0 || seen >= p.total {
			return all, nil
		}
	}
	return Listing[T]{}, Errorf("%s %s: more than %d pages; stopped", r.method, r.path, maxPages)
}

// rowsOf is the page reader of a look-up whose list spec is s.
func rowsOf[T any](c *Client, s listSpec) func(response, int) (page[T], error) {
	return func(resp response, offset int) (page[T], error) { return decodeRows[T](c, s, resp, offset) }
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
