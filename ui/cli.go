// Package ui is the command line: Run and Main, the Env every command gets
// (its streams, the global flags, the clock of plain progress), the exit
// codes of the contract, the root command and one file per command
// (cmd_*.go), the credentials chain and the session (session.go), and the
// journal recorder of creates (journal.go).
//
// What a person sees is in the packages under it, which do not know each
// other's insides and never import ui:
//
//	ui/iostreams   the streams: terminal, width and colour per stream
//	ui/theme       styles, the huh theme, key-line helpers, the JSON view, text helpers, table columns
//	ui/field       the form components: input, choice, list of choices, data disk row, step
//	ui/prompt      huh prompts: full-screen or one line at a time (accessible)
//	ui/launch      the wizard: steps, look-ups, review, preset picker, accessible mode, the submit policy
//	ui/watch       the status tracker, the panel, the plain lines
//	ui/setup       the first-time setup
//
// ui turns what those report (a watch.Outcome, setup.ErrAborted,
// launch.ErrStopped) into exit codes and messages.
package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/watch"
)

// Exit codes of the command-line contract.
const (
	ExitOK          = 0
	ExitFailed      = 1
	ExitUsage       = 2
	ExitInterrupted = 130
)

// Version is set at build time with -ldflags "-X github.com/cocvm/cocvm/ui.Version=...".
var Version = "dev"

// exitError carries an exit code through cobra. A nil err with a code means
// the command already said everything it had to say.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// exitCode returns a silent error that makes the process exit with code.
func exitCode(code int) error { return &exitError{code: code} }

// exitFor is the exit of a command whose watch ended with o: nil when
// every instance runs, 1 when one failed, 130 when the watch was stopped.
func exitFor(o watch.Outcome) error {
	if c := outcomeCode(o); c != ExitOK {
		return exitCode(c)
	}
	return nil
}

// outcomeCode is the exit code of a watch that ended with o.
func outcomeCode(o watch.Outcome) int {
	switch o {
	case watch.AllRunning:
		return ExitOK
	case watch.SomeFailed:
		return ExitFailed
	}
	return ExitInterrupted
}

// usageError is a mistake on the command line: exit 2.
func usageError(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: apiclient.Errorf(format, args...)}
}

// chooseLanguage sets env.Lang and env.P: --lang (read from args before
// cobra parses them, since the help it prints is in the language), then
// COCVM_LANG, the config's language key, LC_ALL, LC_MESSAGES, LANG. A
// config file that cannot be read is left to the command that needs it to
// report.
func (env *Env) chooseLanguage(args []string) error {
	flag := langFlag(args)
	cfg, _, _ := presets.LoadConfig(env.configPath())
	src, err := locale.Choose(flag, cfg.Language, env.Getenv)
	env.Lang = src.Lang
	env.P = locale.Printer(src.Lang)
	return err
}

// langFlag is the value of --lang among args ("" when absent), the last
// one winning as pflag's would; it stops at "--".
func langFlag(args []string) string {
	v := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return v
		case a == "--lang" && i+1 < len(args):
			v = args[i+1]
			i++
		case strings.HasPrefix(a, "--lang="):
			v = strings.TrimPrefix(a, "--lang=")
		}
	}
	return v
}

// GlobalFlags are the flags every command takes.
type GlobalFlags struct {
	AccessKey  string
	SecretKey  string
	Profile    string
	Endpoint   string
	Sandbox    bool
	Accessible bool
	NoColor    bool
	Debug      bool
	Insecure   bool
	// Lang is --lang: zh or en (empty: COCVM_LANG, the config, the locale).
	Lang string
	// CallsPerSecond is the API budget of creates and watches
	// (--calls-per-second); 0 means the config's calls_per_second, else
	// watch.DefaultCallsPerSecond.
	CallsPerSecond float64
}

// Env is what every command gets: its streams and the global flags.
type Env struct {
	IO    *iostreams.IOStreams
	Flags GlobalFlags
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
	// Clock is the time plain progress runs on (the zero Clock: the real
	// one); tests move it by hand.
	Clock watch.Clock
	// Lang is the language cocvm speaks to the person, and P its printer
	// (chooseLanguage, before the commands are built: their help is in it).
	Lang locale.Lang
	P    *message.Printer
	// retry is the API client's retry policy (the zero value: its
	// defaults); tests shorten the waits.
	retry apiclient.RetryPolicy
}

