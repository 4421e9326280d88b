package launch

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// view renders the review in at most height lines plus its footer.
func (r *reviewModel) view(height int, in reviewInput) (string, string) {
	st := r.env.st
	d := r.draftWithToken(in.draft)
	fleet := NewFleet(d, in.zones)
	reqs := fleet.Reqs
	if len(reqs) == 0 {
		reqs = wizard.Build(d) // no zone can take them: the split says why
	}
	req := reqs[0]
	if !r.reveal {
		req = wizard.Redact(req)
	}

	var top strings.Builder
	title := fmt.Sprintf(" Review · %d × %s in %s", max(d.Count, 1), theme.OrDash(d.Spec.InstanceType), theme.OrDash(ZonesText(d.Zones())))
	top.WriteString(st.Bold.Render(title) + "\n" + r.quotaText(in) + "\n")
	// Spread over zones, the split comes first: where the instances go.
	top.WriteString(r.splitView(d, fleet, in))
	// What stops the create comes first, above the boxes, where it is seen
	// without scrolling.
	top.WriteString(r.problemsView(in))

	content := top.String() + r.boxesView(d, reqs, req, in) + "\n" + r.notesView(d, reqs, in)
	lines := strings.Split(strings.TrimRight(content, "\n"), "\n")

	footer := r.footerView(d, in)
	// The API's refusal is pinned above the scrolling body: it is what the
	// person must read first, wherever the body is scrolled to.
	var pinned []string
	if refusal := r.refusalView(in); refusal != "" {
		pinned = strings.Split(strings.TrimRight(refusal, "\n"), "\n")
		if limit := max(height-lipgloss.Height(footer)-3, 1); len(pinned) > limit {
			pinned = append(pinned[:limit-1], st.Dim.Render(" …"))
		}
	}
	avail := max(height-lipgloss.Height(footer)-len(pinned), 1)
	maxOffset := max(0, len(lines)-avail)
	r.offset = min(r.offset, maxOffset)
	visible := append([]string(nil), lines[r.offset:min(len(lines), r.offset+avail)]...)
	if r.offset < maxOffset && len(visible) > 0 {
		scroll := reviewKeys.Up.Help()
		visible[len(visible)-1] = st.Dim.Render(fmt.Sprintf(" ↓ %d more lines · %s %s", len(lines)-r.offset-avail+1, scroll.Key, scroll.Desc))
	}
	return strings.Join(append(pinned, visible...), "\n"), footer
}

// boxesView is the choices and the body, side by side on a wide terminal.
func (r *reviewModel) boxesView(d wizard.Draft, reqs []apiclient.CreateInstancesRequest, req apiclient.CreateInstancesRequest, in reviewInput) string {
	st := r.env.st
	choices := r.choicesView(d, in)
	bodyTitle := "POST /v1/regions/" + d.Region + "/instances"
	if len(reqs) > 1 {
		bodyTitle += fmt.Sprintf(" · 1 of %d requests", len(reqs))
	}
	body := theme.ColorJSON(st, string(wizard.Marshal(req)))
	if in.width >= 110 {
		left := st.Box.Width(40).Render(st.BoxTitle.Render("choices") + "\n" + choices)
		right := st.Box.Width(in.width - 40 - 6).Render(st.BoxTitle.Render(bodyTitle) + "\n" + body)
		return lipgloss.JoinHorizontal(lipgloss.Top, left, " ", right)
	}
	w := in.width - 4
	return st.Box.Width(w).Render(st.BoxTitle.Render("choices")+"\n"+choices) + "\n" +
		st.Box.Width(w).Render(st.BoxTitle.Render(bodyTitle)+"\n"+body)
}

