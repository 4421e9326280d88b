package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/prompt"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// The accessible wizard (--accessible or ACCESSIBLE): the same steps, the
// same defaults and the same rules as the full-screen wizard, asked as
// plain line prompts with huh's accessible mode, one question at a time.

// runSync runs look-up commands to completion, feeding each answer back to
// the model, without a Bubble Tea program.
func (m *wizardModel) runSync(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			m.runSync(c)
		}
	case loadedMsg:
		m.runSync(m.onLoaded(msg))
	}
	m.runSync(m.flushLoads())
}

func runAccessible(ctx context.Context, env *Env, sess *Session, d wizard.Draft, password, preset string) error {
	m := newWizardModel(ctx, wizardConfig{Catalog: sess.Client, Draft: d, Sandbox: sess.Sandbox, Password: password, Preset: preset})
	m.phase = phaseForm
	out := env.IO.Out
	if sess.Sandbox {
		fmt.Fprintln(out, "SANDBOX: a built-in copy of the COC-VM API; nothing real is created or charged.")
	}
	fmt.Fprintln(out, "Loading the catalogue for "+m.draft.Region+"…")
	m.runSync(m.loadRegion())

	// The setup's asker reads one line per prompt (so piped answers reach
	// every prompt) and hides the password on a terminal.
	asker := prompt.New(env.IO, true)
	ask := func(fields ...huh.Field) error {
		err := asker.Run(ctx, fields...)
		switch {
		case errors.Is(err, prompt.ErrAborted):
			fmt.Fprintln(env.IO.ErrOut, "Stopped: nothing was created.")
			return exitCode(ExitInterrupted)
		case errors.Is(err, prompt.ErrInputEnded):
			return &exitError{code: ExitFailed, err: errors.New("the input ended before every question was answered: nothing was created")}
		}
		return err
	}
	secretInput := func(title string, v *string) *huh.Input {
		in := huh.NewInput().Title(title).Value(v)
		if asker.HidesSecrets() {
			in = in.Key(prompt.SecretKey).EchoMode(huh.EchoModePassword)
		}
		return in
	}
	pick := func(title string, f *field.List) error {
		opts := listOptions(f)
		if len(opts) == 0 {
			v := f.Selected
			if err := ask(huh.NewInput().Title(title + " (type an id)").Value(&v)); err != nil {
				return err
			}
			f.OnChange(strings.TrimSpace(v))
		} else {
			v := f.Selected
			if err := ask(huh.NewSelect[string]().Title(title).Options(opts...).Value(&v)); err != nil {
				return err
			}
			if v != f.Selected && f.OnChange != nil {
				f.Selected = v
				f.OnChange(v)
			}
		}
		m.runSync(m.flushLoads())
		return nil
	}
	number := func(title string, f *field.Input) error {
		v := f.Value()
		if err := ask(huh.NewInput().Title(title).Value(&v).Validate(func(s string) error {
			if _, err := strconv.Atoi(strings.TrimSpace(s)); err != nil {
				return fmt.Errorf("%q is not a whole number", s)
			}
			return nil
		})); err != nil {
			return err
		}
		f.SetValue(v)
		f.OnEdit(v)
		return nil
	}
	text := func(title string, f *field.Input) error {
		v := f.Value()
		if err := ask(huh.NewInput().Title(title).Value(&v)); err != nil {
			return err
		}
		f.SetValue(v)
		f.OnEdit(v)
		return nil
	}
	check := func(id stepID) {
		m.revalidate()
		for _, p := range m.stepProblems(id) {
			fmt.Fprintln(out, "  problem: "+shortPath(p.Path)+": "+p.Message)
		}
	}
	f := &m.f
	steps := []func() error{
		func() error {
			if err := pick("Region", f.region); err != nil {
				return err
			}
			return pick("Zone", f.zone)
		},
		func() error { return pick("Instance type (zone "+m.draft.Spec.Az+")", f.types) },
		func() error { return pick("Image", f.images) },
		func() error {
			if err := pick("VPC", f.vpc); err != nil {
				return err
			}
			if err := pick("Subnet", f.subnet); err != nil {
				return err
			}
			opts := listOptions(f.groups)
			chosen := append([]string(nil), f.groups.Picked...)
			if err := ask(huh.NewMultiSelect[string]().Title("Security groups (at least one)").Options(opts...).Value(&chosen)); err != nil {
				return err
			}
			f.groups.Picked = chosen
			m.setGroups(chosen)
			if err := text("Private IP (empty: automatic; an IP forces count 1)", f.ip); err != nil {
				return err
			}
			eip := m.draft.Spec.ElasticIPSpec != nil
			if err := ask(huh.NewConfirm().Title("Attach an elastic public IP?").Value(&eip)); err != nil {
				return err
			}
			f.eip.Selected = map[bool]int{false: 0, true: 1}[eip]
			f.eip.OnChange(f.eip.Selected)
			if eip {
				return number("Bandwidth in Mbps (1 to 200)", f.eipMbps)
			}
			return nil
		},
		func() error {
			names := m.diskTypeNames()
			v := m.draft.Spec.SystemDisk.DiskType
			var opts []huh.Option[string]
			for _, o := range m.diskTypeOptions() {
				if o.Disabled == "" {
					opts = append(opts, huh.NewOption(o.Label, o.Label))
				}
			}
			if err := ask(huh.NewSelect[string]().Title("System disk type").Options(opts...).Value(&v)); err != nil {
				return err
			}
			for i, n := range names {
				if n == v {
					f.sysType.OnChange(i)
				}
			}
			if err := number("System disk size in GiB (40 to 500, steps of 10)", f.sysSize); err != nil {
				return err
			}
			var data string
			if err := ask(huh.NewInput().Title("Data disks as TYPE:GB, comma-separated (empty: none)").Value(&data).Validate(func(s string) error {
				_, err := parseDiskList(s)
				return err
			})); err != nil {
				return err
			}
			m.draft.Spec.DataDisks, _ = parseDiskList(data)
			return nil
		},
		func() error {
			unit := m.draft.Spec.Charge.ChargeUnit
			if err := ask(huh.NewSelect[string]().Title("Pay by").Options(huh.NewOptions("month", "year")...).Value(&unit)); err != nil {
				return err
			}
			f.chargeUnit.Selected = map[string]int{"month": 0, "year": 1}[unit]
			f.chargeUnit.OnChange(f.chargeUnit.Selected)
			if err := number("Duration (1 to 9 months, or 1 to 3 years)", f.chargeDuration); err != nil {
				return err
			}
			renew := m.draft.Spec.Charge.AutoRenew
			if err := ask(huh.NewConfirm().Title("Renew automatically?").Value(&renew)); err != nil {
				return err
			}
			m.draft.Spec.Charge.AutoRenew = renew
			return nil
		},
		func() error {
			method := "password"
			if m.draft.Spec.KeyName != "" {
				method = "key"
			}
			opts := []huh.Option[string]{huh.NewOption("Password", "password")}
			if !m.isWindows() {
				opts = append(opts, huh.NewOption("Key pair", "key"))
			}
			if err := ask(huh.NewSelect[string]().Title("Login").Options(opts...).Value(&method)); err != nil {
				return err
			}
			if method == "key" {
				f.login.Selected = 1
				f.login.OnChange(1)
				if err := pick("Key pair", f.keypair); err != nil {
					return err
				}
				allow := m.draft.Spec.PasswordAuth != "no"
				if err := ask(huh.NewConfirm().Title("Allow SSH password login?").Value(&allow)); err != nil {
					return err
				}
				m.draft.Spec.PasswordAuth = map[bool]string{true: "yes", false: "no"}[allow]
			} else if m.draft.Spec.Password == "" {
				var pw, again string
				if err := ask(secretInput("Password", &pw).Validate(func(s string) error {
					if ps := wizard.CheckPassword(s); len(ps) > 0 {
						return errors.New(strings.Join(ps, "; "))
					}
					return nil
				})); err != nil {
					return err
				}
				if err := ask(secretInput("Confirm the password", &again).Validate(func(s string) error {
					if s != pw {
						return errors.New("the confirmation does not match the password")
					}
					return nil
				})); err != nil {
					return err
				}
				m.draft.Spec.Password, m.confirm = pw, again
				f.password.SetValue(pw)
				f.confirm.SetValue(again)
			}
			if err := text("Name (1 to 64 characters)", f.name); err != nil {
				return err
			}
			return number("How many instances (over 100 is sent as several requests)", f.count)
		},
	}
	for i, step := range steps {
		for {
			fmt.Fprintf(out, "\nStep %d of 7: %s\n", i+1, m.steps[i].Title)
			if err := step(); err != nil {
				return err
			}
			check(stepID(i))
			if len(m.stepProblems(stepID(i))) == 0 {
				break
			}
			fmt.Fprintln(out, "Please answer this step again.")
		}
	}

	m.review.ensureToken()
	d = m.review.draftWithToken()
	fmt.Fprintln(out, "\nThe request, as it will be sent (password masked):")
	if err := printBodies(out, d, false); err != nil {
		return err
	}
	if q := m.quota(); q != nil {
		fmt.Fprintf(out, "Quota: %d of %d instances used, %d left.\n", q.Used, q.Limit, max(0, q.Limit-q.Used))
	}
	fmt.Fprintf(out, "Prepaid: %s × %s is deducted from the account when you confirm.\n",
		durationText(d.Spec.Charge), theme.Plural(max(d.Count, 1), "instance", "instances"))
	yes := false
	if err := ask(huh.NewConfirm().Title(fmt.Sprintf("Create %s and deduct %s of prepaid charges?",
		theme.Plural(max(d.Count, 1), "instance", "instances"), durationText(d.Spec.Charge))).Value(&yes)); err != nil {
		return err
	}
	if !yes {
		fmt.Fprintln(out, "Nothing was created.")
		return nil
	}
	o := &createOptions{yes: true, output: "text", preset: preset}
	return submitAndWatch(ctx, env, sess, d, o)
}

// parseDiskList parses "ssd.gp1:100, hdd.std1:500".
func parseDiskList(s string) ([]apiclient.InstanceDiskAttachmentSpec, error) {
	var out []apiclient.InstanceDiskAttachmentSpec
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		d, err := wizard.ParseDisk(part)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// listOptions are a list field's choosable rows as huh options.
func listOptions(f *field.List) []huh.Option[string] {
	var opts []huh.Option[string]
	for _, r := range f.Rows() {
		if r.Disabled != "" {
			continue
		}
		label := strings.Join(nonEmpty(r.Cells), " · ")
		if r.Flag != "" {
			label += " (" + r.Flag + ")"
		}
		opts = append(opts, huh.NewOption(label, r.ID))
	}
	return opts
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" && c != "—" {
			out = append(out, c)
		}
	}
	return out
}
