// Package wizard holds the meaning of a createInstances request: the draft a
// person is building, every documented rule as a plain function, and the
// request bodies built from a draft. It does no I/O.
package wizard

import "github.com/cocvm/cocvm/apiclient"

// Draft is everything a person has chosen so far: the region plus the whole
// request. Count may exceed 100; Build splits such a draft into several
// requests.
type Draft struct {
	Region      string
	Spec        apiclient.InstanceSpec
	Count       int // 0 means the documented default of 1
	ClientToken string
}

// Problem is one broken rule, addressed by the JSON path of the field in the
// request body (for example "instanceSpec.primaryNetworkInterface.ip").
type Problem struct {
	Path    string
	Message string
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}
