package ui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/theme"
)

func newSetupCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "setup",
		Short: "Guided setup: try the sandbox, or save your JD Cloud keys",
		Long: "Set up how cocvm connects: the built-in sandbox (no account needed), an access key\n" +
			"and secret (checked with one signed request), or a profile imported from the JD Cloud\n" +
			"CLI's ~/.jdc/config; then a default region and zone. The result is saved as a profile\n" +
			"(\"default\", or the one named by --profile) in " + presets.ConfigPath() + "\n" +
			"(mode 0600) and becomes the current profile. Run it again any time to change it.\n" +
			"It asks on a terminal (or with plain line prompts: --accessible); without one it\n" +
			"exits 2 and says which credentials cocvm already uses, or how to provide them.",
		Args: argsBetween(0, 0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := runSetup(cmd.Context(), env, false)
			return err
		},
	}
}

// formAsker asks setup's questions with huh: full-screen fields on a
// terminal, or huh's accessible line prompts with --accessible.
type formAsker struct {
	ios        *iostreams.IOStreams
	accessible bool
	theme      *huh.Theme
	in         *lineReader // accessible mode's input
	width      int         // terminal width for describe, 0 when unknown

	// ttyFd and ttyState put the terminal back after a cancelled hidden
	// prompt (term.ReadPassword switches echo off until it returns).
	ttyFd    uintptr
	ttyState *term.State
}

func newFormAsker(ios *iostreams.IOStreams, accessible bool) *formAsker {
	a := &formAsker{ios: ios, accessible: accessible, theme: theme.Huh(ios.Renderer()), width: ios.TerminalWidth()}
	if accessible {
		a.theme = huh.ThemeBase()
		a.in = &lineReader{r: bufio.NewReader(ios.In)}
		if fd, ok := ios.InputFd(); ok {
			if st, err := term.GetState(fd); err == nil {
				a.ttyFd, a.ttyState = fd, st
			}
		}
	}
	return a
}

// restoreTerminal undoes what an interrupted hidden prompt left behind.
func (a *formAsker) restoreTerminal() {
	if a.ttyState != nil {
		_ = term.Restore(a.ttyFd, a.ttyState)
	}
}

// run asks the fields: one full-screen form, or in accessible mode each
// field's line prompt in turn.
func (a *formAsker) run(ctx context.Context, fields ...huh.Field) error {
	if ctx.Err() != nil {
		return errSetupAborted
	}
	if !a.accessible {
		form := huh.NewForm(huh.NewGroup(fields...)).
			WithTheme(a.theme).
			WithShowHelp(true).
			WithInput(a.ios.In).
			WithOutput(a.ios.Out)
		err := form.RunWithContext(ctx)
		switch {
		case ctx.Err() != nil, errors.Is(err, huh.ErrUserAborted):
			return errSetupAborted
		case err != nil:
			return fmt.Errorf("setup: %w", err)
		}
		return nil
	}
	for _, fld := range fields {
		if err := a.runAccessible(ctx, fld); err != nil {
			return err
		}
	}
	return nil
}

// runAccessible runs one field's line prompt. The prompt reads aside so
// that Ctrl-C (a cancelled context: the process catches SIGINT) ends setup
// even while a read is waiting.
func (a *formAsker) runAccessible(ctx context.Context, fld huh.Field) error {
	fld.WithTheme(a.theme)
	fld.Init()
	fld.Focus()
	var in io.Reader = a.in
	if inp, ok := fld.(*huh.Input); ok && a.hiddenInput(inp) {
		// term.ReadPassword reads the terminal itself.
		in = a.ios.In
	}
	a.in.mark()
	done := make(chan error, 1)
	go func() { done <- fld.RunAccessible(a.ios.Out, in) }()
	select {
	case <-ctx.Done():
		fmt.Fprintln(a.ios.Out)
		return errSetupAborted
	case err := <-done:
		if err != nil {
			return fmt.Errorf("setup: %w", err)
		}
	}
	if _, isNote := fld.(*huh.Note); !isNote && a.in.endedSinceMark() {
		return errSetupInputEnded
	}
	return nil
}

