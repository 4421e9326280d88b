package launch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/iostreams"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/prompt"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// The accessible wizard (--accessible or ACCESSIBLE): the same steps, the
// same defaults and the same rules as the full-screen wizard, asked as
// plain line prompts with huh's accessible mode, one question at a time.

// ErrStopped is returned when the person stops the accessible wizard
// (Ctrl-C): nothing was created, and it has said so.
var ErrStopped = apiclient.Errorf("stopped: nothing was created")

// errInputEnded is the accessible wizard's word for input that ended early.
var errInputEnded = apiclient.Errorf("the input ended before every question was answered: nothing was created")

// RunAccessible asks the wizard's steps as line prompts on ios, then shows
// the request and asks for confirmation. It returns the draft to send, its
// clientToken fixed, and whether the person confirmed; ErrStopped after
// Ctrl-C.
func RunAccessible(ctx context.Context, ios *iostreams.IOStreams, cfg Config) (wizard.Draft, bool, error) {
	a := &accessible{
		ctx:    ctx,
		m:      New(ctx, cfg),
		out:    ios.Out,
		errOut: ios.ErrOut,
		// The asker reads one line per prompt (so piped answers reach
		// every prompt) and hides the password on a terminal.
		asker: prompt.New(ios, true),
	}
	a.asker = a.asker.WithPrinter(a.m.st.P)
	a.m.phase = phaseForm
	p := a.m.st.P
	if cfg.Sandbox {
		fmt.Fprintln(a.out, p.Sprintf("SANDBOX: a built-in copy of the COC-VM API; nothing real is created or charged."))
	}
	fmt.Fprintln(a.out, p.Sprintf("Loading the catalogue for %s…", a.m.draft.Region))
	a.m.runSync(a.m.loadRegion())
	steps := []func() error{a.zone, a.instanceType, a.image, a.network, a.disks, a.billing, a.login}
	for i, step := range steps {
		if err := a.untilValid(stepID(i), step); err != nil {
			return wizard.Draft{}, false, err
		}
	}
	return a.confirm()
}

// accessible is one run of the accessible wizard: the model it fills, and
// where it asks.
type accessible struct {
	ctx         context.Context
	m           *Model
	out, errOut io.Writer
	asker       *prompt.Asker
}

// runSync runs look-up commands to completion, feeding each answer back to
// the model, without a Bubble Tea program.
func (m *Model) runSync(cmd tea.Cmd) {
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

// untilValid asks a step until the rules find nothing wrong with it.
func (a *accessible) untilValid(id stepID, step func() error) error {
	p := a.m.st.P
	for {
		p.Fprintf(a.out, "\nStep %d of 7: %s\n", int(id)+1, a.m.steps[id].Title)
		if err := step(); err != nil {
			return err
		}
		a.m.revalidate()
		ps := a.m.stepProblems(id)
		for _, p := range ps {
			fmt.Fprintln(a.out, "  "+a.m.st.P.Sprintf("problem: %s: %s", shortPath(p.Path), locale.Say(a.m.st.P, p.Message)))
		}
		if len(ps) == 0 {
			return nil
		}
		fmt.Fprintln(a.out, p.Sprintf("Please answer this step again."))
	}
}

// ask asks the fields, in the wizard's words when the person stops or the
// input ends.
func (a *accessible) ask(fields ...huh.Field) error {
	err := a.asker.Run(a.ctx, fields...)
	switch {
	case errors.Is(err, prompt.ErrAborted):
		fmt.Fprintln(a.errOut, a.m.st.P.Sprintf("Stopped: nothing was created."))
		return ErrStopped
	case errors.Is(err, prompt.ErrInputEnded):
		return errInputEnded
	}
	return err
}

// secret is an input read with echo off where the terminal allows.
func (a *accessible) secret(title string, v *string) *huh.Input {
	in := huh.NewInput().Title(title).Value(v)
	if a.asker.HidesSecrets() {
		in = in.Key(prompt.SecretKey).EchoMode(huh.EchoModePassword)
	}
	return in
}

// pick asks for one row of a list, or for an id when it has none.
func (a *accessible) pick(title string, f *field.List) error {
	opts := listOptions(a.m.st.P, f)
	v := f.Selected
	if f.Note != "" {
		// What the look-up could not read, or what its refresh changed.
		fmt.Fprintln(a.out, title+": "+f.Note)
	}
	if len(opts) == 0 {
		if err := a.ask(huh.NewInput().Title(a.m.st.P.Sprintf("%s (type an id)", title)).Value(&v)); err != nil {
			return err
		}
		f.OnChange(strings.TrimSpace(v))
	} else {
		if err := a.ask(huh.NewSelect[string]().Title(title).Options(opts...).Value(&v)); err != nil {
			return err
		}
		if v != f.Selected && f.OnChange != nil {
			f.Selected = v
			f.OnChange(v)
		}
	}
	a.m.runSync(a.m.flushLoads())
	return nil
}

// withDefault shows the value a bare Enter keeps.
func withDefault(title, v string) string {
	if v = strings.TrimSpace(v); v != "" {
		return title + " [" + v + "]"
	}
	return title
}

// number asks for a whole number into f; a bare Enter keeps the one shown.
func (a *accessible) number(title string, f *field.Input) error {
	v := f.Value()
	err := a.ask(huh.NewInput().Title(withDefault(title, v)).Value(&v).Validate(func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil // the default
		}
		if _, err := strconv.Atoi(strings.TrimSpace(s)); err != nil {
			return errors.New(a.m.st.P.Sprintf("%q is not a whole number", s))
		}
		return nil
	}))
	if err != nil {
		return err
	}
	f.SetValue(v)
	f.OnEdit(v)
	return nil
}

