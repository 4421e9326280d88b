package launch

import (
	"context"
	"errors"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/advice"
)

// The one submit policy, used by the review, `create --yes`, the
// accessible wizard and `create --resume`:
//   - every request of the run is written to the journal, and fsynced,
//     before the first is sent; when that fails nothing is sent;
//   - the requests are sent in order, each with its own clientToken (the
//     client retries a request only with the same token and bytes);
//   - a refusal for stock or quota (or a zone's subnet out of addresses)
//     stops only its zone: the rest of that zone's requests are recorded as
//     not sent, and the other zones go on;
//   - any other refusal stops the run, the rest recorded as not sent; an
//     unknown outcome stops it too, the rest left open, so that
//     `create --resume` sends the unknown one and the rest with their
//     tokens;
//   - what became of each request is recorded after it;
//   - a refusal for quota comes with the quotas, for the message.

// Creator sends one createInstances request (the apiclient.Client; tests
// use fakes).
type Creator interface {
	CreateInstances(ctx context.Context, region string, req apiclient.CreateInstancesRequest) (*apiclient.CreateInstancesResponse, error)
	DescribeQuotas(ctx context.Context, region string) (*apiclient.Quotas, error)
}

// Recorder keeps journal records. A nil Recorder keeps nothing (tests).
type Recorder interface {
	// Record appends recs, fsynced, in one write.
	Record(recs ...presets.Record) error
}

// Submission is what became of a run.
type Submission struct {
	Region string
	Run    string
	Reqs   []apiclient.CreateInstancesRequest
	// Results say what became of each of Reqs, one for one.
	Results []RequestResult
	// Resps are the answers of the accepted requests, in order.
	Resps []*apiclient.CreateInstancesResponse
	// Err is the failure that stopped the run or, when the run went on in
	// other zones, the first refusal; nil when every request was accepted.
	Err error
	// Unknown says Err leaves a request possibly carried out: it and every
	// request after it must keep their tokens (create --resume).
	Unknown bool
	// Quota is the region's quotas when the API refused for quota.
	Quota *apiclient.Quotas
	// Warnings are journal writes that failed after something was sent.
	Warnings []apiclient.Text
}

// RequestState is what became of one request of a run.
type RequestState int

// The states of a request.
const (
	// RequestNotSent: an earlier refusal stopped its zone or the run.
	RequestNotSent RequestState = iota
	RequestAccepted
	RequestRefused
	// RequestUnknown: it may have been carried out.
	RequestUnknown
	// RequestOpen: not sent, after an unknown outcome stopped the run;
	// resuming sends it.
	RequestOpen
)

// RequestResult is what became of one request.
type RequestResult struct {
	State RequestState
	Resp  *apiclient.CreateInstancesResponse // when accepted
	Err   error                              // when refused or unknown
}

// IDs are the instances of every accepted request, in order.
func (o Submission) IDs() []string {
	var ids []string
	for _, r := range o.Resps {
		ids = append(ids, r.InstanceIDs...)
	}
	return ids
}

// OpenTokens are the clientTokens that `create --resume` would send again:
// the unknown request and every later one.
func (o Submission) OpenTokens() []string {
	var out []string
	for i, r := range o.Results {
		if r.State == RequestUnknown || r.State == RequestOpen {
			out = append(out, o.Reqs[i].ClientToken)
		}
	}
	return out
}

// Failed is the request whose failure Err is, and whether there is one.
func (o Submission) Failed() (apiclient.CreateInstancesRequest, bool) {
	for i, r := range o.Results {
		if r.Err != nil && r.Err == o.Err {
			return o.Reqs[i], true
		}
	}
	return apiclient.CreateInstancesRequest{}, false
}

// RequestIDs are the request ids of the accepted requests, comma-separated.
func (o Submission) RequestIDs() string {
	var out []string
	for _, r := range o.Resps {
		out = append(out, r.RequestID)
	}
	return strings.Join(out, ",")
}

// ZoneOutcome is what a run did in one zone.
type ZoneOutcome struct {
	Zone string
	// Asked is how many instances the zone's requests asked for; Created
	// how many the accepted ones made (their ids).
	Asked, Created int
	// Missing are the instances of requests refused or not sent; Open
	// those of requests whose outcome is unknown or that resuming sends.
	Missing, Open int
	// Err is the zone's first refusal (or unknown outcome), nil when none.
	Err error
	// IDs are the instances created in the zone.
	IDs []string
}

// SoldOut reports whether the zone's requests were refused for stock.
func (z ZoneOutcome) SoldOut() bool { return stockRefusal(z.Err) }

// Zones says what the run did in each zone, in the order of the requests.
func (o Submission) Zones() []ZoneOutcome {
	var out []ZoneOutcome
	at := map[string]int{}
	for i, req := range o.Reqs {
		z := req.InstanceSpec.Az
		k, ok := at[z]
		if !ok {
			k = len(out)
			at[z] = k
			out = append(out, ZoneOutcome{Zone: z})
		}
		zo := &out[k]
		n := max(req.MaxCount, 1)
		zo.Asked += n
		if i >= len(o.Results) {
			zo.Missing += n
			continue
		}
		r := o.Results[i]
		switch r.State {
		case RequestAccepted:
			zo.Created += len(r.Resp.InstanceIDs)
			zo.IDs = append(zo.IDs, r.Resp.InstanceIDs...)
		case RequestUnknown, RequestOpen:
			zo.Open += n
		default:
			zo.Missing += n
		}
		if zo.Err == nil && r.Err != nil {
			zo.Err = r.Err
		}
	}
	return out
}

