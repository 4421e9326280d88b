package launch

import (
	"errors"
	"strings"

	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/advice"
	"github.com/cocvm/cocvm/ui/locale"
	"github.com/cocvm/cocvm/ui/theme"
	"github.com/cocvm/cocvm/wizard"
)

// What a person is told when a create fails: what happened, the API's own
// words, what only the wizard knows (which password rule, how much quota
// is left), which field fixes it, and, when the outcome is unknown, the
// clientToken and the command that resumes it. The review and the command
// line (create --yes, --resume) say it the same way.

// pathForError says which field fixes what the API refused, as a JSON
// path ("" when no field can).
func pathForError(err error, d wizard.Draft) string {
	var ae *apiclient.APIError
	if !errors.As(err, &ae) {
		return ""
	}
	msg := strings.ToLower(ae.Message)
	has := func(s string) bool { return strings.Contains(msg, s) }
	switch {
	case ae.Status == apiclient.StatusQuotaExceeded:
		return quotaPath(advice.Quota(err), d)
	case has("maxcount"):
		return wizard.PathMaxCount
	case has("password"):
		return wizard.PathPassword
	case has("keypair"):
		return wizard.PathKeyName
	case has("clienttoken"):
		return wizard.PathClientToken
	case has("systemdisk"):
		return wizard.PathSystemDisk + ".diskSizeGB"
	case has("disk type"), has("disktype"):
		return wizard.PathSystemDisk + ".diskType"
	case has("image"):
		return wizard.PathImageID
	case has("instancetype"):
		return wizard.PathInstanceType
	case has("ipv6"), strings.HasPrefix(msg, "ip "):
		return wizard.PathIP
	case has("subnet"):
		return wizard.PathSubnetID
	case has("securitygroup"):
		return wizard.PathSecurityGroups
	case has("vpc"):
		return wizard.PathVpcID
	}
	return ""
}

// quotaPath is the field that asks for most of the quota named: the data
// disks for the disk quotas when there are any, the elastic IP for its
// quota, else the count (or the system disk's size).
func quotaPath(quota string, d wizard.Draft) string {
	data := len(d.Spec.DataDisks) > 0
	switch {
	case (quota == apiclient.QuotaResourceVolume || quota == apiclient.QuotaResourceVolumeSize) && data:
		return wizard.PathDataDisks + "[0]"
	case quota == apiclient.QuotaResourceVolumeSize:
		return wizard.PathSystemDisk + ".diskSizeGB"
	case quota == apiclient.QuotaResourceElasticIP && d.Spec.ElasticIPSpec != nil:
		return wizard.PathEIP
	}
	return wizard.PathMaxCount
}

// quotaLeftText says how much of the quota named is in use and left, and
// how much the draft asks for; the zero Text when q does not report that
// quota.
func quotaLeftText(quota string, d wizard.Draft, q *apiclient.Quotas) apiclient.Text {
	if q == nil {
		return apiclient.Text{}
	}
	need := wizard.Needs(d, nil)
	switch u := pickQuota(quota, q); {
	case u == nil:
		return apiclient.Text{}
	case quota == apiclient.QuotaResourceVolume:
		return apiclient.T("%d of %d cloud disks are in use, %d left; this request asks for %d (%v × %v, the system disk included).",
			u.Used, u.Limit, u.Left(), need.Disks, apiclient.T("%d instances", need.Instances), apiclient.T("%d disks", 1+len(d.Spec.DataDisks)))
	case quota == apiclient.QuotaResourceVolumeSize:
		return apiclient.T("%d of %d GiB of cloud disk are in use, %d GiB left; this request asks for %d GiB (%v × %d GiB).",
			u.Used, u.Limit, u.Left(), need.DiskGiB, apiclient.T("%d instances", need.Instances), need.DiskGiBEach)
	case quota == apiclient.QuotaResourceElasticIP:
		return apiclient.T("%d of %d elastic IPs are in use, %d left; this request asks for %d (one per instance).",
			u.Used, u.Limit, u.Left(), need.ElasticIPs)
	default:
		return apiclient.T("%d of %d instances are in use, %d left; this request asks for %d.", u.Used, u.Limit, u.Left(), need.Instances)
	}
}

// pickQuota is q's row for the quota named.
func pickQuota(quota string, q *apiclient.Quotas) *apiclient.QuotaUsage {
	switch quota {
	case apiclient.QuotaResourceVolume:
		return q.Disks
	case apiclient.QuotaResourceVolumeSize:
		return q.DiskGiB
	case apiclient.QuotaResourceElasticIP:
		return q.ElasticIPs
	}
	return q.Instances
}

