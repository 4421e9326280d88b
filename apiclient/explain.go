package apiclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"syscall"
)

// Explanation tells a person what an error means and what to do next.
type Explanation struct {
	// Summary says what happened (English words ui puts in the person's
	// language).
	Summary Text
	// Chinese is the seed document's 错误解析 for the row (or an equivalent).
	Chinese string
	// Next is a step the person can take.
	Next Text
	// Detail is the error verbatim: the API's status and message, the
	// request id, or the network error.
	Detail string
	// Kind says which explanation this is when a caller may add advice of
	// its own: Next stays in this package's words, and a command line names
	// its own flags and commands. "" for the others.
	Kind Kind
	// Param is the parameter a KindMissingParam error names, as the API
	// wrote it (InstanceSpec.Name).
	Param string
}

// Kind names an explanation that a caller may advise on in its own words.
type Kind string

// The kinds of explanation a caller may add advice to.
const (
	KindEndpoint         Kind = "endpoint"           // an endpoint the client will not use
	KindMissingParam     Kind = "missing-param"      // a required parameter is missing (Param)
	KindInvalidParam     Kind = "invalid-param"      // a parameter was rejected
	KindTypeNotFound     Kind = "type-not-found"     // the instance type does not exist in the region
	KindUnknownAccessKey Kind = "unknown-access-key" // JD Cloud does not know the access key
	KindCredentials      Kind = "credentials"        // the credentials were refused
	KindRateLimit        Kind = "rate-limit"         // too many requests
	KindNotJSON          Kind = "not-json"           // the answer is not a JD Cloud API response
	KindDNS              Kind = "dns"                // the host name could not be resolved
	KindRefused          Kind = "refused"            // nothing listens at the endpoint
)

// TicketURL is where JD Cloud takes support tickets and quota requests.
const TicketURL = "https://ticket.jdcloud.com/applyorder/submit"

// Explain maps an error from this package to an Explanation: every row of
// the createInstances error table, gateway (401, 429) failures, non-JSON
// answers, transport failures, timeouts and cancellation. Unknown errors get
// their own text as Summary.
func Explain(err error) Explanation {
	if err == nil {
		return Explanation{}
	}
	x := explain(err)
	x.Detail = err.Error()
	return x
}

func explain(err error) Explanation {
	var ea *earlierAttemptError
	var ae *APIError
	var te *TransportError
	var ee *EndpointError
	switch {
	case errors.As(err, &ea):
		// The refusal answered a retry: the attempt before it got no
		// answer and may have been carried out, so the refusal alone is
		// not what happened.
		x := explain(ea.err)
		x.Summary = T("An earlier attempt got no answer, and the API refused the retry: %v", x.Summary)
		return x
	case errors.As(err, &ae):
		return explainAPI(ae)
	case errors.Is(err, context.Canceled):
		return Explanation{
			Summary: T("Cancelled before the API answered."),
			Chinese: "操作已取消。",
			Next:    T("Nothing more will be sent. A create that was already on its way may still go through: check the instances before submitting again, with the same clientToken."),
		}
	case errors.As(err, &te):
		return explainTransport(te)
	case errors.Is(err, context.DeadlineExceeded):
		return Explanation{
			Summary: T("The API did not answer in time."),
			Chinese: "请求超时。",
			Next:    T("Check the network and try again; resubmitting a create with the same clientToken cannot create twice."),
		}
	case errors.As(err, &ee):
		return Explanation{
			Summary: T("The endpoint %s cannot be used: %s.", ee.URL, ee.Reason),
			Chinese: "接入地址不可用。",
			Next:    T("Use an https:// endpoint (plain http:// is for a local sandbox)."),
			Kind:    KindEndpoint,
		}
	}
	return Explanation{Summary: T("%s", err)}
}