// text asks for a line of text into f; a bare Enter keeps the one shown.
func (a *accessible) text(title string, f *field.Input) error {
	v := f.Value()
	if err := a.ask(huh.NewInput().Title(withDefault(title, v)).Value(&v)); err != nil {
		return err
	}
	f.SetValue(v)
	f.OnEdit(v)
	return nil
}

// choose sets a choice to option i, as ←/→ would.
func choose(c *field.Choice, i int) {
	c.Selected = i
	c.OnChange(i)
}

func (a *accessible) zone() error {
	p := a.m.st.P
	if err := a.pick(p.Sprintf("Region"), a.m.f.region); err != nil {
		return err
	}
	return a.pick(p.Sprintf("Zone"), a.m.f.zone)
}

func (a *accessible) instanceType() error {
	return a.pick(a.m.st.P.Sprintf("Instance type (zone %s)", a.m.draft.Spec.Az), a.m.f.types)
}

func (a *accessible) image() error { return a.pick(a.m.st.P.Sprintf("Image"), a.m.f.images) }

func (a *accessible) network() error {
	f := &a.m.f
	p := a.m.st.P
	if err := a.pick(p.Sprintf("VPC"), f.vpc); err != nil {
		return err
	}
	if err := a.pick(p.Sprintf("Subnet"), f.subnet); err != nil {
		return err
	}
	chosen := append([]string(nil), f.groups.Picked...)
	if err := a.ask(huh.NewMultiSelect[string]().Title(p.Sprintf("Security groups (at least one)")).Options(listOptions(p, f.groups)...).Value(&chosen)); err != nil {
		return err
	}
	f.groups.Picked = chosen
	a.m.setGroups(chosen)
	if err := a.text(p.Sprintf("Private IP (empty: automatic; an IP forces count 1)"), f.ip); err != nil {
		return err
	}
	eip := a.m.draft.Spec.ElasticIPSpec != nil
	if err := a.ask(huh.NewConfirm().Title(p.Sprintf("Attach an elastic public IP?")).Value(&eip)); err != nil {
		return err
	}
	choose(f.eip, map[bool]int{false: 0, true: 1}[eip])
	if eip {
		return a.number(p.Sprintf("Bandwidth in Mbps (1 to 200)"), f.eipMbps)
	}
	return nil
}

