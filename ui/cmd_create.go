package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/wizard"
)

func newCreateCmd(env *Env) *cobra.Command {
	o := &createOptions{}
	cmd := &cobra.Command{
		Use:   "create [flags]",
		Short: "Create instances: the wizard, or with --yes straight from flags",
		Long: "Without --yes, opens the wizard prefilled from --preset and the flags.\n" +
			"With --yes, builds the request from --preset and the flags, validates it,\n" +
			"submits it and waits until every instance runs (or fails).",
		Example: "  cocvm create\n" +
			"  cocvm create --preset web\n" +
			"  printf '%s\\n' \"$PW\" | cocvm create --preset web --count 3 --password-stdin --yes -o json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.output != "text" && o.output != "json" {
				return usageError("-o takes text or json, not %q", o.output)
			}
			if o.dryRun {
				return runPreview(env, o)
			}
			if o.yes {
				return runCreateYes(cmd.Context(), env, o)
			}
			return runWizardCommand(cmd.Context(), env, o)
		},
	}
	addCreateFlags(cmd, o)
	f := cmd.Flags()
	f.BoolVarP(&o.yes, "yes", "y", false, "submit without the review screen (no terminal needed)")
	f.BoolVar(&o.dryRun, "dry-run", false, "print the request body and send nothing")
	f.BoolVar(&o.noWait, "no-wait", false, "return once the request is accepted")
	f.StringVarP(&o.output, "output", "o", "text", "output format: text|json")
	return cmd
}

// runCreateYes is `cocvm create --yes`: no screens, plain progress on
// stderr, the result on stdout.
func runCreateYes(ctx context.Context, env *Env, o *createOptions) error {
	// Mistakes on the command line are reported before anything else.
	if err := o.apply(&wizard.Draft{}); err != nil {
		return err
	}
	sess, err := env.Connect(ctx)
	if err != nil {
		return err
	}
	defer sess.Close()
	d, err := o.sessionDraft(env, sess)
	if err != nil {
		return err
	}
	if o.passwordStdin {
		if d.Spec.Password, err = readPassword(env.IO.In); err != nil {
			return err
		}
	}
	if ps := wizard.Validate(d, nil); len(ps) > 0 {
		fmt.Fprintln(env.IO.ErrOut, "cocvm: the request is not valid; nothing was sent:")
		printProblems(env.IO.ErrOut, ps, d.Spec.Password)
		return exitCode(ExitFailed)
	}
	return submitAndWatch(ctx, env, sess, d, o)
}

// submitAndWatch sends every request of d, journals each, then waits with
// plain progress lines on stderr and prints the result on stdout.
func submitAndWatch(ctx context.Context, env *Env, sess *Session, d wizard.Draft, o *createOptions) error {
	if d.ClientToken == "" {
		d.ClientToken = wizard.NewClientToken()
	}
	journal := newJournalRecorder(env, sess, o.preset)
	meta := WatchMeta{Count: max(d.Count, 1), InstanceType: d.Spec.InstanceType, Zone: d.Spec.Az, Name: d.Spec.Name,
		ClientToken: d.ClientToken, Sandbox: sess.Sandbox, Journaled: true}
	var ids []string
	var requestIDs []string
	for _, req := range wizard.Build(d) {
		resp, err := sess.Client.CreateInstances(ctx, d.Region, req)
		if err != nil {
			if len(ids) > 0 {
				fmt.Fprintf(env.IO.ErrOut, "cocvm: %d instances were created before this request failed: %s\n", len(ids), strings.Join(ids, " "))
			}
			var q *apiclient.QuotaUsage
			var ae *apiclient.APIError
			if errors.As(err, &ae) && ae.Status == "QUOTA_EXCEEDED" {
				q, _ = sess.Client.DescribeQuota(ctx, d.Region)
			}
			return &exitError{code: ExitFailed, err: errors.New(describeFailure(err, d, q))}
		}
		journal.submitted(d, resp, req)
		ids = append(ids, resp.InstanceIDs...)
		requestIDs = append(requestIDs, resp.RequestID)
		meta.RequestID = resp.RequestID
		writeSubmittedLine(env.IO.ErrOut, time.Now(), d.Region, resp.InstanceIDs, metaFor(meta, req))
	}
	result := createResult{RequestID: strings.Join(requestIDs, ","), ClientToken: d.ClientToken, RegionID: d.Region, InstanceIDs: ids}
	if o.noWait {
		for _, id := range ids {
			result.Instances = append(result.Instances, InstanceOutcome{InstanceID: id, Status: apiclient.StatusPending})
		}
		return printCreateResult(env.IO.Out, o.output, result)
	}
	sum, werr := watchPlain(ctx, env.IO.ErrOut, sess.Client, d.Region, ids, meta, nil, nil)
	result.Instances = sum.Instances
	journal.final(d.Region, sum)
	if err := printCreateResult(env.IO.Out, o.output, result); err != nil {
		return err
	}
	if werr != nil && statusInterrupted(werr) {
		return exitCode(ExitInterrupted)
	}
	return exitCode(sum.ExitCode())
}

func metaFor(meta WatchMeta, req apiclient.CreateInstancesRequest) WatchMeta {
	meta.Count = max(req.MaxCount, 1)
	meta.ClientToken = req.ClientToken
	return meta
}

// createResult is the -o json object of the command-line contract.
type createResult struct {
	RequestID   string            `json:"requestId"`
	ClientToken string            `json:"clientToken"`
	RegionID    string            `json:"regionId"`
	InstanceIDs []string          `json:"instanceIds"`
	Instances   []InstanceOutcome `json:"instances"`
}

func printCreateResult(w io.Writer, format string, r createResult) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	fmt.Fprintln(tw, "INSTANCE\tNAME\tSTATUS\tPRIVATE IP\tPUBLIC IP")
	for _, in := range r.Instances {
		status := in.Status
		if in.Failed {
			status = "failed"
			if in.Reason != "" {
				status += " (" + in.Reason + ")"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", in.InstanceID, orDash(in.Name), orDash(status), orDash(in.PrivateIP), orDash(in.ElasticIP))
	}
	return tw.Flush()
}

// journalRecorder writes a create to the journal: each accepted request
// before anything is watched, so a crash loses nothing that was submitted,
// then the final statuses, one record per request.
type journalRecorder struct {
	env     *Env
	sess    *Session
	preset  string
	entries []presets.Entry
}

func newJournalRecorder(env *Env, sess *Session, preset string) *journalRecorder {
	return &journalRecorder{env: env, sess: sess, preset: preset}
}

// submitted records one accepted request.
func (j *journalRecorder) submitted(d wizard.Draft, resp *apiclient.CreateInstancesResponse, req apiclient.CreateInstancesRequest) {
	rec := presets.SubmittedRecord(d.Region, req)
	rec.Profile, rec.Sandbox, rec.Endpoint = j.sess.Profile, j.sess.Sandbox, j.sess.Endpoint
	rec.Run = firstNonEmpty(d.ClientToken, req.ClientToken)
	rec.Preset = j.preset
	rec.RequestID = resp.RequestID
	rec.InstanceIDs = resp.InstanceIDs
	j.entries = append(j.entries, presets.Entry{Record: rec})
	if err := presets.Append(j.sess.Journal, rec); err != nil {
		fmt.Fprintln(j.env.IO.ErrOut, "cocvm: warning: the request was accepted but could not be written to the journal: "+err.Error())
	}
}

// final records what became of every instance of the requests so far.
func (j *journalRecorder) final(region string, sum StatusSummary) {
	journalWatchFinal(j.env, j.sess, watchTarget{entries: j.entries}, region, sum)
}