// splitView says how a fleet over several zones is split: how many in
// each, the subnet of each zone that is not the draft's, and the zones
// left out and why. Nothing for one zone.
func (r *reviewModel) splitView(d wizard.Draft, fleet Fleet, in reviewInput) string {
	st := r.env.st
	lines := fleet.SplitLines(d)
	if len(lines) == 0 {
		return ""
	}
	var b strings.Builder
	wrap := st.Width(in.width - 4)
	for i, l := range lines {
		style := st.Subtle
		if i == 0 && len(fleet.Parts) > 0 {
			style = st.Bold
		}
		if strings.Contains(l, " left out: ") {
			style = st.Warn
		}
		b.WriteString(" " + strings.ReplaceAll(wrap.Render(style.Render(l)), "\n", "\n   ") + "\n")
	}
	if len(fleet.Parts) == 0 {
		b.WriteString(" " + st.Bad.Render("No zone chosen can take the instances: choose others in step 1.") + "\n")
	}
	return b.String()
}

// notesView is what comes under the boxes: how a fleet is split, the
// charge, the sandbox, and the same create as a command line.
func (r *reviewModel) notesView(d wizard.Draft, reqs []apiclient.CreateInstancesRequest, in reviewInput) string {
	st := r.env.st
	var more strings.Builder
	differ := "maxCount and clientToken"
	if len(d.Zones()) > 1 {
		differ = "zone, subnet, " + differ
	}
	if len(reqs) > 1 {
		more.WriteString(st.Subtle.Render(fmt.Sprintf(" %d instances are sent as %d requests; the others differ only in %s.", d.Count, len(reqs), differ)) + "\n")
	}
	more.WriteString(" " + st.Warn.Render("Prepaid:") + " " + durationText(d.Spec.Charge) + " × " + theme.Plural(max(d.Count, 1), "instance", "instances") +
		" is deducted from the account when you confirm.\n")
	if r.env.sandbox {
		more.WriteString(" " + st.Sandbox.Render("Sandbox:") + st.Subtle.Render(" nothing real is created or charged.") + "\n")
	}
	// The draft without the generated token: a script that reused this
	// request's token would create nothing the second time.
	// One command, broken only between its arguments, so what is copied
	// from the screen runs.
	more.WriteString(" " + st.Subtle.Render("From a script (c copies it):") + "\n")
	for _, l := range commandLines(wizard.CommandLine(in.draft), in.width-4) {
		more.WriteString("   " + l + "\n")
	}
	return more.String()
}

// commandLines lays a shell command out in lines of at most width cells,
// breaking only between its arguments (a flag stays with its value) and
// ending every line but the last with " \": pasted into a shell, the lines
// are one command. An argument wider than width gets a line of its own.
func commandLines(cmd string, width int) []string {
	args := shellArgs(cmd)
	// A flag and its value are one group: "--region cn-hongkong-11".
	var groups []string
	for i := 0; i < len(args); i++ {
		g := args[i]
		switch {
		case i == 0 && i+1 < len(args) && !strings.HasPrefix(args[1], "-"):
			g += " " + args[1] // "cocvm create"
			i++
		case strings.HasPrefix(g, "-") && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-"):
			g += " " + args[i+1]
			i++
		}
		groups = append(groups, g)
	}
	var lines []string
	line := ""
	for _, g := range groups {
		switch {
		case line == "":
			line = g
		case lipgloss.Width(line+" "+g+" \\") <= width:
			line += " " + g
		default:
			lines = append(lines, line+" \\")
			line = "  " + g
		}
	}
	return append(lines, line)
}

// shellArgs splits a command as a shell would into its words, each kept
// as typed (quotes included): the words of wizard.CommandLine.
func shellArgs(cmd string) []string {
	var args []string
	var cur strings.Builder
	quoted, started := false, false
	for _, c := range cmd {
		switch {
		case c == '\'':
			quoted = !quoted
			started = true
			cur.WriteRune(c)
		case c == ' ' && !quoted:
			if started {
				args = append(args, cur.String())
				cur.Reset()
				started = false
			}
		default:
			started = true
			cur.WriteRune(c)
		}
	}
	if started {
		args = append(args, cur.String())
	}
	return args
}

