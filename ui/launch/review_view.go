package launch

import (
	"errors"
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/locale"
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
	title := st.P.Sprintf(" Review · %d × %s in %s", max(d.Count, 1), theme.OrDash(d.Spec.InstanceType), theme.OrDash(ZonesText(d.Zones())))
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
		scroll := reviewKeysIn(st.P).Up.Help()
		visible[len(visible)-1] = st.Dim.Render(st.P.Sprintf(" ↓ %d more lines · %s %s", len(lines)-r.offset-avail+1, scroll.Key, scroll.Desc))
	}
	return strings.Join(append(pinned, visible...), "\n"), footer
}

// boxesView is the choices and the body, side by side on a wide terminal.
func (r *reviewModel) boxesView(d wizard.Draft, reqs []apiclient.CreateInstancesRequest, req apiclient.CreateInstancesRequest, in reviewInput) string {
	st := r.env.st
	choices := r.choicesView(d, in)
	bodyTitle := "POST /v1/regions/" + d.Region + "/instances"
	if len(reqs) > 1 {
		bodyTitle += st.P.Sprintf(" · 1 of %d requests", len(reqs))
	}
	choicesTitle := st.BoxTitle.Render(st.P.Sprintf("choices"))
	body := theme.ColorJSON(st, string(wizard.Marshal(req)))
	if in.width >= 110 {
		left := st.Box.Width(40).Render(choicesTitle + "\n" + choices)
		right := st.Box.Width(in.width - 40 - 6).Render(st.BoxTitle.Render(bodyTitle) + "\n" + body)
		return lipgloss.JoinHorizontal(lipgloss.Top, left, " ", right)
	}
	w := in.width - 4
	return st.Box.Width(w).Render(choicesTitle+"\n"+choices) + "\n" +
		st.Box.Width(w).Render(st.BoxTitle.Render(bodyTitle)+"\n"+body)
}

// splitView says how a fleet over several zones is split: how many in
// each, the subnet of each zone that is not the draft's, and the zones
// left out and why. Nothing for one zone.
func (r *reviewModel) splitView(d wizard.Draft, fleet Fleet, in reviewInput) string {
	st := r.env.st
	lines := fleet.splitLines(st.P, d)
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
		if l.leftOut {
			style = st.Warn
		}
		b.WriteString(" " + strings.ReplaceAll(wrap.Render(style.Render(l.text)), "\n", "\n   ") + "\n")
	}
	if len(fleet.Parts) == 0 {
		b.WriteString(" " + st.Bad.Render(st.P.Sprintf("No zone chosen can take the instances: choose others in step 1.")) + "\n")
	}
	return b.String()
}

