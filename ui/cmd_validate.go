package ui

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/wizard/body"
)

func newValidateCmd(env *Env) *cobra.Command {
	p := env.P
	return &cobra.Command{
		Use:   "validate FILE|-",
		Short: p.Sprintf("Check a createInstances request body against every documented rule"),
		Long: p.Sprintf("Reads a createInstances body (a file, or - for stdin; at most 1 MiB) and checks it\n" +
			"strictly: unknown or wrongly cased fields, fields given twice, wrong types, syntax\n" +
			"errors and every documented rule. One line per problem: the JSON path, what is\n" +
			"wrong and where (at most 50, then how many more). Notes (\"note: ...\") say what\n" +
			"the service decides for what the body leaves out. The sandbox and `cocvm presets\n" +
			"import` read a body the same way.\n\n" +
			"Exit status: 0 valid, 1 invalid, 2 unreadable or larger than 1 MiB."),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("validate takes one argument: a file, or - for stdin")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(env, args[0])
		},
	}
}

func runValidate(env *Env, file string) error {
	source, r := "stdin", env.IO.In
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return &exitError{code: ExitUsage, err: apiclient.Errorf("cannot read %s: %v", file, err)}
		}
		defer f.Close()
		source, r = file, io.Reader(f)
	}
	b, err := body.Read(r)
	switch {
	case errors.Is(err, body.ErrTooLarge):
		return &exitError{code: ExitUsage, err: apiclient.Errorf("%s is %v", source, err)}
	case err != nil:
		return &exitError{code: ExitUsage, err: apiclient.Errorf("cannot read %s: %v", source, err)}
	}
	out := env.IO.Out
	ps := b.Check()
	shown, more := body.Listed(ps)
	printProblems(env.P, out, shown, b.Request.InstanceSpec.Password)
	if more > 0 {
		fmt.Fprintln(out, locale.Say(env.P, body.AndMore(more)))
	}
	for _, n := range b.Notes() {
		fmt.Fprintln(out, env.P.Sprintf("note: %s", locale.Say(env.P, n.Text())))
	}
	if len(ps) > 0 {
		return exitCode(ExitFailed)
	}
	fmt.Fprintln(out, env.P.Sprintf("valid"))
	return nil
}
