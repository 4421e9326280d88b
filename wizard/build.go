package wizard

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/cocvm/cocvm/apiclient"
)

// Build turns a draft into the request bodies to send: one request when
// Count is at most 100, otherwise ceil(Count/100) requests of 100 with the
// remainder last, each with a clientToken derived from d.ClientToken by
// SplitTokens. Build copies what the person set and nothing else: an unset
// Count leaves maxCount out, an empty ClientToken leaves clientToken out.
// It does not validate; run Validate first.
func Build(d Draft) []apiclient.CreateInstancesRequest {
	if d.Count <= MaxCountPerRequest {
		return []apiclient.CreateInstancesRequest{DraftToRequest(d)}
	}
	n := (d.Count + MaxCountPerRequest - 1) / MaxCountPerRequest
	tokens := SplitTokens(d.ClientToken, n)
	reqs := make([]apiclient.CreateInstancesRequest, n)
	for i := range reqs {
		reqs[i] = apiclient.CreateInstancesRequest{
			InstanceSpec: cloneSpec(d.Spec),
			MaxCount:     min(MaxCountPerRequest, d.Count-i*MaxCountPerRequest),
			ClientToken:  tokens[i],
		}
	}
	return reqs
}

// DraftToRequest is the whole draft as one request body, without splitting:
// maxCount is Count even above 100. It is what presets store and what
// RequestToDraft reads back; Build is what gets sent.
func DraftToRequest(d Draft) apiclient.CreateInstancesRequest {
	return apiclient.CreateInstancesRequest{
		InstanceSpec: cloneSpec(d.Spec),
		MaxCount:     d.Count,
		ClientToken:  d.ClientToken,
	}
}

// RequestToDraft is the draft a request body describes, in the given region.
func RequestToDraft(region string, req apiclient.CreateInstancesRequest) Draft {
	return Draft{
		Region:      region,
		Spec:        cloneSpec(req.InstanceSpec),
		Count:       req.MaxCount,
		ClientToken: req.ClientToken,
	}
}

// cloneSpec copies a spec deeply, so requests built from a draft never share
// slices or pointers with it.
func cloneSpec(s apiclient.InstanceSpec) apiclient.InstanceSpec {
	if s.ElasticIPSpec != nil {
		e := *s.ElasticIPSpec
		s.ElasticIPSpec = &e
	}
	if s.Charge != nil {
		c := *s.Charge
		s.Charge = &c
	}
	if s.DataDisks != nil {
		s.DataDisks = append([]apiclient.InstanceDiskAttachmentSpec{}, s.DataDisks...)
	}
	if g := s.PrimaryNetworkInterface.SecurityGroups; g != nil {
		s.PrimaryNetworkInterface.SecurityGroups = append([]apiclient.SecurityGroupCreate{}, g...)
	}
	return s
}

// SplitTokens derives n clientTokens from base, one per request of a split
// draft: base itself when n is 1, otherwise base-1 ... base-n. Each token is
// at most 64 bytes (so at most 64 characters): a base too long for its
// suffix keeps its start and gets a short hash of the whole base in place of
// its end, so different bases still give different tokens. The same base and
// n always give the same tokens, which keeps a retried split idempotent. An
// empty base gives n empty tokens: nobody asked for idempotency.
func SplitTokens(base string, n int) []string {
	if n <= 0 {
		return nil
	}
	tokens := make([]string, n)
	if base == "" {
		return tokens
	}
	if n == 1 {
		tokens[0] = base
		return tokens
	}
	for i := range tokens {
		suffix := "-" + strconv.Itoa(i+1)
		tokens[i] = fitToken(base, suffix)
	}
	return tokens
}

// fitToken is base+suffix, shortened to MaxClientTokenLen bytes.
func fitToken(base, suffix string) string {
	if len(base)+len(suffix) <= MaxClientTokenLen {
		return base + suffix
	}
	sum := sha256.Sum256([]byte(base))
	hash := "~" + hex.EncodeToString(sum[:4])
	keep := MaxClientTokenLen - len(suffix) - len(hash)
	for keep > 0 && !utf8.RuneStart(base[keep]) {
		keep-- // never cut a character in half
	}
	return base[:keep] + hash + suffix
}

// Marshal renders a request body as sent: fields in the order of the seed's
// tables, two-space indentation, a trailing newline, and characters such as
// '<' and '&' kept as they are. A missing security group list is written as
// [] rather than null.
func Marshal(req apiclient.CreateInstancesRequest) []byte {
	if req.InstanceSpec.PrimaryNetworkInterface.SecurityGroups == nil {
		req.InstanceSpec.PrimaryNetworkInterface.SecurityGroups = []apiclient.SecurityGroupCreate{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(req); err != nil {
		// Only strings, ints, bools, slices and structs: encoding cannot fail.
		panic("wizard: encoding a request body: " + err.Error())
	}
	return b.Bytes()
}

// RedactedPassword is what Redact puts in place of a password.
const RedactedPassword = "********"

// Redact returns req with its password, if any, replaced by "********", for
// everything a person may see or a file may keep.
func Redact(req apiclient.CreateInstancesRequest) apiclient.CreateInstancesRequest {
	if req.InstanceSpec.Password != "" {
		req.InstanceSpec.Password = RedactedPassword
	}
	return req
}
