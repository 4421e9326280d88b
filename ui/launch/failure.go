package launch

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/advice"
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
// how much the draft asks for; "" when q does not report that quota.
func quotaLeftText(quota string, d wizard.Draft, q *apiclient.Quotas) string {
	if q == nil {
		return ""
	}
	need := wizard.Needs(d, nil)
	instances := theme.Plural(need.Instances, "instance", "instances")
	switch u := pickQuota(quota, q); {
	case u == nil:
		return ""
	case quota == apiclient.QuotaResourceVolume:
		return fmt.Sprintf("%d of %d cloud disks are in use, %d left; this request asks for %d (%s × %s, the system disk included).",
			u.Used, u.Limit, u.Left(), need.Disks, instances, theme.Plural(1+len(d.Spec.DataDisks), "disk", "disks"))
	case quota == apiclient.QuotaResourceVolumeSize:
		return fmt.Sprintf("%d of %d GiB of cloud disk are in use, %d GiB left; this request asks for %d GiB (%s × %d GiB).",
			u.Used, u.Limit, u.Left(), need.DiskGiB, instances, need.DiskGiBEach)
	case quota == apiclient.QuotaResourceElasticIP:
		return fmt.Sprintf("%d of %d elastic IPs are in use, %d left; this request asks for %d (one per instance).",
			u.Used, u.Limit, u.Left(), need.ElasticIPs)
	default:
		return fmt.Sprintf("%d of %d instances are in use, %d left; this request asks for %d.", u.Used, u.Limit, u.Left(), need.Instances)
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

// DescribeFailure explains err: what happened, the API's words verbatim,
// and what to do next, with the password rule that failed or, for a quota,
// how much of the quota the API named is left (q, read after the refusal).
func DescribeFailure(err error, d wizard.Draft, q *apiclient.Quotas) string {
	ex := advice.Explain(err)
	var b strings.Builder
	b.WriteString(ex.Summary.String())
	if ex.Chinese != "" {
		b.WriteString(" (" + ex.Chinese + ")")
	}
	if ex.Detail != "" {
		b.WriteString("\n" + ex.Detail)
	}
	var ae *apiclient.APIError
	if errors.As(err, &ae) {
		switch {
		case ae.Status == apiclient.StatusQuotaExceeded:
			if left := quotaLeftText(advice.Quota(err), d, q); left != "" {
				b.WriteString("\n" + left)
			}
		case strings.Contains(strings.ToLower(ae.Message), "password"):
			for _, rule := range BrokenPasswordRules(d.Spec.Password) {
				b.WriteString("\n• the password " + rule)
			}
		}
	}
	if !ex.Next.IsZero() {
		b.WriteString("\n" + ex.Next.String())
	}
	return b.String()
}

// ResumeCommand is the command that sends the open requests of a run again
// with their tokens.
func ResumeCommand(token string) string { return strings.TrimSpace("cocvm create --resume " + token) }

// UnknownOutcomeText tells a person what an unknown outcome means and what
// to do, with the token and the exact command; it never repeats the API's
// or the decoder's words twice.
func UnknownOutcomeText(o Submission) string {
	tokens := o.OpenTokens()
	if len(tokens) == 0 {
		return ""
	}
	var b strings.Builder
	var ur *apiclient.UnreadableResultError
	switch {
	case apiclient.IsTokenReused(o.Err):
		b.WriteString("The API refused the request: its clientToken was already used with a different body. " +
			"The request first sent with this token was received, so what it created may exist. " +
			"cocvm sends exactly the body it journalled, except the password, which it never keeps: " +
			"the password typed now is not the one first sent.\n")
		b.WriteString("Resume again with the same password; to see what the first request created: cocvm watch --last\n")
	case errors.As(o.Err, &ur):
		fmt.Fprintf(&b, "The request was accepted, but the ids of its instances could not be read from the answer (request id %s).\n", theme.OrDash(ur.RequestID))
		b.WriteString("Resuming sends the same request with the same clientToken: the API answers with the ids of the instances it already created, and creates no more.\n")
	default:
		b.WriteString("The outcome of the request is unknown: it may have been carried out. " + advice.Explain(o.Err).Summary.String() + "\n")
		b.WriteString("Resuming sends the same request with the same clientToken, which cannot create twice: you get the instances it created, or they are created now.\n")
	}
	fmt.Fprintf(&b, "clientToken: %s", tokens[0])
	if len(tokens) > 1 {
		fmt.Fprintf(&b, " (and %s not yet sent: %s)", theme.Plural(len(tokens)-1, "more request", "more requests"), strings.Join(tokens[1:], " "))
	}
	b.WriteString("\nTo resume:  " + ResumeCommand(tokens[0]))
	return b.String()
}

// BrokenPasswordRules names each rule the password breaks, never quoting it.
func BrokenPasswordRules(password string) []string {
	var out []string
	for _, c := range wizard.PasswordChecklist(password) {
		if !c.OK {
			out = append(out, "breaks the rule: "+c.Label)
		}
	}
	if len(out) == 0 && len(wizard.CheckPassword(password)) > 0 {
		out = append(out, "is not a valid password")
	}
	return out
}
