// Package locale decides which language cocvm speaks to a person: English
// or Simplified Chinese. Machine output (-o json, the request body, exit
// codes, flag names) never changes with it.
//
// The choice, first found wins: --lang, COCVM_LANG, the config's language
// key, then the POSIX order LC_ALL, LC_MESSAGES, LANG. zh_CN.UTF-8, zh_CN,
// zh-Hans, zh_SG, zh_TW and zh_HK all mean Chinese (Simplified: there is no
// Traditional catalogue); C, POSIX and anything else mean English.
//
// How words reach a person: pages format through a printer (Printer, on
// theme.Styles.P and ui's Env.P), whose formats are the English source
// strings and the keys of the catalogue (catalog.go; one zh_*.go file per
// part of cocvm). The packages below ui, which may not import it, say what
// a person reads as an apiclient.Text or an apiclient.Errorf error, and
// Say puts it in the person's language where it is shown. A test reads
// every format in the module's source and fails when the Chinese
// catalogue lacks one, or keeps one no code uses.
package locale

import (
	"fmt"
	"strings"
)

// Lang is a language cocvm speaks.
type Lang string

// The languages.
const (
	English Lang = "en"
	Chinese Lang = "zh"
)

// Source says where a choice came from, for --debug and setup.
type Source struct {
	Lang Lang
	From string // "--lang", "COCVM_LANG", "config", "LC_ALL", "LC_MESSAGES", "LANG" or "default"
}

// Parse reads a value of --lang, COCVM_LANG or the config key: zh or en,
// and the locale names that mean them. ok is false for anything else.
func Parse(v string) (Lang, bool) {
	l := fromPOSIX(v)
	return l, l != ""
}

// fromPOSIX reads a locale name: language[_territory][.codeset][@modifier],
// or a BCP 47 tag. "" for a value that names neither language.
func fromPOSIX(v string) Lang {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, ".@"); i >= 0 {
		v = v[:i]
	}
	lang, _, _ := strings.Cut(strings.ReplaceAll(v, "-", "_"), "_")
	switch strings.ToLower(lang) {
	case "zh", "chinese":
		return Chinese
	case "en", "english", "c", "posix":
		return English
	}
	return ""
}

// Choose picks the language: flag (--lang), then the environment read by
// getenv, with config (the config file's language key) between COCVM_LANG
// and the POSIX variables. A --lang, COCVM_LANG or config value that is
// neither language is an error naming where it came from; a POSIX variable
// that names another language means English, as POSIX's "C" does, since
// cocvm has no catalogue for it.
func Choose(flag, config string, getenv func(string) string) (Source, error) {
	for _, s := range []struct{ from, v string }{{"--lang", flag}, {"COCVM_LANG", getenv("COCVM_LANG")}, {"config", config}} {
		if strings.TrimSpace(s.v) == "" {
			continue
		}
		l, ok := Parse(s.v)
		if !ok {
			return Source{Lang: English, From: s.from}, fmt.Errorf("%s %q: cocvm speaks zh (简体中文) or en", s.from, s.v)
		}
		return Source{Lang: l, From: s.from}, nil
	}
	// POSIX: the first of these that is set and not empty decides, even if
	// it names a language cocvm does not have.
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			l := fromPOSIX(v)
			if l == "" {
				l = English
			}
			return Source{Lang: l, From: name}, nil
		}
	}
	return Source{Lang: English, From: "default"}, nil
}
