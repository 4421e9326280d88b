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
	"github.com/spf13/pflag"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
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

// warn says each of ws on stderr, as a warning in the person's language.
func (env *Env) warn(ws []apiclient.Text) {
	for _, w := range ws {
		line := locale.Warning(env.P, w)
		if env.warned[line] {
			continue // said once a run: the setup reads the same file again
		}
		if env.warned == nil {
			env.warned = map[string]bool{}
		}
		env.warned[line] = true
		fmt.Fprintln(env.IO.ErrOut, line)
	}
}

// usageError is a mistake on the command line: exit 2.
func usageError(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: apiclient.Errorf(format, args...)}
}

// chooseLanguage sets env.Lang and env.P: flag (--lang, which run reads
// from the arguments before cobra parses them, since the help it prints
// is in the language), then
// COCVM_LANG, the config's language key, LC_ALL, LC_MESSAGES, LANG. A
// config file that cannot be read is left to the command that needs it to
// report.
func (env *Env) chooseLanguage(flag string) error {
	cfg, _, _ := env.loadConfig()
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
	// config is config.toml as loadConfig read it, nil until then.
	config *loadedConfig
	// warned are the warning lines already said this run.
	warned map[string]bool
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
	if err := env.chooseLanguage(langFlag(args)); err != nil {
		fmt.Fprintln(ios.ErrOut, "cocvm: "+locale.Say(env.P, err))
		return ExitUsage
	}
	root := newRootCmd(env)
	root.SetArgs(args)
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	// After SetOut: the completion command writes where root does.
	sayCobraWords(root, env.P)
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

// Unwrap lets locale.Say see the words of the error inside.
func (e flagError) Unwrap() error { return e.error }

// flagErrorWords is pflag's error for a bad flag in words the catalogue
// knows (the English the same as pflag's); any other error is left as it
// is.
func flagErrorWords(err error) error {
	var said error
	var ne *pflag.NotExistError
	var re *pflag.ValueRequiredError
	var ie *pflag.InvalidValueError
	var se *pflag.InvalidSyntaxError
	switch {
	case errors.As(err, &ne) && ne.GetSpecifiedShortnames() != "":
		said = apiclient.Errorf("unknown shorthand flag: %q in -%s", rune(ne.GetSpecifiedName()[0]), ne.GetSpecifiedShortnames())
	case errors.As(err, &ne):
		said = apiclient.Errorf("unknown flag: --%s", ne.GetSpecifiedName())
	case errors.As(err, &re) && re.GetSpecifiedShortnames() != "":
		said = apiclient.Errorf("flag needs an argument: %q in -%s", rune(re.GetSpecifiedName()[0]), re.GetSpecifiedShortnames())
	case errors.As(err, &re):
		said = apiclient.Errorf("flag needs an argument: --%s", re.GetSpecifiedName())
	case errors.As(err, &ie):
		f := ie.GetFlag()
		name := "--" + f.Name
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			name = "-" + f.Shorthand + ", --" + f.Name
		}
		// The cause is the parser's own words (strconv's, say).
		said = apiclient.Errorf("invalid argument %q for %q flag: %v", ie.GetValue(), name, errors.Unwrap(ie))
	case errors.As(err, &se):
		said = apiclient.Errorf("bad flag syntax: %s", se.GetSpecifiedFlag())
	}
	if said == nil || said.Error() != err.Error() {
		return err
	}
	return said
}

// noArgs is cobra.NoArgs, its error in words the catalogue knows.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		// A usage mistake: exit 2, as a bad flag is.
		return flagError{apiclient.Errorf("unknown command %q for %q", args[0], cmd.CommandPath())}
	}
	return nil
}

func init() {
	cobra.AddTemplateFunc("cocvmDefaults", flagDefaultsIn)
}

// flagDefaultsIn puts pflag's " (default X)", which ends a flag's line, in
// the language lang ("zh" or "en") in usages, as pflag's FlagUsages writes
// them.
func flagDefaultsIn(lang string, usages string) string {
	if locale.Lang(lang) != locale.Chinese {
		return usages
	}
	lines := strings.Split(usages, "\n")
	for i, l := range lines {
		at := strings.LastIndex(l, " (default ")
		if at < 0 || !strings.HasSuffix(l, ")") {
			continue
		}
		lines[i] = l[:at] + locale.Printer(locale.Chinese).Sprintf("(default %s)", l[at+len(" (default "):len(l)-1])
	}
	return strings.Join(lines, "\n")
}