// hiddenInput reports whether a secret field will be read with echo off,
// which huh's accessible mode can do only on a terminal.
func (a *formAsker) hiddenInput(inp *huh.Input) bool {
	return a.ttyState != nil && inp.GetKey() == secretFieldKey
}

// secretFieldKey marks the secret key input.
const secretFieldKey = "secret"

// describe prints a field's description in accessible mode, where huh's
// line prompts show only the title.
func (a *formAsker) describe(text string) {
	if a.accessible {
		fmt.Fprintln(a.ios.Out, theme.Wrap(text, a.width))
	}
}

// methodDescription explains the sandbox under the first question.
const methodDescription = "The sandbox is a built-in copy of the COC-VM API: nothing real is created or charged."

// methodField is the first question: sandbox, keys, or the JD Cloud CLI's
// profile when jdc is not nil. m holds the preselected answer.
func methodField(m *setupMethod, jdc *apiclient.JDCProfile) *huh.Select[setupMethod] {
	opts := []huh.Option[setupMethod]{
		huh.NewOption("Try the sandbox (no account needed)", methodSandbox),
		huh.NewOption("Enter an access key and secret", methodKeys),
	}
	if jdc != nil {
		opts = append(opts, huh.NewOption(fmt.Sprintf("Import profile %q from the JD Cloud CLI (~/.jdc/config)", jdc.Name), methodJDC))
	}
	return huh.NewSelect[setupMethod]().
		Title("How do you want to use cocvm?").
		Description(methodDescription).
		Options(opts...).
		Value(m)
}

func (a *formAsker) method(ctx context.Context, def setupMethod, jdc *apiclient.JDCProfile) (setupMethod, error) {
	a.describe(methodDescription)
	if def == methodKeys {
		a.describe("Press Enter to enter keys again (2).")
	} else {
		a.describe("Press Enter to try the sandbox (1).")
	}
	m := def
	if err := a.run(ctx, methodField(&m, jdc)); err != nil {
		return 0, err
	}
	return m, nil
}

// keyFields are the access key and secret key inputs bound to ak and sk
// (only the secret with secretOnly); hidden masks the secret as typed.
func keyFields(ak, sk *string, keepFor string, secretOnly, hidden bool) []huh.Field {
	akField := huh.NewInput().
		Title("Access key (AccessKey ID)").
		Description("From the JD Cloud console: https://uc.jdcloud.com/accesskey/index").
		Value(ak).
		Validate(func(s string) error {
			s = strings.TrimSpace(s)
			switch {
			case s == "" && strings.TrimSpace(*ak) == "":
				// In accessible mode an empty answer keeps the prefilled
				// access key, which ak still holds while validating.
				return errors.New("enter the access key")
			case strings.ContainsAny(s, " \t"):
				return errors.New("an access key has no spaces")
			}
			return nil
		})
	desc := "Hidden as you type; it is kept only in cocvm's config, readable only by you."
	if keepFor != "" {
		desc = "Hidden as you type. Leave empty to keep the secret saved for " + keepFor + "."
	}
	skTitle := "Secret key (AccessKey secret)"
	if secretOnly {
		skTitle = "Secret key of " + *ak
	}
	skField := huh.NewInput().
		Key(secretFieldKey).
		Title(skTitle).
		Description(desc).
		Value(sk).
		Validate(func(s string) error {
			if strings.TrimSpace(s) != "" {
				return nil
			}
			if keepFor != "" && strings.TrimSpace(*ak) == keepFor {
				return nil
			}
			return errors.New("enter the secret key")
		})
	if hidden {
		skField = skField.EchoMode(huh.EchoModePassword)
	}
	if secretOnly {
		return []huh.Field{skField}
	}
	return []huh.Field{akField, skField}
}

