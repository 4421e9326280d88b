package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/ui/watch"
)

// The one submit policy, used by the review, `create --yes`, the accessible
// wizard and `create --resume`:
//   - every request of the run is written to the journal, and fsynced,
//     before the first is sent; when that fails nothing is sent;
//   - the requests are sent in order, each with its own clientToken (the
//     client retries a request only with the same token and bytes);
//   - the first failure stops the run: after a definite refusal the rest are
//     recorded as not sent; after an unknown outcome they stay open, so that
//     `create --resume` sends the unknown one and the rest with their tokens;
//   - what became of each request is recorded after it;
//   - a refusal for quota comes with the quota, for the message.

// creator sends one createInstances request (the apiclient.Client; tests
// use fakes).
type creator interface {
	CreateInstances(ctx context.Context, region string, req apiclient.CreateInstancesRequest) (*apiclient.CreateInstancesResponse, error)
	DescribeQuota(ctx context.Context, region string) (*apiclient.QuotaUsage, error)
}

// recorder keeps journal records. A nil recorder keeps nothing (tests).
type recorder interface {
	record(recs ...presets.Record) error
}

// submitOutcome is what became of a run.
type submitOutcome struct {
	region string
	run    string
	reqs   []apiclient.CreateInstancesRequest
	// resps answer reqs[:len(resps)], every one accepted.
	resps []*apiclient.CreateInstancesResponse
	// err is the first failure; nil when every request was accepted.
	err error
	// unknown says err leaves reqs[len(resps)] possibly carried out: it and
	// every later request must keep their tokens (create --resume).
	unknown bool
	// quota is the region's quota when the API refused for quota.
	quota *apiclient.QuotaUsage
	// warnings are journal writes that failed after something was sent.
	warnings []string
}

// ids are the instances of every accepted request, in order.
func (o submitOutcome) ids() []string {
	var ids []string
	for _, r := range o.resps {
		ids = append(ids, r.InstanceIDs...)
	}
	return ids
}

// openTokens are the clientTokens that `create --resume` would send again:
// the unknown request and every later one.
func (o submitOutcome) openTokens() []string {
	if !o.unknown {
		return nil
	}
	var out []string
	for _, r := range o.reqs[len(o.resps):] {
		out = append(out, r.ClientToken)
	}
	return out
}

// requestIDs of the accepted requests, comma-separated.
func (o submitOutcome) requestIDs() string {
	var out []string
	for _, r := range o.resps {
		out = append(out, r.RequestID)
	}
	return strings.Join(out, ",")
}

// journalError is a write-ahead record that could not be written: nothing
// was sent.
type journalError struct{ err error }

func (e *journalError) Error() string {
	return "nothing was sent: the request could not be written to the journal first, and without it a lost answer " +
		"could not be recovered (" + e.err.Error() + "). Make " + presets.StateDir() +
		" writable (or set XDG_STATE_HOME), then try again."
}

func (e *journalError) Unwrap() error { return e.err }

// submitRun sends reqs as one run under the policy above. run names the run
// in the journal (the draft's clientToken).
func submitRun(ctx context.Context, api creator, j recorder, region, run string, reqs []apiclient.CreateInstancesRequest) submitOutcome {
	out := submitOutcome{region: region, run: run, reqs: reqs}
	write := func(recs ...presets.Record) error {
		if j == nil {
			return nil
		}
		return j.record(recs...)
	}
	intents, err := presets.IntentRecords(region, run, reqs)
	if err == nil {
		err = write(intents...)
	}
	if err != nil {
		out.err = &journalError{err}
		return out
	}
	warn := func(err error) {
		if err != nil {
			out.warnings = append(out.warnings, "the journal could not record the outcome: "+err.Error())
		}
	}
	for i, req := range reqs {
		resp, err := api.CreateInstances(ctx, region, req)
		if err == nil {
			out.resps = append(out.resps, resp)
			rec := presets.SubmittedRecord(region, req)
			rec.Run, rec.RequestID, rec.InstanceIDs = run, resp.RequestID, resp.InstanceIDs
			warn(write(rec))
			continue
		}
		out.err = err
		// A token refused as used with another body: the first request
		// with it was received, so its outcome is still unknown.
		out.unknown = apiclient.OutcomeUnknown(err) || apiclient.IsTokenReused(err)
		rec := presets.SubmittedRecord(region, req)
		rec.Run, rec.Error = run, journalErrorText(err)
		if resp != nil {
			rec.RequestID = resp.RequestID
		}
		if out.unknown {
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
			out.quota, _ = api.DescribeQuota(ctx, region)
		}
		break
	}
	return out
}

