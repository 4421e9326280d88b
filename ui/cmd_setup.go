package ui

import (
	"github.com/spf13/cobra"

	"github.com/cocvm/cocvm/presets"
)

func newSetupCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "setup",
		Short: "Guided setup: try the sandbox, or save your JD Cloud keys",
		Long: "Set up how cocvm connects: the built-in sandbox (no account needed), an access key\n" +
			"and secret (checked with one signed request), or a profile imported from the JD Cloud\n" +
			"CLI's ~/.jdc/config; then a default region and zone. The result is saved as a profile\n" +
			"(\"default\", or the one named by --profile) in " + presets.ConfigPath() + "\n" +
			"(mode 0600) and becomes the current profile. Run it again any time to change it.",
		Args: argsBetween(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := runSetup(cmd.Context(), env, false)
			return err
		},
	}
}