func (a *accessible) disks() error {
	f := &a.m.f
	p := a.m.st.P
	v := a.m.draft.Spec.SystemDisk.DiskType
	var opts []huh.Option[string]
	for _, o := range a.m.diskTypeOptions() {
		if o.Disabled == "" {
			opts = append(opts, huh.NewOption(o.Label, o.Label))
		}
	}
	if err := a.ask(huh.NewSelect[string]().Title(p.Sprintf("System disk type")).Options(opts...).Value(&v)); err != nil {
		return err
	}
	for i, n := range a.m.diskTypeNames() {
		if n == v {
			f.sysType.OnChange(i)
		}
	}
	if err := a.number(p.Sprintf("System disk size in GiB (40 to 500, steps of 10)"), f.sysSize); err != nil {
		return err
	}
	var data string
	err := a.ask(huh.NewInput().Title(p.Sprintf("Data disks as TYPE:GB, comma-separated (empty: none)")).Value(&data).Validate(func(s string) error {
		if _, err := parseDiskList(s); err != nil {
			return errors.New(locale.Say(p, err))
		}
		return nil
	}))
	if err != nil {
		return err
	}
	a.m.draft.Spec.DataDisks, _ = parseDiskList(data)
	return nil
}

func (a *accessible) billing() error {
	f := &a.m.f
	p := a.m.st.P
	unit := a.m.draft.Spec.Charge.ChargeUnit
	units := []huh.Option[string]{huh.NewOption(p.Sprintf("month"), "month"), huh.NewOption(p.Sprintf("year"), "year")}
	if err := a.ask(huh.NewSelect[string]().Title(p.Sprintf("Pay by")).Options(units...).Value(&unit)); err != nil {
		return err
	}
	choose(f.chargeUnit, map[string]int{"month": 0, "year": 1}[unit])
	if err := a.number(p.Sprintf("Duration (1 to 9 months, or 1 to 3 years)"), f.chargeDuration); err != nil {
		return err
	}
	renew := a.m.draft.Spec.Charge.AutoRenew
	if err := a.ask(huh.NewConfirm().Title(p.Sprintf("Renew automatically?")).Value(&renew)); err != nil {
		return err
	}
	a.m.draft.Spec.Charge.AutoRenew = renew
	return nil
}

func (a *accessible) login() error {
	p := a.m.st.P
	method := "password"
	if a.m.draft.Spec.KeyName != "" {
		method = "key"
	}
	opts := []huh.Option[string]{huh.NewOption(p.Sprintf("Password"), "password")}
	if !a.m.isWindows() {
		opts = append(opts, huh.NewOption(p.Sprintf("Key pair"), "key"))
	}
	if err := a.ask(huh.NewSelect[string]().Title(p.Sprintf("Login")).Options(opts...).Value(&method)); err != nil {
		return err
	}
	var err error
	switch {
	case method == "key":
		err = a.keyPair()
	case a.m.draft.Spec.Password == "":
		err = a.password()
	}
	if err != nil {
		return err
	}
	if err := a.text(p.Sprintf("Name (1 to 64 characters)"), a.m.f.name); err != nil {
		return err
	}
	return a.number(p.Sprintf("How many instances (over 100 is sent as several requests)"), a.m.f.count)
}

func (a *accessible) keyPair() error {
	p := a.m.st.P
	choose(a.m.f.login, 1)
	if err := a.pick(p.Sprintf("Key pair"), a.m.f.keypair); err != nil {
		return err
	}
	allow := a.m.draft.Spec.PasswordAuth != "no"
	if err := a.ask(huh.NewConfirm().Title(p.Sprintf("Allow SSH password login?")).Value(&allow)); err != nil {
		return err
	}
	a.m.draft.Spec.PasswordAuth = map[bool]string{true: "yes", false: "no"}[allow]
	return nil
}

func (a *accessible) password() error {
	p := a.m.st.P
	var pw, again string
	err := a.ask(a.secret(p.Sprintf("Password"), &pw).Validate(func(s string) error {
		if ps := wizard.CheckPassword(s); len(ps) > 0 {
			return errors.New(strings.Join(locale.SayAll(p, ps), p.Sprintf("; ")))
		}
		return nil
	}))
	if err != nil {
		return err
	}
	err = a.ask(a.secret(p.Sprintf("Confirm the password"), &again).Validate(func(s string) error {
		if s != pw {
			return errors.New(p.Sprintf("the confirmation does not match the password"))
		}
		return nil
	}))
	if err != nil {
		return err
	}
	a.m.draft.Spec.Password, a.m.confirm = pw, again
	a.m.f.password.SetValue(pw)
	a.m.f.confirm.SetValue(again)
	return nil
}