// journalErrorText is what the journal keeps of a failure: what happened in
// words, and the API's own status and message when it answered.
func journalErrorText(err error) string {
	text := apiclient.Explain(err).Summary
	var ae *apiclient.APIError
	if errors.As(err, &ae) && !ae.NotJSON {
		text += " (" + ae.Status + ": " + ae.Message + ")"
	}
	return strings.Join(strings.Fields(text), " ")
}

// journalRecorder writes a create to the journal file, with where it went
// (profile, sandbox, endpoint) and the preset it came from, and keeps the
// accepted requests for the final statuses.
type journalRecorder struct {
	env    *Env
	sess   *Session
	preset string

	mu      sync.Mutex
	entries []presets.Entry
}

func newJournalRecorder(env *Env, sess *Session, preset string) *journalRecorder {
	return &journalRecorder{env: env, sess: sess, preset: preset}
}

// record appends recs, fsynced, in one write.
func (j *journalRecorder) record(recs ...presets.Record) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for i := range recs {
		recs[i].Profile, recs[i].Sandbox, recs[i].Endpoint = j.sess.Profile, j.sess.Sandbox, j.sess.Endpoint
		recs[i].Preset = j.preset
		if recs[i].Type == presets.RecordSubmitted {
			j.entries = append(j.entries, presets.Entry{Record: recs[i]})
		}
	}
	return presets.Append(j.sess.Journal, recs...)
}

// final records what became of every instance of the requests so far.
func (j *journalRecorder) final(region string, sum watch.Summary) {
	j.mu.Lock()
	entries := append([]presets.Entry(nil), j.entries...)
	j.mu.Unlock()
	journalWatchFinal(j.env, j.sess, watchTarget{entries: entries}, region, sum)
}

// resumeCommand is the command that sends the open requests of a run again
// with their tokens.
func resumeCommand(token string) string { return "cocvm create --resume " + token }

// unknownOutcomeText tells a person what an unknown outcome means and what
// to do, with the token and the exact command; it never repeats the API's
// or the decoder's words twice.
func unknownOutcomeText(o submitOutcome) string {
	tokens := o.openTokens()
	if len(tokens) == 0 {
		return ""
	}
	var b strings.Builder
	var ur *apiclient.UnreadableResultError
	switch {
	case apiclient.IsTokenReused(o.err):
		b.WriteString("The API refused the request: its clientToken was already used with a different body. " +
			"The request first sent with this token was received, so what it created may exist. " +
			"cocvm sends exactly the body it journalled, except the password, which it never keeps: " +
			"the password typed now is not the one first sent.\n")
		b.WriteString("Resume again with the same password; to see what the first request created: cocvm watch --last\n")
	case errors.As(o.err, &ur):
		fmt.Fprintf(&b, "The request was accepted, but the ids of its instances could not be read from the answer (request id %s).\n", theme.OrDash(ur.RequestID))
		b.WriteString("Resuming sends the same request with the same clientToken: the API answers with the ids of the instances it already created, and creates no more.\n")
	default:
		b.WriteString("The outcome of the request is unknown: it may have been carried out. " + apiclient.Explain(o.err).Summary + "\n")
		b.WriteString("Resuming sends the same request with the same clientToken, which cannot create twice: you get the instances it created, or they are created now.\n")
	}
	fmt.Fprintf(&b, "clientToken: %s", tokens[0])
	if len(tokens) > 1 {
		fmt.Fprintf(&b, " (and %s not yet sent: %s)", theme.Plural(len(tokens)-1, "more request", "more requests"), strings.Join(tokens[1:], " "))
	}
	b.WriteString("\nTo resume:  " + resumeCommand(tokens[0]))
	return b.String()
}

// unresolvedNotice is the wizard's one line about the newest create whose
// outcome is unknown, or "" when there is none.
func unresolvedNotice(journal string) string {
	open, err := presets.UnresolvedRun(journal, "")
	if err != nil || len(open) == 0 {
		return ""
	}
	// It is the newest: a bare --resume picks it, and the line stays short.
	in := open[0].Intent
	return fmt.Sprintf("Unknown outcome: %d × %s, %s · to resume: cocvm create --resume",
		max(in.Count, 1), theme.OrDash(in.InstanceType), in.Time.Local().Format("Jan 2 15:04"))
}
