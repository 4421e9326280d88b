package ui

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spf13/pflag"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/presets"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/ui/watch"
	"github.com/cocvm/cocvm/wizard"
)

// runWizardCommand is `cocvm` and `cocvm create` without --yes.
func runWizardCommand(ctx context.Context, env *Env, o *createOptions) error {
	if !env.IO.Interactive() && !env.Flags.Accessible {
		return usageError("the wizard needs a terminal; to create without one, pass --yes with flags or --preset " +
			"(see cocvm create --help), or --accessible for plain line prompts")
	}
	if err := o.apply(&wizard.Draft{}); err != nil {
		return err
	}
	sess, err := env.Connect(ctx)
	if errors.Is(err, errNoCredentials) {
		if _, err = runSetup(ctx, env, true); err != nil {
			return err
		}
		sess, err = env.Connect(ctx)
	}
	if err != nil {
		return err
	}
	defer sess.Close()

	d, err := o.sessionDraft(env, sess)
	if err != nil {
		return err
	}
	var password string
	if o.passwordStdin {
		if password, err = readPassword(env.IO.In); err != nil {
			return err
		}
	}
	if env.Flags.Accessible {
		return runAccessible(ctx, env, sess, d, password, o.preset)
	}
	store := presets.DefaultStore()
	journal := newJournalRecorder(env, sess, o.preset)
	cfg := wizardConfig{
		Catalog:       sess.Client,
		Draft:         d,
		Sandbox:       sess.Sandbox,
		Profile:       sess.Profile,
		Endpoint:      sess.Endpoint,
		Preset:        o.preset,
		Password:      password,
		StartAtReview: o.preset != "",
		Journal:       journal,
		Notice:        unresolvedNotice(sess.Journal),
		SavePreset: func(name string, d wizard.Draft, overwrite bool) error {
			if err := presets.ValidateName(name); err != nil {
				return err
			}
			if !overwrite && store.Exists(name) {
				return fmt.Errorf("a preset named %q exists", name)
			}
			return store.Save(presets.New(name, "", d))
		},
		PresetExists: store.Exists,
	}
	if o.preset == "" && !anyCreateFlag(o) {
		cfg.Presets = loadPresetChoices(store)
	}
	m := newWizardModel(ctx, cfg)
	m.cfg.Settled = func(sum watch.Summary) { journal.final(m.draft.Region, sum) }
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithAltScreen(), tea.WithInput(env.IO.In), tea.WithOutput(env.IO.Out))
	_, err = p.Run()
	if m.after != "" {
		fmt.Fprintln(env.IO.ErrOut, strings.TrimRight(m.after, "\n"))
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		return err
	}
	if ctx.Err() != nil && m.exit == 0 {
		return exitCode(ExitInterrupted)
	}
	if m.exit != 0 {
		return exitCode(m.exit)
	}
	return nil
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

func loadPresetChoices(store presets.Store) []presetChoice {
	list, errs := store.List()
	var out []presetChoice
	for _, p := range list {
		d := p.ToDraft()
		summary := fmt.Sprintf("%s · %s · %d × %s", theme.OrDash(d.Region), theme.OrDash(d.Spec.Az), max(d.Count, 1), theme.OrDash(d.Spec.InstanceType))
		if p.Description != "" {
			summary = p.Description + " · " + summary
		}
		out = append(out, presetChoice{Name: p.Name, Summary: summary, Draft: d})
	}
	for _, err := range errs {
		var fe *presets.FileError
		name := "(unreadable)"
		if errors.As(err, &fe) {
			name = strings.TrimSuffix(baseName(fe.Path), ".toml")
		}
		out = append(out, presetChoice{Name: name, Err: err})
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

// newWizardStatus starts the status panel for what was just created.
func newWizardStatus(m *wizardModel, ids []string, resps []*apiclient.CreateInstancesResponse) *watch.Panel {
	d := m.review.draftWithToken()
	meta := watch.Meta{
		Count: max(d.Count, 1), InstanceType: d.Spec.InstanceType, Zone: d.Spec.Az, Name: d.Spec.Name,
		ClientToken: d.ClientToken, Sandbox: m.cfg.Sandbox, Journaled: m.cfg.Journal != nil,
	}
	if len(resps) > 0 {
		meta.RequestID = resps[0].RequestID
	}
	sm := watch.NewPanel(m.ctx, m.cfg.Catalog, d.Region, ids, meta, watch.Options{
		Renderer:   m.cfg.Renderer,
		Now:        m.cfg.Now,
		After:      m.cfg.After,
		AllowRetry: true,
		AllowSave:  m.cfg.SavePreset != nil,
	})
	sm.Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
	return sm
}
