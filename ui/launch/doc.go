// Package launch is the wizard that creates instances: seven form steps
// (one file each, step_*.go), the review, then the status panel, all in one
// Bubble Tea program (Model), and the same steps as line prompts
// (RunAccessible).
//
// The draft lives in the model; every step edits it and every keystroke
// re-runs the rules (package wizard). The steps are built from ui/field's
// components; the catalogue they list comes from look-ups (lookups.go) that
// run as commands and are matched to what is still wanted by key, so a late
// answer for an old region is dropped; what the wizard chooses for the
// person is in defaults.go. The slow-changing lists (instance types,
// images, disk types) are kept between runs (catalogcache.go, on
// presets.CatalogCache): shown at once, asked afresh behind the screen, and
// what the fresh answer changed is marked; stock and quotas are asked
// afresh whenever the review opens. Each page has its key map (keys.go),
// and its footer and ? screen are built from it.
//
// The review (review*.go, save.go) keeps its own state: the clientToken
// fixed for the body, the submission on its way. It gets the wizard as a
// reviewInput and asks for steps and saved presets with messages.
//
// Submit is the one submit policy (the journal written ahead, a token per
// request, a refusal for stock or quota stopping only its zone, any other
// failure the run), used by the review and by the command line's create
// --yes, --resume and accessible mode; failure.go says what became of a
// failed one, in the same words everywhere. fleet.go spreads a draft over
// its zones (PlanFleet with look-ups, NewFleet from what is loaded).
//
// Every timer (spinners, the status panel's polls and clock) goes through
// Config.After, so tests decide when time passes. launch imports ui/field,
// ui/theme, ui/watch and ui/prompt, never ui.
package launch