// confirm shows the request as it will be sent, the quota and the charge,
// and asks before anything is created.
func (a *accessible) confirm() (wizard.Draft, bool, error) {
	p := a.m.st.P
	a.m.review.ensureToken(a.m.draft)
	d := a.m.review.draftWithToken(a.m.draft)
	fmt.Fprintln(a.out, "\n"+p.Sprintf("The request, as it will be sent (password masked):"))
	if err := WriteBodies(a.out, wizard.Build(d), false); err != nil {
		return d, false, err
	}
	// Stock and quota are asked afresh before anything is sent.
	a.m.runSync(tea.Batch(a.m.loadQuota(), a.m.refreshStock()))
	a.m.revalidate()
	for _, pr := range a.m.problems {
		fmt.Fprintln(a.out, p.Sprintf("Note: %s: %s", shortPath(pr.Path), locale.Say(p, pr.Message)))
	}
	if q := a.m.quota(); q != nil {
		fmt.Fprintln(a.out, quotaSentence(p, q, wizard.Needs(d, a.m.data.findImage(d.Spec.ImageID))))
	}
	n, charge := max(d.Count, 1), chargeText(p, d.Spec.Charge)
	fmt.Fprintln(a.out, p.Sprintf("%s %s × %d instances is deducted from the account when you confirm.", p.Sprintf("Prepaid:"), charge, n))
	yes := false
	if err := a.ask(huh.NewConfirm().Title(p.Sprintf("Create %s and deduct %s of prepaid charges?", p.Sprintf("%d instances", n), charge)).Value(&yes)); err != nil {
		return d, false, err
	}
	if !yes {
		fmt.Fprintln(a.out, p.Sprintf("Nothing was created."))
	}
	return d, yes, nil
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
func listOptions(p *message.Printer, f *field.List) []huh.Option[string] {
	var opts []huh.Option[string]
	for _, r := range f.Rows() {
		if r.Disabled != "" {
			continue
		}
		label := strings.Join(nonEmpty(withUnits(f.Columns, r.Cells)), " · ")
		if r.Flag != "" {
			label += p.Sprintf(" (%s)", r.Flag)
		}
		opts = append(opts, huh.NewOption(label, r.ID))
	}
	return opts
}

// withUnits says what a bare number in a row is, by its column: "2 vCPU",
// "16379 free IPs", as a line prompt has no header above it.
func withUnits(cols []theme.Column, cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c
		if _, err := strconv.Atoi(strings.TrimSpace(c)); err != nil || i >= len(cols) || cols[i].Title == "" {
			continue
		}
		unit := cols[i].Title
		// An English title in capitals ("FREE IPs") reads in lower case;
		// a Chinese one ("可用IP") stays as it is.
		if first, rest, _ := strings.Cut(unit, " "); first == strings.ToUpper(first) && len(first) > 1 && first != "IPs" && isASCII(first) {
			unit = strings.TrimSpace(strings.ToLower(first) + " " + rest)
		}
		out[i] = strings.TrimSpace(c) + " " + unit
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
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

// quotaSentence is the quota line of the accessible review, in p's
// language: how much of each quota is left, what the request needs, and
// which are too few.
func quotaSentence(p *message.Printer, q *apiclient.Quotas, need wizard.QuotaNeed) string {
	var parts []string
	for _, row := range []struct {
		u    *apiclient.QuotaUsage
		need int
		noun string
	}{
		{q.Instances, need.Instances, p.Sprintf("instances")}, {q.Disks, need.Disks, p.Sprintf("disks")},
		{q.DiskGiB, need.DiskGiB, p.Sprintf("GiB of disk")}, {q.ElasticIPs, need.ElasticIPs, p.Sprintf("elastic IPs")},
	} {
		switch {
		case row.u == nil:
			parts = append(parts, p.Sprintf("%s not reported", row.noun))
		case row.need > row.u.Left():
			parts = append(parts, p.Sprintf("%s of %s %s (too few: %s needed)", itoa(row.u.Left()), itoa(row.u.Limit), row.noun, itoa(row.need)))
		default:
			parts = append(parts, p.Sprintf("%s of %s %s (%s needed)", itoa(row.u.Left()), itoa(row.u.Limit), row.noun, itoa(row.need)))
		}
	}
	return p.Sprintf("Quota left: %s.", strings.Join(parts, p.Sprintf(", ")))
}