// Missing is how many instances the run asked for and neither created nor
// left open for a resume: what refusals cost.
func (o Submission) Missing() int {
	n := 0
	for _, z := range o.Zones() {
		n += z.Missing
	}
	return n
}

// stockRefusal reports whether err is the API refusing for stock: the
// instance type or a disk type sold out in the zone.
func stockRefusal(err error) bool {
	var ae *apiclient.APIError
	if !errors.As(err, &ae) || ae.Status != apiclient.StatusFailedPrecond {
		return false
	}
	msg := strings.ToLower(ae.Message)
	return strings.Contains(msg, "out of stock") || strings.Contains(msg, "sold out")
}

// zoneRefusal reports whether err refuses one zone rather than the request
// everywhere: stock, quota (the rest may fit), or a subnet out of
// addresses (each zone has its own).
func zoneRefusal(err error) bool {
	var ae *apiclient.APIError
	if !errors.As(err, &ae) {
		return false
	}
	return ae.Status == apiclient.StatusQuotaExceeded || stockRefusal(err) ||
		ae.Status == apiclient.StatusFailedPrecond && strings.Contains(strings.ToLower(ae.Message), "available ip")
}

// JournalError is a write-ahead record that could not be written: nothing
// was sent.
type JournalError struct{ err error }

// Error says nothing was sent, why, and what to do.
func (e *JournalError) Error() string { return e.Unwrap().Error() }

// Unwrap is the error that says it in words (an apiclient.Errorf error, so
// locale.Say says it in the person's language), which wraps the error of
// the journal write.
func (e *JournalError) Unwrap() error {
	return apiclient.Errorf("nothing was sent: the request could not be written to the journal first, and without it a lost answer "+
		"could not be recovered (%v). Make %s writable (or set XDG_STATE_HOME), then try again.", e.err, presets.StateDir())
}

// Submit sends reqs as one run under the policy above. run names the run
// in the journal (the draft's clientToken).
func Submit(ctx context.Context, api Creator, j Recorder, region, run string, reqs []apiclient.CreateInstancesRequest) Submission {
	out := Submission{Region: region, Run: run, Reqs: reqs}
	write := func(recs ...presets.Record) error {
		if j == nil {
			return nil
		}
		return j.Record(recs...)
	}
	intents, err := presets.IntentRecords(region, run, reqs)
	if err == nil {
		err = write(intents...)
	}
	if err != nil {
		out.Err = &JournalError{err}
		return out
	}
	warn := func(err error) {
		if err != nil {
			out.Warnings = append(out.Warnings, apiclient.T("the journal could not record the outcome: %v", err))
		}
	}
	out.Results = make([]RequestResult, len(reqs))
	refusedZones := map[string]bool{}
	for i, req := range reqs {
		zone := req.InstanceSpec.Az
		if refusedZones[zone] {
			ns := presets.SubmittedRecord(region, req)
			ns.Type, ns.Run = presets.RecordNotSent, run
			warn(write(ns))
			continue // RequestNotSent
		}
		resp, err := api.CreateInstances(ctx, region, req)
		if err == nil {
			out.Results[i] = RequestResult{State: RequestAccepted, Resp: resp}
			out.Resps = append(out.Resps, resp)
			rec := presets.SubmittedRecord(region, req)
			rec.Run, rec.RequestID, rec.InstanceIDs = run, resp.RequestID, resp.InstanceIDs
			warn(write(rec))
			continue
		}
		if out.Err == nil {
			out.Err = err
		}
		rec := presets.SubmittedRecord(region, req)
		rec.Run, rec.Error = run, journalErrorText(err)
		if resp != nil {
			rec.RequestID = resp.RequestID
		}
		// A token refused as used with another body: the first request
		// with it was received, so its outcome is still unknown.
		if apiclient.OutcomeUnknown(err) || apiclient.IsTokenReused(err) {
			out.Err, out.Unknown = err, true
			out.Results[i] = RequestResult{State: RequestUnknown, Err: err}
			for k := i + 1; k < len(reqs); k++ {
				out.Results[k].State = RequestOpen
			}
			rec.Type = presets.RecordUnknown
			var ur *apiclient.UnreadableResultError
			rec.Accepted = errors.As(err, &ur)
			warn(write(rec))
			break
		}
		out.Results[i] = RequestResult{State: RequestRefused, Err: err}
		rec.Type = presets.RecordRefused
		var ae *apiclient.APIError
		if errors.As(err, &ae) && ae.Status == apiclient.StatusQuotaExceeded && out.Quota == nil {
			out.Quota, _ = api.DescribeQuotas(ctx, region)
		}
		if zoneRefusal(err) {
			warn(write(rec))
			refusedZones[zone] = true
			continue
		}
		recs := []presets.Record{rec}
		for _, rest := range reqs[i+1:] {
			ns := presets.SubmittedRecord(region, rest)
			ns.Type, ns.Run = presets.RecordNotSent, run
			recs = append(recs, ns)
		}
		warn(write(recs...))
		break
	}
	return out
}

// journalErrorText is what the journal keeps of a failure: what happened in
// words, and the API's own status and message when it answered.
func journalErrorText(err error) string {
	text := advice.Explain(err).Summary.String()
	var ae *apiclient.APIError
	if errors.As(err, &ae) && !ae.NotJSON {
		text += " (" + ae.Status + ": " + ae.Message + ")"
	}
	return strings.Join(strings.Fields(text), " ")
}
