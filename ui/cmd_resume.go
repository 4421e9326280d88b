package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/pflag"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/launch"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// resumeNewest is --resume's value when no token is given.
const resumeNewest = "newest"

// resumeKeeps are the create flags that go with --resume: they say how to
// send and report, not what to send.
var resumeKeeps = map[string]bool{"resume": true, "yes": true, "no-wait": true, "output": true, "password-stdin": true}

// runResume is `cocvm create --resume [TOKEN]`: the requests of a create
// whose outcome is unknown, sent again from the journal with the same
// clientTokens and bodies, then reported like any create.
func runResume(ctx context.Context, env *Env, o *createOptions, local *pflag.FlagSet, token string) error {
	var other []string
	local.VisitAll(func(f *pflag.Flag) {
		if f.Changed && !resumeKeeps[f.Name] {
			other = append(other, "--"+f.Name)
		}
	})
	if len(other) > 0 {
		return usageError("--resume sends the request exactly as it was first sent; %s would change it. "+
			"To create something else, leave out --resume", strings.Join(other, " "))
	}
	if token == resumeNewest {
		token = ""
	}
	path := presets.JournalPath()
	open, err := presets.UnresolvedRun(path, token)
	if errors.Is(err, presets.ErrNothingToResume) {
		return &exitError{code: ExitFailed, err: apiclient.Errorf("%v. To follow the newest create: cocvm watch --last", err)}
	}
	if err != nil {
		return err
	}
	first := open[0].Intent
	if err := pointAtJournal(env, first); err != nil {
		return err
	}
	sess, err := env.Connect(ctx)
	if err != nil {
		return err
	}
	defer sess.Close()

	reqs := make([]apiclient.CreateInstancesRequest, 0, len(open))
	needPassword := false
	for _, u := range open {
		req, err := u.Intent.Request()
		if err != nil {
			return &exitError{code: ExitFailed, err: err}
		}
		reqs = append(reqs, req)
		needPassword = needPassword || u.Intent.PasswordSet
	}
	d := wizard.RequestToDraft(first.Region, reqs[0])
	d.Count = 0
	for _, r := range reqs {
		d.Count += max(r.MaxCount, 1)
	}
	describeResume(env.P, env.IO.ErrOut, open, d)

	if needPassword {
		pw, err := resumePassword(ctx, env, o)
		if err != nil {
			return err
		}
		for i := range reqs {
			if open[i].Intent.PasswordSet {
				reqs[i].InstanceSpec.Password = pw
			}
		}
		d.Spec.Password = pw
	}
	if !o.yes {
		if !env.IO.InTTY || o.passwordStdin {
			return usageError("--resume sends a create; add --yes to send it without a question")
		}
		ok, err := askYesNo(ctx, env.IO, env.P.Sprintf("Send it again with the same clientToken? [y/N] "))
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(env.IO.ErrOut, env.P.Sprintf("Nothing was sent."))
			return exitCode(ExitFailed)
		}
	}

	journal := newJournalRecorder(env, sess, first.Preset)
	return sendAndWatch(ctx, env, sess, journal, first.Region, theme.FirstNonEmpty(first.Run, first.ClientToken), reqs, d, o)
}

// pointAtJournal sends the resumed request where it first went: the same
// sandbox, endpoint or profile. Flags that point elsewhere are refused: the
// clientToken means nothing to another service, which would create anew.
func pointAtJournal(env *Env, rec presets.Record) error {
	builtIn := rec.Sandbox && rec.Endpoint == ""
	endpoint := theme.FirstNonEmpty(env.Flags.Endpoint, env.Getenv("COCVM_ENDPOINT"))
	where := apiclient.T("JD Cloud")
	switch {
	case builtIn:
		where = apiclient.T("the built-in sandbox")
	case rec.Endpoint != "":
		where = apiclient.T("%s", rec.Endpoint)
	}
	if rec.Profile != "" && !builtIn {
		where = apiclient.T("%v (profile %s)", where, rec.Profile)
	}
	mismatch := env.Flags.Sandbox && !builtIn ||
		endpoint != "" && endpoint != rec.Endpoint ||
		env.Flags.Profile != "" && rec.Profile != "" && env.Flags.Profile != rec.Profile
	if mismatch {
		return usageError("the request was first sent to %s; --resume sends it there again. "+
			"Leave out --sandbox, --endpoint, --profile and COCVM_ENDPOINT", where)
	}
	switch {
	case builtIn:
		env.Flags.Sandbox = true
	case rec.Endpoint != "":
		env.Flags.Endpoint = rec.Endpoint
	}
	if rec.Profile != "" && !builtIn {
		env.Flags.Profile = rec.Profile
	}
	return nil
}

