package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/launch"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/ui/watch"
)

// `cocvm watch [--last] [ID...]`: the status panel alone for instances that
// already exist, or one plain line per change when stdout is not a terminal.

// watchOptions are the flags of `cocvm watch`.
type watchOptions struct {
	last   bool
	region string
}

func newWatchCmd(env *Env) *cobra.Command {
	var o watchOptions
	p := env.P
	cmd := &cobra.Command{
		Use:   "watch [--last] [ID...]",
		Short: p.Sprintf("Watch instances until each is running or has failed"),
		Long: p.Sprintf("Watch instances come up: the live status panel in a terminal, one line per change\n" +
			"otherwise. It returns once every instance is running or has failed (failed ones are\n" +
			"deleted by the platform: not charged, quota released).\n" +
			"Exit status: 0 all running, 1 any failed, 130 stopped (the instances keep going)."),
		Example: p.Sprintf("  cocvm watch --last                      the newest request in the journal\n" +
			"  cocvm watch i-eumm4d6q i-y5nh29w1       instances by id\n" +
			"  cocvm watch --region ap-singapore-11 i-k2p9x7c0"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWatch(cmd.Context(), env, o, args)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.last, "last", false, p.Sprintf("watch the newest request in the journal (all of its instances)"))
	f.StringVar(&o.region, "region", "", p.Sprintf("region of the instances (default: the journal's with --last, else COCVM_REGION or the profile's)"))
	return cmd
}

// watchTarget is what to watch: ids, region and what the title shows.
type watchTarget struct {
	ids    []string
	region string
	meta   watch.Meta
	// From the journal (--last): the requests of the newest create.
	entries    []presets.Entry
	sandbox    bool
	profile    string
	endpoint   string
	hadFinal   bool
	journalled bool
}

// watchIDs checks the ids given on the command line: COC ids look like
// i-xxxxxxxx; duplicates are dropped.
func watchIDs(args []string) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, a := range args {
		for _, id := range strings.FieldsFunc(a, func(r rune) bool { return r == ',' || r == ' ' }) {
			if !strings.HasPrefix(id, "i-") || len(id) < 3 || strings.ContainsAny(id, "/?&=#") {
				return nil, usageError("%q is not an instance id: COC-VM instance ids look like i-eumm4d6q", id)
			}
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids, nil
}

// lastTarget reads the newest create in the journal: every request of it (a
// fleet over 100 is several requests) and its instances.
func lastTarget(path string) (watchTarget, []apiclient.Text, error) {
	entries, warnings, err := presets.LastRun(path)
	if errors.Is(err, presets.ErrNoRequest) {
		return watchTarget{}, warnings, &exitError{code: ExitFailed, err: apiclient.Errorf("%v; nothing to watch with --last. "+
			"Create instances first (cocvm), or give instance ids: cocvm watch i-eumm4d6q", err)}
	}
	if err != nil {
		return watchTarget{}, warnings, err
	}
	newest := entries[len(entries)-1]
	t := watchTarget{
		entries:    entries,
		region:     newest.Region,
		sandbox:    newest.Sandbox,
		profile:    newest.Profile,
		endpoint:   newest.Endpoint,
		journalled: true,
		meta: watch.Meta{InstanceType: newest.InstanceType, Zone: newest.Zone, Name: newest.Name,
			RequestID: newest.RequestID, ClientToken: newest.ClientToken, Sandbox: newest.Sandbox, Journaled: true,
			Submitted: entries[0].Time},
	}
	var zones []string
	t.meta.Zones = map[string]string{}
	for _, e := range entries {
		t.ids = append(t.ids, e.InstanceIDs...)
		t.meta.Count += e.Count
		t.hadFinal = t.hadFinal || e.Final != nil
		if e.Zone != "" && !slices.Contains(zones, e.Zone) {
			zones = append(zones, e.Zone)
		}
		for _, id := range e.InstanceIDs {
			t.meta.Zones[id] = e.Zone
		}
	}
	// A fleet spread over zones names them all.
	t.meta.Zone = launch.ZonesText(zones)
	if len(t.ids) == 0 {
		return t, warnings, &exitError{code: ExitFailed, err: apiclient.Errorf("the newest request in the journal (%s, line %s) has no instance ids; "+
			"give them instead, as in: cocvm watch i-xxxxxxxx", path, strconv.Itoa(newest.Line))}
	}
	if t.meta.Count < len(t.ids) {
		t.meta.Count = len(t.ids)
	}
	return t, warnings, nil
}

func runWatch(ctx context.Context, env *Env, o watchOptions, args []string) error {
	ids, err := watchIDs(args)
	if err != nil {
		return err
	}
	switch {
	case o.last && len(ids) > 0:
		return usageError("give instance ids or --last, not both")
	case !o.last && len(ids) == 0:
		return usageError("which instances? Give their ids (cocvm watch i-eumm4d6q i-y5nh29w1), " +
			"or --last for the newest request in the journal")
	}

	target := watchTarget{ids: ids}
	if o.last {
		var warnings []apiclient.Text
		target, warnings, err = lastTarget(presets.JournalPath())
		env.warn(warnings)
		if err != nil {
			return err
		}
		followJournal(env, target)
	}

	sess, err := env.Connect(ctx)
	if err != nil {
		return err
	}
	defer sess.Close()

	region := theme.FirstNonEmpty(o.region, target.region, sess.Region)
	if target.journalled && target.sandbox != sess.Sandbox {
		where := map[bool]string{true: env.P.Sprintf("the sandbox"), false: env.P.Sprintf("JD Cloud")}
		fmt.Fprintln(env.IO.ErrOut, "cocvm: "+env.P.Sprintf("warning: the newest request went to %s but this session talks to %s; "+
			"its instances will not be found here", where[target.sandbox], where[sess.Sandbox]))
	}
	target.meta.Sandbox = sess.Sandbox
	target.meta.Budget = sess.Budget
	target.meta.Printer = env.P

	var sum watch.Summary
	var outcome watch.Outcome
	// A screen reader follows plain lines better than a redrawn panel.
	if env.IO.OutTTY && !env.Flags.Accessible {
		m := watch.NewPanel(ctx, sess.Client, region, target.ids, target.meta,
			watch.Options{ExitWhenSettled: true, QuitProgram: true, Renderer: env.IO.Renderer()})
		outcome, sum, err = watch.RunPanel(ctx, env.IO, m)
	} else {
		watch.WriteWatching(env.IO.Out, env.Clock.Time(), region, target.ids, target.meta)
		sum, err = watch.Plain(ctx, env.IO.Out, sess.Client, region, target.ids, target.meta, env.Clock)
		outcome = sum.Outcome()
		if err != nil && watch.Interrupted(err) {
			outcome, err = watch.Stopped, nil
		}
	}
	if err != nil {
		return err
	}
	// The journal learns how a request ended the first time anyone sees
	// it end.
	if target.journalled && !target.hadFinal && outcome != watch.Stopped && sum.Pending == 0 {
		journalWatchFinal(env, sess, target, region, sum)
	}
	return exitFor(outcome)
}

// journalWatchFinal appends one final record per request of the watched
// create, each naming its request (clientToken, requestId) so that
// presets.Last pairs it with the submitted record.
func journalWatchFinal(env *Env, sess *Session, t watchTarget, region string, sum watch.Summary) {
	byID := make(map[string]watch.InstanceOutcome, len(sum.Instances))
	for _, in := range sum.Instances {
		byID[in.InstanceID] = in
	}
	for _, e := range t.entries {
		rec := presets.Record{Type: presets.RecordFinal, Region: region, Run: e.Run, ClientToken: e.ClientToken,
			RequestID: e.RequestID, Profile: e.Profile, Sandbox: e.Sandbox, Endpoint: e.Endpoint, InstanceIDs: e.InstanceIDs}
		for _, id := range e.InstanceIDs {
			in, ok := byID[id]
			status := in.Status
			if !ok || in.Failed {
				// Failed for good: deleted by the platform, stopped, or
				// never found.
				status = apiclient.StatusError
			}
			rec.Statuses = append(rec.Statuses, apiclient.InstanceStatus{InstanceID: id, Status: status})
		}
		if err := presets.Append(sess.Journal, rec); err != nil {
			fmt.Fprintln(env.IO.ErrOut, "cocvm: "+env.P.Sprintf("warning: could not write the final statuses to the journal: %s", locale.Say(env.P, err)))
			return
		}
	}
}

// followJournal points the session at where the newest request went, unless
// the command line says otherwise: `cocvm --sandbox` then `cocvm watch
// --last` must find the sandbox's instances.
func followJournal(env *Env, t watchTarget) {
	explicit := env.Flags.Sandbox || env.Flags.Endpoint != "" || env.Getenv("COCVM_ENDPOINT") != "" || env.Flags.Profile != ""
	if explicit {
		return
	}
	switch {
	case t.sandbox && t.endpoint == "":
		env.Flags.Sandbox = true
	case t.profile != "":
		env.Flags.Profile = t.profile
	}
}