// apiRule explains API errors whose status matches (any status when "")
// and whose message matches pattern (any message when nil).
type apiRule struct {
	status  string
	pattern *regexp.Regexp
	explain func(e *APIError, m []string) Explanation
}

func fixed(summary Text, chinese string, next Text, kind ...Kind) func(*APIError, []string) Explanation {
	return func(*APIError, []string) Explanation {
		x := Explanation{Summary: summary, Chinese: chinese, Next: next}
		if len(kind) > 0 {
			x.Kind = kind[0]
		}
		return x
	}
}

var retryLater = T("Try again in a few minutes (resubmitting a create with the same clientToken cannot create twice); if it keeps failing, open a ticket at %s quoting the request id.", TicketURL)

// notFoundKinds maps the resource named in a NOT_FOUND message to its
// Chinese explanation and the way to find a valid one.
var notFoundKinds = map[string]struct {
	summary func(id string) Text
	chinese string
	next    Text
}{
	"InstanceType": {func(id string) Text { return T("Instance type %s does not exist in this region.", id) },
		"实例规格不存在。", T("Pick an instance type from those sold in this region and zone.")},
	"Subnet": {func(id string) Text { return T("Subnet %s does not exist in this region.", id) },
		"子网不存在。", T("Pick a subnet of the chosen VPC in this region; subnets belong to one region.")},
	"SecurityGroups": {func(id string) Text { return T("Security group %s does not exist in this region.", id) },
		"安全组不存在。", T("Pick security groups of the chosen VPC in this region.")},
	"KeyPair": {func(id string) Text { return T("Key pair %s does not exist in this region.", id) },
		"密钥不存在。", T("Pick a key pair of this region, or create one in the console (key pairs belong to one region).")},
	"Image": {func(id string) Text { return T("Image %s does not exist in this region.", id) },
		"镜像不存在。", T("Pick an image of this region; private images exist only in the region they were made in.")},
}