func (a *formAsker) keys(ctx context.Context, ak, keepFor string, secretOnly bool) (apiclient.Credentials, error) {
	var sk string
	// Off a terminal (accessible mode on a pipe) nothing echoes the input,
	// and huh could not switch echo off there anyway.
	hidden := !a.accessible || a.ttyState != nil
	fields := keyFields(&ak, &sk, keepFor, secretOnly, hidden)
	if !secretOnly {
		a.describe("Keys are made in the JD Cloud console: https://uc.jdcloud.com/accesskey/index")
		if ak != "" {
			a.describe("Press Enter to keep the access key " + ak + ".")
		}
	}
	if a.ttyState != nil {
		a.describe("The secret key is not shown as you type it.")
	}
	if keepFor != "" {
		a.describe("An empty secret key keeps the one saved for " + keepFor + ".")
	}
	if err := a.run(ctx, fields...); err != nil {
		return apiclient.Credentials{}, err
	}
	return apiclient.Credentials{AccessKey: strings.TrimSpace(ak), SecretKey: strings.TrimSpace(sk)}, nil
}

func (a *formAsker) region(ctx context.Context, def string) (string, error) {
	var opts []huh.Option[string]
	for _, r := range apiclient.Regions() {
		opts = append(opts, huh.NewOption(fmt.Sprintf("%-16s %s (%s)", r.ID, r.Name, r.EnglishName), r.ID))
	}
	a.describe("Press Enter for " + def + ".")
	v := def
	sel := huh.NewSelect[string]().
		Title("Default region").
		Description("Where the wizard starts; every create can choose another.").
		Options(opts...).
		Value(&v)
	if err := a.run(ctx, sel); err != nil {
		return "", err
	}
	return v, nil
}

func (a *formAsker) zone(ctx context.Context, r apiclient.Region, def string) (string, error) {
	a.describe("Press Enter for " + def + ".")
	v := def
	sel := huh.NewSelect[string]().
		Title("Default availability zone in " + r.ID).
		Options(huh.NewOptions(r.Zones...)...).
		Value(&v)
	if err := a.run(ctx, sel); err != nil {
		return "", err
	}
	return v, nil
}

func (a *formAsker) afterFailedCheck(ctx context.Context, secretWrong bool) (afterCheck, error) {
	again := "Enter the keys again"
	if secretWrong {
		again = "Enter the secret key again"
	}
	v := checkReenter
	sel := huh.NewSelect[afterCheck]().
		Title("What now?").
		Options(
			huh.NewOption(again, checkReenter),
			huh.NewOption("Save them anyway", checkSaveAnyway),
			huh.NewOption("Cancel: save nothing", checkCancel),
		).
		Value(&v)
	if err := a.run(ctx, sel); err != nil {
		return 0, err
	}
	return v, nil
}

// lineReader gives out its input one line per Read. huh's accessible
// prompts wrap the reader in a fresh bufio.Scanner for every prompt; a
// Scanner reading a pipe would swallow the answers to later prompts.
type lineReader struct {
	r       *bufio.Reader
	pending []byte
	ended   bool // the input has ended
	given   int  // bytes given out since mark
}

func (l *lineReader) Read(p []byte) (int, error) {
	if len(l.pending) == 0 {
		line, err := l.r.ReadBytes('\n')
		if len(line) == 0 {
			if errors.Is(err, io.EOF) {
				l.ended = true
			}
			return 0, err
		}
		l.pending = line
	}
	n := copy(p, l.pending)
	l.pending = l.pending[n:]
	l.given += n
	return n, nil
}

// mark starts watching for input ending before one prompt got an answer.
func (l *lineReader) mark() { l.given = 0 }

// endedSinceMark reports whether the input ended with nothing read since
// mark: the prompt got no answer at all.
func (l *lineReader) endedSinceMark() bool { return l.ended && l.given == 0 }