// usageTemplate is cobra's default usage template, its words in p's
// language (in English the same as cobra's own).
func usageTemplate(p *message.Printer) string {
	lang := string(locale.LangOf(p))
	return p.Sprintf("Usage:") + `{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [command]{{end}}{{if gt (len .Aliases) 0}}

` + p.Sprintf("Aliases:") + `
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

` + p.Sprintf("Examples:") + `
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}{{$cmds := .Commands}}{{if eq (len .Groups) 0}}

` + p.Sprintf("Available Commands:") + `{{range $cmds}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{else}}{{range $group := .Groups}}

{{.Title}}{{range $cmds}}{{if (and (eq .GroupID $group.ID) (or .IsAvailableCommand (eq .Name "help")))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if not .AllChildCommandsHaveGroup}}

` + p.Sprintf("Additional Commands:") + `{{range $cmds}}{{if (and (eq .GroupID "") (or .IsAvailableCommand (eq .Name "help")))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

` + p.Sprintf("Flags:") + `
{{.LocalFlags.FlagUsages | cocvmDefaults "` + lang + `" | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

` + p.Sprintf("Global Flags:") + `
{{.InheritedFlags.FlagUsages | cocvmDefaults "` + lang + `" | trimTrailingWhitespaces}}{{end}}{{if .HasHelpSubCommands}}

` + p.Sprintf("Additional help topics:") + `{{range .Commands}}{{if .IsAdditionalHelpTopicCommand}}
  {{rpad .CommandPath .CommandPathPadding}} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableSubCommands}}

` + p.Sprintf("Use \"%s [command] --help\" for more information about a command.", "{{.CommandPath}}") + `{{end}}
`
}

// sayCobraWords puts what cobra itself says in p's language: the usage
// template, the help command, the completion command and its subcommands,
// every help flag and the version flag, and the errors of commands that
// take no arguments. In English every word stays cobra's own.
func sayCobraWords(root *cobra.Command, p *message.Printer) {
	root.SetUsageTemplate(usageTemplate(p))
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	name := root.Name()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Short = p.Sprintf("Help about any command")
			c.Long = p.Sprintf("Help provides help for any command in the application.\nSimply type %s help [path to command] for full details.", root.DisplayName())
			run := c.Run
			c.Run = func(c *cobra.Command, args []string) {
				if cmd, _, err := c.Root().Find(args); cmd == nil || err != nil {
					c.Print(p.Sprintf("Unknown help topic %s\n", fmt.Sprintf("%#q", args)))
					cobra.CheckErr(c.Root().Usage())
					return
				}
				run(c, args)
			}
		case "completion":
			c.Short = p.Sprintf("Generate the autocompletion script for the specified shell")
			c.Long = p.Sprintf("Generate the autocompletion script for %s for the specified shell.\n"+
				"See each sub-command's help for details on how to use the generated script.\n", name)
			c.Args = noArgs
			for _, sh := range c.Commands() {
				sh.Args = noArgs
				sh.Short = p.Sprintf("Generate the autocompletion script for %s", sh.Name())
				if f := sh.Flags().Lookup("no-descriptions"); f != nil {
					f.Usage = p.Sprintf("disable completion descriptions")
				}
				switch sh.Name() {
				case "bash":
					sh.Long = p.Sprintf(`Generate the autocompletion script for the bash shell.

This script depends on the 'bash-completion' package.
If it is not installed already, you can install it via your OS's package manager.

To load completions in your current shell session:

	source <(%[1]s completion bash)

To load completions for every new session, execute once:

#### Linux:

	%[1]s completion bash > /etc/bash_completion.d/%[1]s

#### macOS:

	%[1]s completion bash > $(brew --prefix)/etc/bash_completion.d/%[1]s

You will need to start a new shell for this setup to take effect.
`, name)
				case "zsh":
					// ${...} would be a variable to the catalogue.
					sh.Long = p.Sprintf(`Generate the autocompletion script for the zsh shell.

If shell completion is not already enabled in your environment you will need
to enable it.  You can execute the following once:

	echo "autoload -U compinit; compinit" >> ~/.zshrc

To load completions in your current shell session:

	source <(%[1]s completion zsh)

To load completions for every new session, execute once:

#### Linux:

	%[1]s completion zsh > "%[2]s/_%[1]s"

#### macOS:

	%[1]s completion zsh > $(brew --prefix)/share/zsh/site-functions/_%[1]s

You will need to start a new shell for this setup to take effect.
`, name, "${fpath[1]}")
				case "fish":
					sh.Long = p.Sprintf(`Generate the autocompletion script for the fish shell.

To load completions in your current shell session:

	%[1]s completion fish | source

To load completions for every new session, execute once:

	%[1]s completion fish > ~/.config/fish/completions/%[1]s.fish

You will need to start a new shell for this setup to take effect.
`, name)
				case "powershell":
					sh.Long = p.Sprintf(`Generate the autocompletion script for powershell.

To load completions in your current shell session:

	%[1]s completion powershell | Out-String | Invoke-Expression

To load completions for every new session, add the output of the above command
to your powershell profile.
`, name)
				}
			}
		}
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		if f := c.Flags().Lookup("help"); f != nil {
			f.Usage = p.Sprintf("help for %s", c.DisplayName())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	root.InitDefaultVersionFlag()
	if f := root.Flags().Lookup("version"); f != nil {
		f.Usage = p.Sprintf("version for %s", root.DisplayName())
	}
}