// problemsView is what the rules say stops the create, each with its step.
func (r *reviewModel) problemsView(in reviewInput) string {
	st := r.env.st
	if len(in.problems) == 0 {
		return ""
	}
	var top strings.Builder
	top.WriteString(" " + st.Bad.Render("Not ready to create:") + "\n")
	for _, p := range in.problems {
		id := stepForPath(p.Path)
		top.WriteString(r.indent(in, st.Bad.Render("✗ ")+fmt.Sprintf("%d %s · ", int(id)+1, stepNames[id])+shortPath(p.Path)+": "+p.Message.String()))
	}
	return top.String()
}

// indent wraps text to the review's width, indented under a heading.
func (r *reviewModel) indent(in reviewInput, text string) string {
	wrap := r.env.st.Width(in.width - 5)
	return "   " + strings.ReplaceAll(wrap.Render(text), "\n", "\n   ") + "\n"
}

// refusalView is the API's refusal (or an unknown outcome) and what to do:
// the step that fixes it, or sending the same request again.
func (r *reviewModel) refusalView(in reviewInput) string {
	if r.submitErr == nil {
		return ""
	}
	st := r.env.st
	var top strings.Builder
	indent := func(text string) string { return r.indent(in, text) }
	q := r.errQuota
	if q == nil {
		q = in.quota
	}
	explained := DescribeFailure(r.submitErr, in.draft, q)
	var ur *apiclient.UnreadableResultError
	switch {
	case r.unknown != nil && errors.As(r.submitErr, &ur):
		// Accepted: sending it again with its token returns the ids.
		top.WriteString(" " + st.Bad.Render("The request was accepted; the ids of its instances could not be read.") + "\n")
		top.WriteString(indent(fmt.Sprintf("Request id %s, clientToken %s. Enter then y sends it again with the same clientToken: "+
			"the API answers with the instances it created and creates no more.", theme.OrDash(ur.RequestID), r.unknown.OpenTokens()[0])))
	case r.unknown != nil:
		// A lost connection, a time-out, a 5xx: the create may have gone
		// through. Enter sends the same body with the same token, which
		// cannot create twice.
		top.WriteString(" " + st.Bad.Render("The outcome is unknown: the request may have been carried out.") + "\n")
		top.WriteString(indent(explained))
		top.WriteString(indent(fmt.Sprintf("clientToken %s is kept: enter then y sends the same request again, which cannot create twice "+
			"(later: %s).", r.unknown.OpenTokens()[0], ResumeCommand(r.unknown.OpenTokens()[0]))))
	default:
		top.WriteString(" " + st.Bad.Render("The request was refused:") + "\n")
		top.WriteString(indent(explained))
	}
	if r.errPath != "" {
		id := stepForPath(r.errPath)
		top.WriteString(indent(st.Key.Render(reviewKeys.Edit.Help().Key) +
			st.Subtle.Render(fmt.Sprintf(" opens step %d, %s, to fix it; nothing you typed is lost.", int(id)+1, stepNames[id]))))
	}
	return top.String()
}

// reviewFooterKeys is the review's footer: its key map, with Enter saying
// it retries after an unknown outcome, and c copying the command.
type reviewFooterKeys struct {
	reviewHelp
	retry bool
}

func (h reviewFooterKeys) ShortHelp() []key.Binding {
	b := h.reviewHelp.ShortHelp()
	if h.retry {
		b[0] = reviewRetryKey
	}
	// c copies the command, before the quit key.
	return append(b[:len(b)-1:len(b)-1], reviewCopyKey, b[len(b)-1])
}

func (h reviewFooterKeys) FullHelp() [][]key.Binding {
	h.narrow = false
	return [][]key.Binding{h.ShortHelp()}
}

// footerView is the save dialog, the submission on its way, the question
// before creating, or the keys; a notice goes above the keys.
func (r *reviewModel) footerView(d wizard.Draft, in reviewInput) string {
	st := r.env.st
	var footer string
	switch {
	case r.saving != nil:
		footer = r.saving.view(st)
	case r.submitting:
		footer = " " + in.spinner + " submitting…"
	case r.confirming:
		r.confirmShown = true
		footer = theme.IndentLines(st.Warn.Render(theme.Wrap(r.confirmText(d), in.width-2)), " ")
	default:
		r.help.Width = in.width - 1 // the footer is indented by one
		footer = theme.IndentLines(r.help.View(reviewFooterKeys{reviewHelp: reviewHelp{password: d.Spec.Password != "", save: r.env.savePreset != nil,
			problem: r.errPath != "" || len(in.problems) > 0, narrow: in.width < stepNumbersWidth}, retry: r.retryOffered()}), " ")
	}
	if r.notice != "" && r.saving == nil && !r.confirming && !r.submitting {
		footer = " " + st.Warn.Render(theme.Truncate(r.notice, in.width-2)) + "\n" + footer
	}
	return footer
}

