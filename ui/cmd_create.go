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
	"github.com/cocvm/cocvm/ui/advice"
	"github.com/cocvm/cocvm/ui/launch"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/ui/watch"
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
			"  cocvm create --resume            # after a create whose outcome is unknown\n" +
			"  cocvm create --preset web\n" +
			"  printf '%s\\n' \"$PW\" | cocvm create --preset web --count 3 --password-stdin --yes -o json",
		Args: func(cmd *cobra.Command, args []string) error {
			// `--resume TOKEN` reads the token as an argument (the flag's
			// value is optional, so pflag leaves a spaced one out).
			if cmd.Flags().Changed("resume") && o.resume == resumeNewest && len(args) <= 1 {
				return nil
			}
			return cobra.NoArgs(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.output != "text" && o.output != "json" {
				return usageError("-o takes text or json, not %q", o.output)
			}
			if cmd.Flags().Changed("resume") {
				token := o.resume
				if len(args) == 1 {
					token = args[0]
				}
				return runResume(cmd.Context(), env, o, cmd.LocalFlags(), token)
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
	f.StringVar(&o.resume, "resume", "", "send again, from the journal and with the same clientToken, the newest create whose outcome is unknown (or the one with `TOKEN`)")
	f.Lookup("resume").NoOptDefVal = resumeNewest
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

// submitAndWatch sends every request of d under the submit policy, then
// waits with plain progress lines on stderr and prints the result on stdout.
func submitAndWatch(ctx context.Context, env *Env, sess *Session, d wizard.Draft, o *createOptions) error {
	if d.ClientToken == "" {
		d.ClientToken = apiclient.NewClientToken()
	}
	return sendAndWatch(ctx, env, sess, newJournalRecorder(env, sess, o.preset), d.Region, d.ClientToken, wizard.Build(d), d, o)
}

// sendAndWatch sends reqs as one run and reports it: the submitted lines,
// the result on stdout (text or -o json), and for a run whose outcome is
// unknown its clientToken and how to resume it. d describes the run for
// the messages (its password, when any, names broken rules).
func sendAndWatch(ctx context.Context, env *Env, sess *Session, journal *journalRecorder, region, run string,
	reqs []apiclient.CreateInstancesRequest, d wizard.Draft, o *createOptions) error {
	// The creates and the watch after them spend one budget.
	out := launch.Submit(apiclient.WithPacer(ctx, sess.Budget), sess.Client, journal, region, run, reqs)
	for _, w := range out.Warnings {
		fmt.Fprintln(env.IO.ErrOut, "cocvm: warning: "+w)
	}
	count := 0
	for _, r := range reqs {
		count += max(r.MaxCount, 1)
	}
	meta := watch.Meta{Count: count, InstanceType: d.Spec.InstanceType, Zone: d.Spec.Az, Name: d.Spec.Name,
		ClientToken: run, Sandbox: sess.Sandbox, Journaled: true, Budget: sess.Budget}
	for i, resp := range out.Resps {
		meta.RequestID = resp.RequestID
		watch.WriteSubmitted(env.IO.ErrOut, time.Now(), region, resp.InstanceIDs, metaFor(meta, reqs[i]))
	}
	ids := out.IDs()
	if out.Err != nil {
		return reportFailedRun(ctx, env, o, out, d)
	}
	result := createResult{RequestID: out.RequestIDs(), ClientToken: run, RegionID: region, InstanceIDs: ids}
	if o.noWait {
		for _, id := range ids {
			result.Instances = append(result.Instances, watch.InstanceOutcome{InstanceID: id, Status: apiclient.StatusPending})
		}
		return printCreateResult(env.IO.Out, o.output, result)
	}
	sum, werr := watch.Plain(ctx, env.IO.ErrOut, sess.Client, region, ids, meta, env.Clock)
	result.Instances = sum.Instances
	journal.final(region, sum)
	if err := printCreateResult(env.IO.Out, o.output, result); err != nil {
		return err
	}
	if werr != nil && watch.Interrupted(werr) {
		return exitCode(ExitInterrupted)
	}
	return exitFor(sum.Outcome())
}

// reportFailedRun says what a failed run left: the instances created
// before the failure, then either the refusal or, when the outcome is
// unknown, the clientToken and the command that resumes it. With -o json
// stdout still gets one object. An interrupted run exits 130.
func reportFailedRun(ctx context.Context, env *Env, o *createOptions, out launch.Submission, d wizard.Draft) error {
	ids := out.IDs()
	if len(ids) > 0 {
		fmt.Fprintf(env.IO.ErrOut, "cocvm: %s created before this request failed: %s\n",
			theme.Plural(len(ids), "instance was", "instances were"), strings.Join(ids, " "))
	}
	code := ExitFailed
	if ctx.Err() != nil {
		code = ExitInterrupted
	}
	var je *launch.JournalError
	if !out.Unknown || errors.As(out.Err, &je) {
		if o.output == "json" {
			_ = printFailedResult(env.IO.Out, out, "refused")
		}
		return &exitError{code: code, err: errors.New(launch.DescribeFailure(out.Err, d, out.Quota))}
	}
	fmt.Fprintln(env.IO.ErrOut, "cocvm: "+strings.ReplaceAll(launch.UnknownOutcomeText(out), "\n", "\n  "))
	if o.output == "json" {
		_ = printFailedResult(env.IO.Out, out, "unknown")
	}
	return exitCode(code)
}

// failedResult is the -o json object of a run that did not complete.
type failedResult struct {
	ClientToken string `json:"clientToken"`
	Outcome     string `json:"outcome"` // "unknown" or "refused"
	RegionID    string `json:"regionId"`
	// Resume is the command that sends the open requests again.
	Resume string `json:"resume,omitempty"`
	// OpenClientTokens are the requests that resuming sends (the first is
	// ClientToken).
	OpenClientTokens []string `json:"openClientTokens,omitempty"`
	// Accepted requests of the same run, before the failure.
	RequestID   string      `json:"requestId,omitempty"`
	InstanceIDs []string    `json:"instanceIds"`
	Error       errorResult `json:"error"`
}

// errorResult is an error for -o json: the API's own words when it
// answered, and what cocvm makes of it.
type errorResult struct {
	Message string `json:"message"`
	// Detail is the error verbatim (the network's or the API's words).
	Detail     string `json:"detail,omitempty"`
	HTTPStatus int    `json:"httpStatus,omitempty"`
	Status     string `json:"status,omitempty"`
	APIMessage string `json:"apiMessage,omitempty"`
	RequestID  string `json:"requestId,omitempty"`
	// Accepted: the API answered 200 but the instance ids could not be read.
	Accepted bool `json:"accepted,omitempty"`
}

func printFailedResult(w io.Writer, out launch.Submission, outcome string) error {
	failed := out.Reqs[min(len(out.Resps), len(out.Reqs)-1)]
	r := failedResult{ClientToken: failed.ClientToken, Outcome: outcome, RegionID: out.Region,
		RequestID: out.RequestIDs(), InstanceIDs: out.IDs()}
	if r.InstanceIDs == nil {
		r.InstanceIDs = []string{}
	}
	if outcome == "unknown" {
		r.Resume = launch.ResumeCommand(failed.ClientToken)
		r.OpenClientTokens = out.OpenTokens()
	}
	ex := advice.Explain(out.Err)
	r.Error.Message, r.Error.Detail = ex.Summary, ex.Detail
	var ae *apiclient.APIError
	var ur *apiclient.UnreadableResultError
	switch {
	case errors.As(out.Err, &ae):
		r.Error.HTTPStatus, r.Error.Status, r.Error.APIMessage, r.Error.RequestID = ae.HTTPStatus, ae.Status, ae.Message, ae.RequestID
	case errors.As(out.Err, &ur):
		r.Error.Accepted, r.Error.RequestID = true, ur.RequestID
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func metaFor(meta watch.Meta, req apiclient.CreateInstancesRequest) watch.Meta {
	meta.Count = max(req.MaxCount, 1)
	meta.ClientToken = req.ClientToken
	return meta
}

// createResult is the -o json object of the command-line contract.
type createResult struct {
	RequestID   string                  `json:"requestId"`
	ClientToken string                  `json:"clientToken"`
	RegionID    string                  `json:"regionId"`
	InstanceIDs []string                `json:"instanceIds"`
	Instances   []watch.InstanceOutcome `json:"instances"`
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", in.InstanceID, theme.OrDash(in.Name), theme.OrDash(status), theme.OrDash(in.PrivateIP), theme.OrDash(in.ElasticIP))
	}
	return tw.Flush()
}
