package locale

import (
	"fmt"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// The catalogue is x/text's: the English source string is the key (what
// the code passes to Printer.Sprintf), English needs an entry only where a
// count chooses the form, and Chinese has one for every message the code
// uses (TestCatalogueCoversEveryMessage holds both ways).
var cat = catalog.NewBuilder(catalog.Fallback(language.English))

// Tag is the language's BCP 47 tag.
func (l Lang) Tag() language.Tag {
	if l == Chinese {
		return language.SimplifiedChinese
	}
	return language.English
}

// Printer formats and translates in l: pages reach it through
// theme.Styles.P, never through a package variable.
// A printer only reads the catalogue, so there is one per language.
func Printer(l Lang) *message.Printer {
	buildOnce.Do(build)
	if l == Chinese {
		return printers[1]
	}
	return printers[0]
}

// LangOf is the language p speaks (English for nil or a printer this
// package did not make).
func LangOf(p *message.Printer) Lang {
	if p != nil && p == Printer(Chinese) {
		return Chinese
	}
	return English
}

// The catalogue is filled by one file per part of cocvm (zh_*.go), each
// calling addChinese, and addPlurals where English chooses a form by
// count, from its init; the catalogue is built the first time a printer is
// asked for.
var (
	zhMessages     = map[string]string{}
	englishPlurals = map[string]pluralForms{}
	buildOnce      sync.Once
	printers       [2]*message.Printer // English, Chinese
)

// pluralForms are an English message's forms: argument arg (counted from
// 1) is the count.
type pluralForms struct {
	arg        int
	one, other string
}

// addChinese adds Chinese translations. The same source string may appear
// in two parts of cocvm only with the same translation.
func addChinese(m map[string]string) {
	for k, v := range m {
		if old, ok := zhMessages[k]; ok && old != v {
			panic(fmt.Sprintf("locale: %q is translated twice: %q and %q", k, old, v))
		}
		zhMessages[k] = v
	}
}

// addPlurals adds English messages whose form depends on a count.
func addPlurals(m map[string]pluralForms) {
	for k, v := range m {
		if old, ok := englishPlurals[k]; ok && old != v {
			panic(fmt.Sprintf("locale: %q has two sets of English forms", k))
		}
		englishPlurals[k] = v
	}
}

func build() {
	for key, forms := range englishPlurals {
		must(cat.Set(language.English, key, plural.Selectf(forms.arg, "%d", plural.One, forms.one, plural.Other, forms.other)))
	}
	for key, text := range zhMessages {
		must(cat.SetString(language.SimplifiedChinese, key, text))
	}
	printers[0] = message.NewPrinter(English.Tag(), message.Catalog(cat))
	printers[1] = message.NewPrinter(Chinese.Tag(), message.Catalog(cat))
}

func must(err error) {
	if err != nil {
		panic("locale: " + err.Error())
	}
}

// ChineseKeys are the source strings the Chinese catalogue translates.
func ChineseKeys() []string {
	keys := make([]string, 0, len(zhMessages))
	for k := range zhMessages {
		keys = append(keys, k)
	}
	return keys
}