// confirmText is the question before creating: the same request again
// after an unknown outcome, as many as fit when the quota left takes fewer,
// else the count and the charge.
func (r *reviewModel) confirmText(d wizard.Draft) string {
	n := max(d.Count, 1)
	switch {
	case r.retryOffered():
		return fmt.Sprintf("Send the same request again with clientToken %s? It cannot create twice. (y/n)", d.ClientToken)
	case r.fit > 0:
		return fmt.Sprintf("The quota left takes only %d of the %d instances. Create %s and deduct %s of prepaid charges? "+
			"(y creates %d · a asks for all %d anyway · n goes back)",
			r.fit, n, theme.Plural(r.fit, "instance", "instances"), durationText(d.Spec.Charge), r.fit, n)
	}
	return fmt.Sprintf("Create %s and deduct %s of prepaid charges? (y/n)", theme.Plural(n, "instance", "instances"), durationText(d.Spec.Charge))
}

// quotaText is the quota line: for each of the four quotas a create
// counts against (instances; disks, system disks included; their GiB;
// elastic IPs), ✓ or ✗ and how much is left, with how much is needed
// when it is too little. Narrower terminals get shorter words.
func (r *reviewModel) quotaText(in reviewInput) string {
	st := r.env.st
	if r.notice == checkingNotice && !in.checking {
		r.notice = ""
	}
	label := " " + st.Label.Render("Quota left") + "  "
	q := in.quota
	if q == nil {
		if in.quotaFailed {
			return label + st.Dim.Render("could not be read; the API checks it when you create")
		}
		return label + st.Dim.Render(in.spinner+" asking…")
	}
	need := wizard.Needs(in.draft, in.image)
	rows := []struct {
		u          *apiclient.QuotaUsage
		need       int
		noun, last string // the noun, and its shortest form
	}{
		{q.Instances, need.Instances, "instances", "instances"},
		{q.Disks, need.Disks, "disks", "disks"},
		{q.DiskGiB, need.DiskGiB, "GiB", "GiB"},
		{q.ElasticIPs, need.ElasticIPs, "elastic IPs", "EIPs"},
	}
	// From the longest wording to the shortest, the first that fits.
	for _, form := range []int{0, 1, 2} {
		parts := make([]string, 0, len(rows))
		for _, row := range rows {
			noun := row.noun
			if form == 2 {
				noun = row.last
			}
			switch u := row.u; {
			case u == nil:
				parts = append(parts, st.Dim.Render("? "+noun))
			case row.need > u.Left():
				text := fmt.Sprintf("✗ %d %s, %d needed", u.Left(), noun, row.need)
				if form == 0 {
					text = fmt.Sprintf("✗ %d of %d %s left, %d needed", u.Left(), u.Limit, noun, row.need)
				}
				parts = append(parts, st.Bad.Render(text))
			default:
				text := fmt.Sprintf("%d %s", u.Left(), noun)
				if form == 0 {
					text = fmt.Sprintf("%d of %d %s", u.Left(), u.Limit, noun)
				}
				parts = append(parts, st.Good.Render("✓ ")+st.Subtle.Render(text))
			}
		}
		if in.checking {
			parts = append(parts, st.Dim.Render(in.spinner+" checking stock"))
		}
		line := label + strings.Join(parts, st.Dim.Render(" · "))
		if lipgloss.Width(line) <= in.width-1 {
			return line
		}
		if form == 2 {
			return wrapQuota(label, parts, st.Dim.Render(" · "), in.width-1)
		}
	}
	return ""
}