var apiRules = []apiRule{
	{StatusInvalidArg, regexp.MustCompile(`^Parameter (\S+) missing`), func(_ *APIError, m []string) Explanation {
		field := m[1][strings.LastIndex(m[1], ".")+1:]
		return Explanation{
			Summary: T("The request lacks the required parameter %s.", m[1]),
			Chinese: fmt.Sprintf("参数%s不可为空。", field),
			Next:    T("Fill in %s and submit again.", field),
			Kind:    KindMissingParam,
			Param:   m[1],
		}
	}},
	{StatusInvalidArg, regexp.MustCompile(`^Invalid password`), fixed(
		T("The API rejected the password: it breaks JD Cloud's password rules."),
		"密码不符合规范。",
		T("Choose 8 to 26 characters with three of: digits, lower-case, upper-case, specials (%s); no runs such as 123, abc or qwer, and nothing of root or Administrator. Or log in with a key pair instead.", "!@$%^-_=+[{}]:,./?"))},
	{StatusFailedPrecond, regexp.MustCompile(`^Disk type '(.*)' is out of stock`), func(_ *APIError, m []string) Explanation {
		return Explanation{
			Summary: T("Disk type %s is sold out here.", m[1]),
			Chinese: fmt.Sprintf("“%s”类型云硬盘已售罄。", m[1]),
			Next:    T("Pick another disk type (ssd.gp1, ssd.io1, hdd.std1) or another availability zone."),
		}
	}},
	{StatusFailedPrecond, regexp.MustCompile(`^Image '(.*)' not ready`), func(_ *APIError, m []string) Explanation {
		return Explanation{
			Summary: T("Image %s is not ready to use.", m[1]),
			Chinese: fmt.Sprintf("所选镜像“%s”处于非可用状态。", m[1]),
			Next:    T("Wait until the image's status is \"ready\", or pick another image."),
		}
	}},
	{StatusFailedPrecond, regexp.MustCompile(`^Image constraints\. Doesn't support instanceType '(.*)'`), func(_ *APIError, m []string) Explanation {
		return Explanation{
			Summary: T("The image does not run on instance type %s.", m[1]),
			Chinese: fmt.Sprintf("所选镜像不支持当前配置的实例规格'%s'。", m[1]),
			Next:    T("Pick an instance type the image supports, or another image."),
		}
	}},
	{StatusOutOfRange, regexp.MustCompile(`(?i)^maxcount out of range`), fixed(
		T("The number of instances is out of range."),
		"创建数量超过允许上限。",
		T("Create 1 to 100 instances per request, and exactly 1 when a private IP is given; larger fleets go in several requests."))},
	{StatusOutOfRange, regexp.MustCompile(`SystemDisk\S*DiskSizeGB out of range`), fixed(
		T("The system disk size is out of range."),
		"系统盘容量超出允许范围。",
		T("Use 40 to 500 GiB in steps of 10, and at least the image's own system disk size."))},
	{StatusOutOfRange, regexp.MustCompile(`DataDisks?\S*DiskSizeGB out of range`), fixed(
		T("A data disk size is out of range."),
		"数据盘容量超出允许范围。",
		T("Use 20 to 32000 GiB in steps of 10 for each data disk."))},
	{StatusConflict, regexp.MustCompile(`^Subnet '(.*)' not support ipv6`), func(_ *APIError, m []string) Explanation {
		return Explanation{
			Summary: T("Subnet %s does not support IPv6.", m[1]),
			Chinese: "所选子网不支持IPv6。",
			Next:    T("Pick another subnet of the VPC, or enable IPv6 on this one in the console."),
		}
	}},
	{StatusNotFound, regexp.MustCompile(`^(InstanceType|Subnet|SecurityGroups|KeyPair|Image) '(.*)' not found`), func(_ *APIError, m []string) Explanation {
		k := notFoundKinds[m[1]]
		x := Explanation{
			Summary: k.summary(m[2]),
			Chinese: k.chinese,
			Next:    k.next,
		}
		if m[1] == "InstanceType" {
			x.Kind = KindTypeNotFound
		}
		return x
	}},
	// createInstances: the instances and their disks and elastic IPs are
	// limited by quota. The page words only the instance row; the others
	// say the same of their describeUsage resource.
	{StatusQuotaExceeded, regexp.MustCompile(`(?i)^volume quota`), fixed(
		T("The cloud disk quota of this region is used up (system disks count too)."),
		"云硬盘配额不足。",
		T("Use fewer data disks or a lower count, or ask for more quota with a ticket at %s.", TicketURL))},
	{StatusQuotaExceeded, regexp.MustCompile(`(?i)^volume size quota`), fixed(
		T("The cloud disk capacity quota of this region is used up."),
		"云硬盘容量配额不足。",
		T("Use smaller disks or a lower count, or ask for more quota with a ticket at %s.", TicketURL))},
	{StatusQuotaExceeded, regexp.MustCompile(`(?i)^elastic ?ip quota`), fixed(
		T("The elastic IP quota of this region is used up."),
		"弹性公网IP配额不足。",
		T("Create the instances without an elastic IP or with a lower count, or ask for more quota with a ticket at %s.", TicketURL))},
	{StatusQuotaExceeded, nil, fixed(
		T("The instance quota of this region is used up."),
		"云主机配额不足。",
		T("Lower the count, or ask for more quota with a ticket at %s. Instances that failed to create release their quota.", TicketURL))},
	{StatusInternal, nil, fixed(
		T("JD Cloud had an internal error."),
		"系统内部错误，请稍后重试。如果多次尝试失败，请提交工单。",
		retryLater)},
	{StatusUnknown, nil, fixed(
		T("The service is temporarily unavailable."),
		"服务暂时不可用，请稍后重试。如果多次尝试失败，请提交工单。",
		retryLater)},
	{StatusAccessError, regexp.MustCompile(`(?i)^invalid access ?key`), fixed(
		T("JD Cloud does not know this access key."),
		"AccessKey无效。",
		T("Check the access key, or create a key pair at https://uc.jdcloud.com/accesskey/index."), KindUnknownAccessKey)},
	{StatusAccessError, regexp.MustCompile(`(?i)sign result is not same`), fixed(
		T("The request's signature did not match: the secret key is most likely wrong."),
		"签名校验失败。",
		T("Check that the secret key belongs to the access key. With a custom endpoint, check the service names too."))},
	{StatusAccessError, regexp.MustCompile(`(?i)x-jdcloud-date.*(minutes|expired|skew)|invalid x-jdcloud-date`), fixed(
		T("The request's time is too far from the server's clock."),
		"请求时间与服务器时间相差过大。",
		T("Set this machine's clock right (enable NTP) and try again."))},
	{StatusAccessError, nonceRefusalPattern, fixed(
		T("The gateway saw this exact request before and refused the replay."),
		"请求重复（随机数已使用）。",
		T("Try again: every new attempt carries a fresh nonce."))},
	{StatusAccessError, regexp.MustCompile(`(?i)^lack of header`), fixed(
		T("The gateway did not receive a header the signature needs."),
		"缺少必要的请求头。",
		T("A proxy between this machine and JD Cloud may be stripping headers; try without it (unset HTTPS_PROXY) or ask its administrator."))},
	{StatusAccessError, nil, fixed(
		T("JD Cloud refused the credentials."),
		"鉴权失败。",
		T("Check the access key and secret key."), KindCredentials)},
	{StatusRateLimit, nil, rateLimited},
	{StatusHTTPRateLimit, nil, rateLimited},
	{StatusInvalidArg, nil, fixed(
		T("The API rejected a parameter of the request."),
		"参数错误。",
		T("Correct the parameter the message names."), KindInvalidParam)},
	{StatusFailedPrecond, nil, fixed(
		T("The request cannot be carried out in the current state of the resources it names."),
		"前置条件不满足。",
		T("Read the message for the resource concerned, change it or pick another, and try again."))},
	{StatusOutOfRange, nil, fixed(
		T("A value of the request is out of range."),
		"参数超出允许范围。",
		T("Correct the value the message names."))},
	{StatusNotFound, nil, fixed(
		T("Something the request names does not exist."),
		"资源不存在。",
		T("Check the region and the ids the message names."))},
	{StatusConflict, nil, fixed(
		T("The request conflicts with the current state of a resource."),
		"资源冲突。",
		T("Read the message, change the conflicting choice and try again."))},
}

