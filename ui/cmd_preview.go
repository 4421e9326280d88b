package ui

import (
	"github.com/spf13/cobra"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/launch"
	"github.com/cocvm/cocvm/wizard"
)

func newPreviewCmd(env *Env) *cobra.Command {
	o := &createOptions{}
	cmd := &cobra.Command{
		Use:   "preview [--preset NAME] [create flags]",
		Short: "Print the createInstances body the flags build (password masked)",
		Long: "Builds the request body from --preset and the create flags and prints it as it\n" +
			"would be sent, with the password masked unless --show-password. Problems go to\n" +
			"stderr, one per line, and the exit code is 1. Nothing is sent.",
		Example: "  cocvm preview --az cn-hongkong-11a --type g.n2.large --image img-... --vpc vpc-... \\\n" +
			"      --subnet subnet-... --sg sg-... --name web --system-disk ssd.gp1:40",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPreview(env, o)
		},
	}
	addCreateFlags(cmd, o)
	cmd.Flags().BoolVar(&o.showPassword, "show-password", false, "print the password instead of ********")
	return cmd
}

// runPreview prints the bodies the flags build and sends nothing: `cocvm
// preview`, and `cocvm create --dry-run`. Problems go to stderr, exit 1.
func runPreview(env *Env, o *createOptions) error {
	d, err := o.draft(env, "")
	if err != nil {
		return err
	}
	if d.Region == "" {
		d.Region = apiclient.Regions()[0].ID
	}
	if o.passwordStdin {
		if d.Spec.Password, err = readPassword(env.IO.In); err != nil {
			return err
		}
	}
	if err := launch.WriteBodies(env.IO.Out, d, o.showPassword); err != nil {
		return err
	}
	if ps := wizard.Validate(d, nil); len(ps) > 0 {
		printProblems(env.IO.ErrOut, ps, d.Spec.Password)
		return exitCode(ExitFailed)
	}
	return nil
}
