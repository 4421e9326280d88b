package apiclient

import (
	"net"
	"net/url"
	"strings"
)

// Default hosts and signature service names. COC-VM's service name is not
// published; "cocvm" is inferred (see reference section 3), so every name
// here can be overridden through Config.
const (
	DefaultVMHost       = "coc-vm.jdcloud-api.com"
	DefaultQuotaHost    = "cocquota.jdcloud-api.com"
	DefaultVPCHost      = "cocvpc.jdcloud-api.com"
	DefaultVMService    = "cocvm"
	DefaultQuotaService = "cocquota"
	DefaultVPCService   = "cocvpc"
)

// ServiceHosts overrides where each API lives. A value is a host
// ("coc-vm.jdcloud-api.com", https assumed) or a base URL
// ("http://127.0.0.1:8089"). Empty means Config.Endpoint when set, else the
// default host.
type ServiceHosts struct {
	VM    string
	Quota string
	VPC   string
}

// ServiceNames overrides the service names signed into each request's
// credential scope. Empty means the default (cocvm, cocquota, cocvpc).
type ServiceNames struct {
	VM    string
	Quota string
	VPC   string
}

// endpoint is one resolved API: where requests go and how they are signed.
type endpoint struct {
	base    *url.URL // scheme, host and an optional path prefix, no trailing slash
	service string
}

func resolveEndpoint(override, common, defaultHost, service, defaultService string, insecure bool) (endpoint, error) {
	raw := override
	if raw == "" {
		raw = common
	}
	if raw == "" {
		raw = defaultHost
	}
	if service == "" {
		service = defaultService
	}
	u, err := parseBaseURL(raw)
	if err != nil {
		return endpoint{}, err
	}
	if u.Scheme == "http" && !insecure && !IsLoopbackHost(u.Hostname()) {
		return endpoint{}, &EndpointError{URL: raw, Reason: T("plain http:// is only allowed to this machine (127.0.0.1, ::1, localhost); " +
			"the request body carries the instance password, so use https:// (or --insecure to send it in the clear anyway)")}
	}
	return endpoint{base: u, service: service}, nil
}

func parseBaseURL(raw string) (*url.URL, error) {
	s := strings.TrimSpace(raw)
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, &EndpointError{URL: raw, Reason: T("not a URL")}
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, &EndpointError{URL: raw, Reason: T("scheme %q is neither http nor https", u.Scheme)}
	}
	if u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, &EndpointError{URL: raw, Reason: T("expected scheme://host[:port][/path prefix]")}
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// IsLoopbackHost reports whether host (no port) is this machine: localhost,
// 127.0.0.0/8 or ::1.
func IsLoopbackHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// url builds the full URL of a call: base + /v1/regions/{region} + path.
func (e endpoint) url(region, path string, q query) *url.URL {
	u := *e.base
	u.Path = e.base.Path + "/v1/regions/" + region + path
	u.RawPath = ""
	u.RawQuery = q.encode()
	return &u
}

// String is the base URL and service, for debug output and errors.
func (e endpoint) String() string { return e.base.String() + " (service " + e.service + ")" }
