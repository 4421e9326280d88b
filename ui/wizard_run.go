package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spf13/pflag"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/launch"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

// runWizardCommand is `cocvm` and `cocvm create` without --yes: the
// full-screen wizard, or with --accessible its line prompts.
func runWizardCommand(ctx context.Context, env *Env, o *createOptions) error {
	if !env.IO.Interactive() && !env.Flags.Accessible {
		return usageError("the wizard needs a terminal; to create without one, pass --yes with flags or --preset " +
			"(see cocvm create --help), or --accessible for plain line prompts")
	}
	if err := o.apply(&wizard.Draft{}); err != nil {
		return err
	}
	sess, err := connectOrSetUp(ctx, env)
	if err != nil {
		return err
	}
	defer sess.Close()
	cfg, err := wizardConfig(ctx, env, sess, o)
	if err != nil {
		return err
	}
	// The slow-changing lists show at once from the last run's, then are
	// refreshed.
	cfg.Cache, cfg.Place = presets.DefaultCatalogCache(), catalogPlace(sess)
	if env.Flags.Accessible {
		return runAccessible(ctx, env, sess, cfg, o)
	}
	if o.preset == "" && !anyCreateFlag(o) {
		cfg.Presets = loadPresetChoices(env.P, presets.DefaultStore())
	}
	journal := newJournalRecorder(env, sess, o.preset)
	cfg.Journal = journal
	cfg.Settled = journal.final
	cfg.Notice = unresolvedNotice(env.P, sess.Journal)
	return runWizard(ctx, env, launch.New(ctx, cfg))
}

// connectOrSetUp connects, after the first-time setup when no credentials
// are found.
func connectOrSetUp(ctx context.Context, env *Env) (*Session, error) {
	sess, err := env.Connect(ctx)
	if errors.Is(err, errNoCredentials) {
		if _, err = runSetup(ctx, env, true); err != nil {
			return nil, err
		}
		sess, err = env.Connect(ctx)
	}
	return sess, err
}

// wizardConfig is what the wizard starts from: the draft of the preset and
// flags, the password from stdin, and the presets store.
func wizardConfig(ctx context.Context, env *Env, sess *Session, o *createOptions) (launch.Config, error) {
	d, err := o.sessionDraft(env, sess)
	if err != nil {
		return launch.Config{}, err
	}
	paced := apiclient.WithPacer(ctx, sess.Budget)
	if err := o.resolveZones(paced, sess.Lookups, &d); err != nil {
		return launch.Config{}, err
	}
	if err := resolveNames(paced, sess.Lookups, &d); err != nil {
		return launch.Config{}, err
	}
	var password string
	if o.passwordStdin {
		if password, err = readPassword(env.IO.In); err != nil {
			return launch.Config{}, err
		}
	}
	store := presets.DefaultStore()
	return launch.Config{
		Renderer:      env.IO.Renderer(),
		Printer:       env.P,
		Catalog:       sess.Client,
		Draft:         d,
		Sandbox:       sess.Sandbox,
		Budget:        sess.Budget,
		Preset:        o.preset,
		Password:      password,
		StartAtReview: o.preset != "",
		SavePreset: func(name string, d wizard.Draft, overwrite bool) error {
			if err := presets.ValidateName(name); err != nil {
				return err
			}
			if !overwrite && store.Exists(name) {
				return apiclient.Errorf("a preset named %q exists", name)
			}
			return store.Save(presets.New(name, "", d))
		},
		PresetExists: store.Exists,
	}, nil
}

// runWizard runs the wizard's program full-screen and says, once it is
// gone, what became of the instances.
func runWizard(ctx context.Context, env *Env, m *launch.Model) error {
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithAltScreen(), tea.WithInput(env.IO.In), tea.WithOutput(env.IO.Out))
	_, err := p.Run()
	if after := m.Farewell(); after != "" {
		fmt.Fprintln(env.IO.ErrOut, strings.TrimRight(after, "\n"))
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		return err
	}
	if ctx.Err() != nil && m.Outcome() == watch.AllRunning {
		return exitCode(ExitInterrupted)
	}
	return exitFor(m.Outcome())
}

// runAccessible is the wizard as line prompts, then the create as
// `create --yes` sends it, with plain progress lines.
func runAccessible(ctx context.Context, env *Env, sess *Session, cfg launch.Config, o *createOptions) error {
	d, ok, err := launch.RunAccessible(ctx, env.IO, cfg)
	switch {
	case errors.Is(err, launch.ErrStopped):
		return exitCode(ExitInterrupted)
	case err != nil:
		return err
	case !ok:
		return nil
	}
	return submitAndWatch(ctx, env, sess, d, &createOptions{yes: true, output: "text", preset: o.preset})
}

// anyCreateFlag reports whether any create flag was given (then the preset
// picker is skipped: the person already said what they want).
func anyCreateFlag(o *createOptions) bool {
	changed := false
	if o.flags != nil {
		o.flags.Visit(func(*pflag.Flag) { changed = true })
	}
	return changed
}

func loadPresetChoices(p *message.Printer, store presets.Store) []launch.PresetChoice {
	list, errs := store.List()
	var out []launch.PresetChoice
	for _, p := range list {
		d := p.ToDraft()
		summary := fmt.Sprintf("%s · %s · %d × %s", theme.OrDash(d.Region), theme.OrDash(d.Spec.Az), max(d.Count, 1), theme.OrDash(d.Spec.InstanceType))
		if p.Description != "" {
			summary = p.Description + " · " + summary
		}
		out = append(out, launch.PresetChoice{Name: p.Name, Summary: summary, Draft: d})
	}
	for _, err := range errs {
		var fe *presets.FileError
		name := p.Sprintf("(unreadable)")
		if errors.As(err, &fe) {
			name = strings.TrimSuffix(baseName(fe.Path), ".toml")
		}
		out = append(out, launch.PresetChoice{Name: name, Err: err})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// unresolvedNotice is the wizard's one line about the newest create whose
// outcome is unknown, or "" when there is none.
func unresolvedNotice(p *message.Printer, journal string) string {
	open, err := presets.UnresolvedRun(journal, "")
	if err != nil || len(open) == 0 {
		return ""
	}
	// It is the newest: a bare --resume picks it, and the line stays short.
	in := open[0].Intent
	return p.Sprintf("Unknown outcome: %d × %s, %s · to resume: %s",
		max(in.Count, 1), theme.OrDash(in.InstanceType), in.Time.Local().Format(shortTimeLayout(p)), launch.ResumeCommand(""))
}

// shortTimeLayout is a day and time of this year as p's language writes
// them: "Jan 2 15:04", "1月2日 15:04".
func shortTimeLayout(p *message.Printer) string {
	if locale.LangOf(p) == locale.Chinese {
		return "1月2日 15:04"
	}
	return "Jan 2 15:04"
}