// notesView is what comes under the boxes: how a fleet is split, the
// charge, the sandbox, and the same create as a command line.
func (r *reviewModel) notesView(d wizard.Draft, reqs []apiclient.CreateInstancesRequest, in reviewInput) string {
	st := r.env.st
	p := st.P
	var more strings.Builder
	if len(reqs) > 1 {
		differ := p.Sprintf("maxCount and clientToken")
		if len(d.Zones()) > 1 {
			differ = p.Sprintf("zone, subnet, maxCount and clientToken")
		}
		more.WriteString(st.Subtle.Render(p.Sprintf(" %d instances are sent as %d requests; the others differ only in %s.", d.Count, len(reqs), differ)) + "\n")
	}
	more.WriteString(" " + p.Sprintf("%s %s × %d instances is deducted from the account when you confirm.",
		st.Warn.Render(p.Sprintf("Prepaid:")), chargeText(p, d.Spec.Charge), max(d.Count, 1)) + "\n")
	if r.env.sandbox {
		more.WriteString(" " + st.Sandbox.Render(p.Sprintf("Sandbox:")) + st.Subtle.Render(p.Sprintf(" nothing real is created or charged.")) + "\n")
	}
	// The draft without the generated token: a script that reused this
	// request's token would create nothing the second time.
	// One command, broken only between its arguments, so what is copied
	// from the screen runs.
	more.WriteString(" " + st.Subtle.Render(p.Sprintf("From a script (c copies it):")) + "\n")
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
	top.WriteString(" " + st.Bad.Render(st.P.Sprintf("Not ready to create:")) + "\n")
	for _, p := range in.problems {
		id := stepForPath(p.Path)
		top.WriteString(r.indent(in, st.Bad.Render("✗ ")+st.P.Sprintf("%d %s · %s: %s", int(id)+1, stepName(st.P, id), shortPath(p.Path), locale.Say(st.P, p.Message))))
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
	p := st.P
	var top strings.Builder
	indent := func(text string) string { return r.indent(in, text) }
	q := r.errQuota
	if q == nil {
		q = in.quota
	}
	explained := DescribeFailure(p, r.submitErr, in.draft, q)
	var ur *apiclient.UnreadableResultError
	switch {
	case r.unknown != nil && errors.As(r.submitErr, &ur):
		// Accepted: sending it again with its token returns the ids.
		top.WriteString(" " + st.Bad.Render(p.Sprintf("The request was accepted; the ids of its instances could not be read.")) + "\n")
		top.WriteString(indent(p.Sprintf("Request id %s, clientToken %s. Enter then y sends it again with the same clientToken: "+
			"the API answers with the instances it created and creates no more.", theme.OrDash(ur.RequestID), r.unknown.OpenTokens()[0])))
	case r.unknown != nil:
		// A lost connection, a time-out, a 5xx: the create may have gone
		// through. Enter sends the same body with the same token, which
		// cannot create twice.
		top.WriteString(" " + st.Bad.Render(p.Sprintf("The outcome is unknown: the request may have been carried out.")) + "\n")
		top.WriteString(indent(explained))
		top.WriteString(indent(p.Sprintf("clientToken %s is kept: enter then y sends the same request again, which cannot create twice "+
			"(later: %s).", r.unknown.OpenTokens()[0], ResumeCommand(r.unknown.OpenTokens()[0]))))
	default:
		top.WriteString(" " + st.Bad.Render(p.Sprintf("The request was refused:")) + "\n")
		top.WriteString(indent(explained))
	}
	if r.errPath != "" {
		id := stepForPath(r.errPath)
		top.WriteString(indent(st.Key.Render(reviewKeys.Edit.Help().Key) +
			st.Subtle.Render(p.Sprintf(" opens step %d, %s, to fix it; nothing you typed is lost.", int(id)+1, stepName(p, id)))))
	}
	return top.String()
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
		footer = " " + st.P.Sprintf("%s submitting…", in.spinner)
	case r.confirming:
		r.confirmShown = true
		footer = theme.IndentLines(st.Warn.Render(theme.Wrap(r.confirmText(d), in.width-2)), " ")
	default:
		r.help.Width = in.width - 1 // the footer is indented by one
		footer = theme.IndentLines(r.help.View(reviewHelp{p: st.P, password: d.Spec.Password != "", save: r.env.savePreset != nil,
			problem: r.errPath != "" || len(in.problems) > 0, narrow: in.width < stepNumbersWidth, retry: r.retryOffered()}), " ")
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
	p := r.env.st.P
	n := max(d.Count, 1)
	switch {
	case r.retryOffered():
		return p.Sprintf("Send the same request again with clientToken %s? It cannot create twice. (y/n)", d.ClientToken)
	case r.fit > 0:
		return p.Sprintf("The quota left takes only %d of the %d instances. Create %s and deduct %s of prepaid charges? "+
			"(y creates %d · a asks for all %d anyway · n goes back)",
			r.fit, n, p.Sprintf("%d instances", r.fit), chargeText(p, d.Spec.Charge), r.fit, n)
	}
	return p.Sprintf("Create %s and deduct %s of prepaid charges? (y/n)", p.Sprintf("%d instances", n), chargeText(p, d.Spec.Charge))
}

// quotaText is the quota line: for each of the four quotas a create
// counts against (instances; disks, system disks included; their GiB;
// elastic IPs), ✓ or ✗ and how much is left, with how much is needed
// when it is too little. Narrower terminals get shorter words.
func (r *reviewModel) quotaText(in reviewInput) string {
	st := r.env.st
	p := st.P
	label := " " + st.Label.Render(p.Sprintf("Quota left")) + "  "
	q := in.quota
	if q == nil {
		if in.quotaFailed {
			return label + st.Dim.Render(p.Sprintf("could not be read; the API checks it when you create"))
		}
		return label + st.Dim.Render(p.Sprintf("%s asking…", in.spinner))
	}
	need := wizard.Needs(in.draft, in.image)
	rows := []struct {
		u          *apiclient.QuotaUsage
		need       int
		noun, last string // the noun, and its shortest form
	}{
		{q.Instances, need.Instances, p.Sprintf("instances"), p.Sprintf("instances")},
		{q.Disks, need.Disks, p.Sprintf("disks"), p.Sprintf("disks")},
		{q.DiskGiB, need.DiskGiB, p.Sprintf("GiB"), p.Sprintf("GiB")}, // the disk capacity quota: the unit says it in English
		{q.ElasticIPs, need.ElasticIPs, p.Sprintf("elastic IPs"), p.Sprintf("EIPs")},
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
				parts = append(parts, st.Dim.Render(p.Sprintf("? %s", noun)))
			case row.need > u.Left():
				text := p.Sprintf("✗ %s %s, %s needed", itoa(u.Left()), noun, itoa(row.need))
				if form == 0 {
					text = p.Sprintf("✗ %s of %s %s left, %s needed", itoa(u.Left()), itoa(u.Limit), noun, itoa(row.need))
				}
				parts = append(parts, st.Bad.Render(text))
			default:
				text := p.Sprintf("%[1]s %[2]s", itoa(u.Left()), noun) // how much is left, then of what
				if form == 0 {
					text = p.Sprintf("%s of %s %s", itoa(u.Left()), itoa(u.Limit), noun)
				}
				parts = append(parts, st.Good.Render("✓ ")+st.Subtle.Render(text))
			}
		}
		if in.checking {
			parts = append(parts, st.Dim.Render(p.Sprintf("%s checking stock", in.spinner)))
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
	p := st.P
	// Side by side with the body the box is 40 wide; stacked on a narrow
	// terminal it takes two columns, so the body gets the height.
	twoCols := in.width < 110
	labels := []string{p.Sprintf("Zone"), p.Sprintf("Type"), p.Sprintf("Image"), p.Sprintf("VPC"), p.Sprintf("Network"),
		p.Sprintf("Public"), p.Sprintf("Disks"), p.Sprintf("Billing"), p.Sprintf("Login"), p.Sprintf("Name"), p.Sprintf("Preset")}
	// The labels' column: 9 cells, or two more than the widest label
	// (Chinese labels are four characters, eight cells).
	labelWidth := 9
	for _, l := range labels {
		labelWidth = max(labelWidth, lipgloss.Width(l)+2)
	}
	values := []string{
		theme.OrDash(ZonesText(d.Zones())),
		typeChoice(p, d, in.instanceType),
		imageChoice(d, in.image),
		theme.OrDash(d.Spec.PrimaryNetworkInterface.VpcID),
		networkChoice(p, d),
		eipChoice(p, d),
		disksChoice(p, d),
		billingChoice(p, d),
		loginChoice(p, d),
		fmt.Sprintf("%s × %d", d.Spec.Name, max(d.Count, 1)),
	}
	if in.preset != "" {
		values = append(values, in.preset)
	}
	row := func(i, valueWidth int) string {
		return st.Label.Render(theme.PadRight(labels[i], labelWidth)) + theme.PadRight(theme.Truncate(values[i], valueWidth), valueWidth)
	}
	if !twoCols {
		lines := make([]string, len(values))
		for i := range values {
			lines[i] = row(i, 38-labelWidth)
		}
		return strings.Join(lines, "\n")
	}
	// Two columns and the two spaces between them fill the box (in.width-4
	// wide, a cell of padding each side) exactly. The right column's values
	// are the short ones (public IP, disks, billing, login, name): the left
	// one gets two cells more, for a type with its size.
	both := in.width - 4 - 2 - 2 - 2*labelWidth
	left := (both + 2) / 2
	right := both - left
	half := (len(values) + 1) / 2
	var out []string
	for i := 0; i < half; i++ {
		line := row(i, left)
		if i+half < len(values) {
			line += "  " + row(i+half, right)
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func typeChoice(p *message.Printer, d wizard.Draft, t *apiclient.InstanceType) string {
	typ := theme.OrDash(d.Spec.InstanceType)
	if t != nil {
		typ += p.Sprintf(" · %d vCPU · %s", t.CPU, gib(t.MemoryMB))
	}
	return typ
}

func imageChoice(d wizard.Draft, img *apiclient.Image) string {
	if img != nil {
		return img.Name
	}
	return theme.OrDash(d.Spec.ImageID)
}

func networkChoice(p *message.Printer, d wizard.Draft) string {
	nic := d.Spec.PrimaryNetworkInterface
	net := theme.OrDash(nic.SubnetID) + " · " + p.Sprintf("%d groups", len(nic.SecurityGroups))
	if nic.IP != "" {
		net += " · " + nic.IP
	}
	return net
}

func eipChoice(p *message.Printer, d wizard.Draft) string {
	if e := d.Spec.ElasticIPSpec; e != nil {
		return "BGP " + itoa(e.SizeMbps) + " Mbps"
	}
	return p.Sprintf("none")
}

func disksChoice(p *message.Printer, d wizard.Draft) string {
	disks := d.Spec.SystemDisk.DiskType + " " + itoa(d.Spec.SystemDisk.DiskSizeGB) + " GiB"
	if n := len(d.Spec.DataDisks); n > 0 {
		disks += p.Sprintf(" + %d data", n)
	}
	return disks
}

func billingChoice(p *message.Printer, d wizard.Draft) string {
	if d.Spec.Charge != nil && d.Spec.Charge.AutoRenew {
		return p.Sprintf("%s · auto-renew", chargeText(p, d.Spec.Charge))
	}
	return p.Sprintf("%s · no auto-renew", chargeText(p, d.Spec.Charge))
}

func loginChoice(p *message.Printer, d wizard.Draft) string {
	switch {
	case d.Spec.KeyName != "" && d.Spec.PasswordAuth == "no":
		return p.Sprintf("key %s only", d.Spec.KeyName)
	case d.Spec.KeyName != "":
		return p.Sprintf("key %s", d.Spec.KeyName)
	case d.Spec.Password == "":
		return p.Sprintf("random password (SMS/e-mail)")
	}
	return p.Sprintf("password")
}

// stepName is the name of step id in p's language (nil: English), as the
// wizard's header says it.
func stepName(p *message.Printer, id stepID) string {
	p = printerOr(p)
	switch id {
	case stepZone:
		return p.Sprintf("Zone")
	case stepType:
		return p.Sprintf("Type")
	case stepImage:
		return p.Sprintf("Image")
	case stepNetwork:
		return p.Sprintf("Network")
	case stepDisks:
		return p.Sprintf("Disks")
	case stepBilling:
		return p.Sprintf("Billing")
	case stepLogin:
		return p.Sprintf("Login")
	}
	return p.Sprintf("Review")
}
