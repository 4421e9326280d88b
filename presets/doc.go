// Package presets owns what cocvm keeps on disk: named presets (reusable
// drafts), the configuration with its credential profiles, and the journal of
// submitted requests. Every file is written atomically (temp file, fsync,
// rename) and no file but config.toml ever holds a secret: a preset has no
// password, and a journal record has no field that could carry one.
//
// Locations follow the XDG base directory spec and are resolved at call
// time; every function also takes explicit paths so callers and tests can
// point it anywhere.
package presets
