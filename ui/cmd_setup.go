package ui

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/setup"
)

func newSetupCmd(env *Env) *cobra.Command {
	p := env.P
	return &cobra.Command{
		Use:   "setup",
		Short: p.Sprintf("Guided setup: try the sandbox, or save your JD Cloud keys"),
		Long: p.Sprintf("Set up how cocvm connects: the built-in sandbox (no account needed), an access key\n"+
			"and secret (checked with one signed request), or a profile imported from the JD Cloud\n"+
			"CLI's ~/.jdc/config; then a default region and zone. The result is saved as a profile\n"+
			"(\"default\", or the one named by --profile) in %s\n"+
			"(mode 0600) and becomes the current profile. Run it again any time to change it.\n"+
			"It asks on a terminal (or with plain line prompts: --accessible); without one it\n"+
			"exits 2 and says which credentials cocvm already uses, or how to provide them.", presets.ConfigPath()),
		Args: argsBetween(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := runSetup(cmd.Context(), env, false)
			return err
		},
	}
}

// errSetupNeedsTerminal is returned (inside an exit-2 error) when setup has
// no terminal to ask on.
var errSetupNeedsTerminal = apiclient.Errorf("setup needs a terminal to ask its questions")

// runSetup is the guided first-time setup: try the sandbox, enter an access
// key and secret (checked with one signed call), or import the JD Cloud
// CLI's profile; then a default region and zone. The result is saved as a
// profile in config.toml (named by --profile, else "default") and made the
// current one. firstRun adds the welcome that explains why setup appeared.
//
// Ctrl-C returns an error that wraps setup.ErrAborted and exits 130.
// Without a terminal (and without --accessible) it returns an error that
// wraps errSetupNeedsTerminal and exits 2, as the wizard does; see
// setupWithoutTerminal.
func runSetup(ctx context.Context, env *Env, firstRun bool) (presets.Profile, error) {
	if !env.IO.Interactive() && !env.Flags.Accessible {
		return presets.Profile{}, setupWithoutTerminal(env)
	}
	p, err := setup.Run(ctx, env.setupConfig(firstRun))
	// The setup asks for the language and saves it with the profile: what
	// follows (the wizard after a first run, the last line) reads the
	// config afresh and speaks it, unless --lang or COCVM_LANG says
	// otherwise.
	env.forgetConfig()
	_ = env.chooseLanguage(env.Flags.Lang)
	if errors.Is(err, setup.ErrAborted) {
		return presets.Profile{}, &exitError{code: ExitInterrupted, err: err}
	}
	return p, err
}

// setupConfig is what the setup needs of the command line.
func (env *Env) setupConfig(firstRun bool) setup.Config {
	return setup.Config{
		IO:         env.IO,
		Getenv:     env.Getenv,
		Accessible: env.Flags.Accessible,
		Profile:    env.Flags.Profile,
		Endpoint:   env.Flags.Endpoint,
		Insecure:   env.Flags.Insecure,
		Debug:      env.Flags.Debug,
		UserAgent:  "cocvm/" + Version,
		FirstRun:   firstRun,
		Printer:    env.P,
		Warn:       env.warn,
	}
}

// setupWithoutTerminal is setup's answer when it cannot ask: a usage error
// (exit 2, like the wizard without a terminal) that fits the situation.
// When credentials are already found it says which and where from (never
// the secret), since cocvm works as it is and only changing them needs a
// terminal; when none are found it names every way to provide them.
func setupWithoutTerminal(env *Env) error {
	how := apiclient.T("run `cocvm setup` in one, or add --accessible for plain line prompts")
	r, err := env.resolve()
	env.warn(r.warnings)
	var msg error
	switch {
	case err == nil:
		msg = apiclient.Errorf("credentials are already set up: %v. cocvm can use them as they are.\n"+
			"To change them, %v: %v", foundCredentials(r), errSetupNeedsTerminal, how)
	case errors.Is(err, errNoCredentials):
		msg = apiclient.Errorf("%v: %v.\n%v", errSetupNeedsTerminal, how, credentialsHelp())
	default:
		// A config that does not read, --profile naming no profile yet,
		// half a key pair: say that too, after what setup needs.
		msg = apiclient.Errorf("%v: %v.\n%v", errSetupNeedsTerminal, how, err)
	}
	return &exitError{code: ExitUsage, err: msg}
}

// foundCredentials says what credentials resolve found and where, for
// messages: the access key (never the secret), or the sandbox.
func foundCredentials(r resolved) apiclient.Text {
	from := r.source
	if from.String() == "--access-key" {
		from = apiclient.T("the --access-key and --secret-key flags")
	}
	if r.sandbox {
		return apiclient.T("the built-in sandbox, from %v", from)
	}
	return apiclient.T("access key %s, from %v", r.cred.AccessKey, from)
}