// wrapQuota lays the quota parts out after label, going on under the first
// part when a line would be wider than width.
func wrapQuota(label string, parts []string, sep string, width int) string {
	indent := strings.Repeat(" ", lipgloss.Width(label))
	line, lines := label, []string(nil)
	for i, p := range parts {
		switch {
		case i == 0:
			line += p
		case lipgloss.Width(line+sep+p) > width:
			lines = append(lines, line)
			line = indent + p
		default:
			line += sep + p
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// choicesView is the choices box: one row per step's choices.
func (r *reviewModel) choicesView(d wizard.Draft, in reviewInput) string {
	st := r.env.st
	// Side by side with the body the box is 40 wide; stacked on a narrow
	// terminal it takes two columns, so the body gets the height.
	twoCols := in.width < 110
	valueWidth := 29
	if twoCols {
		valueWidth = (in.width-4-2)/2 - 9
	}
	row := func(label, value string) string {
		return st.Label.Render(theme.PadRight(label, 9)) + theme.PadRight(theme.Truncate(value, valueWidth), valueWidth)
	}
	lines := []string{
		row("Zone", theme.OrDash(ZonesText(d.Zones()))),
		row("Type", typeChoice(d, in.instanceType)),
		row("Image", imageChoice(d, in.image)),
		row("VPC", theme.OrDash(d.Spec.PrimaryNetworkInterface.VpcID)),
		row("Network", networkChoice(d)),
		row("Public", eipChoice(d)),
		row("Disks", disksChoice(d)),
		row("Billing", billingChoice(d)),
		row("Login", loginChoice(d)),
		row("Name", fmt.Sprintf("%s × %d", d.Spec.Name, max(d.Count, 1))),
	}
	if in.preset != "" {
		lines = append(lines, row("Preset", in.preset))
	}
	if !twoCols {
		return strings.Join(lines, "\n")
	}
	half := (len(lines) + 1) / 2
	var out []string
	for i := 0; i < half; i++ {
		line := lines[i]
		if i+half < len(lines) {
			line += "  " + lines[i+half]
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func typeChoice(d wizard.Draft, t *apiclient.InstanceType) string {
	typ := theme.OrDash(d.Spec.InstanceType)
	if t != nil {
		typ += fmt.Sprintf(" · %d vCPU · %s", t.CPU, gib(t.MemoryMB))
	}
	return typ
}

func imageChoice(d wizard.Draft, img *apiclient.Image) string {
	if img != nil {
		return img.Name
	}
	return theme.OrDash(d.Spec.ImageID)
}

func networkChoice(d wizard.Draft) string {
	nic := d.Spec.PrimaryNetworkInterface
	net := theme.OrDash(nic.SubnetID) + " · " + theme.Plural(len(nic.SecurityGroups), "group", "groups")
	if nic.IP != "" {
		net += " · " + nic.IP
	}
	return net
}

func eipChoice(d wizard.Draft) string {
	if e := d.Spec.ElasticIPSpec; e != nil {
		return fmt.Sprintf("BGP %d Mbps", e.SizeMbps)
	}
	return "none"
}

func disksChoice(d wizard.Draft) string {
	disks := d.Spec.SystemDisk.DiskType + " " + itoa(d.Spec.SystemDisk.DiskSizeGB) + " GiB"
	if n := len(d.Spec.DataDisks); n > 0 {
		disks += " + " + theme.Plural(n, "data", "data")
	}
	return disks
}

func billingChoice(d wizard.Draft) string {
	if d.Spec.Charge != nil && d.Spec.Charge.AutoRenew {
		return durationText(d.Spec.Charge) + " · auto-renew"
	}
	return durationText(d.Spec.Charge) + " · no auto-renew"
}

func loginChoice(d wizard.Draft) string {
	switch {
	case d.Spec.KeyName != "" && d.Spec.PasswordAuth == "no":
		return "key " + d.Spec.KeyName + " only"
	case d.Spec.KeyName != "":
		return "key " + d.Spec.KeyName
	case d.Spec.Password == "":
		return "random password (SMS/e-mail)"
	}
	return "password"
}
