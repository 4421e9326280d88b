package ui

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/launch"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

func newPreviewCmd(env *Env) *cobra.Command {
	o := &createOptions{}
	p := env.P
	cmd := &cobra.Command{
		Use:   "preview [--preset NAME] [create flags]",
		Short: p.Sprintf("Print the createInstances body the flags build (password masked)"),
		Long: p.Sprintf("Builds the request body from --preset and the create flags and prints it as it\n" +
			"would be sent, with the password masked unless --show-password. Problems go to\n" +
			"stderr, one per line, and the exit code is 1. Nothing is sent.\n" +
			"Over several zones (--az a,b or all) it prints every request and says the split on\n" +
			"stderr; with credentials (or --sandbox) it looks up the stock and subnets of each zone."),
		Example: "  cocvm preview --az cn-hongkong-11a --type g.n2.large --image img-... --vpc vpc-... \\\n" +
			"      --subnet subnet-... --sg sg-... --name web --system-disk ssd.gp1:40",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPreview(cmd.Context(), env, o)
		},
	}
	addCreateFlags(cmd, o, p)
	cmd.Flags().BoolVar(&o.showPassword, "show-password", false, p.Sprintf("print the password instead of ********"))
	return cmd
}

// runPreview prints the bodies the flags build and sends nothing: `cocvm
// preview`, and `cocvm create --dry-run`. Problems go to stderr, exit 1.
// The API is asked only when something needs it: names to read, or zones
// to plan.
func runPreview(ctx context.Context, env *Env, o *createOptions) error {
	d, err := o.draft(env, "")
	if err != nil {
		return err
	}
	var sess *Session
	spread := o.azAll || len(d.Zones()) > 1
	if hasNames(d) || spread || launch.MissingDefaults(d) {
		s, err := env.Connect(ctx)
		switch {
		case err == nil:
			sess = s
			defer sess.Close()
		case hasNames(d):
			return &exitError{code: ExitFailed, err: apiclient.Errorf("the names given (image, VPC, subnet or security group) are read with the API, "+
				"and there is none to ask (%s); give ids, or credentials (or --sandbox)", theme.FirstLine(locale.Say(env.P, err)))}
		case spread:
			fmt.Fprintln(env.IO.ErrOut, "cocvm: "+env.P.Sprintf("no API to ask (%s): the stock and subnets of each zone are not looked up", theme.FirstLine(locale.Say(env.P, err))))
		default:
			fmt.Fprintln(env.IO.ErrOut, "cocvm: "+env.P.Sprintf("no API to ask (%s): the flags left out take no defaults", theme.FirstLine(locale.Say(env.P, err))))
		}
	}
	if d.Region == "" && sess != nil {
		d.Region = sess.Region
	}
	if d.Region == "" {
		d.Region = apiclient.Regions()[0].ID
	}
	if sess != nil {
		paced := apiclient.WithPacer(ctx, sess.Budget)
		if err := resolveNames(paced, sess.Lookups, &d); err != nil {
			return err
		}
		if err := chooseDefaults(paced, env, sess.Lookups, &d); err != nil {
			return err
		}
	}
	if o.passwordStdin {
		if d.Spec.Password, err = readPassword(env.IO.In); err != nil {
			return err
		}
	}
	if !spread {
		if err := launch.WriteBodies(env.IO.Out, wizard.Build(d), o.showPassword); err != nil {
			return err
		}
		return previewProblems(env, d)
	}
	fleet, err := previewFleet(ctx, sess, o, &d)
	if err != nil {
		return err
	}
	for _, line := range fleet.SplitLines(env.P, d) {
		fmt.Fprintln(env.IO.ErrOut, "cocvm: "+line)
	}
	if err := launch.WriteBodies(env.IO.Out, fleet.Reqs, o.showPassword); err != nil {
		return err
	}
	if len(fleet.Reqs) == 0 {
		fmt.Fprintln(env.IO.ErrOut, locale.Say(env.P, wizard.Problem{Path: wizard.PathAz, Message: apiclient.T("no zone chosen can take the instances")}.Text()))
		return exitCode(ExitFailed)
	}
	return previewProblems(env, d)
}

// previewFleet plans a preview over several zones: with the stock and
// subnets of each zone when there is a session (credentials or --sandbox;
// nothing is sent), else with every zone and the draft's subnet.
func previewFleet(ctx context.Context, sess *Session, o *createOptions, d *wizard.Draft) (launch.Fleet, error) {
	if sess == nil {
		if err := o.resolveZones(ctx, nil, d); err != nil {
			return launch.Fleet{}, err
		}
		return launch.NewFleet(*d, wizard.ZoneFacts{}), nil
	}
	paced := apiclient.WithPacer(ctx, sess.Budget)
	if err := o.resolveZones(paced, sess.Lookups, d); err != nil {
		return launch.Fleet{}, err
	}
	fleet, err := launch.PlanFleet(paced, sess.Lookups, *d)
	if err != nil {
		return launch.Fleet{}, &exitError{code: ExitFailed, err: err}
	}
	return fleet, nil
}

// previewProblems lists d's problems on stderr: exit 1 when there are any.
func previewProblems(env *Env, d wizard.Draft) error {
	if ps := wizard.Validate(d, nil); len(ps) > 0 {
		printProblems(env.P, env.IO.ErrOut, ps, d.Spec.Password)
		return exitCode(ExitFailed)
	}
	return nil
}
