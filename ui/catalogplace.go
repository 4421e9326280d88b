package ui

import "cmp"

// catalogPlace names where the wizard's catalogue comes from, for the
// catalogue cache (presets.CatalogCache): the built-in sandbox, or the
// credentials' source and the endpoint (JD Cloud's own hosts when none is
// given). A place's lists never show for another; a list kept under a
// place that changed accounts is put right by the refresh that follows.
func catalogPlace(s *Session) string {
	if s.Sandbox && s.Endpoint == "" {
		return "sandbox"
	}
	return s.Source + " @ " + cmp.Or(s.Endpoint, "JD Cloud")
}
