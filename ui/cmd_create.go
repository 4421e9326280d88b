package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/advice"
	"github.com/cocvm/cocvm/ui/launch"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

func newCreateCmd(env *Env) *cobra.Command {
	o := &createOptions{}
	p := env.P
	cmd := &cobra.Command{
		Use:   "create [flags]",
		Short: p.Sprintf("Create instances: the wizard, or with --yes straight from flags"),
		Long: p.Sprintf("Without --yes, opens the wizard prefilled from --preset and the flags.\n" +
			"With --yes, builds the request from --preset and the flags, validates it,\n" +
			"submits it and waits until every instance runs (or fails)."),
		// The example's printf format is an argument: the printer would
		// read it as its own.
		Example: p.Sprintf("  cocvm create\n"+
			"  cocvm create --resume            # after a create whose outcome is unknown\n"+
			"  cocvm create --preset web\n"+
			"  printf %s \"$PW\" | cocvm create --preset web --count 3 --password-stdin --yes -o json", `'%s\n'`),
		Args: func(cmd *cobra.Command, args []string) error {
			// `--resume TOKEN` reads the token as an argument (the flag's
			// value is optional, so pflag leaves a spaced one out).
			if cmd.Flags().Changed("resume") && o.resume == resumeNewest && len(args) <= 1 {
				return nil
			}
			return noArgs(cmd, args)
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
				return runPreview(cmd.Context(), env, o)
			}
			if o.yes {
				return runCreateYes(cmd.Context(), env, o)
			}
			return runWizardCommand(cmd.Context(), env, o)
		},
	}
	addCreateFlags(cmd, o, p)
	f := cmd.Flags()
	f.BoolVarP(&o.yes, "yes", "y", false, p.Sprintf("submit without the review screen (no terminal needed)"))
	f.BoolVar(&o.dryRun, "dry-run", false, p.Sprintf("print the request body and send nothing"))
	f.BoolVar(&o.noWait, "no-wait", false, p.Sprintf("return once the request is accepted"))
	f.StringVarP(&o.output, "output", "o", "text", p.Sprintf("output format: text|json"))
	f.StringVar(&o.resume, "resume", "", p.Sprintf("send again, from the journal and with the same clientToken, the newest create whose outcome is unknown (or the one with `TOKEN`)"))
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
	paced := apiclient.WithPacer(ctx, sess.Budget)
	if err := o.resolveZones(paced, sess.Lookups, &d); err != nil {
		return err
	}
	if err := resolveNames(paced, sess.Lookups, &d); err != nil {
		return err
	}
	if err := chooseDefaults(paced, env, sess.Lookups, &d); err != nil {
		return err
	}
	if o.passwordStdin {
		if d.Spec.Password, err = readPassword(env.IO.In); err != nil {
			return err
		}
	}
	if ps := wizard.Validate(d, nil); len(ps) > 0 {
		fmt.Fprintln(env.IO.ErrOut, "cocvm: "+env.P.Sprintf("the request is not valid; nothing was sent:"))
		printProblems(env.P, env.IO.ErrOut, ps, d.Spec.Password)
		return exitCode(ExitFailed)
	}
	return submitAndWatch(ctx, env, sess, d, o)
}

// submitAndWatch sends every request of d under the submit policy, then
// waits with plain progress lines on stderr and prints the result on stdout.
// A draft over several zones is planned first (the zones with stock, a
// subnet each), the split said on stderr.
func submitAndWatch(ctx context.Context, env *Env, sess *Session, d wizard.Draft, o *createOptions) error {
	if d.ClientToken == "" {
		d.ClientToken = apiclient.NewClientToken()
	}
	fleet, err := launch.PlanFleet(apiclient.WithPacer(ctx, sess.Budget), sess.Lookups, d)
	if err != nil {
		return &exitError{code: ExitFailed, err: apiclient.Errorf("%v; nothing was sent", err)}
	}
	for _, line := range fleet.SplitLines(env.P, d) {
		fmt.Fprintln(env.IO.ErrOut, "cocvm: "+line)
	}
	if len(fleet.Reqs) == 0 {
		return &exitError{code: ExitFailed, err: apiclient.Errorf("no zone chosen can take the instances (see above); nothing was sent. " +
			"Choose other zones or another instance type")}
	}
	return sendAndWatch(ctx, env, sess, newJournalRecorder(env, sess, o.preset), d.Region, d.ClientToken, fleet.Reqs, d, o)
}

