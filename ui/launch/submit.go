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
//   - the first failure stops the run: after a definite refusal the rest are
//     recorded as not sent; after an unknown outcome they stay open, so that
//     `create --resume` sends the unknown one and the rest with their tokens;
//   - what became of each request is recorded after it;
//   - a refusal for quota comes with the quota, for the message.

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
	// Resps answer Reqs[:len(Resps)], every one accepted.
	Resps []*apiclient.CreateInstancesResponse
	// Err is the first failure; nil when every request was accepted.
	Err error
	// Unknown says Err leaves Reqs[len(Resps)] possibly carried out: it and
	// every later request must keep their tokens (create --resume).
	Unknown bool
	// Quota is the region's quotas when the API refused for quota.
	Quota *apiclient.Quotas
	// Warnings are journal writes that failed after something was sent.
	Warnings []string
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
	if !o.Unknown {
		return nil
	}
	var out []string
	for _, r := range o.Reqs[len(o.Resps):] {
		out = append(out, r.ClientToken)
	}
	return out
}

// RequestIDs are the request ids of the accepted requests, comma-separated.
func (o Submission) RequestIDs() string {
	var out []string
	for _, r := range o.Resps {
		out = append(out, r.RequestID)
	}
	return strings.Join(out, ",")
}

// JournalError is a write-ahead record that could not be written: nothing
// was sent.
type JournalError struct{ err error }

// Error says nothing was sent, why, and what to do.
func (e *JournalError) Error() string {
	return "nothing was sent: the request could not be written to the journal first, and without it a lost answer " +
		"could not be recovered (" + e.err.Error() + "). Make " + presets.StateDir() +
		" writable (or set XDG_STATE_HOME), then try again."
}

// Unwrap is the error of the journal write.
func (e *JournalError) Unwrap() error { return e.err }

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
			out.Warnings = append(out.Warnings, "the journal could not record the outcome: "+err.Error())
		}
	}
	for i, req := range reqs {
		resp, err := api.CreateInstances(ctx, region, req)
		if err == nil {
			out.Resps = append(out.Resps, resp)
			rec := presets.SubmittedRecord(region, req)
			rec.Run, rec.RequestID, rec.InstanceIDs = run, resp.RequestID, resp.InstanceIDs
			warn(write(rec))
			continue
		}
		out.Err = err
		// A token refused as used with another body: the first request
		// with it was received, so its outcome is still unknown.
		out.Unknown = apiclient.OutcomeUnknown(err) || apiclient.IsTokenReused(err)
		rec := presets.SubmittedRecord(region, req)
		rec.Run, rec.Error = run, journalErrorText(err)
		if resp != nil {
			rec.RequestID = resp.RequestID
		}
		if out.Unknown {
			rec.Type = presets.RecordUnknown
			var ur *apiclient.UnreadableResultError
			rec.Accepted = errors.As(err, &ur)
			warn(write(rec))
			break
		}
		rec.Type = presets.RecordRefused
		recs := []presets.Record{rec}
		for _, rest := range reqs[i+1:] {
			ns := presets.SubmittedRecord(region, rest)
			ns.Type, ns.Run = presets.RecordNotSent, run
			recs = append(recs, ns)
		}
		warn(write(recs...))
		var ae *apiclient.APIError
		if errors.As(err, &ae) && ae.Status == apiclient.StatusQuotaExceeded {
			out.Quota, _ = api.DescribeQuotas(ctx, region)
		}
		break
	}
	return out
}

// journalErrorText is what the journal keeps of a failure: what happened in
// words, and the API's own status and message when it answered.
func journalErrorText(err error) string {
	text := advice.Explain(err).Summary
	var ae *apiclient.APIError
	if errors.As(err, &ae) && !ae.NotJSON {
		text += " (" + ae.Status + ": " + ae.Message + ")"
	}
	return strings.Join(strings.Fields(text), " ")
}