// describeResume says on stderr what is about to be sent again.
func describeResume(p *message.Printer, w io.Writer, open []presets.Unresolved, d wizard.Draft) {
	first := open[0].Intent
	fmt.Fprintln(w, p.Sprintf("Resuming a create of %d instances sent %s: %s · %s · %s · name %s",
		d.Count, first.Time.Local().Format("2006-01-02 15:04:05"),
		first.Region, theme.OrDash(first.Zone), theme.OrDash(first.InstanceType), theme.OrDash(first.Name)))
	for _, u := range open {
		what := p.Sprintf("its outcome is unknown")
		switch {
		case u.Outcome == nil:
			what = p.Sprintf("never answered (or never sent)")
		case u.Outcome.Accepted:
			what = p.Sprintf("accepted, the ids could not be read")
		case u.Outcome.Error != "":
			// The journal keeps the error in English, as it was.
			what = p.Sprintf("its outcome is unknown: %s", u.Outcome.Error)
		}
		fmt.Fprintln(w, "  "+p.Sprintf("clientToken %s · %d instances · %s", u.Intent.ClientToken, max(u.Intent.Count, 1), what))
	}
	fmt.Fprintln(w, p.Sprintf("The same clientToken with the same body cannot create twice: the API answers with what it already created, or creates it now."))
}

// resumePassword asks again for the password the request was first sent
// with: from stdin with --password-stdin, else hidden on the terminal.
func resumePassword(ctx context.Context, env *Env, o *createOptions) (string, error) {
	var pw string
	var err error
	switch {
	case o.passwordStdin:
		pw, err = readPassword(env.IO.In)
	case env.IO.InTTY:
		pw, err = askHidden(ctx, env, env.P.Sprintf("The request had a password, which cocvm never keeps. Type it as first sent: "))
	default:
		return "", usageError("the request had a password, which cocvm never keeps: give it again with --password-stdin")
	}
	if err != nil {
		return "", err
	}
	if len(wizard.CheckPassword(pw)) > 0 {
		// The first request passed every rule, so this is not its password.
		return "", usageError("that is not the password the request was sent with: it %v. Nothing was sent",
			launch.BrokenPasswordRulesText(pw))
	}
	return pw, nil
}

// askHidden reads one line from the terminal with echo off. Ctrl-C (the
// context) ends it and puts the terminal back.
func askHidden(ctx context.Context, env *Env, prompt string) (string, error) {
	fd, ok := env.IO.InputFd()
	if !ok {
		return "", usageError("no terminal to ask for the password on: use --password-stdin")
	}
	state, err := term.GetState(fd)
	if err != nil {
		return "", err
	}
	fmt.Fprint(env.IO.ErrOut, prompt)
	type answer struct {
		b   []byte
		err error
	}
	done := make(chan answer, 1)
	go func() {
		b, err := term.ReadPassword(fd)
		done <- answer{b, err}
	}()
	select {
	case <-ctx.Done():
		_ = term.Restore(fd, state)
		fmt.Fprintln(env.IO.ErrOut)
		return "", &exitError{code: ExitInterrupted, err: apiclient.Errorf("stopped: nothing was sent")}
	case a := <-done:
		fmt.Fprintln(env.IO.ErrOut)
		if a.err != nil {
			return "", a.err
		}
		return strings.TrimRight(string(a.b), "\r\n"), nil
	}
}