// sendAndWatch sends reqs as one run and reports it: the submitted lines,
// the result on stdout (text or -o json), and for a run whose outcome is
// unknown its clientToken and how to resume it. A zone refused for stock
// or quota does not stop the others: what was created is watched, and what
// was not is said per zone, with the command that creates it where there
// is still stock. d describes the run for the messages (its password, when
// any, names broken rules).
func sendAndWatch(ctx context.Context, env *Env, sess *Session, journal *journalRecorder, region, run string,
	reqs []apiclient.CreateInstancesRequest, d wizard.Draft, o *createOptions) error {
	// The creates and the watch after them spend one budget.
	out := launch.Submit(apiclient.WithPacer(ctx, sess.Budget), sess.Client, journal, region, run, reqs)
	env.warn(out.Warnings)
	zones := out.Zones()
	count := 0
	var zoneNames []string
	for _, z := range zones {
		count += z.Asked
		zoneNames = append(zoneNames, z.Zone)
	}
	meta := watch.Meta{Printer: env.P, Count: count, InstanceType: d.Spec.InstanceType, Zone: launch.ZonesText(zoneNames), Name: d.Spec.Name,
		ClientToken: run, Sandbox: sess.Sandbox, Journaled: true, Budget: sess.Budget, Zones: map[string]string{}}
	for i, r := range out.Results {
		if r.State != launch.RequestAccepted {
			continue
		}
		m := metaFor(meta, reqs[i])
		m.RequestID = r.Resp.RequestID
		watch.WriteSubmitted(env.IO.ErrOut, time.Now(), region, r.Resp.InstanceIDs, m)
		for _, id := range r.Resp.InstanceIDs {
			meta.Zones[id] = reqs[i].InstanceSpec.Az
		}
	}
	ids := out.IDs()
	var je *launch.JournalError
	if out.Err != nil && (out.Unknown || len(ids) == 0 || errors.As(out.Err, &je)) {
		return reportFailedRun(ctx, env, o, out, d)
	}
	result := createResult{RequestID: out.RequestIDs(), ClientToken: run, RegionID: region, InstanceIDs: ids}
	if out.Err != nil {
		// Some zones were refused; the others went on.
		result.Missing = out.Missing()
		e := errorFor(out.Err)
		result.Error = &e
		for _, z := range zones {
			if z.Err == nil {
				continue
			}
			zd := d
			zd.Count, zd.ExtraZones = z.Asked, nil
			zd.Spec.Az = z.Zone
			fmt.Fprintln(env.IO.ErrOut, "cocvm: "+env.P.Sprintf("%s: %d instances were not created: %s", z.Zone, z.Missing,
				strings.ReplaceAll(launch.DescribeFailure(env.P, z.Err, zd, out.Quota), "\n", "\n  ")))
		}
	}
	if len(zones) > 1 || result.Missing > 0 {
		result.Zones = zoneResults(zones)
	}
	if o.noWait {
		for _, id := range ids {
			result.Instances = append(result.Instances, watch.InstanceOutcome{InstanceID: id, Status: apiclient.StatusPending, Az: meta.Zones[id]})
		}
		if err := printCreateResult(env.P, env.IO.Out, o.output, result); err != nil {
			return err
		}
		if result.Missing > 0 {
			sayMissing(env, d, zones, result.Missing, 0)
			return exitCode(ExitFailed)
		}
		return nil
	}
	sum, werr := watch.Plain(ctx, env.IO.ErrOut, sess.Client, region, ids, meta, env.Clock)
	result.Instances = sum.Instances
	journal.final(region, sum)
	if err := printCreateResult(env.P, env.IO.Out, o.output, result); err != nil {
		return err
	}
	if werr != nil && watch.Interrupted(werr) {
		return exitCode(ExitInterrupted)
	}
	if result.Missing > 0 || sum.Failed > 0 {
		sayMissing(env, d, zones, result.Missing, sum.Failed)
	}
	if result.Missing > 0 {
		return exitCode(ExitFailed)
	}
	return exitFor(sum.Outcome())
}