func rateLimited(*APIError, []string) Explanation {
	return Explanation{
		Summary: T("Too many requests: JD Cloud is rate-limiting this account."),
		Chinese: "请求过于频繁，已被限流。",
		Next:    T("Wait a minute and try again; other tools using the same account count too."),
		Kind:    KindRateLimit,
	}
}

func explainAPI(e *APIError) Explanation {
	if e.NotJSON {
		return Explanation{
			Summary: T("The endpoint answered HTTP %d with something that is not a JD Cloud API response (a proxy, a firewall page or a wrong endpoint).", e.HTTPStatus),
			Chinese: "返回内容不是京东云API响应。",
			Next:    T("Check the endpoint and any HTTP proxy (HTTPS_PROXY); if it was a gateway error, try again later."),
			Kind:    KindNotJSON,
		}
	}
	for _, r := range apiRules {
		if r.status != e.Status {
			continue
		}
		var m []string
		if r.pattern != nil {
			if m = r.pattern.FindStringSubmatch(e.Message); m == nil {
				continue
			}
		}
		return r.explain(e, m)
	}
	switch {
	case e.HTTPStatus == http.StatusTooManyRequests:
		return rateLimited(e, nil)
	case e.HTTPStatus == http.StatusUnauthorized:
		return explainAPI(&APIError{HTTPStatus: e.HTTPStatus, Status: StatusAccessError, Message: e.Message})
	case e.HTTPStatus == http.StatusForbidden:
		return Explanation{
			Summary: T("The account is not allowed to do this."),
			Chinese: "没有操作权限。",
			Next:    T("A sub-user needs a policy that allows COC-VM; the main account may need real-name verification and a payment method. Ask the account owner."),
		}
	case e.HTTPStatus >= 500:
		return Explanation{Summary: T("The service failed on its side."), Chinese: "服务端错误，请稍后重试。", Next: retryLater}
	case e.HTTPStatus >= 400:
		return Explanation{Summary: T("The API refused the request."), Chinese: "请求被拒绝。", Next: T("Read the API's message, correct the request and try again.")}
	}
	return Explanation{Summary: T("The API answered unexpectedly."), Chinese: "响应异常。", Next: retryLater}
}

