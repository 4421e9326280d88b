// Package advice says what a person can do about an error, in cocvm's own
// commands and flags. apiclient classifies the error and keeps the API's
// words (apiclient.Explain); the step to take next, when it names a cocvm
// command or flag, is decided here, in one place, for every screen and
// message: the review, the status panel, the plain progress lines, the
// setup and the command line.
package advice

import "github.com/cocvm/cocvm/apiclient"

// Explain is apiclient.Explain, with Next in cocvm's words.
func Explain(err error) apiclient.Explanation {
	return apiclient.Explain(err)
}