// sayMissing tells what a run left uncreated or failed to start, where,
// and the command that creates as many again (and no more) in the zones
// that still have stock (a new clientToken: a retry of what was refused,
// not a resume). It is the one place create --yes gives that command.
func sayMissing(env *Env, d wizard.Draft, zones []launch.ZoneOutcome, missing, failed int) {
	p := env.P
	var where []string
	var stock []string
	for _, z := range zones {
		where = append(where, p.Sprintf("%d of %d in %s", z.Created, z.Asked, z.Zone))
		if !z.SoldOut() {
			stock = append(stock, z.Zone)
		}
	}
	created := 0
	for _, z := range zones {
		created += z.Created
	}
	w := env.IO.ErrOut
	if missing > 0 || len(zones) > 1 {
		fmt.Fprintln(w, "cocvm: "+p.Sprintf("created %d of %d: %s", created, max(d.Count, created+missing), strings.Join(where, p.Sprintf(", "))))
	}
	n := missing + failed
	var what string
	switch {
	case missing > 0 && failed > 0:
		what = p.Sprintf("%d instances were not created and %d failed to start", missing, failed)
	case missing > 0:
		what = p.Sprintf("%d instances were not created", missing)
	default:
		what = p.Sprintf("%d instances failed to start", failed)
	}
	if len(stock) == 0 {
		fmt.Fprintln(w, "cocvm: "+p.Sprintf("%s; no zone of this create still has stock: choose another type or zone", what))
		return
	}
	again := d
	again.Count, again.ClientToken = n, ""
	again.SetZones(stock)
	fmt.Fprintln(w, "cocvm: "+p.Sprintf("%s. To create %d more in %s:", what, n, launch.ZonesText(stock))+"\n  "+wizard.CommandLine(again))
}

// zoneResult is one zone of a create for -o json.
type zoneResult struct {
	Zone    string `json:"az"`
	Asked   int    `json:"asked"`
	Created int    `json:"created"`
	// Missing are instances of requests that were refused or not sent.
	Missing int          `json:"missing,omitempty"`
	Error   *errorResult `json:"error,omitempty"`
}

func zoneResults(zones []launch.ZoneOutcome) []zoneResult {
	out := make([]zoneResult, 0, len(zones))
	for _, z := range zones {
		r := zoneResult{Zone: z.Zone, Asked: z.Asked, Created: z.Created, Missing: z.Missing}
		if z.Err != nil {
			e := errorFor(z.Err)
			r.Error = &e
		}
		out = append(out, r)
	}
	return out
}