// DescribeFailure explains err in p's language (English for a nil p): what
// happened, the API's words verbatim, and what to do next, with the
// password rule that failed or, for a quota, how much of the quota the API
// named is left (q, read after the refusal).
func DescribeFailure(p *message.Printer, err error, d wizard.Draft, q *apiclient.Quotas) string {
	ex := advice.Explain(err)
	summary, chinese, next := locale.Explained(p, ex)
	var b strings.Builder
	b.WriteString(summary)
	if chinese != "" {
		b.WriteString(" (" + chinese + ")")
	}
	if ex.Detail != "" {
		b.WriteString("\n" + ex.Detail)
	}
	var ae *apiclient.APIError
	if errors.As(err, &ae) {
		switch {
		case ae.Status == apiclient.StatusQuotaExceeded:
			if left := quotaLeftText(advice.Quota(err), d, q); !left.IsZero() {
				b.WriteString("\n" + locale.Say(p, left))
			}
		case strings.Contains(strings.ToLower(ae.Message), "password"):
			for _, rule := range BrokenPasswordRules(d.Spec.Password) {
				b.WriteString("\n" + locale.Say(p, apiclient.T("• the password %v", rule)))
			}
		}
	}
	if next != "" {
		b.WriteString("\n" + next)
	}
	return b.String()
}

// ResumeCommand is the command that sends the open requests of a run again
// with their tokens.
func ResumeCommand(token string) string { return strings.TrimSpace("cocvm create --resume " + token) }

// UnknownOutcomeText tells a person, in p's language (English for a nil
// p), what an unknown outcome means and what to do, with the token and the
// exact command; it never repeats the API's or the decoder's words twice.
func UnknownOutcomeText(p *message.Printer, o Submission) string {
	tokens := o.OpenTokens()
	if len(tokens) == 0 {
		return ""
	}
	var lines []apiclient.Text
	var ur *apiclient.UnreadableResultError
	switch {
	case apiclient.IsTokenReused(o.Err):
		lines = append(lines, apiclient.T("The API refused the request: its clientToken was already used with a different body. "+
			"The request first sent with this token was received, so what it created may exist. "+
			"cocvm sends exactly the body it journalled, except the password, which it never keeps: "+
			"the password typed now is not the one first sent."),
			apiclient.T("Resume again with the same password; to see what the first request created: %s", "cocvm watch --last"))
	case errors.As(o.Err, &ur):
		lines = append(lines, apiclient.T("The request was accepted, but the ids of its instances could not be read from the answer (request id %s).", theme.OrDash(ur.RequestID)),
			apiclient.T("Resuming sends the same request with the same clientToken: the API answers with the ids of the instances it already created, and creates no more."))
	default:
		lines = append(lines, apiclient.T("The outcome of the request is unknown: it may have been carried out. %v", advice.Explain(o.Err).Summary),
			apiclient.T("Resuming sends the same request with the same clientToken, which cannot create twice: you get the instances it created, or they are created now."))
	}
	token := apiclient.T("clientToken: %s", tokens[0])
	if len(tokens) > 1 {
		token = apiclient.T("clientToken: %s (and %v not yet sent: %s)", tokens[0], apiclient.T("%d more requests", len(tokens)-1), strings.Join(tokens[1:], " "))
	}
	lines = append(lines, token, apiclient.T("To resume:  %s", ResumeCommand(tokens[0])))
	return strings.Join(locale.SayAll(p, lines), "\n")
}

// BrokenPasswordRules names each rule the password breaks, never quoting
// it: each reads after "the password" ("breaks the rule: …").
func BrokenPasswordRules(password string) []apiclient.Text {
	var out []apiclient.Text
	for _, c := range wizard.PasswordChecklist(password) {
		if !c.OK {
			out = append(out, apiclient.T("breaks the rule: %v", c.Rule))
		}
	}
	if len(out) == 0 && len(wizard.CheckPassword(password)) > 0 {
		out = append(out, apiclient.T("is not a valid password"))
	}
	return out
}

// BrokenPasswordRulesText is BrokenPasswordRules in one Text, the rules
// separated by semicolons; the zero Text when the password breaks none.
func BrokenPasswordRulesText(password string) apiclient.Text {
	var all apiclient.Text
	for i, rule := range BrokenPasswordRules(password) {
		if i == 0 {
			all = rule
			continue
		}
		all = apiclient.T("%v; %v", all, rule)
	}
	return all
}