func isUsage(err error) bool {
	var fe flagError
	return errors.As(err, &fe)
}

func newRootCmd(env *Env) *cobra.Command {
	p := env.P
	root := &cobra.Command{
		Use:   "cocvm",
		Short: p.Sprintf("Create JD Cloud COC-VM instances from a terminal wizard"),
		Long: p.Sprintf("cocvm creates JD Cloud COC-VM (合作云主机) instances: a step-by-step wizard with live\n" +
			"validation, the exact request body before it is sent, and a live status panel.\n" +
			"Run with --sandbox to try everything against a built-in copy of the API."),
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
		Args:          noArgs,
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
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return flagError{flagErrorWords(err)} })
	pf := root.PersistentFlags()
	pf.StringVar(&env.Flags.Profile, "profile", "", p.Sprintf("credentials profile to use (cocvm config or ~/.jdc/config)"))
	pf.StringVar(&env.Flags.AccessKey, "access-key", "", p.Sprintf("JD Cloud access key (with --secret-key; overrides every other source)"))
	pf.StringVar(&env.Flags.SecretKey, "secret-key", "", p.Sprintf("JD Cloud secret key; other users can see flags in ps, so prefer JDCLOUD_SECRET_KEY"))
	pf.StringVar(&env.Flags.Endpoint, "endpoint", "", p.Sprintf("one base URL for every service (env COCVM_ENDPOINT)"))
	pf.BoolVar(&env.Flags.Sandbox, "sandbox", false, p.Sprintf("use the built-in sandbox: nothing real is created or charged"))
	pf.BoolVar(&env.Flags.Accessible, "accessible", false, p.Sprintf("plain line prompts instead of full-screen (env ACCESSIBLE)"))
	pf.BoolVar(&env.Flags.NoColor, "no-color", false, p.Sprintf("no colours (env NO_COLOR)"))
	pf.BoolVar(&env.Flags.Debug, "debug", false, p.Sprintf("one line per HTTP exchange on stderr (no secrets)"))
	pf.BoolVar(&env.Flags.Insecure, "insecure", false, p.Sprintf("allow a plain-HTTP endpoint that is not loopback"))
	pf.StringVar(&env.Flags.Lang, "lang", "", p.Sprintf("language: zh (简体中文) or en (env COCVM_LANG, else LC_ALL, LC_MESSAGES, LANG)"))
	pf.Float64Var(&env.Flags.CallsPerSecond, "calls-per-second", 0,
		p.Sprintf("API calls per second for a create and its watch, retries included (default: calls_per_second in the config, else 5)"))

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
