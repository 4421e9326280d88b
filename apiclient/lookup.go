package apiclient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Look-ups read their lists item by item: one item the client cannot read
// (a field of another shape than documented, say) is skipped with a note,
// and the rest of the list still shows. The pages and the live API have
// disagreed before (localDisks is one object on the COC-VM page and a list
// on the vm one), and a wizard with no instance types at all because of one
// odd type helps nobody.

// SkippedItem is one item of a look-up's answer that could not be read.
type SkippedItem struct {
	// Call is the API call, e.g. "describeInstanceTypes".
	Call string
	// Index is the item's place in the answer, 0-based, counting every
	// page (for calls sent in batches of ids, in its batch's answer).
	Index int
	// ID is the item's id or name when that much could be read, else "".
	ID string
	// Reason is why it could not be read, in the decoder's words.
	Reason string
}

// String is the note for a person or a log: "describeInstanceTypes item 3
// (p.n1p4c.2xlarge) skipped: ...".
func (s SkippedItem) String() string {
	id := ""
	if s.ID != "" {
		id = " (" + s.ID + ")"
	}
	return fmt.Sprintf("%s item %d%s skipped: %s", s.Call, s.Index, id, s.Reason)
}

// Listing is what a look-up returned: the items it could read, and a note
// for each item it could not. len(Skipped) is how many were left out.
type Listing[T any] struct {
	Items   []T
	Skipped []SkippedItem
}

// page is one answer of a paged look-up.
type page[T any] struct {
	items   []T
	skipped []SkippedItem
	rows    int // items in the answer, read or not
	total   int // the answer's totalCount; 0 when absent or unreadable
}

// listSpec says where a call's list is in its result and which field of an
// item names it in a note.
type listSpec struct {
	call    string // e.g. "describeInstanceTypes"
	listKey string // e.g. "instanceTypes"
	idKey   string // e.g. "instanceType"
}

// decodeRows reads one answer of a look-up item by item. Only a result that
// is not an object, or a list that is not a list, fails the whole answer.
// offset is the index of the answer's first item in the whole look-up.
func decodeRows[T any](c *Client, spec listSpec, resp response, offset int) (page[T], error) {
	var p page[T]
	var fields map[string]json.RawMessage
	if err := decodeResult(resp, &fields); err != nil {
		return p, err
	}
	if raw, ok := field(fields, "totalCount"); ok {
		p.total = readCount(raw)
	}
	raw, ok := field(fields, spec.listKey)
	if !ok || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return p, nil
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(raw, &raws); err != nil {
		return p, Errorf("decode result (request id %s): %s is %s, not a list", resp.requestID, spec.listKey, jsonKind(bytes.TrimSpace(raw)))
	}
	p.rows = len(raws)
	for i, item := range raws {
		var v T
		err := json.Unmarshal(item, &v)
		if err == nil && bytes.Equal(bytes.TrimSpace(item), []byte("null")) {
			err = Errorf("the item is null")
		}
		if err != nil {
			s := SkippedItem{Call: spec.call, Index: offset + i, ID: itemID(item, spec.idKey), Reason: strings.TrimPrefix(err.Error(), "json: ")}
			p.skipped = append(p.skipped, s)
			c.logSkip(s, resp.requestID)
			continue
		}
		p.items = append(p.items, v)
	}
	return p, nil
}

// field finds a key as encoding/json does: exactly, else ignoring case.
func field(fields map[string]json.RawMessage, key string) (json.RawMessage, bool) {
	if v, ok := fields[key]; ok {
		return v, true
	}
	for k, v := range fields {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

// readCount reads a count written as a number (2, or 2.0) or a string of
// one; anything else is 0, "not known".
func readCount(raw json.RawMessage) int {
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return 0
		}
		n = json.Number(s)
	}
	if i, err := n.Int64(); err == nil && i >= 0 {
		return int(i)
	}
	if f, err := n.Float64(); err == nil && f >= 0 && f < 1<<31 {
		return int(f)
	}
	return 0
}

// itemID reads an item's id for a note: the string (or number) under key,
// or "".
func itemID(item json.RawMessage, key string) string {
	var fields map[string]json.RawMessage
	if key == "" || json.Unmarshal(item, &fields) != nil {
		return ""
	}
	raw, ok := field(fields, key)
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// logSkip writes the one debug line of a skipped item. Look-up answers
// carry no secrets, but the line still holds only the note.
func (c *Client) logSkip(s SkippedItem, requestID string) {
	if c.debug == nil {
		return
	}
	if requestID == "" {
		requestID = "-"
	}
	fmt.Fprintf(c.debug, "skip: %s request-id=%s\n", s, requestID)
}