// Main runs cocvm with the process's arguments and streams and returns the
// exit code.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, os.Args[1:], iostreams.System(), os.Getenv)
}

// Run runs cocvm with the given arguments and streams.
func Run(ctx context.Context, args []string, ios *iostreams.IOStreams, getenv func(string) string) int {
	return run(ctx, args, &Env{IO: ios, Getenv: getenv})
}

// run runs cocvm with env, which tests fill in (a hand clock, say).
func run(ctx context.Context, args []string, env *Env) int {
	ios := env.IO
	if err := env.chooseLanguage(args); err != nil {
		fmt.Fprintln(ios.ErrOut, "cocvm: "+locale.Say(env.P, err))
		return ExitUsage
	}
	root := newRootCmd(env)
	root.SetArgs(args)
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(ios.ErrOut, "cocvm: "+locale.Say(env.P, ee.err))
		}
		return ee.code
	}
	if errors.Is(err, context.Canceled) || ctx.Err() != nil {
		fmt.Fprintln(ios.ErrOut, "cocvm: "+env.P.Sprintf("interrupted"))
		return ExitInterrupted
	}
	fmt.Fprintln(ios.ErrOut, "cocvm: "+locale.Say(env.P, err))
	if isUsage(err) {
		return ExitUsage
	}
	return ExitFailed
}

// flagErrors marks errors cobra returns for bad flags and arguments.
type flagError struct{ error }

func isUsage(err error) bool {
	var fe flagError
	return errors.As(err, &fe)
}

func newRootCmd(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "cocvm",
		Short: "Create JD Cloud COC-VM instances from a terminal wizard",
		Long: "cocvm creates JD Cloud COC-VM (合作云主机) instances: a step-by-step wizard with live\n" +
			"validation, the exact request body before it is sent, and a live status panel.\n" +
			"Run with --sandbox to try everything against a built-in copy of the API.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
		Args:          cobra.NoArgs,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if env.Flags.NoColor || env.Getenv("NO_COLOR") != "" {
				env.IO.DisableColor()
			}
			if env.Getenv("ACCESSIBLE") != "" {
				env.Flags.Accessible = true
			}
			if cmd.Flags().Changed("calls-per-second") && !(env.Flags.CallsPerSecond > 0) {
				return usageError("--calls-per-second must be more than 0, not %v", env.Flags.CallsPerSecond)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runWizardCommand(cmd.Context(), env, &createOptions{})
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return flagError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&env.Flags.Profile, "profile", "", "credentials profile to use (cocvm config or ~/.jdc/config)")
	pf.StringVar(&env.Flags.AccessKey, "access-key", "", "JD Cloud access key (with --secret-key; overrides every other source)")
	pf.StringVar(&env.Flags.SecretKey, "secret-key", "", "JD Cloud secret key; other users can see flags in ps, so prefer JDCLOUD_SECRET_KEY")
	pf.StringVar(&env.Flags.Endpoint, "endpoint", "", "one base URL for every service (env COCVM_ENDPOINT)")
	pf.BoolVar(&env.Flags.Sandbox, "sandbox", false, "use the built-in sandbox: nothing real is created or charged")
	pf.BoolVar(&env.Flags.Accessible, "accessible", false, "plain line prompts instead of full-screen (env ACCESSIBLE)")
	pf.BoolVar(&env.Flags.NoColor, "no-color", false, "no colours (env NO_COLOR)")
	pf.BoolVar(&env.Flags.Debug, "debug", false, "one line per HTTP exchange on stderr (no secrets)")
	pf.BoolVar(&env.Flags.Insecure, "insecure", false, "allow a plain-HTTP endpoint that is not loopback")
	pf.StringVar(&env.Flags.Lang, "lang", "", env.P.Sprintf("language: zh (简体中文) or en (env COCVM_LANG, else LC_ALL, LC_MESSAGES, LANG)"))
	pf.Float64Var(&env.Flags.CallsPerSecond, "calls-per-second", 0,
		"API calls per second for a create and its watch, retries included (default: calls_per_second in the config, else 5)")

	for _, c := range []*cobra.Command{
		newCreateCmd(env),
		newPreviewCmd(env),
		newValidateCmd(env),
		newWatchCmd(env),
		newPresetsCmd(env),
		newSetupCmd(env),
		newSandboxCmd(env),
	} {
		root.AddCommand(c)
	}
	registerCompletions(root, env)
	return root
}