func explainTransport(e *TransportError) Explanation {
	host := e.URL
	if u, err := url.Parse(e.URL); err == nil {
		host = u.Host
	}
	var dnsErr *net.DNSError
	var rr *replayRefusal
	switch {
	case errors.As(e.Err, &rr):
		return Explanation{
			Summary: T("The gateway of %s refused every attempt as a replay of an earlier request (nonce already used), although each was signed afresh.", host),
			Chinese: "请求重复（随机数已使用）。",
			Next: T("Something between this machine and JD Cloud (a proxy or load balancer) may be resending requests; try again, or without the proxy (unset HTTPS_PROXY). " +
				"The request may have reached JD Cloud: resubmitting a create with the same clientToken cannot create twice."),
		}
	case e.Timeout > 0 || errors.Is(e.Err, context.DeadlineExceeded):
		return Explanation{
			Summary: T("%s did not answer in time.", host),
			Chinese: "请求超时。",
			Next: T("Check the network or proxy and try again. " +
				"The request may have reached JD Cloud: resubmitting a create with the same clientToken cannot create twice."),
		}
	case errors.As(e.Err, &dnsErr):
		return Explanation{
			Summary: T("The name %s could not be resolved.", host),
			Chinese: "域名解析失败。",
			Next:    T("Check the network and DNS, and the endpoint's spelling."),
			Kind:    KindDNS,
		}
	case errors.Is(e.Err, syscall.ECONNREFUSED):
		return Explanation{
			Summary: T("Nothing is listening at %s.", host),
			Chinese: "连接被拒绝。",
			Next:    T("Check the endpoint and port."),
			Kind:    KindRefused,
		}
	case tlsUnverified(e.Err):
		return Explanation{
			Summary: T("The TLS certificate of %s could not be verified.", host),
			Chinese: "TLS证书校验失败。",
			Next:    T("A proxy may be intercepting HTTPS: install its CA certificate, or check the endpoint."),
		}
	case errors.Is(e.Err, io.EOF), errors.Is(e.Err, io.ErrUnexpectedEOF), errors.Is(e.Err, syscall.ECONNRESET), errors.Is(e.Err, syscall.EPIPE):
		// The request was sent; the connection closed before an answer.
		summary := T("%s closed the connection before answering.", host)
		if e.Attempts > 1 {
			summary = T("%s closed the connection before answering (%d attempts).", host, e.Attempts)
		}
		return Explanation{
			Summary: summary,
			Chinese: "连接中断，未收到响应。",
			Next: T("Check the network and any proxy (HTTPS_PROXY), then try again. " +
				"The request may have reached JD Cloud: resubmitting a create with the same clientToken cannot create twice."),
		}
	}
	return Explanation{
		Summary: T("Could not reach %s.", host),
		Chinese: "网络连接失败。",
		Next: T("Check the network connection and any proxy (HTTPS_PROXY), then try again. " +
			"The request may have reached JD Cloud: resubmitting a create with the same clientToken cannot create twice."),
	}
}
