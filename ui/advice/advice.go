// Package advice says what a person can do about an error, in cocvm's own
// commands and flags. apiclient classifies the error and keeps the API's
// words (apiclient.Explain, whose Kind says which explanation it is); the
// step to take next, when it names a cocvm command, flag or config, is
// decided here, in one place, for every screen and message: the review,
// the status panel, the plain progress lines, the setup and the command
// line.
package advice

import (
	"errors"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
)

// credentialsFrom are the places cocvm takes credentials from, in order.
var credentialsFrom = apiclient.T("flags, JDCLOUD_ACCESS_KEY/JDCLOUD_SECRET_KEY, cocvm's config, ~/.jdc/config")

// next is the next step of each kind of explanation, in cocvm's words; a
// missing parameter's names the parameter (Explain).
var next = map[apiclient.Kind]apiclient.Text{
	apiclient.KindEndpoint:         apiclient.T("Use an https:// endpoint (plain http:// is for the local sandbox), or pass --insecure if you accept sending the password in the clear."),
	apiclient.KindInvalidParam:     apiclient.T("Correct the parameter the message names; `cocvm validate` checks a body before anything is sent."),
	apiclient.KindTypeNotFound:     apiclient.T("Pick an instance type from those sold in this region and zone (the wizard lists them)."),
	apiclient.KindUnknownAccessKey: apiclient.T("Check the access key (flags, JDCLOUD_ACCESS_KEY, cocvm's config, ~/.jdc/config) or create a key pair at https://uc.jdcloud.com/accesskey/index."),
	apiclient.KindCredentials:      apiclient.T("Check the access key and secret key (%s).", credentialsFrom),
	apiclient.KindRateLimit:        apiclient.T("Wait a minute and try again (cocvm already retried with backoff); other tools using the same account count too."),
	apiclient.KindNotJSON:          apiclient.T("Check the endpoint (--endpoint, COCVM_ENDPOINT) and any HTTP proxy (HTTPS_PROXY); if it was a gateway error, try again later."),
	apiclient.KindDNS:              apiclient.T("Check the network and DNS, and the endpoint spelling (--endpoint, COCVM_ENDPOINT)."),
	apiclient.KindRefused:          apiclient.T("Check the endpoint and port; for a local sandbox, check that `cocvm sandbox serve` is running."),
}

// Explain is apiclient.Explain, with Next in cocvm's words.
func Explain(err error) apiclient.Explanation {
	x := apiclient.Explain(err)
	if x.Kind == apiclient.KindMissingParam {
		field := x.Param[strings.LastIndex(x.Param, ".")+1:]
		x.Next = apiclient.T("Fill in %s and submit again; `cocvm validate` finds missing fields before anything is sent.", field)
	} else if step, ok := next[x.Kind]; ok {
		x.Next = step
	}
	return x
}

// Quota names the quota a QUOTA_EXCEEDED refusal is about, as describeUsage
// names its resource (apiclient.QuotaResourceType, QuotaResourceVolume,
// QuotaResourceVolumeSize or QuotaResourceElasticIP), or "" for any other
// error. createInstances counts against four quotas and its message names
// the one refused ("Volume size quota limit exceeded"); a message that
// names none is the instance quota's, the only one the page words.
func Quota(err error) string {
	var ae *apiclient.APIError
	if !errors.As(err, &ae) || ae.Status != apiclient.StatusQuotaExceeded {
		return ""
	}
	msg := strings.ToLower(strings.Join(strings.Fields(ae.Message), " "))
	switch {
	case strings.HasPrefix(msg, "volume size quota"), strings.HasPrefix(msg, "volume_size quota"):
		return apiclient.QuotaResourceVolumeSize
	case strings.HasPrefix(msg, "volume quota"):
		return apiclient.QuotaResourceVolume
	case strings.HasPrefix(msg, "elasticip quota"), strings.HasPrefix(msg, "elastic ip quota"):
		return apiclient.QuotaResourceElasticIP
	}
	return apiclient.QuotaResourceType
}
