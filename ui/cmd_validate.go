package ui

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/cocvm/cocvm/wizard"
)

func newValidateCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE|-",
		Short: "Check a createInstances request body against every documented rule",
		Long: "Reads a createInstances body (a file, or - for stdin) and checks it strictly:\n" +
			"unknown fields, wrong types, syntax errors and every documented rule. One line\n" +
			"per problem: the JSON path and what is wrong.\n\n" +
			"Exit status: 0 valid, 1 invalid, 2 unreadable.",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("validate takes one argument: a file, or - for stdin")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var data []byte
			var err error
			if args[0] == "-" {
				data, err = io.ReadAll(env.IO.In)
			} else {
				data, err = os.ReadFile(args[0])
			}
			if err != nil {
				return &exitError{code: ExitUsage, err: fmt.Errorf("cannot read %s: %w", args[0], err)}
			}
			d, ps := wizard.DecodeBody(data)
			if len(ps) == 0 {
				fmt.Fprintln(env.IO.Out, "valid")
				return nil
			}
			printProblems(env.IO.Out, ps, d.Spec.Password)
			return exitCode(ExitFailed)
		},
	}
}