// reportFailedRun says what a failed run left: the instances created
// before the failure, then either the refusal or, when the outcome is
// unknown, the clientToken and the command that resumes it. With -o json
// stdout still gets one object. An interrupted run exits 130.
func reportFailedRun(ctx context.Context, env *Env, o *createOptions, out launch.Submission, d wizard.Draft) error {
	ids := out.IDs()
	if len(ids) > 0 {
		fmt.Fprintln(env.IO.ErrOut, "cocvm: "+env.P.Sprintf("%d instances were created before this request failed: %s", len(ids), strings.Join(ids, " ")))
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
		return &exitError{code: code, err: errors.New(launch.DescribeFailure(env.P, out.Err, d, out.Quota))}
	}
	fmt.Fprintln(env.IO.ErrOut, "cocvm: "+strings.ReplaceAll(launch.UnknownOutcomeText(env.P, out), "\n", "\n  "))
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
	// Zones say what each zone got, when the run went to several.
	Zones []zoneResult `json:"zones,omitempty"`
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
	failed, ok := out.Failed()
	if !ok && len(out.Reqs) > 0 {
		failed = out.Reqs[0] // the journal refused the first write: nothing was sent
	}
	r := failedResult{ClientToken: failed.ClientToken, Outcome: outcome, RegionID: out.Region,
		RequestID: out.RequestIDs(), InstanceIDs: out.IDs()}
	if zones := out.Zones(); len(zones) > 1 {
		r.Zones = zoneResults(zones)
	}
	if r.InstanceIDs == nil {
		r.InstanceIDs = []string{}
	}
	if outcome == "unknown" {
		r.Resume = launch.ResumeCommand(failed.ClientToken)
		r.OpenClientTokens = out.OpenTokens()
	}
	r.Error = errorFor(out.Err)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// errorFor is err for -o json.
func errorFor(err error) errorResult {
	var r errorResult
	ex := advice.Explain(err)
	r.Message, r.Detail = ex.Summary.String(), ex.Detail
	var ae *apiclient.APIError
	var ur *apiclient.UnreadableResultError
	switch {
	case errors.As(err, &ae):
		r.HTTPStatus, r.Status, r.APIMessage, r.RequestID = ae.HTTPStatus, ae.Status, ae.Message, ae.RequestID
	case errors.As(err, &ur):
		r.Accepted, r.RequestID = true, ur.RequestID
	}
	return r
}

func metaFor(meta watch.Meta, req apiclient.CreateInstancesRequest) watch.Meta {
	meta.Count = max(req.MaxCount, 1)
	meta.ClientToken = req.ClientToken
	meta.Zone = req.InstanceSpec.Az
	return meta
}

// createResult is the -o json object of the command-line contract.
type createResult struct {
	RequestID   string                  `json:"requestId"`
	ClientToken string                  `json:"clientToken"`
	RegionID    string                  `json:"regionId"`
	InstanceIDs []string                `json:"instanceIds"`
	Instances   []watch.InstanceOutcome `json:"instances"`
	// Zones say what each zone got: when the instances were spread over
	// several, or a zone refused them.
	Zones []zoneResult `json:"zones,omitempty"`
	// Missing are the instances asked for that no request created (a zone
	// refused for stock or quota); Error is the first such refusal.
	Missing int          `json:"missing,omitempty"`
	Error   *errorResult `json:"error,omitempty"`
}

func printCreateResult(p *message.Printer, w io.Writer, format string, r createResult) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	// Spread over zones, each row says its zone.
	spread := len(r.Zones) > 1
	head := []string{p.Sprintf("INSTANCE"), p.Sprintf("NAME"), p.Sprintf("STATUS"), p.Sprintf("PRIVATE IP"), p.Sprintf("PUBLIC IP")}
	if spread {
		head = slices.Insert(head, 2, p.Sprintf("ZONE"))
	}
	rows := [][]string{head}
	// The STATUS column holds one word; why an instance failed goes under
	// the table, where a long reason cannot widen the columns.
	var reasons []string
	for _, in := range r.Instances {
		status := watch.StatusWord(p, in.Status)
		if in.Failed {
			status = p.Sprintf("failed")
			if in.Said != "" {
				reasons = append(reasons, p.Sprintf("%s: %s", in.InstanceID, in.Said))
			}
		}
		row := []string{in.InstanceID, theme.OrDash(in.Name), theme.OrDash(status), theme.OrDash(in.PrivateIP), theme.OrDash(in.ElasticIP)}
		if spread {
			row = slices.Insert(row, 2, theme.OrDash(in.Az))
		}
		rows = append(rows, row)
	}
	if _, err := io.WriteString(w, columns(rows, 3)); err != nil {
		return err
	}
	if len(reasons) > 0 {
		if _, err := fmt.Fprintln(w, "\n"+strings.Join(reasons, "\n")); err != nil {
			return err
		}
	}
	return nil
}

// columns lays rows out as text/tabwriter does with a padding of gap
// spaces, but measuring cells in display cells, so that a Chinese heading
// (two cells a character) keeps the columns straight. Every row has the
// same number of cells; the last cell of a row is not padded.
func columns(rows [][]string, gap int) string {
	var widths []int
	for _, r := range rows {
		for i, c := range r[:max(len(r)-1, 0)] {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], theme.CellWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i < len(r)-1 {
				c = theme.PadRight(c, widths[i]+gap)
			}
			b.WriteString(c)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
